"""Content: posts per period by platform, the best and worst posts by engagement rate, hashtags
and mentions, and reach against engagement rate per post — all under the shared controls."""

from __future__ import annotations

import streamlit as st

from kpi import charts
from kpi.analytics import content as analytics
from kpi.charts import content as content_charts
from kpi.engine import run
from kpi.i18n import t
from kpi.slides import content_slides
from ui.downloads import show_chart, table_downloads
from ui.page import Section, header, setup, show_gap, show_sections
from ui.slides_button import slides_button
from ui.tables import show_table

RANKED = 10
RANKED_ON_SLIDE = 3  # best and worst three: both tables fit a 1280×720 slide at presenter size
TAGS = 20

data, ctl = setup()
slides_button("content", lambda: content_slides(data, ctl), ctl.present)
header(t("content.title"), data, ctl)


def show_missing(gap: analytics.Missing) -> None:
    show_gap(gap.fields, gap.hint)


def show_ignored(ignored: tuple[str, ...]) -> None:
    if ignored and not ctl.present:
        st.caption(t("content.filters_ignored", fields=", ".join(ignored)))


def draw_posts() -> None:
    st.subheader(t("content.posts_title"))
    result = run(data.con, ctl.request(("posts",), ("platform",), compare=None))
    if result.needs:
        need = result.needs[0]
        st.info(t("content.needs", missing=", ".join(need.missing), hint=need.hint))
        return
    chart = content_charts.stacked_periods(
        result.rows, "platform", "value", t("content.posts_axis")
    )
    show_chart(charts.styled(chart, ctl.present), "posts_per_period", ctl.present)


def _table(frame, name: str) -> None:
    shown = frame.rename(columns={"published": "date"})
    show_table(
        shown,
        name,
        ctl.present,
        column_config={
            "text": st.column_config.TextColumn(
                t("content.col_text"), width="medium" if ctl.present else "large"
            ),
            "platform": st.column_config.TextColumn(t("content.col_platform")),
            "date": st.column_config.DateColumn(t("content.col_date"), format="D MMM YYYY"),
            "impressions": st.column_config.NumberColumn(
                t("content.col_impressions"), format="localized"
            ),
            "engagement": st.column_config.NumberColumn(
                t("content.col_engagement"), format="localized"
            ),
            "engagement_rate": st.column_config.NumberColumn(
                t("content.col_rate"), format="percent"
            ),
            "url": st.column_config.LinkColumn(
                t("content.col_link"), display_text=t("content.open_link")
            ),
        },
    )
    if not ctl.present:
        labels = {
            "text": t("content.col_text"),
            "platform": t("content.col_platform"),
            "date": t("content.col_date"),
            "impressions": t("content.col_impressions"),
            "engagement": t("content.col_engagement"),
            "engagement_rate": t("content.col_rate"),
            "url": t("content.col_link"),
        }
        table_downloads(shown.rename(columns=labels), name)


def draw_ranking() -> None:
    st.subheader(t("content.ranking_section"))
    gap = analytics.missing(
        data.con, "posts", ("published_at", "impressions"), any_of=("likes", "comments", "shares")
    )
    if gap:
        show_missing(gap)
        return
    if ctl.present:  # a slide shows the threshold set before, not the field to change it
        threshold = st.session_state.get("content_min_impressions", 100)
    else:
        threshold = st.number_input(
            t("content.min_impressions"),
            min_value=0,
            value=100,
            step=50,
            help=t("content.min_impressions_help"),
            key="content_min_impressions",
        )
    ranked = RANKED_ON_SLIDE if ctl.present else RANKED
    top, bottom = analytics.ranked_posts(
        data.con, ctl.start, ctl.end, ctl.filters, min_impressions=int(threshold), n=ranked
    )
    if top.empty:
        st.info(t("content.no_ranked", n=f"{int(threshold):,}"))
        return
    st.markdown(f"##### {t('content.top_title', n=ranked)}")
    _table(top, "top_posts")
    st.markdown(f"##### {t('content.bottom_title', n=ranked)}")
    if bottom.empty:
        st.caption(t("content.no_bottom"))
    else:
        _table(bottom, "bottom_posts")


def _draw_tags(kind: str) -> None:
    gap = analytics.missing(data.con, "posts", ("published_at", "text"))
    if gap:
        show_missing(gap)
        return
    words = t(f"content.kind_{kind}")
    tag_title = t("content.col_tag" if kind == "hashtag" else "content.col_mention")
    by_engagement = analytics.top_tags(
        data.con, ctl.start, ctl.end, ctl.filters, kind=kind, order_by="engagement", n=TAGS
    )
    if by_engagement.empty:
        st.info(t("content.no_tags", kind=words))
        return
    by_posts = analytics.top_tags(
        data.con, ctl.start, ctl.end, ctl.filters, kind=kind, order_by="posts", n=TAGS
    )
    left, right = (st.container(), st.container()) if ctl.present else st.columns(2)
    with left:
        st.markdown(f"##### {t('content.by_engagement', n=TAGS, kind=words)}")
        chart = content_charts.tag_bars(by_engagement, "engagement", tag_title)
        show_chart(charts.styled(chart, ctl.present), f"{kind}s_by_engagement", ctl.present)
    with right:
        st.markdown(f"##### {t('content.by_posts', n=TAGS, kind=words)}")
        chart = content_charts.tag_bars(by_posts, "posts", tag_title)
        show_chart(charts.styled(chart, ctl.present), f"{kind}s_by_posts", ctl.present)


def draw_hashtags() -> None:
    st.subheader(t("content.hashtags_section"))
    _draw_tags("hashtag")


def draw_mentions() -> None:
    st.subheader(t("content.mentions_section"))
    _draw_tags("mention")


def draw_scatter() -> None:
    st.subheader(t("content.scatter_title"))
    gap = analytics.missing(data.con, "posts", ("published_at", "reach", "impressions"))
    if gap:
        show_missing(gap)
        return
    points, total = analytics.reach_vs_engagement(data.con, ctl.start, ctl.end, ctl.filters)
    if points.empty:
        st.info(t("content.no_scatter"))
        return
    if total > len(points) and not ctl.present:
        st.caption(t("content.scatter_capped", shown=f"{len(points):,}", total=f"{total:,}"))
    chart = content_charts.reach_scatter(points)
    show_chart(charts.styled(chart, ctl.present), "reach_vs_engagement_rate", ctl.present)


show_ignored(analytics.where(data.con, "posts", "published_at", ctl.start, ctl.end, ctl.filters)[2])
show_sections(
    "content",
    [
        Section(t("content.posts_section"), draw_posts),
        Section(t("content.ranking_section"), draw_ranking),
        Section(t("content.hashtags_section"), draw_hashtags),
        Section(t("content.mentions_section"), draw_mentions),
        Section(t("content.scatter_section"), draw_scatter),
    ],
    ctl.present,
)
