"""Overview: the headline KPI of each family, a trend against the comparison period, and
engagement rate per platform. Its tiles are the report's headline table."""

from __future__ import annotations

from kpi import charts
from kpi.catalog import BY_ID
from kpi.engine import run
from kpi.i18n import format_date, t
from kpi.views.common import label, message, request, targets
from kpi.views.model import Chart, Hook, PageView, Section, Tiles, ViewContext

# The headline KPIs: the Overview's tiles, the report's headline table, the first slide.
HEADLINE = (
    "impressions", "engagement_rate", "followers", "new_followers", "sessions", "social_sessions",
    "leads", "spend", "roas", "bounce_rate", "first_response_time_median", "brand_mentions",
)  # fmt: skip
# The ones every business has data for once its usual exports are loaded.
CORE = (
    "impressions", "engagement_rate", "followers", "new_followers", "sessions", "leads", "spend",
    "roas",
)  # fmt: skip
PER_ROW = 4


def build(ctx: ViewContext) -> PageView:
    lang = ctx.lang
    tiles = run(ctx.con, request(ctx, HEADLINE, whole_range=True, targets=targets(ctx)))
    series = run(ctx.con, request(ctx, HEADLINE, compare=None))
    period = {"start": format_date(ctx.start, lang), "end": format_date(ctx.end, lang)}
    compared = t(f"compare.{ctx.compare or 'none'}", lang).lower()
    sections = [
        Section(
            "tiles",
            t("overview.tiles", lang),
            (
                Hook("targets", show="page"),  # the page's targets form
                Tiles(
                    tiles.rows,
                    series.rows,
                    notes=tuple(tiles.notes),
                    needs=tuple(tiles.needs),
                    compare=ctx.compare is not None,
                    per_row=PER_ROW,
                    present_per_row=6,  # two rows fill a 1280×720 slide
                    needs_title=t("overview.needs_title", lang),
                ),
            ),
            slide_title=t("slides.tiles", lang, **period),
        )
    ]
    if not tiles.rows.empty:
        shown = list(tiles.rows["kpi"])
        kpi = BY_ID["impressions" if "impressions" in shown else shown[0]]
        name = label(kpi.id, lang)
        trend = run(ctx.con, request(ctx, (kpi.id,)))
        chart = charts.trend_with_comparison(
            trend.rows, name, charts.number_format(kpi.format), lang=lang
        )
        sections.append(
            Section(
                "trend",
                t("overview.trend_short", lang),
                (Chart(chart, f"{kpi.id}_trend", (kpi.id,)),),
                heading=t("overview.trend", lang, kpi=name),
                slide_title=t("slides.trend", lang, kpi=name),
            )
        )
        split = run(ctx.con, request(ctx, ("engagement_rate",), ("platform",), whole_range=True))
        if split.needs or split.rows["value"].isna().all():
            blocks: tuple = (message(ctx, "overview.no_platform"),)
        else:
            rate = label("engagement_rate", lang)
            bars = charts.bar_by(split.rows, "platform", rate, percent=True)
            blocks = (Chart(bars, "engagement_rate_by_platform", ("engagement_rate",)),)
        sections.append(
            Section(
                "platforms",
                t("overview.by_platform", lang),
                blocks,
                heading=t("overview.by_platform", lang),
                slide_title=t("slides.by_platform", lang),
            )
        )
    return PageView(
        "overview",
        t("overview.title", lang),
        t("overview.period", lang, **period, compared=compared),
        tuple(sections),
        lang,
    )
