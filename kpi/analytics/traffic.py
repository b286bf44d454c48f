"""Traffic and conversion analytics: sessions from social against other channels per period,
branded against other search queries per period, and the funnel from post impressions to new
customers. Aggregation happens in DuckDB; brand terms and filters are query parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from kpi.analytics.content import Missing, missing, where
from kpi.engine import GRAINS
from kpi.i18n import t
from kpi.kpis import SOCIAL_TRAFFIC  # one definition of "from social"

MAX_TERMS = 50
MAX_TERM_CHARS = 100


def parse_terms(raw: str | Iterable[str]) -> list[str]:
    """Brand terms from comma-separated text (or a list): trimmed, case-insensitively unique,
    empty ones dropped, at most MAX_TERMS of at most MAX_TERM_CHARS characters."""
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        term = " ".join(str(item).split())[:MAX_TERM_CHARS]
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            out.append(term)
    return out[:MAX_TERMS]


def _period(time_field: str, grain: str | None) -> tuple[str, list[object]]:
    """The SQL of a row's period start (clipped to the range start) and its parameters."""
    if grain is None:
        return "CAST(? AS DATE)", []
    if grain not in GRAINS:
        raise ValueError(t("error.unknown_grain", grain=grain, grains=", ".join(GRAINS)))
    return f"greatest(CAST(date_trunc(?, {time_field}) AS DATE), CAST(? AS DATE))", [grain]


def _spine(grain: str | None) -> tuple[str, list[object]]:
    """Every period start of [start, end]: so periods without rows still show (as zero)."""
    if grain is None:
        return "SELECT CAST(? AS DATE) AS period_start", []
    return (
        "SELECT DISTINCT greatest(CAST(date_trunc(?, d) AS DATE), CAST(? AS DATE)) AS period_start "
        "FROM generate_series(CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), INTERVAL 1 DAY) AS g(d)",
        [grain],
    )


def _split_by_period(
    con: duckdb.DuckDBPyConnection,
    dataset: str,
    time_field: str,
    start: dt.date,
    end: dt.date,
    grain: str | None,
    groups: tuple[str, str],
    group_sql: str,
    group_params: list[object],
    measures: Sequence[str],
    filters: Mapping[str, Sequence[str]] | None,
) -> pd.DataFrame:
    condition, params, _ = where(con, dataset, time_field, start, end, filters)
    period, period_params = _period(time_field, grain)
    spine, spine_params = _spine(grain)
    sums = ", ".join(f"CAST(sum({m}) AS BIGINT) AS {m}" for m in measures)
    filled = ", ".join(f"coalesce(a.{m}, 0) AS {m}" for m in measures)
    sql = f"""
        WITH agg AS (
            SELECT {period} AS period_start,
                   CASE WHEN {group_sql} THEN ? ELSE ? END AS grp, {sums}
            FROM {dataset} WHERE {condition}
            GROUP BY ALL
        ), frame AS (
            SELECT s.period_start, g.grp
            FROM ({spine}) AS s CROSS JOIN (VALUES (?), (?)) AS g(grp)
        )
        SELECT f.period_start, f.grp, {filled}
        FROM frame AS f LEFT JOIN agg AS a ON a.period_start = f.period_start AND a.grp = f.grp
        ORDER BY f.period_start, f.grp = ?, f.grp
    """
    spine_args = [*spine_params, start] + ([start, end] if grain is not None else [])
    args = [
        *period_params,
        start,
        *group_params,
        groups[0],
        groups[1],
        *params,
        *spine_args,
        groups[0],
        groups[1],
        groups[1],
    ]
    frame = con.execute(sql, args).df()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame


