"""The Scorecard page as a view: the strategy map with live statuses, then one section per
perspective with, for each objective, its lagging and leading KPIs (value, change, target,
status) as a table.

The map and its targets are the workspace's (`kpi.scorecard.saved`); on the bundled sample,
while the person has saved neither a plan nor a map, the sample business's targets apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from kpi.charts.strategy_map import STATUS_WORDS, strategy_map_chart
from kpi.i18n import format_change, format_date, format_value, t
from kpi.i18n.messages import resolve
from kpi.i18n.names import display_name
from kpi.scorecard import saved
from kpi.scorecard.evaluate import evaluate
from kpi.scorecard.model import PERSPECTIVE_LABELS
from kpi.scorecard.sample import sample_targets
from kpi.views.common import message
from kpi.views.model import Chart, Needs, PageView, Section, Table, Text, ViewContext
from kpi.xmlsafe import xml_safe

MAP_SECTION = "map"


def platform_label(channel: str | None, lang: str | None = None) -> str:
    """A channel as people write it (`kpi.i18n.names`: Instagram, LinkedIn, Organic Social),
    every channel when there is none."""
    if not channel:
        return t("scorecard.all_channels", lang)
    return display_name(channel, lang)


def uses_sample_targets(ctx: ViewContext) -> bool:
    """Whether the sample business's targets apply: the sample is shown and the person has saved
    no plan or map of their own."""
    ws = ctx.workspace
    return ctx.sample and not saved.has_plan(ws) and saved.MAP_KEY not in ws.other


def map_targets(ctx: ViewContext) -> dict[str, float]:
    """The targets the map is scored against for the context's range."""
    own = saved.targets(ctx.workspace, ctx.start, ctx.end)
    return {**sample_targets(), **own} if uses_sample_targets(ctx) else own


def evaluated(ctx: ViewContext) -> dict[str, Any]:
    """The workspace's map with live values for the context's range (see `evaluate`)."""
    ws = ctx.workspace
    return evaluate(ctx.con, saved.saved_map(ws), ctx.start, ctx.end, map_targets(ctx), ctx.lang,
                    saved.settings(ws), ws.kpis(), ctx.options.get("gate"))  # fmt: skip


def _change(kpi: Mapping[str, Any], lang: str) -> str:
    value, previous = kpi.get("value"), kpi.get("previous")
    if value is None or previous is None:
        return "—"
    if kpi.get("format") == "percent":
        change = value - previous
    elif previous == 0:
        return "—"
    else:
        change = (value - previous) / abs(previous)
    return format_change(change, kpi.get("format") or "decimal", lang) or "—"


def kpi_table(objective: Mapping[str, Any], lang: str | None = None) -> pd.DataFrame:
    """One row per KPI of an evaluated objective, lagging first: KPI, role, channel, value,
    change against the period before, target, status (all as people read them)."""
    lang = resolve(lang)
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    rows = []
    ordered = sorted(objective["kpis"], key=lambda k: k["role"] != "lagging")
    for k in ordered:
        fmt = k.get("format") or "decimal"
        rows.append({
            t("scorecard.col.kpi", lang): k.get("label", k["id"]),
            t("scorecard.col.role", lang): t(f"scorecard.role.{k['role']}", lang),
            t("scorecard.col.channel", lang): platform_label(k.get("channel"), lang),
            t("scorecard.col.value", lang): format_value(k["value"], fmt, lang),
            t("scorecard.col.change", lang): _change(k, lang),
            t("scorecard.col.target", lang): "—" if k["target"] is None
            else format_value(k["target"], fmt, lang),
            t("scorecard.col.status", lang): words.get(k["status"], k["status"]),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _needs(ctx: ViewContext, objective: Mapping[str, Any]) -> list[Needs | Text]:
    out: list[Needs | Text] = []
    for k in objective["kpis"]:
        if k.get("needs"):
            out.append(Needs(tuple(k["needs"]), k.get("hint") or ""))
        elif k["value"] is None and k.get("hint"):
            out.append(message(ctx, "scorecard.kpi_hint", "caption",
                               data_values={"kpi": k.get("label", k["id"]), "hint": k["hint"]}))  # fmt: skip
    return out


def objective_heading(ctx: ViewContext, objective: Mapping[str, Any]) -> Text:
    """`Objective — ✔ on target` as a heading block (the objective's name is the person's)."""
    words = STATUS_WORDS.get(ctx.lang, STATUS_WORDS["en"])
    return message(ctx, "scorecard.objective_caption", "heading",
                   data_values={"objective": objective["label"]},
                   status=words.get(objective["status"], objective["status"]))  # fmt: skip


def perspective_title(perspective: str, lang: str | None = None) -> str:
    """A perspective's name in the app's own words (a section heading is never the file's)."""
    lang = resolve(lang)
    labels = PERSPECTIVE_LABELS.get(perspective, {})
    return labels.get(lang) or labels.get("en") or perspective


def scorecard_view(ctx: ViewContext) -> PageView:
    """The Scorecard page: the map, then one section per perspective (in presenter mode and
    on slides, one per objective, so each table is read at presenter size)."""
    lang = ctx.lang
    doc = evaluated(ctx)
    ids = tuple(dict.fromkeys(k["id"] for p in doc["perspectives"]
                              for o in p["objectives"] for k in o["kpis"]))  # fmt: skip
    height = 620 if ctx.present else 720  # a presenter screen keeps room for the legend
    blocks: list[Any] = [
        Chart(
            strategy_map_chart(doc, height=height, lang=lang),
            "strategy_map",
            ids,
            t("scorecard.map_caption", lang),
        )
    ]
    blocks.append(Text(t("scorecard.map_caption", lang), "caption", show="page"))
    if uses_sample_targets(ctx):
        blocks.append(Text(t("scorecard.sample_targets", lang), "info", show="page"))
    title = t("scorecard.map", lang)
    # On a presenter screen the position line names the map: its height goes to the diagram.
    heading = None if ctx.present else title
    sections = [Section(MAP_SECTION, title, tuple(blocks), heading=heading)]
    for p in doc["perspectives"]:
        name = perspective_title(p["id"], lang)
        per_objective = [(o, (objective_heading(ctx, o),
                              Table(kpi_table(o, lang), f"scorecard_{o['id']}", rows_on_slide=6),
                              *_needs(ctx, o))) for o in p["objectives"]]  # fmt: skip
        if not per_objective:
            none = (Text(t("scorecard.no_objectives", lang), "info"),)
            sections.append(Section(p["id"], name, none, heading=name))
        elif ctx.present:  # a screen holds one objective's table at presenter size
            for n, (o, blocks_of) in enumerate(per_objective, start=1):
                title = t("scorecard.slide_title", lang, perspective=name, n=n,
                          total=len(per_objective))  # fmt: skip
                slide = xml_safe(f"{name}: {o['label']}")  # a PDF slide's title is drawn as text
                sections.append(Section(f"{p['id']}.{o['id']}", title, blocks_of, heading=name,
                                        slide_title=slide))  # fmt: skip
        else:
            joined = tuple(b for _, blocks_of in per_objective for b in blocks_of)
            sections.append(Section(p["id"], name, joined, heading=name))
    caption = t("scorecard.period", lang, start=format_date(ctx.start, lang),
                end=format_date(ctx.end, lang))  # fmt: skip
    return PageView("scorecard", t("scorecard.title", lang), caption, tuple(sections), lang)
