"""What the Plan and Scorecard pages edit with: KPI choices with the person's own formulas, what
a KPI needs per export, the sales check for own KPIs, targets typed into a table, new ids, the
sample business's targets, and the plan and scorecard views."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.custom import custom_kpi
from kpi.scorecard import saved
from kpi.scorecard.checks import validate
from kpi.scorecard.editing import is_sales, kpi_choices, needs_by_export, new_id, parse_targets
from kpi.scorecard.model import default_map
from kpi.scorecard.plan import Plan, PlanKpi, PlanObjective, Target, default_plan
from kpi.scorecard.sample import SAMPLE_MAP_TARGETS, sample_targets, with_sample_targets
from kpi.views import VIEWS, ViewContext
from kpi.views.plan import plan_table, plan_view, targets_text
from kpi.views.scorecard import kpi_table, uses_sample_targets
from kpi.workspace import Workspace

BASKET = custom_kpi(
    "basket", "Average basket", "orders", "sum(revenue) / count(*)", format="currency"
)
REPLIES = custom_kpi(
    "replies", "Replies", "conversations", "count(first_response_at)", format="count"
)


def test_choices_needs_and_the_sales_check_include_the_persons_own_kpis() -> None:
    choices = kpi_choices((BASKET,))
    assert (
        choices["basket"] == "Average basket"
        and choices["social_sessions"] == "Sessions from social"
    )
    assert "content_quality_index" in choices  # the analysis measures too
    assert needs_by_export("social_sessions") == [
        ("date, sessions, channel_group, medium", "a Google Analytics traffic-acquisition export")
    ]
    assert needs_by_export("basket", (BASKET,)) == [("ordered_at, revenue", "a shop orders export")]
    assert is_sales("basket", (BASKET,)) and not is_sales("replies", (REPLIES,))
    assert is_sales("roas") and not is_sales("engagement_rate")


def test_a_plan_may_name_the_persons_own_kpis() -> None:
    plan = Plan(
        [PlanObjective("o", {"en": "O"}, [PlanKpi("replies", [], ["a", "b"], [Target(5)])])]
    )
    assert [i.code for i in validate(plan)] == ["unknown_kpi"]
    assert validate(plan, own=["replies"]) == []


@pytest.mark.parametrize(
    ("rows", "values", "problems"),
    [
        (
            [{"value": 3, "channel": "instagram", "period": "2026-W45"}],
            [(3.0, "instagram", "2026-W45")],
            0,
        ),
        ([{"value": None, "channel": "x", "period": None}], [], 0),  # an empty row is skipped
        ([{"value": float("nan"), "channel": None, "period": None}], [], 0),
        ([{"value": 2, "channel": " ", "period": "November"}], [], 1),
        (
            [{"value": "many", "channel": None, "period": None}, {"value": 1}],
            [(1.0, None, None)],
            1,
        ),
    ],
)
def test_targets_typed_into_a_table(rows, values, problems) -> None:
    targets, issues = parse_targets(rows)
    assert [(t.value, t.channel, t.period) for t in targets] == values
    assert len(issues) == problems
    assert all(issue[0].isdigit() for issue in issues)  # each names its row


def test_new_ids() -> None:
    assert new_id("More sales!", []) == "more_sales"
    assert new_id("More sales", ["more_sales", "more_sales_2"]) == "more_sales_3"
    assert new_id("¿?", []) == "objective"


def test_sample_targets_are_the_sample_plans_and_the_maps() -> None:
    targets = sample_targets()
    assert targets["social_sessions"] == 3000 and targets["response_rate"] == 0.95
    assert targets["engagement_rate"] == SAMPLE_MAP_TARGETS["engagement_rate"] == 0.07
    card = with_sample_targets(default_map())
    refs = {k.id: k.target for o in card.objectives for k in o.kpis}
    assert refs["engagement_rate_by_reach"] == 0.085 and refs["roi"] is None
    assert all(k.target is None for o in default_map().objectives for k in o.kpis)  # a copy


def test_sample_targets_apply_only_on_the_sample_without_the_persons_own(sample) -> None:
    start, end = dt.date(2026, 10, 5), dt.date(2026, 10, 31)
    ws = Workspace()
    ctx = ViewContext(sample.con, ws, start, end, sample=True)
    assert uses_sample_targets(ctx)
    assert not uses_sample_targets(ViewContext(sample.con, ws, start, end, sample=False))
    saved.store(ws, plan=default_plan())
    assert not uses_sample_targets(ctx)


def test_the_views_on_the_sample(sample) -> None:
    start, end = dt.date(2026, 10, 5), dt.date(2026, 10, 31)
    page = VIEWS["scorecard"](ViewContext(sample.con, Workspace(), start, end, sample=True))
    assert [s.id for s in page.sections] == ["map", "financial", "customer", "internal", "learning"]
    assert page.charts() == ["strategy_map"]
    slides = VIEWS["scorecard"](ViewContext(sample.con, Workspace(), start, end, present=True))
    assert len(slides.sections) == 1 + 9  # the map, then one objective per screen
    # Without the sample's targets nothing has a status (the default map has no targets).
    statuses = {tbl.frame.iloc[0]["Status"] for s in slides.sections for tbl in s.blocks
                if hasattr(tbl, "frame")}  # fmt: skip
    assert statuses == {"– no status"}
    plan = plan_view(ViewContext(sample.con, Workspace(), start, end, present=True))
    assert [s.id for s in plan.sections] == [
        "more_sales",
        "care_channel",
        "website_traffic",
        "report",
    ]


def test_tables_as_people_read_them() -> None:
    objective = {"kpis": [
        {"id": "posts", "label": "Posts", "role": "leading", "channel": None, "value": 92.0,
         "previous": 97.0, "target": None, "status": "none", "format": "count"},
        {"id": "engagement_rate", "label": "Engagement rate", "role": "lagging",
         "channel": "instagram", "value": 0.0646, "previous": 0.0497, "target": 0.07,
         "status": "warning", "format": "percent"},
    ]}  # fmt: skip
    frame = kpi_table(objective)
    assert frame.to_dict("records") == [
        {"KPI": "Engagement rate", "Role": "Lagging (outcome)", "Channel": "Instagram",
         "Value": "6.5%", "Change": "+1.5 pp", "Target": "7.0%", "Status": "▲ close to target"},
        {"KPI": "Posts", "Role": "Leading (performance)", "Channel": "All channels",
         "Value": "92", "Change": "-5.2%", "Target": "—", "Status": "– no status"},
    ]  # fmt: skip
    k = PlanKpi("response_rate", ["instagram"], [], [Target(0.95), Target(0.99, "facebook"),
                                                   Target(0.5, None, "2026-09")])  # fmt: skip
    assert targets_text(k, "percent") == "95.0% · Facebook 99.0% · 50.0% (2026-09)"
    o = PlanObjective("care", {"en": "Care"}, [k])
    assert plan_table(o, {"response_rate": "Response rate"}).to_dict("records") == [
        {"KPI": "Response rate", "Channels": "Instagram",
         "Targets": "95.0% · Facebook 99.0% · 50.0% (2026-09)", "Who answers for it": "Social team"}
    ]  # fmt: skip