def social_sessions(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    grain: str | None = "week",
    filters: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Sessions per period, split into `social` (a social channel group or medium) and `other`.
    Columns: period_start, channel, sessions (one row per period and channel, zeros included)."""
    frame = _split_by_period(
        con, "web_traffic", "date", start, end, grain, ("social", "other"),
        f"coalesce({SOCIAL_TRAFFIC}, false)", [], ["sessions"], filters,
    )  # fmt: skip
    return frame.rename(columns={"grp": "channel"})


def social_sessions_missing(con: duckdb.DuckDBPyConnection) -> Missing | None:
    """What the social/other split lacks: sessions by day, and a channel group or a medium."""
    return missing(con, "web_traffic", ("date", "sessions"), any_of=("channel_group", "medium"))


def branded_search(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    terms: Sequence[str],
    grain: str | None = "week",
) -> pd.DataFrame:
    """Search clicks and impressions per period for queries containing any brand term (`branded`;
    case and accents ignored: "cafe aurora" matches "Café Aurora opiniones") and the rest
    (`other`). Columns: period_start, kind, clicks, impressions."""
    terms = parse_terms(terms)
    folded = "strip_accents(lower(query))"
    condition = (
        " OR ".join(f"contains({folded}, strip_accents(lower(?)))" for _ in terms) or "false"
    )
    frame = _split_by_period(
        con, "search_queries", "date", start, end, grain, ("branded", "other"),
        f"coalesce({condition}, false)", list(terms), ["clicks", "impressions"], None,
    )  # fmt: skip
    return frame.rename(columns={"grp": "kind"})


def branded_share(frame: pd.DataFrame, measure: str = "clicks") -> float | None:
    """The branded share of a measure over a `branded_search` result (None when there is none)."""
    total = float(frame[measure].sum())
    if not total:
        return None
    return float(frame.loc[frame["kind"] == "branded", measure].sum()) / total


def branded_search_missing(con: duckdb.DuckDBPyConnection) -> Missing | None:
    """What branded search lacks: queries with a date and clicks."""
    return missing(con, "search_queries", ("date", "query", "clicks"))


# The funnel's steps: key, dataset, time field, measure, fields it needs.
FUNNEL_STEPS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("impressions", "posts", "published_at", "sum(impressions)", ("published_at", "impressions")),
    ("clicks", "posts", "published_at", "sum(clicks)", ("published_at", "clicks")),
    ("sessions", "web_traffic", "date", "sum(sessions)", ("date", "sessions")),
    ("leads", "leads", "created_at", "count(*)", ("created_at",)),
    ("customers", "customers", "acquired_at", "count(*)", ("acquired_at",)),
)


@dataclass(frozen=True)
class Funnel:
    """The funnel's steps that have data (step, dataset, value, rate from the step before, or
    NaN when that step is missing), the steps that lack data, and filters a step could not use."""

    rows: pd.DataFrame
    missing: dict[str, Missing]
    unfiltered: dict[str, tuple[str, ...]]


def funnel(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
) -> Funnel:
    """Post impressions → post clicks → sessions → leads created → customers acquired, over the
    range, with each step's conversion from the step before it."""
    rows: list[dict[str, object]] = []
    lacking: dict[str, Missing] = {}
    unfiltered: dict[str, tuple[str, ...]] = {}
    previous: float | None = None
    for step, dataset, time_field, measure, needed in FUNNEL_STEPS:
        gap = missing(con, dataset, needed)
        if gap is not None:
            lacking[step] = gap
            previous = None
            continue
        condition, params, ignored = where(con, dataset, time_field, start, end, filters)
        if ignored:
            unfiltered[step] = ignored
        value = con.execute(
            f"SELECT CAST(coalesce({measure}, 0) AS BIGINT) FROM {dataset} WHERE {condition}",
            params,
        ).fetchone()[0]
        rate = value / previous if previous else float("nan")
        rows.append({"step": step, "dataset": dataset, "value": int(value), "rate": rate})
        previous = float(value)
    frame = pd.DataFrame(rows, columns=["step", "dataset", "value", "rate"])
    frame["rate"] = frame["rate"].astype("float64")
    return Funnel(frame, lacking, unfiltered)
