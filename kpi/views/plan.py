"""The measurement plan as a view: one section per objective (its KPIs per channel, their
tactics, targets, who answers for them and the exports they need), then the report's cadence
and sections. The Plan page shows it in presenter mode; the plan's report reuses its tables."""

from __future__ import annotations

import pandas as pd

from kpi.i18n import t
from kpi.scorecard import saved
from kpi.scorecard.editing import kpi_choices, needs_by_export
from kpi.scorecard.plan import SECTION_LABELS, Plan, PlanObjective
from kpi.views.common import message
from kpi.views.model import PageView, Section, Table, Text, ViewContext
from kpi.views.scorecard import platform_label


def _target_text(value: float, period: str | None) -> str:
    return f"{value:g}" + (f" ({period})" if period else "")


def plan_table(objective: PlanObjective, labels: dict[str, str], lang: str = "en",
               own: tuple = ()) -> pd.DataFrame:  # fmt: skip
    """One row per KPI × channel of an objective: KPI, channel, tactics, targets, owner and the
    exports it needs."""
    rows = []
    for k in objective.kpis:
        exports = "; ".join(dict.fromkeys(e for _, e in needs_by_export(k.kpi, own) if e))
        for channel in k.channels or [None]:
            targets = [_target_text(x.value, x.period) for x in k.targets
                       if x.channel in (None, channel)]  # fmt: skip
            rows.append({
                t("scorecard.col.kpi", lang): labels.get(k.kpi, k.kpi),
                t("scorecard.col.channel", lang): platform_label(channel, lang),
                t("plan.col.tactics", lang): " · ".join(k.tactics),
                t("plan.col.targets", lang): ", ".join(targets) or "—",
                t("plan.col.owner", lang): t(f"plan.owner.{k.owner}", lang),
                t("plan.col.exports", lang): exports,
            })  # fmt: skip
    return pd.DataFrame(rows)


def cadence_text(plan: Plan, lang: str = "en") -> str:
    """`Weekly, on Monday at 8:00`: when the plan's report goes out."""
    c = plan.cadence
    if c.frequency == "weekly":
        return t("plan.cadence_weekly", lang, day=t(f"plan.weekday.{c.weekday}", lang), hour=c.hour)
    return t("plan.cadence_monthly", lang, day=c.day_of_month, hour=c.hour)


def section_names(plan: Plan, lang: str = "en") -> str:
    """The report's sections, by name, in the plan's order."""
    names = [SECTION_LABELS.get(s, {}).get(lang) or SECTION_LABELS.get(s, {}).get("en") or s
             for s in plan.sections]  # fmt: skip
    return ", ".join(names) or "—"


def plan_view(ctx: ViewContext) -> PageView:
    """The plan, read-only: one section per objective, then the report."""
    lang = ctx.lang
    plan = saved.saved_plan(ctx.workspace)
    own = ctx.workspace.kpis()
    labels = kpi_choices(own, lang)
    sections = []
    for n, o in enumerate(plan.objectives, start=1):
        heading = message(
            ctx, "plan.objective_heading", "heading", data_values={"objective": o.label(lang)}
        )
        body = (
            Table(plan_table(o, labels, lang, own), f"plan_{o.id}", rows_on_slide=8)
            if o.kpis
            else Text(t("plan.no_kpis", lang), "info")
        )
        sections.append(Section(o.id, t("plan.objective_n", lang, n=n), (heading, body)))
    report = (
        Text(t("plan.report_when", lang, when=cadence_text(plan, lang)), "text"),
        Text(t("plan.report_sections", lang, sections=section_names(plan, lang)), "text"),
    )
    title = t("plan.report", lang)
    sections.append(Section("report", title, report, heading=title))
    return PageView("plan", t("plan.title", lang), t("plan.intro", lang), tuple(sections), lang)
