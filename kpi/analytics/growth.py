"""Growth of any KPI series: month over month, year over year, and compound monthly growth.

A series is a pandas Series of values indexed by period start (dates). Months without a value
stay empty rather than zero, so a gap never passes for a collapse. Rates of change are
fractions (0.18 = +18 %); a change from zero or from nothing is empty.
"""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pandas as pd

from kpi.engine import Request, data_end, data_start, run
from kpi.errors import KpiError
from kpi.i18n import t


def _monthly(series: pd.Series) -> pd.Series:
    if series.empty:
        return series.astype(float)
    index = pd.to_datetime(series.index).to_period("M").to_timestamp()
    monthly = pd.Series(series.to_numpy(dtype=float), index=index).groupby(level=0).sum(min_count=1)
    return monthly.asfreq("MS")


def _change(now: float, before: float) -> float | None:
    if before is None or now is None or math.isnan(before) or math.isnan(now) or before == 0:
        return None
    return now / before - 1


def growth_table(series: pd.Series) -> pd.DataFrame:
    """Per month: value, previous month, mom (month over month), same month a year earlier,
    yoy (year over year). Values of one month are summed; missing months are empty."""
    monthly = _monthly(series)
    frame = pd.DataFrame({"period_start": monthly.index.date, "value": monthly.to_numpy()})
    frame["previous"] = monthly.shift(1).to_numpy()
    frame["year_before"] = monthly.shift(12).to_numpy()
    frame["mom"] = [_change(v, p) for v, p in zip(frame["value"], frame["previous"], strict=True)]
    frame["yoy"] = [
        _change(v, p) for v, p in zip(frame["value"], frame["year_before"], strict=True)
    ]
    frame.attrs = dict(series.attrs)  # the values' currency, for the growth chart
    return frame


def compound_monthly_growth(
    series: pd.Series, start: dt.date | None = None, end: dt.date | None = None
) -> float | None:
    """(last / first) ** (1 / months between them) − 1 over [start, end] (the whole series by
    default); None when the first value is not positive, a value is missing or there is one month."""
    monthly = _monthly(series)
    if start is not None:
        monthly = monthly[monthly.index >= pd.Timestamp(start).to_period("M").to_timestamp()]
    if end is not None:
        monthly = monthly[monthly.index <= pd.Timestamp(end)]
    if len(monthly) < 2:
        return None
    first, last = float(monthly.iloc[0]), float(monthly.iloc[-1])
    months = len(monthly) - 1
    if math.isnan(first) or math.isnan(last) or first <= 0 or last < 0:
        return None
    return (last / first) ** (1 / months) - 1


def kpi_series(
    con: duckdb.DuckDBPyConnection,
    kpi: str,
    grain: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.Series:
    """A catalog KPI per period from the engine (ratios stay ratios of sums per period)."""
    end = end or data_end(con, [kpi])
    start = start or data_start(con, [kpi])
    if start is None or end is None:
        raise KpiError(t("error.no_data_for", kpi=kpi))
    result = run(con, Request((kpi,), start, end, grain))
    if result.needs:
        need = result.needs[0]
        raise KpiError(
            t("error.kpi_needs", kpi=kpi, missing=", ".join(need.missing), hint=need.hint)
        )
    rows = result.rows[result.rows["kpi"] == kpi]
    series = pd.Series(
        pd.to_numeric(rows["value"], errors="coerce").to_numpy(dtype=float),
        index=pd.to_datetime(rows["period_start"]),
        name=kpi,
    )
    # The amounts' currency travels with the values, so a chart of them shows its sign.
    codes = set(rows["currency"].dropna()) if "currency" in rows else set()
    series.attrs["currency"] = codes.pop() if len(codes) == 1 else None
    return series


def kpi_growth(
    con: duckdb.DuckDBPyConnection,
    kpi: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[pd.DataFrame, float | None]:
    """The monthly growth table of a catalog KPI and its compound monthly growth."""
    series = kpi_series(con, kpi, "month", start, end)
    return growth_table(series), compound_monthly_growth(series)
