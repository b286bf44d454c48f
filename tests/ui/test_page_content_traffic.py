"""The Content and Traffic & conversions pages through Streamlit's AppTest: on the sample data
(charts and tables drawn) and on an empty session (needs shown, nothing raised)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.store import SessionData

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _open(page: str, empty: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if empty:
        at.session_state["session_data"] = SessionData()
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_content_page_on_sample_data():
    at = _open("app_pages/content.py")
    assert len(_charts(at)) >= 6  # posts per period, 2 hashtag, 2 mention charts, scatter
    assert len(at.dataframe) == 2  # top and bottom posts
    top = at.dataframe[0].value
    assert len(top) == 10 and top["impressions"].min() >= 100
    assert top["engagement_rate"].is_monotonic_decreasing
    specs = json.dumps(_charts(at), ensure_ascii=False)
    assert "#caféaurora" in specs  # the sample's own hashtag, accent kept

    at.number_input(key="content_min_impressions").set_value(10**9).run()
    assert not at.exception
    assert not at.dataframe
    assert any("1,000,000,000 impressions" in i.value for i in at.info)


def test_traffic_page_on_sample_data():
    at = _open("app_pages/traffic.py")
    labels = {m.label for m in at.metric}
    assert {"Sessions", "Sessions from social", "Bounce rate", "Pages per session"} <= labels
    assert all(m.value != "—" for m in at.metric)
    assert len(_charts(at)) >= 3  # social vs other, branded search, funnel
    assert any("Branded queries" in c.value for c in at.caption)

    at.text_input(key="traffic_brand_terms").set_value("aurora, tostadores").run()
    assert not at.exception
    workspace = at.session_state["session_data"].workspace
    assert workspace.other["brand_terms"] == ["aurora", "tostadores"]

    at.text_input(key="traffic_brand_terms").set_value(" , ").run()
    assert not at.exception
    assert any("brand terms" in i.value for i in at.info)


@pytest.mark.parametrize("page", ["app_pages/content.py", "app_pages/traffic.py"])
def test_pages_on_an_empty_session_say_what_is_needed(page):
    at = _open(page, empty=True)
    assert not at.get("vega_lite_chart")
    infos = " ".join(i.value for i in at.info)
    assert "Upload" in infos or "upload" in infos
    assert "Needs" in infos or "needs" in " ".join(c.value for c in at.caption)
    export = "post-level export" if page.endswith("content.py") else "Google Analytics"
    assert export in infos + " ".join(c.value for c in at.caption)


@pytest.mark.parametrize(
    ("page", "slides"), [("app_pages/content.py", 5), ("app_pages/traffic.py", 4)]
)
def test_presenter_mode_shows_one_section_per_slide(page, slides):
    at = _open(page)
    at.toggle(key="ctl_present").set_value(True).run()
    seen = 0
    for n in range(1, slides + 1):
        assert not at.exception
        assert any(f"{n} / {slides}" in c.value for c in at.caption)
        seen += len(at.get("vega_lite_chart")) + len(at.dataframe) + len(at.metric)
        assert not at.get("download_button")  # no download buttons on a slide
        if n < slides:
            at.button(key="slide-next").click().run()
    assert seen >= slides
