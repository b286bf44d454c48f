"""Rollups: the sums and counts the catalog's KPIs read, per day and per the dimensions pages
break down and filter by, computed once per data version into small tables. A request whose
breakdown and filters are among a rollup's dimensions and whose aggregates are all additive
(sums and counts; distinct values of a dimension too) is answered from the rollup instead of
the rows; anything else (distinct counts of ids, medians) reads the rows as before. The session
builds them when its data changes (`refresh`); a request finding one missing (dropped from
the memo) builds it again.

Each stored measure is one aggregate of a KPI exactly as the compiler writes it, row filters
and coverage included (`sum(likes) FILTER (WHERE likes IS NOT NULL AND …)`), named by a hash
of its SQL, so the compiler finds it again by compiling the same KPI. Rollups are built from
sqlglot trees like every other query, so they move to another engine with the rest."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import duckdb
from sqlglot import exp

from kpi.catalog import BY_ID
from kpi.engine import tags
from kpi.engine.checks import candidates
from kpi.engine.compile import (
    DIALECT,
    RANGE_END,
    RANGED_DATASETS,
    is_platforms,
    measure_trees,
    rendered_measures,
    to_sql,
)
from kpi.engine.memo import cached, freeze, memo_of
from kpi.model import Kpi
from kpi.schema import TIME_FIELDS

PREFIX = "__rollup_"
# Per dataset, from the coarsest to the finest: a request uses the smallest that covers it.
# The Overview breaks down by platform; the finer ones serve campaign and post-type filters.
LEVELS: dict[str, tuple[tuple[str, ...], ...]] = {
    "posts": (("platform",), ("platform", "post_type", "campaign")),
    "account_daily": (("platform",),),
    "ads": (("platform", "currency"), ("platform", "campaign", "currency")),
    "web_traffic": (("campaign",), ("source", "medium", "channel_group", "campaign")),
}
# A rollup with more than this share of its dataset's rows saves too little for what it costs:
# the rows are read (small datasets always get theirs: they cost nothing to build). Measured
# at 10 M posts: day × platform × post type × campaign kept 39 % of the rows and took 6.2 s to
# build (1.5 × reading the whole file) and 600 MB, to make its queries at most 2.5 × faster
# than reading the rows (0.1 to 0.5 s each); one at a tenth makes them ten times faster.
WORTH = 0.1
SMALL = 20_000
# Picks the rollup for a query's measures, breakdown and filters: its table and the measures
# rewritten over it (as their text when rendered, see `kpi_measures`), or None.
Chooser = Callable[
    [Sequence[Kpi], Sequence[str], Iterable[str], bool], "tuple[str, list[exp.Expression]] | None"
]


# Which platforms a value covers (`compile.PLATFORMS_SQL`, a distinct string_agg) is what made
# DuckDB plan a rollup query slowest: each such aggregate becomes a grouping of its own, joined
# back (measured on the Overview's queries over 4 380 rows: 45 ms, and 29 ms with these bits).
# A rollup keeping the platform numbers its platforms in order, one bit each, and a query ORs
# the bits of the rows it counts; `decode_platforms` turns the mask back into the same text.
PLATFORM_BIT = "__platform_bit"
# A mask with NULLs reaches pandas as a float, exact to 53 bits; more platforms: the text.
MAX_PLATFORM_BITS = 52


@dataclass(frozen=True)
class Rollup:
    """One rollup table: its dataset, the dimensions it keeps (besides the day and, for ranged
    reports, the last day), the measure columns it holds and its row count; where it keeps the
    platform, the platforms its `PLATFORM_BIT` numbers (bit i for the i-th), None when too many."""

    dataset: str
    table: str
    dimensions: tuple[str, ...]
    measures: frozenset[str]
    rows: int = 0
    platforms: tuple[str, ...] | None = None


def _name(prefix: str, sql: str) -> str:
    return f"{prefix}_{hashlib.sha1(sql.encode()).hexdigest()[:16]}"


def _aggregate(node: exp.Expression) -> tuple[exp.AggFunc, exp.Expression | None] | None:
    """An aggregate with its FILTER condition, when `node` is one."""
    if isinstance(node, exp.Filter) and isinstance(node.this, exp.AggFunc):
        return node.this, node.expression.this
    if isinstance(node, exp.AggFunc) and not isinstance(node.parent, exp.Filter):
        return node, None
    return None


# A FILTER clause costs DuckDB's grouping far more than a CASE inside the aggregate (measured
# on 1 M posts: a day × platform rollup's 40 measures took 0.40 s with FILTER, 0.23 s so), so a
# stored column is filled by the equivalent aggregate without one; it keeps the name of the
# measure as compiled (`_name` of its own SQL), which is how requests find it.
def _fill_sql(agg: exp.AggFunc, condition: exp.Expression | None) -> str | None:
    """The SQL filling a stored sum or count (`agg`, kept to the rows where `condition` holds)
    without a FILTER clause; None when there is no such form (the compiled SQL is used)."""
    if condition is None or not isinstance(agg, exp.Sum | exp.Count):
        return None
    value = agg.this
    if value is None or isinstance(value, exp.Distinct) or agg.expressions:
        return None  # an aggregate of another shape: its FILTER stays
    if isinstance(agg, exp.Count) and isinstance(value, exp.Star):
        value = None
    kept = _not_null_column(condition)
    if kept is not None and (value is None or value == kept):
        # Rows where the column is set: what the aggregate of the column counts or sums.
        return type(agg)(this=kept.copy()).sql(dialect=DIALECT)
    then = exp.Literal.number(1) if value is None else value.copy()
    case = exp.Case(ifs=[exp.If(this=condition.copy(), true=then)])
    return type(agg)(this=case).sql(dialect=DIALECT)


def _not_null_column(condition: exp.Expression) -> exp.Column | None:
    """The column of a `NOT column IS NULL` condition, else None."""
    if (
        isinstance(condition, exp.Not)
        and isinstance(condition.this, exp.Is)
        and isinstance(condition.this.expression, exp.Null)
        and isinstance(condition.this.this, exp.Column)
    ):
        return condition.this.this
    return None


def _count_where(condition: exp.Expression) -> str:
    """The SQL counting the rows where `condition` holds (without a FILTER clause)."""
    return _fill_sql(exp.Count(this=exp.Star()), condition) or (
        f"count(*) FILTER (WHERE {condition.sql(dialect=DIALECT)})"
    )


def _rewrite(
    node: exp.Expression, dimensions: Sequence[str], needed: dict[str, str], bits: bool = False
) -> exp.Expression | None:
    """One node of a measure over rollup columns: an additive aggregate becomes the sum of its
    stored column (noted in `needed`, name → the SQL that fills it from the rows); None when
    the aggregate is not additive; the node itself when it is no aggregate. With `bits`, the
    platforms' list becomes the OR of the rows' platform bits (see `PLATFORM_BIT`)."""
    found = _aggregate(node)
    if found is None:
        return node
    agg, condition = found
    if bits and "platform" in dimensions and is_platforms(agg):
        return _among_counted(exp.BitwiseOrAgg(this=exp.column(PLATFORM_BIT)), condition, needed)
    distinct = agg.find(exp.Distinct) is not None
    if isinstance(agg, exp.Sum | exp.Count) and not distinct:
        # A sum of sums, a sum of counts: what the rows would give, period by period.
        sql = node.sql(dialect=DIALECT)
        name = _name("m", sql)
        needed[name] = _fill_sql(agg, condition) or sql
        return exp.func("sum", exp.column(name))
    read = {c.name for c in agg.find_all(exp.Column)}
    if (distinct or isinstance(agg, exp.Min | exp.Max)) and read <= set(dimensions):
        # Distinct values of a dimension: the same over the rollup's rows, among those
        # that had at least one row matching the condition.
        return _among_counted(agg.copy(), condition, needed)
    return None


def _among_counted(
    agg: exp.Expression, condition: exp.Expression | None, needed: dict[str, str]
) -> exp.Expression:
    """An aggregate over the rollup's rows that had at least one row matching the condition
    (its count is noted in `needed`), or over all of them without one."""
    if condition is None:
        return agg
    name = _name("n", condition.sql(dialect=DIALECT))
    needed[name] = _count_where(condition)
    kept = exp.GT(this=exp.column(name), expression=exp.Literal.number(0))
    return exp.Filter(this=agg, expression=exp.Where(this=kept))


# One aggregate of a measure, as a rollup sees it: the dimension columns it must find in the
# rollup (an additive sum or count needs none) and the stored column it reads (name, SQL over
# the rows; no name when it reads the rollup's dimension alone).
_Part = tuple[frozenset[str] | None, str, str]


def _parts(measure: exp.Expression) -> tuple[_Part, ...] | None:
    """A measure's aggregates (see `_Part`), or None when one can never come from a rollup;
    the shared measure is only read, never copied (aggregates do not nest)."""
    out: list[_Part] = []
    for node in measure.find_all(exp.Filter, exp.AggFunc):
        found = _aggregate(node)
        if found is None:
            continue  # an aggregate seen as its FILTER, or a FILTER of something else
        agg, condition = found
        distinct = agg.find(exp.Distinct) is not None
        if isinstance(agg, exp.Sum | exp.Count) and not distinct:
            sql = node.sql(dialect=DIALECT)
            out.append((None, _name("m", sql), _fill_sql(agg, condition) or sql))
        elif distinct or isinstance(agg, exp.Min | exp.Max):
            read = frozenset(c.name for c in agg.find_all(exp.Column))
            if condition is None:
                out.append((read, "", ""))
            else:
                where = condition.sql(dialect=DIALECT)
                out.append((read, _name("n", where), _count_where(condition)))
        else:
            return None
    return tuple(out)


# Per (dataset, KPI): each measure's parts, found once per process (it generates their SQL).
_PARTS: dict[tuple, tuple[tuple[_Part, ...] | None, ...]] = {}


def _kpi_parts(dataset: str, kpi: Kpi) -> tuple[tuple[_Part, ...] | None, ...]:
    key = (dataset, freeze(kpi))
    found = _PARTS.get(key)  # read once: another session's thread may clear it
    if found is None:
        if len(_PARTS) > 4096:  # custom KPIs come and go; the catalog's stay few
            _PARTS.clear()
        found = _PARTS[key] = tuple(_parts(m) for m in measure_trees(dataset, kpi))
    return found


def _needed(parts: tuple[_Part, ...] | None, dimensions: Sequence[str]) -> dict[str, str] | None:
    """The rollup columns a measure reads at these dimensions (name → SQL over the rows), or
    None when the rollup cannot answer it: what `_plan` finds, without rewriting anything."""
    if parts is None or any(
        read is not None and not read <= set(dimensions) for read, _, _ in parts
    ):
        return None
    return {name: sql for _, name, sql in parts if name}


def _plan(
    measure: exp.Expression, dimensions: Sequence[str], bits: bool = False
) -> tuple[exp.Expression, dict[str, str]] | None:
    """A measure rewritten over rollup columns, with the columns it needs (name → the SQL that
    fills it from the rows); None when an aggregate inside is not additive. `bits`: see
    `_rewrite`."""
    needed: dict[str, str] = {}
    failed = False

    def visit(node: exp.Expression) -> exp.Expression:
        nonlocal failed
        out = _rewrite(node, dimensions, needed, bits)
        if out is None:
            failed = True
            return node
        return out

    rewritten = measure.copy().transform(visit, copy=False)
    return None if failed else (rewritten, needed)


# Per (dataset, KPI, dimensions, bits): the KPI's measures over the rollup, their DuckDB texts
# and the columns they read, or None; planned once (naming a measure generates its SQL).
_UNPLANNED = object()
_PLANS: dict[tuple, tuple[tuple[exp.Expression, ...], tuple[str, ...], frozenset[str]] | None] = {}


def _kpi_plan(
    dataset: str, kpi: Kpi, dimensions: tuple[str, ...], bits: bool = False
) -> tuple[tuple[exp.Expression, ...], tuple[str, ...], frozenset[str]] | None:
    """A KPI's measures over a rollup (see `_plan`); `bits`: the platforms' lists read from the
    platform bits, which read the same columns."""
    key = (dataset, freeze(kpi), dimensions, bits)
    found = _PLANS.get(key, _UNPLANNED)  # read once: another session's thread may clear it
    if found is not _UNPLANNED:
        return found  # type: ignore[return-value]
    if len(_PLANS) > 4096:  # custom KPIs come and go; the catalog's stay few
        _PLANS.clear()
    planned = [_plan(m, dimensions, bits) for m in measure_trees(dataset, kpi)]
    plan = None
    if all(p is not None for p in planned):
        trees = tuple(p[0] for p in planned if p is not None)
        texts = tuple(t.this.sql(dialect=DIALECT) for t in trees)
        plan = (trees, texts, frozenset(n for p in planned if p is not None for n in p[1]))
    _PLANS[key] = plan
    return plan


def table_name(dataset: str, dimensions: Sequence[str]) -> str:
    """The rollup table of a dataset at a set of dimensions."""
    return f"{PREFIX}{dataset}__{'_'.join(dimensions)}"


@functools.cache
def stored_measures(dataset: str, dimensions: tuple[str, ...]) -> dict[str, str]:
    """Every additive aggregate the catalog's KPIs read from a dataset (as their own dataset
    or as another source), name → SQL over the rows: what its rollups hold."""
    out: dict[str, str] = {}
    for kpi in BY_ID.values():
        if kpi.kind == "derived":
            continue
        for sourced in candidates(kpi):
            if sourced.dataset != dataset:
                continue
            for parts in _kpi_parts(dataset, sourced):
                needed = _needed(parts, dimensions)
                if needed is not None:
                    out.update(needed)
    return out


def _day_columns(dataset: str) -> list[exp.Expression]:
    time = TIME_FIELDS[dataset]
    days = [exp.alias_(exp.cast(exp.column(time), exp.DataType.Type.DATE), time)]
    if dataset in RANGED_DATASETS:
        days.append(exp.alias_(exp.cast(exp.column(RANGE_END), exp.DataType.Type.DATE), RANGE_END))
    return days


def build(
    con: duckdb.DuckDBPyConnection, dataset: str, dimensions: tuple[str, ...]
) -> Rollup | None:
    """Build one rollup table from a dataset's view (replacing an older one). None when it
    would not be much smaller than the rows (then they are read as they are) or cannot be built
    (a column of an odd type)."""
    table = table_name(dataset, dimensions)
    try:
        rows, groups = sizes(con, dataset)[dimensions]
        if rows > SMALL and groups > rows * WORTH:
            return None
        con.execute(f'CREATE OR REPLACE TABLE "{table}" AS {_build_sql(dataset, dimensions)}')
        size = con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
        platforms = None
        if "platform" in dimensions:
            found = con.execute(
                f'SELECT platform FROM "{table}" WHERE platform IS NOT NULL '
                "GROUP BY platform ORDER BY platform"
            ).fetchall()
            if len(found) <= MAX_PLATFORM_BITS:
                platforms = tuple(str(p) for (p,) in found)
    except (duckdb.Error, KeyError):
        con.execute(f'DROP TABLE IF EXISTS "{table}"')
        return None
    measures = frozenset(stored_measures(dataset, dimensions))
    return Rollup(dataset, table, dimensions, measures, int(size), platforms)


def sizes(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Per rollup level of a dataset (its dimensions): the dataset's rows and about how many
    rows the rollup would have, estimated in one scan for every level (once per data version
    on a session's connection)."""
    levels = LEVELS.get(dataset, ())
    if not levels:
        return {}
    found = cached(
        con, ("rollup sizes", dataset), lambda: con.execute(_size_sql(dataset)).fetchall()[0]
    )
    rows = int(found[0])
    return {dims: (rows, int(n)) for dims, n in zip(levels, found[1:], strict=True)}


