"""Content and traffic analytics on tiny canonical tables, against values computed by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from kpi.analytics import content, traffic
from kpi.load import load_file
from kpi.schema import DATASETS
from kpi.store import SessionData

D = dt.date
WEEK = (D(2026, 1, 5), D(2026, 1, 11))  # Monday 5 Jan to Sunday 11 Jan

# engagement = likes + comments + shares; rate = engagement / impressions
POSTS = """published_at,platform,post_id,text,url,impressions,reach,likes,comments,shares,clicks
2026-01-05 09:00,instagram,P1,"Hola #CaféAurora #Madrid, cc @barista.lucia",https://example.com/p1,1000,800,50,5,5,10
2026-01-06 09:00,instagram,P2,"Nuevo tueste #CAFÉAURORA y otra vez #caféaurora",https://example.com/p2,200,150,30,0,0,4
2026-01-07 09:00,facebook,P3,"#Madrid hoy",https://example.com/p3,50,40,20,0,0,1
2026-01-08 09:00,facebook,P4,"Visit https://x.com/page#frag or hola@cafe.com #madrid",javascript:alert(1),500,400,5,0,0,5
2026-01-09 09:00,x,P5,"@Barista.Lucia thanks! We are #1",https://example.com/p5,100,90,2,1,0,0
2026-01-20 09:00,instagram,P6,"#CaféAurora later",https://example.com/p6,1000,900,500,0,0,50
"""
# rates: P1 60/1000=.06  P2 30/200=.15  P3 20/50=.40  P4 5/500=.01  P5 3/100=.03

WEB = """date,source,medium,channel_group,sessions
2026-01-05,instagram.com,referral,Organic Social,100
2026-01-05,google,organic,Organic Search,300
2026-01-06,newsletter,email,Email,50
2026-01-12,facebook,social,,40
2026-01-13,l.tiktok.com,sm,Referral,10
2026-01-13,(direct),(none),Direct,60
2026-01-26,facebook,social,Organic Social,999
"""

SEARCH = """date,query,clicks,impressions,position
2026-01-05,cafe aurora,10,20,1.0
2026-01-05,Café Aurora opiniones,5,10,1.5
2026-01-05,cafe de especialidad,3,100,8.0
2026-01-12,CAFÉ AURORA madrid,4,8,1.1
2026-01-12,tostadores madrid,6,60,5.0
2026-01-12,aurora borealis,1,50,9.0
"""

LEADS = """lead_id,created_at,channel
L1,2026-01-05 10:00,social
L2,2026-01-10 10:00,email
L3,2026-01-30 10:00,social
"""

CUSTOMERS = """customer_id,acquired_at
C1,2026-01-07 12:00
C2,2025-12-01 12:00
"""


def _data(**files: str) -> SessionData:
    data = SessionData()
    for name, text in files.items():
        data.add(load_file(f"{name}.csv", text.encode()))
    return data


@pytest.fixture(scope="module")
def data() -> SessionData:
    data = _data(
        posts=POSTS, web_traffic=WEB, search_queries=SEARCH, leads=LEADS, customers=CUSTOMERS
    )
    assert set(data.datasets()) == {"posts", "web_traffic", "search_queries", "leads", "customers"}
    return data


# --- best and worst posts -------------------------------------------------------------------


def test_top_and_bottom_posts_by_engagement_rate_above_the_threshold(data):
    top, bottom = content.ranked_posts(data.con, *WEEK, min_impressions=100, n=2)
    # P3 (rate .40) has 50 impressions: below the threshold. P6 is after the range.
    assert list(top["engagement_rate"]) == pytest.approx([0.15, 0.06])
    assert list(top["text"].str[:12]) == ["Nuevo tueste", "Hola #CaféAu"]
    assert list(bottom["engagement_rate"]) == pytest.approx([0.01, 0.03])  # worst first
    assert list(bottom["platform"]) == ["facebook", "x"]
    assert list(top["impressions"]) == [200, 1000]
    assert list(top["engagement"]) == [30, 60]
    assert list(top["published"].astype(str)) == ["2026-01-06", "2026-01-05"]
    assert list(top.columns) == [
        "text", "platform", "published", "impressions", "engagement", "engagement_rate", "url",
    ]  # fmt: skip


def test_the_threshold_is_inclusive_and_moves_posts_in_and_out(data):
    top, bottom = content.ranked_posts(data.con, *WEEK, min_impressions=100, n=10)
    assert list(top["engagement_rate"]) == pytest.approx([0.15, 0.06, 0.03, 0.01])
    assert bottom.empty  # a top post is never repeated at the bottom
    top, _ = content.ranked_posts(data.con, *WEEK, min_impressions=101, n=10)
    assert list(top["engagement_rate"]) == pytest.approx([0.15, 0.06, 0.01])  # P5 has 100
    top, _ = content.ranked_posts(data.con, *WEEK, min_impressions=0, n=1)
    assert list(top["engagement_rate"]) == pytest.approx([0.40])


def test_ranked_posts_follow_the_platform_filter_and_drop_unsafe_links(data):
    top, bottom = content.ranked_posts(
        data.con, *WEEK, {"platform": ("facebook",)}, min_impressions=0, n=1
    )
    assert list(top["engagement_rate"]) == pytest.approx([0.40])
    assert list(bottom["engagement_rate"]) == pytest.approx([0.01])
    assert bottom["url"].isna().all()  # javascript:alert(1) is never offered as a link
    assert top["url"].tolist() == ["https://example.com/p3"]


def test_long_post_text_is_shortened():
    long = "palabra " * 40
    data = _data(posts=f"published_at,platform,text,impressions,likes\n2026-01-05,x,{long},100,1\n")
    top, _ = content.ranked_posts(data.con, *WEEK, min_impressions=0)
    text = top["text"].iloc[0]
    assert len(text) <= content.TEXT_CHARS and text.endswith("…")


# --- hashtags and mentions --------------------------------------------------------------------


def test_hashtags_fold_case_keep_accents_and_count_once_per_post(data):
    by_engagement = content.top_tags(data.con, *WEEK, order_by="engagement")
    rows = {r.tag: (r.posts, r.engagement) for r in by_engagement.itertuples()}
    # #CaféAurora (P1) and #CAFÉAURORA + #caféaurora (P2, once): 2 posts, 60 + 30 engagement.
    # #Madrid (P1), #Madrid (P3), #madrid (P4): 3 posts, 60 + 20 + 5.
    # "#frag" inside a link and "#1" are not hashtags; P6 is after the range.
    assert rows == {"#caféaurora": (2, 90), "#madrid": (3, 85)}
    assert list(by_engagement["tag"]) == ["#caféaurora", "#madrid"]
    by_posts = content.top_tags(data.con, *WEEK, order_by="posts")
    assert list(by_posts["tag"]) == ["#madrid", "#caféaurora"]
    assert content.top_tags(data.con, *WEEK, n=1)["tag"].tolist() == ["#caféaurora"]


def test_mentions_keep_dotted_handles_and_skip_email_addresses(data):
    mentions = content.top_tags(data.con, *WEEK, kind="mention")
    # @barista.lucia (P1, 60) and @Barista.Lucia (P5, 3); hola@cafe.com is an address.
    assert mentions.to_dict("records") == [{"tag": "@barista.lucia", "posts": 2, "engagement": 63}]


def test_decomposed_accents_are_the_same_hashtag():
    decomposed = "#Cafe\u0301Aurora"  # e + combining acute, as some exports write it
    data = _data(
        posts="published_at,platform,text,impressions,likes\n"
        f"2026-01-05,x,{decomposed},100,4\n2026-01-06,x,#caféaurora,100,6\n"
    )
    tags = content.top_tags(data.con, *WEEK)
    assert tags.to_dict("records") == [{"tag": "#caféaurora", "posts": 2, "engagement": 10}]


# --- reach against engagement rate -------------------------------------------------------------


def test_scatter_keeps_the_largest_reach_first_and_counts_all(data):
    points, total = content.reach_vs_engagement(data.con, *WEEK, limit=2)
    assert total == 5
    assert list(points["reach"]) == [800, 400]
    assert list(points["engagement_rate"]) == pytest.approx([0.06, 0.01])
    points, _ = content.reach_vs_engagement(data.con, *WEEK, limit=10**9)
    assert len(points) == 5  # never more than SCATTER_MAX either


# --- what is missing ----------------------------------------------------------------------------


def test_missing_names_the_fields_and_the_export():
    data = _data(posts="published_at,platform,impressions\n2026-01-05,x,100\n")
    gap = content.missing(data.con, "posts", ("published_at", "text"))
    assert gap.fields == ("text",) and gap.hint == DATASETS["posts"].provided_by
    gap = content.missing(data.con, "web_traffic", ("sessions",))
    assert gap.fields == ("web_traffic",) and gap.hint == DATASETS["web_traffic"].provided_by
    assert content.missing(data.con, "posts", ("impressions",)) is None
    gap = traffic.social_sessions_missing(_data(web_traffic="date,sessions\n2026-01-05,10\n").con)
    assert gap.fields == ("channel_group", "medium")


# --- sessions from social against other channels ----------------------------------------------


def test_social_and_other_sessions_per_week_with_empty_weeks(data):
    split = traffic.social_sessions(data.con, D(2026, 1, 5), D(2026, 1, 25), "week")
    got = [(str(r.period_start), r.channel, r.sessions) for r in split.itertuples()]
    assert got == [
        ("2026-01-05", "social", 100),  # channel group "Organic Social"
        ("2026-01-05", "other", 350),
        ("2026-01-12", "social", 50),  # medium "social" (no channel group) and medium "sm"
        ("2026-01-12", "other", 60),
        ("2026-01-19", "social", 0),  # a week without rows stays, as zeros
        ("2026-01-19", "other", 0),
    ]


def test_social_sessions_over_the_whole_range_and_a_clipped_first_week(data):
    whole = traffic.social_sessions(data.con, D(2026, 1, 5), D(2026, 1, 18), None)
    assert dict(zip(whole["channel"], whole["sessions"], strict=True)) == {
        "social": 150,
        "other": 410,
    }
    clipped = traffic.social_sessions(data.con, D(2026, 1, 6), D(2026, 1, 12), "week")
    assert sorted({str(d) for d in clipped["period_start"]}) == ["2026-01-06", "2026-01-12"]
    assert clipped["sessions"].sum() == 50 + 40


# --- branded search ---------------------------------------------------------------------------


def test_branded_search_ignores_case_and_accents(data):
    split = traffic.branded_search(data.con, D(2026, 1, 5), D(2026, 1, 18), ["cafe aurora"])
    got = [(str(r.period_start), r.kind, r.clicks, r.impressions) for r in split.itertuples()]
    assert got == [
        ("2026-01-05", "branded", 15, 30),  # "cafe aurora" + "Café Aurora opiniones"
        ("2026-01-05", "other", 3, 100),
        ("2026-01-12", "branded", 4, 8),  # "CAFÉ AURORA madrid"
        ("2026-01-12", "other", 7, 110),
    ]
    assert traffic.branded_share(split, "clicks") == pytest.approx(19 / 29)
    assert traffic.branded_share(split, "impressions") == pytest.approx(38 / 248)


def test_branded_share_follows_the_terms(data):
    def share(terms):
        split = traffic.branded_search(data.con, D(2026, 1, 5), D(2026, 1, 18), terms, None)
        return traffic.branded_share(split, "clicks")

    assert share(["cafe aurora", " Tostadores "]) == pytest.approx(25 / 29)
    assert share("cafe aurora, tostadores") == pytest.approx(25 / 29)  # comma-separated text
    assert share([]) == 0
    assert share(["%"]) == 0  # a term is text, not a pattern
    assert share(["aurora' OR 1=1 --"]) == 0  # and never pasted into the SQL


def test_parse_terms():
    assert traffic.parse_terms(" cafe  aurora, Café Aurora ,, CAFE AURORA,x ") == [
        "cafe aurora",
        "Café Aurora",
        "x",
    ]
    assert traffic.parse_terms(["a"] * 3 + [""]) == ["a"]


# --- funnel -----------------------------------------------------------------------------------


def test_funnel_steps_and_conversions(data):
    result = traffic.funnel(data.con, D(2026, 1, 5), D(2026, 1, 18))
    steps = dict(zip(result.rows["step"], result.rows["value"], strict=True))
    assert steps == {
        "impressions": 1000 + 200 + 50 + 500 + 100,
        "clicks": 10 + 4 + 1 + 5 + 0,
        "sessions": 100 + 300 + 50 + 40 + 10 + 60,
        "leads": 2,  # L3 is after the range
        "customers": 1,  # C2 was acquired before it
    }
    rates = list(result.rows["rate"])
    assert math.isnan(rates[0])
    assert rates[1:] == pytest.approx([20 / 1850, 560 / 20, 2 / 560, 1 / 2])
    assert result.missing == {} and result.unfiltered == {}


def test_funnel_filters_where_the_data_allows_and_says_where_not(data):
    result = traffic.funnel(data.con, D(2026, 1, 5), D(2026, 1, 18), {"platform": ("facebook",)})
    steps = dict(zip(result.rows["step"], result.rows["value"], strict=True))
    assert steps["impressions"] == 550 and steps["clicks"] == 6
    assert steps["sessions"] == 560  # web traffic has no platform
    assert set(result.unfiltered) == {"sessions", "leads", "customers"}


def test_funnel_without_crm_and_web_data_names_the_exports():
    data = _data(posts=POSTS)
    result = traffic.funnel(data.con, *WEEK)
    assert list(result.rows["step"]) == ["impressions", "clicks"]
    assert set(result.missing) == {"sessions", "leads", "customers"}
    assert result.missing["sessions"].hint == DATASETS["web_traffic"].provided_by
    assert result.missing["customers"].hint == DATASETS["customers"].provided_by


def test_an_empty_session_has_no_funnel_and_no_crash():
    result = traffic.funnel(SessionData().con, *WEEK)
    assert result.rows.empty and len(result.missing) == 5
