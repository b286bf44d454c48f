"""Answers the page cannot draw as they are (lists, structs, maps, unions, blobs, intervals,
huge numbers, NaN, infinities, odd dates) come back as plain values or text, through
`kpi.sql.run_sql` and `python -m kpi sql --json`; and an answer never brings more than the
byte cap into Python."""

from __future__ import annotations

import json
import math

import pytest

from kpi.cli import main
from kpi.load import load_file
from kpi.settings import settings
from kpi.sql import run_sql
from kpi.store import SessionData

POSTS = b"published_at,platform,impressions,likes\n2026-01-05 10:00,x,5,1\n2026-01-06 11:00,x,7,2\n"

# query -> the JSON value of its first cell
ODD = {
    "SELECT [1,2,3] AS v": "[1, 2, 3]",
    "SELECT [[1], NULL] AS v": "[[1], NULL]",
    "SELECT {'a': 1, 'b': [2]} AS v": "{'a': 1, 'b': [2]}",
    "SELECT map([1], [2]) AS v": "{1=2}",
    "SELECT union_value(k := 1) AS v": "1",
    "SELECT [1, 2]::INTEGER[2] AS v": "[1, 2]",
    "SELECT chr(1) AS v": "\x01",
    "SELECT '\\xFF'::BLOB AS v": "\\xFF",
    "SELECT INTERVAL '1 month 3 days 01:00' AS v": "1 month 3 days 01:00:00",
    "SELECT 123456789012345678901234567890::HUGEINT AS v": "123456789012345678901234567890",
    "SELECT 12345678901234567890123456789.125::DECIMAL(38,3) AS v": "12345678901234567890123456789.125",
    "SELECT sum(range)::HUGEINT AS v FROM range(10)": 45,
    "SELECT 2.5::DECIMAL(10,2) AS v": 2.5,
    "SELECT 'nan'::DOUBLE AS v": None,
    "SELECT 'inf'::DOUBLE AS v": "Infinity",
    "SELECT '-inf'::DOUBLE AS v": "-Infinity",
    "SELECT TIMESTAMPTZ '2026-01-01 10:00:00+02' AS v": "2026-01-01T08:00:00+00:00",
    "SELECT DATE '2026-01-05' AS v": "2026-01-05",
    "SELECT 'infinity'::DATE AS v": None,
    "SELECT '-infinity'::TIMESTAMP AS v": None,
    "SELECT TIME '10:30' AS v": "10:30:00",
    "SELECT bit '0101' AS v": "0101",
    "SELECT 'a'::ENUM('a', 'b') AS v": "a",
    "SELECT 18446744073709551615::UBIGINT AS v": 18446744073709551615,
}


@pytest.fixture
def session() -> SessionData:
    data = SessionData()
    data.add(load_file("posts.csv", POSTS))
    yield data
    data.close()


@pytest.mark.parametrize("sql", ODD)
def test_odd_values_come_back_as_plain_values_or_text(sql, session):
    result = run_sql(session.con, sql, session.gate)
    (row,) = result.rows()
    assert row[0] == ODD[sql]
    json.dumps(result.rows(), allow_nan=False)  # valid JSON, no NaN or Infinity tokens


@pytest.mark.parametrize(
    "sql",
    ["SHOW ALL TABLES", "DESCRIBE posts", "SUMMARIZE posts", "SELECT 1 AS a, 2 AS a",
     "SELECT * FROM test_all_types()", "SELECT 1 -- a trailing comment"],
)  # fmt: skip
def test_system_answers_and_every_type_at_its_limits_do_not_break(sql, session):
    result = run_sql(session.con, sql, session.gate)
    assert len(result.frame) >= 1
    json.dumps(result.rows(), allow_nan=False)


def test_duplicate_column_names_are_kept(session):
    result = run_sql(session.con, "SELECT 1 AS a, 2 AS a", session.gate)
    assert result.columns == ["a", "a"] and result.rows() == [[1, 2]]


def test_order_by_survives_the_wrapping(session):
    sql = "SELECT range AS n FROM range(5000) ORDER BY hash(range)"
    expected = [r[0] for r in session.con.sql(sql).fetchall()]
    assert [r[0] for r in run_sql(session.con, sql, session.gate).rows()] == expected


