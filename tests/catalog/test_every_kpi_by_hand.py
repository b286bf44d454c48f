"""Every catalog KPI computed by the engine on a tiny fixture (catalogkit.py) and compared with a
value worked out by hand here. Rows outside January 2026 in the fixture must not count."""

from __future__ import annotations

import datetime as dt

import pytest
from catalogkit import ROWS, build_session

from kpi.catalog import CATALOG
from kpi.engine import Request, run
from kpi.store import SessionData

START, END = dt.date(2026, 1, 1), dt.date(2026, 1, 31)

# In-range fixture rows, summarised so the arithmetic below can be checked against the CSVs.
# posts p1..p4: impressions 1000, 2000, 500, 1500; reach 800, 1500, 400, 1200; likes 40, 60, 10, 30;
#   comments 5, 10, 2, 3; positive 3, 6, 1, 2; negative 1, 2, 0, 1; shares 5, 20, 4, 1;
#   saves 7, 3, 1, 0; clicks 12, 30, 8, 10; post types photo, link, article, video.
# account_daily 1–2 Jan (instagram, facebook): followers 1000, 2000 then 1008, 2000;
#   new 10, 5, 12, 8; lost 2, 5, 4, 1; profile visits 50, 30, 60, 20; messages 3, 2, 5, 1;
#   mentions 4, 1, 2, 3; tagged 1, 0, 2, 1.
# web_traffic: sessions 100 (organic), 50 (social medium), 30 (Paid Social group), 20 (email),
#   10 (medium sm) on 5, 5, 6, 6, 7 Jan; engaged 60, 20, 15, 12, 4; bounces 30, 25, 10, 5, 6;
#   engagement seconds 6000, 1500, 900, 1200, 200; pageviews 250, 80, 45, 40, 15;
#   conversions 3, 2, 1, 0, 0.
# ads: spend 100, 50, 150; impressions 20000, 10000, 30000; clicks 200, 100, 150; leads 10, 5, 5;
#   new followers 40, 10, 50; add-to-carts 8, 4, 8; purchases 4, 1, 5; value 500, 100, 600;
#   campaigns Winter, Winter, Spring.
# leads L1..L6: channel social, social, email, search, social, email; score 80, 40, 60, 20, 90, 50;
#   qualified T, F, T, F, T, T; converted L1, L3, L5; revenue 300 (C1), 200 (C2), 100 (C3).
# customers C1..C4: social T, F, T, F; churned C2, C4; saved 1, 0, 2, 1.
# orders O1..O4: C1 120, C1 80, C2 200, C3 50.
# conversations V1..V5: first response after 600 s, 3600 s, 1800 s, none, 120 s;
#   complaints V2, V3, V4, of which V2 resolved.
EXPECTED: dict[str, float] = {
    # --- engagement
    "impressions": 1000 + 2000 + 500 + 1500,
    "reach": 800 + 1500 + 400 + 1200,
    "profile_visits": 50 + 30 + 60 + 20,
    "likes": 40 + 60 + 10 + 30,
    "followers": 1008 + 2000,  # the last day in range (2 Jan), both platforms; not the 1 Feb row
    "new_followers": 10 + 5 + 12 + 8,
    "net_new_followers": (10 + 5 + 12 + 8) - (2 + 5 + 4 + 1),
    "followers_at_start": 1000 + 2000,  # the first day in range (1 Jan), both platforms
    # net new over the followers at the start (Sprout, Hootsuite, Metricool); it was over the
    # average day's followers, (3000 + 3008) / 2, which no social tool reports
    "follower_growth_rate": 23 / (1000 + 2000),
    "comments": 5 + 10 + 2 + 3,
    "positive_comments": 3 + 6 + 1 + 2,
    "negative_comments": 1 + 2 + 0 + 1,
    "private_messages": 3 + 2 + 5 + 1,
    "shares": 5 + 20 + 4 + 1,
    "saves": 7 + 3 + 1 + 0,
    "engagement": (40 + 5 + 5) + (60 + 10 + 20) + (10 + 2 + 4) + (30 + 3 + 1),
    "engagement_rate": 190 / 5000,
    "engagement_rate_by_reach": 190 / 3900,
    # --- internal
    "posts": 4,
    "first_response_time_median": (600 + 1800) / 2,  # of 120, 600, 1800, 3600 s
    "first_response_time_p90": 1800 + 0.7 * (3600 - 1800),  # position 0.9 × (4 − 1) = 2.7
    "response_rate": 4 / 5,
    "complaint_resolution_rate": 1 / 3,
    # --- popularity
    "brand_mentions": 4 + 1 + 2 + 3,
    "tagged_people": 1 + 0 + 2 + 1,
    # --- demographic
    "followers_by_segment": 320
    + 688,  # age (the one dimension): the 25 Jan snapshot, the last in range
    # --- inbound traffic
    "sessions": 100 + 50 + 30 + 20 + 10,
    "social_sessions": 50 + 30 + 10,  # medium social, group "Paid Social", medium sm
    "social_session_share": (50 + 30 + 10) / 210,
    "search_clicks": 40 + 25 + 5,
    # --- conversions
    "leads": 6,  # the CRM's leads win over the ads' 10 + 5 + 5
    "purchases": 4,  # the shop's orders O1..O4 win over the ads' 4 + 1 + 5
    "conversions": 3 + 2 + 1 + 0 + 0,  # web analytics
    "qualified_interactions": 2,  # L1, L5: qualified and social
    "social_leads": 3,  # L1, L2, L5
    "social_lead_conversion_rate": 2 / 3,  # L1, L5 of L1, L2, L5
    "non_social_lead_conversion_rate": 1 / 3,  # L3 of L3, L4, L6
    "social_lead_revenue": 300 + 100,
    "order_revenue": 120 + 80 + 200 + 50,  # not O5 (February)
    # --- paid
    "spend": 100 + 50 + 150,
    "cpm": 300 / 60000 * 1000,
    "cost_per_click": 300 / (200 + 100 + 150),
    "cost_per_lead": 300 / (10 + 5 + 5),
    "cost_per_follower": 300 / (40 + 10 + 50),
    "cost_per_add_to_cart": 300 / (8 + 4 + 8),
    "cost_per_sale": 300 / (4 + 1 + 5),
    "roas": (500 + 100 + 600) / 300,
    "roi": (1200 - 300) / 300,
    "cac": 300 / 4,  # spend / new customers
    "ltv": 450 / 3,  # order revenue / customers who ordered (C1, C2, C3)
    "ltv_cac": (450 / 3) / (300 / 4),
    # --- traffic
    "time_on_site": (6000 + 1500 + 900 + 1200 + 200) / 210,
    "bounce_rate": (30 + 25 + 10 + 5 + 6) / 210,
    "adjusted_bounce_rate": (210 - (60 + 20 + 15 + 12 + 4)) / 210,
    "pages_per_session": (250 + 80 + 45 + 40 + 15) / 210,
    # --- average A per B
    "avg_clicks_per_post": (12 + 30 + 8 + 10) / 4,
    "avg_comments_per_post": 20 / 4,
    "avg_shares_per_post": 30 / 4,
    "avg_shares_per_article": (20 + 4) / 2,  # p2 (link) and p3 (article)
    "avg_likes_per_post": 140 / 4,
    "avg_impressions_per_post": 5000 / 4,
    "avg_spend_per_campaign": 300 / 2,  # Winter, Spring
    "avg_sessions_per_day": 210 / 3,  # 5, 6 and 7 Jan
    # --- leads & customers
    "qualified_leads": 4,  # L1, L3, L5, L6
    "converted_leads": 3,
    "lead_conversion_rate": 3 / 6,
    "avg_lead_score": (80 + 40 + 60 + 20 + 90 + 50) / 6,
    "new_customers": 4,
    "churned_customers": 2,
    "customer_retention_rate": (4 - 2) / 4,
    "customer_saves": 1 + 0 + 2 + 1,
    "social_customer_share": 2 / 4,
    "customers_ordering": 3,
    "revenue_per_customer": 450 / 3,
    "orders_per_customer": 4 / 3,
    "social_revenue_per_customer": (300 + 100) / 2,  # C1, C3
    "non_social_revenue_per_customer": 200 / 1,  # C2
}


