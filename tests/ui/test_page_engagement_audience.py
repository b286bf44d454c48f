"""The Engagement and Audience pages through AppTest: sample data, an empty session, presenter mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.store import SessionData

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _open(page: str, empty: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if empty:
        at.session_state["session_data"] = SessionData()
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    return at


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _texts(at: AppTest) -> str:
    return " ".join(
        [i.value for i in at.info] + [c.value for c in at.caption] + [m.value for m in at.markdown]
    )


def test_engagement_page_on_sample_data_shows_tiles_charts_and_table():
    at = _open("engagement")
    assert at.title[0].value == "Engagement"
    values = {m.label: m.value for m in at.metric}
    assert {"Impressions", "Engagement rate", "Followers", "Net new followers", "Saves"} <= set(
        values
    )
    assert values["Impressions"] not in ("—", "0")
    assert len(_charts(at)) >= 2  # engagement rate by platform, new vs lost followers
    assert at.dataframe, "the KPIs-by-platform table is shown"
    table = at.dataframe[0].value
    assert "platform" in table.columns and len(table) >= 2


def test_audience_page_on_sample_data_shows_pyramid_segments_and_heatmap():
    at = _open("audience")
    assert at.title[0].value == "Audience"
    specs = _charts(at)
    assert len(specs) == 5  # pyramid, countries, cities, languages, heatmap
    dumped = json.dumps(specs)
    assert "Women" in dumped and "Men" in dumped
    assert at.number_input[0].value == 3
    at.number_input[0].set_value(1).run()
    assert not at.exception
    assert len(_charts(at)) == 5


def test_engagement_page_on_an_empty_session_says_what_is_needed():
    at = _open("engagement", empty=True)
    assert not at.get("vega_lite_chart")
    text = _texts(at)
    assert "needs:" in text and "export" in text


def test_audience_page_on_an_empty_session_says_what_is_needed():
    at = _open("audience", empty=True)
    assert not at.get("vega_lite_chart")
    infos = " ".join(i.value for i in at.info)
    assert "needs: audience" in infos and "needs: posts" in infos


@pytest.mark.parametrize("page", ["engagement", "audience"])
def test_presenter_mode_shows_one_section_and_a_next_button(page):
    # The page file is opened directly (as a link to it is): in AppTest, switching pages from
    # app.py drops the presenter toggle's state, so the query parameter would not reach the page.
    at = AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=120)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert "Next" in [b.label for b in at.button]
    assert "1 / 4" in " ".join(c.value for c in at.caption)
    assert len(at.subheader) == 1
    first = at.subheader[0].value
    at.button(key="slide-next").click().run()
    assert not at.exception
    assert "2 / 4" in " ".join(c.value for c in at.caption)
    assert first not in [s.value for s in at.subheader]
    assert at.get("vega_lite_chart"), "the second slide draws its chart(s)"
