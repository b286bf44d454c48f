"""Computing catalog KPIs on a session's canonical views: totals over a period against the
period before, and series by week for charts. Ratios are always ratios of sums."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from kpi.catalog import Kpi
from kpi.schema import DATASETS


@dataclass(frozen=True)
class TileValue:
    """A KPI over a period, the same KPI over the period before, and the change between them."""

    kpi: Kpi
    value: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        """Relative change, or percentage points for a percent KPI; None when not computable."""
        if self.value is None or self.previous is None:
            return None
        if self.kpi.format == "percent":
            return self.value - self.previous
        if self.previous == 0:
            return None
        return (self.value - self.previous) / abs(self.previous)


@dataclass(frozen=True)
class Missing:
    """A KPI that cannot be computed, with the fields it lacks and the export that provides them."""

    kpi: Kpi
    missing: tuple[str, ...]
    hint: str


def missing_fields(
    con: duckdb.DuckDBPyConnection, kpi: Kpi, datasets: dict[str, int]
) -> Missing | None:
    """Why a KPI cannot be computed on this data, or None when it can."""
    hint = DATASETS[kpi.dataset].provided_by
    if kpi.dataset not in datasets:
        return Missing(kpi, (kpi.dataset,), hint)
    filled = con.execute(
        f"SELECT {', '.join(f'count({f})' for f in kpi.requires)} FROM {kpi.dataset}"
    ).fetchall()[0]
    absent = tuple(f for f, n in zip(kpi.requires, filled, strict=True) if not n)
    return Missing(kpi, absent, hint) if absent else None


def data_end(
    con: duckdb.DuckDBPyConnection, kpis: list[Kpi], datasets: dict[str, int]
) -> dt.date | None:
    """The last day any of these KPIs has data: the natural end of a default period."""
    ends = []
    for dataset, time_field in {(k.dataset, k.time_field) for k in kpis if k.dataset in datasets}:
        value = con.execute(f"SELECT max({time_field})::DATE FROM {dataset}").fetchall()[0][0]
        if value is not None:
            ends.append(value)
    return max(ends) if ends else None


def _value_sql(kpi: Kpi, start: dt.date, end: dt.date) -> str:
    where = f"{kpi.time_field}::DATE BETWEEN DATE '{start}' AND DATE '{end}'"
    if kpi.stock:
        # A level such as followers: the value on the period's last day with data.
        return (
            f"SELECT {kpi.numerator} FROM {kpi.dataset} WHERE {kpi.time_field}::DATE = "
            f"(SELECT max({kpi.time_field})::DATE FROM {kpi.dataset} WHERE {where})"
        )
    if kpi.denominator:
        return f"SELECT ({kpi.numerator}) / nullif({kpi.denominator}, 0) FROM {kpi.dataset} WHERE {where}"
    return f"SELECT {kpi.numerator} FROM {kpi.dataset} WHERE {where}"


def tile(con: duckdb.DuckDBPyConnection, kpi: Kpi, start: dt.date, end: dt.date) -> TileValue:
    """The KPI over [start, end] and over the equally long period just before."""
    days = (end - start).days + 1
    prev_end = start - dt.timedelta(days=1)
    prev_start = prev_end - dt.timedelta(days=days - 1)
    value = con.execute(_value_sql(kpi, start, end)).fetchall()[0][0]
    previous = con.execute(_value_sql(kpi, prev_start, prev_end)).fetchall()[0][0]
    return TileValue(kpi, _num(value), _num(previous))


def _num(value: object) -> float | None:
    return None if value is None else float(value)


def weekly_series(
    con: duckdb.DuckDBPyConnection, kpi: Kpi, start: dt.date, end: dt.date, by: str | None = None
) -> pd.DataFrame:
    """The KPI per week (weeks start on Monday), optionally per value of `by`, with empty weeks kept."""
    where = f"{kpi.time_field}::DATE BETWEEN DATE '{start}' AND DATE '{end}'"
    expr = f"({kpi.numerator}) / nullif({kpi.denominator}, 0)" if kpi.denominator else kpi.numerator
    group = f", {by}" if by else ""
    weeks = (
        f"SELECT unnest(generate_series(date_trunc('week', DATE '{start}'), "
        f"date_trunc('week', DATE '{end}'), INTERVAL 7 DAY))::DATE AS week"
    )
    keys = f"SELECT DISTINCT {by} FROM {kpi.dataset} WHERE {where}" if by else "SELECT 1 AS _k"
    sql = f"""
        WITH weeks AS ({weeks}), keys AS ({keys}),
        agg AS (
            SELECT date_trunc('week', {kpi.time_field})::DATE AS week{group}, {expr} AS value
            FROM {_stock_rows(kpi, where, "week", by) if kpi.stock else kpi.dataset}
            WHERE {where} GROUP BY ALL
        )
        SELECT weeks.week{", keys." + by if by else ""}, CAST(agg.value AS DOUBLE) AS value
        FROM weeks CROSS JOIN keys
        LEFT JOIN agg ON agg.week = weeks.week{f" AND agg.{by} IS NOT DISTINCT FROM keys.{by}" if by else ""}
        ORDER BY 1{", 2" if by else ""}
    """
    return con.execute(sql).df()


def _stock_rows(kpi: Kpi, where: str, grain: str, by: str | None) -> str:
    """Rows of a level KPI (followers) on the last day with data of each period and group."""
    partition = f"date_trunc('{grain}', {kpi.time_field})" + (f", {by}" if by else "")
    return (
        f"(SELECT * FROM {kpi.dataset} WHERE {where} QUALIFY {kpi.time_field}::DATE = "
        f"max({kpi.time_field}::DATE) OVER (PARTITION BY {partition}))"
    )


def breakdown(
    con: duckdb.DuckDBPyConnection, kpi: Kpi, start: dt.date, end: dt.date, by: str
) -> pd.DataFrame:
    """The KPI per value of `by` over the period (ratio of sums within each group)."""
    where = f"{kpi.time_field}::DATE BETWEEN DATE '{start}' AND DATE '{end}'"
    expr = f"({kpi.numerator}) / nullif({kpi.denominator}, 0)" if kpi.denominator else kpi.numerator
    sql = f"SELECT {by}, CAST({expr} AS DOUBLE) AS value FROM {kpi.dataset} WHERE {where} GROUP BY ALL ORDER BY value DESC NULLS LAST"
    return con.execute(sql).df()
