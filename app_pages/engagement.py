"""Engagement: the engagement-family KPIs against the comparison period, engagement rate per
platform over time, new against lost followers, and every KPI by platform."""

from __future__ import annotations

import streamlit as st

from kpi import charts
from kpi.analytics.audience import by_breakdown_table, follower_flow
from kpi.catalog import BY_ID
from kpi.charts import audience as audience_charts
from kpi.engine import run
from kpi.i18n import format_date, t
from kpi.page_kpis import ENGAGEMENT as ENGAGEMENT_KPIS
from kpi.schema import DATASETS
from kpi.slides import engagement_slides
from ui.downloads import show_chart, table_downloads
from ui.page import Section, setup, show_sections
from ui.slides_button import slides_button
from ui.tables import show_table
from ui.tiles import show_needs, show_tiles

PER_ROW = 4

data, ctl = setup()
slides_button("engagement", lambda: engagement_slides(data, ctl), ctl.present)
st.title(t("engagement.title"))
if not data.datasets():
    st.info(t("engagement.no_data"))
    st.page_link("app_pages/data.py", label=t("overview.upload_link"), icon=":material/upload:")

compared = t(f"compare.{ctl.compare or 'none'}").lower()
st.caption(
    t(
        "engagement.period",
        start=format_date(ctl.start),
        end=format_date(ctl.end),
        compared=compared,
    )
)
tiles = run(
    data.con, ctl.request(ENGAGEMENT_KPIS, whole_range=True, targets=data.workspace.targets)
)
series = run(data.con, ctl.request(ENGAGEMENT_KPIS, compare=None))


def draw_tiles() -> None:
    st.subheader(t("engagement.tiles"))
    rows = [r for _, r in tiles.rows.iterrows()]
    show_tiles(rows, series.rows, PER_ROW, present=ctl.present)
    # Without any value the needs are the slide's content, in presenter mode too.
    if tiles.needs and (not ctl.present or tiles.rows.empty):
        st.caption(t("engagement.needs_title"))
        cols = st.columns(PER_ROW)
        for i, need in enumerate(tiles.needs):
            with cols[i % PER_ROW]:
                show_needs(need)


def _info_needs(needs: list) -> None:
    for need in needs:
        st.info(t("engagement.needs", missing=", ".join(need.missing), hint=need.hint))


def draw_trend() -> None:
    st.subheader(t("engagement.trend"))
    kpi = BY_ID["engagement_rate"]
    split = run(data.con, ctl.request((kpi.id,), ("platform",), compare=None))
    if split.needs:
        _info_needs(split.needs)
        return
    if split.rows["value"].isna().all():
        st.info(t("engagement.no_trend"))
        return
    chart = audience_charts.rate_by_platform(
        split.rows, kpi.label, charts.number_format(kpi.format)
    )
    show_chart(charts.styled(chart, ctl.present), t("engagement.trend_short"), ctl.present)


def draw_followers() -> None:
    st.subheader(t("engagement.followers"))
    flows = run(data.con, ctl.request(("new_followers", "net_new_followers"), compare=None))
    if any(n.kpi == "new_followers" for n in flows.needs):
        _info_needs([n for n in flows.needs if n.kpi == "new_followers"])
        return
    frame = follower_flow(flows.rows)
    if frame.empty or not frame["followers"].any():
        st.info(t("engagement.no_followers"))
        return
    chart = audience_charts.follower_flow(frame)
    show_chart(charts.styled(chart, ctl.present), t("engagement.followers_short"), ctl.present)
    if flows.needs and not ctl.present:
        st.caption(t("engagement.lost_needs", hint=DATASETS["account_daily"].provided_by))


def draw_table() -> None:
    st.subheader(t("engagement.table"))
    available = [k for k in ENGAGEMENT_KPIS if k not in {n.kpi for n in tiles.needs}]
    split = run(data.con, ctl.request(available, ("platform",), whole_range=True))
    table = by_breakdown_table(split.rows, "platform", available)
    if table.empty or len(table.columns) < 2:
        st.info(t("engagement.no_table"))
        return
    config = {"platform": st.column_config.TextColumn(t("engagement.platform_col"))}
    for kpi_id in table.columns[1:]:
        kpi = BY_ID[kpi_id]
        config[kpi_id] = st.column_config.NumberColumn(
            kpi.label,
            help=kpi.description,
            format="percent" if kpi.format == "percent" else "localized",
        )
    show_table(table, "platforms", ctl.present, column_config=config)
    if not ctl.present:
        labelled = table.rename(
            columns={"platform": t("engagement.platform_col")}
            | {k: BY_ID[k].label for k in table.columns[1:]}
        )
        table_downloads(labelled, t("engagement.table"))


sections = [Section(t("engagement.tiles"), draw_tiles)]
if not tiles.rows.empty:
    sections += [
        Section(t("engagement.trend_short"), draw_trend),
        Section(t("engagement.followers_short"), draw_followers),
        Section(t("engagement.table_short"), draw_table),
    ]
show_sections("engagement", sections, ctl.present)
