"""Running a request on a session's canonical views: which KPIs have their data, one query per
dataset, comparison periods, derived KPIs, targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd
from sqlglot import exp

from kpi.catalog import BY_ID
from kpi.engine.compile import DIALECT, _parse, compile_dataset, to_sql
from kpi.engine.periods import GRAINS, comparison_range, periods
from kpi.engine.targets import _changes_and_status
from kpi.errors import KpiError
from kpi.model import Kpi
from kpi.schema import DATASETS, TIME_FIELDS


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
