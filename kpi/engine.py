"""The KPI engine: a request (KPIs, date range, grain, breakdown, filters, comparison, targets)
compiles to one query per dataset — a sqlglot expression tree, emitted here in DuckDB's dialect
and in any other on demand — and runs on the session's connection.

Ratios are ratios of sums in every period and breakdown; division by zero gives NULL; periods
with no rows appear as empty periods. A KPI without the data it needs comes back under `needs`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import duckdb
import pandas as pd
import sqlglot
from sqlglot import exp

from kpi.catalog import BY_ID, Kpi
from kpi.errors import KpiError
from kpi.schema import DATASETS, TIME_FIELDS

GRAINS = ("day", "week", "month", "quarter")
COMPARISONS = ("previous", "year")
DIALECT = "duckdb"
# Within this share of the target a KPI is "warning" rather than "bad".
WARNING_BAND = 0.1
# The period spine's columns; underscored so they never meet a dataset's own columns.
_START, _END = "__period_start", "__period_end"


@dataclass(frozen=True)
class Request:
    """What to compute. `filters` maps a field to the values kept; `targets` a KPI id to a target."""

    kpis: tuple[str, ...]
    start: dt.date
    end: dt.date
    grain: str | None = None  # None: one value for the whole range
    by: tuple[str, ...] = ()
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    compare: str | None = None  # previous period, or same period last year
    targets: Mapping[str, float] = field(default_factory=dict)
    extra: tuple[Kpi, ...] = ()  # the person's own KPIs (custom formulas, average A per B)


@dataclass(frozen=True)
class Need:
    """A KPI that cannot be computed: what it lacks and which export provides it."""

    kpi: str
    missing: tuple[str, ...]
    hint: str
    reason: str = "missing"  # missing data, or "unusable": the breakdown or filter does not apply


@dataclass
class Result:
    """One row per KPI × period × breakdown, the KPIs that need data, and the SQL that ran."""

    rows: pd.DataFrame
    needs: list[Need]
    sql: dict[str, str]


# --- periods ----------------------------------------------------------------------------------


def period_start(day: dt.date, grain: str) -> dt.date:
    """The first day of the period holding `day` (weeks start on Monday)."""
    if grain == "day":
        return day
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    raise KpiError(f"Unknown grain {grain!r}: use one of {', '.join(GRAINS)}.")


def _next_period(start: dt.date, grain: str) -> dt.date:
    if grain == "day":
        return start + dt.timedelta(days=1)
    if grain == "week":
        return start + dt.timedelta(days=7)
    months = 1 if grain == "month" else 3
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def periods(start: dt.date, end: dt.date, grain: str | None) -> list[tuple[dt.date, dt.date]]:
    """The periods covering [start, end] as (first day, day after the last), clipped to the range."""
    if end < start:
        raise KpiError(f"The range ends ({end}) before it starts ({start}). Swap the dates.")
    if grain is None:
        return [(start, end + dt.timedelta(days=1))]
    out = []
    current = period_start(start, grain)
    while current <= end:
        nxt = _next_period(current, grain)
        out.append((max(current, start), min(nxt, end + dt.timedelta(days=1))))
        current = nxt
    return out


def _shift_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def comparison_range(start: dt.date, end: dt.date, compare: str) -> tuple[dt.date, dt.date]:
    """The range a request is compared with: the equally long period before, or last year."""
    if compare == "previous":
        length = end - start + dt.timedelta(days=1)
        return start - length, end - length
    if compare == "year":
        return _shift_year(start), _shift_year(end)
    raise KpiError(f"Unknown comparison {compare!r}: use previous or year.")


# --- compiling --------------------------------------------------------------------------------


def _parse(sql: str) -> exp.Expression:
    return sqlglot.parse_one(sql, dialect=DIALECT)


def _with_filter(expression: exp.Expression, condition: exp.Expression | None) -> exp.Expression:
    """Apply a KPI's row filter to every aggregate inside its expression (FILTER (WHERE …))."""
    if condition is None:
        return expression

    def wrap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.AggFunc) and not isinstance(node.parent, exp.Filter):
            return exp.Filter(this=node.copy(), expression=exp.Where(this=condition.copy()))
        return node

    return expression.copy().transform(wrap)


def _date(value: dt.date) -> exp.Expression:
    return exp.cast(exp.Literal.string(value.isoformat()), exp.DataType.Type.DATE)


