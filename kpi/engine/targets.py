"""Targets and status: the person's targets and a targets file, good / warning / bad, changes."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from kpi.model import Kpi

WARNING_BAND = 0.1


def _target_for(
    kpi: str,
    period: dt.date,
    row: pd.Series,
    person: Mapping[str, float],
    data: pd.DataFrame | None,
) -> float | None:
    if kpi in person:
        return float(person[kpi])
    if data is None or data.empty:
        return None
    match = data[data["kpi"] == kpi]
    if "period_start" in match and match["period_start"].notna().any():
        starts = pd.to_datetime(match["period_start"]).dt.date
        ends = pd.to_datetime(match["period_end"]).dt.date if "period_end" in match else starts
        inside = (starts.isna() | (starts <= period)) & (ends.isna() | (ends >= period))
        match = match[inside.to_numpy()]
    if "platform" in match and "platform" in row and isinstance(row.get("platform"), str):
        match = match[match["platform"].isna() | (match["platform"] == row["platform"])]
    if match.empty:
        return None
    return float(match["target"].iloc[-1])


def status(value: float | None, target: float | None, direction: str) -> str | None:
    """good, warning or bad against a target, respecting whether higher or lower is better."""
    if value is None or target is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if direction == "higher":
        if value >= target:
            return "good"
        return "warning" if value >= target * (1 - WARNING_BAND) else "bad"
    if value <= target:
        return "good"
    return "warning" if value <= target * (1 + WARNING_BAND) else "bad"


def _changes_and_status(
    rows: pd.DataFrame,
    person: Mapping[str, float],
    data: pd.DataFrame | None,
    known: Mapping[str, Kpi],
) -> pd.DataFrame:
    """Absolute change (percentage points for rates), relative change, target and status."""
    if rows.empty:
        for column in ("previous", "change", "change_pct", "target", "status"):
            rows[column] = []
        return rows
    # On NumPy arrays: a page's requests are a few hundred rows, where each pandas operation
    # costs more than its arithmetic.
    value = rows["value"].to_numpy(dtype="float64", na_value=np.nan)
    previous = rows["previous"].to_numpy(dtype="float64", na_value=np.nan)
    change = value - previous
    rows["change"] = change
    kpis = rows["kpi"].tolist()  # plain strings: a row-by-row look-up, not a pandas map
    is_rate = np.array([known[k].format == "percent" for k in kpis], dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = change / np.where(previous != 0, np.abs(previous), np.nan)
    rows["change_pct"] = np.where(is_rate, np.nan, relative)
    if not person and (data is None or data.empty):
        targets: list[float | None] = [None] * len(rows)
        rows["target"] = pd.array(targets, dtype="Float64")
        rows["status"] = targets  # no target, no status
        return rows
    targets = [
        _target_for(r.kpi, r.period_start, r, person, data) for r in rows.itertuples(index=False)
    ]
    rows["target"] = pd.array(targets, dtype="Float64")
    rows["status"] = [
        None if t is None else status(None if pd.isna(v) else float(v), t, known[k].direction)
        for k, v, t in zip(kpis, value.tolist(), targets, strict=True)
    ]
    return rows
