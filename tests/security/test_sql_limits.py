"""What the locked connection alone does not stop: size-making functions that ignore the
memory limit and the interrupt (refused or bounded before they run), and functions, views and
SHOW forms that read the server's settings and paths (refused), through `kpi.sql.run_sql` and
`python -m kpi sql`."""

from __future__ import annotations

import json
import time

import pytest

from kpi.cli import main
from kpi.guard import QueryRefused
from kpi.load import load_file
from kpi.settings import settings
from kpi.sql import explain, run_sql
from kpi.store import SessionData

POSTS = b"published_at,platform,impressions,likes\n2026-01-05 10:00,x,5,1\n2026-01-06 11:00,x,7,2\n"

# Each held gigabytes for 10 s to minutes past the 5 s interrupt before this check.
OVERSIZED = [
    "SELECT printf('%2000000000d', 1)",
    "SELECT printf('%.2000000000f', 1.5)",
    "SELECT format('{:>2000000000}', 1)",
    "SELECT length(lpad('x', 1000000000, 'y'))",
    "SELECT rpad('x', 1000000000, 'y')",
    "SELECT repeat('x', 1e9)",
    "SELECT repeat('x', 100000000) FROM range(15)",
    "SELECT repeat('abcdefghij', 5000)",
    "SELECT repeat([1], 100000000)",
    "SELECT list_resize([1], 100000000)",
    "SELECT bitstring('1', 1000000000)",
    "SELECT len(range(100000000))",
    "SELECT unnest(generate_series(TIMESTAMP '2020-01-01', TIMESTAMP '2026-01-01', INTERVAL 1 SECOND))",
    "SELECT list_transform([1], x -> lpad('a', 1000000000, 'b'))",
    "SELECT * FROM (SELECT repeat('x', 2000000000) AS v) WHERE v = 'y'",
]
# Sizes computed from data: bounded at run time with a sentence, or refused when not checkable.
COMPUTED = [
    "SELECT lpad(platform, (likes * 1000000000)::INTEGER, 'y') FROM posts",
    "SELECT repeat(platform, likes * 100000000) FROM posts",
    "SELECT repeat(repeat('x', 10000), likes) FROM posts",
    "SELECT list_resize([1], likes * 100000000) FROM posts",
    "SELECT printf(platform, 1) FROM posts",
    "SELECT printf('%*d', 2000000000, 1)",
    "SELECT format('{:>{}}', 1, 2000000000)",
    "SELECT range(likes * 100000000) FROM posts",
]
FINE = {
    "SELECT lpad(platform, 5, '0') AS v FROM posts LIMIT 1": "0000x",
    "SELECT printf('%5.1f|%s|%%', 3.14159, 'a') AS v": "  3.1|a|%",
    "SELECT format('{:>4}|{}', 1, 2) AS v": "   1|2",
    "SELECT repeat('ab', 3) AS v": "ababab",
    "SELECT repeat(platform, likes) AS v FROM posts ORDER BY likes DESC LIMIT 1": "xx",
    "SELECT lpad(platform, likes::INTEGER + 1, '-') AS v FROM posts ORDER BY likes LIMIT 1": "-x",
    "SELECT len(range(1, 101)) AS v": 100,
    "SELECT count(*) AS v FROM range(1000000000) LIMIT 1": 1000000000,
    "SELECT count(*) AS v FROM (SELECT unnest(generate_series(DATE '2026-01-01', DATE '2026-03-31', INTERVAL 1 DAY)))": 90,
    "SELECT count(*) AS v FROM repeat('a', 100000)": 100000,
}

LEAKS = [
    "SELECT current_setting('temp_directory')",
    "SELECT current_setting('secret_directory')",
    "SELECT list_transform(['temp_directory'], x -> current_setting(x))",
    "SELECT * FROM duckdb_settings()",
    "SELECT value FROM duckdb_settings() WHERE name = 'temp_directory'",
    "SUMMARIZE SELECT * FROM duckdb_settings()",
    "FROM duckdb_temporary_files()",
    "FROM duckdb_databases()",
    "FROM duckdb_databases",
    "FROM duckdb_extensions()",
    "FROM duckdb_secrets()",
    "FROM duckdb_logs",
    "FROM pragma_database_list",
    "FROM pragma_database_size()",
    "FROM pragma_user_agent()",
    "FROM pg_settings",
    "FROM pg_catalog.pg_settings",
    "SHOW temp_directory",
    'SHOW "secret_directory"',
    "FROM query('SELECT * FROM duckdb_settings()')",
    "FROM query_table('duckdb_settings')",
    "FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
]
STILL_FINE = [
    "SHOW TABLES",
    "SHOW ALL TABLES",
    "DESCRIBE posts",
    "SUMMARIZE posts",
    "FROM duckdb_tables()",
    "FROM duckdb_columns()",
    "FROM information_schema.columns",
    "FROM pragma_table_info('posts')",
    "SELECT version()",
]


