"""The measurement plan: round-trip, nudges, the sales-KPI check, metrics and exports, targets
per period and channel, and the cron line of the report cadence."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kpi.errors import KpiError
from kpi.scorecard.checks import (
    cron_line,
    is_sales_kpi,
    metrics_needed,
    plan_metrics,
    sales_advice,
    validate,
)
from kpi.scorecard.plan import (
    Cadence,
    Plan,
    PlanKpi,
    PlanObjective,
    Target,
    default_plan,
    period_bounds,
    targets_for,
)


def test_default_plan_has_the_three_objectives_and_no_issue() -> None:
    plan = default_plan()
    assert [o.id for o in plan.objectives] == ["more_sales", "care_channel", "website_traffic"]
    assert validate(plan) == []
    assert all(len(k.tactics) >= 2 for o in plan.objectives for k in o.kpis)


def test_round_trip_keeps_unknown_keys() -> None:
    doc = default_plan().to_dict()
    doc["newer"] = [1, 2]
    doc["cadence"]["timezone"] = "Europe/Madrid"
    doc["objectives"][0]["owner_name"] = "Ana"
    doc["objectives"][0]["kpis"][0]["budget"] = 300
    doc["objectives"][0]["kpis"][0]["targets"][0]["note"] = "stretch"
    again = Plan.from_dict(json.loads(json.dumps(doc)))
    assert again.to_dict() == doc
    assert doc["version"] == 1


def test_sales_kpi_check_and_advice() -> None:
    for sales in (
        "social_lead_revenue",
        "roi",
        "cac",
        "order_revenue",
        "social_lead_conversion_rate",
    ):
        assert is_sales_kpi(sales), sales
    for other in (
        "engagement_rate",
        "qualified_interactions",
        "response_rate",
        "content_quality_index",
    ):
        assert not is_sales_kpi(other), other
    assert sales_advice("engagement_rate") is None
    advice = sales_advice("social_lead_revenue")
    assert advice.startswith("Revenue from social leads is a sales result")
    assert "qualified interactions" in advice
    assert sales_advice("roi", "es").startswith("ROI es un resultado de ventas")


def test_validation_nudges() -> None:
    plan = Plan([
        PlanObjective("o", {"en": "Sell"}, [
            PlanKpi("social_lead_revenue", ["instagram"], ["one tactic"], [Target(100)]),
            PlanKpi("engagement_rate", ["myspace"], ["a", "b"]),
            PlanKpi("no_such_kpi"),
        ]),
        PlanObjective("empty", {"en": "Empty"}),
    ], Cadence("daily"))  # fmt: skip
    codes = [(i.level, i.where, i.code) for i in validate(plan)]
    assert codes == [
        ("error", "o/no_such_kpi", "unknown_kpi"),
        ("error", "cadence", "bad_cadence"),
        ("nudge", "o/social_lead_revenue", "few_tactics"),
        ("nudge", "o/social_lead_revenue", "sales_kpi"),
        ("nudge", "o/engagement_rate", "no_target"),
        ("nudge", "o/engagement_rate", "unknown_channel"),
        ("nudge", "empty", "no_kpis"),
    ]
    shared = Plan([PlanObjective("o", {"en": "Sell"}, [
        PlanKpi("social_lead_revenue", [], ["a", "b"], [Target(1)], owner="shared")])])  # fmt: skip
    assert validate(shared) == []


def test_metrics_and_exports() -> None:
    assert metrics_needed("cost_per_lead") == [
        {"dataset": "ads", "field": f, "provided_by": "a Meta Ads Manager or Google Ads report"}
        for f in ("date", "spend", "leads")
    ]
    cac = metrics_needed("cac")  # derived: spend from ads, new customers from the CRM
    assert [(m["dataset"], m["field"]) for m in cac] == [("ads", "date"), ("ads", "spend"),
                                                          ("customers", "acquired_at")]  # fmt: skip
    rows = plan_metrics(default_plan())
    care = [r for r in rows if r["kpi"] == "response_rate"]
    assert [r["channel"] for r in care] == ["instagram", "facebook"]
    assert care[0]["metrics"] == ["conversations.received_at", "conversations.first_response_at"]
    assert care[0]["exports"] == ["an inbox export from the platforms or a social-care tool"]


def test_targets_per_channel_and_period() -> None:
    plan = Plan([PlanObjective("o", {"en": "O"}, [PlanKpi("posts", ["instagram"], ["a", "b"], [
        Target(10), Target(12, period="2026-11"), Target(5, channel="instagram"),
        Target(99, period="2026-W45"),
    ])])])  # fmt: skip
    november = targets_for(plan, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert november == {"posts": 12.0, "posts@instagram": 5.0}
    week = targets_for(plan, dt.date(2026, 11, 2), dt.date(2026, 11, 8))
    assert week["posts"] == 99.0
    assert targets_for(plan, dt.date(2026, 12, 1), dt.date(2026, 12, 31))["posts"] == 10.0
    assert period_bounds("2026-Q4") == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert period_bounds("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    with pytest.raises(KpiError):
        period_bounds("next month")


def test_cron_lines() -> None:
    plan = default_plan()
    command = "python -m kpi report exports/ --out report.html --period last-week"
    assert cron_line(plan, command) == f"0 8 * * 1 {command}"
    plan.cadence = Cadence("weekly", "sunday", hour=18)
    assert cron_line(plan, "x").startswith("0 18 * * 0 ")
    plan.cadence = Cadence("monthly", day_of_month=3, hour=7)
    assert (
        cron_line(plan, "report --out r-$(date +%Y%m).html")
        == "0 7 3 * * report --out r-$(date +\\%Y\\%m).html"
    )
    plan.cadence = Cadence("monthly", day_of_month=31)
    with pytest.raises(ValueError):
        cron_line(plan, "x")


def test_report_command_and_map_from_plan() -> None:
    from kpi.scorecard.checks import report_command
    from kpi.scorecard.from_plan import map_from_plan

    plan = default_plan()
    command = report_command(plan, ["exports/my files"], "work space.json")
    assert command == ("python -m kpi report 'exports/my files' --out report.html --period last-week "
                       "--workspace 'work space.json'")  # fmt: skip
    plan.cadence = Cadence("monthly")
    assert "--period last-month" in report_command(plan, ["x"])
    card = map_from_plan(default_plan())
    assert card.validate() == []
    perspectives = {o.id: o.perspective for o in card.objectives}
    assert perspectives == {
        "more_sales": "customer",
        "care_channel": "internal",
        "website_traffic": "customer",
    }
    care = card.objective("care_channel").kpis
    assert [(k.id, k.channel, k.target) for k in care][:2] == [
        ("response_rate", "instagram", 0.95), ("response_rate", "facebook", 0.95)]  # fmt: skip
