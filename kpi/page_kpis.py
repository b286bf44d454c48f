"""Which KPIs each dashboard page shows: one list, read by the page and by its PDF slides."""

from __future__ import annotations

OVERVIEW = (
    "impressions", "engagement_rate", "followers", "new_followers", "sessions", "social_sessions",
    "leads", "spend", "roas", "bounce_rate", "first_response_time_median", "brand_mentions",
)  # fmt: skip
ENGAGEMENT = (
    "impressions", "reach", "engagement", "engagement_rate", "engagement_rate_by_reach",
    "likes", "comments", "shares", "saves", "positive_comments", "negative_comments",
    "followers", "new_followers", "net_new_followers", "follower_growth_rate",
    "profile_visits", "private_messages",
)  # fmt: skip
TRAFFIC = (
    "sessions", "social_sessions", "social_session_share", "time_on_site", "bounce_rate",
    "adjusted_bounce_rate", "pages_per_session",
)  # fmt: skip
PAID_CORE = (
    "spend", "cpm", "cost_per_click", "cost_per_lead", "cost_per_follower",
    "cost_per_add_to_cart", "cost_per_sale", "roas", "roi",
)  # fmt: skip
PAID_WHEN_PRESENT = ("cac", "ltv", "ltv_cac")  # shown only when the data allows them
# Ad volumes the catalog has no KPI for (its impressions and leads come from posts and the CRM).
AD_VOLUMES = ("impressions", "clicks", "leads", "purchases")
SAMPLE_BRAND_TERMS = ("cafe aurora",)  # the sample business, Café Aurora
