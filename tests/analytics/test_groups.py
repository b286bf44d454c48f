"""Control-group comparisons on eight customers and three leads, against values computed by hand
(the two-proportion z-test, the Wald interval and Welch's t-test written out from their formulas)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import stats

from kpi.analytics import groups as gm
from kpi.analytics.journeys import MissingData
from kpi.errors import KpiError
from tests.analytics.roi_fixtures import ADS, CUSTOMERS, LEADS, ORDERS, session

approx = pytest.approx
Z = stats.norm.ppf(0.975)


@pytest.fixture(scope="module")
def con():
    data = session(customers=CUSTOMERS, orders=ORDERS, ads=ADS, leads=LEADS)
    assert set(data.datasets()) == {"customers", "orders", "ads", "leads"}
    yield data.con
    data.close()


def values(result):
    return [(g.group, g.n, g.value) for g in result.groups]


def z_test(c1, n1, c2, n2):
    p1, p2, pooled = c1 / n1, c2 / n2, (c1 + c2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    half = Z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return math.erfc(abs(z) / math.sqrt(2)), p1 - p2 - half, p1 - p2 + half


def test_retention_after_90_days(con):
    # C8 joined 30 days before the data ends: not yet observable. Social: C2 churned at day 31
    # → 3/4. Other: C6 churned at day 59, C7 at day 120 (after 90: retained) → 2/3.
    r = gm.compare(con, "retention", "social", days=90)
    assert values(r) == [("social", 4, 0.75), ("other", 3, approx(2 / 3))]
    assert r.difference == approx(1 / 12)
    p, low, high = z_test(3, 4, 2, 3)
    assert (r.p_value, r.ci_low, r.ci_high) == approx((p, low, high))
    assert r.test == "two-proportion z-test"
    assert r.readable is False and "at least 30" in r.notes[-1]


def test_rates_read_in_percent_and_points(con):
    text = gm.compare(con, "retention", "social").sentence()
    assert text.startswith(
        "retention: social 75.0% (n=4) against other 66.7% (n=3); difference +8.3 pp"
    )
    assert "95 % CI [" in text and "two-proportion z-test" in text
    money = gm.compare(con, "revenue_per_customer", "social").sentence()
    assert "social 40.00 (n=4)" in money and "difference -2.50" in money


def test_retention_with_a_longer_window_drops_c7(con):
    r = gm.compare(con, "retention", "social", days=150)
    # acquired + 150 days ≤ 2026-07-01 for C1–C7; C7 churned at day 120: not retained now.
    assert values(r) == [("social", 4, 0.75), ("other", 3, approx(1 / 3))]


def test_lead_conversion_rate_by_source_channel(con):
    r = gm.compare(con, "lead_conversion_rate", "social")
    assert values(r) == [("social", 2, 0.5), ("other", 1, 1.0)]
    assert r.difference == -0.5


def test_saves_per_customer_welch(con):
    a, b = np.array([1.0, 0, 2, 1]), np.array([0.0, 0, 1, 0])
    va, vb = 2 / 3, 0.25  # sample variances
    se = math.sqrt(va / 4 + vb / 4)
    df = se**4 / ((va / 4) ** 2 / 3 + (vb / 4) ** 2 / 3)
    t = 0.75 / se
    r = gm.compare(con, "saves_per_customer", "social")
    assert values(r) == [("social", 4, 1.0), ("other", 4, 0.25)]
    assert r.p_value == approx(2 * stats.t.sf(t, df))
    assert (r.ci_low, r.ci_high) == approx((0.75 - stats.t.ppf(0.975, df) * se,
                                            0.75 + stats.t.ppf(0.975, df) * se))  # fmt: skip
    assert r.test == "Welch's t-test"
    assert (a.mean() - b.mean()) == r.difference


def test_cross_sell_rate_and_revenue_from_additional_categories(con):
    # Buyers: social C1 (beans + equipment), C2, C3 (merch twice), C4 (beans, beans, merch);
    # other C5, C6 (equipment + beans), C8. C7 bought nothing.
    r = gm.compare(con, "cross_sell_rate", "social")
    assert values(r) == [("social", 4, 0.5), ("other", 3, approx(1 / 3))]
    p, low, high = z_test(2, 4, 1, 3)
    assert (r.p_value, r.ci_low, r.ci_high) == approx((p, low, high))
    extra = {g.group: g.extra for g in r.groups}
    assert extra["social"]["additional_revenue"] == 80.0  # C1's equipment 50 + C4's merch 30
    assert extra["other"]["additional_revenue"] == 20.0  # C6's beans after its equipment
    assert extra["social"]["additional_revenue_per_customer"] == 20.0
    # Every order after the first: social O2 50, O5 15, O7 10, O8 30; other O11 20.
    assert (extra["social"]["repeat_revenue"], extra["other"]["repeat_revenue"]) == (105.0, 20.0)


def test_revenue_per_customer_bootstrap_is_seeded(con):
    # social 60, 20, 30, 50 → 40; other 40, 120, 0, 10 → 42.5
    r = gm.compare(con, "revenue_per_customer", "social")
    assert values(r) == [("social", 4, 40.0), ("other", 4, 42.5)]
    assert r.difference == -2.5
    assert r.ci_low < -2.5 < r.ci_high
    assert 0 < r.p_value <= 1
    assert "bootstrap" in r.test
    again = gm.compare(con, "revenue_per_customer", "social")
    assert (again.ci_low, again.ci_high, again.p_value) == (r.ci_low, r.ci_high, r.p_value)


def test_cac_divides_spend_by_new_customers_in_the_ads_window(con):
    r = gm.compare(con, "cac", "social")
    # Ads cover 2026-01-01: social 30 / C1–C4, other (google) 20 / C5–C7.
    assert values(r) == [("social", 4, 7.5), ("other", 3, approx(20 / 3))]
    assert r.p_value is None and r.test.startswith("none")
    assert gm.compare(con, "cac", "control_group").readable is False


def test_cac_without_ads_says_so():
    data = session(customers=CUSTOMERS)
    r = gm.compare(data.con, "cac", "social")
    assert r.readable is False and "ads" in r.notes[0].lower()


def test_control_group_split_puts_the_marked_control_second(con):
    r = gm.compare(con, "saves_per_customer", "control_group")
    assert values(r) == [("test", 6, approx(5 / 6)), ("control", 2, 0.0)]
    with pytest.raises(MissingData, match="control_group"):
        gm.compare(con, "lead_conversion_rate", "control_group")


def test_social_is_derived_from_touches_when_there_is_no_flag_or_channel():
    customers = "customer_id,acquired_at\nA,2026-01-01\nB,2026-01-01\n"
    touches = "customer_id,touched_at,channel\nA,2025-12-30,social\nB,2025-12-30,email\n"
    orders = "order_id,customer_id,ordered_at,revenue\n1,A,2026-01-01,10\n2,B,2026-01-01,30\n"
    data = session(customers=customers, touchpoints=touches, orders=orders)
    r = gm.compare(data.con, "revenue_per_customer", "social")
    assert values(r) == [("social", 1, 10.0), ("other", 1, 30.0)]


def test_social_basis_can_be_chosen():
    touches = "customer_id,touched_at,channel\nC5,2025-12-30,social\nC1,2025-12-30,email\n"
    data = session(customers=CUSTOMERS, orders=ORDERS, touchpoints=touches)
    by_touch = gm.compare(data.con, "revenue_per_customer", "social", social_by="touch")
    assert values(by_touch) == [
        ("social", 1, 40.0),
        ("other", 7, approx(290 / 7)),
    ]  # only C5; 330 − 40 left
    by_channel = gm.compare(data.con, "saves_per_customer", "social", social_by="channel")
    assert [g.n for g in by_channel.groups] == [4, 4]
    with pytest.raises(MissingData, match="is_social"):
        gm.compare(session(customers="customer_id,acquired_at\nA,2026-01-01\n").con,
                   "saves_per_customer", social_by="flag")  # fmt: skip
    with pytest.raises(KpiError, match="social basis"):
        gm.compare(data.con, "saves_per_customer", social_by="vibes")


def test_a_readable_comparison_has_no_warning():
    rows = ["customer_id,acquired_at,is_social,saved_count"]
    rows += [f"S{i},2026-01-01,true,{i % 3}" for i in range(40)]
    rows += [f"O{i},2026-01-01,false,{i % 2}" for i in range(35)]
    data = session(customers="\n".join(rows) + "\n")
    r = gm.compare(data.con, "saves_per_customer", "social")
    assert r.readable and not r.notes
    assert [g.n for g in r.groups] == [40, 35]
    doc = r.to_dict()
    assert set(doc) >= {"groups", "difference", "ci_low", "ci_high", "p_value", "test"}
    assert "significant" in r.sentence()


# --- date ranges ---------------------------------------------------------------------------------


def test_a_range_keeps_the_leads_created_in_it(con):
    # L1 (social) was created on Jan 1, before the range; L3 (social, Jan 5) never converts,
    # L2 (organic search, Jan 14) does.
    r = gm.compare(con, "lead_conversion_rate", "social", start=dt.date(2026, 1, 2),
                   end=dt.date(2026, 1, 31))  # fmt: skip
    assert values(r) == [("social", 1, 0.0), ("other", 1, 1.0)]


def test_a_range_keeps_the_customers_acquired_in_it(con):
    january = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 1, 31)}
    r = gm.compare(con, "saves_per_customer", "social", **january)
    assert [(g.group, g.n) for g in r.groups] == [("social", 4), ("other", 3)]  # not C8 (June)
    r = gm.compare(con, "revenue_per_customer", "social", start=dt.date(2026, 5, 1))
    assert [(g.group, g.n) for g in r.groups] == [("social", 0), ("other", 1)]  # only C8
    assert r.groups[1].value == 10.0


def test_cac_counts_only_the_spend_in_the_range(con):
    r = gm.compare(con, "cac", "social", start=dt.date(2026, 2, 1), end=dt.date(2026, 6, 30))
    assert r.readable is False and "No ad spend in the chosen dates." in r.notes
    r = gm.compare(con, "cac", "social", start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1))
    assert values(r) == [("social", 4, 7.5), ("other", 3, approx(20 / 3))]


def test_a_range_that_ends_before_it_starts_is_refused(con):
    with pytest.raises(KpiError):
        gm.compare(con, "retention", start=dt.date(2026, 2, 1), end=dt.date(2026, 1, 1))
