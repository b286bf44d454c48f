"""Content: posts per period by platform, the best and worst posts by engagement rate, hashtags
and mentions, and reach against engagement rate per post."""

from __future__ import annotations

import pandas as pd

from kpi.analytics import content as analytics
from kpi.charts import content as content_charts
from kpi.engine import run
from kpi.i18n import format_count, format_date, t, tn
from kpi.views.common import message, request
from kpi.views.model import (
    Block,
    Chart,
    Columns,
    Hook,
    Needs,
    PageView,
    Section,
    Table,
    Text,
    ViewContext,
)

RANKED = 10
RANKED_ON_SLIDE = 3  # best and worst three: both tables fit a 1280×720 slide at presenter size
TAGS = 20
MIN_IMPRESSIONS = 100
COLUMNS = ("text", "platform", "date", "impressions", "engagement", "engagement_rate", "url")
FORMATS = {"text": "longtext", "platform": None, "date": "date", "impressions": "count",
           "engagement": "count", "engagement_rate": "percent", "url": "link"}  # fmt: skip
SLIDE_COLUMNS = ("text", "platform", "impressions", "engagement_rate")


def _gap(gap: analytics.Missing) -> tuple[Block, ...]:
    return (Needs(gap.fields, gap.hint),)


def _posts_table(frame: pd.DataFrame, name: str, lang: str) -> Table:
    shown = frame.rename(columns={"published": "date"})
    labels = {
        "text": t("content.col_text", lang),
        "platform": t("content.col_platform", lang),
        "date": t("content.col_date", lang),
        "impressions": t("content.col_impressions", lang),
        "engagement": t("content.col_engagement", lang),
        "engagement_rate": t("content.col_rate", lang),
        "url": t("content.col_link", lang),
    }
    return Table(shown, name, formats=FORMATS, labels=labels, slide_columns=SLIDE_COLUMNS,
                 slide_rows=5)  # fmt: skip


def build(ctx: ViewContext) -> PageView:
    """`ctx.options["min_impressions"]`: the ranking's threshold (100 by default)."""
    lang = ctx.lang
    sections: list[Section] = []

    result = run(ctx.con, request(ctx, ("posts",), ("platform",), compare=None))
    if result.needs:
        need = result.needs[0]
        posts: tuple[Block, ...] = (
            message(ctx, "content.needs", missing=", ".join(need.missing), hint=need.hint),
        )
    else:
        chart = content_charts.stacked_periods(
            result.rows, "platform", "value", t("content.posts_axis", lang), lang=lang
        )
        posts = (Chart(chart, "posts_per_period", ("posts",)),)
    sections.append(
        Section(
            "posts", t("content.posts_section", lang), posts, heading=t("content.posts_title", lang)
        )
    )

    gap = analytics.missing(
        ctx.con, "posts", ("published_at", "impressions"), any_of=("likes", "comments", "shares")
    )
    if gap:
        ranking: tuple[Block, ...] = _gap(gap)
    else:
        threshold = int(ctx.options.get("min_impressions", MIN_IMPRESSIONS))
        ranked = RANKED_ON_SLIDE if ctx.present else RANKED
        top, bottom = analytics.ranked_posts(
            ctx.con, ctx.start, ctx.end, ctx.filters, min_impressions=threshold, n=ranked
        )
        ranking = (Hook("threshold", show="page"),)
        if top.empty:
            ranking += (message(ctx, "content.no_ranked", n=format_count(threshold, lang)),)
        else:
            ranking += (
                Text(tn("content.top_title", ranked, lang), "heading"),
                _posts_table(top, "top_posts", lang),
                Text(tn("content.bottom_title", ranked, lang), "heading"),
                message(ctx, "content.no_bottom", "caption")
                if bottom.empty
                else _posts_table(bottom, "bottom_posts", lang),
            )
    sections.append(
        Section(
            "ranking",
            t("content.ranking_section", lang),
            ranking,
            heading=t("content.ranking_section", lang),
        )
    )

    for kind, key in (
        ("hashtag", "content.hashtags_section"),
        ("mention", "content.mentions_section"),
    ):
        sections.append(Section(f"{kind}s", t(key, lang), _tags(ctx, kind), heading=t(key, lang)))

    gap = analytics.missing(ctx.con, "posts", ("published_at", "reach", "impressions"))
    if gap:
        scatter: tuple[Block, ...] = _gap(gap)
    else:
        points, total = analytics.reach_vs_engagement(ctx.con, ctx.start, ctx.end, ctx.filters)
        if points.empty:
            scatter = (message(ctx, "content.no_scatter"),)
        else:
            scatter = ()
            if total > len(points):
                scatter += (
                    message(
                        ctx,
                        "content.scatter_capped",
                        "caption",
                        "page",
                        shown=format_count(len(points)),
                        total=format_count(total),
                    ),
                )
            chart = content_charts.reach_scatter(points, lang=lang)
            scatter += (Chart(chart, "reach_vs_engagement_rate", ("reach", "engagement_rate")),)
    sections.append(
        Section(
            "scatter",
            t("content.scatter_section", lang),
            scatter,
            heading=t("content.scatter_title", lang),
        )
    )
    caption = t("content.period", lang, start=format_date(ctx.start, lang),
                end=format_date(ctx.end, lang))  # fmt: skip
    return PageView("content", t("content.title", lang), caption, tuple(sections), lang)


def _tags(ctx: ViewContext, kind: str) -> tuple[Block, ...]:
    lang = ctx.lang
    gap = analytics.missing(ctx.con, "posts", ("published_at", "text"))
    if gap:
        return _gap(gap)
    words = t(f"content.kind_{kind}", lang)
    tag_title = t("content.col_tag" if kind == "hashtag" else "content.col_mention", lang)
    ranked = {
        order: analytics.top_tags(
            ctx.con, ctx.start, ctx.end, ctx.filters, kind=kind, order_by=order, n=TAGS
        )
        for order in ("engagement", "posts")
    }
    if ranked["engagement"].empty:
        return (message(ctx, "content.no_tags", kind=words),)
    parts = []
    for order in ("engagement", "posts"):
        title = t(f"content.by_{order}", lang, n=TAGS, kind=words)
        chart = content_charts.tag_bars(ranked[order], order, tag_title, lang=lang)
        parts.append((Chart(chart, f"{kind}s_by_{order}", heading=title, slide_width=480),))
    return (Columns(tuple(parts), stack_when_present=True),)
