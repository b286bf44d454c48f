"""The "Slides (PDF)" download button of a page: its sections as one PDF, a page per slide,
built only when the button is pressed."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from kpi.i18n import t
from kpi.slides import Slide, slides_pdf
from ui.state import locked, session_data


def slides_button(page: str, build: Callable[[], list[Slide]], present: bool = False) -> None:
    """A download button for the page's slides (`build` runs only when it is pressed); not
    drawn on a slide in presenter mode, where a shared screen shows no download buttons."""
    if present:
        return
    st.download_button(
        t("overview.slides"),
        locked(session_data(), lambda: slides_pdf(build())),
        f"{page}_slides.pdf",
        "application/pdf",
        icon=":material/slideshow:",
        key=f"slides_{page}",
    )
