"""Running a request on a session's canonical views: which KPIs have their data (and from which
source), one query per dataset and kind of level, comparison periods, derived KPIs, targets,
and the notes that qualify the values (platforms covered, ranged reports partly outside)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd

from kpi.catalog import BY_ID
from kpi.engine import rollups
from kpi.engine.checks import (
    available_fields,
    currencies,
    currency_need,
    money_fields,
    range_notes,
    resolve_source,
)
from kpi.engine.compile import (
    DIALECT,
    RANGE_END,
    RANGED_DATASETS,
    _parsed,
    inline_parameters,
    measures_of,
    query_text,
)
from kpi.engine.memo import cached, freeze
from kpi.engine.periods import GRAINS, comparison_range, periods
from kpi.engine.targets import _changes_and_status
from kpi.engine.types import Need, Note, Request, Result
from kpi.errors import KpiError
from kpi.i18n import current_language, t
from kpi.model import Kpi
from kpi.schema import TIME_FIELDS

__all__ = ["Need", "Note", "Request", "Result", "available_fields", "data_end", "data_start", "run"]

T = TypeVar("T")


def run(con: duckdb.DuckDBPyConnection, request: Request, *, rollups: bool = True) -> Result:
    """Compute a request on a session's canonical views, from its rollups where they answer it
    (`rollups=False` reads the rows always). On a session's connection the result is computed
    once per data version, request and language (its notes are words); each caller gets its
    own copy."""
    key = ("run", freeze(request), rollups, current_language())
    result = cached(con, key, lambda: _run(con, request, rollups))
    return dataclasses.replace(
        result, rows=result.rows.copy(), needs=list(result.needs), sql=dict(result.sql),
        notes=list(result.notes),
    )  # fmt: skip


def _run(con: duckdb.DuckDBPyConnection, request: Request, use_rollups: bool) -> Result:
    known = {**BY_ID, **{k.id: k for k in request.extra}}
    unknown = [k for k in request.kpis if k not in known]
    if unknown:
        raise KpiError(t("error.unknown_kpi", kpis=", ".join(unknown)))
    if request.grain is not None and request.grain not in GRAINS:
        raise KpiError(t("error.unknown_grain", grain=request.grain, grains=", ".join(GRAINS)))
    wanted = _with_dependencies([known[k] for k in request.kpis], known)
    datasets = {s.dataset for k in wanted for s in k.sources} | {k.dataset for k in wanted}
    fields = {d: available_fields(con, d) for d in datasets if d}
    needs: dict[str, Need] = {}
    notes: list[Note] = []
    resolved: list[Kpi] = []
    for k in wanted:
        chosen, need, note = resolve_source(k, fields, request)
        resolved.append(chosen)
        if need is not None:
            needs[k.id] = need
        if note is not None:
            notes.append(note)
    # Sent first, answered while the KPI queries are written and run; a money KPI over several
    # currencies becomes a need once they are known (its rows, if computed, are dropped).
    pending = _currencies_sent(con, resolved, needs, fields, request, use_rollups)
    main = periods(request.start, request.end, request.grain)
    frames: list[pd.DataFrame] = []
    sql: dict[str, str] = {}
    computable = [k for k in resolved if k.id not in needs and k.kind != "derived"]
    comparison = None
    if request.compare:
        c_start, c_end = comparison_range(request.start, request.end, request.compare)
        comparison = periods(c_start, c_end, request.grain)
    # Each query is sent as soon as it is written and its rows read in order after: DuckDB
    # answers one while Python writes the next or reads another's rows (see `_sent`).
    sent: list[tuple[str, list[Kpi], Future[Columns]]] = []
    for dataset in sorted({k.dataset for k in computable if k.dataset}):
        group = [k for k in computable if k.dataset == dataset]
        summaries = rollups.chooser(con, dataset) if use_rollups else None
        notes += range_notes(con, dataset, group, request)
        for level in (None, "last", "first"):
            part = [k for k in group if (k.level if k.stock else None) == level]
            if not part:
                continue
            # The query's text is written once per shape, its dates and filter values are
            # parameters (see `query_text`); the SQL shown has them written in.
            text, values = query_text(dataset, part, main, request.by, request.filters,
                                      request.grain, summaries)  # fmt: skip
            suffix = {None: "", "last": " (levels)", "first": " (levels at the start)"}[level]
            sql[f"{dataset}{suffix}"] = inline_parameters(text, values)
            if comparison is not None:
                earlier, before = query_text(dataset, part, comparison, request.by,
                                             request.filters, request.grain, summaries, "c_")  # fmt: skip
                # Both periods in one statement: one round trip instead of two.
                text = (
                    f"SELECT false AS {_EARLIER}, * FROM ({text}) "
                    f"UNION ALL SELECT true, * FROM ({earlier})"
                )
                values = {**values, **before}
            sent.append((dataset, part, _sent(con, text, values)))
    before = set(needs)
    currency = _currency_checks(resolved, needs, pending, request)
    priced = set(needs) - before  # KPIs that turned out to add up several currencies
    notes = [n for n in notes if n.kpi not in priced or n.kind != "range"]
    for dataset, part, answer in sent:
        part = [k for k in part if k.id not in priced]
        fetched = _platform_text(con, dataset, _fetch(answer, part))
        if comparison is None:
            current = _values(fetched, part, request.by)
        else:
            flags = fetched[_EARLIER].astype(bool)
            now, then = np.flatnonzero(~flags), np.flatnonzero(flags)
            paired = _align_previous(fetched, now, then, main, comparison, request.by)
            current = _values(fetched, part, request.by, now, paired)
        notes += _coverage_notes(current, part)
        frames.append(current)
    rows = pd.concat(frames, ignore_index=True) if frames else _empty(request.by)
    if "previous" not in rows:
        rows["previous"] = float("nan")
    for k in resolved:
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
    for k in resolved:  # a derived amount (CAC) is in the currency of the amounts it uses
        codes = {currency[u] for u in k.uses if u in currency}
        if k.kind == "derived" and k.format == "currency" and len(codes) == 1:
            currency[k.id] = codes.pop()
    source = {k.id: k.dataset for k in resolved if k.kind != "derived"}
    order = {k: i for i, k in enumerate(request.kpis)}
    by_kpi = (
        {"source": source} if "currency" in request.by else {"source": source, "currency": currency}
    )
    rows = _changes_and_status(
        _ordered(rows, order, request.by, by_kpi), request.targets, _data_targets(con), known
    )
    ordered = [n for k in request.kpis if (n := needs.get(k))]
    kept = [n for n in notes if n.kpi in order]
    return Result(rows, ordered, sql, sorted(kept, key=lambda n: order[n.kpi]))


def _currencies_sent(
    con: duckdb.DuckDBPyConnection,
    kpis: Sequence[Kpi],
    needs: Mapping[str, Need],
    fields: Mapping[str, set[str] | None],
    request: Request,
    use_rollups: bool = True,
) -> dict[str, Future[list[str]]]:
    """Per dataset of the money KPIs that can be computed, the currencies of its rows in the
    request's range and filters, asked on a cursor (found in a rollup keeping the currency,
    when one does); memoised: the tiles, the series and the split of a page share them."""
    out: dict[str, Future[list[str]]] = {}
    for k in kpis:
        dataset = k.dataset or ""
        if k.id in needs or k.kind == "derived" or not money_fields(k) or dataset in out:
            continue
        if "currency" not in (fields.get(dataset) or set()):
            continue
        wanted = ("currency", *request.filters)
        table = rollups.with_dimensions(con, dataset, wanted) if use_rollups else None
        key = ("currencies", dataset, request.start, request.end, request.grain,
               freeze(request.filters), table)  # fmt: skip
        out[dataset] = cached(
            con,
            key,
            lambda d=dataset, t=table: _on_cursor(con, lambda c: currencies(c, d, request, t)),
        )
    return out


def _currency_checks(
    kpis: Sequence[Kpi],
    needs: dict[str, Need],
    found: Mapping[str, Future[list[str]]],
    request: Request,
) -> dict[str, str]:
    """Money KPIs over rows in several currencies become needs (never summed); those in one
    currency get it, for the tile to show. Returns KPI id → currency."""
    out: dict[str, str] = {}
    for k in kpis:
        if k.id in needs or (k.dataset or "") not in found or not money_fields(k):
            continue
        if k.kind == "derived":
            continue
        codes = found[k.dataset or ""].result()
        need = currency_need(k, codes, request)
        if need is not None:
            needs[k.id] = need
        elif len(codes) == 1:
            out[k.id] = codes[0]
    return out


def _coverage_notes(current: pd.DataFrame, kpis: Sequence[Kpi]) -> list[Note]:
    """A ratio that left out platforms reporting only one of its parts says which it covers."""
    out: list[Note] = []
    ratios = [k for k in kpis if k.denominator]  # only a ratio can count fewer platforms
    if "__platforms" not in current or not ratios:
        return out
    ids = current["kpi"].to_numpy()
    platforms = current["__platforms"].to_numpy(dtype=object)
    covers = current["covers"].to_numpy(dtype=object)
    for k in ratios:
        mine = ids == k.id
        present = _split(platforms[mine])
        if not present:
            continue
        covered = _split(covers[mine])
        left_out = present - covered
        if not left_out or not covered:
            continue
        lacking = t("note.or").join(measures_of(k, k.dataset or "")) or t("note.its_fields")
        message = t("note.covers", kpi=k.label, covered=", ".join(sorted(covered)),
                    left_out=", ".join(sorted(left_out)), lacking=lacking)  # fmt: skip
        out.append(Note(k.id, "covers", message))
    return out


def _ordered(
    rows: pd.DataFrame,
    order: Mapping[str, int],
    by: Sequence[str],
    by_kpi: Mapping[str, Mapping[str, object]],
) -> pd.DataFrame:
    """The rows of the request's KPIs in its order, then by period and breakdown (missing
    values last, ties as they came), without the platforms' lists, with `covers` and a column
    per KPI look-up (`by_kpi`: source, currency): one frame built from the columns taken in
    that order, as a page's few hundred rows cost pandas more per operation than to sort."""
    ids = rows["kpi"].tolist()
    starts = rows["period_start"].tolist()
    keys = [rows[b].tolist() for b in by]

    def key(i: int) -> tuple:
        return (order[ids[i]], _last(starts[i]), *(_last(column[i]) for column in keys))

    taken = np.array(sorted((i for i, k in enumerate(ids) if k in order), key=key), dtype=np.intp)
    # Each column keeps its type (a text column of objects would be inferred as strings).
    columns: dict[str, object] = {
        str(c): pd.Series(rows[c].array.take(taken), dtype=rows[c].dtype)
        for c in rows.columns
        if c != "__platforms"
    }
    if "covers" not in columns:
        columns["covers"] = pd.Series([None] * len(taken), dtype=object)
    kept = [ids[i] for i in taken.tolist()]
    for name, values in by_kpi.items():
        columns[name] = pd.Series([values.get(k) for k in kept])
    return pd.DataFrame(columns)


