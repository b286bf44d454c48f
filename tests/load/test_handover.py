"""The fast path's tables stay on the loader connection until asked for: the session streams
them in batches (never one whole Arrow copy), and the loader's side is freed afterwards, when
the result is closed, or when it is garbage collected."""

from __future__ import annotations

import gc

import duckdb
import pyarrow as pa
import pytest

from kpi.load import LoadedTable, LoadReport, load_file
from kpi.load.report import LoaderTable, share_connection
from kpi.store import HEAD_ROWS, SessionData

ROWS = 3 * HEAD_ROWS


def _csv(total: str = "") -> bytes:
    lines = [f"p{i},2026-01-{1 + i % 28:02d} 10:00,{i},post {i}" for i in range(ROWS)]
    return ("post_id,published_at,impressions,text\n" + "\n".join(lines) + "\n" + total).encode()


def _objects(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall()
    return dict(rows)


def _closed(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        con.execute("SELECT 1")
    except duckdb.ConnectionException:
        return True
    return False


def test_the_session_streams_the_table_and_frees_the_loader() -> None:
    result = load_file("posts.csv", _csv())
    loaded = result.tables[0]
    source = loaded.source
    assert source is not None and source.alive
    data = SessionData()
    data.add(result)
    assert loaded._data is None  # never made whole in Arrow
    assert not source.alive and _closed(source.con)
    assert data.con.execute("SELECT count(*) FROM raw_posts_csv").fetchall()[0][0] == ROWS
    assert data.tables[0].loaded.data.num_rows == HEAD_ROWS
    data.close()


def test_the_stream_and_the_whole_table_agree_with_the_careful_path() -> None:
    from kpi.load import fast

    with fast.disabled():
        careful = load_file("posts.csv", _csv()).tables[0].data
    loaded = load_file("posts.csv", _csv()).tables[0]
    assert loaded.column_names == careful.column_names and loaded.schema == careful.schema
    batches = list(loaded.reader(batch_rows=1000))
    assert max(b.num_rows for b in batches) <= 1000
    assert pa.Table.from_batches(batches).to_pylist() == careful.to_pylist()
    assert loaded.head(10).to_pylist() == careful.slice(0, 10).to_pylist()
    whole = loaded.data
    assert whole.to_pylist() == careful.to_pylist()
    assert loaded.data is whole  # made once, then kept
    assert loaded.source is None  # and the loader's copy let go


def test_a_result_never_stored_frees_the_loader_when_closed_or_collected() -> None:
    result = load_file("posts.csv", _csv())
    con = result.tables[0].source.con
    result.close()
    assert _closed(con)
    result = load_file("posts.csv", _csv())
    con = result.tables[0].source.con
    del result
    gc.collect()
    assert _closed(con)


def test_the_loader_holds_one_copy_the_cells_it_read_typed_in_place() -> None:
    loaded = load_file("posts.csv", _csv()).tables[0]
    con, name = loaded.source.con, loaded.source.name
    assert _objects(con) == {name: "LOCAL TEMPORARY"}  # no view, no second table
    columns = con.execute(f"DESCRIBE {name}").fetchall()
    # Final names and types in the table itself (the time was read with its offset, as UTC).
    assert [(c[0], c[1]) for c in columns] == [
        ("post_id", "VARCHAR"), ("published_at", "TIMESTAMP"), ("impressions", "BIGINT"),
        ("text", "VARCHAR"),
    ]  # fmt: skip
    assert loaded.report.rows_loaded == ROWS


def test_a_header_named_like_a_working_column_is_kept() -> None:
    data = "c1,c0,when\n" + "".join(f"{i},{2 * i},2026-01-02 10:00\n" for i in range(50))
    loaded = load_file("odd.csv", data.encode()).tables[0]
    assert loaded.column_names == ["c1", "c0", "when"]
    assert loaded.data.column("c0").to_pylist()[:3] == [0, 2, 4]


def test_rows_left_out_make_a_table_of_the_kept_rows_and_the_cells_go() -> None:
    loaded = load_file("posts.csv", _csv(total="Total,,99,\n")).tables[0]
    assert loaded.report.rows_loaded == ROWS and loaded.report.rows_rejected == 1
    assert _objects(loaded.source.con) == {loaded.source.name: "LOCAL TEMPORARY"}
    assert loaded.data.num_rows == ROWS


def test_a_typed_table_keeps_only_the_columns_shown() -> None:
    # A percent column is typed in SQL after reading, so `typed` is a table here.
    lines = [f"2026-01-{1 + i % 28:02d},{i % 90}.5%" for i in range(ROWS)]
    loaded = load_file("r.csv", ("day,rate\n" + "\n".join(lines) + "\n").encode()).tables[0]
    con, name = loaded.source.con, loaded.source.name
    tables = [k for k, v in _objects(con).items() if v != "VIEW"]
    assert tables == [f"{name}_typed"]
    kept = [r[0] for r in con.execute(f"DESCRIBE {name}_typed").fetchall()]
    assert len(kept) == 2 and "__row" not in kept
    assert loaded.column_names == ["day", "rate"]
    assert loaded.data.column("rate")[0].as_py() == pytest.approx(0.005)


def test_the_connection_closes_with_the_last_table_reading_from_it() -> None:
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE a AS SELECT 1 AS x")
    con.execute("CREATE TEMP TABLE b AS SELECT 2 AS x")
    tables = [LoadedTable(None, LoadReport(file="f"), LoaderTable(con, n, [n])) for n in ("a", "b")]
    share_connection(con, tables)
    tables[0].release()
    assert not _closed(con) and "a" not in _objects(con)
    assert tables[1].data.to_pylist() == [{"x": 2}]  # reading it whole releases it too
    assert _closed(con)


def test_an_arrow_table_head_is_a_copy_of_the_first_rows() -> None:
    table = pa.table({"x": list(range(5000))})
    loaded = LoadedTable(table, LoadReport(file="f"))
    head = loaded.head(100)
    assert head.to_pylist() == table.slice(0, 100).to_pylist()
    assert head.get_total_buffer_size() < table.get_total_buffer_size() / 10
    assert loaded.head(10_000) is table
    assert loaded.reader().read_all() == table


def test_a_wide_typed_table_is_copied_once_rather_than_altered_column_by_column() -> None:
    from kpi.load.finish import MOST_DROPPED

    width = MOST_DROPPED + 1  # each typed column leaves its text to drop
    header = ",".join(f"rate {i}" for i in range(width))
    lines = [",".join(f"{(r + i) % 90}.5%" for i in range(width)) for r in range(50)]
    loaded = load_file("r.csv", (header + "\n" + "\n".join(lines) + "\n").encode()).tables[0]
    assert _objects(loaded.source.con) == {loaded.source.name: "LOCAL TEMPORARY"}
    assert loaded.data.num_columns == width and loaded.data.num_rows == 50


def test_a_result_read_from_paths_can_be_added_to_several_sessions(tmp_path) -> None:
    from kpi.load import load_paths

    (tmp_path / "posts.csv").write_bytes(_csv())
    result = load_paths([tmp_path])
    assert result.tables[0].source is None  # whole in Arrow, the loader closed
    sessions = [SessionData(), SessionData()]
    for data in sessions:
        data.add(result)
        assert data.con.execute("SELECT count(*) FROM raw_posts_csv").fetchall()[0][0] == ROWS
        data.close()


def test_a_wide_table_keeps_its_cells_under_a_view() -> None:
    # Renaming 100 columns one by one would rewrite the table's catalog entry 200 times (3 000
    # columns took 20 s): a wide table's typing stays a view over the cells it read.
    header = ",".join(f"m{j}" for j in range(100))
    rows = "".join(",".join(str(i + j) for j in range(100)) + "\n" for i in range(30))
    loaded = load_file("wide.csv", (header + "\n" + rows).encode()).tables[0]
    objects = _objects(loaded.source.con)
    assert objects[loaded.source.name] == "VIEW"
    assert loaded.data.column("m99").to_pylist()[:2] == [99, 100]
