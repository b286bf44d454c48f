"""The Paid and Explore pages through Streamlit's AppTest: sample data, an empty session, the
three measure modes, the person's own KPIs (and a hostile formula), and links that reopen a view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.store import SessionData
from tests.uikit import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAID = "app_pages/paid.py"
EXPLORE = "app_pages/explore.py"


@pytest.fixture(autouse=True)
def _fresh_caches():
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _open(page: str, empty: bool = False, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if empty:
        at.session_state["session_data"] = SessionData()
    at.run()
    if params:
        at.query_params.update(params)
    at.switch_page(page).run()
    assert not at.exception
    return at


def _param(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


# --- Paid --------------------------------------------------------------------------------------


def test_paid_page_shows_tiles_trend_and_campaigns_on_sample_data():
    at = _open(PAID)
    values = {m.label: m.value for m in at.metric}
    for label in ("Ad spend", "CPM", "Cost per visitor (CPC)", "Cost per lead", "ROAS", "ROI"):
        assert label in values, label
        assert values[label] not in ("—", "0", "€0"), label
    assert values["Ad spend"].startswith("€")
    deltas = [m.delta for m in at.metric if m.label == "Ad spend"]
    assert deltas and deltas[0], "spend is compared with the period before"

    specs = _charts(at)
    assert len(specs) == 2, "spend and ROAS per period, and ROAS by campaign"
    assert "layer" in specs[0], "spend bars and a ROAS line share the periods"

    table = at.dataframe[0].value
    assert {
        "Campaign",
        "Ad spend",
        "Impressions",
        "Clicks",
        "Leads",
        "Purchases",
        "ROAS",
        "ROI",
    } <= set(table.columns)
    assert len(table) >= 2
    spend = table["Ad spend"].dropna().tolist()
    assert spend == sorted(spend, reverse=True), "largest spend first"
    assert "CSV" in [b.label for b in at.get("download_button")]


def test_paid_page_on_an_empty_session_says_what_it_needs():
    at = _open(PAID, empty=True)
    assert not at.get("vega_lite_chart")
    captions = " ".join(c.value for c in at.caption)
    assert "needs: ads" in captions
    assert "Meta Ads Manager" in " ".join(i.value for i in at.info)
    assert not any(m.value == "0" for m in at.metric)


# --- Explore -----------------------------------------------------------------------------------


def test_explore_catalog_kpi_with_a_breakdown_draws_one_line_per_value():
    at = _open(EXPLORE)
    assert _charts(at), "the default KPI is drawn"
    at.selectbox(key="explore_kpi").set_value("roas").run()
    at.selectbox(key="explore_by").set_value("campaign").run()
    assert not at.exception
    spec = _charts(at)[0]
    assert spec["encoding"]["color"]["field"] == "campaign"
    table = at.dataframe[0].value
    assert {"Period", "Campaign", "ROAS"} <= set(table.columns)
    assert 1 < table["Campaign"].nunique() <= 10
    assert _param(at, "kpi") == "roas" and _param(at, "by") == "campaign"
    assert _param(at, "mode") == "catalog"


def test_explore_breakdown_offers_only_the_kpis_own_category_fields():
    at = _open(EXPLORE)
    at.selectbox(key="explore_kpi").set_value("sessions").run()
    options = at.selectbox(key="explore_by").options
    assert "Source" in options and "Channel group" in options
    assert "Post type" not in options and "Text" not in options


def test_explore_average_a_per_b_gives_values():
    at = _open(EXPLORE)
    at.radio(key="explore_mode").set_value("average").run()
    at.selectbox(key="explore_avg_dataset").set_value("ads").run()
    at.selectbox(key="explore_avg_measure").set_value("clicks").run()
    assert "Post" not in " ".join(at.selectbox(key="explore_avg_entity").options)
    at.selectbox(key="explore_avg_entity").set_value("campaign").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "Clicks per campaign" in table.columns
    assert table["Clicks per campaign"].notna().any()
    assert _charts(at)
    assert _param(at, "mode") == "average" and _param(at, "kpi") == "ads.clicks.campaign"


def test_explore_saves_a_custom_kpi_lists_it_and_computes_it():
    at = _open(EXPLORE)
    at.text_input(key="explore_new_id").input("share_rate").run()
    at.text_input(key="explore_new_label").input("Share rate").run()
    at.text_input(key="explore_new_formula").input(
        "sum(shares) / nullif(sum(impressions), 0)"
    ).run()
    at.button(key="explore_save").click().run()
    assert not at.exception
    assert not at.error
    assert any("Share rate" in s.value for s in at.success)
    assert at.radio(key="explore_mode").value == "custom"
    tables = [d.value for d in at.dataframe]
    assert any("share_rate" in t.astype(str).to_numpy() for t in tables), "listed"
    values = tables[0]["Share rate"].dropna()
    assert len(values) and ((values > 0) & (values < 1)).all()
    assert _charts(at)
    assert _param(at, "kpi") == "share_rate"


def test_explore_refuses_a_formula_that_reads_files():
    at = _open(EXPLORE)
    at.text_input(key="explore_new_id").input("evil").run()
    at.text_input(key="explore_new_formula").input("read_csv('/etc/passwd')").run()
    at.button(key="explore_save").click().run()
    assert not at.exception
    assert any("read_csv" in plain(e.value) and "not allowed" in plain(e.value) for e in at.error)
    at.radio(key="explore_mode").set_value("custom").run()
    assert not at.exception
    assert any("no KPIs of your own" in i.value for i in at.info)


def test_a_link_with_kpi_and_breakdown_reopens_that_view():
    at = _open(EXPLORE, params={"kpi": "roas", "by": "platform"})
    assert at.radio(key="explore_mode").value == "catalog"
    assert at.selectbox(key="explore_kpi").value == "roas"
    assert at.selectbox(key="explore_by").value == "platform"
    assert _charts(at)[0]["encoding"]["color"]["field"] == "platform"
    assert _param(at, "kpi") == "roas" and _param(at, "by") == "platform"


def test_a_link_to_an_average_reopens_it():
    at = _open(EXPLORE, params={"mode": "average", "kpi": "posts.shares.day"})
    assert at.radio(key="explore_mode").value == "average"
    assert at.selectbox(key="explore_avg_measure").value == "shares"
    assert at.selectbox(key="explore_avg_entity").value == "day"


def test_explore_on_an_empty_session_says_what_it_needs():
    at = _open(EXPLORE, empty=True)
    assert not at.get("vega_lite_chart")
    assert any("needs" in i.value for i in at.info)
    at.radio(key="explore_mode").set_value("average").run()
    assert not at.exception
    assert any("needs" in i.value for i in at.info)


def test_a_formula_that_cannot_run_on_the_data_is_an_error_message_not_a_crash():
    at = _open(EXPLORE)
    at.text_input(key="explore_new_id").input("bad_sum").run()
    at.text_input(key="explore_new_formula").input("sum(platform)").run()
    at.button(key="explore_save").click().run()
    assert not at.exception
    assert any("could not be computed" in e.value for e in at.error)


@pytest.mark.parametrize(("page", "slides"), [(PAID, 3), (EXPLORE, 2)])
def test_presenter_mode_shows_one_section_per_screen(page, slides):
    at = _open(page)
    at.toggle(key="ctl_present").set_value(True).run()
    assert not at.exception
    assert f"1 / {slides}" in " ".join(c.value for c in at.caption)
    assert not at.get("download_button"), "no download buttons on a shared screen"
    for n in range(2, slides + 1):
        next(b for b in at.button if b.label == "Next").click().run()
        assert not at.exception
        assert f"{n} / {slides}" in " ".join(c.value for c in at.caption)
        assert at.get("vega_lite_chart") or at.dataframe
