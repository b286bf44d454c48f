"""Overview: the headline KPI of each family that has data, a trend against the comparison
period, and a per-platform view — all under the shared controls."""

from __future__ import annotations

import streamlit as st

from kpi import charts
from kpi.catalog import BY_ID
from kpi.engine import run
from kpi.i18n import format_date, t
from kpi.page_kpis import OVERVIEW as HEADLINE
from kpi.report import build_report
from kpi.slides import overview_slides, slides_pdf
from ui.downloads import show_chart
from ui.page import Section, setup, show_sections
from ui.state import locked
from ui.tiles import show_needs, show_notes, show_tiles

PER_ROW = 4

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

compared = t(f"compare.{ctl.compare or 'none'}").lower()
st.caption(
    t("overview.period", start=format_date(ctl.start), end=format_date(ctl.end), compared=compared)
)
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
            lambda: slides_pdf(
                overview_slides(
                    data, ctl.start, ctl.end, ctl.compare, grain=ctl.grain, filters=ctl.filters
                )
            ),
        ),
        "kpi_slides.pdf",
        "application/pdf",
        icon=":material/slideshow:",
        key="slides_pdf",
    )
tiles = run(data.con, ctl.request(HEADLINE, whole_range=True, targets=data.workspace.targets))
series = run(data.con, ctl.request(HEADLINE, compare=None))


def draw_tiles() -> None:
    if not ctl.present:
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
    rows = [r for _, r in tiles.rows.iterrows()]
    per_row = 6 if ctl.present else PER_ROW  # two rows fill a 1280×720 slide
    show_tiles(rows, series.rows, per_row, present=ctl.present, notes=tiles.notes)
    show_notes(tiles.notes)
    if tiles.needs and not ctl.present:
        st.caption(t("overview.needs_title"))
        cols = st.columns(PER_ROW)
        for i, need in enumerate(tiles.needs):
            with cols[i % PER_ROW]:
                show_needs(need)


def draw_trend() -> None:
    kpi = (
        BY_ID["impressions"]
        if "impressions" in set(tiles.rows["kpi"])
        else BY_ID[tiles.rows["kpi"].iloc[0]]
    )
    st.subheader(t("overview.trend", kpi=kpi.label))
    trend = run(data.con, ctl.request((kpi.id,)))
    chart = charts.trend_with_comparison(trend.rows, kpi.label, charts.number_format(kpi.format))
    show_chart(charts.styled(chart, ctl.present), f"{kpi.id}_trend", ctl.present)


def draw_platforms() -> None:
    st.subheader(t("overview.by_platform"))
    split = run(data.con, ctl.request(("engagement_rate",), ("platform",), whole_range=True))
    if split.needs or split.rows["value"].isna().all():
        st.info(t("overview.no_platform"))
        return
    chart = charts.bar_by(split.rows, "platform", BY_ID["engagement_rate"].label, percent=True)
    show_chart(charts.styled(chart, ctl.present), "engagement_rate_by_platform", ctl.present)


sections = [Section(t("overview.tiles"), draw_tiles)]
if not tiles.rows.empty:
    sections += [
        Section(t("overview.trend_short"), draw_trend),
        Section(t("overview.by_platform"), draw_platforms),
    ]
show_sections("overview", sections, ctl.present)
