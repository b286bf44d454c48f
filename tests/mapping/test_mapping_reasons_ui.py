"""The Data page shows why each column got its field, and shows file text as text: a column
name written as Markdown stays the characters it is."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def test_the_data_page_shows_each_columns_reason_as_plain_text() -> None:
    csv = (
        "Fecha de publicación,Impresiones,Me gusta,[pic](http://example.com/x.png)\n"
        "2026-01-05 10:00,1000,50,a\n"
        "2026-01-07 10:00,2000,100,b\n"
    ).encode()
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("instagram_posts.csv", csv, "text/csv")]).run()
    assert not at.exception
    # the file reads cleanly: it is one pick away on the Data page, not opened
    at.selectbox(key="data_show_file").select_index(0).run()
    texts = [t.value for t in at.text]
    assert any("Impresiones" in t and "header matches 'impresiones' (Spanish)" in t for t in texts)
    assert any("[pic](http://example.com/x.png)" in t for t in texts)
    assert not any("http://example.com/x.png" in m.value for m in at.markdown)
