"""The Plan page through AppTest on the sample data: the three example objectives with their
KPIs, the metrics and exports each needs, the sales-KPI check before a sales KPI is added, the
nudge under two tactics, edits saved in the workspace and kept over reruns and page switches,
the cron line of the cadence, and presenter mode one objective per slide."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.scorecard import saved
from kpi.workspace import Workspace
from tests.uikit import plain

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = "app_pages/plan.py"
OBJECTIVES = ["More sales", "A new customer-care channel", "Traffic to the website"]


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _open() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _plan(at: AppTest):
    return saved.saved_plan(at.session_state["session_data"].workspace)


def _captions(at: AppTest) -> str:
    return plain(" ".join(c.value for c in at.caption))


def test_the_example_plan_with_what_each_kpi_needs():
    at = _open()
    assert not at.error
    assert at.title[0].value == "Measurement plan"
    headers = [plain(h.value) for h in at.header]
    assert headers == [*OBJECTIVES, "Another objective", "The report"]
    # Sessions from social read web analytics rows; clicks per post the posts' export.
    captions = _captions(at)
    assert ("Needs date, sessions, channel_group, medium — from a Google Analytics "
            "traffic-acquisition export.") in captions  # fmt: skip
    assert "Needs published_at, clicks — from the post-level export of each platform" in captions
    assert at.text_input(key="plan_0_more_sales_name").value == "More sales"
    assert at.number_input(key="plan_0_website_traffic_0_target").value == 3000.0
    assert at.multiselect(key="plan_0_care_channel_0_channels").value == ["instagram", "facebook"]
    # The example plan is complete: every KPI has two tactics or more, so there is no nudge.
    assert not at.warning
    # Weekly on Monday at 8:00 (cron weekday 1), with the plan's period and workspace.
    assert [c.value for c in at.code] == [
        "0 8 * * 1 python -m kpi report exports/ --out report.html --period last-week "
        "--workspace kpi_workspace.json"
    ]


def test_the_sales_check_comes_before_a_sales_kpi_is_added():
    at = _open()
    at.selectbox(key="plan_0_website_traffic_add_kpi").set_value("posts").run()
    checks = [r for r in at.radio if r.key == "plan_0_website_traffic_add_check"]
    assert not checks, "a KPI that is not a sales KPI needs no check"
    at.selectbox(key="plan_0_website_traffic_add_kpi").set_value("roas").run()
    check = at.radio(key="plan_0_website_traffic_add_check")
    assert "Can the social team change the website, the prices" in check.label
    assert at.button(key="plan_0_website_traffic_add_button").disabled, "answer first"
    assert len(_plan(at).objectives[2].kpis) == 2, "nothing added before the answer"
    check.set_value("no").run()
    advice = " ".join(plain(w.value) for w in at.warning)
    assert "ROAS is a sales result" in advice
    assert "give the social team the leading KPIs it controls" in advice
    at.button(key="plan_0_website_traffic_add_button").click().run()
    assert not at.exception
    added = _plan(at).objectives[2].kpis[-1]
    assert (added.kpi, added.owner, added.tactics) == ("roas", "shared", [])
    # Added without tactics: the page nudges for two.
    nudges = " ".join(plain(w.value) for w in at.warning)
    assert "ROAS has 0 tactic(s): plan at least 2" in nudges
    assert at.selectbox(key="plan_1_website_traffic_2_owner").value == "shared"


def test_edits_are_saved_in_the_workspace_and_survive_reruns_and_page_switches():
    at = _open()
    at.text_input(key="plan_0_website_traffic_name").set_value("Visits to the shop")
    at.number_input(key="plan_0_website_traffic_0_target").set_value(3500.0)
    at.text_area(key="plan_0_website_traffic_0_tactics").set_value("Only one tactic")
    at.button(key="FormSubmitter:plan_0_website_traffic_form-Save the objective").click().run()
    assert not at.exception and not at.error
    objective = _plan(at).objectives[2]
    assert objective.label() == "Visits to the shop"
    kpi = objective.kpis[0]
    assert kpi.kpi == "social_sessions" and kpi.tactics == ["Only one tactic"]
    assert [(t.value, t.channel, t.period) for t in kpi.targets] == [(3500.0, None, None)]
    assert "Sessions from social has 1 tactic(s)" in " ".join(plain(w.value) for w in at.warning)
    at.run()
    assert at.number_input(key="plan_1_website_traffic_0_target").value == 3500.0
    at.switch_page("app_pages/overview.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.text_input(key="plan_1_website_traffic_name").value == "Visits to the shop"
    assert at.number_input(key="plan_1_website_traffic_0_target").value == 3500.0
    reread = saved.saved_plan(
        Workspace.from_json(at.session_state["session_data"].workspace.to_json())
    )
    assert reread.objectives[2].kpis[0].targets[0].value == 3500.0


def test_the_cadence_gives_the_cron_line_and_is_saved():
    at = _open()
    at.radio(key="plan_0_report_frequency").set_value("monthly")
    at.number_input(key="plan_0_report_day").set_value(3)
    at.number_input(key="plan_0_report_hour").set_value(7)
    at.multiselect(key="plan_0_report_sections").set_value(["summary", "scorecard"])
    at.button(key="FormSubmitter:plan_0_report_form-Save the report settings").click().run()
    assert not at.exception
    plan = _plan(at)
    assert (plan.cadence.frequency, plan.cadence.day_of_month, plan.cadence.hour) == (
        "monthly",
        3,
        7,
    )
    assert plan.sections == ["summary", "scorecard"]
    assert [c.value for c in at.code] == [
        "0 7 3 * * python -m kpi report exports/ --out report.html --period last-month "
        "--workspace kpi_workspace.json"
    ]


def test_a_new_objective_is_added_and_saved():
    at = _open()
    assert at.button(key="plan_0_new").disabled, "a name first"
    at.text_input(key="plan_0_new_name").set_value("Loyal customers").run()
    at.button(key="plan_0_new").click().run()
    assert not at.exception
    plan = _plan(at)
    assert [o.id for o in plan.objectives][-1] == "loyal_customers"
    assert "“Loyal customers” has no KPI yet" in " ".join(plain(w.value) for w in at.warning)


def test_presenter_mode_shows_one_objective_per_slide():
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=240)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    seen, last = [], None
    for n in range(1, 5):
        assert f"{n} / 4" in " ".join(c.value for c in at.caption)
        assert not at.text_input and not at.get("download_button"), "read-only on a shared screen"
        assert len(at.dataframe) == 1
        seen.append(" ".join(plain(m.value) for m in at.markdown))
        last = at.dataframe[0].value
        if n < 4:
            at.button(key="slide-next").click().run()
            assert not at.exception
    for name, slide in zip(OBJECTIVES, seen, strict=False):
        assert name in slide
    assert "Qualified interactions: A weekly post with a sign-up offer" in seen[0]
    assert last.iloc[0]["As planned"].startswith("Weekly, on Monday at 8:00")
    assert "Strategy map" in last.iloc[1]["As planned"]
