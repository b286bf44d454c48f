"""Page tables and keeping the map and plan in the workspace file."""

from __future__ import annotations

import datetime as dt

from kpi.scorecard import default_map, saved
from kpi.scorecard.plan import default_plan
from kpi.scorecard.tables import kpi_options, plan_rows, scorecard_rows
from kpi.workspace import Workspace


def test_map_and_plan_survive_the_workspace_file() -> None:
    ws = Workspace(targets={"posts": 30})
    assert saved.saved_map(ws).to_dict() == default_map().to_dict()  # nothing saved: the default
    assert not saved.has_plan(ws)
    card, plan = default_map(), default_plan()
    card.objectives[0].labels["en"] = "Grow profit"
    plan.cadence.weekday = "friday"
    saved.store(ws, card, plan)
    ws.other["content_quality_weights"] = {"design": 4}
    again = Workspace.from_json(ws.to_json())
    assert saved.saved_map(again).objectives[0].label() == "Grow profit"
    assert saved.saved_plan(again).cadence.weekday == "friday"
    assert saved.settings(again) == {"content_quality_weights": {"design": 4}}
    targets = saved.targets(again, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert targets["posts"] == 30 and targets["response_rate"] == 0.95


def test_tables() -> None:
    options = kpi_options("es").set_index("id")
    assert options.loc["engagement_rate", "label"] == "Tasa de interacción"
    assert bool(options.loc["roi", "sales"]) and not bool(options.loc["posts", "sales"])
    assert "content_quality_index" in options.index
    rows = plan_rows(default_plan())
    care = rows[rows["kpi"] == "response_rate"]
    assert care["channel"].tolist() == ["instagram", "facebook"] and care["targets"].iloc[0] == [
        "0.95"
    ]
    doc = {"perspectives": [{"id": "internal", "label": "Internal", "objectives": [
        {"id": "o", "label": "O", "status": "bad", "causes": [], "kpis": [
            {"id": "posts", "label": "Posts", "role": "leading", "channel": None, "value": 3.0,
             "previous": 4.0, "target": 10.0, "status": "bad", "format": "count", "needs": []}]}]}]}  # fmt: skip
    table = scorecard_rows(doc)
    assert table[["objective", "kpi", "value", "target", "status"]].values.tolist() == [
        ["o", "posts", 3.0, 10.0, "bad"]
    ]
