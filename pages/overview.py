"""Overview: headline KPI tiles over the latest period, the weekly trend and a per-platform view."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kpi import charts, engine
from kpi.catalog import BY_ID, CATALOG
from kpi.i18n import format_date, t
from ui.state import session_data
from ui.tiles import show_needs, show_tile

data = session_data()
datasets = data.datasets()

st.title(t("overview.title"))
if data.source == "sample":
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(t("overview.sample_banner"), icon=":material/coffee:")
    right.page_link("pages/data.py", label=t("overview.upload_link"), icon=":material/upload:")

end = engine.data_end(data.con, list(CATALOG), datasets)
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

available, needs = [], []
for kpi in CATALOG:
    missing = engine.missing_fields(data.con, kpi, datasets)
    (needs if missing else available).append(missing or kpi)

spark_start = end - dt.timedelta(weeks=12)
per_row = 4
for i in range(0, len(available), per_row):
    cols = st.columns(per_row)
    for col, kpi in zip(cols, available[i : i + per_row], strict=False):
        with col:
            series = engine.weekly_series(data.con, kpi, spark_start, end)
            show_tile(engine.tile(data.con, kpi, start, end), series["value"].fillna(0).tolist())

if "posts" in datasets and BY_ID["impressions"] in available:
    trend_start = end - dt.timedelta(weeks=26)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"##### {t('overview.trend')}")
        trend = engine.weekly_series(
            data.con, BY_ID["impressions"], trend_start, end, by="platform"
        )
        st.altair_chart(
            charts.weekly_trend(trend, BY_ID["impressions"].label, by="platform"), width="stretch"
        )
    with right:
        st.markdown(f"##### {t('overview.by_platform')}")
        by_platform = engine.breakdown(data.con, BY_ID["engagement_rate"], start, end, "platform")
        st.altair_chart(
            charts.bar_by(by_platform, "platform", BY_ID["engagement_rate"].label, percent=True),
            width="stretch",
        )

if needs:
    st.divider()
    cols = st.columns(per_row)
    for i, missing in enumerate(needs):
        with cols[i % per_row]:
            show_needs(missing)
