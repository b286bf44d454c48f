"""Traffic & conversions: website KPI tiles, sessions from social against other channels,
branded search, and the funnel from post impressions to new customers."""

from __future__ import annotations

from kpi.analytics import traffic as analytics
from kpi.charts import content as content_charts
from kpi.engine import run
from kpi.i18n import format_date, format_value, t
from kpi.views.common import message, request, targets
from kpi.views.model import Block, Chart, Hook, Needs, PageView, Section, Tiles, ViewContext

TILES = (
    "sessions", "social_sessions", "social_session_share", "time_on_site", "bounce_rate",
    "adjusted_bounce_rate", "pages_per_session",
)  # fmt: skip
SAMPLE_BRAND_TERMS = ("cafe aurora",)  # the sample business, Café Aurora
PER_ROW = 4
MEASURES = ("clicks", "impressions")


def brand_terms(ctx: ViewContext) -> list[str]:
    """The brand terms saved in the workspace, else the sample business's on the sample data."""
    saved = ctx.workspace.other.get("brand_terms")
    default = SAMPLE_BRAND_TERMS if ctx.sample else ()
    return analytics.parse_terms(saved if isinstance(saved, list) else default)


def build(ctx: ViewContext) -> PageView:
    """`ctx.options["measure"]`: clicks or impressions for the branded-search chart."""
    lang = ctx.lang
    tiles = run(ctx.con, request(ctx, TILES, whole_range=True, targets=targets(ctx)))
    series = run(ctx.con, request(ctx, TILES, compare=None))
    sections = [
        Section(
            "tiles",
            t("traffic.tiles", lang),
            (
                Tiles(
                    tiles.rows,
                    series.rows,
                    needs=tuple(tiles.needs),
                    compare=ctx.compare is not None,
                    per_row=PER_ROW,
                    needs_title=t("traffic.needs_title", lang),
                    needs_show="all",
                ),
            ),
        )
    ]

    gap = analytics.social_sessions_missing(ctx.con)
    if gap:
        channels: tuple[Block, ...] = (Needs(gap.fields, gap.hint),)
    else:
        channels = ()
        ignored = analytics.where(ctx.con, "web_traffic", "date", ctx.start, ctx.end, ctx.filters)[
            2
        ]
        if ignored:
            fields = ", ".join(ignored)
            channels += (message(ctx, "content.filters_ignored", "caption", "page", fields=fields),)
        split = analytics.social_sessions(ctx.con, ctx.start, ctx.end, ctx.grain, ctx.filters)
        if not split["sessions"].sum():
            channels += (message(ctx, "traffic.no_sessions"),)
        else:
            labels = {key: t(f"traffic.channel.{key}", lang) for key in ("social", "other")}
            chart = content_charts.stacked_periods(
                split, "channel", "sessions", t("traffic.sessions_axis", lang), labels, lang=lang
            )
            channels += (Chart(chart, "sessions_social_vs_other", ("sessions", "social_sessions")),)
    sections.append(
        Section(
            "channels",
            t("traffic.channels_section", lang),
            channels,
            heading=t("traffic.channels_title", lang),
        )
    )

    gap = analytics.branded_search_missing(ctx.con)
    terms = brand_terms(ctx)
    measure = ctx.options.get("measure") or "clicks"
    if gap:
        search: tuple[Block, ...] = (Needs(gap.fields, gap.hint),)
    else:
        search = (Hook("search_controls", show="page"),)
        split = (
            analytics.branded_search(ctx.con, ctx.start, ctx.end, terms, ctx.grain)
            if terms
            else None
        )
        if split is None:
            search += (message(ctx, "traffic.no_terms"),)
        elif not split["clicks"].sum() and not split["impressions"].sum():
            search += (message(ctx, "traffic.no_search"),)
        else:
            clicks = analytics.branded_share(split, "clicks")
            impressions = analytics.branded_share(split, "impressions")
            name = t(f"traffic.measure.{measure}", lang)
            labels = {key: t(f"traffic.kind.{key}", lang) for key in ("branded", "other")}
            chart = content_charts.stacked_periods(split, "kind", measure, name, labels, lang=lang)
            search += (
                message(
                    ctx,
                    "traffic.branded_share",
                    "caption",
                    clicks="—" if clicks is None else format_value(clicks, "percent", lang),
                    impressions=(
                        "—" if impressions is None else format_value(impressions, "percent", lang)
                    ),
                ),
                Chart(
                    chart,
                    f"branded_search_{measure}",
                    heading=t("traffic.search_title", lang, measure=name.lower()),
                ),
            )
    sections.append(
        Section(
            "search",
            t("traffic.search_section", lang),
            search,
            heading=t("traffic.search_section", lang),
        )
    )

    result = analytics.funnel(ctx.con, ctx.start, ctx.end, ctx.filters)
    if result.rows.empty:
        funnel: tuple[Block, ...] = (message(ctx, "traffic.no_funnel"),)
    else:
        rows = result.rows.assign(
            label=[t(f"traffic.step.{step}", lang) for step in result.rows["step"]]
        )
        funnel = (
            Chart(content_charts.funnel_bars(rows, lang=lang), "funnel"),
            message(ctx, "traffic.funnel_note", "caption", "page"),
        )
    for step, missing in result.missing.items():
        funnel += (
            message(
                ctx,
                "traffic.funnel_needs",
                show="page",
                step=t(f"traffic.step.{step}", lang),
                missing=", ".join(missing.fields),
                hint=missing.hint,
            ),
        )
    for step, fields in result.unfiltered.items():
        funnel += (
            message(
                ctx,
                "traffic.funnel_unfiltered",
                "caption",
                "page",
                step=t(f"traffic.step.{step}", lang),
                fields=", ".join(fields),
            ),
        )
    sections.append(
        Section(
            "funnel",
            t("traffic.funnel_section", lang),
            funnel,
            heading=t("traffic.funnel_title", lang),
        )
    )
    caption = t("content.period", lang, start=format_date(ctx.start, lang),
                end=format_date(ctx.end, lang))  # fmt: skip
    return PageView("traffic", t("traffic.title", lang), caption, tuple(sections), lang)
