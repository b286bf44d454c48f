"""What a request can compute on the data at hand, before any KPI query runs: the fields each
dataset holds, the source a KPI comes from when several datasets can supply it, the breakdown
a KPI cannot do without, currencies that must not be added up, and the rows of ranged reports
that only partly overlap the range."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

import duckdb
from sqlglot import exp

from kpi.engine.compile import (
    DIALECT,
    RANGE_END,
    RANGED_DATASETS,
    Values,
    _filters_condition,
    _parsed,
    filters_shape,
    in_range_condition,
    range_parameters,
    to_sql,
)
from kpi.engine.memo import cached
from kpi.engine.types import Need, Note, Request
from kpi.i18n import t
from kpi.model import Kpi
from kpi.schema import DATASETS, DEDUPE_KEYS, TIME_FIELDS

# How people call a dataset in a message (catalog keys, read in the run's language).
SOURCE_NAMES = {
    "leads": "note.source.leads",
    "ads": "note.source.ads",
    "web_traffic": "note.source.web_traffic",
    "orders": "note.source.orders",
}


def _source_name(dataset: str | None) -> str:
    key = SOURCE_NAMES.get(dataset or "")
    return t(key) if key else dataset or ""


def available_fields(con: duckdb.DuckDBPyConnection, dataset: str) -> set[str] | None:
    """The fields of a dataset's view that hold at least one value, or None without the view
    (counted once per data version of a session)."""
    found = cached(con, ("fields", dataset), lambda: _filled_fields(con, dataset))
    return None if found is None else set(found)


def _filled_fields(con: duckdb.DuckDBPyConnection, dataset: str) -> frozenset[str] | None:
    names = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [dataset]
    ).fetchall()]  # fmt: skip
    if not names:
        return None
    counts = con.execute(
        "SELECT " + ", ".join(f'count("{n}")' for n in names) + f" FROM {dataset}"
    ).fetchall()[0]
    return frozenset(n for n, c in zip(names, counts, strict=True) if c)


def columns(*sqls: str | None) -> tuple[str, ...]:
    """The column names the SQL expressions read, in order, once each."""
    names: list[str] = []
    for sql in sqls:
        if sql:
            names += [c.name for c in _parsed(sql).find_all(exp.Column) if c.name not in names]
    return tuple(names)


def need_of(kpi: Kpi, fields: Mapping[str, set[str] | None], request: Request) -> Need | None:
    """What a (non-derived) KPI lacks in the data, or None when it can be computed."""
    if kpi.kind == "derived":
        return None
    dataset = kpi.dataset or ""
    hint = DATASETS[dataset].provided_by if dataset in DATASETS else ""
    present = fields.get(dataset)
    if present is None:
        return Need(kpi.id, (dataset,), hint)
    measured = columns(kpi.numerator, kpi.denominator)
    missing = tuple(f for f in (*measured, TIME_FIELDS[dataset]) if f not in present)
    # A row filter needs at least one of its fields, else it would silently match nothing.
    filtered = columns(kpi.filter)
    if filtered and not set(filtered) & present:
        missing += filtered
    unusable = tuple(f for f in (*request.by, *request.filters) if f not in present)
    if unusable:
        return Need(
            kpi.id, unusable, f"{dataset} has no {', '.join(unusable)} to break down or filter by"
        )
    if missing:
        return Need(kpi.id, missing, hint)
    return per_need(kpi, request)


def per_need(kpi: Kpi, request: Request) -> Need | None:
    """A KPI that only makes sense per value of a field (followers per audience dimension: a
    country and an age group count the same people) asks for that breakdown, never sums."""
    lacking = tuple(
        f for f in kpi.per if f not in request.by and len(request.filters.get(f, ())) != 1
    )
    if not lacking:
        return None
    return Need(
        kpi.id, lacking, t("needs.breakdown", fields=", ".join(lacking)), reason="breakdown"
    )


def candidates(kpi: Kpi) -> list[Kpi]:
    """The KPI read from its own dataset, then from each other dataset that can supply it."""
    out = [kpi]
    for source in kpi.sources:
        out.append(
            dataclasses.replace(
                kpi,
                dataset=source.dataset,
                numerator=source.numerator,
                denominator=source.denominator,
                filter=source.filter,
                sources=(),
            )
        )
    return out


def resolve_source(
    kpi: Kpi, fields: Mapping[str, set[str] | None], request: Request
) -> tuple[Kpi, Need | None, Note | None]:
    """The first source that can compute the KPI (the KPI's own dataset is preferred), the need
    when none can, and a note naming the source when another could have supplied it."""
    options = candidates(kpi)
    if len(options) == 1:
        return kpi, need_of(kpi, fields, request), None
    usable = [k for k in options if need_of(k, fields, request) is None]
    if not usable:
        first = need_of(kpi, fields, request)
        if first is None or first.reason != "missing":
            return kpi, first, None
        others = [DATASETS[k.dataset].provided_by for k in options[1:] if k.dataset in DATASETS]
        hint = ", or ".join([first.hint, *others]) if first.hint else ", or ".join(others)
        return kpi, dataclasses.replace(first, hint=hint), None
    chosen = usable[0]
    where = _source_name(chosen.dataset)
    others = [_source_name(k.dataset) for k in usable[1:]]
    message = t("note.source", kpi=kpi.label, source=where)
    if others:
        message += t("note.wins_over", others=t("note.and").join(others))
    return chosen, None, Note(kpi.id, "source", message)


def money_fields(kpi: Kpi) -> tuple[str, ...]:
    """The money fields a KPI's expressions read (spend, revenue, conversion value…)."""
    if kpi.dataset not in DATASETS:
        return ()
    money = {f.name for f in DATASETS[kpi.dataset].fields if f.type == "money"}
    return tuple(c for c in columns(kpi.numerator, kpi.denominator) if c in money)


def currencies(
    con: duckdb.DuckDBPyConnection, dataset: str, request: Request, table: str | None = None
) -> list[str]:
    """The currencies a dataset's rows in the request's range (and filters) are in, read from
    `table` when given: a rollup keeping the currency and the filtered fields has a row for
    each day and values its rows have, so it finds the same currencies in far fewer rows."""
    values = range_parameters(request.start, request.end + dt.timedelta(days=1), request.filters)
    shape = (dataset, table, request.grain, filters_shape(request.filters))
    text = _CURRENCY_TEXTS.get(shape)  # read once: another session's thread may clear it
    if text is None:
        if len(_CURRENCY_TEXTS) > 1024:
            _CURRENCY_TEXTS.clear()
        value = Values(values, "p_", placeholders=True)
        condition = in_range_condition(dataset, value("first"), value("after_last"), request.grain)
        row_filter = _filters_condition(request.filters, value)
        query = (
            exp.select(exp.column("currency"))
            .distinct()
            .from_(exp.Table(this=exp.to_identifier(table or dataset)))
            .where(condition if row_filter is None else exp.and_(condition, row_filter))
            .where(exp.Not(this=exp.Is(this=exp.column("currency"), expression=exp.Null())))
        )
        text = _CURRENCY_TEXTS[shape] = query.sql(dialect=DIALECT)
    return sorted(str(r[0]) for r in con.execute(text, values).fetchall())


# Per shape (dataset, table read, grain, filtered fields): the currency query's text, written
# once; the range and filter values are its parameters.
_CURRENCY_TEXTS: dict[tuple, str] = {}


def currency_need(kpi: Kpi, found: Sequence[str], request: Request) -> Need | None:
    """Amounts in different currencies are never added up: such a KPI asks for the breakdown
    by currency (or a filter on one) instead."""
    if len(found) < 2 or "currency" in request.by or len(request.filters.get("currency", ())) == 1:
        return None
    hint = t("needs.currency", currencies=", ".join(found))
    return Need(kpi.id, ("currency",), hint, reason="currency")


def _has_ranged_rows(con: duckdb.DuckDBPyConnection, dataset: str) -> bool:
    """Whether any row of a dataset covers a range (once per data version): daily exports have
    none, and then no request needs the two queries about partial ranges."""
    sql = f"SELECT count({RANGE_END}) FROM {dataset}"
    return bool(cached(con, ("ranged", dataset), lambda: con.execute(sql).fetchall()[0][0]))


def range_notes(
    con: duckdb.DuckDBPyConnection, dataset: str, kpis: Sequence[Kpi], request: Request
) -> list[Note]:
    """Rows of ranged reports that overlap the request's range without fitting inside it (or
    inside one period of its grain) are not counted: say so rather than drop them silently."""
    if dataset not in RANGED_DATASETS or not _has_ranged_rows(con, dataset):
        return []
    time = TIME_FIELDS[dataset]
    start, end = request.start.isoformat(), request.end.isoformat()
    inside = to_sql(
        in_range_condition(
            dataset, request.start, request.end + dt.timedelta(days=1), request.grain
        )
    )
    row_filter = _filters_condition(request.filters)
    extra = f" AND ({to_sql(row_filter)})" if row_filter is not None else ""
    sql = (
        f"SELECT count(*), min({time})::DATE, max({RANGE_END})::DATE FROM {dataset} "
        f"WHERE {RANGE_END} IS NOT NULL AND {time}::DATE <= DATE '{end}' "
        f"AND {RANGE_END}::DATE >= DATE '{start}' AND NOT ({inside}){extra}"
    )
    messages = []
    n, first, last = con.execute(sql).fetchall()[0]
    if n:
        messages.append(
            t(
                "note.partial_row" if n == 1 else "note.partial_rows",
                n=n,
                first=first,
                last=last,
                start=start,
                end=end,
            )
            + (t("note.or_span", grain=t(f"grain_word.{request.grain}")) if request.grain else "")
            + t("note.not_counted")
        )
    # Two reports of different, overlapping ranges count the same days twice: say so.
    same = [k for k in DEDUPE_KEYS.get(dataset, ()) if k != time]
    counted = f"SELECT * FROM {dataset} WHERE {inside}{extra} AND {RANGE_END} IS NOT NULL"
    on = " AND ".join([*(f"a.{k} IS NOT DISTINCT FROM b.{k}" for k in same), "true"])
    twice = con.execute(
        f"SELECT count(*), min(a.{time})::DATE, max(b.{RANGE_END})::DATE "
        f"FROM ({counted}) a JOIN ({counted}) b ON {on} "
        f"AND (a.{time}, a.{RANGE_END}) < (b.{time}, b.{RANGE_END}) "
        f"AND b.{time} <= a.{RANGE_END} AND a.{time} <= b.{RANGE_END}"
    ).fetchall()[0]
    if twice[0]:
        messages.append(t("note.overlapping", first=twice[1], last=twice[2]))
    return [Note(k.id, "range", m) for m in messages for k in kpis]
