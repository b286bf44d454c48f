"""The Leads & ROI page through AppTest: every section on the sample data with numbers that match
the analytics, the person's settings, presenter mode one section per slide, an empty session."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.analytics import attribution, groups, lead_scores, stages
from kpi.report import SAMPLE_STAGE_VALUES, p_text
from kpi.store import SessionData
from tests.conftest import load_sample
from tests.uikit import plain

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
LEADS = "app_pages/leads.py"
SECTIONS = 12


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture(scope="module")
def sample() -> SessionData:
    data = SessionData()
    data.add(load_sample())
    yield data
    data.close()


@pytest.fixture(scope="module")
def page() -> AppTest:
    """The page on the sample data, opened once for the tests that only read it."""
    st.cache_data.clear()
    st.cache_resource.clear()
    return _open()


def _open(empty: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240)
    if empty:
        at.session_state["session_data"] = SessionData()
    at.run()
    at.switch_page(LEADS).run()
    assert not at.exception
    return at


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _span(at: AppTest) -> dict[str, dt.date]:
    """The page's shared dates, as the analytics take them."""
    start, end = at.session_state["ctl_range"]
    return {"start": start, "end": end}


def _table(at: AppTest, first_column: str, containing: str | None = None):
    for frame in (d.value for d in at.dataframe):
        if frame.columns[0] == first_column and (containing is None or containing in frame.columns):
            return frame
    raise AssertionError(f"no table starting with {first_column!r}")


def test_every_section_draws_on_the_sample_data(page):
    assert not page.exception
    assert not page.error, [e.value for e in page.error]
    assert page.title[0].value == "Leads & ROI"
    headers = [h.value for h in page.header]
    assert headers == [
        "Attribution",
        "Control groups: social against other",
        "Customers over time",
        "Lead scores",
        "Value of the lead cycle",
        "Growth and lift",
    ]
    assert len(page.subheader) == SECTIONS
    specs = _charts(page)
    # models, removal effects, transitions, roles, differences, retention, LTV, CAC/LTV,
    # leads and social leads per bucket, bucket rate and cost, lead-cycle value, growth, lift
    assert len(specs) == 15
    dumped = json.dumps(specs)
    for model in ("First touch", "Last touch", "Linear", "Position-based", "Time decay",
                  "Markov chain", "Shapley value"):  # fmt: skip
        assert model in dumped
    assert [b.label for b in page.get("download_button")].count("PNG") == len(specs)
    assert [b.label for b in page.get("download_button")].count("CSV") == len(page.dataframe)


def test_attribution_totals_are_the_real_totals(page, sample):
    markov = attribution.attribution(sample.con, "markov", "channel", **_span(page))
    table = _table(page, "Channel", "Shapley value")
    assert table.iloc[-1]["Channel"] == "Total"
    for column in table.columns[1:]:
        assert table.iloc[-1][column] == pytest.approx(markov.total_revenue, rel=1e-9)
    models = attribution.compare_models(sample.con, "channel", **_span(page))
    linear = models[models["model"] == "linear"].set_index("key")["revenue"]
    for _, row in table.iloc[:-1].iterrows():
        assert row["Linear"] == pytest.approx(linear[row["Channel"]])
    captions = " ".join(c.value for c in page.caption)
    assert f"{markov.total_conversions:,} converted journeys" in captions


def test_roles_per_period_follow_the_chosen_dates(page, sample):
    from kpi.analytics import journeys

    table = _table(page, "Period", "Touches")
    expected = journeys.roles(sample.con, "channel", "week")
    dates = {pd.Timestamp(v).date() for v in table["Period"]}
    assert dates == {dt.date(2026, 10, 5), dt.date(2026, 10, 12), dt.date(2026, 10, 19),
                     dt.date(2026, 10, 26)}  # fmt: skip
    inside = expected[expected["period_start"].astype(str) >= "2026-10-05"]
    assert len(table) == len(inside)
    assert table["Touches"].sum() == inside["touches"].sum()


