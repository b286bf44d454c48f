"""Each page's one error boundary, and uploads that are read once: the same file twice is not
read again, a removed file takes its tables with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.store import SessionData
from tests.uikit import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")
POSTS = (
    b"published_at,platform,impressions,likes,comments,shares\n"
    b"2026-01-05 10:00,instagram,1000,50,5,5\n"
    b"2026-01-07 10:00,instagram,2000,100,10,10\n"
)
ADS = b"date,platform,campaign,spend,impressions,clicks\n2026-01-05,facebook,Winter,12.5,900,40\n"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.mark.parametrize("page", ["overview", "engagement", "paid", "explore"])
def test_an_unexpected_failure_is_one_sentence_without_server_paths(page, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/kpi-session-1234/engine.py exploded")

    at = AppTest.from_file(APP, default_timeout=120).run()
    # Every page asks the session's data which datasets it holds: make that fail.
    monkeypatch.setattr(SessionData, "datasets", broken)
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, "a traceback reached the page"
    shown = " ".join(e.value for e in at.error)
    assert "Something went wrong" in shown and "reference" in shown
    assert "/srv/secret" not in shown and "Traceback" not in shown
    assert at.get("sidebar") is not None


def _data(at: AppTest):
    return at.session_state["session_data"]


def test_the_same_file_uploaded_again_is_not_read_again():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("posts.csv", POSTS, "text/csv")]).run()
    assert not at.exception
    tables = [t.name for t in _data(at).tables]
    assert len(tables) == 1
    at.file_uploader[0].set_value([("posts.csv", POSTS, "text/csv")]).run()
    assert [t.name for t in _data(at).tables] == tables
    assert any(
        "Already loaded" in plain(i.value) and "posts.csv" in plain(i.value) for i in at.info
    )


def test_a_second_upload_adds_and_a_removed_file_takes_its_tables():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("posts.csv", POSTS, "text/csv")]).run()
    at.file_uploader[0].set_value([("facebook_ads.csv", ADS, "text/csv")]).run()
    assert not at.exception
    assert set(_data(at).datasets()) == {"posts", "ads"}
    assert _data(at).source == "uploads"
    picker = at.selectbox(key="data_show_file")
    picker.select_index(next(i for i, o in enumerate(picker.options) if "ads" in o)).run()
    remove = [b for b in at.button if b.label == "Remove"]
    assert len(remove) == 1
    remove[0].click().run()
    assert not at.exception
    assert set(_data(at).datasets()) == {"posts"}
    assert len(_data(at).uploads) == 1


def test_removing_the_last_file_goes_back_to_the_sample():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("posts.csv", POSTS, "text/csv")]).run()
    at.selectbox(key="data_show_file").select_index(0).run()
    next(b for b in at.button if b.label == "Remove").click().run()
    assert not at.exception
    assert _data(at).source == "sample"
    assert "ads" in _data(at).datasets()


def test_the_session_is_closed_when_streamlit_releases_it():
    from ui.state import _Release

    data = SessionData()
    data.con.execute("CREATE TABLE t AS SELECT 1 AS x")
    release = _Release()
    release.watch(data)
    release.watch(data)
    release.close_all()
    with pytest.raises(Exception, match="closed"):
        data.con.execute("SELECT 1")
    assert data.tables == []
