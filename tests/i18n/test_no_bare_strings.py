"""No Streamlit element in the pages or the UI helpers is given words written in the code: every
label, caption and message comes from `t()` / `tm()` (so a translation reaches it), or from data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Streamlit's elements that show text a person reads, through `st.` or a column/container.
ELEMENTS = {
    "write", "markdown", "caption", "text", "info", "error", "success", "warning", "exception",
    "button", "download_button", "link_button", "page_link", "form_submit_button", "toast",
    "title", "header", "subheader", "metric", "expander", "tabs", "popover", "spinner", "status",
    "selectbox", "multiselect", "radio", "checkbox", "toggle", "text_input", "text_area",
    "number_input", "date_input", "time_input", "slider", "select_slider", "file_uploader",
    "segmented_control", "pills", "color_picker", "help", "badge",
}  # fmt: skip
# Keywords whose value is shown: a label, a help tooltip, a placeholder, a caption.
SHOWN_KEYWORDS = {"label", "help", "placeholder", "body", "caption", "value_label", "title"}
WORDS = re.compile(r"[^\W\d_]{2,}")  # two letters in a row: a word, not markup or an icon
CODE_DIRS = ("app_pages", "ui")
PAGE_FIRST = {"page_link", "switch_page"}  # their first argument is a page, not words
# A formula is the formula language's own text, the same in every language.
NOT_WORDS = {"sum(shares) / nullif(sum(impressions), 0)"}


def _words(node: ast.expr) -> str | None:
    """The words a literal argument carries (None when it has none)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if node.value in NOT_WORDS:
            return None
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = " ".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return None
    # Material icons (":material/payments:") and Streamlit colour directives are not words.
    text = re.sub(r":material/[a-z_]+:|:[a-z]+\[|\]", " ", text)
    return text if WORDS.search(text) else None


def bare_strings(source: str, where: str) -> list[str]:
    """Every `st.caption("Some words")`-like call in `source`: the place and the words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        if node.func.attr not in ELEMENTS or (
            isinstance(receiver, ast.Name) and "log" in receiver.id.lower()
        ):
            continue  # logging's info() and error() write to the log, not to a person
        first = [] if node.func.attr in PAGE_FIRST else node.args[:1]
        shown = first + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for arg in shown:
            words = _words(arg)
            if words:
                found.append(f"{where}:{node.lineno}: {node.func.attr}({words.strip()!r})")
    return found


def _files() -> list[Path]:
    files = [p for d in CODE_DIRS for p in sorted((ROOT / d).rglob("*.py"))]
    return [*files, ROOT / "app.py"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('st.caption("Showing your files.")', 1),
        ('st.info(f"{n} rows were skipped")', 1),
        ('cols[0].metric("Spend", value)', 1),
        ('st.button(t("data.remove"), help="Remove it")', 1),
        ('st.caption(t("data.uploads_note"))', 0),
        ("st.markdown(f\"**{t('leads.roles')}**\")", 0),
        ('st.page_link("app_pages/data.py", label=t("x"), icon=":material/upload_file:")', 0),
        ('st.page_link("app_pages/data.py", label="Upload")', 1),
        ('logger.info("session ended")', 0),
        ("st.write(frame)", 0),
        ('st.header(":red[●]")', 0),
    ],
)
def test_the_check_finds_words_written_in_the_code(source, expected):
    assert len(bare_strings(source, "x.py")) == expected


def test_no_streamlit_element_is_given_words_written_in_the_code():
    found = [hit for p in _files() for hit in bare_strings(p.read_text(), str(p.relative_to(ROOT)))]
    assert not found, "words shown without t():\n" + "\n".join(found)
