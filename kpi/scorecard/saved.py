"""Where the strategy map, the plan and the person's scorecard settings live in a workspace.

The workspace keeps keys it does not know (`Workspace.other`), so the map and the plan are
stored there under `scorecard` and `plan` until the workspace grows fields of its own; these
helpers are the one place that knows the keys. Settings the analysis KPIs read:
`content_quality_weights`, `good_design_posts`, `qualified_rules`, `organic_costs`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kpi.scorecard.model import StrategyMap, default_map
from kpi.scorecard.plan import Plan, default_plan, targets_for

MAP_KEY, PLAN_KEY = "scorecard", "plan"
SETTING_KEYS = ("content_quality_weights", "good_design_posts", "qualified_rules", "organic_costs")


def _saved(workspace: Any, key: str) -> Any:
    own = getattr(workspace, key, None)
    return own if own is not None else workspace.other.get(key)


def saved_map(workspace: Any) -> StrategyMap:
    """The workspace's strategy map, or the default map when it has none."""
    saved = _saved(workspace, MAP_KEY)
    if isinstance(saved, StrategyMap):
        return saved
    return StrategyMap.from_dict(saved) if saved else default_map()


def saved_plan(workspace: Any) -> Plan:
    """The workspace's measurement plan, or the default plan when it has none."""
    saved = _saved(workspace, PLAN_KEY)
    if isinstance(saved, Plan):
        return saved
    return Plan.from_dict(saved) if saved else default_plan()


def has_plan(workspace: Any) -> bool:
    """Whether the person saved a plan (the default plan's targets are not theirs)."""
    return bool(_saved(workspace, PLAN_KEY))


def store(workspace: Any, card: StrategyMap | None = None, plan: Plan | None = None) -> None:
    """Keep a map and/or a plan in the workspace (written out with the workspace file)."""
    if card is not None:
        workspace.other[MAP_KEY] = card.to_dict()
    if plan is not None:
        workspace.other[PLAN_KEY] = plan.to_dict()


def settings(workspace: Any) -> dict[str, Any]:
    """The person's settings the analysis KPIs of the map use."""
    return {k: workspace.other[k] for k in SETTING_KEYS if k in workspace.other}


def targets(workspace: Any, start: dt.date, end: dt.date) -> dict[str, float]:
    """The targets for a range: the saved plan's for that range, then the workspace's own
    targets (KPI id → target) over them."""
    out = targets_for(saved_plan(workspace), start, end) if has_plan(workspace) else {}
    out.update(getattr(workspace, "targets", {}) or {})
    return out