@pytest.fixture(scope="module")
def data() -> SessionData:
    return build_session()


def test_every_dataset_is_recognised(data):
    assert data.errors == []
    assert data.datasets() == ROWS


def test_every_catalog_kpi_has_a_hand_computed_value():
    assert sorted(EXPECTED) == sorted(k.id for k in CATALOG)


@pytest.mark.parametrize("kpi_id", [k.id for k in CATALOG])
def test_kpi_by_hand(data, kpi_id):
    by = next((k.per for k in CATALOG if k.id == kpi_id), ())
    result = run(data.con, Request(kpis=(kpi_id,), start=START, end=END, by=by))
    assert result.needs == []
    value = result.rows.loc[result.rows["kpi"] == kpi_id, "value"].item()
    assert value == pytest.approx(EXPECTED[kpi_id])


def test_all_kpis_in_one_request_agree(data):
    ids = tuple(k.id for k in CATALOG)
    result = run(data.con, Request(kpis=ids, start=START, end=END))
    # followers by segment only makes sense per dimension: it asks, never sums them all
    assert [(n.kpi, n.missing, n.reason) for n in result.needs] == [
        ("followers_by_segment", ("dimension",), "breakdown")
    ]
    got = dict(zip(result.rows["kpi"], result.rows["value"], strict=True))
    assert got == pytest.approx({k: v for k, v in EXPECTED.items() if k != "followers_by_segment"})
