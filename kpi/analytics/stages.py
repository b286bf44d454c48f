"""The value of each point of the lead cycle, what it cost, and the ROI of social.

The person sets a money value per stage (what a new lead, a qualified lead and a new customer is
worth to them) and the staff cost of a period (the community team's time, charged to `social`
by default). Per period and channel:

- counts: leads (by `created_at`), qualified leads (`qualified` true, or converted; by
  `created_at`), customers (leads converting, by `converted_at`);
- value created: each count times its stage value;
- cost: ad spend of the channel (see `spend.py`) plus the staff cost when it is the staff's
  channel; cost per lead, per qualified lead and per customer;
- ROI = (value created − cost) / cost.

`social_roi` adds up the same for social over the whole range, with the revenue of social
leads next to the value the person set.

Both take an optional date range (`start`, `end`, inclusive): the leads created in it (their
conversions counted whenever they happen) and the ad spend of its days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from kpi.analytics.journeys import date_filter, require
from kpi.analytics.spend import channel_sql, spend_by_channel
from kpi.engine import GRAINS
from kpi.errors import KpiError
from kpi.i18n import t

STAGES = ("lead", "qualified", "customer")


@dataclass(frozen=True)
class StageValues:
    """Money a lead, a qualified lead and a new customer are worth (set by the person)."""

    lead: float = 0.0
    qualified: float = 0.0
    customer: float = 0.0

    def __post_init__(self) -> None:
        for stage in STAGES:
            value = getattr(self, stage)
            if not isinstance(value, int | float) or value != value or value < 0:
                raise KpiError(t("error.stage_value", stage=t(f"stage.{stage}")))


def stage_value(
    con: duckdb.DuckDBPyConnection,
    values: StageValues,
    staff_cost: float = 0.0,
    staff_channel: str = "social",
    grain: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Per period start and channel: leads, qualified, customers, value_<stage>, value,
    spend, staff_cost, cost, cost_per_<stage>, roi. `staff_cost` is per period. A range keeps
    the leads created in it and the spend of its days."""
    if grain not in GRAINS:
        raise KpiError(t("error.unknown_grain", grain=grain, grains=", ".join(GRAINS)))
    if staff_cost < 0:
        raise KpiError(t("error.staff_cost"))
    require(con, "leads", ("created_at",))
    sql = f"""
        WITH l AS (
            SELECT {channel_sql("channel")} AS channel, created_at, converted_at,
                   coalesce(CAST(qualified AS BOOLEAN), FALSE) OR converted_at IS NOT NULL
                       AS is_qualified
            FROM leads WHERE created_at IS NOT NULL AND {date_filter("created_at", start, end)}
        ), events AS (
            SELECT CAST(date_trunc('{grain}', created_at) AS DATE) AS period_start, channel,
                   'lead' AS stage FROM l
            UNION ALL
            SELECT CAST(date_trunc('{grain}', created_at) AS DATE), channel, 'qualified'
            FROM l WHERE is_qualified
            UNION ALL
            SELECT CAST(date_trunc('{grain}', converted_at) AS DATE), channel, 'customer'
            FROM l WHERE converted_at IS NOT NULL
        )
        SELECT period_start, channel,
               count(*) FILTER (WHERE stage = 'lead') AS leads,
               count(*) FILTER (WHERE stage = 'qualified') AS qualified,
               count(*) FILTER (WHERE stage = 'customer') AS customers
        FROM events GROUP BY ALL ORDER BY ALL
    """
    counts = con.execute(sql).df()
    spend = spend_by_channel(con, grain, start, end)
    # An empty side comes without types (object columns): give both sides dated periods.
    for side in (counts, spend):
        side["period_start"] = pd.to_datetime(side["period_start"]).astype("datetime64[us]")
    frame = counts.merge(spend, on=["period_start", "channel"], how="outer")
    for column in ("leads", "qualified", "customers"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["spend"] = frame["spend"].astype(float).fillna(0.0)
    # The staff works in every period the data covers, whether or not leads came in.
    periods = sorted(set(frame["period_start"]))
    staffed = set(frame.loc[frame["channel"] == staff_channel, "period_start"])
    if staff_cost and set(periods) - staffed:
        extra = pd.DataFrame(
            {"period_start": [p for p in periods if p not in staffed], "channel": staff_channel}
        )
        frame = pd.concat([frame, extra], ignore_index=True).fillna(
            {"leads": 0, "qualified": 0, "customers": 0, "spend": 0.0}
        )
    frame["value_lead"] = frame["leads"] * values.lead
    frame["value_qualified"] = frame["qualified"] * values.qualified
    frame["value_customer"] = frame["customers"] * values.customer
    frame["value"] = frame[["value_lead", "value_qualified", "value_customer"]].sum(axis=1)
    frame["staff_cost"] = [staff_cost if c == staff_channel else 0.0 for c in frame["channel"]]
    frame["cost"] = frame["spend"] + frame["staff_cost"]
    for stage, column in (("lead", "leads"), ("qualified", "qualified"), ("customer", "customers")):
        frame[f"cost_per_{stage}"] = [
            cost / n if n else None for cost, n in zip(frame["cost"], frame[column], strict=True)
        ]
    frame["roi"] = [
        (v - c) / c if c else None for v, c in zip(frame["value"], frame["cost"], strict=True)
    ]
    return frame.sort_values(["period_start", "channel"], ignore_index=True)


def social_roi(
    con: duckdb.DuckDBPyConnection,
    values: StageValues,
    staff_cost: float = 0.0,
    grain: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[str, float | int | None]:
    """Social over the whole range (every lead, or those created in [start, end]): counts,
    value created, revenue of social leads, ad spend, staff cost (per period × periods
    covered), cost, ROI on the value set and on revenue."""
    frame = stage_value(con, values, staff_cost, "social", grain, start, end)
    social = frame[frame["channel"] == "social"]
    revenue = con.execute(
        f"""SELECT coalesce(sum(CAST(revenue AS DOUBLE)), 0.0) FROM leads
            WHERE converted_at IS NOT NULL AND {channel_sql("channel")} = 'social'
              AND {date_filter("created_at", start, end)}"""
    ).fetchall()[0][0]
    cost = float(social["cost"].sum())
    value = float(social["value"].sum())
    return {
        "periods": int(frame["period_start"].nunique()),
        "leads": int(social["leads"].sum()),
        "qualified": int(social["qualified"].sum()),
        "customers": int(social["customers"].sum()),
        "value": value,
        "revenue": float(revenue),
        "spend": float(social["spend"].sum()),
        "staff_cost": float(social["staff_cost"].sum()),
        "cost": cost,
        "roi_value": (value - cost) / cost if cost else None,
        "roi_revenue": (float(revenue) - cost) / cost if cost else None,
    }
