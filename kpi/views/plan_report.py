"""The report a saved plan asks for: its sections, in its order, about its KPIs and targets.

`plan_report_view` builds the sections as a view (summary, strategy map, objectives and KPIs,
tactics and what they did, best posts, data still missing, next steps); `plan_report_html`
draws it as one self-contained HTML document, as `kpi.report.build_report` does for the
default report (the same CSS, charts as inline SVG, every text escaped)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kpi.charts.strategy_map import STATUS_WORDS
from kpi.engine import comparison_range
from kpi.i18n import format_date, format_value, t
from kpi.report import period_title, top_posts
from kpi.scorecard import saved
from kpi.scorecard.evaluate import evaluate
from kpi.scorecard.from_plan import map_from_plan
from kpi.scorecard.plan import SECTION_LABELS, SECTIONS, Plan, targets_for
from kpi.store import SessionData
from kpi.views.model import Chart, Needs, PageView, Section, Table, Text, ViewContext
from kpi.views.scorecard import kpi_table, platform_label, scorecard_view


def evaluate_plan(ctx: ViewContext, plan: Plan) -> dict[str, Any]:
    """The plan's objectives and KPIs (per channel) with live values against the targets that
    cover the context's range: a period's target beats an any-period one, a channel's beats
    the plan-wide one, and the workspace's own targets come last (see `saved.targets`)."""
    card = map_from_plan(plan)
    for o in card.objectives:
        for ref in o.kpis:
            ref.target = None  # the range's targets decide, not the any-period ones only
    ws = ctx.workspace
    targets = {**targets_for(plan, ctx.start, ctx.end), **ws.targets}
    return evaluate(ctx.con, card, ctx.start, ctx.end, targets, ctx.lang, saved.settings(ws),
                    ws.kpis(), ctx.options.get("gate"))  # fmt: skip


