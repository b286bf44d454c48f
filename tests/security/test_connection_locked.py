"""A session's connection refuses the file system, the network, extension installs, settings
changes and Python variables, and keeps working afterwards."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kpi.load import load_file
from kpi.store import SessionData
from tests.conftest import use_settings

secret_frame = pd.DataFrame({"password": ["hunter2"]})  # a replacement scan would read this


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/*')",
        "SELECT * FROM sniff_csv('/etc/passwd')",
        "EXPORT DATABASE '/tmp/kpi_export_should_not_exist'",
        "COPY (SELECT 1) TO '/tmp/kpi_should_not_exist.csv'",
        "ATTACH '/tmp/kpi_attach.duckdb'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SELECT * FROM read_csv('https://example.com/x.csv')",
        "SET memory_limit = '100GB'",
        "SET enable_external_access = true",
        "SELECT * FROM secret_frame",
    ],
)
def test_dangerous_statements_are_refused_and_the_session_goes_on(sql, tmp_path):
    data = SessionData()
    data.add(load_file("posts.csv", b"published_at,platform,impressions\n2026-01-05 10:00,x,5\n"))
    with pytest.raises(duckdb.Error):
        data.con.execute(sql).fetchall()
    assert data.con.execute("SELECT sum(impressions) FROM posts").fetchall() == [(5,)]


def test_no_file_appears_after_a_refused_copy_or_export():
    data = SessionData()
    target = Path("/tmp/kpi_should_not_exist.csv")
    folder = Path("/tmp/kpi_export_should_not_exist")
    target.unlink(missing_ok=True)
    with pytest.raises(duckdb.Error):
        data.con.execute(f"COPY (SELECT 1) TO '{target}'")
    with pytest.raises(duckdb.Error):
        data.con.execute(f"EXPORT DATABASE '{folder}'")
    assert not target.exists()
    assert not folder.exists()


def _setting(data: SessionData, name: str) -> object:
    return data.con.execute("SELECT current_setting(?)", [name]).fetchall()[0][0]


def test_each_session_has_its_own_bounded_connection_and_spill_directory(monkeypatch, tmp_path):
    use_settings(
        monkeypatch,
        session_memory=300 * 10**6,
        session_threads=1,
        session_temp=500 * 10**6,
        temp_dir=str(tmp_path),
    )
    one, two = SessionData(), SessionData()
    assert one.con is not two.con
    assert _setting(one, "threads") == 1
    assert _setting(one, "memory_limit").startswith("286.")  # 300 MB in MiB
    assert _setting(one, "max_temp_directory_size").startswith("476.")
    spill_one, spill_two = _setting(one, "temp_directory"), _setting(two, "temp_directory")
    assert spill_one != spill_two
    assert Path(spill_one).parent == tmp_path
    assert _setting(one, "lock_configuration") is True
    assert _setting(one, "enable_external_access") is False
    assert _setting(one, "python_enable_replacements") is False


def test_a_big_sort_spills_to_the_session_directory_which_goes_when_the_session_ends(
    monkeypatch, tmp_path
):
    use_settings(monkeypatch, session_memory=100 * 10**6, temp_dir=str(tmp_path))
    data = SessionData()
    spill = Path(_setting(data, "temp_directory"))
    rows = data.con.execute(
        "SELECT count(*) FROM (SELECT range % 3000000 AS k, count(*) FROM range(6000000) GROUP BY k)"
    ).fetchall()
    assert rows == [(3_000_000,)]
    assert spill.is_dir(), "the aggregate did not fit in 100 MB, so it spilled"
    data.close()
    assert not spill.exists()
