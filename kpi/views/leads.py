"""Leads & ROI: attribution under every model, the Markov chain, campaign-history roles, social
against other leads and customers, cohort retention, LTV and CAC, lead-score buckets, the value
of the lead cycle, and the growth and lift of a KPI — each part following the shared dates
(journeys converting, leads created, customers acquired in them).

`ctx.options`: `settings` (a `LeadsSettings`; by default what the workspace saved) and `memo`
(`memo(name, build, *args)`: the page keeps each analysis per data and arguments, since it
reruns on every widget change; by default every analysis runs)."""

from __future__ import annotations

from types import SimpleNamespace

from kpi.i18n import format_date, t
from kpi.views.common import message
from kpi.views.leads_base import LeadsParts, period_floor, run_now
from kpi.views.leads_customers import CustomerParts
from kpi.views.leads_journeys import JourneyParts
from kpi.views.leads_settings import LeadsSettings, leads_defaults
from kpi.views.model import Block, PageView, Section, ViewContext

__all__ = ["LeadsParts", "build", "period_floor", "settings_for"]


class _Page(JourneyParts, CustomerParts):
    """Every section builder of the page, on one shared state."""


def settings_for(ctx: ViewContext) -> LeadsSettings:
    """The settings the context carries, else the workspace's (the sample's on the sample)."""
    given = ctx.options.get("settings")
    if isinstance(given, LeadsSettings):
        return given
    data = SimpleNamespace(workspace=ctx.workspace, source="sample" if ctx.sample else "")
    return leads_defaults(data, ctx.start, ctx.end)


def build(ctx: ViewContext) -> PageView:
    """The Leads & ROI page: twelve sections, each following the shared dates."""
    lang = ctx.lang
    parts = _Page(ctx, settings_for(ctx), ctx.options.get("memo") or run_now)
    sections_of = (
        ("models", "leads.models_short", parts.models),
        ("markov", "leads.markov_short", parts.markov),
        ("roles", "leads.roles_short", parts.roles),
        ("groups", "leads.groups_short", parts.control),
        ("groups_chart", "leads.groups_chart_short", parts.differences),
        ("retention", "leads.retention_short", parts.retention),
        ("ltv", "leads.ltv_short", parts.value),
        ("buckets", "leads.buckets_short", parts.buckets),
        ("bucket_results", "leads.bucket_results_short", parts.bucket_results),
        ("stages", "leads.stages_short", parts.cycle),
        ("growth", "leads.growth_short", parts.growth),
        ("lift", "leads.lift_short", parts.lift),
    )
    headings = {
        "models": "leads.models_title", "markov": "leads.markov_title",
        "roles": "leads.roles_title", "groups": "leads.groups_title",
        "groups_chart": "leads.groups_chart_title", "retention": "leads.retention_title",
        "ltv": "leads.ltv_title", "buckets": "leads.buckets_title",
        "bucket_results": "leads.bucket_results_title", "stages": "leads.stages_title",
        "growth": "leads.growth_title", "lift": "leads.lift_title",
    }  # fmt: skip
    groups_above = {"models": "attribution", "groups": "groups", "retention": "customers",
                    "buckets": "scores", "stages": "stages", "growth": "growth"}  # fmt: skip
    sections = []
    for key, title, draw in sections_of:
        # On the scrolling page a group's heading stands above its first part's subheader.
        top: tuple[Block, ...] = ()
        if key in groups_above:
            top = (message(ctx, f"leads.h.{groups_above[key]}", "header", "page"),)
        top += (message(ctx, headings[key], "subheader"),)
        sections.append(Section(key, t(title, lang), (*top, *draw())))
    caption = t("leads.caption", lang, start=format_date(ctx.start, lang),
                end=format_date(ctx.end, lang))  # fmt: skip
    return PageView("leads", t("leads.title", lang), caption, tuple(sections), lang)
