"""Compiling: a dataset's KPIs, periods, breakdown and filters become one sqlglot query, pure
(no database), emitted in DuckDB's dialect here and in any other on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import sqlglot
from sqlglot import exp

from kpi.model import Kpi
from kpi.schema import TIME_FIELDS

DIALECT = "duckdb"
_START, _END = "__period_start", "__period_end"


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
