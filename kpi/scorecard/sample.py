"""The targets the sample business (Café Aurora) set for its strategy map, so the bundled sample
shows a live map with every status. They apply only while the sample data is shown and the
person has saved no plan or map of their own; a person's data starts without them."""

from __future__ import annotations

import datetime as dt

from kpi.scorecard.model import StrategyMap
from kpi.scorecard.plan import default_plan, targets_for

# Café Aurora's four-week targets for map KPIs its plan (the default plan) does not cover.
SAMPLE_MAP_TARGETS: dict[str, float] = {
    "engagement_rate": 0.07,
    "engagement_rate_by_reach": 0.085,
    "cost_per_lead": 35.0,
    "new_followers": 1500.0,
}


def sample_targets() -> dict[str, float]:
    """The sample business's targets: its plan's (any period) and its map's own."""
    anytime = targets_for(default_plan(), dt.date.min, dt.date.max)
    return {**anytime, **SAMPLE_MAP_TARGETS}


def with_sample_targets(card: StrategyMap) -> StrategyMap:
    """A copy of `card` whose KPIs without a target of their own carry the sample business's,
    so the map a person starts editing on the sample is the one they were shown."""
    targets = sample_targets()
    copy = StrategyMap.from_dict(card.to_dict())
    for o in copy.objectives:
        for ref in o.kpis:
            if ref.target is None and ref.id in targets:
                ref.target = targets[ref.id]
    return copy
