"""Lead-score buckets: slow, medium and fast leads by thresholds the person sets, per period.

A lead scoring below `slow_below` is slow, from `fast_from` on it is fast, medium in between;
a lead without a score is `unscored`. Per period of `leads.created_at` and bucket: leads, their
growth on the previous period, social leads, conversions (of those leads, whenever they
happened), conversion rate, and cost per conversion.

Cost is ad spend brought down to leads: the spend of a channel in a period is shared evenly by
the leads that channel brought in that period (spend in a period without leads of its channel
reaches no bucket). A bucket's cost is the sum of its leads' shares.
"""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pandas as pd

from kpi.analytics.journeys import date_filter, require
from kpi.analytics.spend import ads_channel_sql, channel_sql, has_spend
from kpi.engine import GRAINS
from kpi.errors import KpiError
from kpi.i18n import t

SLOW_BELOW = 40.0
FAST_FROM = 70.0
BUCKETS = ("slow", "medium", "fast", "unscored")


def bucket_sql(
    slow_below: float = SLOW_BELOW, fast_from: float = FAST_FROM, score: str = "score"
) -> str:
    """SQL: the bucket of a lead from its score and the thresholds."""
    check_thresholds(slow_below, fast_from)
    return (
        f"CASE WHEN {score} IS NULL THEN 'unscored' WHEN {score} < {float(slow_below)!r} THEN 'slow' "
        f"WHEN {score} >= {float(fast_from)!r} THEN 'fast' ELSE 'medium' END"
    )


def check_thresholds(slow_below: float, fast_from: float) -> None:
    """Refuse thresholds that are not numbers or that overlap."""
    try:
        low, high = float(slow_below), float(fast_from)
    except (TypeError, ValueError):
        raise KpiError(t("error.thresholds_numbers")) from None
    if not (math.isfinite(low) and math.isfinite(high)):
        raise KpiError(t("error.thresholds_finite"))
    if low > high:
        raise KpiError(t("error.thresholds_order", slow=slow_below, fast=fast_from))


def score_buckets(
    con: duckdb.DuckDBPyConnection,
    grain: str = "month",
    slow_below: float = SLOW_BELOW,
    fast_from: float = FAST_FROM,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Per period start and bucket: leads, previous, growth, social_leads, conversions,
    conversion_rate, cost, cost_per_conversion (cost columns empty without an ads export).
    Every bucket appears in every period that has leads (with 0 leads where none). A range
    (inclusive) keeps the leads created and the spend of its days."""
    if grain not in GRAINS:
        raise KpiError(t("error.unknown_grain", grain=grain, grains=", ".join(GRAINS)))
    require(con, "leads", ("created_at",))
    bucket = bucket_sql(slow_below, fast_from, "CAST(score AS DOUBLE)")
    spend = has_spend(con)
    spend_cte = (
        f"""spend AS (
            SELECT CAST(date_trunc('{grain}', date) AS DATE) AS period_start,
                   {ads_channel_sql()} AS channel, sum(CAST(spend AS DOUBLE)) AS spend
            FROM ads WHERE spend IS NOT NULL AND date IS NOT NULL
                  AND {date_filter("date", start, end)} GROUP BY ALL
        )"""
        if spend
        else "spend AS (SELECT NULL::DATE AS period_start, NULL::VARCHAR AS channel, NULL::DOUBLE AS spend WHERE FALSE)"
    )
    sql = f"""
        WITH l AS (
            SELECT CAST(date_trunc('{grain}', created_at) AS DATE) AS period_start,
                   {bucket} AS bucket, {channel_sql("channel")} AS channel,
                   converted_at IS NOT NULL AS converted
            FROM leads WHERE created_at IS NOT NULL AND {date_filter("created_at", start, end)}
        ), {spend_cte},
        per_lead AS (
            SELECT l.*, s.spend / count(*) OVER (PARTITION BY l.period_start, l.channel) AS cost
            FROM l LEFT JOIN spend s USING (period_start, channel)
        ), agg AS (
            SELECT period_start, bucket, count(*) AS leads,
                   count(*) FILTER (WHERE channel = 'social') AS social_leads,
                   count(*) FILTER (WHERE converted) AS conversions,
                   coalesce(sum(cost), 0.0) AS cost
            FROM per_lead GROUP BY ALL
        ), frame AS (
            SELECT p.period_start, b.bucket
            FROM (SELECT DISTINCT period_start FROM l) p,
                 (SELECT unnest(['slow', 'medium', 'fast']) AS bucket
                  UNION SELECT DISTINCT bucket FROM l) b
        )
        SELECT f.period_start, f.bucket, coalesce(a.leads, 0) AS leads,
               lag(coalesce(a.leads, 0)) OVER w AS previous,
               coalesce(a.social_leads, 0) AS social_leads,
               coalesce(a.conversions, 0) AS conversions,
               coalesce(a.cost, 0.0) AS cost
        FROM frame f LEFT JOIN agg a USING (period_start, bucket)
        WINDOW w AS (PARTITION BY f.bucket ORDER BY f.period_start)
        ORDER BY f.period_start, list_position(['slow', 'medium', 'fast', 'unscored'], f.bucket)
    """
    frame = con.execute(sql).df()
    for column in ("leads", "social_leads", "conversions"):
        frame[column] = frame[column].astype("int64")
    frame["previous"] = frame["previous"].astype("Int64")
    frame["growth"] = [
        (n / p - 1) if p is not pd.NA and p else None
        for n, p in zip(frame["leads"], frame["previous"], strict=True)
    ]
    frame["conversion_rate"] = [
        c / n if n else None for c, n in zip(frame["conversions"], frame["leads"], strict=True)
    ]
    if spend:
        frame["cost_per_conversion"] = [
            cost / c if c else None
            for cost, c in zip(frame["cost"], frame["conversions"], strict=True)
        ]
    else:
        frame["cost"] = None
        frame["cost_per_conversion"] = None
    columns = ["period_start", "bucket", "leads", "previous", "growth", "social_leads",
               "conversions", "conversion_rate", "cost", "cost_per_conversion"]  # fmt: skip
    return frame[columns]


def bucket_totals(
    con: duckdb.DuckDBPyConnection,
    slow_below: float = SLOW_BELOW,
    fast_from: float = FAST_FROM,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """The same measures over the whole export (or the leads created in [start, end]), one row
    per bucket."""
    frame = score_buckets(con, "month", slow_below, fast_from, start, end)
    sums = frame.groupby("bucket", sort=False)[["leads", "social_leads", "conversions"]].sum()
    cost = frame.groupby("bucket", sort=False)["cost"].sum(min_count=1)
    sums["cost"] = cost
    sums["conversion_rate"] = sums["conversions"] / sums["leads"].where(sums["leads"] > 0)
    sums["cost_per_conversion"] = sums["cost"] / sums["conversions"].where(sums["conversions"] > 0)
    order = [b for b in BUCKETS if b in sums.index]
    return sums.loc[order].reset_index()
