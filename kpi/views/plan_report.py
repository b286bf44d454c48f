"""The report a saved plan asks for: its sections, in its order, about its KPIs and targets.

`plan_report_view` builds the sections as a view (summary, strategy map, objectives and KPIs,
tactics and what they did, best posts, data still missing, next steps); `build_plan_report`
draws it with the report's renderer (`kpi.report.render_report`) as one self-contained HTML
document, like the default report."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd

from kpi.charts.strategy_map import STATUS_WORDS
from kpi.engine import comparison_range
from kpi.i18n import format_date, format_value, t
from kpi.i18n.messages import resolve
from kpi.report import grain_for, period_title
from kpi.scorecard import saved
from kpi.scorecard.evaluate import evaluate
from kpi.scorecard.from_plan import map_from_plan
from kpi.scorecard.plan import SECTION_LABELS, SECTIONS, Plan, targets_for
from kpi.store import SessionData
from kpi.views.common import period_context
from kpi.views.model import Chart, PageView, Section, Table, Text, ViewContext
from kpi.views.report_extras import report_extras
from kpi.views.scorecard import kpi_table, objective_heading, platform_label, scorecard_view


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
    return Text(text, "text"), Table(frame, "plan_summary")


def _tactics(
    ctx: ViewContext, plan: Plan, objectives: list[dict[str, Any]], lang: str
) -> tuple[Any, ...]:
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
            blocks += [objective_heading(ctx, o), Table(pd.DataFrame(rows), f"tactics_{o['id']}")]
    return tuple(blocks)


def _posts(ctx: ViewContext) -> tuple[Any, ...]:
    posts = report_extras(ctx).section("top_posts")
    return posts.blocks if posts is not None else ()


def _needs(objectives: list[dict[str, Any]], lang: str) -> tuple[Any, ...]:
    seen: dict[str, Text] = {}
    for o in objectives:
        for k in o["kpis"]:
            if k["value"] is not None or k["id"] in seen:
                continue
            if k["needs"]:
                text = t("plan_report.need", lang, kpi=k["label"], missing=", ".join(k["needs"]),
                         hint=k["hint"] or "—")  # fmt: skip
            else:
                text = t("plan_report.no_data", lang, kpi=k["label"])
            seen[k["id"]] = Text(text, "text")
    return tuple(seen.values()) or (Text(t("plan_report.no_needs", lang), "text"),)


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
            ), "text"))  # fmt: skip
    return tuple(steps) or (Text(t("plan_report.all_good", lang), "text"),)


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
            blocks = tuple(b for o in ordered for b in (
                objective_heading(ctx, o), Table(kpi_table(o, lang), f"objective_{o['id']}")))  # fmt: skip
        elif name == "tactics":
            blocks = _tactics(ctx, plan, ordered, lang)
        elif name == "top_posts":
            blocks = _posts(ctx)
        elif name == "needs":
            blocks = _needs(ordered, lang)
        else:
            blocks = _next_steps(plan, ordered, lang)
        sections.append(Section(name, _label(name, lang), blocks, heading=_label(name, lang)))
    return PageView("plan_report", t("plan_report.title", lang), None, tuple(sections), lang)


# --- the command line -------------------------------------------------------------------------


def plan_of(workspace: Any) -> Plan | None:
    """The plan the person saved in the workspace, or None (the default report then)."""
    return saved.saved_plan(workspace) if saved.has_plan(workspace) else None


def default_period(plan: Plan | None) -> str:
    """The report period a plan's cadence asks for: last-week for weekly, last-month for monthly."""
    return "last-month" if plan is not None and plan.cadence.frequency == "monthly" else "last-week"


def build_plan_report(
    data: SessionData,
    plan: Plan,
    start: dt.date,
    end: dt.date,
    lang: str | None = None,
    today: dt.date | None = None,
) -> str:
    """The plan's report of [start, end] on a session's data, as one HTML document."""
    lang = resolve(lang)
    from kpi.report import render_report

    ctx = period_context(data, start, end, "previous", grain_for(start, end), lang=lang,
                         gate=data.gate)  # fmt: skip
    c_start, c_end = comparison_range(start, end, "previous")
    meta = [
        t("report.compared", lang, start=format_date(c_start, lang), end=format_date(c_end, lang)),
        t("report.generated", lang, date=format_date(today or dt.date.today(), lang)),
    ]
    return render_report([plan_report_view(ctx, plan)], title=period_title(start, end, lang),
                         meta=meta, lang=lang)  # fmt: skip
