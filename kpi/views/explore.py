"""Explore's result: the chosen measure per period (or per breakdown value, the top ones), and
its table. The pickers, the formula KPIs and the SQL tab stay on the page (app_pages/explore.py);
the page passes what the person chose in `ctx.options`."""

from __future__ import annotations

from kpi import charts
from kpi.catalog import BY_ID, Kpi
from kpi.charts import paid as explore_charts
from kpi.engine import Result, run
from kpi.i18n import CATALOGS, t
from kpi.views.common import message, request
from kpi.views.model import Block, Chart, PageView, Section, Table, Text, ViewContext

TOP = 10
DEFAULT_KPI = "impressions"


def _field_label(name: str, lang: str) -> str:
    key = f"explore.field.{name}"
    return t(key, lang) if key in CATALOGS["en"] else name


def compute(ctx: ViewContext, kpi: Kpi, by: str = "", extra: tuple[Kpi, ...] = ()) -> Result:
    """The measure per period, or per period for the top `TOP` values of `by`."""
    if not by:
        return run(ctx.con, request(ctx, (kpi.id,), extra=extra))
    totals = run(
        ctx.con, request(ctx, (kpi.id,), by=(by,), whole_range=True, compare=None, extra=extra)
    )
    if totals.needs:
        return totals
    top = explore_charts.top_values(totals.rows, by, TOP)
    filters = {**ctx.filters, by: tuple(top)} if top else dict(ctx.filters)
    return run(
        ctx.con, request(ctx, (kpi.id,), by=(by,), compare=None, filters=filters, extra=extra)
    )


def build(ctx: ViewContext) -> PageView:
    """`ctx.options`: `kpi` (a catalog id or a `Kpi`, by default impressions), `by` (a field or
    ""), `extra` (formula KPIs the engine needs), `result` (the page's own run; computed when
    absent, None when the run failed and the page said why)."""
    lang = ctx.lang
    kpi = ctx.options.get("kpi") or DEFAULT_KPI
    kpi = BY_ID[kpi] if isinstance(kpi, str) else kpi
    by = ctx.options.get("by") or ""
    if "result" in ctx.options:
        result = ctx.options["result"]
    else:
        result = compute(ctx, kpi, by, tuple(ctx.options.get("extra") or ()))
    title = t("explore.title", lang)
    if result is None:
        return PageView("explore", title, None, (), lang)
    name = kpi.labels.get(lang) or kpi.label
    chart_section: tuple[Block, ...]
    heading: str | None = None
    ready = not result.needs and result.rows["value"].notna().any()
    if result.needs:
        keys = {"breakdown": "explore.needs_breakdown", "currency": "explore.needs_currency"}
        chart_section = tuple(
            message(
                ctx,
                keys.get(need.reason, "explore.needs"),
                data_values={
                    "kpi": name,
                    "missing": ", ".join(need.missing),
                    "fields": ", ".join(_field_label(f, lang) for f in need.missing),
                    "hint": need.hint,
                },
            )
            for need in result.needs
        )
    elif not ready:
        chart_section = (message(ctx, "explore.no_values", data_values={"kpi": name}),)
    else:
        fmt = charts.number_format(kpi.format)
        if by:
            heading = t(
                "explore.chart_title_by", lang, kpi=name, field=t(f"explore.field.{by}", lang)
            )
            chart = explore_charts.lines_by(result.rows, by, name, fmt, lang=lang)
        else:
            heading = t("explore.chart_title", lang, kpi=name)
            chart = charts.trend_with_comparison(result.rows, name, fmt, lang=lang)
        chart_section = (Text(heading, "subheader"),)
        if by:
            field = t(f"explore.field.{by}", lang).lower()
            chart_section += (
                message(
                    ctx,
                    "explore.top_note",
                    "caption",
                    data_values={"n": TOP, "field": field, "kpi": name},
                ),
            )
        chart_section += (Chart(chart, t("explore.chart_name", lang, kpi=kpi.id), (kpi.id,)),)
    sections = [
        Section(
            "chart",
            t("explore.chart", lang),
            chart_section,
            slide_title=heading,
        )
    ]
    if ready:
        table = explore_charts.series_table(result.rows, (by,) if by else (), name, lang=lang)
        formats = {name: kpi.format, t("chart.previous", lang): kpi.format,
                   t("explore.change_pct", lang): "percent"}  # fmt: skip
        sections.append(
            Section(
                "table",
                t("explore.table", lang),
                (
                    Table(
                        table,
                        "explore",
                        formats={c: formats.get(c) for c in table.columns},
                        download=t("explore.table_name", lang, kpi=kpi.id),
                        grid_formats=False,
                    ),
                ),
                heading=t("explore.table", lang),
            )
        )
    return PageView("explore", title, None, tuple(sections), lang)
