"""Audience analytics: the age × gender pyramid, top segments (countries, cities, languages) at
the latest snapshot, the weekday × hour engagement heatmap of posts, and the small reshapes the
Engagement page needs. Pure functions over a session's DuckDB connection; aggregation happens in
SQL so a chart never receives more rows than it draws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import duckdb
import pandas as pd

from kpi.engine import available_fields
from kpi.engine.clock import local_hour_sql, local_weekday_sql
from kpi.schema import DATASETS

TOP_N = 15
MIN_POSTS = 3

# Gender words seen in exports (en, es, pl, pt) → F / M; anything else is U (unknown).
_WOMEN = ("f", "female", "women", "woman", "mujer", "mujeres", "femenino", "feminino", "kobieta",
          "kobiety", "k")  # fmt: skip
_MEN = ("m", "male", "men", "man", "hombre", "hombres", "masculino", "mężczyzna", "mężczyźni",
        "mezczyzna")  # fmt: skip


def missing_fields(
    con: duckdb.DuckDBPyConnection, dataset: str, fields: Sequence[str]
) -> tuple[str, ...] | None:
    """The fields of `fields` the dataset lacks (empty when all are there); None without the dataset."""
    present = available_fields(con, dataset)
    if present is None:
        return None
    return tuple(f for f in fields if f not in present)


def _filter_sql(
    con: duckdb.DuckDBPyConnection, dataset: str, filters: Mapping[str, Sequence[str]] | None
) -> tuple[str, list[object]]:
    """AND-conditions (with parameters) for the filters whose field the dataset has."""
    present = available_fields(con, dataset) or set()
    parts: list[str] = []
    params: list[object] = []
    for name, values in sorted((filters or {}).items()):
        if not values or name not in DATASETS[dataset].field_names or name not in present:
            continue
        parts.append(f"CAST({name} AS VARCHAR) IN ({', '.join('?' for _ in values)})")
        params.extend(str(v) for v in values)
    return "".join(f" AND {p}" for p in parts), params


def _latest_rows(
    con: duckdb.DuckDBPyConnection,
    dimensions: Sequence[str],
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None,
) -> tuple[str, list[object]]:
    """SQL for the audience rows of these dimensions at each platform's (and dimension's) latest
    snapshot on or before `end`; rows without a snapshot date count as current."""
    present = available_fields(con, "audience") or set()
    where, params = _filter_sql(con, "audience", filters)
    platform = "coalesce(CAST(platform AS VARCHAR), '')" if "platform" in present else "''"
    snapshot = "snapshot_date" if "snapshot_date" in present else "NULL::DATE"
    marks = ", ".join("?" for _ in dimensions)
    sql = f"""
        WITH rows AS (
            SELECT {platform} AS platform_key, lower(trim(CAST(dimension AS VARCHAR))) AS dim,
                   trim(CAST(segment AS VARCHAR)) AS segment, followers,
                   CAST({snapshot} AS DATE) AS snap
            FROM audience
            WHERE lower(trim(CAST(dimension AS VARCHAR))) IN ({marks})
              AND segment IS NOT NULL AND followers IS NOT NULL
              AND (CAST({snapshot} AS DATE) IS NULL OR CAST({snapshot} AS DATE) <= ?){where}
        ), latest AS (
            SELECT *, max(snap) OVER (PARTITION BY platform_key, dim) AS last_snap FROM rows
        )
        SELECT platform_key, dim, segment, followers, snap FROM latest
        WHERE snap IS NOT DISTINCT FROM last_snap
    """
    return sql, [*dimensions, end, *params]


def snapshot_dates(
    con: duckdb.DuckDBPyConnection,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
) -> list[dt.date]:
    """The snapshot dates the audience figures shown for `end` come from (newest first)."""
    if missing_fields(con, "audience", ("dimension", "segment", "followers")) != ():
        return []
    dims = ("age", "gender", "age_gender", "country", "city", "language")
    sql, params = _latest_rows(con, dims, end, filters)
    rows = con.execute(
        f"SELECT DISTINCT snap FROM ({sql}) WHERE snap IS NOT NULL ORDER BY snap DESC", params
    ).fetchall()
    return [r[0] for r in rows]


def _gender_case(column: str) -> str:
    women = ", ".join(f"'{w}'" for w in _WOMEN)
    men = ", ".join(f"'{m}'" for m in _MEN)
    value = f"lower(trim({column}))"
    return f"CASE WHEN {value} IN ({women}) THEN 'F' WHEN {value} IN ({men}) THEN 'M' ELSE 'U' END"


def age_gender(
    con: duckdb.DuckDBPyConnection,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Followers per age bracket and gender (F, M, U) at the latest snapshot on or before `end`,
    summed over platforms: columns age, gender, followers, estimated.

    A platform with 'age_gender' segments ('F.25-34', 'M 65+') gives exact counts; a platform with
    only separate 'age' and 'gender' rows is split assuming age and gender are independent
    (age count × gender share), and its rows are marked `estimated`."""
    columns = ["age", "gender", "followers", "estimated"]
    if missing_fields(con, "audience", ("dimension", "segment", "followers")) != ():
        return pd.DataFrame(columns=columns)
    latest, params = _latest_rows(con, ("age_gender", "age", "gender"), end, filters)
    sql = f"""
        WITH latest AS ({latest}),
        exact AS (
            SELECT platform_key,
                   regexp_replace(regexp_replace(substr(segment, 2), '^[.\\s_-]+', ''), '–', '-') AS age,
                   CASE upper(left(segment, 1)) WHEN 'F' THEN 'F' WHEN 'M' THEN 'M' ELSE 'U' END
                       AS gender,
                   followers
            FROM latest WHERE dim = 'age_gender'
        ),
        ages AS (
            SELECT platform_key, replace(segment, '–', '-') AS age, sum(followers) AS followers
            FROM latest
            WHERE dim = 'age' AND platform_key NOT IN (SELECT platform_key FROM exact)
            GROUP BY platform_key, age
        ),
        genders AS (
            SELECT platform_key, {_gender_case("segment")} AS gender,
                   sum(followers) / sum(sum(followers)) OVER (PARTITION BY platform_key) AS share
            FROM latest
            WHERE dim = 'gender' AND platform_key NOT IN (SELECT platform_key FROM exact)
            GROUP BY platform_key, gender
        ),
        estimated AS (
            SELECT a.age, g.gender, a.followers * g.share AS followers
            FROM ages a JOIN genders g USING (platform_key)
        ),
        everything AS (
            SELECT age, gender, CAST(followers AS DOUBLE) AS followers, false AS estimated
            FROM exact
            UNION ALL
            SELECT age, gender, followers, true FROM estimated
        )
        SELECT age, gender, sum(followers) AS followers, bool_or(estimated) AS estimated
        FROM everything
        GROUP BY age, gender
        ORDER BY try_cast(regexp_extract(age, '^(\\d+)', 1) AS INTEGER) NULLS LAST, age, gender
    """
    return con.execute(sql, params).df()


