"""Overview: headline KPI tiles over the latest period, the weekly trend and a per-platform view."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kpi import charts
from kpi.catalog import BY_ID
from kpi.engine import Request, data_end, run
from kpi.i18n import format_date, t
from ui.state import session_data
from ui.tiles import show_needs, show_tile

HEADLINE = (
    "impressions",
    "engagement_rate",
    "followers",
    "new_followers",
    "sessions",
    "leads",
    "spend",
    "roas",
)
PER_ROW = 4

data = session_data()
st.title(t("overview.title"))
if data.source == "sample":
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(t("overview.sample_banner"), icon=":material/coffee:")
    right.page_link("pages/data.py", label=t("overview.upload_link"), icon=":material/upload:")

end = data_end(data.con, HEADLINE)
if end is None:
    st.info(t("overview.no_data"))
    st.page_link("pages/data.py", label=t("overview.upload_link"), icon=":material/upload:")
    st.stop()

days = (
    st.segmented_control(
        t("overview.period_days"),
        [7, 28, 91],
        default=28,
        format_func=lambda d: t("overview.days", n=d),
        key="period_days",
    )
    or 28
)
start = end - dt.timedelta(days=days - 1)
st.caption(t("overview.period", start=format_date(start), end=format_date(end), days=days))

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

tiles = run(
    data.con, Request(HEADLINE, start, end, compare="previous", targets=data.workspace.targets)
)
weeks = run(
    data.con, Request(kpis=HEADLINE, start=end - dt.timedelta(weeks=12), end=end, grain="week")
)
available = [r for _, r in tiles.rows.iterrows()]
for i in range(0, len(available), PER_ROW):
    for col, row in zip(st.columns(PER_ROW), available[i : i + PER_ROW], strict=False):
        with col:
            spark = weeks.rows.loc[weeks.rows["kpi"] == row["kpi"], "value"].fillna(0).tolist()
            show_tile(row, spark)

if "impressions" in set(tiles.rows["kpi"]):
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"##### {t('overview.trend')}")
        trend = run(
            data.con,
            Request(("impressions",), end - dt.timedelta(weeks=26), end, "week", ("platform",)),
        )
        frame = trend.rows.rename(columns={"period_start": "week"})
        st.altair_chart(
            charts.weekly_trend(frame, BY_ID["impressions"].label, by="platform"), width="stretch"
        )
    with right:
        st.markdown(f"##### {t('overview.by_platform')}")
        split = run(data.con, Request(("engagement_rate",), start, end, None, ("platform",)))
        st.altair_chart(
            charts.bar_by(split.rows, "platform", BY_ID["engagement_rate"].label, percent=True),
            width="stretch",
        )

if tiles.needs:
    st.divider()
    cols = st.columns(PER_ROW)
    for i, need in enumerate(tiles.needs):
        with cols[i % PER_ROW]:
            show_needs(need)
