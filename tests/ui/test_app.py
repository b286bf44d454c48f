"""The pages, driven through Streamlit's AppTest: first screen on sample data, uploads, Data page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.uikit import POSTS_CSV, plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture(scope="module")
def first_screen() -> AppTest:
    """The first screen on the sample data, run once for the tests that only read it."""
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=120).run()


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_first_screen_is_a_live_dashboard_on_sample_data(first_screen):
    at = first_screen
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert {"Impressions", "Engagement rate", "Followers", "Sessions", "Leads", "Ad spend"} <= set(
        labels
    )
    values = {m.label: m.value for m in at.metric}
    assert values["Impressions"] not in ("—", "0")
    assert _charts(at), "the first screen shows at least one Altair chart"
    assert any("sample data" in i.value for i in at.info)


def test_data_page_lists_sample_tables_with_reports():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    # The sample's files all read cleanly: listed in the summary, none opened by default.
    listed = at.dataframe[0].value.to_string()
    assert "posts_facebook_instagram.csv" in listed and "crm_export.xlsx" in listed
    assert "Rows read" not in [m.label for m in at.metric]
    picker = at.selectbox(key="data_show_file")
    picker.select_index(next(i for i, o in enumerate(picker.options) if "crm_export" in o)).run()
    assert not at.exception
    assert "Rows read" in [m.label for m in at.metric]
    assert any("crm\\_export" in m.value for m in at.markdown)


def test_upload_replaces_sample_data_and_reports_bad_rows():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value(
        [("my_posts.csv", POSTS_CSV, "text/csv"), ("empty.csv", b"", "text/csv")]
    ).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows read"] == "3"
    assert metrics["Rows loaded"] == "2"
    assert metrics["Rows rejected"] == "1"
    errors = plain(" ".join(e.value for e in at.error))
    assert "empty.csv" in errors and "empty" in errors
    rejected = at.dataframe
    assert any("impressions" in str(df.value.to_dict()).lower() for df in rejected)

    at.switch_page("app_pages/overview.py").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Impressions"] == "3,000"
    assert not any("sample data" in i.value for i in at.info)


def test_changing_a_mapping_on_the_data_page_changes_the_kpi_tiles():
    csv = (
        b"published_at,impressions,reach,likes,comments,shares\n"
        b"2026-01-05 10:00,1000,700,50,5,5\n"
        b"2026-01-07 10:00,2000,900,100,10,10\n"
    )
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("instagram_posts.csv", csv, "text/csv")]).run()
    at.switch_page("app_pages/overview.py").run()
    assert {m.label: m.value for m in at.metric}["Impressions"] == "3,000"

    at.switch_page("app_pages/data.py").run()
    at.selectbox(key="data_show_file").select_index(0).run()  # the file read cleanly: open it
    table = "raw_instagram_posts_csv"
    at.selectbox(key=f"col_{table}_impressions").set_value("")  # not used
    at.selectbox(key=f"col_{table}_reach").set_value("impressions")
    next(b for b in at.button if b.label == "Apply mapping").click().run()
    assert not at.exception
    at.switch_page("app_pages/overview.py").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Impressions"] == "1,600"
    # (50+5+5 + 100+10+10) / 1,600 impressions now read from the reach column
    assert values["Engagement rate"] == "11.2%"


def test_a_target_entered_on_the_overview_colours_the_tile():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.number_input(key="target_impressions").set_value(10_000_000.0)
    next(b for b in at.button if b.label == "Save targets").click().run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "target 10.0M" in captions and ":red[●]" in captions
    assert at.session_state["session_data"].workspace.targets == {"impressions": 10_000_000.0}


def test_the_overview_offers_the_report_and_the_slides(first_screen):
    labels = [b.label for b in first_screen.get("download_button")]
    assert "Report (HTML)" in labels and "Slides (PDF)" in labels


def test_overview_charts_download_as_png_and_svg(first_screen):
    labels = [b.label for b in first_screen.get("download_button")]
    assert labels.count("PNG") >= 2 and labels.count("SVG") >= 2
