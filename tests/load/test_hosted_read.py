"""A large delimited upload is read straight into the session's database (`SessionData.read`):
its data exists once there (renamed, not copied), the rows and KPIs are those of the loader's
own path, removing the file drops everything it brought, the upload's temporary copy is gone,
and the session still cannot read any other file."""

from __future__ import annotations

import os

import duckdb
import pytest

from kpi.load import fast, load_file
from kpi.store import SessionData

ROWS = 2500


def _csv(total: str = "") -> bytes:
    lines = [
        f"p{i},2026-01-{1 + i % 28:02d} 10:00,{['facebook', 'instagram'][i % 2]},{i},{i % 7},post {i}"
        for i in range(ROWS)
    ]
    head = "post_id,published_at,platform,impressions,likes,text\n"
    return (head + "\n".join(lines) + "\n" + total).encode()


@pytest.fixture
def hosted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every delimited file counts as large (the real bound is 16 MB)."""
    monkeypatch.setattr(fast, "HOSTED_BYTES", 0)


def _objects(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall()
    return dict(rows)


def _totals(data: SessionData) -> list[tuple]:
    return data.con.execute(
        "SELECT platform, count(*), sum(impressions), sum(likes) FROM posts GROUP BY 1 ORDER BY 1"
    ).fetchall()


def test_a_large_file_is_read_into_the_session_once_and_answers_as_the_loader_path(hosted):
    data = SessionData()
    result = data.read("posts.csv", _csv())
    source = result.tables[0].source
    assert source is not None and source.con is data.con  # read into the session's database
    data.add(result, upload="u", name="posts.csv")
    stored = data.tables[0]
    objects = _objects(data.con)
    # The cells DuckDB read, typed in place and renamed: the only copy of the data.
    tables = [k for k, v in objects.items() if v != "VIEW" and not k.startswith("__rollup")]
    assert tables == [stored.name] and objects[stored.name] == "LOCAL TEMPORARY"
    assert stored.loaded.data.num_rows == 1000  # the head kept for recognising and previews

    copied = SessionData()  # the loader's own connection, copied in: the same answers
    copied.add(load_file("posts.csv", _csv()))
    assert copied.tables[0].owned == ()
    # Hand-computed: 1 250 posts per platform; impressions 0..2 499 split by parity.
    expected = [
        ("facebook", 1250, sum(range(0, ROWS, 2)), sum(i % 7 for i in range(0, ROWS, 2))),
        ("instagram", 1250, sum(range(1, ROWS, 2)), sum(i % 7 for i in range(1, ROWS, 2))),
    ]
    assert _totals(data) == _totals(copied) == expected

    data.remove_upload("u")
    left = _objects(data.con)
    assert stored.name not in left and not any(o in left for o in stored.owned)
    data.close()
    copied.close()


def test_rows_left_out_and_the_rejected_rows_report_are_the_same(hosted):
    data = SessionData()
    data.add(data.read("posts.csv", _csv(total="Total,,,99,9,\n")))
    report = data.tables[0].loaded.report
    with fast.disabled():
        careful = load_file("posts.csv", _csv(total="Total,,,99,9,\n")).tables[0].report
    assert report.rows_loaded == careful.rows_loaded == ROWS
    assert [r.line for r in report.rejected] == [r.line for r in careful.rejected]
    assert data.con.execute("SELECT count(*) FROM posts").fetchall()[0][0] == ROWS
    data.close()


def test_a_file_the_fast_path_cannot_read_still_loads_through_the_loader(hosted):
    ragged = _csv() + b"p9,2026-01-02 10:00,facebook,1\n"  # a short row: the careful path
    data = SessionData()
    result = data.read("posts.csv", ragged)
    assert result.tables and result.tables[0].source is None  # read whole, in Arrow
    data.add(result)
    assert data.con.execute("SELECT count(*) FROM posts").fetchall()[0][0] >= ROWS
    data.close()


def test_the_upload_copy_is_removed_and_no_other_file_can_be_read(hosted, tmp_path):
    data = SessionData()
    data.add(data.read("posts.csv", _csv()))
    assert data.host is not None
    for folder in (data.host.memory_folder, data.host.disk_folder):
        assert not os.path.exists(folder) or os.listdir(folder) == []
    outside = tmp_path / "secret.csv"
    outside.write_text("a\n1\n")
    with pytest.raises(duckdb.Error):
        data.con.execute(f"SELECT * FROM read_csv('{outside}')").fetchall()
    with pytest.raises(duckdb.Error):  # the allowed folders cannot be widened
        data.con.execute("SET allowed_directories = ['/']")
    folders = (data.host.memory_folder, data.host.disk_folder)
    data.close()
    assert not any(os.path.exists(f) for f in folders)


def test_a_small_file_takes_the_loader_connection():
    data = SessionData()
    result = data.read("posts.csv", _csv())  # far below 16 MB
    source = result.tables[0].source
    assert source is not None and source.con is not data.con
    data.add(result)
    assert data.tables[0].owned == ()
    data.close()
