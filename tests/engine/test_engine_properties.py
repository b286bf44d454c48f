"""Invariants of the engine, on generated posts: breakdowns sum to totals, a ratio in any period
is the ratio of that period's sums, and the grain never changes the total over the range."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.engine import Request, run
from tests.engine.conftest import session

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
PLATFORMS = ("facebook", "instagram", "x")

post = st.tuples(
    st.integers(0, (END - START).days),
    st.sampled_from(PLATFORMS),
    st.integers(0, 5000),
    st.integers(0, 300),
    st.integers(0, 50),
)


def _csv(rows):
    lines = ["post_id,published_at,platform,impressions,likes,comments"]
    for i, (day, platform, impressions, likes, comments) in enumerate(rows):
        lines.append(
            f"p{i},{START + dt.timedelta(days=day)} 12:00,{platform},{impressions},{likes},{comments}"
        )
    return "\n".join(lines) + "\n"


def _sum(values):
    return sum(v for v in values if v == v)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(post, min_size=1, max_size=40), st.sampled_from(["day", "week", "month", "quarter"])
)
def test_engine_invariants(rows, grain):
    data = session(posts=_csv(rows))
    total = run(data.con, Request(("impressions", "likes"), START, END))
    total_imp = total.rows.set_index("kpi").loc["impressions", "value"]
    assert total_imp == sum(r[2] for r in rows)

    # a breakdown of an additive KPI sums to the total
    split = run(data.con, Request(("impressions",), START, END, by=("platform",)))
    assert _sum(split.rows["value"]) == pytest.approx(total_imp)

    # changing the grain never changes the total over the range
    series = run(data.con, Request(("impressions", "likes", "engagement_rate"), START, END, grain))
    for kpi in ("impressions", "likes"):
        values = series.rows[series.rows["kpi"] == kpi]["value"]
        assert _sum(values) == pytest.approx(total.rows.set_index("kpi").loc[kpi, "value"])

    # a ratio in each period equals sum(numerator) / sum(denominator) of that period's rows
    rates = series.rows[series.rows["kpi"] == "engagement_rate"]
    starts = [*rates["period_start"], END + dt.timedelta(days=1)]
    for (start, rate), stop in zip(
        zip(rates["period_start"], rates["value"], strict=True), starts[1:], strict=True
    ):
        inside = [r for r in rows if start <= START + dt.timedelta(days=r[0]) < stop]
        den = sum(r[2] for r in inside)
        num = sum(r[3] + r[4] for r in inside)
        if den:
            assert rate == pytest.approx(num / den)
        else:
            assert rate != rate  # NULL: no impressions, no rate
