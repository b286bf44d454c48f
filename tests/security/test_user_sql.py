"""A person's own SQL (`kpi.sql.run_sql` and `python -m kpi sql`): every attempt to leave the
session's data is refused with a sentence, runaway queries stop at the time limit, one query
runs at a time, results are capped, and the session keeps working after each refusal."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import kpi.sql
from kpi.cli import main
from kpi.guard import QueryRefused
from kpi.load import load_file
from kpi.sql import run_sql
from kpi.store import SessionData
from tests.conftest import use_settings

POSTS = b"published_at,platform,impressions,likes\n2026-01-05 10:00,x,5,1\n2026-01-06 11:00,x,7,2\n"

ATTACKS = {
    "read_csv": "SELECT * FROM read_csv('/etc/passwd')",
    "read_text": "SELECT * FROM read_text('/etc/hostname')",
    "glob": "SELECT * FROM glob('/*')",
    "sniff_csv": "SELECT * FROM sniff_csv('/etc/passwd')",
    "attach": "ATTACH '/tmp/kpi_attach.duckdb' AS other",
    "copy": "COPY (SELECT 1) TO '/tmp/kpi_user_copy.csv'",
    "export": "EXPORT DATABASE '/tmp/kpi_user_export'",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "https": "SELECT * FROM read_csv('https://example.com/data.csv')",
    "memory": "SET memory_limit = '100GB'",
    "external": "SET enable_external_access = true",
    "python_variable": "SELECT * FROM app_secret",
    "two_statements": "SELECT 1; DROP VIEW posts",
    "create": "CREATE TABLE mine AS SELECT 1",
    "pragma": "PRAGMA database_list",
}
# The words each refusal must carry, so the person knows what happened.
EXPECTED = {
    "read_csv": "files, the network",
    "read_text": "files, the network",
    "glob": "files, the network",
    "sniff_csv": "files, the network",
    "https": "files, the network",
    "attach": "Only SELECT",
    "copy": "Only SELECT",
    "export": "Only SELECT",
    "install": "Only SELECT",
    "load": "Only SELECT",
    "memory": "Only SELECT",
    "external": "Only SELECT",
    "create": "Only SELECT",
    "pragma": "Only SELECT",
    "python_variable": "tables you can query",
    "two_statements": "one query at a time",
}


@pytest.fixture
def session(monkeypatch) -> SessionData:
    # A Python variable where the query runs: a replacement scan would read it from there.
    secret = pd.DataFrame({"password": ["hunter2"]})
    monkeypatch.setattr(kpi.sql, "app_secret", secret, raising=False)
    data = SessionData()
    data.add(load_file("posts.csv", POSTS))
    return data


def _total(data: SessionData) -> int:
    return int(run_sql(data.con, "SELECT sum(impressions) FROM posts", data.gate).rows()[0][0])


@pytest.mark.parametrize("name", ATTACKS)
def test_each_attempt_is_refused_with_a_sentence_and_the_session_goes_on(name, session):
    with pytest.raises(QueryRefused) as refused:
        run_sql(session.con, ATTACKS[name], session.gate)
    message = refused.value.user_message
    assert EXPECTED[name].lower() in message.lower(), message
    assert "Traceback" not in message and "LINE 1" not in message
    assert _total(session) == 12
    assert not Path("/tmp/kpi_user_copy.csv").exists()
    assert not Path("/tmp/kpi_user_export").exists()


@pytest.mark.parametrize("name", ATTACKS)
def test_the_command_line_refuses_the_same_with_exit_status_2(name, tmp_path, capsys, monkeypatch):
    secret = pd.DataFrame({"password": ["hunter2"]})
    monkeypatch.setattr(kpi.sql, "app_secret", secret, raising=False)
    posts = tmp_path / "posts.csv"
    posts.write_bytes(POSTS)
    assert main(["sql", str(posts), ATTACKS[name], "--json"]) == 2
    captured = capsys.readouterr()
    error = json.loads(captured.out)["error"]  # DESIGN.md: with --json, failures are JSON too
    assert error["code"] == "query_refused" and error["message"] == captured.err.strip()
    assert EXPECTED[name].lower() in captured.err.lower()
    assert len(captured.err.strip().splitlines()) == 1, "one clear sentence"


def test_the_command_line_answers_a_select_as_columns_and_rows(tmp_path, capsys):
    posts = tmp_path / "posts.csv"
    posts.write_bytes(POSTS)
    query = "SELECT platform, sum(likes) AS likes, min(published_at) AS first FROM posts GROUP BY 1"
    assert main(["sql", str(posts), query, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["columns"] == ["platform", "likes", "first"]
    assert doc["rows"] == [["x", 3, "2026-01-05T10:00:00"]]


def test_the_command_line_needs_files_before_the_query(capsys):
    assert main(["sql", "SELECT 1"]) == 2
    assert "file" in capsys.readouterr().err


def test_the_command_line_says_when_nothing_could_be_loaded(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["sql", str(empty), "SELECT 1"]) == 1


def test_a_select_answers_with_plain_numbers_and_dates(session):
    result = run_sql(
        session.con,
        "SELECT platform, sum(likes) AS likes, avg(impressions) AS mean, "
        "max(published_at) AS last FROM posts GROUP BY ALL",
        session.gate,
    )
    assert result.columns == ["platform", "likes", "mean", "last"]
    assert result.rows() == [["x", 3, 6.0, "2026-01-06T11:00:00"]]
    assert not result.truncated


@pytest.mark.parametrize(
    "sql",
    ["DESCRIBE posts", "SHOW TABLES", "FROM posts", "WITH a AS (SELECT 1 AS n) SELECT * FROM a"],
)
def test_other_read_only_forms_run(sql, session):
    assert run_sql(session.con, sql, session.gate).frame.shape[0] >= 1


def test_rows_brought_into_python_are_capped(session):
    result = run_sql(session.con, "SELECT * FROM range(100000000)", session.gate, max_rows=500)
    assert len(result.frame) == 500
    assert result.truncated
    assert _total(session) == 12, "the unfinished result does not keep the connection busy"


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count(*) FROM range(100000000) a, range(100000000) b",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
    ],
    ids=["cross_join", "endless_recursion"],
)
def test_runaway_queries_stop_at_the_time_limit_and_the_connection_is_usable(sql, session):
    started = time.perf_counter()
    with pytest.raises(QueryRefused, match="stopped after 1 seconds"):
        run_sql(session.con, sql, session.gate, seconds=1)
    assert time.perf_counter() - started < 10
    assert _total(session) == 12
    assert not session.gate.busy


def test_a_memory_hungry_query_fails_cleanly_at_the_memory_limit(monkeypatch, tmp_path):
    # 50 MB of disk: no room to spill either
    use_settings(
        monkeypatch, session_memory=200 * 10**6, session_temp=50 * 10**6, temp_dir=str(tmp_path)
    )
    data = SessionData()
    data.add(load_file("posts.csv", POSTS))
    with pytest.raises(QueryRefused, match="more memory than a session may use"):
        run_sql(data.con, "SELECT list(repeat('x', 1000)) FROM range(10000000)", data.gate)
    assert _total(data) == 12


def test_a_second_query_while_one_runs_is_refused_not_queued(session):
    slow = "SELECT count(*) FROM range(100000000) a, range(100000000) b"
    outcome: list[str] = []

    def first() -> None:
        try:
            run_sql(session.con, slow, session.gate, seconds=3)
        except QueryRefused as exc:
            outcome.append(exc.user_message)

    worker = threading.Thread(target=first)
    worker.start()
    deadline = time.perf_counter() + 30  # a loaded machine may start the thread late
    while not session.gate.busy and time.perf_counter() < deadline:
        time.sleep(0.01)
    assert session.gate.busy, "the first query is running"
    # The gate answers before the connection is touched: even text that would not parse, or
    # that would be refused, gets "still running" rather than a parser or busy error.
    for second in ("SELECT 1", "SELEC broken", "SELECT current_setting('temp_directory')"):
        with pytest.raises(QueryRefused, match="still running"):
            run_sql(session.con, second, session.gate)
    worker.join()
    assert outcome and "stopped after 3 seconds" in outcome[0]
    assert _total(session) == 12


def test_a_syntax_error_says_so(session):
    with pytest.raises(QueryRefused, match="syntax error"):
        run_sql(session.con, "SELEC * FROM posts", session.gate)


def test_an_unknown_column_points_to_the_column_list(session):
    with pytest.raises(QueryRefused, match="column names listed"):
        run_sql(session.con, "SELECT no_such_column FROM posts", session.gate)


def test_an_empty_or_huge_query_is_refused(session):
    with pytest.raises(QueryRefused, match="Type a SELECT"):
        run_sql(session.con, "   ", session.gate)
    with pytest.raises(QueryRefused, match="characters long"):
        run_sql(session.con, "SELECT " + "1 + " * 10_000 + "1", session.gate)


def test_two_sessions_never_see_each_others_tables():
    mine, theirs = SessionData(), SessionData()
    mine.add(load_file("posts.csv", POSTS))
    with pytest.raises(QueryRefused, match="tables you can query"):
        run_sql(theirs.con, "SELECT * FROM posts", theirs.gate)
    listed = run_sql(theirs.con, "SHOW TABLES", theirs.gate)
    assert listed.frame.empty
