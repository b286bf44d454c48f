"""A session's connection refuses the file system, the network, extension installs, settings
changes and Python variables, and keeps working afterwards."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from kpi.load import load_file
from kpi.store import SessionData

secret_frame = pd.DataFrame({"password": ["hunter2"]})  # a replacement scan would read this


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/*')",
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


def test_no_file_appears_after_a_refused_copy():
    import pathlib

    data = SessionData()
    target = pathlib.Path("/tmp/kpi_should_not_exist.csv")
    target.unlink(missing_ok=True)
    with pytest.raises(duckdb.Error):
        data.con.execute(f"COPY (SELECT 1) TO '{target}'")
    assert not target.exists()
