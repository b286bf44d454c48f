"""Text from a file — its name, sheet and column names, values, notes — never renders as
Markdown: no image is fetched, nothing is bolded, coloured or typeset."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ui.safe import md, tm

APP = str(Path(__file__).resolve().parents[2] / "app.py")
BEACON = "![x](http://127.0.0.1:9/beacon.png)"
# Markdown that would do something if it reached the page unescaped.
_LIVE = re.compile(r"(?<!\\)(!\[|\*\*b\*\*|:red\[|\$\$)")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.mark.parametrize(
    "text",
    [
        BEACON,
        "**b**",
        ":red[alarm]",
        "$$x^2$$",
        "# heading",
        "<img src=x>",
        "a\nb",
        "[l](javascript:x)",
    ],
)
def test_md_escapes_every_markdown_trigger(text):
    escaped = md(text)
    assert not _LIVE.search(escaped)
    assert "\n" not in escaped
    # Removing the escapes gives the text back (newlines become spaces): nothing is lost.
    assert re.sub(r"\\(.)", r"\1", escaped) == text.replace("\n", " ")


def test_tm_escapes_values_not_the_message():
    assert (
        tm("data.file_error", file="**b**", message="ok")
        == "**\\*\\*b\\*\\*** could not be read: ok"
    )


def _markdown_texts(at: AppTest) -> list[str]:
    texts = [e.value for kind in ("markdown", "caption", "info", "error", "warning", "success",
                                  "subheader", "title") for e in at.get(kind)]  # fmt: skip
    texts += [e.proto.label for e in at.get("expandable")]
    texts += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    texts += [w.label for kind in ("selectbox", "text_input", "button") for w in at.get(kind)]
    return texts


def test_a_hostile_file_name_columns_and_values_stay_text_on_the_data_page():
    csv = (
        "published_at,platform,impressions,likes,:red[x],$$y$$\n"
        f"2026-01-05 10:00,**b**,1000,50,{BEACON},1\n"
        "2026-01-06 10:00,**b**,abc,10,$$x$$,2\n"
    ).encode()
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    name = f"{BEACON}**b**.csv"
    at.file_uploader[0].set_value(
        [(name, csv, "text/csv"), (f"{BEACON}.csv", b"", "text/csv")]
    ).run()
    assert not at.exception
    texts = _markdown_texts(at)
    assert any("beacon" in text for text in texts), "the hostile file is shown"
    live = [text for text in texts if _LIVE.search(text)]
    assert not live, live
