"""Audience: who follows (age × gender pyramid, top countries, cities and languages at the latest
snapshot on or before the range's end) and when they engage (weekday × hour of posts, on the
business's clock: the session's time zone)."""

from __future__ import annotations

from kpi.analytics import audience as analytics
from kpi.charts import audience as audience_charts
from kpi.i18n import format_date, format_value, t, tn
from kpi.schema import DATASETS
from kpi.views.common import message
from kpi.views.model import Block, Chart, Columns, Hook, PageView, Section, Text, ViewContext
from kpi.xmlsafe import xml_safe

SEGMENT_DIMENSIONS = ("country", "city", "language")


def build(ctx: ViewContext) -> PageView:
    """`ctx.options["min_posts"]`: the heatmap's fewest posts per cell (audience.MIN_POSTS)."""
    lang = ctx.lang
    missing = analytics.missing_fields(ctx.con, "audience", ("dimension", "segment", "followers"))
    snapshots = analytics.snapshot_dates(ctx.con, ctx.end, ctx.filters) if missing == () else []

    def needs(dataset: str, fields: tuple[str, ...] | None) -> Block:
        return message(ctx, "audience.needs", missing=", ".join(fields or (dataset,)),
                       hint=DATASETS[dataset].provided_in(lang))  # fmt: skip

    def gap() -> tuple[Block, ...]:
        if missing != ():
            return (needs("audience", missing),)
        if not snapshots:
            return (message(ctx, "audience.no_snapshot", end=format_date(ctx.end, lang)),)
        return ()

    def segments(dimension: str, width: int) -> tuple[Block, ...]:
        title = t(f"audience.{dimension}", lang)
        lacking = gap()
        if lacking:
            return (Text(title, "subheader"), *lacking)
        frame = analytics.top_segments(ctx.con, dimension, ctx.end, ctx.filters)
        if frame.empty:
            shown: Block = message(ctx, "audience.no_segments", dimension=title.lower())
        else:
            chart = audience_charts.top_bars(frame, title, lang=lang)
            shown = Chart(chart, title, caption=title, slide_width=width)
        return (Text(title, "subheader"), shown)

    sections: list[Section] = []
    pyramid: tuple[Block, ...] = gap()
    if not pyramid:
        frame = analytics.age_gender(ctx.con, ctx.end, ctx.filters)
        drawn = frame[frame["gender"].isin(["F", "M"])]
        if drawn.empty or not drawn["followers"].any():
            pyramid = (message(ctx, "audience.no_pyramid"),)
        else:
            chart = audience_charts.pyramid(frame, lang=lang)
            pyramid = (Chart(chart, t("audience.pyramid_short", lang)),)
            unknown = frame.loc[frame["gender"] == "U", "followers"].sum()
            if unknown:
                n = format_value(float(unknown), "count", lang)
                note = tn("audience.unknown_gender", int(unknown), lang, n=n)
                pyramid += (Text(note, "caption", show="page"),)
            if frame["estimated"].any():
                pyramid += (message(ctx, "audience.estimated", "caption", "page"),)
    sections.append(
        Section(
            "pyramid",
            t("audience.pyramid_short", lang),
            pyramid,
            heading=t("audience.pyramid", lang),
        )
    )
    places = f"{t('audience.country', lang)} · {t('audience.city', lang)}"
    sections.append(
        Section("places", places, (Columns((segments("country", 480), segments("city", 480))),))
    )
    sections.append(Section("languages", t("audience.language", lang), segments("language", 1000)))

    posts_missing = analytics.missing_fields(ctx.con, "posts", ("published_at", "impressions"))
    if posts_missing != ():
        heatmap: tuple[Block, ...] = (needs("posts", posts_missing),)
    else:
        min_posts = int(ctx.options.get("min_posts", analytics.MIN_POSTS))
        heatmap = (Hook("min_posts"),)  # on a presenter screen too
        frame = analytics.weekday_hour(
            ctx.con, ctx.start, ctx.end, ctx.filters, min_posts, timezone=ctx.timezone
        )
        if not frame["posts"].any():
            heatmap += (message(ctx, "audience.no_posts"),)
        else:
            chart = audience_charts.weekday_hour_heatmap(frame, min_posts, lang=lang)
            zone = t("audience.heatmap_zone_short", lang, zone=xml_safe(ctx.timezone))
            heatmap += (
                Chart(chart, t("audience.heatmap_short", lang), caption=zone),
                message(
                    ctx, "audience.heatmap_zone", "caption", data_values={"zone": ctx.timezone}
                ),
                message(ctx, "audience.heatmap_help", "caption", "page"),
            )
    sections.append(
        Section(
            "heatmap",
            t("audience.heatmap_short", lang),
            heatmap,
            heading=t("audience.heatmap", lang),
        )
    )
    caption = None
    if snapshots:
        dates = ", ".join(format_date(d, lang) for d in snapshots)
        caption = t("audience.snapshot", lang, end=format_date(ctx.end, lang), dates=dates)
    return PageView("audience", t("audience.title", lang), caption, tuple(sections), lang)
