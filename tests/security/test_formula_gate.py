"""A person's formula KPI runs through the session's query gate, like their SQL: while one of
their queries runs, Explore refuses to start another and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.store import SessionData
from tests.conftest import load_sample

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _explore_with_a_formula() -> tuple[AppTest, SessionData]:
    data = SessionData()
    data.add(load_sample())
    data.workspace.add_custom_kpi(
        "share_rate", "Share rate", "posts", "sum(shares) / nullif(sum(impressions), 0)", "percent"
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["session_data"] = data
    at.run()
    at.query_params.update({"mode": "custom", "kpi": "share_rate"})
    at.switch_page("app_pages/explore.py").run()
    assert not at.exception
    return at, data


def test_a_formula_kpi_waits_for_no_one_and_is_refused_while_a_query_runs():
    at, data = _explore_with_a_formula()
    assert not at.error and at.get("vega_lite_chart"), "computed when nothing else runs"
    with data.gate.limit(data.con, seconds=60):  # the person's SQL, still running
        at.run()
    assert not at.exception
    assert any("still running" in e.value for e in at.error)
    at.run()
    assert not at.error, "computed again once the other query is over"
