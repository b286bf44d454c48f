"""Engagement: the engagement-family KPIs against the comparison period, engagement rate per
platform over time, new against lost followers, and every KPI by platform."""

from __future__ import annotations

from kpi import charts
from kpi.analytics.audience import by_breakdown_table, follower_flow
from kpi.catalog import BY_ID
from kpi.charts import audience as audience_charts
from kpi.engine import Need, run
from kpi.i18n import format_date, t
from kpi.schema import DATASETS
from kpi.views.common import label, message, request, targets
from kpi.views.model import Block, Chart, PageView, Section, Table, Tiles, ViewContext

KPIS = (
    "impressions", "reach", "engagement", "engagement_rate", "engagement_rate_by_reach",
    "likes", "comments", "shares", "saves", "positive_comments", "negative_comments",
    "followers", "new_followers", "net_new_followers", "follower_growth_rate",
    "profile_visits", "private_messages",
)  # fmt: skip
PER_ROW = 4
SLIDE_COLUMNS = 6  # the engagement KPIs a slide's table has room for


def _needs(ctx: ViewContext, needs: list[Need]) -> tuple[Block, ...]:
    return tuple(
        message(ctx, "engagement.needs", missing=", ".join(n.missing), hint=n.hint) for n in needs
    )


def build(ctx: ViewContext) -> PageView:
    lang = ctx.lang
    tiles = run(ctx.con, request(ctx, KPIS, whole_range=True, targets=targets(ctx)))
    series = run(ctx.con, request(ctx, KPIS, compare=None))
    sections = [
        Section(
            "tiles",
            t("engagement.tiles", lang),
            (
                Tiles(
                    tiles.rows,
                    series.rows,
                    needs=tuple(tiles.needs),
                    compare=ctx.compare is not None,
                    per_row=PER_ROW,
                    needs_title=t("engagement.needs_title", lang),
                    # Without any value the needs are the slide's content, in presenter mode too.
                    needs_show="all" if tiles.rows.empty else "page",
                ),
            ),
            heading=t("engagement.tiles", lang),
        )
    ]
    if tiles.rows.empty:
        return _page(ctx, sections)

    kpi = BY_ID["engagement_rate"]
    split = run(ctx.con, request(ctx, (kpi.id,), ("platform",), compare=None))
    if split.needs:
        trend: tuple[Block, ...] = _needs(ctx, split.needs)
    elif split.rows["value"].isna().all():
        trend = (message(ctx, "engagement.no_trend"),)
    else:
        chart = audience_charts.rate_by_platform(
            split.rows, label(kpi.id, lang), charts.number_format(kpi.format), lang=lang
        )
        trend = (Chart(chart, t("engagement.trend_short", lang), (kpi.id,)),)
    sections.append(
        Section(
            "trend", t("engagement.trend_short", lang), trend, heading=t("engagement.trend", lang)
        )
    )

    flows = run(ctx.con, request(ctx, ("new_followers", "net_new_followers"), compare=None))
    lacking = [n for n in flows.needs if n.kpi == "new_followers"]
    frame = None if lacking else follower_flow(flows.rows)
    if lacking:
        followers: tuple[Block, ...] = _needs(ctx, lacking)
    elif frame is None or frame.empty or not frame["followers"].any():
        followers = (message(ctx, "engagement.no_followers"),)
    else:
        chart = audience_charts.follower_flow(frame, lang=lang)
        followers = (Chart(chart, t("engagement.followers_short", lang), ("new_followers",)),)
        if flows.needs:
            hint = DATASETS["account_daily"].provided_in(lang)
            followers += (message(ctx, "engagement.lost_needs", "caption", "page", hint=hint),)
    sections.append(
        Section(
            "followers",
            t("engagement.followers_short", lang),
            followers,
            heading=t("engagement.followers", lang),
        )
    )

    available = [k for k in KPIS if k not in {n.kpi for n in tiles.needs}]
    split = run(ctx.con, request(ctx, available, ("platform",), whole_range=True))
    table = by_breakdown_table(split.rows, "platform", available)
    if table.empty or len(table.columns) < 2:
        blocks: tuple[Block, ...] = (message(ctx, "engagement.no_table"),)
    else:
        kpis = list(table.columns[1:])
        blocks = (
            Table(
                table,
                "platforms",
                formats={"platform": None} | {k: BY_ID[k].format for k in kpis},
                labels={"platform": t("engagement.platform_col", lang)}
                | {k: label(k, lang) for k in kpis},
                helps={k: BY_ID[k].descriptions.get(lang) or BY_ID[k].description for k in kpis},
                download=t("engagement.table", lang),
                slide_columns=("platform", *kpis[:SLIDE_COLUMNS]),
            ),
        )
    sections.append(
        Section(
            "table", t("engagement.table_short", lang), blocks, heading=t("engagement.table", lang)
        )
    )
    return _page(ctx, sections)


def _page(ctx: ViewContext, sections: list[Section]) -> PageView:
    lang = ctx.lang
    compared = t(f"compare.{ctx.compare or 'none'}", lang).lower()
    caption = t(
        "engagement.period",
        lang,
        start=format_date(ctx.start, lang),
        end=format_date(ctx.end, lang),
        compared=compared,
    )
    return PageView("engagement", t("engagement.title", lang), caption, tuple(sections), lang)
