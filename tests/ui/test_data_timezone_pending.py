"""The Data page: the business's time zone is picked in the Workspace expander (and saved in
the workspace), and tables whose guessed reading waits for the person say they are not used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.load import load_files
from kpi.store import SessionData
from tests.uikit import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# Spanish headers the recogniser reads as web traffic, but not surely (below the threshold).
UNSURE = b"fecha,red,vistas,x\n2026-01-05,instagram,100,5\n2026-01-06,instagram,200,6\n"


@pytest.fixture(autouse=True)
def _fresh_caches():
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _data_page(data: SessionData | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if data is not None:
        at.session_state["session_data"] = data
    at.run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    return at


def _session(at: AppTest) -> SessionData:
    return at.session_state["session_data"]


def test_the_time_zone_picker_starts_on_the_sessions_zone_and_saves_to_the_workspace():
    at = _data_page()
    picker = at.selectbox(key="data_timezone")
    assert picker.value == "UTC"  # the sample names no zone
    assert "Europe/Warsaw" in picker.options and "America/Bogota" in picker.options
    picker.set_value("Europe/Warsaw").run()
    assert not at.exception
    data = _session(at)
    assert data.workspace.timezone == "Europe/Warsaw" and data.timezone == "Europe/Warsaw"
    assert json.loads(data.workspace.to_json())["timezone"] == "Europe/Warsaw"
    # the pages that read hours use it at once
    at.switch_page("app_pages/audience.py").run()
    assert "Hours are in the Europe/Warsaw time zone" in plain(
        " ".join(c.value for c in at.caption)
    )
    at.switch_page("app_pages/data.py").run()
    assert at.selectbox(key="data_timezone").value == "Europe/Warsaw"


def test_the_picker_follows_a_zone_set_elsewhere():
    data = SessionData()
    data.workspace.set_timezone("America/Bogota")
    data.add(load_files([("ads.csv", b"date,platform,spend\n2026-01-05,google,10\n")]))
    data.source = "uploads"
    at = _data_page(data)
    assert at.selectbox(key="data_timezone").value == "America/Bogota"
    data.workspace.set_timezone("Asia/Tokyo")  # an uploaded workspace file with another zone
    at.run()
    assert at.selectbox(key="data_timezone").value == "Asia/Tokyo"


def test_a_pending_table_is_listed_as_needing_you_and_says_it_is_not_used_until_confirmed():
    data = SessionData()
    data.add(load_files([("export.csv", UNSURE)]), upload="u1", name="export.csv")
    data.source = "uploads"
    assert [t.name for t in data.pending()] == ["raw_export_csv"]
    at = _data_page(data)
    assert any("1 file needs you" in m.value for m in at.markdown)
    warnings = [plain(w.value) for w in at.warning]
    assert any(
        "**export.csv** is not used in any KPI until you confirm its reading" in w
        and "Apply mapping" in w
        for w in warnings
    )
    assert any(
        "1 table is not used in any KPI until you confirm" in plain(c.value) for c in at.caption
    )
    # Confirming (Apply mapping) takes it into the views, and the sentence goes.
    next(b for b in at.button if b.label == "Apply mapping").click().run()
    assert not at.exception
    assert _session(at).pending() == [] and "web_traffic" in _session(at).datasets()
    assert not any("not used in any KPI" in plain(w.value) for w in at.warning)


def test_an_uploaded_workspace_file_moves_the_picker_to_its_zone():
    at = _data_page()
    doc = {"kpi_explorer_workspace": 1, "timezone": "Asia/Tokyo"}
    at.file_uploader(key="workspace_upload").set_value(
        ("kpi_workspace.json", json.dumps(doc).encode(), "application/json")
    ).run()
    assert not at.exception
    assert _session(at).timezone == "Asia/Tokyo"
    assert at.selectbox(key="data_timezone").value == "Asia/Tokyo"
    assert any("Workspace loaded" in s.value for s in at.success)
