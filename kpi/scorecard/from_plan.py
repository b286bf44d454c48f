"""From a measurement plan to a strategy map: each plan objective becomes a map objective, in
the perspective where most of its KPIs sit in the catalog, with its KPIs per channel, their
catalog role (leading or lagging) and their any-period targets. Links are left to the person."""

from __future__ import annotations

from collections import Counter

from kpi.catalog import BY_ID
from kpi.scorecard.measures import MEASURES
from kpi.scorecard.model import KpiRef, Objective, StrategyMap
from kpi.scorecard.plan import Plan


def _placement(kpi_id: str) -> tuple[str, str]:
    if kpi_id in BY_ID:
        card = BY_ID[kpi_id].scorecard
        return card.perspective, card.kind
    return ("internal", "leading") if kpi_id in MEASURES else ("customer", "lagging")


def map_from_plan(plan: Plan) -> StrategyMap:
    """A strategy map holding the plan's objectives and KPIs (per channel, with targets)."""
    objectives = []
    for o in plan.objectives:
        votes = Counter(_placement(k.kpi)[0] for k in o.kpis)
        perspective = votes.most_common(1)[0][0] if votes else "customer"
        refs = []
        for k in o.kpis:
            role = _placement(k.kpi)[1]
            for channel in k.channels or [None]:
                target = next(
                    (t.value for t in k.targets if t.period is None and t.channel == channel), None
                )
                if target is None:
                    target = next(
                        (t.value for t in k.targets if t.period is None and t.channel is None), None
                    )
                refs.append(KpiRef(k.kpi, role, target, channel))
        objectives.append(Objective(o.id, dict(o.labels), perspective, [], refs))
    return StrategyMap(objectives)
