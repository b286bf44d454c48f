"""The Leads & ROI page's settings travel with the workspace file: thresholds, stage values and
staff cost come back in a new session that uploads the file, and the report uses them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.report import WORKSPACE_KEY, leads_defaults
from kpi.store import SessionData
from kpi.workspace import Workspace
from tests.conftest import load_sample

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def test_thresholds_set_on_the_page_are_saved_in_the_workspace_file():
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("app_pages/leads.py").run()
    at.number_input(key="leads_slow_below").set_value(25.0).run()
    at.number_input(key="leads_fast_from").set_value(85.0).run()
    assert not at.exception
    workspace = at.session_state["session_data"].workspace
    assert workspace.other[WORKSPACE_KEY]["slow_below"] == 25.0
    assert workspace.other[WORKSPACE_KEY]["fast_from"] == 85.0
    reread = Workspace.from_json(workspace.to_json())
    assert reread.other[WORKSPACE_KEY]["fast_from"] == 85.0
    assert "lift_from" not in reread.other[WORKSPACE_KEY]  # the campaign dates stay in the session


def test_a_new_session_and_the_report_start_from_the_saved_settings():
    data = SessionData()
    data.add(load_sample())
    data.workspace = Workspace.from_json(
        '{"kpi_explorer_workspace": 1, "leads": {"slow_below": 30, "staff_cost": 250.5, "by": "platform", "nonsense": 1}}'
    )
    settings = leads_defaults(data, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert settings.slow_below == 30.0 and isinstance(settings.slow_below, float)
    assert settings.staff_cost == 250.5 and settings.by == "platform"
    assert settings.lift_from == dt.date(2026, 1, 1)
    data.close()
