"""Compiling: a dataset's KPIs, periods, breakdown and filters become one sqlglot query, pure
(no database), emitted in DuckDB's dialect here and in any other on demand."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING

import sqlglot
from sqlglot import exp

from kpi.engine.memo import freeze
from kpi.engine.periods import period_start
from kpi.model import Kpi
from kpi.schema import DATASETS, TIME_FIELDS

if TYPE_CHECKING:
    from kpi.engine.rollups import Chooser

DIALECT = "duckdb"
_START = "__period_start"
# Rows of a ranged report (a Google Ads report covering 27 Jan – 23 Feb) carry their last day
# here and their first in the time field; the store gives these datasets the column always.
RANGE_END = "date_end"
RANGED_DATASETS = ("ads", "web_traffic", "search_queries")
_MEASURE_TYPES = ("int", "float", "money", "percent")


def _parse(sql: str) -> exp.Expression:
    """A SQL expression's tree, to change freely (a copy of the one parsed once per text)."""
    return _parsed(sql).copy()


@functools.lru_cache(maxsize=4096)
def _parsed(sql: str) -> exp.Expression:
    """A SQL expression's tree, parsed once per text and shared: read it, never change it
    (parsing costs far more than reading, and every request reads the same catalog formulas)."""
    return sqlglot.parse_one(sql, dialect=DIALECT)


def _with_filter(expression: exp.Expression, condition: exp.Expression | None) -> exp.Expression:
    """Apply a KPI's row filter to every aggregate inside its expression (FILTER (WHERE …))."""
    if condition is None:
        return expression

    def wrap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.AggFunc) and not isinstance(node.parent, exp.Filter):
            return exp.Filter(this=node.copy(), expression=exp.Where(this=condition.copy()))
        return node

    return expression.copy().transform(wrap, copy=False)


def _date(value: dt.date) -> exp.Expression:
    return exp.cast(exp.Literal.string(value.isoformat()), exp.DataType.Type.DATE)


Value = dt.date | str


def query_parameters(
    bounds: Sequence[tuple[dt.date, dt.date]],
    grain: str | None,
    filters: Mapping[str, tuple[str, ...]],
    prefix: str = "p_",
) -> dict[str, Value]:
    """The dates and filter values a query of these periods and filters is written with, by
    name (each name starts with `prefix`): what `compile_dataset` writes as literals, or as
    DuckDB's named parameters (`$p_first`) in a text written once per shape (`query_text`)."""
    first = bounds[0][0]
    out = range_parameters(first, bounds[-1][1], filters, prefix)
    if grain is None:
        out.update({f"{prefix}start{i}": a for i, (a, _) in enumerate(bounds)})
    else:
        out[f"{prefix}series_from"] = period_start(first, grain)
        out[f"{prefix}series_to"] = bounds[-1][1] - dt.timedelta(days=1)
    return out


def range_parameters(
    first: dt.date, after_last: dt.date, filters: Mapping[str, tuple[str, ...]], prefix: str = "p_"
) -> dict[str, Value]:
    """The parameters of rows in [first, after_last) matching the filters (see
    `query_parameters`): `first`, `after_last`, and each filter value as `f<field>_<value>`
    (numbered in the fields' sorted order)."""
    out: dict[str, Value] = {f"{prefix}first": first, f"{prefix}after_last": after_last}
    for i, (_, values) in enumerate(sorted(filters.items())):
        out.update({f"{prefix}f{i}_{j}": v for j, v in enumerate(values)})
    return out


def filters_shape(filters: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, int], ...]:
    """What a query's text depends on in its filters: the fields and how many values each."""
    return tuple((name, len(values)) for name, values in sorted(filters.items()))


class Values:
    """How a query writes the values of `query_parameters`: as literals (the default: any
    dialect), or as named parameters `$name` (`placeholders`), for a text that serves every
    request of its shape."""

    def __init__(self, values: Mapping[str, Value], prefix: str, placeholders: bool) -> None:
        self.values, self.prefix, self.placeholders = values, prefix, placeholders

    def __call__(self, name: str) -> exp.Expression:
        key = self.prefix + name
        if self.placeholders:
            return exp.Placeholder(this=key)
        value = self.values[key]
        return _date(value) if isinstance(value, dt.date) else exp.Literal.string(value)


