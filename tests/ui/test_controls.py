"""The shared controls live in the URL: a link reopens the same view, and presenter mode
shows one section per screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.store import SessionData

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def test_the_url_sets_dates_grain_comparison_and_filters():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"from": "2026-03-02", "to": "2026-04-26", "grain": "month", "compare": "year",
                            "platform": "instagram,facebook"})  # fmt: skip
    at.run()
    assert not at.exception
    assert at.session_state["ctl_range"] == (dt.date(2026, 3, 2), dt.date(2026, 4, 26))
    assert at.session_state["ctl_grain"] == "month" and at.session_state["ctl_compare"] == "year"
    assert sorted(at.session_state["ctl_platform"]) == ["facebook", "instagram"]
    assert "2 Mar 2026 – 26 Apr 2026" in " ".join(c.value for c in at.caption)


def test_changing_a_control_writes_it_to_the_url():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.selectbox(key="ctl_grain").set_value("month").run()
    assert at.query_params["grain"] == ["month"] or at.query_params["grain"] == "month"
    assert "from" in at.query_params and "to" in at.query_params


def test_presenter_mode_shows_one_section_with_next_and_previous():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    labels = [b.label for b in at.button]
    assert "Next" in labels and "Previous" in labels and "Leave presenter mode" in labels
    assert "1 / 3 · Headline KPIs" in " ".join(c.value for c in at.caption)
    next(b for b in at.button if b.label == "Next").click().run()
    assert "2 / 3" in " ".join(c.value for c in at.caption)
    assert at.get("vega_lite_chart"), "the trend slide draws its chart"


def test_pages_on_an_empty_session_explain_what_they_need():
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["session_data"] = SessionData()
    at.run()
    assert not at.exception
    assert any("Upload" in i.value or "No data" in i.value for i in at.info)
    at.switch_page("app_pages/data.py").run()
    assert not at.exception


@pytest.mark.parametrize(
    "page", ["overview", "engagement", "audience", "content", "traffic", "paid", "leads", "explore"]
)
def test_every_dashboard_page_offers_its_slides_as_a_pdf(page):
    at = AppTest.from_file(APP, default_timeout=120).run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    assert "Slides (PDF)" in [b.label for b in at.get("download_button")]


@pytest.mark.parametrize("how", ["button", "toggle"])
def test_leaving_presenter_mode_brings_the_page_back(how):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["present"] = "1"
    at.run()
    assert at.session_state["ctl_present"] is True
    if how == "button":
        at.button(key="present-exit").click().run()
    else:
        at.toggle(key="ctl_present").set_value(False).run()
    assert not at.exception
    assert at.session_state["ctl_present"] is False
    assert "present" not in at.query_params
    assert "Leave presenter mode" not in [b.label for b in at.button]


@pytest.mark.parametrize(
    "page", ["engagement", "audience", "content", "traffic", "paid", "explore"]
)
def test_controls_keep_their_state_across_pages(page):
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert at.session_state["ctl_grain"] == "week"
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    assert at.session_state["ctl_grain"] == "week"
    assert at.session_state["ctl_compare"] == "previous"
    at.selectbox(key="ctl_grain").set_value("month").run()
    at.selectbox(key="ctl_compare").set_value("year").run()
    at.switch_page("app_pages/overview.py").run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert at.session_state["ctl_grain"] == "month"
    assert at.session_state["ctl_compare"] == "year"


def test_a_shared_link_keeps_month_and_last_year_after_a_click():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"from": "2026-01-01", "to": "2026-06-30", "grain": "month", "compare": "year"})  # fmt: skip
    at.run()
    at.switch_page("app_pages/engagement.py").run()
    at.switch_page("app_pages/paid.py").run()
    assert not at.exception
    assert at.session_state["ctl_grain"] == "month" and at.session_state["ctl_compare"] == "year"
    assert at.session_state["ctl_range"] == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def test_the_date_picker_reaches_dates_long_before_the_data():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.date_input(key="ctl_range").set_value((dt.date(2015, 1, 1), dt.date(2026, 6, 30))).run()
    assert not at.exception
    assert at.session_state["ctl_range"] == (dt.date(2015, 1, 1), dt.date(2026, 6, 30))
    picker = at.date_input(key="ctl_range")
    assert picker.min <= dt.date(2015, 1, 1)


def test_other_pages_say_when_they_show_the_sample_data():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/engagement.py").run()
    assert any("sample data" in c.value for c in at.caption)
    at.session_state["session_data"].source = "uploads"
    at.run()
    assert not any("sample data" in c.value for c in at.caption)
