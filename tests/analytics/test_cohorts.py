"""Cohorts, retention, revenue per customer, LTV and CAC on eight customers, by hand; and the
property that a retention share never exceeds 100 %."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.analytics import cohorts as co
from tests.analytics.roi_fixtures import ADS, CUSTOMERS, ORDERS, session

approx = pytest.approx
JAN, JUN = dt.date(2026, 1, 1), dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def con():
    data = session(customers=CUSTOMERS, orders=ORDERS, ads=ADS)
    yield data.con
    data.close()


def shares(matrix, cohort):
    part = matrix[matrix["cohort"].dt.date == cohort]
    return part["retained"].tolist(), part["customers"].iloc[0]


def test_data_end_is_the_last_order(con):
    assert co.data_end(con) == dt.date(2026, 7, 1)


def test_retention_from_churn_dates(con):
    m = co.retention_matrix(con)
    # January cohort (7): C2 leaves 1 Feb, C6 1 Mar, C7 1 May; months 0 (Jan) to 6 (Jul).
    assert shares(m, JAN) == ([7, 6, 5, 5, 4, 4, 4], 7)
    assert shares(m, JUN) == ([1, 1], 1)
    assert m["retention"].max() <= 1.0
    table = co.retention_table(m)
    assert table.loc[JAN.isoformat()].tolist()[:2] == approx([1.0, 6 / 7])


def test_retention_from_orders(con):
    m = co.retention_matrix(con, basis="orders")
    # Ordered in January: C1–C6; in February: C1, C3, C4, C6; in July: C4.
    assert shares(m, JAN) == ([6, 4, 0, 0, 0, 0, 1], 7)
    assert shares(m, JUN) == ([1, 0], 1)


def test_retention_by_channel_and_since(con):
    m = co.retention_matrix(con, by_channel=True, since=JUN)
    assert set(m["cohort"].dt.date) == {JUN}
    assert set(m["channel"]) == {"direct"}
    social = co.retention_matrix(con, by_channel=True)
    social = social[(social["channel"] == "social") & (social["cohort"].dt.date == JAN)]
    assert social["retained"].tolist() == [4, 3, 3, 3, 3, 3, 3]  # C2 left on 1 February


def test_revenue_per_customer_by_cohort(con):
    r = co.cohort_revenue(con, by_channel=False)
    jan = r[r["cohort"].dt.date == JAN]
    assert jan["months_since"].tolist() == [0, 1, 6]
    assert jan["revenue"].tolist() == [195.0, 95.0, 30.0]
    assert jan["cumulative_per_customer"].tolist() == approx([195 / 7, 290 / 7, 320 / 7])
    by_channel = co.cohort_revenue(con)
    social = by_channel[(by_channel["channel"] == "social")]
    assert social["revenue_per_customer"].tolist() == approx([55 / 4, 75 / 4, 30 / 4])


def test_lifetime_value_by_cohort_and_channel(con):
    by_cohort = co.lifetime_value(con, by=("cohort",)).set_index("cohort")
    assert by_cohort.loc[JAN.isoformat(), ["customers", "revenue", "ltv", "months_covered"]
                         ].tolist() == approx([7, 320, 320 / 7, 7])  # fmt: skip
    assert by_cohort.loc[JUN.isoformat(), ["ltv", "months_covered"]].tolist() == [10.0, 2.0]
    by_channel = co.lifetime_value(con, by=("channel",)).set_index("channel")
    assert by_channel.loc["social", "ltv"] == 40.0  # 60, 20, 30, 50
    assert by_channel.loc["direct", ["customers", "ltv"]].tolist() == [2, 65.0]  # C6 120, C8 10
    both = co.lifetime_value(con)
    assert len(both) == 5  # (Jan: social, email, direct, organic_search), (Jun: direct)


def test_cac_and_ltv_to_cac(con):
    frame = co.cac_and_ltv(con).set_index("channel")
    # Ads ran on 2026-01-01: social 30 over C1–C4, Google (paid_search) 20 over nobody.
    assert frame.loc["social", ["spend", "customers", "cac", "ltv"]].tolist() == [30, 4, 7.5, 40]
    assert frame.loc["social", "ltv_to_cac"] == approx(40 / 7.5)
    assert frame.loc["paid_search", "customers"] == 0
    assert pd.isna(frame.loc["paid_search", "cac"])  # spend without new customers: no CAC


def test_cac_without_ads_has_ltv_only():
    data = session(customers=CUSTOMERS, orders=ORDERS)
    frame = co.cac_and_ltv(data.con).set_index("channel")
    assert frame.loc["social", "ltv"] == 40.0
    assert frame["cac"].isna().all()


def test_a_range_keeps_the_cohorts_acquired_in_it(con):
    june = {"start": dt.date(2026, 5, 1), "end": dt.date(2026, 6, 30)}
    m = co.retention_matrix(con, **june)
    assert set(m["cohort"].dt.date) == {JUN}  # C8 only, followed to the data's end (July)
    assert shares(m, JUN) == ([1, 1], 1)
    ltv = co.lifetime_value(con, by=("cohort",), **june)
    assert ltv[["customers", "revenue"]].values.tolist() == [[1, 10.0]]
    revenue = co.cohort_revenue(con, **june)
    assert set(revenue["cohort"].dt.date) == {JUN}
    january = co.lifetime_value(con, by=("cohort",), end=dt.date(2026, 1, 31))
    assert january["customers"].tolist() == [7]


def test_cac_in_a_range_counts_its_spend_and_customers(con):
    # No ads after January: no CAC, LTV of the June customer only.
    frame = co.cac_and_ltv(con, start=dt.date(2026, 2, 1)).set_index("channel")
    assert frame["cac"].isna().all()
    assert frame["customers"].tolist() == [1]
    frame = co.cac_and_ltv(con, start=JAN, end=dt.date(2026, 1, 31)).set_index("channel")
    assert frame.loc["social", ["spend", "customers", "cac"]].tolist() == [30, 4, 7.5]


@st.composite
def customer_books(draw):
    base = dt.datetime(2026, 1, 1)
    customers, orders = [], []
    for _i in range(draw(st.integers(1, 8))):
        acquired = base + dt.timedelta(days=draw(st.integers(0, 200)))
        churn = draw(st.none() | st.integers(-30, 300))
        cid = f"C{draw(st.integers(0, 5))}"  # ids may repeat: one customer, two rows
        customers.append(
            (cid, acquired, None if churn is None else acquired + dt.timedelta(days=churn))
        )
        for _ in range(draw(st.integers(0, 4))):
            orders.append(
                (
                    f"O{len(orders)}",
                    cid,
                    base + dt.timedelta(days=draw(st.integers(-20, 320))),
                    10.0,
                )
            )
    return customers, orders


@settings(max_examples=40, deadline=None)
@given(customer_books(), st.sampled_from(["churn", "orders"]))
def test_cohort_retention_never_exceeds_100_percent(book, basis):
    customers, orders = book
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE customers (customer_id VARCHAR, acquired_at TIMESTAMP, channel VARCHAR, churned_at TIMESTAMP)"
    )
    con.execute(
        "CREATE TABLE orders (order_id VARCHAR, customer_id VARCHAR, ordered_at TIMESTAMP, revenue DOUBLE, category VARCHAR)"
    )
    con.executemany("INSERT INTO customers VALUES (?, ?, 'social', ?)", customers)
    if orders:
        con.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, NULL)", orders)
    if basis == "orders" and not orders:
        return
    m = co.retention_matrix(con, basis=basis, by_channel=True)
    assert ((m["retention"] >= 0) & (m["retention"] <= 1)).all()
    assert (m["retained"] <= m["customers"]).all()
    if basis == "churn":  # once gone, a customer does not come back
        for _, part in m.groupby(["cohort", "channel"]):
            assert part["retained"].is_monotonic_decreasing
    con.close()
