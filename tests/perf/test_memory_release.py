"""Freed memory given back: DuckDB's allocator purged after a dropped table, every step skipped
quietly where its allocator is missing, and a closed session holding none of its data."""

from __future__ import annotations

import sys

import duckdb
import pytest

from kpi import memory
from kpi.load import load_file
from kpi.store import SessionData

POSTS = b"post_id,published_at,platform,impressions\np1,2026-01-05 09:00,x,10\n"
linux = pytest.mark.skipif(sys.platform != "linux", reason="DuckDB ships jemalloc on Linux only")


@linux
def test_a_dropped_tables_pages_go_back_to_the_system_when_purged() -> None:
    con = duckdb.connect(":memory:", config={"threads": 1})
    con.execute("CREATE TABLE t AS SELECT range AS a, md5(range::VARCHAR) AS b FROM range(500000)")
    con.execute("DROP TABLE t")
    memory.purge_duckdb()  # what earlier tests left, so the figure below is this table's
    con.execute("CREATE TABLE t AS SELECT range AS a, md5(range::VARCHAR) AS b FROM range(500000)")
    con.execute("DROP TABLE t")
    kept = memory.duckdb_resident_bytes()
    assert memory.purge_duckdb() is True
    after = memory.duckdb_resident_bytes()
    con.close()
    assert kept is not None and after is not None
    # ~40 MiB of strings were dropped; jemalloc keeps their pages until purged.
    assert kept - after > 16 * 1024**2, (kept, after)


@linux
def test_the_malloc_arena_cap_and_mapping_threshold_are_set_on_glibc() -> None:
    assert memory.tune_malloc() is True


def test_returning_memory_skips_the_allocators_that_are_not_there(monkeypatch) -> None:
    monkeypatch.setattr(memory, "_libc", lambda: None)
    monkeypatch.setattr(memory, "_duckdb_mallctl", lambda: None)
    assert memory.purge_duckdb() is False
    assert memory.duckdb_resident_bytes() is None
    assert memory.tune_malloc() is False
    memory.return_freed_memory()  # nothing to call: no error either


def test_a_closed_session_keeps_none_of_its_data() -> None:
    data = SessionData()
    data.add(load_file("posts.csv", POSTS), upload="u1", name="posts.csv")
    data.datasets()  # something computed, in the memo
    assert data.summaries and data.uploads and len(data.memo)
    data.close()
    assert not (data.tables or data.summaries or data.uploads or data.errors or data.duplicates)
    assert len(data.memo) == 0