def test_changing_the_dates_changes_the_attribution_total(sample):
    at = _open()
    before = _table(at, "Channel", "Shapley value").iloc[-1]["Linear"]
    assert before == pytest.approx(
        attribution.attribution(sample.con, "linear", "channel", **_span(at)).total_revenue
    )
    d1, d2 = dt.date(2026, 9, 1), dt.date(2026, 9, 30)
    at.date_input(key="ctl_range").set_value((d1, d2)).run()
    assert not at.exception and not at.error
    september = attribution.attribution(sample.con, "markov", "channel", start=d1, end=d2)
    after = _table(at, "Channel", "Shapley value").iloc[-1]["Linear"]
    assert after == pytest.approx(september.total_revenue, rel=1e-9)
    assert after != pytest.approx(before)
    captions = " ".join(c.value for c in at.caption)
    assert f"{september.total_conversions:,} converted journeys" in captions
    assert "touches from before" in captions


def test_roles_name_the_channel_that_assists_far_more_than_it_converts(page, sample):
    from kpi.analytics import journeys
    from kpi.charts import roi

    # The journeys converting in the chosen dates (the last four weeks of the sample).
    totals = journeys.role_totals(sample.con, "channel", **_span(page))
    top = roi.assisters(totals).iloc[0]
    text = plain(" ".join(m.value for m in page.markdown))
    assert f"**{top['key']}** assists far more than it converts" in text
    assert f"{int(top['assist']):,} assists against {int(top['converting']):,} converting" in text
    # Over every journey loaded it is social (490 assists against 65 converting touches).
    all_time = roi.assisters(journeys.role_totals(sample.con, "channel")).iloc[0]
    assert (all_time["key"], int(all_time["assist"]), int(all_time["converting"])) == (
        "social", 490, 65
    )  # fmt: skip


def test_control_groups_match_the_analytics(page, sample):
    table = _table(page, "Metric")
    assert len(table) == len(groups.METRICS)
    for metric, label in (
        ("lead_conversion_rate", "Lead conversion rate"),
        ("retention", "Retention"),
        ("revenue_per_customer", "Revenue per customer"),
        ("cac", "CAC"),
    ):
        result = groups.compare(sample.con, metric, "social", days=90, **_span(page))
        row = table[table["Metric"] == label].iloc[0]
        assert row["Social n"] == result.groups[0].n
        assert row["Other n"] == result.groups[1].n
        assert row["Social"] == groups.fmt(result.groups[0].value, metric)
        assert row["Difference"] == groups.fmt(result.difference, metric, True)
        assert row["Test"] == result.test
        if result.p_value is not None:
            assert row["p-value"] == p_text(result.p_value)
    readings = dict(zip(table["Metric"], table["Reading"], strict=True))
    # The last four weeks: nobody acquired in them has been a customer for 90 days yet.
    assert readings["Retention"] == "not yet readable"
    assert readings["CAC"] == "no test (ratio of totals)"


def test_control_groups_over_every_date_read_in_colour(sample):
    at = _open()
    at.date_input(key="ctl_range").set_value((dt.date(2020, 1, 1), dt.date(2026, 12, 31))).run()
    assert not at.exception
    table = _table(at, "Metric")
    every = groups.compare(sample.con, "lead_conversion_rate", "social")
    assert table.set_index("Metric").loc["Lead conversion rate", "Social n"] == every.groups[0].n
    readings = dict(zip(table["Metric"], table["Reading"], strict=True))
    assert readings["Retention"] == "🟢 significant at 5 %", "social keeps more customers"
    assert readings["Lead conversion rate"] == "🔴 significant at 5 %", "social leads convert less"


def test_lead_cycle_tiles_match_social_roi(page, sample):
    values = stages.StageValues(
        SAMPLE_STAGE_VALUES["value_lead"],
        SAMPLE_STAGE_VALUES["value_qualified"],
        SAMPLE_STAGE_VALUES["value_customer"],
    )
    roi = stages.social_roi(sample.con, values, SAMPLE_STAGE_VALUES["staff_cost"], **_span(page))
    tiles = {m.label: m.value for m in page.metric}
    assert tiles["Social: value created"] == f"€{roi['value']:,.0f}"
    assert tiles["ROI of social"] == f"{roi['roi_value'] * 100:,.1f}%"