def _spine(bounds: Sequence[tuple[dt.date, dt.date]]) -> exp.Expression:
    rows = [exp.Tuple(expressions=[_date(a), _date(b)]) for a, b in bounds]
    return exp.Values(expressions=rows, alias=exp.TableAlias(this=exp.to_identifier("spine"),
                      columns=[exp.to_identifier(_START), exp.to_identifier(_END)]))  # fmt: skip


def _filters_condition(filters: Mapping[str, tuple[str, ...]]) -> exp.Expression | None:
    parts = [
        exp.In(this=exp.column(name), expressions=[exp.Literal.string(v) for v in values])
        for name, values in sorted(filters.items())
    ]
    return exp.and_(*parts) if parts else None


def compile_dataset(
    dataset: str,
    kpis: Sequence[Kpi],
    bounds: Sequence[tuple[dt.date, dt.date]],
    by: Sequence[str] = (),
    filters: Mapping[str, tuple[str, ...]] | None = None,
    grain: str | None = None,
) -> exp.Select:
    """One query for the KPIs of a dataset: numerator and denominator sums per period and
    breakdown, with every period of `bounds` present (NULL where no rows fell)."""
    time = exp.column(TIME_FIELDS[dataset])
    day = exp.cast(time.copy(), exp.DataType.Type.DATE)
    keys = [exp.column(b) for b in by]
    first, after_last = bounds[0][0], bounds[-1][1]
    if grain is None:
        period: exp.Expression = _date(first)
    else:
        # date_trunc buckets in one pass (weeks start on Monday in DuckDB and Spark alike); the
        # first period is clipped to the range, as `periods()` clips it.
        truncated = exp.cast(
            exp.func("date_trunc", exp.Literal.string(grain), time.copy()), exp.DataType.Type.DATE
        )
        period = exp.func("greatest", truncated, _date(first))
    in_range = exp.and_(
        exp.GTE(this=day.copy(), expression=_date(first)),
        exp.LT(this=day.copy(), expression=_date(after_last)),
    )
    row_filter = _filters_condition(filters or {})
    joined = (
        exp.select("*", exp.alias_(period, _START))
        .from_(exp.to_table(dataset))
        .where(in_range if row_filter is None else exp.and_(in_range, row_filter))
    )

    measures: list[exp.Expression] = []
    for k in kpis:
        condition = _parse(k.filter) if k.filter else None
        measures.append(exp.alias_(_with_filter(_parse(k.numerator), condition), f"{k.id}__num"))
        if k.denominator:
            measures.append(
                exp.alias_(_with_filter(_parse(k.denominator), condition), f"{k.id}__den")
            )
    source = _last_day_rows(joined, dataset, by) if any(k.stock for k in kpis) else joined
    aggregated = (
        exp.select(exp.column(_START), *[k.copy() for k in keys], *measures)
        .from_(source.subquery("rows"))
        .group_by(exp.column(_START), *[k.copy() for k in keys])
    )
    # Every period × every breakdown value present in the range, so empty periods show.
    frame = exp.select(exp.column(_START, "spine"), *[exp.column(b, "keys") for b in by]).from_(
        _spine(bounds)
    )
    if keys:
        distinct = exp.select(*[k.copy() for k in keys]).distinct().from_(joined.subquery("rows"))
        frame = frame.join(distinct.subquery("keys"), join_type="cross")
    on = exp.and_(
        exp.EQ(this=exp.column(_START, "agg"), expression=exp.column(_START, "frame")),
        *[exp.NullSafeEQ(this=exp.column(b, "agg"), expression=exp.column(b, "frame")) for b in by],
    )
    return (
        exp.select(
            exp.alias_(exp.column(_START, "frame"), "period_start"),
            *[exp.column(b, "frame") for b in by],
            *[exp.column(m.alias, "agg") for m in measures],
        )
        .from_(frame.subquery("frame"))
        .join(aggregated.subquery("agg"), on=on, join_type="left")
        .order_by(exp.column(_START, "frame"), *[exp.column(b, "frame") for b in by])
    )


def _last_day_rows(joined: exp.Select, dataset: str, by: Sequence[str]) -> exp.Select:
    """For levels (followers): only the rows of each period's (and group's) last day."""
    day = exp.cast(exp.column(TIME_FIELDS[dataset]), exp.DataType.Type.DATE)
    last = exp.Window(
        this=exp.Max(this=day.copy()),
        partition_by=[exp.column(_START), *[exp.column(b) for b in by]],
    )
    marked = exp.select("*", exp.alias_(last, "__last_day")).from_(joined.subquery("marked_rows"))
    return (
        exp.select("*")
        .from_(marked.subquery("last_rows"))
        .where(exp.EQ(this=day.copy(), expression=exp.column("__last_day")))
    )


