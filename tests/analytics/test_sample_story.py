"""The sample data tells the ROI story: a paid social burst that lifts leads, social customers
who retain better by a significant margin, and channels that assist far more than they convert."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.analytics import attribution, cohorts, groups, growth, journeys, lift
from kpi.load import load_paths
from kpi.store import SessionData
from tests.conftest import SAMPLE_DIR

PRIMAVERA = (dt.date(2026, 3, 16), dt.date(2026, 4, 26))


@pytest.fixture(scope="module")
def con():
    data = SessionData()
    data.add(load_paths([SAMPLE_DIR / "crm_export.xlsx", SAMPLE_DIR / "ads_meta_google.csv"]))
    assert {"leads", "touchpoints", "customers", "orders", "ads"} <= set(data.datasets())
    yield data.con
    data.close()


def test_the_spring_burst_lifts_leads(con):
    daily = growth.kpi_series(con, "leads", grain="day")
    result = lift.campaign_lift(daily, *PRIMAVERA)
    assert result.pct_low > 0.5
    assert result.reading.endswith("likely a real lift")
    weekly = lift.kpi_lift(con, "leads", *PRIMAVERA, freq="W", pre_periods=12)
    assert weekly.reading.endswith("likely a real lift") and len(weekly.frame) == 6


def test_social_customers_retain_better_and_it_is_significant(con):
    r = groups.compare(con, "retention", "social", days=90)
    assert r.readable and r.groups[0].group == "social"
    assert r.difference > 0.05 and r.ci_low > 0 and r.p_value < 0.01


def test_a_channel_assists_far_more_than_it_converts(con):
    roles = journeys.role_totals(con).set_index("key")
    ratio = roles["assist"] / roles["converting"]
    assert ratio.max() > 5
    # Social starts journeys far more often than it ends them: last touch undersells it.
    assert roles.loc["social", "originating"] > 4 * roles.loc["social", "converting"]
    last = attribution.attribution(con, "last").rows.set_index("channel")
    markov = attribution.attribution(con, "markov").rows.set_index("channel")
    assert markov.loc["social", "conversions"] > 2 * last.loc["social", "conversions"]


def test_every_model_adds_up_on_the_sample(con):
    frame = attribution.compare_models(con)
    totals = frame.groupby("model")["conversions"].sum()
    assert totals.nunique() == 1 or totals.max() - totals.min() < 1e-6


def test_cohort_retention_stays_within_100_percent(con):
    matrix = cohorts.retention_matrix(con, by_channel=True)
    assert matrix["retention"].between(0, 1).all()
    ltv = cohorts.cac_and_ltv(con).set_index("channel")
    assert ltv.loc["social", "ltv_to_cac"] > ltv.loc["paid_search", "ltv_to_cac"]