def test_score_thresholds_are_the_persons(sample):
    at = _open()
    at.number_input(key="leads_slow_below").set_value(50.0).run()
    assert not at.exception
    table = _table(at, "Bucket", "Cost per conversion")
    expected = lead_scores.bucket_totals(sample.con, 50.0, 70.0, **_span(at))
    assert list(table["Leads"]) == list(expected["leads"])
    assert "Slow below 50" in " ".join(c.value for c in at.caption)
    # Thresholds travel with the workspace file (see kpi.report.KEPT_IN_WORKSPACE).
    assert at.session_state["session_data"].workspace.other["leads"]["slow_below"] == 50.0


def test_presenter_mode_shows_one_section_per_slide():
    # The page file opened directly (as a link to it is), with the presenter parameter.
    at = AppTest.from_file(str(ROOT / LEADS), default_timeout=240)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    seen = []
    for n in range(1, SECTIONS + 1):
        assert f"{n} / {SECTIONS}" in " ".join(c.value for c in at.caption)
        assert len(at.subheader) == 1, [s.value for s in at.subheader]
        assert not at.header, "group headings belong to the scrolling page"
        assert not at.error
        assert not at.get("download_button"), "a shared screen shows no download buttons"
        seen.append(at.subheader[0].value)
        if n < SECTIONS:
            at.button(key="slide-next").click().run()
            assert not at.exception
    assert len(set(seen)) == SECTIONS


def test_an_empty_session_says_what_each_section_needs():
    at = _open(empty=True)
    assert not at.error
    assert not at.get("vega_lite_chart")
    infos = plain(" ".join(i.value for i in at.info))
    assert "This needs `leads`" in infos
    assert "CRM contacts or deals export" in infos
    assert "This needs `customers`" in infos
    assert len(at.subheader) == SECTIONS


HOSTILE = "![x](http://example.com/beacon.png) **loud**"


def test_text_from_files_is_inert_and_small_groups_are_not_yet_readable():
    from tests.analytics import roi_fixtures as fx

    touches = fx.TOUCHES.replace(",email,", f',"{HOSTILE}",')
    data = fx.session(leads=fx.LEADS, touchpoints=touches, customers=fx.CUSTOMERS, orders=fx.ORDERS)
    at = AppTest.from_file(APP, default_timeout=240)
    at.session_state["session_data"] = data
    at.run()
    at.switch_page(LEADS).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    # The journeys' months (the default period ends with the newest data: the July order).
    at.date_input(key="ctl_range").set_value((dt.date(2026, 1, 1), dt.date(2026, 3, 31))).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    shown = (
        [m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption]
    )
    assert not any("](http" in text for text in shown), "a file's text never becomes Markdown"
    assisters = [m.value for m in at.markdown if "assists far more" in m.value]
    assert any(plain(m).startswith(f":material/campaign: **{HOSTILE}**") for m in assisters)
    table = _table(at, "Metric")
    assert "not yet readable" in set(table["Reading"]), "no colour, a plain word"
    assert HOSTILE in json.dumps(_charts(at)), "charts draw the name as plain text"


def test_credit_by_campaign_in_conversions_keeps_the_real_totals(sample):
    at = _open()
    at.segmented_control(key="leads_by").set_value("campaign").run()
    at.segmented_control(key="leads_measure").set_value("conversions").run()
    assert not at.exception and not at.error
    markov = attribution.attribution(sample.con, "markov", "campaign", **_span(at))
    table = _table(at, "Campaign", "Shapley value")
    for column in table.columns[1:]:
        assert table.iloc[-1][column] == pytest.approx(markov.total_conversions)
    roles = _table(at, "Campaign", "Assist")
    assert len(roles) >= 2
    spec = _charts(at)[0]
    assert spec["encoding"]["y"]["field"] == "conversions"
    # The choice outlives a trip to another page (widgets of other pages drop their state).
    at.switch_page("app_pages/paid.py").run()
    at.switch_page(LEADS).run()
    assert at.segmented_control(key="leads_by").value == "campaign"


def test_dates_without_any_data_draw_no_error():
    at = _open()
    at.date_input(key="ctl_range").set_value((dt.date(2030, 1, 1), dt.date(2030, 1, 31))).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(at.subheader) == SECTIONS
