"""The KPIs, declared as data: one record per KPI with its dataset, SQL aggregates, format
and direction. The Overview reads its headline tiles from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kpi:
    """One KPI. A ratio names numerator and denominator; the engine divides their sums per period."""

    id: str
    label: str
    family: str
    dataset: str
    time_field: str
    numerator: str
    denominator: str | None = None
    requires: tuple[str, ...] = ()
    format: str = "count"  # count, percent, currency, ratio, duration
    direction: str = "higher"  # higher or lower is better
    description: str = ""
    stock: bool = False  # a level (followers) rather than a flow: take the last day, not the sum


CATALOG: tuple[Kpi, ...] = (
    Kpi(
        "impressions", "Impressions", "engagement", "posts", "published_at", "sum(impressions)",
        requires=("impressions",), description="Times your posts were shown.",
    ),
    Kpi(
        "engagement_rate", "Engagement rate", "engagement", "posts", "published_at",
        "sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0))", "sum(impressions)",
        requires=("likes", "comments", "shares", "impressions"), format="percent",
        description="Likes, comments and shares per impression.",
    ),
    Kpi(
        "followers", "Followers", "engagement", "account_daily", "date", "sum(followers)",
        requires=("followers",), stock=True, description="Followers on the last day, all platforms.",
    ),
    Kpi(
        "new_followers", "New followers", "engagement", "account_daily", "date", "sum(new_followers)",
        requires=("new_followers",), description="Followers gained in the period.",
    ),
    Kpi(
        "sessions", "Sessions", "inbound_traffic", "web_traffic", "date", "sum(sessions)",
        requires=("sessions",), description="Visits to your website, all sources.",
    ),
    Kpi(
        "leads", "Leads", "conversions", "leads", "created_at", "count(lead_id)",
        requires=("lead_id",), description="New leads in your CRM.",
    ),
    Kpi(
        "spend", "Ad spend", "paid", "ads", "date", "sum(spend)", requires=("spend",),
        format="currency", direction="lower", description="Money spent on ads.",
    ),
    Kpi(
        "roas", "ROAS", "paid", "ads", "date", "sum(conversion_value)", "sum(spend)",
        requires=("conversion_value", "spend"), format="ratio",
        description="Revenue from ads per unit of ad spend.",
    ),
)  # fmt: skip

BY_ID = {k.id: k for k in CATALOG}