def _objectives(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [o for p in doc["perspectives"] for o in p["objectives"]]


def _label(section: str, lang: str) -> str:
    labels = SECTION_LABELS.get(section, {})
    return labels.get(lang) or labels.get("en") or section


def _summary(objectives: list[dict[str, Any]], lang: str) -> tuple[Any, ...]:
    counts = Counter(k["status"] for o in objectives for k in o["kpis"])
    total = sum(counts.values())
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    text = t("plan_report.summary", lang, good=counts["good"], total=total,
             warning=counts["warning"], bad=counts["bad"], none=counts["none"])  # fmt: skip
    frame = pd.DataFrame([{
        t("plan_report.col.objective", lang): o["label"],
        t("scorecard.col.status", lang): words.get(o["status"], o["status"]),
        t("plan_report.col.on_target", lang): f"{sum(k['status'] == 'good' for k in o['kpis'])}"
        f" / {len(o['kpis'])}",
    } for o in objectives])  # fmt: skip
    return Text(text), Table(frame, "plan_summary")


def _tactics(plan: Plan, objectives: list[dict[str, Any]], lang: str) -> tuple[Any, ...]:
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    blocks: list[Any] = []
    for plan_o, o in zip(plan.objectives, objectives, strict=True):
        tactics = {k.kpi: k.tactics for k in plan_o.kpis}
        rows = [{
            t("scorecard.col.kpi", lang): k["label"],
            t("scorecard.col.channel", lang): platform_label(k["channel"], lang),
            t("plan.col.tactics", lang): " · ".join(tactics.get(k["id"], [])) or "—",
            t("scorecard.col.value", lang): format_value(k["value"], k["format"], lang),
            t("scorecard.col.status", lang): words.get(k["status"], k["status"]),
        } for k in o["kpis"]]  # fmt: skip
        if rows:
            blocks.append(Table(pd.DataFrame(rows), f"tactics_{o['id']}", caption=o["label"]))
    return tuple(blocks)


def _posts(ctx: ViewContext) -> tuple[Any, ...]:
    posts = top_posts(ctx.con, ctx.start, ctx.end)
    if posts.empty:
        return (Text(t("report.no_posts", ctx.lang)),)
    lang = ctx.lang
    frame = pd.DataFrame({
        t("report.post", lang): [str(x or "")[:180] for x in posts["text"]],
        t("report.platform", lang): [platform_label(p, lang) if isinstance(p, str) else ""
                                     for p in posts["platform"]],
        t("report.date", lang): [format_date(pd.Timestamp(d).date(), lang) for d in posts["day"]],
        t("report.impressions", lang): [format_value(v, "count", lang) for v in posts["impressions"]],
        t("report.engagements", lang): [format_value(v, "count", lang) for v in posts["engagements"]],
        t("report.engagement_rate", lang): [format_value(None if pd.isna(v) else float(v), "percent", lang)
                                            for v in posts["engagement_rate"]],
    })  # fmt: skip
    return (Table(frame, "top_posts"),)


def _needs(objectives: list[dict[str, Any]], lang: str) -> tuple[Any, ...]:
    seen: dict[str, Needs] = {}
    for o in objectives:
        for k in o["kpis"]:
            if k["value"] is None and k["id"] not in seen:
                fields = tuple(k["needs"]) or (k["label"],)
                seen[k["id"]] = Needs(fields, t("plan_report.need", lang, kpi=k["label"],
                                                hint=k["hint"] or "—"))  # fmt: skip
    return tuple(seen.values()) or (Text(t("plan_report.no_needs", lang)),)


def _next_steps(plan: Plan, objectives: list[dict[str, Any]], lang: str) -> tuple[Any, ...]:
    tactics = {k.kpi: k.tactics for o in plan.objectives for k in o.kpis}
    steps = []
    for o in objectives:
        for k in o["kpis"]:
            if k["status"] not in ("bad", "warning"):
                continue
            steps.append(Text(t(
                f"plan_report.step_{k['status']}", lang, kpi=k["label"],
                channel=platform_label(k["channel"], lang),
                value=format_value(k["value"], k["format"], lang),
                target=format_value(k["target"], k["format"], lang),
                tactics=" · ".join(tactics.get(k["id"], [])) or t("plan_report.no_tactics", lang),
            )))  # fmt: skip
    return tuple(steps) or (Text(t("plan_report.all_good", lang)),)


def plan_report_view(ctx: ViewContext, plan: Plan) -> PageView:
    """The plan's report sections, in the plan's order (unknown section names are skipped)."""
    lang = ctx.lang
    doc = evaluate_plan(ctx, plan)
    objectives = _objectives(doc)
    by_id = {o["id"]: o for o in objectives}
    ordered = [by_id[o.id] for o in plan.objectives if o.id in by_id]
    sections = []
    for name in (s for s in plan.sections if s in SECTIONS):
        if name == "summary":
            blocks = _summary(ordered, lang)
        elif name == "scorecard":
            card = scorecard_view(dataclasses.replace(ctx, sample=False))
            blocks = tuple(b for b in card.sections[0].blocks if isinstance(b, Chart))
        elif name == "objectives":
            blocks = tuple(Table(kpi_table(o, lang), f"objective_{o['id']}", caption=o["label"])
                           for o in ordered)  # fmt: skip
        elif name == "tactics":
            blocks = _tactics(plan, ordered, lang)
        elif name == "top_posts":
            blocks = _posts(ctx)
        elif name == "needs":
            blocks = _needs(ordered, lang)
        else:
            blocks = _next_steps(plan, ordered, lang)
        sections.append(Section(name, _label(name, lang), blocks))
    return PageView("plan_report", period_title(ctx.start, ctx.end, lang), None, tuple(sections))


# --- HTML -------------------------------------------------------------------------------------
# Until the shared report renderer (`render_report` of the views work) is merged: the blocks
# this view uses, drawn the way kpi/report.py draws its own.


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table_html(table: Table) -> str:
    frame = table.frame
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    caption = f"<h3>{_e(table.caption)}</h3>" if table.caption else ""
    return f"{caption}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block_html(block: object, n: int) -> str:
    from kpi import charts
    from kpi.report import inline_svg

    if isinstance(block, Chart):
        svg = inline_svg(charts.styled(block.spec), f"p{n}")
        caption = block.caption or block.name
        svg = svg.replace("<svg", f'<svg role="img" aria-label="{_e(caption)}"', 1)
        return f'<figure>{svg}<figcaption class="hint">{_e(caption)}</figcaption></figure>'
    if isinstance(block, Table):
        return _table_html(block)
    if isinstance(block, Needs):
        return f'<ul class="needs"><li>{_e(block.hint)}</li></ul>'
    if isinstance(block, Text):
        return f"<p>{_e(block.text)}</p>"
    return ""


def plan_report_html(
    ctx: ViewContext, plan: Plan, meta: Sequence[str] = (), today: dt.date | None = None
) -> str:
    """The plan's report as one self-contained HTML document: no script, nothing loaded."""
    from kpi.report import _CSS

    view = plan_report_view(ctx, plan)
    lang = ctx.lang
    c_start, c_end = comparison_range(ctx.start, ctx.end, "previous")
    lines = [
        t("report.compared", lang, start=format_date(c_start, lang), end=format_date(c_end, lang)),
        t("report.generated", lang, date=format_date(today or dt.date.today(), lang)),
        *meta,
    ]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(view.title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(view.title)}</h1>",
        *(f'<p class="meta">{_e(line)}</p>' for line in lines),
        "</header>",
    ]
    n = 0
    for section in view.sections:
        out.append(f'<section id="{_e(section.id)}"><h2>{_e(section.title)}</h2>')
        for block in section.blocks:
            n += 1
            out.append(_block_html(block, n))
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)


# --- the command line -------------------------------------------------------------------------


def plan_of(workspace: Any) -> Plan | None:
    """The plan the person saved in the workspace, or None (the default report then)."""
    return saved.saved_plan(workspace) if saved.has_plan(workspace) else None


def default_period(plan: Plan | None) -> str:
    """The report period a plan's cadence asks for: last-week for weekly, last-month for monthly."""
    return "last-month" if plan is not None and plan.cadence.frequency == "monthly" else "last-week"


def build_plan_report(
    data: SessionData, plan: Plan, start: dt.date, end: dt.date, lang: str = "en"
) -> str:
    """The plan's report of [start, end] on a session's data (see `plan_report_html`)."""
    ctx = ViewContext(data.con, data.workspace, start, end, lang=lang, options={"gate": data.gate})
    return plan_report_html(ctx, plan)
