"""Customers over time: monthly acquisition cohorts, their retention matrix, revenue per customer
by cohort and channel, lifetime value over the observed lifetime, and CAC and LTV : CAC.

A cohort is the month of `customers.acquired_at`. Retention in month k after acquisition is the
share of the cohort still a customer at the end of that month (or at the data's end, for the
month in progress): `churned_at` empty or later. Without churn dates, the share of the cohort
that ordered in that month is used instead. Either way a share of a cohort never exceeds 100 %.

"Observed lifetime" is honest about exports: it runs from the cohort month to the month the data
ends (`months_covered`), and revenue is what the orders export holds in it.

Every analysis takes an optional range (`start`, `end`, inclusive) that keeps the customers
acquired in it; their months are still followed to the data's end.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from kpi.analytics.journeys import date_filter, has_values, require
from kpi.analytics.spend import channel_sql, spend_by_channel, spend_window
from kpi.errors import KpiError
from kpi.i18n import t

BASES = ("auto", "churn", "orders")


def data_end(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The last day the customers and orders exports know about."""
    parts = ["SELECT max(acquired_at) AS t FROM customers", "SELECT max(churned_at) FROM customers"]
    if has_values(con, "orders", "ordered_at"):
        parts.append("SELECT max(ordered_at) FROM orders")
    value = con.execute(f"SELECT max(t) FROM ({' UNION ALL '.join(parts)})").fetchall()[0][0]
    if value is None:
        raise KpiError(t("error.no_acquisition_dates"))
    return value.date() if isinstance(value, dt.datetime) else value