@functools.cache
def _size_sql(dataset: str) -> str:
    """The SQL counting a dataset's rows and estimating each level's distinct keys, in one scan."""
    days = [d.this for d in _day_columns(dataset)]
    counts = [
        exp.func("approx_count_distinct", exp.Tuple(expressions=[*days, *map(exp.column, dims)]))
        for dims in LEVELS[dataset]
    ]
    return to_sql(exp.select("count(*)", *counts).from_(dataset))


@functools.cache
def _build_sql(dataset: str, dimensions: tuple[str, ...]) -> str:
    """The SQL that fills a rollup, written once per process (every load builds the same
    rollups)."""
    keys = [*(d.this for d in _day_columns(dataset)), *map(exp.column, dimensions)]
    items = [
        *_day_columns(dataset),
        *map(exp.column, dimensions),
        *(
            # The measure's text as it is (a Var leaf): parsing it again costs more than the
            # rest of the load's Python.
            exp.alias_(exp.Var(this=sql), name, copy=False)
            for name, sql in stored_measures(dataset, dimensions).items()
        ),
    ]
    # Grouped by the expressions, not the names: a name means the row's column first
    # (`published_at`, the timestamp), not the day the select made of it.
    query = exp.select(*items).from_(dataset).group_by(*(k.copy() for k in keys))
    if "platform" in dimensions:
        # The i-th platform in order (the order string_agg's ORDER BY sorts them in) gets bit i;
        # every rollup of a dataset groups the same rows, so they number alike. Beyond the
        # bits there are, the rollup keeps 0 and queries list the platforms as text.
        rank = "dense_rank() OVER (ORDER BY platform)"
        bit = (
            f"CASE WHEN platform IS NULL OR {rank} > {MAX_PLATFORM_BITS} THEN 0 "
            f"ELSE CAST(1 AS BIGINT) << ({rank} - 1) END"
        )
        query = exp.select("*", exp.alias_(exp.Var(this=bit), PLATFORM_BIT, copy=False)).from_(
            query.subquery("grouped", copy=False)
        )
    return to_sql(query)


