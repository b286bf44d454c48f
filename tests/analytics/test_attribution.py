"""Journeys and attribution on a 3-lead, 7-touch history whose credits under every model are
worked out by hand below, plus property tests on random histories."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.analytics import attribution as am
from kpi.analytics import journeys as jm
from kpi.errors import KpiError
from tests.analytics.roi_fixtures import LEADS, TOUCHES, session

approx = pytest.approx


@pytest.fixture(scope="module")
def con():
    data = session(leads=LEADS, touchpoints=TOUCHES)
    yield data.con
    data.close()


def credits(con, model, by="channel", **kw):
    result = am.attribution(con, model, by, **kw)
    return {r[by]: (r["conversions"], r["revenue"]) for r in result.rows.to_dict("records")}


# --- journeys ----------------------------------------------------------------------------------


def test_journeys_keep_touches_up_to_the_conversion_and_give_untouched_leads_their_source(con):
    paths = {j.id: j for j in jm.journeys(con)}
    assert paths["L1"].steps == ("social", "email", "search")
    assert paths["L1"].days_before == (10.0, 6.0, 2.0)
    # The touch on the conversion time is kept; the email five days after it is not.
    assert paths["L2"].steps == ("search", "social", "search")
    assert paths["L2"].days_before == (7.0, 4.0, 0.0)
    assert paths["L3"].steps == ("social",)  # no touch: its own source channel
    assert (paths["L3"].converted, paths["L3"].revenue) == (False, 0.0)
    assert [j.revenue for j in (paths["L1"], paths["L2"])] == [100.0, 50.0]


def test_journeys_by_platform_and_campaign_fill_missing_values(con):
    by_platform = {j.id: j.steps for j in jm.journeys(con, "platform")}
    assert by_platform["L1"] == ("instagram", jm.NOT_SET, "google")
    assert by_platform["L3"] == ("facebook",)
    by_campaign = {j.id: j.steps for j in jm.journeys(con, "campaign")}
    assert by_campaign["L2"] == (jm.NOT_SET, "spring", "brand")
    assert by_campaign["L3"] == ("spring",)


def test_touches_with_only_a_customer_id_join_the_lead_that_became_that_customer():
    touches = TOUCHES.replace("L1,C1,2026-01-05", ",C1,2026-01-05")
    data = session(leads=LEADS, touchpoints=touches)
    paths = {j.id: j.steps for j in jm.journeys(data.con)}
    assert paths["L1"] == ("social", "email", "search")


def test_customer_journeys_convert_at_acquisition_and_are_worth_their_orders():
    customers = "customer_id,acquired_at,channel\nC1,2026-01-09,social\nC2,2026-01-21,email\nC9,2026-01-02,direct\n"
    orders = "order_id,customer_id,ordered_at,revenue\n1,C1,2026-01-09,70\n2,C1,2026-02-01,30\n3,C2,2026-01-21,50\n"
    data = session(customers=customers, orders=orders, touchpoints=TOUCHES)
    paths = {j.id: j for j in jm.journeys(data.con, unit="customers")}
    # acquired_at is a date: touches count up to the end of that day (L1's search at 09 Jan
    # 00:00, L2's at 21 Jan 00:00); C9 has no touch: its own channel.
    assert paths["C1"].steps == ("social", "email", "search")
    assert paths["C2"].steps == ("search", "social", "search")
    assert paths["C9"].steps == ("direct",)
    assert [paths[c].revenue for c in ("C1", "C2", "C9")] == [100.0, 50.0, 0.0]
    result = am.attribution(data.con, "last", unit="customers")
    assert (result.total_conversions, result.total_revenue) == (3, 150.0)
    # Customers acquired from 5 to 31 January: C1 (its 1 January touch still counts) and C2.
    january = {"start": dt.date(2026, 1, 5), "end": dt.date(2026, 1, 31)}
    result = am.attribution(data.con, "first", unit="customers", **january)
    assert (result.total_conversions, result.total_revenue) == (2, 150.0)
    got = {r["channel"]: r["revenue"] for r in result.rows.to_dict("records")}
    assert got == {"social": 100.0, "search": 50.0, "email": 0.0}
    with pytest.raises(jm.MissingData, match="customers"):
        am.attribution(session(touchpoints=TOUCHES).con, "last", unit="customers")


def test_a_date_only_export_counts_touches_of_the_conversion_day():
    leads = "lead_id,created_at,channel,converted_at,revenue\nA,2026-01-01,social,2026-01-05,10\n"
    touches = "lead_id,touched_at,channel\nA,2026-01-02 09:00,social\nA,2026-01-05 15:00,email\nA,2026-01-06 09:00,search\n"
    data = session(leads=leads, touchpoints=touches)
    assert [j.steps for j in jm.journeys(data.con)] == [("social", "email")]


def test_lead_revenue_comes_from_orders_when_the_crm_has_none():
    leads = LEADS.replace(",100,C1", ",,C1").replace(",50,C2", ",,C2")
    orders = "order_id,customer_id,ordered_at,revenue\n1,C1,2026-01-11,80\n2,C2,2026-01-21,5\n"
    data = session(leads=leads, touchpoints=TOUCHES, orders=orders)
    assert am.attribution(data.con, "first").total_revenue == 85.0


def test_roles_count_first_middle_and_last_touches_of_converted_journeys(con):
    totals = jm.role_totals(con).set_index("key")
    # L1: social originates, email assists, search converts.
    # L2: search originates, social assists, search converts. L3 did not convert.
    assert totals.loc["social", ["originating", "assist", "converting"]].tolist() == [1, 1, 0]
    assert totals.loc["email", ["originating", "assist", "converting"]].tolist() == [0, 1, 0]
    assert totals.loc["search", ["originating", "assist", "converting"]].tolist() == [1, 0, 2]
    every = jm.roles(con, converted_only=False)
    social = every[(every["key"] == "social") & (every["role"] == "originating")]
    assert social["touches"].sum() == 2  # L3's one step originates too


def test_roles_growth_compares_each_period_with_the_previous():
    data = session(leads=LEADS, touchpoints=TOUCHES)
    frame = jm.roles(data.con, grain="week")
    conv = frame[(frame["key"] == "search") & (frame["role"] == "converting")]
    # Converting touches on 2026-01-09 (week of 5 Jan) and 2026-01-21 (week of 19 Jan).
    assert conv["period_start"].astype(str).tolist() == ["2026-01-05", "2026-01-19"]
    assert conv["touches"].tolist() == [1, 1]
    assert conv["growth"].iloc[1] == approx(0.0)


def test_missing_exports_are_named():
    data = session(leads=LEADS)
    with pytest.raises(jm.MissingData, match="touchpoint"):
        am.attribution(data.con, "last")
    data = session(touchpoints=TOUCHES)
    with pytest.raises(jm.MissingData, match="CRM"):
        am.attribution(data.con, "last")


# --- every model by hand -------------------------------------------------------------------------


def test_first_touch(con):
    assert credits(con, "first") == {
        "social": (1, 100), "search": (1, 50), "email": (0, 0)
    }  # fmt: skip


def test_last_touch(con):
    assert credits(con, "last") == {
        "search": (2, 150), "social": (0, 0), "email": (0, 0)
    }  # fmt: skip


def test_linear(con):
    # L1: a third each of 1 and 100. L2: search 2/3, social 1/3 of 1 and 50.
    got = credits(con, "linear")
    assert got["social"] == approx((1 / 3 + 1 / 3, 100 / 3 + 50 / 3))
    assert got["email"] == approx((1 / 3, 100 / 3))
    assert got["search"] == approx((1 / 3 + 2 / 3, 100 / 3 + 100 / 3))


def test_position_based(con):
    # L1: 40 / 20 / 40. L2: search 40 + 40, social 20.
    got = credits(con, "position")
    assert got["social"] == approx((0.4 + 0.2, 40 + 10))
    assert got["email"] == approx((0.2, 20))
    assert got["search"] == approx((0.4 + 0.8, 40 + 40))


def test_position_based_with_two_and_one_touch():
    two = am.Journey("a", ("x", "y"), (1.0, 0.0), True, 10.0)
    one = am.Journey("b", ("z",), (0.0,), True, 4.0)
    rows = am.attribute([two, one], "position").rows.set_index("channel")
    assert rows.loc["x"].tolist() == [0.5, 5.0]
    assert rows.loc["y"].tolist() == [0.5, 5.0]
    assert rows.loc["z"].tolist() == [1.0, 4.0]


@pytest.mark.parametrize("half_life", [7.0, 3.5])
def test_time_decay(con, half_life):
    def w(days):
        return 2 ** (-days / half_life)

    l1 = {"social": w(10), "email": w(6), "search": w(2)}
    s1 = sum(l1.values())
    l2_search, l2_social = w(7) + w(0), w(4)
    s2 = l2_search + l2_social
    got = credits(con, "time_decay", half_life=half_life)
    assert got["social"] == approx((l1["social"] / s1 + l2_social / s2,
                                    100 * l1["social"] / s1 + 50 * l2_social / s2))  # fmt: skip
    assert got["email"] == approx((l1["email"] / s1, 100 * l1["email"] / s1))
    assert got["search"] == approx((l1["search"] / s1 + l2_search / s2,
                                    100 * l1["search"] / s1 + 50 * l2_search / s2))  # fmt: skip
    if half_life == 7.0:  # 2^(-7/7) = 1/2 for L2's first touch
        assert w(7) == 0.5


def test_markov(con):
    # Transitions: start → social 2/3, search 1/3; social → email, search, null 1/3 each;
    # email → search 1; search → conversion 2/3, social 1/3.
    # P(conv) from search q, social s, email e: s = e/3 + q/3, e = q, q = 2/3 + s/3
    #   → q = 6/7, s = 4/7, P = 2/3 · 4/7 + 1/3 · 6/7 = 2/3.
    # Without social: q = 2/3, P = 1/3 · 2/3 = 2/9 → removal effect 1 − (2/9)/(2/3) = 2/3.
    # Without email: s = q/3, q = 2/3 + s/3 → q = 3/4, s = 1/4, P = 5/12 → 1 − 5/8 = 3/8.
    # Without search nothing converts → 1. Effects sum to 49/24: shares 16/49, 9/49, 24/49.
    result = am.attribution(con, "markov")
    assert result.removal_effects == approx({"social": 2 / 3, "email": 3 / 8, "search": 1.0})
    m = result.transitions
    assert m.loc[am.START, ["social", "search"]].tolist() == approx([2 / 3, 1 / 3])
    assert m.loc["social", ["email", "search", am.NULL]].tolist() == approx([1 / 3] * 3)
    assert m.loc["search", [am.CONVERSION, "social"]].tolist() == approx([2 / 3, 1 / 3])
    assert m.sum(axis=1).tolist() == approx([1.0] * 4)
    assert am.conversion_probability(m) == approx(2 / 3)
    got = credits(con, "markov")
    assert got["social"] == approx((2 * 16 / 49, 150 * 16 / 49))
    assert got["email"] == approx((2 * 9 / 49, 150 * 9 / 49))
    assert got["search"] == approx((2 * 24 / 49, 150 * 24 / 49))
    assert "removal_effects" in result.to_dict()


def test_shapley(con):
    # v(S) counts L1 when {social, email, search} ⊆ S and L2 when {search, social} ⊆ S.
    # L1: a third to each of its three channels; L2: half to search and social (the repeated
    # search counts once).
    got = credits(con, "shapley")
    assert got["social"] == approx((1 / 3 + 1 / 2, 100 / 3 + 25))
    assert got["email"] == approx((1 / 3, 100 / 3))
    assert got["search"] == approx((1 / 3 + 1 / 2, 100 / 3 + 25))
    by_subsets = am.shapley_by_subsets(jm.journeys(con))
    for key, value in by_subsets.items():
        assert got[key] == approx(value)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from("abcde"), min_size=1, max_size=5), st.booleans(),
                  st.integers(0, 100)),
        min_size=1, max_size=6,
    )
)  # fmt: skip
def test_shapley_split_equals_the_definition(raw):
    paths = [am.Journey(str(i), tuple(s), (0.0,) * len(s), c, float(r) if c else 0.0)
             for i, (s, c, r) in enumerate(raw)]  # fmt: skip
    exact = am.shapley_by_subsets(paths)
    split = am.shapley_credits(paths)
    assert set(exact) == set(split)
    for key, (conv, rev) in exact.items():
        assert split[key] == (approx(conv), approx(rev))


def test_shapley_enumeration_is_capped():
    many = [am.Journey("a", tuple(f"c{i}" for i in range(16)), (0.0,) * 16, True, 1.0)]
    with pytest.raises(am.KpiError, match="at most 15"):
        am.shapley_by_subsets(many)
    assert sum(c for c, _ in am.shapley_credits(many).values()) == approx(1.0)


def test_unknown_model_is_refused(con):
    with pytest.raises(am.KpiError, match="Unknown attribution model"):
        am.attribution(con, "magic")


def test_compare_models_has_every_model(con):
    frame = am.compare_models(con)
    assert set(frame["model"]) == set(am.MODELS)
    assert frame.groupby("model")["revenue"].sum().tolist() == approx([150.0] * len(am.MODELS))


# --- properties --------------------------------------------------------------------------------

CHANNELS = ("social", "email", "search", "direct")
BASE = dt.datetime(2026, 1, 1, 0, 30)  # never midnight: a date-only export reads by day


@st.composite
def histories(draw):
    n = draw(st.integers(1, 6))
    leads, touches = [], []
    for i in range(n):
        created = BASE + dt.timedelta(hours=draw(st.integers(0, 500)))
        converted = draw(st.booleans())
        conv_at = created + dt.timedelta(hours=draw(st.integers(0, 500))) if converted else None
        revenue = float(draw(st.integers(0, 500))) if converted else None
        leads.append(
            {"lead_id": f"L{i}", "created_at": created, "channel": draw(st.sampled_from(CHANNELS)),
             "converted_at": conv_at, "revenue": revenue}
        )  # fmt: skip
        for _ in range(draw(st.integers(0, 5))):
            at = created + dt.timedelta(hours=draw(st.integers(-100, 400)))
            touches.append(
                {"lead_id": f"L{i}", "touched_at": at, "channel": draw(st.sampled_from(CHANNELS))}
            )
    return leads, touches


def _con(leads, touches):
    con = duckdb.connect()
    lead_cols = "lead_id VARCHAR, created_at TIMESTAMP, channel VARCHAR, platform VARCHAR, campaign VARCHAR, converted_at TIMESTAMP, revenue DOUBLE, customer_id VARCHAR"
    touch_cols = "lead_id VARCHAR, customer_id VARCHAR, touched_at TIMESTAMP, channel VARCHAR, platform VARCHAR, campaign VARCHAR"
    con.execute(f"CREATE TABLE leads ({lead_cols})")
    con.execute(f"CREATE TABLE touchpoints ({touch_cols})")
    for r in leads:
        con.execute(
            "INSERT INTO leads (lead_id, created_at, channel, converted_at, revenue) VALUES (?, ?, ?, ?, ?)",
            [r["lead_id"], r["created_at"], r["channel"], r["converted_at"], r["revenue"]],
        )
    for r in touches:
        con.execute(
            "INSERT INTO touchpoints (lead_id, touched_at, channel) VALUES (?, ?, ?)",
            [r["lead_id"], r["touched_at"], r["channel"]],
        )
    # A touch without a time, and one of a lead not in the CRM export: both are ignored.
    con.execute("INSERT INTO touchpoints (lead_id, touched_at, channel) VALUES ('L0', NULL, 'x')")
    con.execute("INSERT INTO touchpoints VALUES ('ghost', NULL, ?, 'x', NULL, NULL)", [BASE])
    return con


def _all_credits(con):
    paths = jm.journeys(con)
    return {m: am.attribute(paths, m) for m in am.MODELS}


@settings(max_examples=40, deadline=None)
@given(histories())
def test_credits_add_up_to_the_totals_under_every_model(history):
    leads, touches = history
    conversions = sum(1 for r in leads if r["converted_at"] is not None)
    revenue = sum(r["revenue"] or 0 for r in leads if r["converted_at"] is not None)
    con = _con(leads, touches)
    python = _all_credits(con)
    for model, result in python.items():
        in_sql = am.attribution(con, model)  # the database computes what the reference does
        pd.testing.assert_frame_equal(
            in_sql.rows.set_index("channel").sort_index(),
            result.rows.set_index("channel").sort_index(),
            check_exact=False,
        )
        assert (in_sql.total_conversions, in_sql.total_revenue) == (
            result.total_conversions,
            approx(result.total_revenue),
        )
        if model == "markov":
            assert in_sql.removal_effects == approx(result.removal_effects)
            assert all(0 <= e <= 1 for e in result.removal_effects.values())
    for model, result in python.items():
        assert result.total_conversions == conversions, model
        assert result.total_revenue == approx(revenue), model
        if conversions:
            assert result.rows["conversions"].sum() == approx(conversions), model
            assert result.rows["revenue"].sum() == approx(revenue, abs=1e-6), model
        assert (result.rows["conversions"] >= -1e-12).all(), model
    con.close()


@settings(max_examples=40, deadline=None)
@given(histories(), st.lists(st.tuples(st.integers(0, 5), st.integers(1, 300),
                                       st.sampled_from(CHANNELS)), max_size=6))  # fmt: skip
def test_touches_after_a_conversion_never_change_a_credit(history, late):
    leads, touches = history
    before = _all_credits(_con(leads, touches))
    extra = []
    for i, hours, channel in late:
        lead = leads[i % len(leads)]
        if lead["converted_at"] is not None:
            extra.append({"lead_id": lead["lead_id"], "channel": channel,
                          "touched_at": lead["converted_at"] + dt.timedelta(hours=hours)})  # fmt: skip
    after = _all_credits(_con(leads, touches + extra))
    for model in am.MODELS:
        a = before[model].rows.set_index("channel")
        b = after[model].rows.set_index("channel")
        pd.testing.assert_frame_equal(a.sort_index(), b.sort_index(), check_exact=False)


# --- date ranges -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def con4():
    from tests.analytics.roi_fixtures import LEADS_RANGE, TOUCHES_RANGE

    data = session(leads=LEADS_RANGE, touchpoints=TOUCHES_RANGE)
    yield data.con
    data.close()


RANGE = (dt.date(2026, 1, 15), dt.date(2026, 2, 28))  # L2 (Jan 21) and L4 (Feb 10), not L1 (Jan 11)


def test_a_range_selects_journeys_converting_in_it_with_their_earlier_touches(con4):
    paths = {j.id: j for j in jm.journeys(con4, start=RANGE[0], end=RANGE[1])}
    assert set(paths) == {"L2", "L4"}  # L3 never converts and was created before the range
    assert paths["L2"].steps == ("search", "social", "search")  # its Jan 14 touch still counts
    assert paths["L4"].steps == ("social", "email")


def test_last_touch_in_a_range(con4):
    # L2 (50) ends on search, L4 (80) on email; social converts nothing.
    got = credits(con4, "last", start=RANGE[0], end=RANGE[1])
    assert got == {"search": (1.0, 50.0), "email": (1.0, 80.0), "social": (0.0, 0.0)}
    result = am.attribution(con4, "last", start=RANGE[0], end=RANGE[1])
    assert (result.total_conversions, result.total_revenue) == (2, 130.0)


def test_linear_in_a_range(con4):
    # L2: a third each to search, social, search; L4: half each to social and email.
    got = credits(con4, "linear", start=RANGE[0], end=RANGE[1])
    assert got["search"] == (approx(2 / 3), approx(100 / 3))
    assert got["social"] == (approx(1 / 3 + 1 / 2), approx(50 / 3 + 40))
    assert got["email"] == (approx(1 / 2), approx(40.0))
    assert set(got) == {"search", "social", "email"}


def test_without_a_range_every_journey_counts(con4):
    result = am.attribution(con4, "linear")
    assert (result.total_conversions, result.total_revenue) == (3, 230.0)


def test_a_range_that_ends_before_it_starts_is_refused(con4):
    with pytest.raises(KpiError):
        am.attribution(con4, "last", start=RANGE[1], end=RANGE[0])


@settings(max_examples=40, deadline=None)
@given(histories(), st.integers(0, 30), st.integers(0, 30))
def test_credits_in_a_range_add_up_to_the_conversions_in_that_range(history, a, b):
    leads, touches = history
    start = BASE.date() + dt.timedelta(days=min(a, b))
    end = BASE.date() + dt.timedelta(days=max(a, b))
    inside = [
        r for r in leads
        if r["converted_at"] is not None and start <= r["converted_at"].date() <= end
    ]  # fmt: skip
    conversions, revenue = len(inside), sum(r["revenue"] or 0 for r in inside)
    con = _con(leads, touches)
    paths = jm.journeys(con, start=start, end=end)
    for model in am.MODELS:
        reference = am.attribute(paths, model)
        in_sql = am.attribution(con, model, start=start, end=end)
        pd.testing.assert_frame_equal(
            in_sql.rows.set_index("channel").sort_index(),
            reference.rows.set_index("channel").sort_index(),
            check_exact=False,
        )
        assert in_sql.total_conversions == conversions, model
        assert in_sql.total_revenue == approx(revenue), model
        if conversions:
            assert in_sql.rows["conversions"].sum() == approx(conversions), model
            assert in_sql.rows["revenue"].sum() == approx(revenue, abs=1e-6), model
    con.close()