def _last(value: object) -> tuple[int, object]:
    """A sort key putting missing values (None, NaN, NaT, NA) after every other."""
    if (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)
    ):
        return (1, 0)
    return (0, value)


def _split(values: Sequence[object]) -> set[str]:
    """The platforms named in lists of them (`facebook, x`), missing values skipped."""
    return {p for v in values if isinstance(v, str) for p in v.split(", ") if p}


_EARLIER = "__comparison_period"


# Threads that run a request's queries (a session's connection answers several at once through
# cursors): a few, shared by every session, as each holds its thread only while DuckDB works.
_QUERIES = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kpi-query")


def _sent(
    con: duckdb.DuckDBPyConnection, sql: str, values: Mapping[str, object] | None = None
) -> Future[Columns]:
    """A query (with its named parameters' values) running on a cursor of the session's
    connection, in a thread of its own; its rows come back as columns (see `Columns`)."""
    return _on_cursor(con, lambda c: _columns(c.execute(sql, values or None).fetchnumpy()))


def _on_cursor(
    con: duckdb.DuckDBPyConnection, ask: Callable[[duckdb.DuckDBPyConnection], T]
) -> Future[T]:
    """`ask(cursor)` on a cursor of the session's connection, in a thread of its own (a closed
    connection fails the future, worded by the caller like a failed query)."""
    try:
        cursor = con.cursor()
    except duckdb.Error as exc:
        failed: Future[T] = Future()
        failed.set_exception(exc)
        return failed

    def answer() -> T:
        try:
            return ask(cursor)
        finally:
            cursor.close()

    return _QUERIES.submit(answer)


