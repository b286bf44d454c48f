"""The engine on tiny tables, against values worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.engine import Request, cmgr, comparison_range, growth, periods, run, status
from kpi.errors import KpiError
from kpi.load import load_file
from tests.engine.conftest import session

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def _values(result, kpi):
    rows = result.rows[result.rows["kpi"] == kpi]
    return [None if v != v else v for v in rows["value"].tolist()]


def test_totals_over_the_range(data):
    r = run(
        data.con,
        Request(("impressions", "engagement_rate", "spend", "cost_per_click", "roas", "roi"), *JAN),
    )
    assert _values(r, "impressions") == [2500]
    assert _values(r, "engagement_rate") == [pytest.approx((40 + 5 + 5 + 20 + 10 + 5) / 2500)]
    assert _values(r, "spend") == [150]
    assert _values(r, "cost_per_click") == [pytest.approx(150 / 75)]
    assert _values(r, "roas") == [pytest.approx(300 / 150)]
    assert _values(r, "roi") == [pytest.approx((300 - 150) / 150)]
    assert list(r.rows["kpi"]) == [
        "impressions",
        "engagement_rate",
        "spend",
        "cost_per_click",
        "roas",
        "roi",
    ]


def test_ratio_of_sums_per_week_and_empty_weeks_kept(data):
    r = run(
        data.con,
        Request(
            ("impressions", "engagement_rate"), dt.date(2026, 1, 5), dt.date(2026, 1, 25), "week"
        ),
    )
    assert [str(d) for d in r.rows[r.rows["kpi"] == "impressions"]["period_start"]] == [
        "2026-01-05", "2026-01-12", "2026-01-19",
    ]  # fmt: skip
    assert _values(r, "impressions") == [2000, None, 500]
    # week of 19 Jan: (10 + 5 + 0 + 0) / (500 + 0), not the mean of 3% and 0/0
    assert _values(r, "engagement_rate") == [
        pytest.approx(70 / 2000),
        None,
        pytest.approx(15 / 500),
    ]


def test_division_by_zero_is_null_not_an_error():
    data = session(
        posts="post_id,published_at,platform,impressions,likes,comments,shares\np,2026-01-05 09:00,x,0,1,0,0\n"
    )
    r = run(data.con, Request(("engagement_rate",), *JAN))
    assert _values(r, "engagement_rate") == [None]


def test_followers_are_the_level_on_the_last_day(data):
    r = run(
        data.con,
        Request(("followers", "new_followers"), dt.date(2026, 1, 5), dt.date(2026, 1, 18), "week"),
    )
    # Sundays 11 and 18 Jan: 111 + 61 and 118 + 68; new followers are summed
    assert _values(r, "followers") == [172, 186]
    assert _values(r, "new_followers") == [5 + 6 + 5 + 6, 1 + 6 + 7]


def test_breakdown_by_platform(data):
    r = run(data.con, Request(("impressions", "engagement_rate"), *JAN, by=("platform",)))
    by = r.rows.set_index(["kpi", "platform"])["value"]
    assert by["impressions", "instagram"] == 1500 and by["impressions", "facebook"] == 1000
    assert by["engagement_rate", "facebook"] == pytest.approx(20 / 1000)


def test_filters_keep_only_the_named_values(data):
    r = run(data.con, Request(("impressions",), *JAN, filters={"platform": ("facebook",)}))
    assert _values(r, "impressions") == [1000]


def test_comparison_with_the_previous_period_and_changes():
    posts = "post_id,published_at,platform,impressions,likes,comments,shares\n"
    posts += "a,2026-01-01 09:00,x,100,10,0,0\nb,2026-01-08 09:00,x,150,6,0,0\n"
    data = session(posts=posts)
    r = run(
        data.con,
        Request(
            ("impressions", "engagement_rate"),
            dt.date(2026, 1, 8),
            dt.date(2026, 1, 14),
            compare="previous",
        ),
    )
    imp = r.rows[r.rows["kpi"] == "impressions"].iloc[0]
    assert (imp["value"], imp["previous"], imp["change"]) == (150, 100, 50)
    assert imp["change_pct"] == pytest.approx(0.5)
    rate = r.rows[r.rows["kpi"] == "engagement_rate"].iloc[0]
    # 4% against 10%: a change of −6 percentage points, and no "growth of a percentage"
    assert rate["change"] == pytest.approx(0.04 - 0.10)
    assert rate["change_pct"] != rate["change_pct"]  # NaN


@pytest.mark.parametrize(
    ("compare", "expected"),
    [
        ("previous", (dt.date(2026, 1, 1), dt.date(2026, 1, 7))),
        ("year", (dt.date(2025, 1, 8), dt.date(2025, 1, 14))),
    ],
)
def test_comparison_ranges(compare, expected):
    assert comparison_range(dt.date(2026, 1, 8), dt.date(2026, 1, 14), compare) == expected


def test_periods_clip_to_the_range_and_weeks_start_on_monday():
    assert periods(dt.date(2026, 1, 7), dt.date(2026, 1, 20), "week") == [
        (dt.date(2026, 1, 7), dt.date(2026, 1, 12)),
        (dt.date(2026, 1, 12), dt.date(2026, 1, 19)),
        (dt.date(2026, 1, 19), dt.date(2026, 1, 21)),
    ]
    assert periods(dt.date(2026, 2, 15), dt.date(2026, 7, 1), "quarter")[1] == (
        dt.date(2026, 4, 1),
        dt.date(2026, 7, 1),
    )
    with pytest.raises(KpiError, match="before it starts"):
        periods(dt.date(2026, 2, 1), dt.date(2026, 1, 1), "day")


def test_kpis_without_data_come_back_as_needs(data):
    r = run(data.con, Request(("sessions", "impressions", "cost_per_lead"), *JAN))
    needs = {n.kpi: n for n in r.needs}
    assert needs["sessions"].missing == ("web_traffic",) and "Analytics" in needs["sessions"].hint
    assert "cost_per_lead" not in needs and "impressions" not in needs
    posts = session(posts="post_id,published_at,platform,likes\np,2026-01-05 09:00,x,3\n")
    r = run(posts.con, Request(("impressions", "likes"), *JAN))
    assert [(n.kpi, n.missing) for n in r.needs] == [("impressions", ("impressions",))]


def test_a_breakdown_the_dataset_cannot_give_is_a_need(data):
    r = run(data.con, Request(("followers",), *JAN, by=("campaign",)))
    assert r.needs[0].missing == ("campaign",)


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [(110, 100, "higher", "good"), (95, 100, "higher", "warning"), (80, 100, "higher", "bad"),
     (90, 100, "lower", "good"), (105, 100, "lower", "warning"), (130, 100, "lower", "bad"),
     (None, 100, "higher", None), (5, None, "higher", None)],
)  # fmt: skip
def test_status_respects_direction(value, target, direction, expected):
    assert status(value, target, direction) == expected


def test_targets_from_the_person_and_from_a_targets_file(data):
    r = run(data.con, Request(("impressions", "spend"), *JAN, targets={"impressions": 2000}))
    row = r.rows.set_index("kpi")
    assert row.loc["impressions", "target"] == 2000 and row.loc["impressions", "status"] == "good"
    targets = "kpi,period_start,period_end,target\nspend,2026-01-01,2026-01-31,120\n"
    data.add(load_file("targets.csv", targets.encode()))
    r = run(data.con, Request(("spend",), *JAN))
    assert (
        r.rows.iloc[0]["target"] == 120 and r.rows.iloc[0]["status"] == "bad"
    )  # 150 spent, lower is better


def test_unknown_kpi_and_grain_are_refused_with_a_hint(data):
    with pytest.raises(KpiError, match="kpi catalog"):
        run(data.con, Request(("nope",), *JAN))
    with pytest.raises(KpiError, match="grain"):
        run(data.con, Request(("impressions",), *JAN, grain="fortnight"))


def test_growth_and_compound_monthly_growth():
    assert growth([100, 110, None, 50]) == [None, pytest.approx(0.1), None, None]
    assert cmgr(100, 121, 2) == pytest.approx(0.1)
    assert cmgr(0, 10, 2) is None


def test_each_period_is_compared_with_its_own_earlier_period():
    posts = "post_id,published_at,platform,impressions\n"
    # weeks of 5 and 12 January, and the two weeks before them
    posts += "a,2025-12-22 09:00,x,10\nb,2025-12-29 09:00,x,20\nc,2026-01-05 09:00,x,30\nd,2026-01-12 09:00,x,40\n"
    data = session(posts=posts)
    r = run(
        data.con,
        Request(
            ("impressions",), dt.date(2026, 1, 5), dt.date(2026, 1, 18), "week", compare="previous"
        ),
    )
    assert r.rows["value"].tolist() == [30, 40]
    assert r.rows["previous"].tolist() == [10, 20]
