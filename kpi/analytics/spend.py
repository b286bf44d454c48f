"""Ad spend in the same channel words as leads and customers, so costs meet results.

Ads rows carry a platform; a lead or customer carries a channel. Spend on a social platform
(Facebook, Instagram, X, LinkedIn, TikTok, YouTube) is `social` spend, spend on Google is
`paid_search`, anything else keeps its platform name. A lead's or customer's channel is `social`
when it mentions social (Paid Social, organic_social…), otherwise its own lower-cased value.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from kpi.engine import GRAINS, available_fields
from kpi.errors import KpiError
from kpi.i18n import t
from kpi.schema import PLATFORMS

SOCIAL_PLATFORMS = tuple(p for p in PLATFORMS if p != "google")
UNKNOWN = "(not set)"


def ads_channel_sql(platform: str = "platform") -> str:
    """SQL: the channel of an ads row from its platform."""
    social = ", ".join(f"'{p}'" for p in SOCIAL_PLATFORMS)
    return (
        f"CASE WHEN lower({platform}) IN ({social}) THEN 'social' "
        f"WHEN lower({platform}) = 'google' THEN 'paid_search' "
        f"ELSE coalesce(nullif(lower(trim({platform})), ''), '{UNKNOWN}') END"
    )


def channel_sql(column: str = "channel") -> str:
    """SQL: a lead's or customer's channel, with every kind of social folded into `social`."""
    return (
        f"CASE WHEN lower(coalesce(CAST({column} AS VARCHAR), '')) LIKE '%social%' THEN 'social' "
        f"ELSE coalesce(nullif(lower(trim(CAST({column} AS VARCHAR))), ''), '{UNKNOWN}') END"
    )


def has_spend(con: duckdb.DuckDBPyConnection) -> bool:
    """True when an `ads` view with spend and dates is loaded."""
    present = available_fields(con, "ads")
    return present is not None and {"spend", "date"} <= present


def _in_range(start: dt.date | None, end: dt.date | None) -> str:
    from kpi.analytics.journeys import date_filter  # journeys imports nothing from here

    return date_filter("date", start, end)


def spend_by_channel(
    con: duckdb.DuckDBPyConnection,
    grain: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Ad spend per channel (and per period start with a grain), on the days of [start, end]
    when given; empty without ads."""
    columns = ["channel", "spend"] if grain is None else ["period_start", "channel", "spend"]
    if not has_spend(con):
        return pd.DataFrame(columns=columns)
    if grain is not None and grain not in GRAINS:
        raise KpiError(t("error.unknown_grain", grain=grain, grains=", ".join(GRAINS)))
    period = "" if grain is None else f"CAST(date_trunc('{grain}', date) AS DATE) AS period_start, "
    sql = f"""SELECT {period}{ads_channel_sql()} AS channel, sum(CAST(spend AS DOUBLE)) AS spend
              FROM ads WHERE spend IS NOT NULL AND date IS NOT NULL AND {_in_range(start, end)}
              GROUP BY ALL ORDER BY ALL"""
    return con.execute(sql).df()


def spend_window(
    con: duckdb.DuckDBPyConnection, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[object, object] | None:
    """The first and last day of the ads export (within [start, end] when given), or None
    without spend."""
    if not has_spend(con):
        return None
    first, last = con.execute(
        f"SELECT min(date), max(date) FROM ads WHERE spend IS NOT NULL AND {_in_range(start, end)}"
    ).fetchall()[0]
    return None if first is None else (first, last)