Built = dict[str, tuple[object, dict[tuple[str, ...], "Rollup | tags.TagTable | None"]]]


def refresh(con: duckdb.DuckDBPyConnection, rows: dict[str, object], built: Built) -> Built:
    """Build now, on a session's connection, the rollups of every dataset in `rows` (dataset →
    what identifies its rows: the view's SQL and its tables), so the first request is as fast
    as the next ones; keep those of a dataset whose rows are what they were when `built`, and
    drop those of the others. Each is memoised under the key the chooser looks for (one not
    worth keeping as None, so no request tries it again on this data version); the posts'
    hashtags and mentions table (`kpi.engine.tags`) is built on first use. Returns what is built now, for the next call."""
    for dataset, (was, _) in built.items():
        if rows.get(dataset) != was:
            drop(con, dataset)
    out: Built = {}
    if memo_of(con) is None:
        return out
    for dataset, identity in rows.items():
        kept = built[dataset][1] if dataset in built and built[dataset][0] == identity else {}
        made = {}
        for dimensions in LEVELS.get(dataset, ()):
            key = ("rollup", dataset, dimensions)
            if dimensions in kept:
                made[dimensions] = cached(con, key, lambda v=kept[dimensions]: v)
            else:
                made[dimensions] = cached(
                    con, key, lambda d=dimensions, s=dataset: build(con, s, d)
                )
        # The posts' hashtags and mentions table is not built here but when a page first asks
        # for it (`tags.table`, once per data version): at 1 M posts it costs more than reading
        # the file, and most uploads never open the Content page.
        out[dataset] = (identity, made)
    return out