def top_segments(
    con: duckdb.DuckDBPyConnection,
    dimension: str,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int = TOP_N,
) -> pd.DataFrame:
    """The `limit` largest segments of a dimension (country, city, language) by followers at each
    platform's latest snapshot on or before `end`, summed over platforms: columns segment,
    followers, share (of all followers of that dimension), largest first."""
    columns = ["segment", "followers", "share"]
    if missing_fields(con, "audience", ("dimension", "segment", "followers")) != ():
        return pd.DataFrame(columns=columns)
    latest, params = _latest_rows(con, (dimension,), end, filters)
    sql = f"""
        SELECT segment, CAST(sum(followers) AS BIGINT) AS followers,
               sum(followers) / sum(sum(followers)) OVER () AS share
        FROM ({latest})
        GROUP BY segment
        ORDER BY followers DESC, segment
        LIMIT {int(limit)}
    """
    return con.execute(sql, params).df()


def weekday_hour(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
    min_posts: int = MIN_POSTS,
    timezone: str | None = None,
) -> pd.DataFrame:
    """Engagement rate of posts by weekday (1 = Monday … 7 = Sunday) and hour of publication on
    the business's clock (`timezone`; Meta's local times and the others' UTC made one clock),
    every one of the 7 × 24 cells present: columns weekday, hour, posts, engagement, impressions,
    rate. The rate is sum(likes + comments + shares) / sum(impressions) of the cell's posts, and
    is empty (NULL) where fewer than `min_posts` posts fell, or they had no impressions."""
    columns = ["weekday", "hour", "posts", "engagement", "impressions", "rate"]
    if missing_fields(con, "posts", ("published_at", "impressions")) != ():
        return pd.DataFrame(columns=columns)
    present = available_fields(con, "posts") or set()
    parts = [f"coalesce({f}, 0)" for f in ("likes", "comments", "shares") if f in present]
    engagement = " + ".join(parts) if parts else "0"
    where, params = _filter_sql(con, "posts", filters)
    sql = f"""
        WITH cells AS (
            SELECT {local_weekday_sql("published_at", timezone)} AS weekday,
                   {local_hour_sql("published_at", timezone)} AS hour,
                   count(*) AS posts,
                   sum({engagement}) AS engagement,
                   sum(impressions) AS impressions
            FROM posts
            WHERE published_at IS NOT NULL
              AND CAST(published_at AS DATE) BETWEEN ? AND ?{where}
            GROUP BY ALL
        ), grid AS (
            SELECT d.weekday, h.hour
            FROM range(1, 8) d(weekday) CROSS JOIN range(0, 24) h(hour)
        )
        SELECT CAST(g.weekday AS INTEGER) AS weekday, CAST(g.hour AS INTEGER) AS hour,
               CAST(coalesce(c.posts, 0) AS BIGINT) AS posts,
               CAST(c.engagement AS BIGINT) AS engagement,
               CAST(c.impressions AS BIGINT) AS impressions,
               CASE WHEN coalesce(c.posts, 0) >= ? AND c.impressions > 0
                    THEN c.engagement / c.impressions END AS rate
        FROM grid g LEFT JOIN cells c USING (weekday, hour)
        ORDER BY weekday, hour
    """
    return con.execute(sql, [start, end, *params, int(min_posts)]).df()


