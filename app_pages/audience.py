"""Audience: who follows (age × gender pyramid, top countries, cities and languages at the latest
snapshot on or before the range's end) and when they engage (weekday × hour of posts, on the
business's clock: the session's time zone)."""

from __future__ import annotations

import streamlit as st

from kpi import charts
from kpi.analytics import audience as analytics
from kpi.charts import audience as audience_charts
from kpi.i18n import format_date, format_value, t
from kpi.schema import DATASETS
from kpi.slides import audience_slides
from ui.downloads import show_chart
from ui.page import Section, setup, show_sections
from ui.safe import tm
from ui.slides_button import slides_button

SEGMENT_DIMENSIONS = ("country", "city", "language")

data, ctl = setup()
slides_button("audience", lambda: audience_slides(data, ctl), ctl.present)
st.title(t("audience.title"))


def _needs(dataset: str, missing: tuple[str, ...] | None) -> bool:
    """Show what a section lacks and which export provides it; True when something is missing."""
    if missing == ():
        return False
    st.info(
        t(
            "audience.needs",
            missing=", ".join(missing or (dataset,)),
            hint=DATASETS[dataset].provided_by,
        )
    )
    return True


audience_missing = analytics.missing_fields(
    data.con, "audience", ("dimension", "segment", "followers")
)
snapshots = (
    analytics.snapshot_dates(data.con, ctl.end, ctl.filters) if audience_missing == () else []
)
if snapshots and not ctl.present:
    st.caption(
        t(
            "audience.snapshot",
            end=format_date(ctl.end),
            dates=", ".join(format_date(d) for d in snapshots),
        )
    )


def _audience_ready() -> bool:
    if _needs("audience", audience_missing):
        return False
    if not snapshots:
        st.info(t("audience.no_snapshot", end=format_date(ctl.end)))
        return False
    return True


def draw_pyramid() -> None:
    st.subheader(t("audience.pyramid"))
    if not _audience_ready():
        return
    frame = analytics.age_gender(data.con, ctl.end, ctl.filters)
    drawn = frame[frame["gender"].isin(["F", "M"])]
    if drawn.empty or not drawn["followers"].any():
        st.info(t("audience.no_pyramid"))
        return
    chart = audience_charts.pyramid(frame)
    show_chart(charts.styled(chart, ctl.present), t("audience.pyramid_short"), ctl.present)
    if not ctl.present:
        unknown = frame.loc[frame["gender"] == "U", "followers"].sum()
        if unknown:
            st.caption(t("audience.unknown_gender", n=format_value(float(unknown), "count")))
        if frame["estimated"].any():
            st.caption(t("audience.estimated"))


def _draw_segments(dimension: str) -> None:
    title = t(f"audience.{dimension}")
    st.subheader(title)
    if not _audience_ready():
        return
    frame = analytics.top_segments(data.con, dimension, ctl.end, ctl.filters)
    if frame.empty:
        st.info(t("audience.no_segments", dimension=title.lower()))
        return
    chart = audience_charts.top_bars(frame, title)
    show_chart(charts.styled(chart, ctl.present), title, ctl.present)


def draw_places() -> None:
    left, right = st.columns(2)
    with left:
        _draw_segments("country")
    with right:
        _draw_segments("city")


def draw_languages() -> None:
    _draw_segments("language")


def draw_heatmap() -> None:
    st.subheader(t("audience.heatmap"))
    if _needs(
        "posts", analytics.missing_fields(data.con, "posts", ("published_at", "impressions"))
    ):
        return
    min_posts = int(
        st.number_input(
            t("audience.min_posts"), min_value=1, max_value=100, value=analytics.MIN_POSTS, step=1,
            key="audience_min_posts",
        )
    )  # fmt: skip
    frame = analytics.weekday_hour(
        data.con, ctl.start, ctl.end, ctl.filters, min_posts, timezone=data.timezone
    )
    if not frame["posts"].any():
        st.info(t("audience.no_posts"))
        return
    chart = audience_charts.weekday_hour_heatmap(frame, min_posts)
    show_chart(charts.styled(chart, ctl.present), t("audience.heatmap_short"), ctl.present)
    st.caption(tm("audience.heatmap_zone", zone=data.timezone))
    if not ctl.present:
        st.caption(t("audience.heatmap_help"))


show_sections(
    "audience",
    [
        Section(t("audience.pyramid_short"), draw_pyramid),
        Section(f"{t('audience.country')} · {t('audience.city')}", draw_places),
        Section(t("audience.language"), draw_languages),
        Section(t("audience.heatmap_short"), draw_heatmap),
    ],
    ctl.present,
)