@pytest.fixture
def session() -> SessionData:
    data = SessionData()
    data.add(load_file("posts.csv", POSTS))
    yield data
    data.close()


@pytest.mark.parametrize("sql", OVERSIZED)
def test_a_written_size_above_the_cap_is_refused_before_it_runs(sql, session):
    started = time.perf_counter()
    with pytest.raises(QueryRefused) as refused:
        run_sql(session.con, sql, session.gate)
    assert time.perf_counter() - started < 1
    message = refused.value.user_message
    assert f"{settings().query_value_size:,}" in message and "Ask for less" in message, message
    assert not session.gate.busy


@pytest.mark.parametrize("sql", COMPUTED)
def test_a_size_computed_from_data_is_bounded_with_a_sentence(sql, session):
    started = time.perf_counter()
    with pytest.raises(QueryRefused) as refused:
        run_sql(session.con, sql, session.gate)
    assert time.perf_counter() - started < 2
    message = refused.value.user_message
    assert "Traceback" not in message and "LINE" not in message
    assert any(w in message for w in (f"{settings().query_value_size:,}", "written", "bounds")), (
        message
    )


@pytest.mark.parametrize("sql", FINE)
def test_ordinary_uses_of_those_functions_still_run(sql, session):
    assert run_sql(session.con, sql, session.gate).rows()[0][0] == FINE[sql]


@pytest.mark.parametrize("sql", LEAKS)
def test_settings_and_paths_are_out_of_reach(sql, session):
    with pytest.raises(QueryRefused) as refused:
        run_sql(session.con, sql, session.gate)
    message = refused.value.user_message
    assert "settings" in message, message
    assert (
        settings().temp_dir not in message
        and "/root" not in message
        and "kpi-session" not in message
    )


@pytest.mark.parametrize("sql", STILL_FINE)
def test_describing_ones_own_tables_still_works(sql, session):
    result = run_sql(session.con, sql, session.gate)
    text = json.dumps(result.rows(), default=str)
    assert "kpi-session" not in text and "/root" not in text


@pytest.mark.parametrize("sql", ["SELECT current_setting('temp_directory')", "SHOW temp_directory",
                                 "FROM pg_settings", "FROM duckdb_settings()"])  # fmt: skip
def test_the_command_line_refuses_the_same(sql, tmp_path, capsys):
    posts = tmp_path / "posts.csv"
    posts.write_bytes(POSTS)
    assert main(["sql", str(posts), sql, "--json"]) == 2
    captured = capsys.readouterr()
    assert "settings" in captured.err and len(captured.err.strip().splitlines()) == 1
    assert "kpi-session" not in captured.out + captured.err
    assert json.loads(captured.out)["error"]["code"] == "query_refused"


def test_errors_never_show_a_server_path():
    class Fake(Exception):
        pass

    text = explain(
        Fake('IO Error: Could not create "/tmp/kpi-session-abc/x.tmp" for /root/.duckdb')
    )
    assert "/tmp" not in text and "/root" not in text and "server path" in text


def test_size_making_calls_share_one_budget_per_query(session):
    # 50 calls of 10 000 each over 100 000 rows held > 6 GB of DuckDB intermediates that the
    # memory limit does not count, until the kernel killed the process.
    many = " || ".join(["repeat('x', 1000)"] * 11)
    with pytest.raises(QueryRefused, match="together in one query"):
        run_sql(session.con, f"SELECT {many}", session.gate)
    computed = " || ".join(["repeat(chr(65 + (range % 2)::INTEGER), 10000)"] * 50)
    started = time.perf_counter()
    with pytest.raises(
        QueryRefused, match=f"more than {settings().query_value_size // 50:,} characters"
    ):
        run_sql(session.con, f"SELECT length({computed}) FROM range(100000)", session.gate)
    assert time.perf_counter() - started < 5
    fits = " || ".join(["repeat(platform, likes)"] * 4)
    assert run_sql(session.con, f"SELECT {fits} AS v FROM posts LIMIT 1", session.gate).rows()


def test_a_query_nested_too_deeply_to_check_is_refused_with_a_sentence(session):
    deep = " || ".join(["'x'"] * 400)  # under DuckDB's depth limit, over Python's JSON one
    with pytest.raises(QueryRefused, match="nested too deeply"):
        run_sql(session.con, f"SELECT {deep}", session.gate)