def inline_parameters(sql: str, values: Mapping[str, Value]) -> str:
    """A text with named parameters as the same text with their values written in (what a
    person reads on the Explore page, and can run elsewhere)."""
    if not values:
        return sql

    def literal(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        value = values[name]
        # What sqlglot writes for `_date` and a string literal, without generating it.
        if isinstance(value, dt.date):
            return f"CAST('{value.isoformat()}' AS DATE)"
        return "'" + value.replace("'", "''") + "'"

    return _PARAMETER.sub(literal, sql)


_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _spine(
    bounds: Sequence[tuple[dt.date, dt.date]], grain: str | None, value: Values
) -> exp.Expression:
    """The periods' first days as a table `spine(__period_start)`: with a grain, a generated
    series (a literal row per week of two years costs sqlglot more than the query costs DuckDB),
    each start clipped to the range as `periods()` clips it."""
    if grain is None:
        rows = [exp.Tuple(expressions=[value(f"start{i}")]) for i in range(len(bounds))]
        return exp.Values(expressions=rows, alias=exp.TableAlias(
            this=exp.to_identifier("spine"), columns=[exp.to_identifier(_START)]))  # fmt: skip
    step = {"day": ("1", "DAY"), "week": ("7", "DAY"), "month": ("1", "MONTH"),
            "quarter": ("3", "MONTH")}[grain]  # fmt: skip
    stamp = exp.DataType.Type.TIMESTAMP
    series = exp.GenerateSeries(
        start=exp.cast(value("series_from"), stamp),
        end=exp.cast(value("series_to"), stamp),
        step=exp.Interval(this=exp.Literal.string(step[0]), unit=exp.Var(this=step[1])),
    )
    days = exp.Unnest(
        expressions=[series],
        alias=exp.TableAlias(this=exp.to_identifier("series"), columns=[exp.to_identifier("d")]),
    )
    start = exp.func("greatest", exp.cast(exp.column("d"), exp.DataType.Type.DATE), value("first"))
    return (
        exp.select(exp.alias_(start, _START), copy=False)
        .from_(days, copy=False)
        .subquery("spine", copy=False)
    )


def _filters_condition(
    filters: Mapping[str, tuple[str, ...]], value: Values | None = None
) -> exp.Expression | None:
    """The rows whose fields hold one of the filters' values (`value` writes them, see
    `query_parameters`; literals without it)."""
    parts = [
        exp.In(
            this=exp.column(name),
            expressions=[
                exp.Literal.string(v) if value is None else value(f"f{i}_{j}")
                for j, v in enumerate(values)
            ],
        )
        for i, (name, values) in enumerate(sorted(filters.items()))
    ]
    return exp.and_(*parts, copy=False) if parts else None


def reported(*sqls: str, dataset: str) -> exp.Expression | None:
    """The rows that report some expressions: every measure they read is present, except that
    of the measures inside `coalesce` one is enough. None when they read no measure
    (`count(*)`): every row reports them."""
    fields = DATASETS[dataset].fields if dataset in DATASETS else ()
    numeric = {f.name for f in fields if f.type in _MEASURE_TYPES}
    required: list[str] = []
    optional: list[str] = []
    for sql in sqls:
        for column in _parsed(sql).find_all(exp.Column):
            if column.name not in numeric:
                continue
            bucket = optional if column.find_ancestor(exp.Coalesce) is not None else required
            if column.name not in bucket:
                bucket.append(column.name)
    optional = [c for c in optional if c not in required]
    parts: list[exp.Expression] = [_present(c) for c in required]
    if optional:
        parts.append(exp.or_(*[_present(c) for c in optional]))
    return exp.and_(*parts) if parts else None


def coverage(kpi: Kpi, dataset: str) -> exp.Expression | None:
    """The rows a KPI counts: for a ratio, only those reporting both its numerator and its
    denominator (TikTok posts have no reach, so they stay out of engagement by reach)."""
    if not kpi.denominator:
        return None
    return reported(kpi.numerator, kpi.denominator, dataset=dataset)


def measures_of(kpi: Kpi, dataset: str) -> tuple[str, ...]:
    """The measures (numeric fields) a KPI's numerator and denominator read."""
    fields = DATASETS[dataset].fields if dataset in DATASETS else ()
    numeric = {f.name for f in fields if f.type in _MEASURE_TYPES}
    names: list[str] = []
    for sql in (kpi.numerator, kpi.denominator):
        for column in _parsed(sql).find_all(exp.Column) if sql else ():
            if column.name in numeric and column.name not in names:
                names.append(column.name)
    return tuple(names)


def _present(name: str) -> exp.Expression:
    return exp.Not(this=exp.Is(this=exp.column(name), expression=exp.Null()))


def _both(a: exp.Expression | None, b: exp.Expression | None) -> exp.Expression | None:
    if a is None or b is None:
        return a or b
    return exp.and_(a, b)


# The platforms among some rows, as one sorted text (`facebook, x`): what a value covers.
PLATFORMS_SQL = "string_agg(DISTINCT platform, ', ' ORDER BY platform)"


def is_platforms(node: exp.Expression) -> bool:
    """Whether an aggregate is the platforms' list (`PLATFORMS_SQL`), which a rollup answers
    from its platform bits (see `kpi.engine.rollups`)."""
    platforms = _parsed(PLATFORMS_SQL)
    # The type first: equality hashes both trees.
    return type(node) is type(platforms) and node == platforms


def _platforms(condition: exp.Expression | None) -> exp.Expression:
    """The platforms among the rows matching a condition, as one sorted text (`facebook, x`)."""
    agg = _parse(PLATFORMS_SQL)
    if condition is None:
        return agg
    return exp.Filter(this=agg, expression=exp.Where(this=condition.copy()))


def in_range_condition(
    dataset: str,
    first: dt.date | exp.Expression,
    after_last: dt.date | exp.Expression,
    grain: str | None,
) -> exp.Expression:
    """Rows inside [first, after_last) (dates, or the expressions that write them). A row of a
    ranged report (`date_end` set) counts only when its whole range lies inside, and, with a
    grain, inside one period."""
    low = first if isinstance(first, exp.Expression) else _date(first)
    high = after_last if isinstance(after_last, exp.Expression) else _date(after_last)
    day = exp.cast(exp.column(TIME_FIELDS[dataset]), exp.DataType.Type.DATE)
    condition = exp.and_(
        exp.GTE(this=day.copy(), expression=low),
        exp.LT(this=day.copy(), expression=high),
        copy=False,
    )
    if dataset not in RANGED_DATASETS:
        return condition
    end = exp.func("coalesce", exp.column(RANGE_END), day.copy())
    condition = exp.and_(condition, exp.LT(this=end.copy(), expression=high.copy()), copy=False)
    if grain is not None:
        same = exp.EQ(this=_trunc(grain, day.copy()), expression=_trunc(grain, end.copy()))
        condition = exp.and_(condition, same, copy=False)
    return condition


def _trunc(grain: str, value: exp.Expression) -> exp.Expression:
    return exp.cast(
        exp.func("date_trunc", exp.Literal.string(grain), value), exp.DataType.Type.DATE
    )


def kpi_measures(
    dataset: str, kpis: Sequence[Kpi], *, rendered: bool = False
) -> list[exp.Expression]:
    """The aggregates a query of these KPIs computes, aliased: `<kpi>__num`, for a ratio
    `<kpi>__den` (each over the rows reporting both parts), and where the dataset has platforms
    `<kpi>__covers` (the platforms each value counts) and, for a ratio, `<kpi>__present`
    (the platforms its row filter keeps, reporting both parts or not).

    Trees of their own to change freely; or, `rendered`, each aggregate as its DuckDB text
    written once per process (a `Var` leaf under its alias): a query of a dozen KPIs is
    hundreds of nodes that copying and generating would walk at every request."""
    out: list[exp.Expression] = []
    for k in kpis:
        trees = measure_trees(dataset, k)
        out += (
            rendered_measures(trees, _texts(dataset, k)) if rendered else [m.copy() for m in trees]
        )
    return out


def measure_trees(dataset: str, k: Kpi) -> tuple[exp.Alias, ...]:
    """A KPI's aliased aggregates over a dataset, built once and shared: read them, never
    change them (their DuckDB text is written once too, when a query first asks for it)."""
    key = (dataset, freeze(k))
    built = _MEASURES.get(key)  # read once: another session's thread may clear the dict
    if built is None:
        if len(_MEASURES) > 4096:  # custom KPIs come and go; the catalog's stay small
            _MEASURES.clear()
        built = _MEASURES[key] = tuple(_measures_of_one(dataset, k))
    return built


def _texts(dataset: str, k: Kpi) -> tuple[str, ...]:
    key = (dataset, freeze(k))
    texts = _TEXTS.get(key)
    if texts is None:
        if len(_TEXTS) > 4096:
            _TEXTS.clear()
        texts = _TEXTS[key] = tuple(m.this.sql(dialect=DIALECT) for m in measure_trees(dataset, k))
    return texts


def rendered_measures(
    trees: Sequence[exp.Expression], texts: Sequence[str]
) -> list[exp.Expression]:
    """Aliased aggregates as their written text: what `query.sql()` gives for the trees,
    without walking them again."""
    return [
        exp.Alias(this=exp.Var(this=text), alias=exp.to_identifier(tree.alias))
        for tree, text in zip(trees, texts, strict=True)
    ]


# A KPI's aggregates, and their text, built once per (dataset, KPI): building them parses and
# walks formulas.
_MEASURES: dict[tuple[str, Hashable], tuple[exp.Alias, ...]] = {}
_TEXTS: dict[tuple[str, Hashable], tuple[str, ...]] = {}


def _measures_of_one(dataset: str, k: Kpi) -> list[exp.Alias]:
    has_platform = dataset in DATASETS and "platform" in DATASETS[dataset].field_names
    condition = _both(_parsed(k.filter) if k.filter else None, coverage(k, dataset))
    # _with_filter copies what it changes, so the shared parsed trees are enough here.
    numerator = _with_filter(_parsed(k.numerator), condition)
    # alias_ need not copy what _with_filter built; a shared parsed tree (no condition) it must.
    measures = [exp.alias_(numerator, f"{k.id}__num", copy=numerator is _parsed(k.numerator))]
    if k.denominator:
        measures.append(exp.alias_(_with_filter(_parsed(k.denominator), condition), f"{k.id}__den"))
    if has_platform:
        counted = (
            condition if k.denominator else _both(condition, reported(k.numerator, dataset=dataset))
        )
        measures.append(exp.alias_(_platforms(counted), f"{k.id}__covers", copy=False))
        if k.denominator:
            kept = _parsed(k.filter) if k.filter else None
            measures.append(exp.alias_(_platforms(kept), f"{k.id}__present", copy=False))
    return measures


def compile_dataset(
    dataset: str,
    kpis: Sequence[Kpi],
    bounds: Sequence[tuple[dt.date, dt.date]],
    by: Sequence[str] = (),
    filters: Mapping[str, tuple[str, ...]] | None = None,
    grain: str | None = None,
    rollup: Chooser | None = None,
    *,
    rendered: bool = False,
    placeholders: str | None = None,
) -> exp.Select:
    """One query for the KPIs of a dataset: numerator and denominator sums per period and
    breakdown (see `kpi_measures`), with every period of `bounds` present (NULL where no rows
    fell). It reads the rollup `rollup` picks for the measures, breakdown and filters (a rollup
    keeps the time field as a day, so the same conditions apply), else the dataset's rows.
    `rendered`: the aggregates are their DuckDB text (see `kpi_measures`), for a query run
    here; the default trees emit in any dialect. `placeholders`: the dates and filter values
    are DuckDB's named parameters with this prefix (see `query_parameters`), not literals."""
    time = exp.column(TIME_FIELDS[dataset])
    keys = [exp.column(b) for b in by]
    prefix = placeholders if placeholders is not None else "p_"
    value = Values(
        query_parameters(bounds, grain, filters or {}, prefix), prefix, placeholders is not None
    )
    if grain is None:
        period: exp.Expression = value("first")
    else:
        # date_trunc buckets in one pass (weeks start on Monday in DuckDB and Spark alike); the
        # first period is clipped to the range, as `periods()` clips it.
        period = exp.func("greatest", _trunc(grain, time.copy()), value("first"))
    in_range = in_range_condition(dataset, value("first"), value("after_last"), grain)
    row_filter = _filters_condition(filters or {}, value)
    chosen = rollup(kpis, by, filters or {}, rendered) if rollup is not None else None
    if chosen is None:
        chosen = (dataset, kpi_measures(dataset, kpis, rendered=rendered))
    table, measures = chosen
    # Built in place (copy=False): sqlglot's builders copy the whole tree at every call
    # otherwise, and a weekly spine of two years is hundreds of nodes.
    joined = (
        exp.select(exp.Star(), exp.alias_(period, _START, copy=False), copy=False)
        .from_(exp.Table(this=exp.to_identifier(table)), copy=False)
        .where(
            in_range if row_filter is None else exp.and_(in_range, row_filter, copy=False),
            copy=False,
        )
    )
    levels = {k.level for k in kpis if k.stock}
    if len(levels) > 1 or (levels and not all(k.stock for k in kpis)):
        raise ValueError("compile flows and each kind of level in queries of their own")
    rows = joined.copy() if keys else joined  # the breakdown's values read `joined` again
    source = _level_rows(rows, dataset, by, levels.pop()) if levels else rows
    aggregated = (
        exp.select(exp.column(_START), *[k.copy() for k in keys], *measures, copy=False)
        .from_(source.subquery("rows", copy=False), copy=False)
        .group_by(exp.column(_START), *[k.copy() for k in keys], copy=False)
    )
    # Every period × every breakdown value present in the range, so empty periods show.
    frame = exp.select(
        exp.column(_START, "spine"), *[exp.column(b, "keys") for b in by], copy=False
    ).from_(_spine(bounds, grain, value), copy=False)
    if keys:
        distinct = (
            exp.select(*[k.copy() for k in keys], copy=False)
            .distinct(copy=False)
            .from_(joined.subquery("rows", copy=False), copy=False)
        )
        # Join nodes built directly: `.join()` parses its arguments again.
        frame.append("joins", exp.Join(this=distinct.subquery("keys", copy=False), kind="CROSS"))
    on = exp.and_(
        exp.EQ(this=exp.column(_START, "agg"), expression=exp.column(_START, "frame")),
        *[exp.NullSafeEQ(this=exp.column(b, "agg"), expression=exp.column(b, "frame")) for b in by],
        copy=False,
    )
    query = (
        exp.select(
            exp.alias_(exp.column(_START, "frame"), "period_start", copy=False),
            *[exp.column(b, "frame") for b in by],
            *[exp.column(m.alias, "agg") for m in measures],
            copy=False,
        )
        .from_(frame.subquery("frame", copy=False), copy=False)
        .order_by(exp.column(_START, "frame"), *[exp.column(b, "frame") for b in by], copy=False)
    )
    query.append("joins", exp.Join(this=aggregated.subquery("agg", copy=False), side="LEFT", on=on))
    return query


def _level_rows(joined: exp.Select, dataset: str, by: Sequence[str], level: str) -> exp.Select:
    """For levels (followers): only the rows of each period's (and group's) last day, or its
    first day for a level at the start of the period."""
    day = exp.cast(exp.column(TIME_FIELDS[dataset]), exp.DataType.Type.DATE)
    edge = exp.Min if level == "first" else exp.Max
    window = exp.Window(
        this=edge(this=day.copy()),
        partition_by=[exp.column(_START), *[exp.column(b) for b in by]],
    )
    marked = exp.select("*", exp.alias_(window, "__level_day")).from_(
        joined.subquery("marked_rows")
    )
    return (
        exp.select("*")
        .from_(marked.subquery("level_rows"))
        .where(exp.EQ(this=day.copy(), expression=exp.column("__level_day")))
    )


def to_sql(query: exp.Expression, dialect: str = DIALECT) -> str:
    """The query's text in a dialect (duckdb here; spark and others for bigger engines)."""
    return query.sql(dialect=dialect, pretty=True)


# Per query shape (see `query_text`): its text with named parameters, written once.
_SHAPES: dict[Hashable, str] = {}


def query_text(
    dataset: str,
    kpis: Sequence[Kpi],
    bounds: Sequence[tuple[dt.date, dt.date]],
    by: Sequence[str] = (),
    filters: Mapping[str, tuple[str, ...]] | None = None,
    grain: str | None = None,
    rollup: Chooser | None = None,
    prefix: str = "p_",
) -> tuple[str, dict[str, Value]]:
    """`compile_dataset`'s query as DuckDB text with its dates and filter values as named
    parameters, and their values. The text is written once per shape (the dataset, its KPIs,
    breakdown, filtered fields and how many values each, grain, the rollup read, the number of
    periods without a grain): another range or platform only changes the values, and writing a
    query costs more than DuckDB's planning of it."""
    kept = filters or {}
    chosen = rollup(kpis, by, kept, True) if rollup is not None else None
    read = None if chosen is None else (chosen[0], tuple((m.alias, m.this.this) for m in chosen[1]))
    shape = (
        dataset, freeze(tuple(kpis)), tuple(by), filters_shape(kept),
        grain, len(bounds) if grain is None else None, read, prefix,
    )  # fmt: skip
    text = _SHAPES.get(shape)  # read once: another session's thread may clear it
    if text is None:
        if len(_SHAPES) > 4096:  # custom KPIs and breakdowns come and go
            _SHAPES.clear()
        fixed = None if chosen is None else (lambda *_: chosen)
        query = compile_dataset(dataset, kpis, bounds, by, kept, grain, fixed,
                                rendered=True, placeholders=prefix)  # fmt: skip
        # One line, not pretty: generating the layout costs more than DuckDB's planning.
        text = _SHAPES[shape] = query.sql(dialect=DIALECT, copy=False)
    return text, query_parameters(bounds, grain, kept, prefix)
