"""What a session lets go of around uploads: the uploader's bytes once a file is read, and the
memory a removed file took (returned to the system, not only freed)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.testing.v1 import AppTest

import ui.state
from kpi.load import load_file
from kpi.store import SessionData

APP = str(Path(__file__).resolve().parents[2] / "app.py")
POSTS = b"published_at,platform,impressions\n2026-01-05 10:00,instagram,1000\n"
ADS = b"date,platform,campaign,spend\n2026-01-05,facebook,Winter,12.5\n"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def test_a_read_file_leaves_streamlits_upload_store(monkeypatch) -> None:
    manager = MemoryUploadedFileManager("/upload")
    for file_id in ("a", "b"):
        manager.add_file("s1", UploadedFileRec(file_id, f"{file_id}.csv", "text/csv", POSTS))
    ctx = SimpleNamespace(session_id="s1", uploaded_file_mgr=manager)
    monkeypatch.setattr(ui.state, "get_script_run_ctx", lambda: ctx)
    ui.state.forget_uploaded([SimpleNamespace(file_id="a")])
    assert [f.file_id for f in manager.get_files("s1", ["a", "b"])] == ["b"]


def test_forgetting_outside_a_script_run_does_nothing(monkeypatch) -> None:
    monkeypatch.setattr(ui.state, "get_script_run_ctx", lambda: None)
    ui.state.forget_uploaded([SimpleNamespace(file_id="a")])  # no context: no error


def test_the_data_page_forgets_each_file_it_read(monkeypatch) -> None:
    forgotten: list[str] = []
    monkeypatch.setattr(ui.state, "forget_uploaded", lambda files: forgotten.extend(
        f.name for f in files))  # fmt: skip
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("posts.csv", POSTS, "text/csv")]).run()
    assert not at.exception
    assert forgotten == ["posts.csv"]


def test_removing_one_of_two_files_returns_the_memory_it_took(monkeypatch) -> None:
    data = SessionData()
    data.source = "uploads"
    data.add(load_file("posts.csv", POSTS), upload="u1", name="posts.csv")
    data.add(load_file("ads.csv", ADS), upload="u2", name="ads.csv")
    returned: list[bool] = []
    monkeypatch.setattr(ui.state, "session_data", lambda: data)
    monkeypatch.setattr(ui.state, "follow_new_data", lambda: None)
    monkeypatch.setattr(ui.state, "return_freed_memory", lambda: returned.append(True))
    ui.state.remove_upload("u1")
    assert list(data.uploads) == ["u2"] and returned == [True]
    data.close()


def test_removing_the_last_file_returns_its_memory_with_the_sample_back(monkeypatch) -> None:
    data = SessionData()
    returned: list[bool] = []
    monkeypatch.setattr(ui.state, "session_data", lambda: data)
    monkeypatch.setattr(ui.state, "follow_new_data", lambda: None)
    monkeypatch.setattr(ui.state, "_add_sample", lambda d: setattr(d, "source", "sample"))
    monkeypatch.setattr(ui.state, "return_freed_memory", lambda: returned.append(True))
    data.add(load_file("posts.csv", POSTS), upload="u1", name="posts.csv")
    ui.state.remove_upload("u1")
    assert data.source == "sample" and not data.tables and returned == [True]
    data.close()