def _fetch(answer: Future[Columns], kpis: Sequence[Kpi]) -> Columns:
    """A KPI query's rows. A formula that parses can still fail on the data (summing text):
    say so plainly (here, in the language of the person's thread)."""
    try:
        return answer.result()
    except duckdb.Error as exc:
        names = ", ".join(k.label for k in kpis)
        first = str(exc).splitlines()[0][:200]
        raise KpiError(t("error.cannot_compute", names=names, detail=first)) from None


# A query's rows as plain NumPy columns by name: numbers as floats with NaN where NULL, text as
# objects with None, days as datetime64. A dozen KPIs are fifty columns: a DataFrame's per-column
# overhead cost more than the arithmetic on them.
Columns = dict[str, np.ndarray]


def _columns(fetched: Mapping[str, np.ndarray]) -> Columns:
    """DuckDB's `fetchnumpy()` columns (masked where NULL) as `Columns`."""
    out: Columns = {}
    for name, column in fetched.items():
        if isinstance(column, np.ma.MaskedArray):
            missing = np.ma.getmaskarray(column)
            numeric = column.dtype.kind in "iufb"
            column = column.data.astype("float64" if numeric else object)  # a copy of its own
            column[missing] = np.nan if numeric else None
        out[name] = np.asarray(column)
    return out