def to_sql(query: exp.Expression, dialect: str = DIALECT) -> str:
    """The query's text in a dialect (duckdb here; spark and others for bigger engines)."""
    return query.sql(dialect=dialect, pretty=True)


# --- running ----------------------------------------------------------------------------------


def available_fields(con: duckdb.DuckDBPyConnection, dataset: str) -> set[str] | None:
    """The fields of a dataset's view that hold at least one value, or None without the view."""
    names = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [dataset]
    ).fetchall()]  # fmt: skip
    if not names:
        return None
    counts = con.execute(
        "SELECT " + ", ".join(f'count("{n}")' for n in names) + f" FROM {dataset}"
    ).fetchall()[0]
    return {n for n, c in zip(names, counts, strict=True) if c}


def _columns(*sqls: str | None) -> tuple[str, ...]:
    names: list[str] = []
    for sql in sqls:
        if sql:
            names += [c.name for c in _parse(sql).find_all(exp.Column) if c.name not in names]
    return tuple(names)


def _needs(kpi: Kpi, fields: dict[str, set[str] | None], request: Request) -> Need | None:
    if kpi.kind == "derived":
        return None
    dataset = kpi.dataset or ""
    hint = DATASETS[dataset].provided_by if dataset in DATASETS else ""
    present = fields.get(dataset)
    if present is None:
        return Need(kpi.id, (dataset,), hint)
    measured = _columns(kpi.numerator, kpi.denominator)
    missing = tuple(f for f in (*measured, TIME_FIELDS[dataset]) if f not in present)
    # A row filter needs at least one of its fields, else it would silently match nothing.
    filtered = _columns(kpi.filter)
    if filtered and not set(filtered) & present:
        missing += filtered
    unusable = tuple(f for f in (*request.by, *request.filters) if f not in present)
    if unusable:
        return Need(
            kpi.id, unusable, f"{dataset} has no {', '.join(unusable)} to break down or filter by"
        )
    return Need(kpi.id, missing, hint) if missing else None


def run(con: duckdb.DuckDBPyConnection, request: Request) -> Result:
    """Compute a request on a session's canonical views."""
    known = {**BY_ID, **{k.id: k for k in request.extra}}
    unknown = [k for k in request.kpis if k not in known]
    if unknown:
        raise KpiError(f"Unknown KPI {', '.join(unknown)}: `python -m kpi catalog` lists them.")
    if request.grain is not None and request.grain not in GRAINS:
        raise KpiError(f"Unknown grain {request.grain!r}: use one of {', '.join(GRAINS)}.")
    wanted = _with_dependencies([known[k] for k in request.kpis], known)
    fields = {d: available_fields(con, d) for d in {k.dataset for k in wanted if k.dataset}}
    needs = {k.id: n for k in wanted if (n := _needs(k, fields, request))}
    main = periods(request.start, request.end, request.grain)
    frames: list[pd.DataFrame] = []
    sql: dict[str, str] = {}
    computable = [k for k in wanted if k.id not in needs and k.kind != "derived"]
    comparison = None
    if request.compare:
        c_start, c_end = comparison_range(request.start, request.end, request.compare)
        comparison = periods(c_start, c_end, request.grain)
    for dataset in sorted({k.dataset for k in computable if k.dataset}):
        group = [k for k in computable if k.dataset == dataset]
        for stock in (False, True):
            part = [k for k in group if k.stock == stock]
            if not part:
                continue
            query = compile_dataset(dataset, part, main, request.by, request.filters, request.grain)
            _check_runs(con, query, part)
            sql[f"{dataset}{' (levels)' if stock else ''}"] = to_sql(query)
            current = _values(con.execute(to_sql(query)).df(), part, request.by)
            if comparison is not None:
                previous_query = compile_dataset(
                    dataset, part, comparison, request.by, request.filters, request.grain
                )
                previous = _values(con.execute(to_sql(previous_query)).df(), part, request.by)
                current = _align_previous(current, previous, main, comparison, request.by)
            frames.append(current)
    rows = pd.concat(frames, ignore_index=True) if frames else _empty(request.by)
    if "previous" not in rows:
        rows["previous"] = float("nan")
    for k in wanted:
        if k.kind == "derived" and k.id not in needs:
            derived = _derived(rows, k, request.by)
            if derived is None:
                needs[k.id] = Need(
                    k.id,
                    tuple(u for u in k.uses if u in needs) or k.uses,
                    "computed from other KPIs that lack data",
                )
            else:
                rows = pd.concat([rows, derived], ignore_index=True)
    rows = rows[rows["kpi"].isin(request.kpis)]
    order = {k: i for i, k in enumerate(request.kpis)}
    rows = rows.sort_values(
        ["kpi", "period_start", *request.by], key=lambda c: c.map(order) if c.name == "kpi" else c
    )
    rows = _changes_and_status(
        rows.reset_index(drop=True), request.targets, _data_targets(con), known
    )
    ordered = [n for k in request.kpis if (n := needs.get(k))]
    return Result(rows, ordered, sql)


