"""What a request asks and what it gives back: the request, the KPIs that need something, the
notes that qualify a value, and the result."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from kpi.model import Kpi


@dataclass(frozen=True)
class Request:
    """What to compute. `filters` maps a field to the values kept; `targets` a KPI id to a target."""

    kpis: tuple[str, ...]
    start: dt.date
    end: dt.date
    grain: str | None = None  # None: one value for the whole range
    by: tuple[str, ...] = ()
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    compare: str | None = None  # previous period, or same period last year
    targets: Mapping[str, float] = field(default_factory=dict)
    extra: tuple[Kpi, ...] = ()  # the person's own KPIs (custom formulas, average A per B)


@dataclass(frozen=True)
class Need:
    """A KPI that cannot be computed: what it lacks and which export provides it."""

    kpi: str
    missing: tuple[str, ...]
    hint: str
    # missing data; "unusable": the breakdown or filter does not apply; "breakdown": it only
    # makes sense per value of a field; "currency": amounts in several currencies
    reason: str = "missing"


@dataclass
class Result:
    """One row per KPI × period × breakdown, the KPIs that need data, the SQL that ran and notes.

    Besides kpi, period_start, the breakdown fields, value and previous, each row says which
    platforms it `covers` (a ratio counts only the platforms reporting both its parts), its
    `source` dataset (leads from the CRM or from ads) and its `currency` (when one)."""

    rows: pd.DataFrame
    needs: list[Need]
    sql: dict[str, str]
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    """What a person should know about a value that was computed: which platforms a ratio
    covers, which source a KPI came from, rows of a ranged report left out, and so on."""

    kpi: str
    kind: str  # covers, source, range
    message: str


def finite_or_none(value: object) -> float | None:
    """A result cell as a plain float, or None when it is missing, not a number or infinite
    (JSON and a scorecard have no room for NaN or infinity)."""
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
