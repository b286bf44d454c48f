"""Paid: what the ads cost and return — cost per result tiles against the comparison period,
spend and ROAS per period, and every campaign side by side — under the shared controls."""

from __future__ import annotations

import streamlit as st

from kpi import charts
from kpi.catalog import BY_ID
from kpi.charts import paid as paid_charts
from kpi.custom import custom_kpi
from kpi.engine import run
from kpi.errors import KpiError
from kpi.i18n import format_date, t
from kpi.page_kpis import AD_VOLUMES as VOLUMES
from kpi.page_kpis import PAID_CORE as CORE
from kpi.page_kpis import PAID_WHEN_PRESENT as WHEN_PRESENT
from kpi.slides import paid_slides
from ui.downloads import show_chart, table_downloads
from ui.page import Section, setup, show_sections
from ui.safe import md
from ui.slides_button import slides_button
from ui.tables import show_table
from ui.tiles import show_needs, show_notes, show_tiles

PER_ROW = 4
AD_VOLUMES = tuple(
    custom_kpi(f"ad_{m}", t(f"paid.col.{m}"), "ads", f"sum({m})", format="count") for m in VOLUMES
)
CAMPAIGN_COLUMNS = {
    "spend": BY_ID["spend"].label,
    **{f"ad_{m}": t(f"paid.col.{m}") for m in VOLUMES},
    "cost_per_lead": BY_ID["cost_per_lead"].label,
    "roas": BY_ID["roas"].label,
    "roi": BY_ID["roi"].label,
}

data, ctl = setup()
slides_button("paid", lambda: paid_slides(data, ctl), ctl.present)
st.title(t("paid.title"))
compared = t(f"compare.{ctl.compare or 'none'}").lower()
st.caption(
    t("paid.caption", start=format_date(ctl.start), end=format_date(ctl.end), compared=compared)
)

try:
    kpis = CORE + WHEN_PRESENT
    tiles = run(data.con, ctl.request(kpis, whole_range=True, targets=data.workspace.targets))
    series = run(data.con, ctl.request(CORE, compare=None))
except KpiError as exc:
    st.error(md(exc.user_message))
    st.stop()

has_spend = "spend" in set(tiles.rows["kpi"])


def draw_tiles() -> None:
    rows = [
        r
        for _, r in tiles.rows.iterrows()
        if r["kpi"] in CORE or (r["kpi"] in WHEN_PRESENT and r["value"] == r["value"])
    ]
    show_tiles(rows, series.rows, PER_ROW, present=ctl.present, notes=tiles.notes)
    show_notes([n for n in tiles.notes if n.kpi in {r["kpi"] for r in rows}])
    needs = [n for n in tiles.needs if n.kpi in CORE]
    if not has_spend:
        st.info(t("paid.no_ads"))
    if needs and not ctl.present:
        st.caption(t("paid.needs_title"))
        cols = st.columns(PER_ROW)
        for i, need in enumerate(needs):
            with cols[i % PER_ROW]:
                show_needs(need)


def draw_trend() -> None:
    st.subheader(t("paid.trend"))
    chart = paid_charts.spend_and_roas(series.rows, BY_ID["spend"].label, BY_ID["roas"].label)
    show_chart(charts.styled(chart, ctl.present), t("paid.chart_trend_name"), ctl.present)


def draw_campaigns() -> None:
    st.subheader(t("paid.campaigns"))
    try:
        split = run(
            data.con,
            ctl.request(
                tuple(CAMPAIGN_COLUMNS),
                by=("campaign",),
                whole_range=True,
                compare=None,
                extra=AD_VOLUMES,
            ),
        )
    except KpiError as exc:
        st.error(md(exc.user_message))
        return
    if "spend" not in set(split.rows["kpi"]) or split.rows.empty:
        st.info(t("paid.no_campaigns"))
        return
    st.caption(t("paid.campaigns_caption"))
    table = paid_charts.wide_table(split.rows, "campaign", CAMPAIGN_COLUMNS, sort_by="spend")
    money = st.column_config.NumberColumn(format="%.2f")
    count = st.column_config.NumberColumn(format="%d")
    show_table(
        table,
        "campaigns",
        ctl.present,
        column_config={
            CAMPAIGN_COLUMNS["spend"]: money,
            CAMPAIGN_COLUMNS["cost_per_lead"]: money,
            CAMPAIGN_COLUMNS["roas"]: st.column_config.NumberColumn(format="%.2f×"),
            CAMPAIGN_COLUMNS["roi"]: st.column_config.NumberColumn(format="percent"),
            **{CAMPAIGN_COLUMNS[f"ad_{m}"]: count for m in VOLUMES},
        },
    )
    if not ctl.present:
        table_downloads(table, t("paid.table_name"))
    st.subheader(t("paid.roas_by_campaign"))
    roas = split.rows[split.rows["kpi"] == "roas"]
    chart = paid_charts.bar_values(roas, "campaign", BY_ID["roas"].label)
    show_chart(charts.styled(chart, ctl.present), t("paid.chart_roas_name"), ctl.present)


sections = [Section(t("paid.tiles"), draw_tiles)]
if has_spend:
    sections += [
        Section(t("paid.trend_short"), draw_trend),
        Section(t("paid.campaigns"), draw_campaigns),
    ]
show_sections("paid", sections, ctl.present)
