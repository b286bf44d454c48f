"""Traffic & conversions: website KPI tiles, sessions from social against other channels,
branded search, and the funnel from post impressions to new customers."""

from __future__ import annotations

import streamlit as st

from kpi import charts
from kpi.analytics import traffic as analytics
from kpi.charts import content as content_charts
from kpi.engine import run
from kpi.i18n import t
from kpi.page_kpis import SAMPLE_BRAND_TERMS
from kpi.page_kpis import TRAFFIC as TILES
from kpi.slides import traffic_slides
from ui.downloads import show_chart
from ui.page import Section, header, setup, show_gap, show_sections
from ui.slides_button import slides_button
from ui.tiles import show_needs, show_tiles

PER_ROW = 4
TERMS_KEY = "traffic_brand_terms"

data, ctl = setup()
slides_button("traffic", lambda: traffic_slides(data, ctl), ctl.present)
header(t("traffic.title"), data, ctl)


def show_missing(gap: analytics.Missing) -> None:
    show_gap(gap.fields, gap.hint)


def draw_tiles() -> None:
    tiles = run(data.con, ctl.request(TILES, whole_range=True, targets=data.workspace.targets))
    series = run(data.con, ctl.request(TILES, compare=None))
    rows = [r for _, r in tiles.rows.iterrows()]
    show_tiles(rows, series.rows, PER_ROW, present=ctl.present)
    if tiles.needs:
        st.caption(t("traffic.needs_title"))
        cols = st.columns(PER_ROW)
        for i, need in enumerate(tiles.needs):
            with cols[i % PER_ROW]:
                show_needs(need)


def draw_channels() -> None:
    st.subheader(t("traffic.channels_title"))
    gap = analytics.social_sessions_missing(data.con)
    if gap:
        show_missing(gap)
        return
    ignored = analytics.where(data.con, "web_traffic", "date", ctl.start, ctl.end, ctl.filters)[2]
    if ignored and not ctl.present:
        st.caption(t("content.filters_ignored", fields=", ".join(ignored)))
    split = analytics.social_sessions(data.con, ctl.start, ctl.end, ctl.grain, ctl.filters)
    if not split["sessions"].sum():
        st.info(t("traffic.no_sessions"))
        return
    labels = {key: t(f"traffic.channel.{key}") for key in ("social", "other")}
    chart = content_charts.stacked_periods(
        split, "channel", "sessions", t("traffic.sessions_axis"), labels
    )
    show_chart(charts.styled(chart, ctl.present), "sessions_social_vs_other", ctl.present)


def _save_terms() -> None:
    data.workspace.other["brand_terms"] = analytics.parse_terms(st.session_state[TERMS_KEY])


def draw_search() -> None:
    st.subheader(t("traffic.search_section"))
    gap = analytics.branded_search_missing(data.con)
    if gap:
        show_missing(gap)
        return
    saved = data.workspace.other.get("brand_terms")
    default = SAMPLE_BRAND_TERMS if data.source == "sample" else ()
    terms = analytics.parse_terms(saved if isinstance(saved, list) else default)
    if not ctl.present:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input(
            t("traffic.brand_terms"),
            value=", ".join(terms),
            key=TERMS_KEY,
            on_change=_save_terms,
            help=t("traffic.brand_terms_help"),
        )
        measure = right.segmented_control(
            t("traffic.search_measure"),
            ("clicks", "impressions"),
            default="clicks",
            format_func=lambda m: t(f"traffic.measure.{m}"),
            key="traffic_search_measure",
        )
    else:
        measure = st.session_state.get("traffic_search_measure")
    measure = measure or "clicks"
    if not terms:
        st.info(t("traffic.no_terms"))
        return
    split = analytics.branded_search(data.con, ctl.start, ctl.end, terms, ctl.grain)
    if not split["clicks"].sum() and not split["impressions"].sum():
        st.info(t("traffic.no_search"))
        return
    clicks = analytics.branded_share(split, "clicks")
    impressions = analytics.branded_share(split, "impressions")
    st.caption(
        t(
            "traffic.branded_share",
            clicks="—" if clicks is None else f"{clicks:.1%}",
            impressions="—" if impressions is None else f"{impressions:.1%}",
        )
    )
    label = t(f"traffic.measure.{measure}")
    st.markdown(f"##### {t('traffic.search_title', measure=label.lower())}")
    labels = {key: t(f"traffic.kind.{key}") for key in ("branded", "other")}
    chart = content_charts.stacked_periods(split, "kind", measure, label, labels)
    show_chart(charts.styled(chart, ctl.present), f"branded_search_{measure}", ctl.present)


def draw_funnel() -> None:
    st.subheader(t("traffic.funnel_title"))
    result = analytics.funnel(data.con, ctl.start, ctl.end, ctl.filters)
    if result.rows.empty:
        st.info(t("traffic.no_funnel"))
    else:
        rows = result.rows.assign(label=[t(f"traffic.step.{step}") for step in result.rows["step"]])
        chart = content_charts.funnel_bars(rows)
        show_chart(charts.styled(chart, ctl.present), "funnel", ctl.present)
        if not ctl.present:
            st.caption(t("traffic.funnel_note"))
    if ctl.present:
        return
    for step, gap in result.missing.items():
        st.info(
            t(
                "traffic.funnel_needs",
                step=t(f"traffic.step.{step}"),
                missing=", ".join(gap.fields),
                hint=gap.hint,
            )
        )
    for step, fields in result.unfiltered.items():
        st.caption(
            t("traffic.funnel_unfiltered", step=t(f"traffic.step.{step}"), fields=", ".join(fields))
        )


show_sections(
    "traffic",
    [
        Section(t("traffic.tiles"), draw_tiles),
        Section(t("traffic.channels_section"), draw_channels),
        Section(t("traffic.search_section"), draw_search),
        Section(t("traffic.funnel_section"), draw_funnel),
    ],
    ctl.present,
)
