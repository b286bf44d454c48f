"""Overview: the headline KPI of each family that has data, a trend against the comparison
period, and a per-platform view — all under the shared controls (`kpi.views.overview`)."""

from __future__ import annotations

import streamlit as st

from kpi.catalog import BY_ID
from kpi.i18n import t
from kpi.report import build_report
from kpi.slides import slides_pdf, view_slides
from kpi.views import VIEWS
from kpi.views.common import context
from kpi.views.overview import HEADLINE, PER_ROW
from ui.page import setup
from ui.render import draw_sections
from ui.state import locked

data, ctl = setup()
st.title(t("overview.title"))
if data.source == "sample" and not ctl.present:
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(t("overview.sample_banner"), icon=":material/coffee:")
    right.page_link("app_pages/data.py", label=t("overview.upload_link"), icon=":material/upload:")
if not data.datasets():
    st.info(t("overview.no_data"))
    st.page_link("app_pages/data.py", label=t("overview.upload_link"), icon=":material/upload:")
    st.stop()

view = VIEWS["overview"](context(data, ctl))
st.caption(view.caption)
if not ctl.present:
    report_col, slides_col, _ = st.columns([1, 1, 3])
    report_col.download_button(
        t("overview.report"),
        locked(
            data,
            lambda: build_report(data, ctl.start, ctl.end, compare=ctl.compare).encode("utf-8"),
        ),
        "kpi_report.html",
        "text/html",
        icon=":material/description:",
        key="report_html",
    )
    slides_col.download_button(
        t("overview.slides"),
        locked(
            data,
            lambda: slides_pdf(view_slides(VIEWS["overview"](context(data, ctl, present=True)))),
        ),
        "kpi_slides.pdf",
        "application/pdf",
        icon=":material/slideshow:",
        key="slides_pdf",
    )


def targets_form() -> None:
    with st.expander(t("targets.title")), st.form("targets", border=False):
        st.caption(t("targets.help"))
        cols = st.columns(PER_ROW)
        entered = {
            kpi: cols[i % PER_ROW].number_input(
                BY_ID[kpi].label,
                min_value=0.0,
                value=float(data.workspace.targets.get(kpi, 0.0)),
                key=f"target_{kpi}",
            )
            for i, kpi in enumerate(HEADLINE)
        }
        if st.form_submit_button(t("targets.save")):
            data.workspace.targets = {k: v for k, v in entered.items() if v}
            st.rerun()


draw_sections(view, ctl.present, hooks={"targets": targets_form})
