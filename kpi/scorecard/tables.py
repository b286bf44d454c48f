"""Flat tables the Plan and Scorecard pages (and the report) draw: the KPIs a map can use, an
evaluated map as one row per KPI, and a plan as one row per KPI × channel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from kpi.catalog import CATALOG
from kpi.i18n.messages import resolve
from kpi.scorecard.checks import is_sales_kpi, metrics_needed
from kpi.scorecard.measures import MEASURES
from kpi.scorecard.plan import Plan


def kpi_options(lang: str | None = None) -> pd.DataFrame:
    """Every KPI a map or plan can name: id, label, family, format, direction, the catalog's
    placement (perspective, objective, role) and whether it is a sales KPI."""
    lang = resolve(lang)
    rows = [{"id": k.id, "label": k.labels.get(lang) or k.label, "family": k.family,
             "format": k.format, "direction": k.direction, "perspective": k.scorecard.perspective,
             "objective": k.scorecard.objective, "role": k.scorecard.kind,
             "sales": is_sales_kpi(k.id)} for k in CATALOG]  # fmt: skip
    rows += [{"id": m.id, "label": m.labels.get(lang) or m.labels["en"], "family": "internal",
              "format": m.format, "direction": m.direction, "perspective": "internal",
              "objective": "", "role": "leading", "sales": False} for m in MEASURES.values()]  # fmt: skip
    return pd.DataFrame(rows)


def scorecard_rows(doc: Mapping[str, Any]) -> pd.DataFrame:
    """An evaluated map (`evaluate`) as one row per KPI: perspective, objective, objective_status,
    kpi, label, role, channel, value, previous, target, status, format, needs."""
    rows = []
    for p in doc["perspectives"]:
        for o in p["objectives"]:
            for k in o["kpis"]:
                rows.append({"perspective": p["id"], "objective": o["id"], "objective_label": o["label"],
                             "objective_status": o["status"], "kpi": k["id"], "label": k.get("label", k["id"]),
                             "role": k["role"], "channel": k.get("channel"), "value": k["value"],
                             "previous": k.get("previous"), "target": k["target"], "status": k["status"],
                             "format": k.get("format"), "needs": ", ".join(k.get("needs") or [])})  # fmt: skip
    columns = ["perspective", "objective", "objective_label", "objective_status", "kpi", "label", "role",
               "channel", "value", "previous", "target", "status", "format", "needs"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def plan_rows(plan: Plan, lang: str | None = None) -> pd.DataFrame:
    """A plan as one row per objective × KPI × channel: tactics, targets that apply to the
    channel (any period), owner, and the exports the KPI needs."""
    lang = resolve(lang)
    rows = []
    for o in plan.objectives:
        for k in o.kpis:
            exports = list(
                dict.fromkeys(m["provided_by"] for m in metrics_needed(k.kpi) if m["provided_by"])
            )
            for channel in k.channels or [None]:
                targets = [f"{t.value:g}" + (f" ({t.period})" if t.period else "")
                           for t in k.targets if t.channel in (None, channel)]  # fmt: skip
                rows.append({"objective": o.id, "objective_label": o.label(lang), "kpi": k.kpi,
                             "channel": channel, "tactics": list(k.tactics), "targets": targets,
                             "owner": k.owner, "exports": exports})  # fmt: skip
    return pd.DataFrame(rows, columns=["objective", "objective_label", "kpi", "channel", "tactics",
                                       "targets", "owner", "exports"])  # fmt: skip
