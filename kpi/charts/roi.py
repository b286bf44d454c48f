"""Charts and display tables of the Leads & ROI page, in one namespace (`from kpi.charts import
roi`; `roi.models_bars(...)`). They live by job in `roi_attribution` (attribution and journey
roles), `roi_customers` (control groups, retention, LTV and CAC) and `roi_leads` (score
buckets, the lead cycle's value and cost, growth and lift): pure functions, the small frames of
`kpi.analytics` in, an Altair chart or a table out. No I/O, no Streamlit; every word through
`t()`."""

from __future__ import annotations

from kpi.charts.roi_attribution import (
    ROLE_COLOURS,
    TOP_KEYS,
    assisters,
    model_label,
    models_bars,
    models_table,
    removal_bars,
    roles_bars,
    top_keys,
    transition_heatmap,
)
from kpi.charts.roi_customers import cac_ltv_bars, groups_chart, ltv_lines, retention_heatmap
from kpi.charts.roi_leads import (
    BUCKET_COLOURS,
    STAGE_SUMS,
    bucket_bars,
    bucket_periods,
    growth_chart,
    lift_chart,
    stage_by_channel,
    value_cost_bars,
)

__all__ = [
    "BUCKET_COLOURS",
    "ROLE_COLOURS",
    "STAGE_SUMS",
    "TOP_KEYS",
    "assisters",
    "bucket_bars",
    "bucket_periods",
    "cac_ltv_bars",
    "groups_chart",
    "growth_chart",
    "lift_chart",
    "ltv_lines",
    "model_label",
    "models_bars",
    "models_table",
    "removal_bars",
    "retention_heatmap",
    "roles_bars",
    "stage_by_channel",
    "top_keys",
    "transition_heatmap",
    "value_cost_bars",
]