def _check_runs(con: duckdb.DuckDBPyConnection, query: exp.Select, kpis: Sequence[Kpi]) -> None:
    """A formula that parses can still fail on the data (summing text): say so plainly."""
    try:
        con.execute(f"EXPLAIN {to_sql(query)}").fetchall()
    except duckdb.Error as exc:
        names = ", ".join(k.label for k in kpis)
        first = str(exc).splitlines()[0][:200]
        raise KpiError(
            f"{names} could not be computed on this data ({first}). Check the formula's fields."
        ) from None


def _with_dependencies(kpis: list[Kpi], known: Mapping[str, Kpi]) -> list[Kpi]:
    out: dict[str, Kpi] = {}

    def visit(k: Kpi) -> None:
        for used in k.uses:
            visit(known[used])
        out.setdefault(k.id, k)

    for k in kpis:
        visit(k)
    return list(out.values())


def _empty(by: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({"kpi": [], "period_start": [], **{b: [] for b in by}, "value": []})


def _values(df: pd.DataFrame, kpis: Sequence[Kpi], by: Sequence[str]) -> pd.DataFrame:
    """Long rows (kpi, period, breakdown, value) from the wide numerator/denominator columns."""
    out = []
    for k in kpis:
        num = pd.to_numeric(df[f"{k.id}__num"], errors="coerce").astype("float64")
        if k.denominator:
            den = pd.to_numeric(df[f"{k.id}__den"], errors="coerce").astype("float64")
            value = num / den.where(den != 0)
        else:
            value = num
        part = df[["period_start", *by]].copy()
        part.insert(0, "kpi", k.id)
        part["value"] = value * k.scale
        out.append(part)
    frame = pd.concat(out, ignore_index=True)
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame


def _align_previous(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    main: Sequence[tuple[dt.date, dt.date]],
    comparison: Sequence[tuple[dt.date, dt.date]],
    by: Sequence[str],
) -> pd.DataFrame:
    """Pair each period with its comparison period (the i-th with the i-th)."""
    shift = {c[0]: m[0] for m, c in zip(main, comparison, strict=False)}
    previous = previous.assign(period_start=previous["period_start"].map(shift)).dropna(
        subset=["period_start"]
    )
    previous = previous.rename(columns={"value": "previous"})
    return current.merge(previous, on=["kpi", "period_start", *by], how="left")


def _derived(rows: pd.DataFrame, kpi: Kpi, by: Sequence[str]) -> pd.DataFrame | None:
    """A derived KPI per period and breakdown, computed in SQL over the other KPIs' values."""
    keys = ["period_start", *by]
    parts = {u: rows[rows["kpi"] == u] for u in kpi.uses}
    if any(p.empty for p in parts.values()):
        return None
    frames = {}
    for column in ("value", "previous"):
        wide = None
        for used, part in parts.items():
            piece = part[[*keys, column]].rename(columns={column: used})
            wide = piece if wide is None else wide.merge(piece, on=keys, how="outer")
        # A scratch database for a few rows of KPI values: locked like a session's, no files.
        con = duckdb.connect(
            ":memory:",
            config={"enable_external_access": False, "python_enable_replacements": False},
        )
        con.register("base", wide)
        expression = _parse(kpi.numerator).sql(dialect=DIALECT)
        frames[column] = con.execute(
            f"SELECT {', '.join(keys)}, CAST({expression} AS DOUBLE) AS v FROM base"
        ).df()
        con.close()
    out = frames["value"].rename(columns={"v": "value"})
    out["period_start"] = pd.to_datetime(out["period_start"]).dt.date
    out["previous"] = frames["previous"]["v"].to_numpy()
    out.insert(0, "kpi", kpi.id)
    out["value"] = out["value"] * kpi.scale
    out["previous"] = out["previous"] * kpi.scale
    return out


def _data_targets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    if available_fields(con, "targets") is None:
        return None
    return con.execute("SELECT * FROM targets").df()


def _target_for(
    kpi: str,
    period: dt.date,
    row: pd.Series,
    person: Mapping[str, float],
    data: pd.DataFrame | None,
) -> float | None:
    if kpi in person:
        return float(person[kpi])
    if data is None or data.empty:
        return None
    match = data[data["kpi"] == kpi]
    if "period_start" in match and match["period_start"].notna().any():
        starts = pd.to_datetime(match["period_start"]).dt.date
        ends = pd.to_datetime(match["period_end"]).dt.date if "period_end" in match else starts
        inside = (starts.isna() | (starts <= period)) & (ends.isna() | (ends >= period))
        match = match[inside.to_numpy()]
    if "platform" in match and "platform" in row and isinstance(row.get("platform"), str):
        match = match[match["platform"].isna() | (match["platform"] == row["platform"])]
    if match.empty:
        return None
    return float(match["target"].iloc[-1])


def status(value: float | None, target: float | None, direction: str) -> str | None:
    """good, warning or bad against a target, respecting whether higher or lower is better."""
    if value is None or target is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if direction == "higher":
        if value >= target:
            return "good"
        return "warning" if value >= target * (1 - WARNING_BAND) else "bad"
    if value <= target:
        return "good"
    return "warning" if value <= target * (1 + WARNING_BAND) else "bad"


def _changes_and_status(
    rows: pd.DataFrame,
    person: Mapping[str, float],
    data: pd.DataFrame | None,
    known: Mapping[str, Kpi],
) -> pd.DataFrame:
    """Absolute change (percentage points for rates), relative change, target and status."""
    if rows.empty:
        for column in ("previous", "change", "change_pct", "target", "status"):
            rows[column] = []
        return rows
    value = rows["value"].astype("float64")
    previous = rows["previous"].astype("float64")
    rows["change"] = value - previous
    is_rate = rows["kpi"].map(lambda k: known[k].format == "percent")
    relative = (value - previous) / previous.abs().where(previous != 0)
    rows["change_pct"] = relative.where(~is_rate)
    if not person and (data is None or data.empty):
        targets: list[float | None] = [None] * len(rows)
    else:
        targets = [
            _target_for(r.kpi, r.period_start, r, person, data)
            for r in rows.itertuples(index=False)
        ]
    rows["target"] = pd.array(targets, dtype="Float64")
    rows["status"] = [
        None if t is None else status(None if pd.isna(v) else float(v), t, known[k].direction)
        for k, v, t in zip(rows["kpi"], value, targets, strict=True)
    ]
    return rows


def growth(series: Sequence[float | None]) -> list[float | None]:
    """Period-over-period growth of a KPI's series (None where the earlier value is missing or 0)."""
    out: list[float | None] = [None]
    for a, b in pairwise(series):
        out.append(None if a in (None, 0) or b is None else (b - a) / abs(a))
    return out


def cmgr(first: float | None, last: float | None, months: float) -> float | None:
    """Compound monthly growth rate between two values `months` apart."""
    if not first or last is None or months <= 0 or (last / first) < 0:
        return None
    return (last / first) ** (1 / months) - 1


def data_end(con: duckdb.DuckDBPyConnection, kpis: Sequence[str]) -> dt.date | None:
    """The last day any of these KPIs' datasets has data: the natural end of a default period."""
    return _data_edge(con, kpis, "max")


def data_start(con: duckdb.DuckDBPyConnection, kpis: Sequence[str]) -> dt.date | None:
    """The first day any of these KPIs' datasets has data."""
    return _data_edge(con, kpis, "min")


def _data_edge(con: duckdb.DuckDBPyConnection, kpis: Sequence[str], edge: str) -> dt.date | None:
    found = []
    for dataset in sorted({BY_ID[k].dataset for k in kpis if BY_ID[k].dataset}):
        if available_fields(con, dataset) is None:
            continue
        sql = f"SELECT {edge}({TIME_FIELDS[dataset]})::DATE FROM {dataset}"
        value = con.execute(sql).fetchall()[0][0]
        if value is not None:
            found.append(value)
    if not found:
        return None
    return max(found) if edge == "max" else min(found)
