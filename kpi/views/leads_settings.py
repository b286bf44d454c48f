"""The Leads & ROI settings and tables that the page (app_pages/leads.py), its slides and the
report's Leads section share: what the person sets, its starting values, and the control-group
comparisons as a table and as the chart's frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kpi.catalog import BY_ID
from kpi.i18n import format_number, t

GROWTH_KPIS = tuple(
    k
    for k in (
        "leads", "social_leads", "qualified_leads", "converted_leads", "lead_conversion_rate",
        "social_lead_revenue", "new_customers", "order_revenue", "revenue_per_customer",
        "sessions", "spend",
    )
    if k in BY_ID
)  # fmt: skip
# What the sample business (Café Aurora) says a lead, a qualified lead and a customer are worth
# and what its community team costs a month; a person's own data starts from zero.
SAMPLE_STAGE_VALUES = {"value_lead": 5.0, "value_qualified": 25.0, "value_customer": 120.0,
                       "staff_cost": 1000.0}  # fmt: skip


@dataclass(frozen=True)
class LeadsSettings:
    """What the person sets on the Leads & ROI page; all but the campaign dates are saved in
    the workspace under `WORKSPACE_KEY`."""

    by: str = "channel"
    measure: str = "revenue"
    half_life: float = 7.0
    retention_days: int = 90
    slow_below: float = 40.0
    fast_from: float = 70.0
    value_lead: float = 0.0
    value_qualified: float = 0.0
    value_customer: float = 0.0
    staff_cost: float = 0.0
    kpi: str = "leads"
    lift_from: dt.date | None = None
    lift_to: dt.date | None = None


WORKSPACE_KEY = "leads"
KEPT_IN_WORKSPACE = frozenset(
    ("by", "measure", "half_life", "retention_days", "slow_below", "fast_from", "value_lead",
     "value_qualified", "value_customer", "staff_cost", "kpi")
)  # fmt: skip


def leads_defaults(data: object, start: dt.date, end: dt.date) -> LeadsSettings:
    """Starting settings: what the workspace saved, else on the sample data the sample
    business's stage values and staff cost; the campaign marked is the chosen date range."""
    extra: dict[str, object] = (
        dict(SAMPLE_STAGE_VALUES) if getattr(data, "source", "") == "sample" else {}
    )
    saved = data.workspace.other.get(WORKSPACE_KEY)  # type: ignore[attr-defined]
    if isinstance(saved, dict):
        kinds = {f: type(getattr(LeadsSettings(), f)) for f in KEPT_IN_WORKSPACE}
        for key, value in saved.items():
            if (
                key in kinds
                and isinstance(value, int | float | str)
                and not isinstance(value, bool)
            ):
                extra[key] = kinds[key](value)
    return LeadsSettings(lift_from=start, lift_to=end, **extra)


def _status(c: object) -> str:
    from kpi.analytics.groups import Comparison

    assert isinstance(c, Comparison)
    if not c.readable:
        return "not_readable"
    if c.p_value is None:
        return "no_test"
    return "significant" if c.p_value < 0.05 else "not_significant"


def group_tone(c: object) -> str | None:
    """good or bad for social when a readable comparison's difference is significant (a lower
    CAC is the better one), else None: no colour for chance or for too few."""
    if _status(c) != "significant":
        return None
    difference = getattr(c, "difference", None) or 0.0
    better = difference < 0 if getattr(c, "metric", "") == "cac" else difference > 0
    return "good" if better else "bad"


def groups_table(results: Sequence[object], lang: str | None = None) -> pd.DataFrame:
    """One row per control-group comparison (social − other): both groups' n and value, the
    difference, its 95 % interval, the p-value, the test and the reading ("not yet readable"
    below the minimum sample). A comparison whose data is missing says what it needs."""
    from kpi.analytics.groups import Comparison, fmt, test_name

    rows = []
    for c in results:
        if not isinstance(c, Comparison):
            rows.append({t("leads.col.metric", lang): "", t("leads.col.reading", lang): str(c)})
            continue
        a, b = c.groups
        m = c.metric
        ci = (
            f"[{fmt(c.ci_low, m, True, lang)}, {fmt(c.ci_high, m, True, lang)}]"
            if c.ci_low is not None and c.ci_high is not None
            else "—"
        )
        rows.append(
            {
                t("leads.col.metric", lang): t(f"leads.metric.{m}", lang),
                t("leads.col.n_social", lang): a.n,
                t("leads.col.social", lang): fmt(a.value, m, lang=lang),
                t("leads.col.n_other", lang): b.n,
                t("leads.col.other", lang): fmt(b.value, m, lang=lang),
                t("leads.col.difference", lang): fmt(c.difference, m, True, lang),
                t("leads.col.ci", lang): ci,
                t("leads.col.p_value", lang): c.p_value,
                t("leads.col.reading", lang): t(f"leads.status.{_status(c)}", lang),
                t("leads.col.test", lang): test_name(c.test, lang),
            }
        )
    return pd.DataFrame(rows)


def p_text(value: object, lang: str | None = None) -> str:
    """A p-value as people read it in `lang`: < 0.001, 0.012 (0,012), or empty without a test."""
    if value is None or value != value:
        return ""
    if float(value) < 0.001:
        return f"< {format_number(0.001, 3, lang)}"
    return format_number(float(value), 3, lang)


def groups_frame(results: Sequence[object]) -> pd.DataFrame:
    """The comparisons for the chart of differences: metric_key, metric_label, difference,
    ci_low, ci_high (rates in percentage points), status."""
    from kpi.analytics.groups import RATES, Comparison

    rows = []
    for c in results:
        if not isinstance(c, Comparison) or c.difference is None:
            continue
        scale = 100.0 if c.metric in RATES else 1.0
        unit = t("leads.unit.pp") if c.metric in RATES else t("leads.unit.money")
        if c.metric == "saves_per_customer":
            unit = t("leads.unit.saves")
        rows.append(
            {
                "metric_key": c.metric,
                "metric_label": f"{t(f'leads.metric.{c.metric}')} ({unit})",
                "difference": c.difference * scale,
                "ci_low": None if c.ci_low is None else c.ci_low * scale,
                "ci_high": None if c.ci_high is None else c.ci_high * scale,
                "status": _status(c),
            }
        )
    columns = ["metric_key", "metric_label", "difference", "ci_low", "ci_high", "status"]
    return pd.DataFrame(rows, columns=columns)
