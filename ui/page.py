"""What every page does first, and how it shows its sections: as a scrolling page normally, or
one section per screen — like slides, with previous/next buttons and the arrow keys — in
presenter mode."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from kpi.i18n import format_date, t
from kpi.store import SessionData
from ui.controls import Controls, controls
from ui.state import session_data
from ui.tables import PRESENTER_TABLE_CSS

# Large type and no chrome for a 1280×720 screen share; the sidebar and toolbar are hidden.
_PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 0.6rem !important; padding-bottom: 0.5rem !important; max-width: 100% !important; }
h1 { font-size: 2rem !important; padding: 0 !important; } h2, h3, h5 { font-size: 1.6rem !important; padding: 0.2rem 0 !important; }
[data-testid="stMarkdownContainer"] p, li, [data-testid="stCaptionContainer"] { font-size: 1.2rem !important; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 1.9rem !important; line-height: 1.05; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 1.15rem !important; line-height: 1.2; white-space: normal !important; overflow: visible !important; text-overflow: clip !important; word-break: normal !important; overflow-wrap: normal !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] > div { overflow: visible !important; white-space: normal !important; height: auto !important; }
[data-testid="stMetricDelta"] { font-size: 1.15rem !important; }
/* A long value (`1 h 30 min`, `12 345,67 zł`) wraps between its parts instead of being cut. */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] > div, [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; overflow-wrap: normal !important; word-break: normal !important; height: auto !important; line-height: 1.1 !important; }
/* Nobody hovers on a shared screen: the help icons give their width to the labels. */
[data-testid="stMetricLabel"] [data-testid="stTooltipIcon"], [data-testid="stMetricLabel"] [data-testid="stTooltipHoverTarget"] { display: none !important; }
[data-testid="stMetric"] { padding: 0.35rem 0.7rem !important; }
[data-testid="stVerticalBlock"] { gap: 0.55rem !important; }
/* Tables draw on a canvas: their container is enlarged (ui/tables.py). */
{tables}
/* The way out stays in reach without taking a line of the slide. */
.st-key-present-exit { position: fixed; top: 0.5rem; right: 1rem; z-index: 1000; width: auto !important; }
</style>
""".replace("{tables}", PRESENTER_TABLE_CSS)

# Arrow keys press the slide buttons.
_ARROW_KEYS = """
<script>
const doc = window.parent.document;
if (!doc.__kpiSlides) {
  doc.__kpiSlides = true;
  doc.addEventListener("keydown", (e) => {
    if (["INPUT", "TEXTAREA"].includes(e.target.tagName)) return;
    const label = e.key === "ArrowRight" ? "slide-next" : e.key === "ArrowLeft" ? "slide-previous" : null;
    if (!label) return;
    const button = doc.querySelector(`.st-key-${label} button`);
    if (button) { e.preventDefault(); button.click(); }
  });
}
</script>
"""


@dataclass(frozen=True)
class Section:
    """One part of a page: a title and the function that draws it."""

    title: str
    draw: Callable[[], None]


_CURRENT = "_controls_current"


def _leave_presenter() -> None:
    # A callback runs before the widgets of the next run exist, so the toggle may be changed.
    st.session_state["ctl_present"] = False


def frame(data: SessionData, page: str) -> Controls:
    """What every page shares, drawn once per run from the entrypoint: the controls in the
    sidebar, presenter styling and its exit button, and a word when the data is the sample."""
    chosen = controls(data)
    st.session_state[_CURRENT] = chosen
    if chosen.present:
        st.html(_PRESENTER_CSS)
        st.button(
            t("present.exit"),
            key="present-exit",
            icon=":material/close_fullscreen:",
            on_click=_leave_presenter,
        )
    elif data.source == "sample" and page not in ("", "overview", "data"):
        # A shared link opened without the data shows the sample for the same dates: say so.
        st.caption(t("app.sample_note"), help=t("app.sample_help"))
    return chosen


def setup() -> tuple[SessionData, Controls]:
    """The session's data and the shared controls the entrypoint drew for this run."""
    data = session_data()
    chosen = st.session_state.get(_CURRENT)
    return data, chosen if isinstance(chosen, Controls) else controls(data)


def header(title: str, data: SessionData, ctl: Controls) -> None:
    """A page's title and period, and the way to the Data page when nothing is loaded."""
    st.title(title)
    st.caption(t("content.period", start=format_date(ctl.start), end=format_date(ctl.end)))
    if not data.datasets() and not ctl.present:
        st.info(t("content.no_data"))
        st.page_link("app_pages/data.py", label=t("content.upload_link"), icon=":material/upload:")


def show_gap(fields: Sequence[str], hint: str) -> None:
    """What a section lacks and which export provides it."""
    st.info(t("content.needs", missing=", ".join(fields), hint=hint))


def show_sections(page: str, sections: Sequence[Section], present: bool) -> None:
    """All sections one under the other, or in presenter mode the current one, as a slide."""
    if not sections:
        return
    if not present:
        for section in sections:
            section.draw()
        return
    key = f"slide_{page}"
    index = min(st.session_state.get(key, 0), len(sections) - 1)
    left, middle, right = st.columns([1, 6, 1], vertical_alignment="center")
    if left.button(
        t("present.previous"),
        key="slide-previous",
        disabled=index == 0,
        icon=":material/chevron_left:",
    ):
        st.session_state[key] = index - 1
        st.rerun()
    middle.caption(
        t("present.position", n=index + 1, total=len(sections), title=sections[index].title)
    )
    if right.button(
        t("present.next"),
        key="slide-next",
        disabled=index == len(sections) - 1,
        icon=":material/chevron_right:",
    ):
        st.session_state[key] = index + 1
        st.rerun()
    st.html(_ARROW_KEYS, unsafe_allow_javascript=True)  # our own script, no content from files
    sections[index].draw()