def _platform_text(con: duckdb.DuckDBPyConnection, dataset: str, df: Columns) -> Columns:
    """The platforms each value covers as text (`facebook, x`): a rollup answers them as bit
    masks (`rollups.PLATFORM_BIT`), the rows as text already. Each distinct mask (a page's
    periods share a few) is turned into text once."""
    for column, masks in df.items():
        if not column.endswith(("__covers", "__present")) or masks.dtype.kind not in "iuf":
            continue
        masks = masks.astype("float64")
        present = ~np.isnan(masks)
        distinct, where = np.unique(masks[present].astype(np.int64), return_inverse=True)
        texts = rollups.decode_platforms(con, dataset, distinct.tolist())
        out = np.full(len(masks), None, dtype=object)
        out[present] = np.array(texts, dtype=object)[where] if len(distinct) else []
        df[column] = out
    return df


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


def _values(
    df: Columns,
    kpis: Sequence[Kpi],
    by: Sequence[str],
    rows: np.ndarray | None = None,
    earlier: np.ndarray | None = None,
) -> pd.DataFrame:
    """Long rows (kpi, period, breakdown, value, covers, and with `earlier` previous) from the
    wide numerator/denominator columns: the keys repeated once per KPI, the values side by side
    (one frame built once from arrays, not one per KPI: a page's request has a dozen). `rows`:
    the positions of `df`'s rows to read (all by default); `earlier`: for each, the position
    of its comparison period's row in `df`, -1 for none (see `_align_previous`)."""
    rows = np.arange(len(df["period_start"])) if rows is None else rows
    taken = np.tile(rows, len(kpis))
    columns: dict[str, object] = {
        "kpi": np.repeat([k.id for k in kpis], len(rows)),
        "period_start": _dates(df["period_start"])[taken],
    }
    for b in by:
        columns[b] = df[b][taken]
    columns["value"] = _kpi_values(df, kpis, rows)
    for suffix, column in (("covers", "covers"), ("present", "__platforms")):
        if not any(f"{k.id}__{suffix}" in df for k in kpis):
            continue
        missing = np.full(len(rows), None, dtype=object)
        parts = [
            _texts(df[f"{k.id}__{suffix}"])[rows] if f"{k.id}__{suffix}" in df else missing
            for k in kpis
        ]
        columns[column] = pd.Series(np.concatenate(parts), dtype=object)
    if earlier is not None:
        columns["previous"] = _kpi_values(df, kpis, earlier)
    return pd.DataFrame(columns)


def _kpi_values(df: Columns, kpis: Sequence[Kpi], rows: np.ndarray) -> np.ndarray:
    """Each KPI's value at these positions of its wide columns (NaN at -1), one KPI after the
    other: numerator over denominator (NULL where it is 0) times the KPI's scale."""
    values = []
    for k in kpis:
        num = _numbers(df[f"{k.id}__num"], rows)
        if k.denominator:
            den = _numbers(df[f"{k.id}__den"], rows)
            with np.errstate(divide="ignore", invalid="ignore"):
                num = num / np.where(den != 0, den, np.nan)
        values.append(num * k.scale)
    return np.concatenate(values) if values else np.array([], dtype="float64")


