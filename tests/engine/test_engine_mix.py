"""The same KPI right on any mix of platforms and exports, on tiny hand-built tables: ratios
over the rows reporting both parts, cost-per-X over the spend that reports X, KPIs from the
source the person has, currencies never added up, ranged reports, one audience dimension."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.engine import Request, run
from kpi.load import load_file
from kpi.store import SessionData

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def _session(*files: tuple[str, str]) -> SessionData:
    data = SessionData()
    for name, text in files:
        data.add(load_file(name, text.encode()))
    assert data.pending() == [] and data.errors == []
    return data


def _row(result, kpi, **where):
    rows = result.rows[result.rows["kpi"] == kpi]
    for field, value in where.items():
        rows = rows[rows[field] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


FACEBOOK_POSTS = (
    "facebook_posts.csv",
    "post_id,published_at,impressions,reach,likes,comments,shares\n"
    "f1,2026-01-05 10:00,200,100,10,2,1\n"
    "f2,2026-01-06 10:00,100,50,5,0,0\n",
)
TIKTOK_POSTS = (  # TikTok reports no reach
    "tiktok_posts.csv",
    "post_id,published_at,impressions,likes,comments,shares\nt1,2026-01-07 10:00,20000,1000,100,50\n",
)


def test_engagement_by_reach_uses_only_the_platforms_that_report_reach():
    data = _session(FACEBOOK_POSTS, TIKTOK_POSTS)
    r = run(data.con, Request(("engagement_rate_by_reach", "engagement_rate"), *JAN))
    by_reach = _row(r, "engagement_rate_by_reach")
    # (10 + 2 + 1 + 5) / (100 + 50) = 12 %, not (18 + 1 150) / 150 = 778.7 %
    assert by_reach["value"] == pytest.approx(18 / 150)
    assert by_reach["covers"] == "facebook"
    # every platform reports impressions: (18 + 1 150) / (200 + 100 + 20 000)
    rate = _row(r, "engagement_rate")
    assert rate["value"] == pytest.approx(1168 / 20300) and rate["covers"] == "facebook, tiktok"
    (note,) = r.notes
    assert note.kpi == "engagement_rate_by_reach" and note.kind == "covers"
    assert "facebook only" in note.message and "tiktok" in note.message


META_ADS = (
    "meta_ads.csv",
    "date,platform,campaign,spend,clicks,new_followers,leads,purchases\n"
    "2026-01-05,facebook,Follow us,100,50,40,25,2\n"
    "2026-01-06,instagram,Follow us,60,30,20,15,1\n",
)
GOOGLE_ADS = (  # Google Search: no follower objective, no new followers column
    "google_ads.csv",
    "date,platform,campaign,spend,clicks\n2026-01-05,google,Search brand,150,120\n",
)


def test_cost_per_follower_divides_only_the_spend_of_rows_that_report_followers():
    data = _session(META_ADS, GOOGLE_ADS)
    r = run(data.con, Request(("cost_per_follower", "cost_per_click", "spend"), *JAN))
    per_follower = _row(r, "cost_per_follower")
    # (100 + 60) / (40 + 20) = 2.67, not all spend (100 + 60 + 150) / 60 = 5.17
    assert per_follower["value"] == pytest.approx(160 / 60)
    assert per_follower["covers"] == "facebook, instagram"
    assert _row(r, "cost_per_click")["value"] == pytest.approx(310 / 200)
    assert _row(r, "cost_per_click")["covers"] == "facebook, google, instagram"
    assert _row(r, "spend")["value"] == pytest.approx(310)
    assert [n.kpi for n in r.notes if n.kind == "covers"] == ["cost_per_follower"]
    assert "google" in r.notes[0].message


def test_leads_come_from_the_ads_without_a_crm_and_from_the_crm_when_both():
    data = _session(META_ADS)
    r = run(data.con, Request(("leads", "purchases"), *JAN))
    assert r.needs == []
    leads = _row(r, "leads")
    assert (leads["value"], leads["source"]) == (25 + 15, "ads")
    assert (_row(r, "purchases")["value"], _row(r, "purchases")["source"]) == (2 + 1, "ads")
    assert any(n.kind == "source" and "ads" in n.message for n in r.notes)
    crm = "lead_id,created_at,channel\nL1,2026-01-05 10:00,social\nL2,2026-01-06 10:00,email\nL3,2026-01-07 10:00,social\n"
    data.add(load_file("crm_leads.csv", crm.encode()))
    r = run(data.con, Request(("leads",), *JAN))
    leads = _row(r, "leads")
    assert (leads["value"], leads["source"]) == (3, "leads")  # the CRM wins
    (note,) = r.notes
    assert note.kind == "source" and "the CRM" in note.message and "ads" in note.message


def test_conversions_from_web_analytics_else_from_the_ads():
    ads = ("ads.csv", "date,platform,campaign,spend,conversions\n2026-01-05,google,a,10,7\n")
    r = run(_session(ads).con, Request(("conversions",), *JAN))
    assert (_row(r, "conversions")["value"], _row(r, "conversions")["source"]) == (7, "ads")
    web = ("ga.csv", "date,source,medium,sessions,conversions\n2026-01-05,google,cpc,100,4\n")
    r = run(_session(ads, web).con, Request(("conversions",), *JAN))
    assert (_row(r, "conversions")["value"], _row(r, "conversions")["source"]) == (4, "web_traffic")


def test_a_kpi_no_source_can_supply_names_every_source():
    data = _session(FACEBOOK_POSTS)
    (need,) = run(data.con, Request(("leads",), *JAN)).needs
    assert need.missing == ("leads",)
    assert (
        need.hint
        == "a CRM contacts or deals export (HubSpot and similar), or a Meta Ads Manager or Google Ads report"
    )


ADS_TWO_CURRENCIES = (
    "ads.csv",
    "date,platform,campaign,spend,clicks,currency\n"
    "2026-01-05,facebook,pl,100,10,PLN\n"
    "2026-01-06,facebook,pl,50,5,PLN\n"
    "2026-01-06,google,us,30,20,USD\n",
)


def test_different_currencies_are_never_added_up():
    data = _session(ADS_TWO_CURRENCIES)
    r = run(data.con, Request(("spend", "cost_per_click", "cac"), *JAN))
    needs = {n.kpi: n for n in r.needs}
    assert needs["spend"].reason == "currency" and needs["spend"].missing == ("currency",)
    assert "PLN, USD" in needs["spend"].hint and "break down by currency" in needs["spend"].hint
    assert "cost_per_click" in needs and "cac" in needs
    assert r.rows.empty  # no 180 of nothing
    split = run(data.con, Request(("spend", "cost_per_click"), *JAN, by=("currency",)))
    assert split.needs == []
    assert _row(split, "spend", currency="PLN")["value"] == pytest.approx(150)
    assert _row(split, "spend", currency="USD")["value"] == pytest.approx(30)
    assert _row(split, "cost_per_click", currency="PLN")["value"] == pytest.approx(150 / 15)
    one = run(data.con, Request(("spend",), *JAN, filters={"currency": ("USD",)}))
    assert (_row(one, "spend")["value"], _row(one, "spend")["currency"]) == (30, "USD")


def test_money_in_one_currency_says_which():
    ads = ("ads.csv", "date,platform,campaign,spend,currency\n2026-01-05,facebook,a,12.5,COP\n")
    customers = (
        "customers.csv",
        "customer_id,acquired_at\nc1,2026-01-05 10:00\nc2,2026-01-06 10:00\n",
    )
    r = run(_session(ads, customers).con, Request(("spend", "cac"), *JAN))
    assert (_row(r, "spend")["value"], _row(r, "spend")["currency"]) == (12.5, "COP")
    assert (_row(r, "cac")["value"], _row(r, "cac")["currency"]) == (12.5 / 2, "COP")


GOOGLE_REPORT = (
    "Campaign report.csv",
    "Campaign report\n27 January 2026 - 23 February 2026\n"
    "Campaign status,Campaign,Budget,Currency code,Clicks,Impr.,CTR,Cost,Avg. CPC,Conversions,Cost / conv.\n"
    "Enabled,Search brand,10.00,EUR,100,2000,5%,50.00,0.50,4,12.50\n"
    "Enabled,Search generic,20.00,EUR,50,3000,1.7%,30.00,0.60,1,30.00\n",
)
META_DAILY = (
    "meta_ads_daily.csv",
    "date,platform,campaign,spend,clicks,currency\n2026-02-02,facebook,a,20,10,EUR\n",
)


def test_a_ranged_report_counts_in_a_range_that_contains_it():
    data = _session(GOOGLE_REPORT, META_DAILY)
    rows = data.con.execute(
        "SELECT date::VARCHAR, date_end::VARCHAR, spend FROM ads WHERE platform = 'google' ORDER BY spend"
    ).fetchall()
    assert rows == [("2026-01-27", "2026-02-23", 30.0), ("2026-01-27", "2026-02-23", 50.0)]
    r = run(
        data.con, Request(("spend", "cost_per_click"), dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    )
    assert _row(r, "spend")["value"] == pytest.approx(50 + 30 + 20)
    assert _row(r, "cost_per_click")["value"] == pytest.approx(100 / 160)
    assert r.notes == []


def test_a_range_that_partly_overlaps_a_report_says_so():
    data = _session(GOOGLE_REPORT, META_DAILY)
    r = run(data.con, Request(("spend",), dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    assert _row(r, "spend")["value"] == pytest.approx(20)  # only the daily Meta row
    (note,) = r.notes
    assert note.kind == "range" and "2 rows" in note.message
    assert "2026-01-27 to 2026-02-23" in note.message
    # by month, the report spans January and February: it fits no single month
    r = run(data.con, Request(("spend",), dt.date(2026, 1, 1), dt.date(2026, 2, 28), "month"))
    assert [v if v == v else None for v in r.rows["value"]] == [None, 20]
    assert r.notes[0].kind == "range" and "more than one month" in r.notes[0].message


AUDIENCE = (
    "instagram_audience.csv",
    "platform,dimension,segment,followers,snapshot_date\n"
    "instagram,age,18-24,400,2026-01-20\n"
    "instagram,age,25-34,600,2026-01-20\n"
    "instagram,country,PL,700,2026-01-20\n"
    "instagram,country,ES,300,2026-01-20\n",
)


def test_followers_by_segment_asks_for_a_dimension_instead_of_summing_them():
    data = _session(AUDIENCE)
    r = run(data.con, Request(("followers_by_segment",), *JAN))
    (need,) = r.needs  # not 2 000: both dimensions count the same 1 000 people
    assert (need.missing, need.reason, need.hint) == (
        ("dimension",), "breakdown", "choose a breakdown: dimension",
    )  # fmt: skip
    split = run(data.con, Request(("followers_by_segment",), *JAN, by=("dimension", "segment")))
    assert _row(split, "followers_by_segment", segment="PL")["value"] == 700
    per = run(data.con, Request(("followers_by_segment",), *JAN, by=("dimension",)))
    assert sorted(per.rows["value"]) == [1000, 1000]
    one = run(data.con, Request(("followers_by_segment",), *JAN, filters={"dimension": ("age",)}))
    assert _row(one, "followers_by_segment")["value"] == 1000


def test_follower_growth_rate_is_over_the_followers_at_the_start():
    daily = (
        "instagram_daily.csv",
        "date,platform,followers,new_followers,lost_followers\n"
        "2026-01-01,instagram,1000,10,0\n"
        "2026-01-15,instagram,1050,60,10\n"
        "2026-01-31,instagram,1100,55,5\n",
    )
    r = run(_session(daily).con, Request(("follower_growth_rate", "followers_at_start"), *JAN))
    assert _row(r, "followers_at_start")["value"] == 1000
    # (10 + 60 + 55) - (0 + 10 + 5) = 110 net new over 1 000 at the start: 11 %
    assert _row(r, "follower_growth_rate")["value"] == pytest.approx(110 / 1000)


def test_the_default_period_ends_with_a_ranged_report_and_constants_can_give_the_range():
    from kpi.engine import data_end, data_start

    data = _session(GOOGLE_REPORT)
    assert (data_start(data.con, ["spend"]), data_end(data.con, ["spend"])) == (
        dt.date(2026, 1, 27), dt.date(2026, 2, 23),
    )  # fmt: skip
    assert data_end(data.con, ["cac", "leads"]) == dt.date(2026, 2, 23)  # via spend; ads leads
    # the mapping may state the range itself, in its constants
    ads = SessionData()
    ads.add(load_file("report.csv", b"campaign,platform,spend\nx,google,9\n"))
    mapping = ads.remap(ads.tables[0].name, "ads")  # the person reads it as ads
    mapping.constants.update({"date": "2026-03-01", "date_end": "2026-03-31"})
    ads.set_mapping(ads.tables[0].name, mapping)
    r = run(ads.con, Request(("spend",), dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    assert _row(r, "spend")["value"] == 9
    r = run(ads.con, Request(("spend",), dt.date(2026, 3, 1), dt.date(2026, 3, 30)))
    assert r.notes[0].kind == "range"


def test_order_revenue_in_two_currencies_is_split_not_summed():
    orders = (
        "orders.csv",
        "order_id,customer_id,ordered_at,revenue,currency\n"
        "o1,c1,2026-01-05 10:00,100,EUR\no2,c2,2026-01-06 10:00,40,EUR\no3,c3,2026-01-07 10:00,70,USD\n",
    )
    data = _session(orders)
    r = run(data.con, Request(("order_revenue", "customers_ordering"), *JAN))
    assert [(n.kpi, n.reason) for n in r.needs] == [("order_revenue", "currency")]
    assert _row(r, "customers_ordering")["value"] == 3  # counts are not money: computed
    split = run(data.con, Request(("order_revenue",), *JAN, by=("currency",)))
    assert _row(split, "order_revenue", currency="EUR")["value"] == 140
    assert _row(split, "order_revenue", currency="USD")["value"] == 70


def test_meta_rows_from_reporting_starts_to_reporting_ends_cover_that_range():
    text = (
        "Reporting starts,Reporting ends,Campaign name,Amount spent,Impressions,Reach,Results,Result indicator,Cost per results\n"
        "2026-01-01,2026-01-31,Winter,120,10000,8000,30,actions:like,4\n"
        "2026-02-01,2026-02-01,Winter,5,400,300,1,actions:like,5\n"
    )
    data = _session(("Meta ads.csv", text))
    r = run(data.con, Request(("spend",), dt.date(2026, 1, 1), dt.date(2026, 2, 28)))
    assert _row(r, "spend")["value"] == pytest.approx(125)
    r = run(data.con, Request(("spend",), dt.date(2026, 1, 15), dt.date(2026, 2, 28)))
    assert _row(r, "spend")["value"] == pytest.approx(5)  # the January row spans outside
    assert r.notes[0].kind == "range" and "2026-01-01 to 2026-01-31" in r.notes[0].message


def test_two_reports_with_overlapping_ranges_say_they_count_days_twice():
    later = (
        "Campaign report (2).csv",
        GOOGLE_REPORT[1].replace(
            "27 January 2026 - 23 February 2026", "1 February 2026 - 28 February 2026"
        ),
    )
    data = _session(GOOGLE_REPORT, later)
    r = run(data.con, Request(("spend",), dt.date(2026, 1, 1), dt.date(2026, 2, 28)))
    assert _row(r, "spend")["value"] == pytest.approx(2 * (50 + 30))  # both ranges counted…
    (note,) = r.notes  # …and the person is told
    assert note.kind == "range" and "2026-01-27 and 2026-02-28" in note.message
    r = run(data.con, Request(("spend",), dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    assert _row(r, "spend")["value"] == pytest.approx(50 + 30)  # only the February report
    assert [n.message.startswith("2 rows") for n in r.notes] == [True]
