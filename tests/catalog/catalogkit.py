"""A tiny session with every canonical dataset a catalog KPI reads, written as CSV text with
canonical column names, so each KPI's value can be worked out by hand in the tests.

The range under test is January 2026; a few rows fall just outside it (marked) to prove the
date range is respected, and they carry large numbers so a leak shows at once."""

from __future__ import annotations

from kpi.load import load_file
from kpi.store import SessionData

POSTS_CSV = """\
published_at,platform,post_id,post_type,impressions,reach,likes,comments,comments_positive,comments_negative,shares,saves,clicks
2025-12-31 12:00,x,p0,link,9999,9999,99,99,99,99,99,99,99
2026-01-05 09:00,instagram,p1,photo,1000,800,40,5,3,1,5,7,12
2026-01-06 10:00,facebook,p2,link,2000,1500,60,10,6,2,20,3,30
2026-01-12 11:00,facebook,p3,article,500,400,10,2,1,0,4,1,8
2026-01-20 12:00,x,p4,video,1500,1200,30,3,2,1,1,0,10
"""  # p0 is outside the range

ACCOUNT_DAILY_CSV = """\
date,platform,followers,new_followers,lost_followers,profile_visits,private_messages,brand_mentions,tagged
2026-01-01,instagram,1000,10,2,50,3,4,1
2026-01-01,facebook,2000,5,5,30,2,1,0
2026-01-02,instagram,1008,12,4,60,5,2,2
2026-01-02,facebook,2000,8,1,20,1,3,1
2026-02-01,instagram,5000,99,99,99,99,99,99
"""  # the 1 Feb row is outside the range

AUDIENCE_CSV = """\
platform,dimension,segment,followers,snapshot_date
instagram,age,18-24,300,2026-01-10
instagram,age,25-34,700,2026-01-10
instagram,age,18-24,320,2026-01-25
instagram,age,25-34,688,2026-01-25
instagram,age,18-24,9999,2026-02-05
"""  # the 5 Feb snapshot is outside the range

WEB_TRAFFIC_CSV = """\
date,source,medium,channel_group,sessions,engaged_sessions,bounces,engagement_seconds,pageviews,conversions
2026-01-05,google,organic,Organic Search,100,60,30,6000,250,3
2026-01-05,facebook,social,Organic Social,50,20,25,1500,80,2
2026-01-06,instagram,referral,Paid Social,30,15,10,900,45,1
2026-01-06,newsletter,email,Email,20,12,5,1200,40,0
2026-01-07,t.co,sm,Referral,10,4,6,200,15,0
"""

SEARCH_QUERIES_CSV = """\
date,query,clicks,impressions,position
2026-01-05,acme shoes,40,400,2.1
2026-01-06,acme,25,300,1.5
2026-01-07,running shoes,5,900,8.4
"""

ADS_CSV = """\
date,platform,campaign,ad_set,spend,impressions,clicks,leads,new_followers,add_to_carts,purchases,conversion_value
2026-01-05,facebook,Winter,A,100,20000,200,10,40,8,4,500
2026-01-06,facebook,Winter,B,50,10000,100,5,10,4,1,100
2026-01-06,instagram,Spring,A,150,30000,150,5,50,8,5,600
"""

LEADS_CSV = """\
lead_id,created_at,channel,score,qualified,converted_at,revenue,customer_id
L1,2026-01-03 10:00,Organic Social,80,true,2026-01-10 10:00,300,C1
L2,2026-01-04 10:00,Paid Social,40,false,,,
L3,2026-01-05 10:00,Email,60,true,2026-01-15 10:00,200,C2
L4,2026-01-06 10:00,Search,20,false,,,
L5,2026-01-07 10:00,social,90,true,2026-01-20 10:00,100,C3
L6,2026-01-08 10:00,Email,50,true,,,
"""

CUSTOMERS_CSV = """\
customer_id,acquired_at,channel,is_social,churned_at,saved_count,control_group
C1,2026-01-10 10:00,Organic Social,true,,1,false
C2,2026-01-15 10:00,Email,false,2026-01-28 00:00,0,true
C3,2026-01-20 10:00,Social,true,,2,false
C4,2026-01-22 10:00,Search,false,2026-01-30 00:00,1,true
"""

ORDERS_CSV = """\
order_id,customer_id,ordered_at,revenue,category
O1,C1,2026-01-10 11:00,120,shoes
O2,C1,2026-01-25 11:00,80,socks
O3,C2,2026-01-16 11:00,200,shoes
O4,C3,2026-01-21 11:00,50,socks
O5,C3,2026-02-02 11:00,999,shoes
"""  # O5 is outside the range

CONVERSATIONS_CSV = """\
conversation_id,platform,kind,received_at,first_response_at,is_complaint,resolved_at,sentiment
V1,facebook,comment,2026-01-05 10:00:00,2026-01-05 10:10:00,false,,positive
V2,instagram,message,2026-01-06 09:00:00,2026-01-06 10:00:00,true,2026-01-07 09:00:00,negative
V3,x,mention,2026-01-07 12:00:00,2026-01-07 12:30:00,true,,negative
V4,facebook,message,2026-01-08 08:00:00,,true,,neutral
V5,instagram,comment,2026-01-09 08:00:00,2026-01-09 08:02:00,false,,neutral
"""

FILES = {
    "posts.csv": POSTS_CSV,
    "account_daily.csv": ACCOUNT_DAILY_CSV,
    "audience.csv": AUDIENCE_CSV,
    "web_traffic.csv": WEB_TRAFFIC_CSV,
    "search_queries.csv": SEARCH_QUERIES_CSV,
    "ads.csv": ADS_CSV,
    "leads.csv": LEADS_CSV,
    "customers.csv": CUSTOMERS_CSV,
    "orders.csv": ORDERS_CSV,
    "conversations.csv": CONVERSATIONS_CSV,
}

# Rows each dataset's view must hold: every row of its file (the outside-range ones too).
ROWS = {
    "posts": 5,
    "account_daily": 5,
    "audience": 5,
    "web_traffic": 5,
    "search_queries": 3,
    "ads": 3,
    "leads": 6,
    "customers": 4,
    "orders": 5,
    "conversations": 5,
}


def build_session() -> SessionData:
    """A session holding every fixture file, loaded and recognised as a person's upload would be."""
    data = SessionData()
    for name, text in FILES.items():
        data.add(load_file(name, text.encode()))
    return data
