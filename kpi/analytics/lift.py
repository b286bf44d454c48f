"""Campaign lift: how far a daily or weekly series rose above what the weeks before it predicted.

The counterfactual is a structural time-series model (statsmodels `UnobservedComponents`: a local
level, or a local linear trend, plus weekly seasonality for daily data) fitted on the periods
before the campaign and forecast across it. The lift is actual − expected over the campaign;
its 95 % interval comes from simulated forecast paths (seeded, so a rerun gives the same
answer), which carry the uncertainty of the level as well as of each day.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from statsmodels.tsa.statespace.structural import UnobservedComponents

from kpi.errors import KpiError
from kpi.i18n import t

SEED = 20261201
SIMULATIONS = 2000
FREQUENCIES = {"D": "day", "W": "week"}
PRE_PERIODS = {"D": 56, "W": 26}  # 8 weeks of days, half a year of weeks
MIN_PRE = {"D": 21, "W": 8}


@dataclass
class Lift:
    """A campaign's lift against the counterfactual forecast, and a plain reading of it."""

    start: dt.date
    end: dt.date
    actual: float
    expected: float
    lift: float
    lift_low: float
    lift_high: float
    lift_pct: float | None
    pct_low: float | None
    pct_high: float | None
    reading: str
    frame: pd.DataFrame  # period, actual, expected, lower, upper (per period of the campaign)
    pre_periods: int

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary (without the per-period frame)."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "actual": self.actual,
            "expected": self.expected,
            "lift": self.lift,
            "lift_low": self.lift_low,
            "lift_high": self.lift_high,
            "lift_pct": self.lift_pct,
            "pct_low": self.pct_low,
            "pct_high": self.pct_high,
            "reading": self.reading,
            "pre_periods": self.pre_periods,
        }


def _pct(x: float) -> str:
    return f"{x * 100:+.0f} %"


def reading(
    lift_low: float, lift_high: float, pct: float | None, low: float | None, high: float | None
) -> str:
    """'+18 % [+6 %, +31 %]: likely a real lift', a real drop, or could be chance; the verdict
    comes from the interval of the absolute lift, the words from the relative one."""
    if pct is None:
        head = "The forecast expected nothing in the campaign period"
    else:
        head = f"{_pct(pct)} [{_pct(low) if low is not None else '…'}, " + (
            f"{_pct(high)}]" if high is not None else "…]"
        )
    if lift_low > 0:
        return f"{head}: likely a real lift"
    if lift_high < 0:
        return f"{head}: likely a real drop"
    return f"{head}: could be chance (the interval includes no change)"


def _regular(series: pd.Series, freq: str, fill: float | None) -> pd.Series:
    index = pd.to_datetime(series.index)
    index = index.to_period("W-SUN").start_time if freq == "W" else index.normalize()
    regular = pd.Series(series.to_numpy(dtype=float), index=index).groupby(level=0).sum(min_count=1)
    regular = regular.asfreq("D" if freq == "D" else "W-MON")
    return regular.fillna(fill) if fill is not None else regular


def campaign_lift(
    series: pd.Series,
    start: dt.date,
    end: dt.date,
    freq: str = "D",
    pre_periods: int | None = None,
    trend: bool = False,
    fill: float | None = 0.0,
) -> Lift:
    """Lift of `series` (values indexed by date) over [start, end] against a forecast from the
    `pre_periods` days or weeks before `start`. Missing periods count as `fill` (0: a day
    without leads had none; None keeps them missing, which the model skips)."""
    if freq not in FREQUENCIES:
        raise KpiError(t("error.lift_frequency"))
    if end < start:
        raise KpiError(t("error.campaign_backwards"))
    regular = _regular(series, freq, fill)
    first = pd.Timestamp(start)
    last = pd.Timestamp(end)
    if freq == "W":
        first, last = first.to_period("W-SUN").start_time, last.to_period("W-SUN").start_time
    pre = regular[regular.index < first]
    pre = pre.iloc[-(pre_periods or PRE_PERIODS[freq]) :]
    during = regular[(regular.index >= first) & (regular.index <= last)]
    unit = FREQUENCIES[freq]
    if pre.count() < MIN_PRE[freq]:
        raise KpiError(
            t(
                "error.lift_history",
                n=MIN_PRE[freq],
                unit=t(f"grain_word.{unit}"),
                has=int(pre.count()),
            )
        )
    if during.empty:
        raise KpiError(t("error.lift_no_values"))
    level = "local linear trend" if trend else "local level"
    seasonal = {"freq_seasonal": [{"period": 7, "harmonics": 3}]} if freq == "D" else {}
    model = UnobservedComponents(pre.to_numpy(), level=level, **seasonal)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on short, flat series
        fitted = model.fit(disp=False)
        forecast = fitted.get_forecast(len(during))
        paths = fitted.simulate(
            len(during), anchor="end", repetitions=SIMULATIONS, rng=np.random.default_rng(SEED)
        )
    paths = np.asarray(paths).reshape(len(during), -1)
    expected_each = np.asarray(forecast.predicted_mean)
    bounds = np.asarray(forecast.conf_int(alpha=0.05))
    actual_each = during.to_numpy(dtype=float)
    observed = ~np.isnan(actual_each)
    actual = float(actual_each[observed].sum())
    expected = float(expected_each[observed].sum())
    totals = paths[observed].sum(axis=0)
    low_total, high_total = (float(q) for q in np.percentile(totals, [2.5, 97.5]))
    lift = actual - expected
    pct = actual / expected - 1 if expected > 0 else None
    low = actual / high_total - 1 if pct is not None and high_total > 0 else None
    high = actual / low_total - 1 if pct is not None and low_total > 0 else None  # else unbounded
    frame = pd.DataFrame(
        {
            "period": during.index.date,
            "actual": actual_each,
            "expected": expected_each,
            "lower": bounds[:, 0],
            "upper": bounds[:, 1],
        }
    )
    frame.attrs = dict(series.attrs)  # the values' currency, for the lift chart
    return Lift(
        start, end, actual, expected, lift, actual - high_total, actual - low_total,
        pct, low, high,
        reading(actual - high_total, actual - low_total, pct, low, high), frame, len(pre),
    )  # fmt: skip


def kpi_lift(
    con: duckdb.DuckDBPyConnection,
    kpi: str,
    start: dt.date,
    end: dt.date,
    freq: str = "D",
    pre_periods: int | None = None,
    trend: bool = False,
) -> Lift:
    """Lift of a catalog KPI (per day or week from the engine) over a campaign's dates."""
    from kpi.analytics.growth import kpi_series

    grain = "day" if freq == "D" else "week"
    before = (pre_periods or PRE_PERIODS.get(freq, 0)) * (1 if freq == "D" else 7)
    series = kpi_series(con, kpi, grain, start - dt.timedelta(days=before + 7), end)
    return campaign_lift(series, start, end, freq, pre_periods, trend)
