"""Content themes, best format, and qualified interactions with their cost, on small tables
whose values are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from kpi.analytics.themes import best_format, engagement_by_theme, format_performance, post_themes
from kpi.scorecard.qualified import QualifiedRules, qualified_interactions

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def posts() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("""CREATE TABLE posts AS SELECT * FROM (VALUES
        (TIMESTAMP '2026-03-02 10:00', 'instagram', 'P1', '20% off grinders this week: code AURORA', 'photo', 1000, 50, 5, 5),
        (TIMESTAMP '2026-03-03 10:00', 'instagram', 'P2', 'New blend now available in the shop', 'photo', 500, 20, 5, 0),
        (TIMESTAMP '2026-03-04 10:00', 'facebook', 'P3', 'How to brew a V60 in four steps', 'video', 400, 30, 10, 20),
        (TIMESTAMP '2026-03-05 10:00', 'tiktok', 'P4', 'Guess which coffee this is: a quiz', 'reel', 600, 40, 20, 0),
        (TIMESTAMP '2026-03-06 10:00', 'tiktok', 'P5', 'Sunday morning ritual at the roastery', 'reel', 500, 40, 5, 5),
        (TIMESTAMP '2026-03-07 10:00', 'x', 'P6', 'Hello', 'text', 100, 1, 0, 0)
    ) AS t(published_at, platform, post_id, text, post_type, impressions, likes, comments, shares)""")
    yield con
    con.close()


def test_themes_from_keyword_rules(posts) -> None:
    themes = post_themes(posts, *MARCH)
    assert themes["theme"].tolist() == ["promotions", "product_information", "useful",
                                        "entertaining", "lifestyle", "other"]  # fmt: skip
    table = engagement_by_theme(posts, *MARCH)
    # useful 60/400; entertaining 60/600 and lifestyle 50/500 (tie, by name); promotions 60/1000;
    # product information 25/500; other 1/100.
    assert table["theme"].tolist() == ["useful", "entertaining", "lifestyle", "promotions",
                                       "product_information", "other"]  # fmt: skip
    assert table["engagement_rate"].tolist() == pytest.approx([0.15, 0.1, 0.1, 0.06, 0.05, 0.01])


def test_person_labels_win_over_rules(posts) -> None:
    table = engagement_by_theme(posts, *MARCH, labels={"P6": "lifestyle", "P1": "useful"})
    row = table.set_index("theme").loc["lifestyle"]
    assert (row["posts"], row["impressions"], row["engagement"]) == (2, 600, 51)
    useful = table.set_index("theme").loc["useful"]
    assert useful["engagement_rate"] == pytest.approx(120 / 1400)
    custom = engagement_by_theme(posts, *MARCH, rules={"promotions": ["hello"]})
    assert dict(zip(custom["theme"], custom["posts"], strict=True)) == {"other": 5, "promotions": 1}


def test_best_format(posts) -> None:
    table = format_performance(posts, *MARCH)
    # video 60/400; reel (40+20+0 + 40+5+5)/1100; photo 85/1500; text 1/100.
    assert table["post_type"].tolist() == ["video", "reel", "photo", "text"]
    assert table["engagement_rate"].tolist() == pytest.approx([0.15, 0.1, 85 / 1500, 0.01])
    assert best_format(posts, *MARCH, min_posts=2)["post_type"] == "reel"
    assert best_format(posts, *MARCH, min_posts=1)["post_type"] == "video"
    assert best_format(posts, *MARCH, min_posts=3) is None


@pytest.fixture
def funnel() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("""CREATE TABLE web_traffic AS SELECT * FROM (VALUES
        (DATE '2026-03-02', 'google', 'organic', 'Organic Search', '/', 100, 4, 1),
        (DATE '2026-03-02', 'instagram', 'social', 'Organic Social', '/shop', 50, 3, 0),
        (DATE '2026-03-03', 'facebook', 'paid', 'Paid Social', '/shop', 40, 5, 2),
        (DATE '2026-03-03', 't.co', 'social', 'Organic Social', '/blog', 20, 2, 0),
        (DATE '2026-03-04', 'google', 'cpc', 'Paid Search', '/', 30, 6, 1),
        (DATE '2026-03-04', 'newsletter', 'email', 'Email', '/', 10, 1, 0),
        (DATE '2026-04-01', 'instagram', 'social', 'Organic Social', '/shop', 99, 9, 9)
    ) AS t(date, source, medium, channel_group, landing_page, sessions, conversions, transactions)""")
    con.execute("""CREATE TABLE leads AS SELECT * FROM (VALUES
        ('L1', TIMESTAMP '2026-03-02 09:00', 'social', 'instagram', 'qualified', TRUE, 'MQL'),
        ('L2', TIMESTAMP '2026-03-03 09:00', 'social', 'facebook', 'won', TRUE, 'SQL'),
        ('L3', TIMESTAMP '2026-03-03 09:00', 'organic_search', 'google', 'new', FALSE, NULL),
        ('L4', TIMESTAMP '2026-03-05 09:00', 'paid_search', 'google', 'qualified', TRUE, 'SQL'),
        ('L5', TIMESTAMP '2026-03-06 09:00', 'social', 'instagram', 'lost', TRUE, 'SQL'),
        ('L6', TIMESTAMP '2026-04-02 09:00', 'social', 'instagram', 'won', TRUE, 'SQL')
    ) AS t(lead_id, created_at, channel, platform, stage, qualified, qualified_type)""")
    con.execute("""CREATE TABLE ads AS SELECT * FROM (VALUES
        (DATE '2026-03-02', 'facebook', 30.0), (DATE '2026-03-03', 'google', 60.0),
        (DATE '2026-03-04', 'instagram', 10.0), (DATE '2026-04-01', 'facebook', 500.0)
    ) AS t(date, platform, spend)""")
    yield con
    con.close()


def test_qualified_interactions_web_conversions_and_crm_stages(funnel) -> None:
    rules = QualifiedRules(web_measure="conversions", crm_stages=("qualified", "won"))
    costs = {"organic_social": 140.0, "organic_search": 20.0, "organic_social@instagram": 40.0}
    result = qualified_interactions(funnel, *MARCH, rules, costs)
    # Web: 4 organic search, 3 + 2 organic social, 5 + 6 paid, 1 other (e-mail) = 21;
    # CRM: L1 and L2 (social), L4 (paid search) = 3.
    assert result.total == 24
    by_source = result.by_source.set_index("source")
    assert by_source["interactions"].to_dict() == {
        "organic_search": 4,
        "organic_social": 7,
        "paid": 12,
        "other": 1,
    }
    # Paid cost = March ad spend 30 + 60 + 10 = 100, over 12 paid interactions.
    assert by_source.loc["paid", "cost"] == 100.0
    assert by_source.loc["paid", "cost_per_interaction"] == pytest.approx(100 / 12)
    assert by_source.loc["organic_social", "cost_per_interaction"] == 20.0
    assert by_source.loc["organic_search", "cost_per_interaction"] == 5.0
    assert pd.isna(by_source.loc["other", "cost"])  # no cost given for other sources
    by_platform = result.by_platform.set_index("platform")
    assert by_platform["interactions"].to_dict() == {
        "facebook": 6,
        "google": 11,
        "instagram": 4,
        "other": 1,
        "x": 2,
    }
    assert by_platform.loc["facebook", "cost_per_interaction"] == 5.0
    assert by_platform.loc["google", "cost_per_interaction"] == pytest.approx(60 / 11)
    assert by_platform.loc["instagram", "cost_per_interaction"] == 12.5  # (10 ads + 40 own) / 4


def test_qualified_types_only_and_web_mediums(funnel) -> None:
    sql_leads = qualified_interactions(
        funnel, *MARCH, QualifiedRules(web_measure=None, qualified_types=("sql",))
    )
    assert sql_leads.total == 3  # L2, L4, L5
    assert sql_leads.by_source.set_index("source")["interactions"].to_dict() == {
        "organic_social": 2, "paid": 1}  # fmt: skip
    paid_social = qualified_interactions(
        funnel, *MARCH, QualifiedRules(web_measure="transactions", web_mediums=("social", "paid"))
    )
    assert paid_social.rows[["source", "platform", "interactions"]].values.tolist() == [
        ["paid", "facebook", 2]
    ]
    rules = QualifiedRules(web_measure="add_to_carts", qualified_flag=True)
    assert QualifiedRules.from_dict(rules.to_dict()) == rules
    # add_to_carts is not in this web table: only the flagged leads count (L1, L2, L4, L5).
    assert qualified_interactions(funnel, *MARCH, rules).total == 4


def test_defined_qualified_interactions_on_the_map(funnel) -> None:
    from kpi.scorecard import KpiRef, Objective, StrategyMap, evaluate

    card = StrategyMap([Objective("o", {"en": "O"}, "financial", [], [
        KpiRef("defined_qualified_interactions", "lagging", target=30),
        KpiRef("cost_per_qualified_interaction", "leading", target=11),
        KpiRef("cost_per_qualified_interaction", "leading", target=10, channel="instagram"),
    ])])  # fmt: skip
    settings = {
        "qualified_rules": {"web_measure": "conversions", "crm_stages": ["qualified", "won"]},
        "organic_costs": {
            "organic_social": 140.0,
            "organic_search": 20.0,
            "organic_social@instagram": 40.0,
        },
    }
    doc = evaluate(funnel, card, *MARCH, settings=settings)
    count, cost, instagram = doc["perspectives"][0]["objectives"][0]["kpis"]
    assert (count["value"], count["status"]) == (24.0, "bad")  # 24 < 27 (10 % under 30)
    # Known cost 100 (ads) + 140 + 20 (organic) over 24 interactions = 10.83 ≤ 11.
    assert cost["value"] == pytest.approx(260 / 24) and cost["status"] == "good"
    # Instagram: (10 ads + 40 own) / 4 = 12.5 > 11 (10 % over 10).
    assert instagram["value"] == 12.5 and instagram["status"] == "bad"