def drop(con: duckdb.DuckDBPyConnection, dataset: str | None = None) -> None:
    """Drop every rollup table, or a dataset's (the data they summed changed)."""
    names = [
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    ]
    start = PREFIX if dataset is None else f"{PREFIX}{dataset}__"
    for name in names:
        if name.startswith(start):
            con.execute(f'DROP TABLE IF EXISTS "{name}"')


def with_dimensions(
    con: duckdb.DuckDBPyConnection, dataset: str, dimensions: Iterable[str]
) -> str | None:
    """On a session's connection, the smallest built rollup of a dataset keeping all these
    dimensions (its table name), for questions about which values its rows have; None on a
    bare connection or when none keeps them."""
    wanted = set(dimensions)
    if memo_of(con) is None:
        return None
    for kept in LEVELS.get(dataset, ()):
        if not wanted <= set(kept):
            continue
        key = ("rollup", dataset, kept)
        if cached(con, key, lambda d=kept: build(con, dataset, d)) is not None:
            return table_name(dataset, kept)
    return None


def chooser(con: duckdb.DuckDBPyConnection, dataset: str) -> Chooser | None:
    """For a session's connection, what picks (and builds, once per data version) the smallest
    rollup of a dataset that answers a query; None on a bare connection or a dataset without
    rollups (its rows are read)."""
    if dataset not in LEVELS or memo_of(con) is None:
        return None

    def choose(
        kpis: Sequence[Kpi], by: Sequence[str], filters: Iterable[str], rendered: bool = False
    ) -> tuple[str, list[exp.Expression]] | None:
        wanted = list(filters)
        for dimensions in LEVELS[dataset]:
            if not set(by) <= set(dimensions) or not set(wanted) <= set(dimensions):
                continue
            # Planned with the platform bits a rollup keeping the platform has (they read the
            # same columns), and again with the text in the rare rollup without them.
            bits = "platform" in dimensions
            planned = [_kpi_plan(dataset, k, dimensions, bits) for k in kpis]
            stored = stored_measures(dataset, dimensions)
            if any(p is None or not p[2] <= stored.keys() for p in planned):
                continue
            key = ("rollup", dataset, dimensions)
            built = cached(con, key, lambda d=dimensions: build(con, dataset, d))
            if built is None:
                continue
            if bits and built.platforms is None:
                planned = [_kpi_plan(dataset, k, dimensions) for k in kpis]
            measures = []
            for p in planned:
                if p is not None:
                    measures += rendered_measures(*p[:2]) if rendered else [m.copy() for m in p[0]]
            return table_name(dataset, dimensions), measures
        return None

    return choose


def decode_platforms(
    con: duckdb.DuckDBPyConnection, dataset: str, masks: Sequence[int | None]
) -> list[str | None]:
    """Platform bit masks (see `PLATFORM_BIT`) as the text the rows' platforms would give
    (`facebook, x`), None for no platform. Every rollup of a dataset numbers its platforms
    alike, so any built one keeping the platform names them."""
    names: tuple[str, ...] | None = None
    for dimensions in LEVELS.get(dataset, ()):
        if "platform" not in dimensions:
            continue
        # Built already (the chooser picked one): this finds it in the memo.
        found = cached(
            con, ("rollup", dataset, dimensions), lambda d=dimensions: build(con, dataset, d)
        )
        if found is not None and found.platforms is not None:
            names = found.platforms
            break
    if names is None:
        raise ValueError(f"no rollup of {dataset} numbers its platforms")
    out: list[str | None] = []
    for mask in masks:
        # No mask (no rows) or none of its bits (rows without a platform): no text either.
        out.append(", ".join(n for i, n in enumerate(names) if mask >> i & 1) if mask else None)
    return out