def _numbers(column: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """A column's numbers at these positions as floats, NaN where missing or at -1."""
    numbers = column.astype("float64") if column.dtype.kind in "iufb" else _coerced(column)
    if not len(numbers):
        return np.full(len(rows), np.nan)
    return np.where(rows >= 0, numbers[np.maximum(rows, 0)], np.nan)


def _coerced(column: np.ndarray) -> np.ndarray:
    """Numbers of a column that is not numeric (decimals as objects), NaN where not a number."""
    return pd.to_numeric(pd.Series(column, dtype=object), errors="coerce").to_numpy("float64")


def _dates(column: np.ndarray) -> np.ndarray:
    """Period starts as dates (the database gives days as datetime64), an object array."""
    return column.astype("datetime64[D]").astype(object)


def _texts(column: np.ndarray) -> np.ndarray:
    """A text column's values as Python objects, None where missing."""
    if column.dtype.kind == "f":  # all missing: DuckDB gave no text at all
        return np.where(np.isnan(column), None, column.astype(object))
    return column.astype(object)


def _align_previous(
    df: Columns,
    now: np.ndarray,
    then: np.ndarray,
    main: Sequence[tuple[dt.date, dt.date]],
    comparison: Sequence[tuple[dt.date, dt.date]],
    by: Sequence[str],
) -> np.ndarray:
    """For each current row (positions `now` of `df`), the position of the comparison row of
    the same breakdown values in the paired period (the i-th with the i-th; rows `then`), -1
    for none. A lookup on the wide rows, before they become a row per KPI."""
    shift = {c[0]: m[0] for m, c in zip(main, comparison, strict=False)}
    starts = _dates(df["period_start"])
    values = [_keys(df[b]) for b in by]

    def key(i: int, start: object) -> tuple:
        return (start, *(column[i] for column in values))

    found: dict[tuple, int] = {}
    for i in then.tolist():
        start = shift.get(starts[i])
        if start is not None:
            found.setdefault(key(i, start), i)
    return np.array([found.get(key(i, starts[i]), -1) for i in now.tolist()], dtype=np.intp)


def _keys(column: np.ndarray) -> list[object]:
    """A breakdown column's values as Python objects, None where missing (NULLs match NULLs)."""
    if column.dtype.kind == "f":
        return [None if v != v else v for v in column.tolist()]
    return column.tolist()


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
        expression = _parsed(kpi.numerator).sql(dialect=DIALECT)
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
    return cached(con, ("targets",), lambda: con.execute("SELECT * FROM targets").df()).copy()


def data_end(con: duckdb.DuckDBPyConnection, kpis: Sequence[str]) -> dt.date | None:
    """The last day any of these KPIs' datasets has data: the natural end of a default period."""
    return _data_edge(con, kpis, "max")


def data_start(con: duckdb.DuckDBPyConnection, kpis: Sequence[str]) -> dt.date | None:
    """The first day any of these KPIs' datasets has data."""
    return _data_edge(con, kpis, "min")


def _data_edge(con: duckdb.DuckDBPyConnection, kpis: Sequence[str], edge: str) -> dt.date | None:
    return cached(con, ("edge", tuple(kpis), edge), lambda: _edge_of(con, kpis, edge))


def _edge_of(con: duckdb.DuckDBPyConnection, kpis: Sequence[str], edge: str) -> dt.date | None:
    found = []
    for dataset in sorted(_datasets_of([BY_ID[k] for k in kpis if k in BY_ID])):
        if available_fields(con, dataset) is None:
            continue
        time = f"{TIME_FIELDS[dataset]}::DATE"
        if edge == "max" and dataset in RANGED_DATASETS:
            time = f"coalesce({RANGE_END}, {time})"  # a ranged report's data ends with its range
        value = con.execute(f"SELECT {edge}({time})::DATE FROM {dataset}").fetchall()[0][0]
        if value is not None:
            found.append(value)
    if not found:
        return None
    return max(found) if edge == "max" else min(found)


def _datasets_of(kpis: Sequence[Kpi]) -> set[str]:
    """The datasets some KPIs read: their own, their other sources', and for a derived KPI
    those of the KPIs it is computed from."""
    out: set[str] = set()
    for k in kpis:
        if k.kind == "derived":
            out |= _datasets_of([BY_ID[u] for u in k.uses if u in BY_ID])
        out |= {d for d in (k.dataset, *(s.dataset for s in k.sources)) if d}
    return out
