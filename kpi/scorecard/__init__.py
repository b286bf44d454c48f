"""The balanced scorecard: the strategy map model, its live evaluation and the measurement plan.

Streamlit-free: the Plan and Scorecard pages, the CLI and the report call these functions."""

from kpi.scorecard.evaluate import default_range, evaluate, worst
from kpi.scorecard.model import KpiRef, Objective, StrategyMap, default_map

__all__ = [
    "KpiRef",
    "Objective",
    "StrategyMap",
    "default_map",
    "default_range",
    "evaluate",
    "worst",
]
