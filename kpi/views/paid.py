"""Paid: what the ads cost and return — cost per result tiles against the comparison period,
spend and ROAS per period, and every campaign side by side."""

from __future__ import annotations

from kpi.charts import paid as paid_charts
from kpi.custom import custom_kpi
from kpi.engine import run
from kpi.errors import KpiError
from kpi.i18n import format_date, t
from kpi.views.common import label, message, request, targets
from kpi.views.model import Block, Chart, PageView, Section, Table, Text, Tiles, ViewContext

CORE = (
    "spend", "cpm", "cost_per_click", "cost_per_lead", "cost_per_follower",
    "cost_per_add_to_cart", "cost_per_sale", "roas", "roi",
)  # fmt: skip
WHEN_PRESENT = ("cac", "ltv", "ltv_cac")  # shown only when the data allows them
# Ad volumes the catalog has no KPI for (its impressions and leads come from posts and the CRM).
AD_VOLUMES = ("impressions", "clicks", "leads", "purchases")
PER_ROW = 4
SLIDE_COLUMNS = ("spend", "ad_clicks", "ad_leads", "cost_per_lead", "roas")


def volumes(lang: str | None = None) -> tuple:
    """The ad volumes as formula KPIs over the ads export."""
    return tuple(
        custom_kpi(f"ad_{m}", t(f"paid.col.{m}", lang), "ads", f"sum({m})", format="count")
        for m in AD_VOLUMES
    )


def campaign_columns(lang: str | None = None) -> dict[str, str]:
    """The campaign table's KPIs and volumes → their column titles."""
    return {
        "spend": label("spend", lang),
        **{f"ad_{m}": t(f"paid.col.{m}", lang) for m in AD_VOLUMES},
        "cost_per_lead": label("cost_per_lead", lang),
        "roas": label("roas", lang),
        "roi": label("roi", lang),
    }


def build(ctx: ViewContext) -> PageView:
    lang = ctx.lang
    compared = t(f"compare.{ctx.compare or 'none'}", lang).lower()
    caption = t("paid.caption", lang, start=format_date(ctx.start, lang),
                end=format_date(ctx.end, lang), compared=compared)  # fmt: skip
    title = t("paid.tiles", lang)
    try:
        kpis = CORE + WHEN_PRESENT
        tiles = run(ctx.con, request(ctx, kpis, whole_range=True, targets=targets(ctx)))
        series = run(ctx.con, request(ctx, CORE, compare=None))
    except KpiError as exc:
        error = (Text(exc.user_message, "error"),)
        return PageView(
            "paid", t("paid.title", lang), caption, (Section("tiles", title, error),), lang
        )
    rows = tiles.rows[
        tiles.rows["kpi"].isin(CORE)
        | (tiles.rows["kpi"].isin(WHEN_PRESENT) & tiles.rows["value"].notna())
    ].reset_index(drop=True)
    shown = set(rows["kpi"])
    has_spend = "spend" in set(tiles.rows["kpi"])
    blocks: tuple[Block, ...] = (
        Tiles(
            rows,
            series.rows,
            notes=tuple(n for n in tiles.notes if n.kpi in shown),
            needs=tuple(n for n in tiles.needs if n.kpi in CORE),
            compare=ctx.compare is not None,
            per_row=PER_ROW,
            needs_title=t("paid.needs_title", lang),
        ),
    )
    if not has_spend:
        blocks += (message(ctx, "paid.no_ads"),)
    sections = [Section("tiles", title, blocks)]
    if has_spend:
        chart = paid_charts.spend_and_roas(
            series.rows, label("spend", lang), label("roas", lang), lang=lang
        )
        sections.append(
            Section(
                "trend",
                t("paid.trend_short", lang),
                (Chart(chart, t("paid.chart_trend_name", lang), ("spend", "roas")),),
                heading=t("paid.trend", lang),
            )
        )
        sections.append(
            Section(
                "campaigns",
                t("paid.campaigns", lang),
                _campaigns(ctx),
                heading=t("paid.campaigns", lang),
            )
        )
    return PageView("paid", t("paid.title", lang), caption, tuple(sections), lang)


def _campaigns(ctx: ViewContext) -> tuple[Block, ...]:
    lang = ctx.lang
    names = campaign_columns(lang)
    try:
        split = run(
            ctx.con,
            request(
                ctx,
                tuple(names),
                by=("campaign",),
                whole_range=True,
                compare=None,
                extra=volumes(lang),
            ),
        )
    except KpiError as exc:
        return (Text(exc.user_message, "error"),)
    if "spend" not in set(split.rows["kpi"]) or split.rows.empty:
        return (message(ctx, "paid.no_campaigns"),)
    table = paid_charts.wide_table(split.rows, "campaign", names, sort_by="spend", lang=lang)
    kinds = {"spend": "currency", "cost_per_lead": "currency", "roas": "ratio", "roi": "percent"}
    formats: dict[str, str | None] = {table.columns[0]: None}
    formats |= {names[k]: kinds.get(k, "int") for k in names if names[k] in table.columns}
    roas = split.rows[split.rows["kpi"] == "roas"]
    chart = paid_charts.bar_values(roas, "campaign", label("roas", lang), lang=lang)
    return (
        message(ctx, "paid.campaigns_caption", "caption"),
        Table(
            table,
            "campaigns",
            formats=formats,
            download=t("paid.table_name", lang),
            slide_columns=(table.columns[0], *(names[k] for k in SLIDE_COLUMNS)),
            slide_rows=8,
        ),
        message(ctx, "paid.roas_by_campaign", "subheader"),
        Chart(
            chart,
            t("paid.chart_roas_name", lang),
            ("roas",),
            caption=t("paid.roas_by_campaign", lang),
            slide_width=480,
        ),
    )
