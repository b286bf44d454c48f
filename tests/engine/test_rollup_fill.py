"""A rollup's stored sums and counts are filled without FILTER clauses (cheaper for DuckDB's
grouping) and hold exactly what the compiled aggregate gives: per group, with groups where no
row matches (a sum is then NULL, a count 0) and values missing."""

from __future__ import annotations

import duckdb
import pytest
import sqlglot
from sqlglot import exp

from kpi.engine.rollups import _count_where, _fill_sql

AGGREGATES = [
    "sum(likes) FILTER (WHERE NOT likes IS NULL)",
    "count(*) FILTER (WHERE NOT likes IS NULL)",
    "count(likes) FILTER (WHERE NOT likes IS NULL)",
    "sum(likes) FILTER (WHERE NOT shares IS NULL)",
    "count(*) FILTER (WHERE NOT shares IS NULL)",
    "sum(coalesce(likes, 0) + coalesce(shares, 0)) FILTER (WHERE NOT likes IS NULL OR NOT shares IS NULL)",
    "sum(shares) FILTER (WHERE lower(kind) IN ('link', 'article') AND NOT shares IS NULL)",
    "count(*) FILTER (WHERE lower(kind) IN ('link', 'article'))",
    "count(shares) FILTER (WHERE kind = 'photo')",
    "sum(likes * 2) FILTER (WHERE likes > 3)",
]
ROWS = [
    ("a", "link", 5, 1),
    ("a", "photo", None, 2),
    ("a", "article", 4, None),
    ("b", "photo", None, None),  # group b: nothing matches most conditions
    ("c", "LINK", 7, 0),
    ("c", None, 2, 3),
]


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (g VARCHAR, kind VARCHAR, likes BIGINT, shares BIGINT)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", ROWS)
    return con


def _split(sql: str) -> tuple[exp.AggFunc, exp.Expression]:
    node = sqlglot.parse_one(sql, read="duckdb")
    assert isinstance(node, exp.Filter)
    return node.this, node.expression.this


def _per_group(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(f"SELECT g, {sql} FROM t GROUP BY g ORDER BY g").fetchall()


@pytest.mark.parametrize("compiled", AGGREGATES)
def test_the_filled_column_holds_what_the_compiled_aggregate_gives(
    con: duckdb.DuckDBPyConnection, compiled: str
) -> None:
    filled = _fill_sql(*_split(compiled))
    assert filled is not None and "FILTER" not in filled.upper()
    assert _per_group(con, filled) == _per_group(con, compiled)


@pytest.mark.parametrize("compiled", [a for a in AGGREGATES if a.startswith("count(*)")])
def test_a_row_count_under_a_condition_is_the_filtered_count(
    con: duckdb.DuckDBPyConnection, compiled: str
) -> None:
    condition = _split(compiled)[1]
    assert _per_group(con, _count_where(condition)) == _per_group(con, compiled)


def test_an_aggregate_without_a_condition_or_of_distinct_values_keeps_its_own_sql() -> None:
    assert _fill_sql(exp.Sum(this=exp.column("likes")), None) is None
    distinct, condition = _split("count(DISTINCT kind) FILTER (WHERE NOT likes IS NULL)")
    assert _fill_sql(distinct, condition) is None
