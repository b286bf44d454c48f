"""Lead-score buckets, the value of each lead-cycle stage, and KPI growth, on eight scored leads
over two months (see roi_fixtures.SCORED_LEADS), against values computed by hand."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.analytics import growth, lead_scores, stages
from kpi.errors import KpiError
from tests.analytics.roi_fixtures import SCORED_ADS, SCORED_LEADS, session

approx = pytest.approx


@pytest.fixture(scope="module")
def con():
    data = session(leads=SCORED_LEADS, ads=SCORED_ADS)
    yield data.con
    data.close()


def rows(frame, month):
    part = frame[frame["period_start"].astype(str) == month]
    return {r["bucket"]: r for r in part.to_dict("records")}


# --- lead-score buckets ------------------------------------------------------------------------


def test_buckets_per_month_with_default_thresholds(con):
    frame = lead_scores.score_buckets(con)
    jan, feb = rows(frame, "2026-01-01"), rows(frame, "2026-02-01")
    # January: A 10 slow, B 45 medium, C 80 and D 75 fast. February: E 39.9 slow (below 40),
    # F 40 medium (40 is medium), G 70 fast (70 is fast), H unscored.
    assert {b: r["leads"] for b, r in jan.items()} == {
        "slow": 1,
        "medium": 1,
        "fast": 2,
        "unscored": 0,
    }
    assert {b: r["leads"] for b, r in feb.items()} == {
        "slow": 1,
        "medium": 1,
        "fast": 1,
        "unscored": 1,
    }
    assert [jan[b]["social_leads"] for b in ("slow", "medium", "fast")] == [1, 1, 0]
    assert [jan[b]["conversions"] for b in ("slow", "medium", "fast")] == [0, 1, 1]
    assert jan["fast"]["conversion_rate"] == 0.5
    assert feb["fast"]["growth"] == -0.5 and feb["slow"]["growth"] == 0.0
    assert pd.isna(feb["unscored"]["growth"])  # from zero: no growth rate
    assert list(frame["bucket"][:4]) == ["slow", "medium", "fast", "unscored"]


def test_cost_per_conversion_shares_channel_spend_over_its_leads(con):
    frame = lead_scores.score_buckets(con)
    jan, feb = rows(frame, "2026-01-01"), rows(frame, "2026-02-01")
    assert [jan[b]["cost"] for b in ("slow", "medium", "fast")] == [15.0, 15.0, 20.0]
    assert pd.isna(jan["slow"]["cost_per_conversion"])  # no conversion
    assert [jan[b]["cost_per_conversion"] for b in ("medium", "fast")] == [15.0, 20.0]
    assert [feb[b]["cost"] for b in ("slow", "medium", "fast", "unscored")] == [
        45.0,
        10.0,
        45.0,
        0.0,
    ]
    assert feb["slow"]["cost_per_conversion"] == 45.0
    assert frame["cost"].sum() == approx(150.0)  # all spend reached a lead


def test_person_set_thresholds(con):
    totals = lead_scores.bucket_totals(con, slow_below=50, fast_from=80).set_index("bucket")
    # slow: A 10, B 45, E 39.9, F 40; medium: D 75, G 70; fast: C 80; H unscored.
    assert totals["leads"].to_dict() == {"slow": 4, "medium": 2, "fast": 1, "unscored": 1}
    assert totals.loc["slow", "conversions"] == 2 and totals.loc["slow", "conversion_rate"] == 0.5
    assert totals.loc["slow", "cost_per_conversion"] == approx((15 + 15 + 45 + 10) / 2)
    with pytest.raises(KpiError, match="must not be above"):
        lead_scores.score_buckets(con, slow_below=70, fast_from=40)


def test_bucket_totals_in_a_range(con):
    # February: E (39.9, slow), F (40, medium), G (70, fast), H (unscored); social spend 90
    # over E and G, paid search 10 on F.
    totals = lead_scores.bucket_totals(con, start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28))
    got = totals.set_index("bucket")
    assert got["leads"].to_dict() == {"slow": 1, "medium": 1, "fast": 1, "unscored": 1}
    assert got["cost"].to_dict() == {"slow": 45.0, "medium": 10.0, "fast": 45.0, "unscored": 0.0}


def test_buckets_without_ads_have_no_cost():
    data = session(leads=SCORED_LEADS)
    frame = lead_scores.score_buckets(data.con, grain="quarter")
    assert frame["cost"].isna().all() and frame["cost_per_conversion"].isna().all()
    assert frame.set_index("bucket")["leads"].to_dict() == {
        "slow": 2,
        "medium": 2,
        "fast": 3,
        "unscored": 1,
    }


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.none() | st.floats(0, 100, allow_nan=False), min_size=1, max_size=12),
    st.floats(0, 100), st.floats(0, 100),
)  # fmt: skip
def test_every_lead_lands_in_exactly_one_bucket(scores, a, b):
    slow_below, fast_from = min(a, b), max(a, b)
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE leads (lead_id VARCHAR, created_at TIMESTAMP, channel VARCHAR, score DOUBLE, converted_at TIMESTAMP)"
    )
    con.executemany(
        "INSERT INTO leads VALUES (?, TIMESTAMP '2026-01-01' + INTERVAL (? * 9) DAY, 'social', ?, NULL)",
        [(f"L{i}", i, s) for i, s in enumerate(scores)],
    )
    totals = lead_scores.bucket_totals(con, slow_below, fast_from).set_index("bucket")["leads"]
    assert totals.sum() == len(scores)
    expected_slow = sum(1 for s in scores if s is not None and s < slow_below)
    expected_fast = sum(1 for s in scores if s is not None and s >= fast_from)
    assert totals.get("slow", 0) == expected_slow and totals.get("fast", 0) == expected_fast
    assert totals.get("unscored", 0) == sum(1 for s in scores if s is None)
    con.close()


# --- value of each stage ---------------------------------------------------------------------

VALUES = stages.StageValues(lead=5, qualified=20, customer=100)


def test_stage_value_and_cost_per_channel_and_month(con):
    frame = stages.stage_value(con, VALUES, staff_cost=50)
    get = frame.set_index([frame["period_start"].astype(str), "channel"])
    jan_social = get.loc[("2026-01-01", "social")]
    # A, B lead; B qualified (it converted); B became a customer on 20 Jan.
    assert jan_social[["leads", "qualified", "customers"]].tolist() == [2, 1, 1]
    assert jan_social["value"] == 10 + 20 + 100
    assert jan_social[["spend", "staff_cost", "cost"]].tolist() == [30, 50, 80]
    assert jan_social[["cost_per_lead", "cost_per_qualified", "cost_per_customer"]].tolist() == [
        40,
        80,
        80,
    ]
    assert jan_social["roi"] == approx((130 - 80) / 80)
    jan_paid = get.loc[("2026-01-01", "paid_search")]
    assert (jan_paid["value"], jan_paid["cost"], jan_paid["roi"]) == (125, 20, approx(105 / 20))
    assert pd.isna(get.loc[("2026-01-01", "organic_search"), "roi"])  # nothing spent
    feb_social = get.loc[("2026-02-01", "social")]
    assert feb_social[["leads", "qualified", "customers", "value", "cost"]].tolist() == [
        2,
        2,
        2,
        250,
        140,
    ]


def test_social_roi_includes_the_staff_cost(con):
    roi = stages.social_roi(con, VALUES, staff_cost=50)
    assert roi["periods"] == 2 and roi["staff_cost"] == 100
    assert (roi["leads"], roi["qualified"], roi["customers"]) == (4, 3, 3)
    assert (roi["value"], roi["revenue"], roi["spend"], roi["cost"]) == (380, 200, 120, 220)
    assert roi["roi_value"] == approx(160 / 220)
    assert roi["roi_revenue"] == approx(-20 / 220)


def test_stage_value_in_a_range_keeps_the_leads_created_in_it(con):
    # February only: E, G (social, both convert: 40 + 60), F (paid search), H (email).
    feb = {"start": dt.date(2026, 2, 1), "end": dt.date(2026, 2, 28)}
    frame = stages.stage_value(con, VALUES, staff_cost=50, **feb)
    assert set(frame["period_start"].astype(str)) == {"2026-02-01"}
    assert frame["leads"].sum() == 4
    roi = stages.social_roi(con, VALUES, staff_cost=50, **feb)
    assert roi["periods"] == 1 and roi["staff_cost"] == 50
    assert (roi["leads"], roi["qualified"], roi["customers"]) == (2, 2, 2)
    assert (roi["value"], roi["revenue"], roi["spend"], roi["cost"]) == (250, 100, 90, 140)


def test_staff_cost_is_charged_in_periods_without_social_rows():
    leads = "lead_id,created_at,channel\nA,2026-01-05,email\nB,2026-02-05,social\n"
    frame = stages.stage_value(session(leads=leads).con, VALUES, staff_cost=7)
    social = frame[frame["channel"] == "social"]
    assert social["staff_cost"].tolist() == [7.0, 7.0]


def test_stage_values_are_checked():
    with pytest.raises(KpiError):
        stages.StageValues(lead=-1)


# --- growth ------------------------------------------------------------------------------------


def monthly(values, start="2025-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def test_month_over_month_and_year_over_year():
    series = monthly([100, 110, 121, *[100] * 9, 150])
    table = growth.growth_table(series)
    assert table["mom"].tolist()[1:3] == approx([0.1, 0.1])
    assert table["yoy"].iloc[12] == approx(0.5)
    assert table["yoy"].iloc[:12].isna().all()


def test_days_are_summed_into_months_and_gaps_stay_empty():
    series = pd.Series(
        [1.0, 2.0, 4.0], index=pd.to_datetime(["2026-01-03", "2026-01-20", "2026-03-01"])
    )
    table = growth.growth_table(series)
    assert table["value"].tolist()[0] == 3.0 and pd.isna(table["value"].iloc[1])
    assert table["mom"].isna().all()  # February is missing: no change to or from it


def test_compound_monthly_growth():
    series = monthly([100, 130, 121])
    assert growth.compound_monthly_growth(series) == approx(0.1)  # (121 / 100) ** (1 / 2) − 1
    assert growth.compound_monthly_growth(series, start=dt.date(2025, 2, 1)) == approx(
        121 / 130 - 1
    )
    assert growth.compound_monthly_growth(monthly([0, 5])) is None
    assert growth.compound_monthly_growth(monthly([5])) is None


def test_growth_of_a_catalog_kpi(con):
    table, cmg = growth.kpi_growth(con, "leads")
    assert table["value"].tolist() == [4.0, 4.0]
    assert table["mom"].tolist()[1] == 0.0 and cmg == 0.0
