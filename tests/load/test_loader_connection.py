"""The loader's connections: one database for the process, a connection of its own per load
(temporary tables, the time zone and the optimizer switch are the load's alone), and the
catalog look-up `object_kind` answering as information_schema.tables (its plain definition)."""

from __future__ import annotations

import duckdb
import pytest

from kpi.load import _loader_connection
from kpi.load.report import drop_objects, object_kind


def test_each_load_has_its_own_temporary_tables_and_settings() -> None:
    first, second = _loader_connection(), _loader_connection()
    try:
        first.execute("CREATE TEMP TABLE fast_cells AS SELECT 1 AS c0")
        second.execute("CREATE TEMP TABLE fast_cells AS SELECT 2 AS c0")
        first.execute("PRAGMA disable_optimizer")
        assert first.execute("SELECT c0 FROM fast_cells").fetchall() == [(1,)]
        assert second.execute("SELECT c0 FROM fast_cells").fetchall() == [(2,)]
        setting = "SELECT current_setting('enable_optimizer'), current_setting('TimeZone')"
        assert second.execute(setting).fetchall() == [(True, "UTC")]
    finally:
        first.close()
    third = _loader_connection()
    try:  # another load's tables are not seen, nor are those of a closed one
        assert third.execute("SELECT count(*) FROM duckdb_tables()").fetchall() == [(0,)]
    finally:
        second.close()
        third.close()


def _plain_kind(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    found = con.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()
    if not found:
        return None
    return "VIEW" if found[0][0] == "VIEW" else "TABLE"


@pytest.mark.parametrize(
    "name", ["t", "tmp", "v", "tv", 'odd "name"', "Mixed", "mixed", "missing", "tables"]
)
def test_object_kind_answers_as_information_schema(name: str) -> None:
    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE t AS SELECT 1 AS a")
        con.execute("CREATE TEMP TABLE tmp AS SELECT 1 AS a")
        con.execute("CREATE VIEW v AS SELECT 1 AS a")
        con.execute("CREATE TEMP VIEW tv AS SELECT 1 AS a")
        con.execute('CREATE TABLE "odd ""name""" AS SELECT 1 AS a')
        con.execute('CREATE VIEW "Mixed" AS SELECT 1 AS a')
        assert object_kind(con, name) == _plain_kind(con, name)
        drop_objects(con, [name])
        assert object_kind(con, name) is None
    finally:
        con.close()
