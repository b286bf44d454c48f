"""Campaign lift against a structural time-series forecast, on synthetic series whose answer
is known: a +30 % burst, no change, a drop; and the refusals."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kpi.analytics import lift
from kpi.errors import KpiError

START, END = dt.date(2026, 3, 2), dt.date(2026, 3, 15)  # two weeks after eight weeks before
WEEKLY = np.array([1.0, 1.1, 1.05, 1.0, 0.95, 0.8, 0.7])  # a weekday pattern


def series(effect: float, seed: int = 3) -> pd.Series:
    days = pd.date_range("2026-01-05", "2026-03-15", freq="D")
    rng = np.random.default_rng(seed)
    values = 100 * WEEKLY[days.day_of_week] + rng.normal(0, 3, len(days))
    values[days >= pd.Timestamp(START)] *= 1 + effect
    return pd.Series(values, index=days)


def test_a_30_percent_burst_reads_as_a_real_lift():
    result = lift.campaign_lift(series(0.30), START, END)
    assert result.lift_pct == pytest.approx(0.30, abs=0.06)
    assert result.pct_low > 0 and result.pct_low < result.lift_pct < result.pct_high
    assert result.reading.endswith("likely a real lift")
    assert result.reading.startswith(f"+{result.lift_pct * 100:.0f} % [+")
    assert len(result.frame) == 14 and result.pre_periods == 56
    assert result.actual == pytest.approx(result.frame["actual"].sum())
    assert result.lift == pytest.approx(result.actual - result.expected)
    assert result.lift_low < result.lift < result.lift_high


def test_no_change_could_be_chance_and_a_drop_is_a_drop():
    flat = lift.campaign_lift(series(0.0), START, END)
    assert flat.pct_low < 0 < flat.pct_high
    assert "could be chance" in flat.reading
    drop = lift.campaign_lift(series(-0.4), START, END)
    assert drop.reading.endswith("likely a real drop") and drop.pct_high < 0


def test_the_answer_is_seeded():
    a = lift.campaign_lift(series(0.1), START, END).to_dict()
    b = lift.campaign_lift(series(0.1), START, END).to_dict()
    assert a == b


def test_weekly_series_and_missing_days_as_zero():
    days = pd.date_range("2025-09-01", "2026-03-29", freq="D")
    rng = np.random.default_rng(5)
    values = rng.poisson(20, len(days)).astype(float)
    values[days >= pd.Timestamp("2026-03-02")] += 10
    s = pd.Series(values, index=days)
    s = s[s.index.day_of_week != 6]  # Sundays missing from the export: they had none
    result = lift.campaign_lift(
        s, dt.date(2026, 3, 2), dt.date(2026, 3, 29), freq="W", pre_periods=20
    )
    assert len(result.frame) == 4
    assert result.reading.endswith("likely a real lift")


def test_refusals():
    with pytest.raises(KpiError, match="at least 21 days"):
        lift.campaign_lift(series(0.3), dt.date(2026, 1, 20), dt.date(2026, 1, 30))
    with pytest.raises(KpiError, match="ends before"):
        lift.campaign_lift(series(0.3), END, START)
    with pytest.raises(KpiError, match="daily"):
        lift.campaign_lift(series(0.3), START, END, freq="M")
    with pytest.raises(KpiError, match="no values"):
        lift.campaign_lift(series(0.3), dt.date(2027, 1, 1), dt.date(2027, 1, 9))


def test_a_forecast_of_nothing_has_no_percentage():
    s = pd.Series(0.0, index=pd.date_range("2026-01-05", "2026-03-15", freq="D"))
    s[s.index >= pd.Timestamp(START)] = 5.0
    result = lift.campaign_lift(s, START, END)
    assert result.lift_pct is None
    assert result.reading.startswith("The forecast expected nothing")
