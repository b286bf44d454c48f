"""Periods of a request: grains, the periods covering a range, comparison ranges, growth."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from kpi.errors import KpiError
from kpi.i18n import t

GRAINS = ("day", "week", "month", "quarter")
COMPARISONS = ("previous", "year")


def period_start(day: dt.date, grain: str) -> dt.date:
    """The first day of the period holding `day` (weeks start on Monday)."""
    if grain == "day":
        return day
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    raise KpiError(t("error.unknown_grain", grain=grain, grains=", ".join(GRAINS)))


def _next_period(start: dt.date, grain: str) -> dt.date:
    if grain == "day":
        return start + dt.timedelta(days=1)
    if grain == "week":
        return start + dt.timedelta(days=7)
    months = 1 if grain == "month" else 3
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def periods(start: dt.date, end: dt.date, grain: str | None) -> list[tuple[dt.date, dt.date]]:
    """The periods covering [start, end] as (first day, day after the last), clipped to the range."""
    if end < start:
        raise KpiError(t("error.range_backwards", start=start, end=end))
    if grain is None:
        return [(start, end + dt.timedelta(days=1))]
    out = []
    current = period_start(start, grain)
    while current <= end:
        nxt = _next_period(current, grain)
        out.append((max(current, start), min(nxt, end + dt.timedelta(days=1))))
        current = nxt
    return out


def _shift_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def comparison_range(start: dt.date, end: dt.date, compare: str) -> tuple[dt.date, dt.date]:
    """The range a request is compared with: the equally long period before, or last year."""
    if compare == "previous":
        length = end - start + dt.timedelta(days=1)
        return start - length, end - length
    if compare == "year":
        return _shift_year(start), _shift_year(end)
    raise KpiError(t("error.unknown_comparison", compare=compare))


def growth(series: Sequence[float | None]) -> list[float | None]:
    """Period-over-period growth of a KPI's series (None where the earlier value is missing or 0)."""
    out: list[float | None] = [None]
    for a, b in pairwise(series):
        out.append(None if a in (None, 0) or b is None else (b - a) / abs(a))
    return out


def cmgr(first: float | None, last: float | None, months: float) -> float | None:
    """Compound monthly growth rate between two values `months` apart."""
    if not first or last is None or months <= 0 or (last / first) < 0:
        return None
    return (last / first) ** (1 / months) - 1