# --- reshapes of engine results for the Engagement page (a handful of rows each) ----------------


def follower_flow(rows: pd.DataFrame) -> pd.DataFrame:
    """New and lost followers per period from the engine's `new_followers` and `net_new_followers`
    rows (lost = new − net): long columns period_start, flow ('new' or 'lost'), followers — lost
    as a positive count. Periods where a value is unknown are left out of that flow."""
    wide = rows.pivot_table(
        index="period_start", columns="kpi", values="value", aggfunc="first", dropna=False
    )
    out = pd.DataFrame(index=wide.index)
    if "new_followers" in wide:
        out["new"] = wide["new_followers"]
        if "net_new_followers" in wide:
            out["lost"] = wide["new_followers"] - wide["net_new_followers"]
    long = out.reset_index().melt(id_vars="period_start", var_name="flow", value_name="followers")
    return long.dropna(subset=["followers"]).reset_index(drop=True)


def by_breakdown_table(rows: pd.DataFrame, by: str, kpis: Sequence[str]) -> pd.DataFrame:
    """One row per breakdown value, one column per KPI (in the order given), from a whole-range
    engine result broken down by `by`; KPIs without any value are left out."""
    if rows.empty:
        return pd.DataFrame(columns=[by])
    wide = rows.pivot_table(index=by, columns="kpi", values="value", aggfunc="first", dropna=False)
    kept = [k for k in kpis if k in wide and wide[k].notna().any()]
    return wide[kept].reset_index().rename_axis(columns=None)