def _cohorts_cte(
    by_channel: bool,
    since: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    channel = channel_sql("channel") if by_channel else "'all'"
    after = f" AND acquired_at >= DATE '{since.isoformat()}'" if since else ""
    after += f" AND {date_filter('acquired_at', start, end)}"
    return f"""c AS (
        SELECT customer_id, CAST(date_trunc('month', acquired_at) AS DATE) AS cohort,
               {channel} AS channel, churned_at
        FROM customers WHERE acquired_at IS NOT NULL{after}
        QUALIFY customer_id IS NULL
             OR row_number() OVER (PARTITION BY customer_id ORDER BY acquired_at) = 1
    )"""


def retention_matrix(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    basis: str = "auto",
    by_channel: bool = False,
    since: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Long format: cohort, channel ('all' unless by_channel), months_since, customers (cohort
    size), retained, retention (0–1). Months run from 0 to the month of `as_of` (the data's end
    by default). `basis`: churn dates, monthly orders, or auto (churn dates when there are any).
    `since` drops older cohorts (an export rarely holds customers who left before it starts)."""
    if basis not in BASES:
        raise KpiError(t("error.unknown_basis", basis=basis, bases=", ".join(BASES)))
    require(con, "customers", ("acquired_at",))
    as_of = as_of or data_end(con)
    if basis == "auto":
        basis = "churn" if has_values(con, "customers", "churned_at") else "orders"
    if basis == "orders":
        require(con, "orders", ("customer_id", "ordered_at"))
        kept = """EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
                  AND o.ordered_at >= g.month_start AND o.ordered_at < g.month_start + INTERVAL 1 MONTH
                  AND CAST(o.ordered_at AS DATE) <= CAST($as_of AS DATE))"""
    else:
        kept = """c.churned_at IS NULL
                  OR CAST(c.churned_at AS DATE) > least(CAST(g.month_start + INTERVAL 1 MONTH AS DATE) - 1,
                                                        CAST($as_of AS DATE))"""
    sql = f"""
        WITH {_cohorts_cte(by_channel, since, start, end)},
        sizes AS (SELECT cohort, channel, count(*) AS customers FROM c GROUP BY ALL),
        g AS (
            SELECT cohort, k AS months_since, CAST(cohort + to_months(k) AS TIMESTAMP) AS month_start
            FROM (SELECT DISTINCT cohort FROM c WHERE cohort <= CAST($as_of AS DATE)),
                 LATERAL (SELECT unnest(generate_series(0,
                     CAST(date_diff('month', cohort, CAST($as_of AS DATE)) AS BIGINT))) AS k)
        )
        SELECT g.cohort, c.channel, g.months_since, any_value(s.customers) AS customers,
               count(*) FILTER (WHERE {kept}) AS retained
        FROM g JOIN c USING (cohort) JOIN sizes s ON s.cohort = c.cohort AND s.channel = c.channel
        GROUP BY g.cohort, c.channel, g.months_since
        ORDER BY g.cohort, c.channel, g.months_since
    """
    frame = con.execute(sql, {"as_of": as_of}).df()
    frame["customers"] = frame["customers"].astype("int64")
    frame["retained"] = frame["retained"].astype("int64")
    frame["retention"] = frame["retained"] / frame["customers"]
    return frame


def retention_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a table: one row per cohort (and channel), one column per month since."""
    index = ["cohort", "channel"] if matrix["channel"].nunique() > 1 else ["cohort"]
    return matrix.pivot_table(index=index, columns="months_since", values="retention")


def cohort_revenue(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    by_channel: bool = True,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Revenue per customer by cohort, channel and month since acquisition, and its running
    total (the cohort's LTV so far). Columns: cohort, channel, months_since, customers,
    revenue, revenue_per_customer, cumulative_per_customer."""
    require(con, "customers", ("customer_id", "acquired_at"))
    require(con, "orders", ("customer_id", "ordered_at", "revenue"))
    as_of = as_of or data_end(con)
    sql = f"""
        WITH {_cohorts_cte(by_channel, None, start, end)},
        sizes AS (SELECT cohort, channel, count(*) AS customers FROM c GROUP BY ALL),
        o AS (
            SELECT c.cohort, c.channel,
                   CAST(date_diff('month', c.cohort, CAST(date_trunc('month', o.ordered_at) AS DATE))
                        AS BIGINT) AS months_since,
                   sum(CAST(o.revenue AS DOUBLE)) AS revenue
            FROM orders o JOIN c USING (customer_id)
            WHERE CAST(o.ordered_at AS DATE) <= CAST($as_of AS DATE) AND o.revenue IS NOT NULL
            GROUP BY ALL
        )
        SELECT o.cohort, o.channel, o.months_since, s.customers, o.revenue,
               o.revenue / s.customers AS revenue_per_customer,
               sum(o.revenue) OVER (PARTITION BY o.cohort, o.channel ORDER BY o.months_since)
                   / s.customers AS cumulative_per_customer
        FROM o JOIN sizes s USING (cohort, channel)
        WHERE o.months_since >= 0
        ORDER BY o.cohort, o.channel, o.months_since
    """
    frame = con.execute(sql, {"as_of": as_of}).df()
    frame["customers"] = frame["customers"].astype("int64")
    return frame


def lifetime_value(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    by: tuple[str, ...] = ("cohort", "channel"),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """LTV: average revenue per customer over the observed lifetime, by cohort and/or channel.
    Columns: the `by` fields, customers, revenue, ltv, months_covered (average months from the
    cohort month to the data's end, that month included)."""
    if not by or set(by) - {"cohort", "channel"}:
        raise KpiError(t("error.ltv_breakdown"))
    require(con, "customers", ("customer_id", "acquired_at"))
    require(con, "orders", ("customer_id", "revenue"))
    as_of = as_of or data_end(con)
    keys = ", ".join(by)
    sql = f"""
        WITH {_cohorts_cte(True, None, start, end)},
        per AS (
            SELECT c.customer_id, c.cohort, c.channel,
                   coalesce((SELECT sum(CAST(o.revenue AS DOUBLE)) FROM orders o
                             WHERE o.customer_id = c.customer_id
                               AND CAST(o.ordered_at AS DATE) <= CAST($as_of AS DATE)), 0.0)
                       AS revenue,
                   date_diff('month', c.cohort, CAST($as_of AS DATE)) + 1 AS months
            FROM c WHERE c.cohort <= CAST($as_of AS DATE)
        )
        SELECT {keys}, count(*) AS customers, sum(revenue) AS revenue,
               avg(revenue) AS ltv, avg(months) AS months_covered
        FROM per GROUP BY {keys} ORDER BY {keys}
    """
    frame = con.execute(sql, {"as_of": as_of}).df()
    frame["customers"] = frame["customers"].astype("int64")
    return frame


def cac_and_ltv(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Per channel: ad spend, customers acquired while the ads ran, CAC (spend / those
    customers), their LTV so far, and LTV : CAC. Channels without spend have no CAC; without an
    ads export every CAC is empty (see `spend.has_spend`). A range keeps the spend and the
    customers acquired in it."""
    require(con, "customers", ("customer_id", "acquired_at"))
    require(con, "orders", ("customer_id", "revenue"))
    as_of = as_of or data_end(con)
    window = spend_window(con, start, end)
    spend = spend_by_channel(con, None, start, end)
    columns = ["channel", "spend", "customers", "cac", "ltv", "ltv_to_cac", "months_covered"]
    if window is None:
        frame = lifetime_value(con, as_of, ("channel",), start, end)
        frame["spend"] = frame["cac"] = frame["ltv_to_cac"] = None
        return frame[columns]
    start, end = window
    sql = f"""
        WITH c AS (
            SELECT customer_id, {channel_sql("channel")} AS channel,
                   date_diff('month', CAST(date_trunc('month', acquired_at) AS DATE),
                             CAST($as_of AS DATE)) + 1 AS months
            FROM customers WHERE CAST(acquired_at AS DATE) BETWEEN $start AND $end
        ), per AS (
            SELECT c.channel, c.months,
                   coalesce((SELECT sum(CAST(o.revenue AS DOUBLE)) FROM orders o
                             WHERE o.customer_id = c.customer_id
                               AND CAST(o.ordered_at AS DATE) <= CAST($as_of AS DATE)), 0.0) AS revenue
            FROM c
        )
        SELECT channel, count(*) AS customers, avg(revenue) AS ltv, avg(months) AS months_covered
        FROM per GROUP BY channel
    """
    per = con.execute(sql, {"as_of": as_of, "start": start, "end": end}).df()
    frame = per.merge(spend, on="channel", how="outer")
    frame["customers"] = frame["customers"].fillna(0).astype("int64")
    frame["cac"] = [
        s / n if n and s == s else None
        for s, n in zip(frame["spend"], frame["customers"], strict=True)
    ]
    frame["ltv_to_cac"] = [
        ltv / cac if cac and ltv == ltv else None
        for ltv, cac in zip(frame["ltv"], frame["cac"], strict=True)
    ]
    return frame[columns].sort_values("channel", ignore_index=True)
