"""The measurement plan as a view: one section per objective (its KPIs, their channels,
targets, who answers for them, and their tactics), then the report's cadence and sections.
The Plan page shows it in presenter mode and as slides."""

from __future__ import annotations

import pandas as pd

from kpi.i18n import format_value, t
from kpi.i18n.messages import resolve
from kpi.scorecard import saved
from kpi.scorecard.editing import kpi_choices
from kpi.scorecard.plan import SECTION_LABELS, Plan, PlanKpi, PlanObjective
from kpi.scorecard.tables import kpi_options
from kpi.views.common import message
from kpi.views.model import PageView, Section, Table, Text, ViewContext
from kpi.views.scorecard import platform_label
from kpi.xmlsafe import xml_safe


def _formats(own: tuple) -> dict[str, str]:
    options = kpi_options()
    formats = dict(zip(options["id"], options["format"], strict=True))
    formats.update({k.id: k.format for k in own})
    return formats


def targets_text(k: PlanKpi, fmt: str, lang: str | None = None) -> str:
    """A KPI's targets as people read them: `95.0% · Facebook 99.0% · 50.0% (2026-09)`."""
    parts = []
    for x in k.targets:
        where = f"{platform_label(x.channel, lang)} " if x.channel else ""
        when = f" ({x.period})" if x.period else ""
        parts.append(f"{where}{format_value(x.value, fmt, lang)}{when}")
    return " · ".join(parts) or "—"


def plan_table(objective: PlanObjective, labels: dict[str, str], lang: str | None = None,
               own: tuple = ()) -> pd.DataFrame:  # fmt: skip
    """One row per KPI of an objective: KPI, its channels, its targets and who answers for it."""
    formats = _formats(own)
    rows = [{
        t("scorecard.col.kpi", lang): labels.get(k.kpi, k.kpi),
        t("plan.channels", lang): ", ".join(platform_label(c, lang) for c in k.channels)
        or platform_label(None, lang),
        t("plan.col.targets", lang): targets_text(k, formats.get(k.kpi, "decimal"), lang),
        t("plan.col.owner", lang): t(f"plan.owner.{k.owner}", lang),
    } for k in objective.kpis]  # fmt: skip
    return pd.DataFrame(rows)


def tactics_texts(
    objective: PlanObjective, labels: dict[str, str], lang: str | None = None
) -> list[Text]:
    """One line per KPI: its tactics (the person's words, shown literally)."""
    return [Text(t("plan.tactics_line", lang, kpi=labels.get(k.kpi, k.kpi),
                   tactics=" · ".join(k.tactics) or t("plan_report.no_tactics", lang)), "text")
            for k in objective.kpis]  # fmt: skip


def cadence_text(plan: Plan, lang: str | None = None) -> str:
    """`Weekly, on Monday at 8:00`: when the plan's report goes out."""
    c = plan.cadence
    if c.frequency == "weekly":
        return t("plan.cadence_weekly", lang, day=t(f"plan.weekday.{c.weekday}", lang), hour=c.hour)
    return t("plan.cadence_monthly", lang, day=c.day_of_month, hour=c.hour)


def section_names(plan: Plan, lang: str | None = None) -> str:
    """The report's sections, by name, in the plan's order."""
    lang = resolve(lang)
    names = [SECTION_LABELS.get(s, {}).get(lang) or SECTION_LABELS.get(s, {}).get("en") or s
             for s in plan.sections]  # fmt: skip
    return ", ".join(names) or "—"


def plan_view(ctx: ViewContext) -> PageView:
    """The plan, read-only: one section per objective, then the report. Not a page of `VIEWS`
    (the Plan page is an editor): the page draws it in presenter mode and as slides."""
    lang = ctx.lang
    plan = saved.saved_plan(ctx.workspace)
    own = ctx.workspace.kpis()
    labels = kpi_choices(own, lang)
    sections = []
    for n, o in enumerate(plan.objectives, start=1):
        heading = message(
            ctx, "plan.objective_heading", "heading", data_values={"objective": o.label(lang)}
        )
        if o.kpis:
            body = [Table(plan_table(o, labels, lang, own), f"plan_{o.id}", rows_on_slide=8),
                    Text(t("plan.col.tactics", lang), "heading"), *tactics_texts(o, labels, lang)]  # fmt: skip
        else:
            body = [Text(t("plan.no_kpis", lang), "info")]
        sections.append(Section(o.id, t("plan.objective_n", lang, n=n), (heading, *body),
                                slide_title=xml_safe(o.label(lang))))  # fmt: skip
    what, setting = t("plan.col.what", lang), t("plan.col.setting", lang)
    report = (
        Table(pd.DataFrame([
            {what: t("plan.report_when_short", lang), setting: cadence_text(plan, lang)},
            {what: t("plan.sections", lang), setting: section_names(plan, lang)},
        ]), "plan_report_settings", formats={setting: "longtext"}),
    )  # fmt: skip
    title = t("plan.report", lang)
    sections.append(Section("report", title, report, heading=title))
    return PageView("plan", t("plan.title", lang), t("plan.intro", lang), tuple(sections), lang)
