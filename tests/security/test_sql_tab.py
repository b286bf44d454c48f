"""Explore's SQL tab through AppTest: a query answers with a table and a chart, refusals are
messages on the page, two sessions never see each other's data, and file content is shown as
text, never as HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.engine.rollups import PREFIX as ROLLUP_PREFIX
from kpi.load import load_file
from kpi.store import SessionData

APP = str(Path(__file__).resolve().parents[2] / "app.py")
EXPLORE = "app_pages/explore.py"
DATA = "app_pages/data.py"
HOSTILE = (
    b"published_at,platform,impressions,<script>alert('name')</script>\n"
    b"2026-01-05 10:00,<img src=x onerror=alert(1)>,5,<b>bold</b>\n"
    b"2026-01-06 10:00,x,7,<script>alert('value')</script>\n"
)


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _sql_tab(data: SessionData | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if data is not None:
        at.session_state["session_data"] = data
    at.run()
    at.switch_page(EXPLORE).run()
    at.session_state["explore_tab"] = "SQL"
    at.run()
    assert not at.exception
    return at


def _run_query(at: AppTest, sql: str) -> AppTest:
    at.text_area(key="explore_sql").input(sql)
    at.button(key="explore_sql_run").click().run()
    assert not at.exception
    return at


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_the_example_query_answers_with_a_table_a_chart_and_downloads():
    at = _sql_tab()
    assert at.query_params.get("tab") in ("sql", ["sql"])
    assert "posts" in " ".join(e.label for e in at.expander), "the views are listed"
    at.button(key="explore_sql_run").click().run()
    assert not at.exception
    frame = at.dataframe[-1].value
    assert list(frame.columns) == ["platform", "posts", "likes"]
    assert len(frame) == 6 and frame["likes"].is_monotonic_decreasing
    charts = _charts(at)
    assert charts and charts[-1]["mark"]["type"] == "bar"
    labels = [b.label for b in at.get("download_button")]
    assert {"CSV", "Excel"} <= set(labels) or len(labels) >= 2


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("SELECT * FROM read_csv('/etc/passwd')", "files, the network"),
        ("COPY (SELECT 1) TO '/tmp/kpi_tab_copy.csv'", "Only SELECT"),
        ("SET enable_external_access = true", "Only SELECT"),
        ("SELECT 1; SELECT 2", "one query at a time"),
        ("SELECT * FROM session_data", "tables you can query"),
    ],
)
def test_a_refused_query_is_a_message_and_the_next_query_runs(sql, words):
    at = _run_query(_sql_tab(), sql)
    assert any(words.lower() in e.value.lower() for e in at.error), [e.value for e in at.error]
    assert not Path("/tmp/kpi_tab_copy.csv").exists()
    at = _run_query(at, "SELECT count(*) AS n FROM posts")
    assert not at.error
    assert at.dataframe[-1].value["n"].iloc[0] > 0


def test_the_query_text_survives_a_visit_to_the_measures_tab():
    at = _run_query(_sql_tab(), "SELECT 42 AS answer")
    at.session_state["explore_tab"] = "Measures"
    at.run()
    at.session_state["explore_tab"] = "SQL"
    at.run()
    assert at.text_area(key="explore_sql").value == "SELECT 42 AS answer"


def test_two_sessions_never_see_each_others_tables_or_results():
    mine = SessionData()
    mine.add(load_file("secret_posts.csv", b"published_at,platform,likes\n2026-01-05,x,4242\n"))
    theirs = SessionData()
    first = _run_query(_sql_tab(mine), "SELECT sum(likes) AS likes FROM posts")
    assert first.dataframe[-1].value["likes"].iloc[0] == 4242
    second = _sql_tab(theirs)
    assert not second.dataframe, "no result carried over from the other session"
    second = _run_query(second, "SELECT * FROM posts")
    assert any("tables you can query" in e.value for e in second.error)
    second = _run_query(second, "SELECT table_name FROM duckdb_tables()")
    assert any("no rows" in i.value for i in second.info)
    first = _run_query(first, "SELECT table_name FROM duckdb_tables()")
    names = set(first.dataframe[-1].value["table_name"])
    # Its own table, and the summaries (rollups) the session built over it at load.
    assert "raw_secret_posts_csv" in names, "the same query sees the first session's table"
    assert all(n == "raw_secret_posts_csv" or n.startswith(ROLLUP_PREFIX) for n in names), names


def _markdown_with_html(at: AppTest) -> list[str]:
    """Every element whose text Streamlit would render as HTML."""
    out = [e.proto.body for e in at.markdown if e.proto.allow_html]
    out += [e.proto.body for e in at.get("html")]
    return out


@pytest.mark.parametrize("page", [DATA, EXPLORE])
def test_file_content_is_never_rendered_as_html(page):
    data = SessionData()
    data.add(load_file("hostile.csv", HOSTILE))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["session_data"] = data
    at.run()
    at.switch_page(page).run()
    if page == EXPLORE:
        at.session_state["explore_tab"] = "SQL"
        at.run()
        at = _run_query(at, f"SELECT * FROM {data.tables[0].name}")
        shown = at.dataframe[-1].value
        assert "<img src=x onerror=alert(1)>" in set(shown["platform"])
        assert "<script>alert('name')</script>" in shown.columns
    assert not at.exception
    for body in _markdown_with_html(at):
        for marker in ("<script>alert", "onerror=", "<b>bold"):
            assert marker not in body, body[:200]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT [1,2,3] AS l, {'a': 1} AS s, map([1], [2]) AS m, union_value(k := 1) AS u, "
        "chr(1) AS c, INTERVAL 3 DAY AS i, 'ab'::BLOB AS b, 'inf'::DOUBLE AS n, "
        "123456789012345678901234567890::HUGEINT AS h, TIMESTAMPTZ '2026-01-01 10:00+02' AS t",
        "SELECT chr(1) || platform AS label, count(*) AS n FROM posts GROUP BY 1",
        "SHOW ALL TABLES",
    ],
    ids=["odd_values", "control_character_label", "show_all_tables"],
)
def test_answers_the_page_cannot_draw_as_they_are_are_shown_as_text(sql):
    at = _run_query(_sql_tab(), sql)
    assert not at.error, [e.value for e in at.error]
    assert len(at.dataframe[-1].value) >= 1
    labels = [b.label for b in at.get("download_button")]
    assert len(labels) >= 2, "CSV and Excel downloads were built"


def test_the_byte_cap_and_refusals_are_sentences_on_the_page():
    at = _run_query(_sql_tab(), "SELECT repeat('x', 10000) || range AS t FROM range(7000)")
    assert any("cut at" in w.value for w in at.warning), [w.value for w in at.warning]
    assert 0 < len(at.dataframe[-1].value) < 7000
    for sql, words in [
        ("SELECT current_setting('temp_directory')", "settings"),
        ("SELECT printf('%2000000000d', 1)", "at most"),
        ("SHOW temp_directory", "settings"),
    ]:
        at = _run_query(at, sql)
        assert any(words in e.value for e in at.error), [e.value for e in at.error]
        assert not any("kpi-session" in str(d.value.to_dict()) for d in at.dataframe)
