"""The KPI engine: a request (KPIs, date range, grain, breakdown, filters, comparison, targets)
compiles to one query per dataset — a sqlglot expression tree, emitted here in DuckDB's dialect
and in any other on demand — and runs on the session's connection.

Ratios are ratios of sums in every period and breakdown, over the rows that report both their
numerator and their denominator; division by zero gives NULL; periods with no rows appear as
empty periods. A KPI without the data it needs comes back under `needs`.

Each result row also says which platforms it `covers`, its `source` dataset (a KPI several
datasets can supply uses the one the person has) and its `currency`; money in several
currencies is never added up, and a KPI that only makes sense per dimension asks for it.

The package by job: `types` (request, needs, notes, result), `periods` (grains, ranges),
`compile` (request → SQL, pure), `checks` (what the data allows: sources, currencies, ranged
reports), `run` (on a connection), `targets` (targets and status), `clock` (the business's
time zone for hour-of-day and weekday analyses), `rollups` (per-day sums by page dimensions
that answer covered requests), `tags` (the posts' hashtags and mentions, extracted once into
their own table), `memo` (what is computed once per version of a session's data).
"""

from __future__ import annotations

from kpi.engine.checks import available_fields
from kpi.engine.compile import DIALECT, compile_dataset, to_sql
from kpi.engine.periods import (
    COMPARISONS,
    GRAINS,
    cmgr,
    comparison_range,
    growth,
    period_start,
    periods,
)
from kpi.engine.run import data_end, data_start, run
from kpi.engine.targets import WARNING_BAND, status
from kpi.engine.types import Need, Note, Request, Result, finite_or_none

__all__ = [
    "COMPARISONS",
    "DIALECT",
    "GRAINS",
    "WARNING_BAND",
    "Need",
    "Note",
    "Request",
    "Result",
    "available_fields",
    "cmgr",
    "comparison_range",
    "compile_dataset",
    "data_end",
    "data_start",
    "finite_or_none",
    "growth",
    "period_start",
    "periods",
    "run",
    "status",
    "to_sql",
]  # fmt: skip