@pytest.mark.parametrize("sql", [*list(ODD)[:10], "SHOW ALL TABLES"])
def test_the_command_line_prints_them_as_json(sql, tmp_path, capsys):
    posts = tmp_path / "posts.csv"
    posts.write_bytes(POSTS)
    assert main(["sql", str(posts), sql, "--json"]) == 0, capsys.readouterr().err
    doc = json.loads(capsys.readouterr().out)
    assert doc["rows"] and len(doc["rows"][0]) == len(doc["columns"])


def test_the_command_line_table_output_shows_odd_values(tmp_path, capsys):
    posts = tmp_path / "posts.csv"
    posts.write_bytes(POSTS)
    assert main(["sql", str(posts), "SELECT [1,2,3] AS l, {'a': 1} AS s"]) == 0
    out = capsys.readouterr().out
    assert "[1, 2, 3]" in out and "{'a': 1}" in out


def test_the_answer_stops_at_the_byte_cap_with_a_sentence(session):
    cap = 1_000_000
    result = run_sql(session.con, "SELECT repeat('x', 1000) AS t FROM range(10000)", session.gate,
                     max_bytes=cap)  # fmt: skip
    assert result.cut_bytes and result.truncated
    assert 0 < len(result.frame) * 1000 <= cap
    (note,) = result.notes()
    assert "cut at" in note and "fewer or shorter columns" in note
    assert run_sql(session.con, "SELECT 1 AS n", session.gate).rows() == [[1]]


def test_an_answer_that_fits_is_not_cut(session):
    result = run_sql(session.con, "SELECT repeat('x', 100) AS t FROM range(100)", session.gate,
                     max_bytes=1_000_000)  # fmt: skip
    assert not result.cut_bytes and not result.truncated and len(result.frame) == 100


def test_one_huge_text_is_cut_to_the_cell_limit(session):
    sql = f"SELECT string_agg('é', '') AS t FROM range({settings().query_cell_chars + 10})"
    result = run_sql(session.con, sql, session.gate)
    text = result.rows()[0][0]
    assert len(text) == settings().query_cell_chars + 1 and text.endswith("…")
    assert result.cut_cells and any("cut" in n for n in result.notes())


def test_a_big_answer_of_many_rows_does_not_crash_or_fill_memory(session):
    # 30 rows of 100 MB each was 3 GB in Python and an Arrow error; now a few MB arrive.
    sql = "SELECT string_agg('x', '') || a.range AS t FROM range(3000000) b, range(30) a GROUP BY a.range"
    result = run_sql(session.con, sql, session.gate, seconds=60)
    assert len(result.frame) == 30
    assert all(len(v) <= settings().query_cell_chars + 1 for v in result.frame["t"])


def test_nan_and_infinity_in_a_number_column_stay_numbers_for_the_page(session):
    result = run_sql(
        session.con, "SELECT * FROM (VALUES (1.5), ('nan'::DOUBLE), ('inf'::DOUBLE)) t(v)",
        session.gate,
    )  # fmt: skip
    values = result.frame["v"].tolist()
    assert values[0] == 1.5 and math.isnan(values[1]) and math.isinf(values[2])
    assert result.rows() == [[1.5], [None], ["Infinity"]]


def test_one_row_wider_than_the_cap_is_left_out_not_brought_in(session):
    # 300 columns of a 1 MB text: one row of 300 MB, over a 64 MB cap before any row fits.
    columns = ", ".join("t" for _ in range(300))
    sql = f"SELECT {columns} FROM (SELECT string_agg('x', '') AS t FROM range({settings().query_cell_chars}))"
    result = run_sql(session.con, sql, session.gate, seconds=60)
    assert result.cut_bytes and len(result.frame) == 0
    assert "cut at" in result.notes()[0]


def test_query_text_that_is_not_valid_unicode_is_refused_with_a_sentence(session):
    from kpi.guard import QueryRefused

    with pytest.raises(QueryRefused, match="not valid text"):
        run_sql(session.con, "SELECT 'a\udcff' AS s", session.gate)
