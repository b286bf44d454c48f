"""Content analytics over the `posts` view: best and worst posts by engagement rate, hashtags and
mentions, and reach against engagement rate per post. Every function aggregates, ranks and limits
in DuckDB, so a chart or table never receives more rows than it shows; values chosen by the
person (filters, thresholds) travel as query parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from kpi.engine import available_fields, tags
from kpi.engine.memo import cached, freeze
from kpi.schema import DATASETS

# The engagement sum and the tag patterns are the tags table's (kpi.engine.tags), so the
# rankings read the same from it as from the posts.
ENGAGEMENT, HASHTAG_RE, MENTION_RE = tags.ENGAGEMENT, tags.HASHTAG_RE, tags.MENTION_RE
TEXT_CHARS = 120  # post text is shortened to this many characters in tables and tooltips
SCATTER_MAX = 5000


@dataclass(frozen=True)
class Missing:
    """What an analysis lacks: the dataset, its missing fields, and which export provides it."""

    dataset: str
    fields: tuple[str, ...]
    hint: str


def missing(
    con: duckdb.DuckDBPyConnection,
    dataset: str,
    needed: Sequence[str],
    any_of: Sequence[str] = (),
) -> Missing | None:
    """None when the dataset has a value in every `needed` field and in at least one of `any_of`."""
    hint = DATASETS[dataset].provided_by
    present = available_fields(con, dataset)
    if present is None:
        return Missing(dataset, (dataset,), hint)
    lacking = tuple(f for f in needed if f not in present)
    if any_of and not set(any_of) & present:
        lacking += tuple(any_of)
    return Missing(dataset, lacking, hint) if lacking else None


def where(
    con: duckdb.DuckDBPyConnection,
    dataset: str,
    time_field: str,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, list[object], tuple[str, ...]]:
    """A WHERE condition for rows of [start, end] passing the filters, its parameters, and the
    filtered fields this dataset has no values for (those filters cannot apply to it)."""
    present = available_fields(con, dataset) or set()
    parts = [f"CAST({time_field} AS DATE) BETWEEN ? AND ?"]
    params: list[object] = [start, end]
    ignored = []
    for name, values in sorted((filters or {}).items()):
        if not values:
            continue
        if name not in present or name not in DATASETS[dataset].field_names:
            ignored.append(name)
            continue
        parts.append(f"CAST({name} AS VARCHAR) IN ({', '.join('?' for _ in values)})")
        params += [str(v) for v in values]
    return " AND ".join(parts), params, tuple(ignored)


def _short_text(column: str = "text") -> str:
    return (
        f"CASE WHEN length({column}) > {TEXT_CHARS} "
        f"THEN rtrim(left(regexp_replace({column}, '\\s+', ' ', 'g'), {TEXT_CHARS - 1})) || '…' "
        f"ELSE regexp_replace({column}, '\\s+', ' ', 'g') END"
    )


# Only web links are shown as links; anything else (javascript:, data:) is dropped.
_SAFE_URL = "CASE WHEN regexp_matches(url, '^https?://[^\\s]+$', 'i') THEN url END"


def ranked_posts(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
    min_impressions: int = 100,
    n: int = 10,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `n` posts of the range with the highest engagement rate, and the `n` with the lowest
    (never repeating a top post), among posts with at least `min_impressions` impressions.
    Columns: text, platform, published, impressions, engagement, engagement_rate, url."""
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    sql = f"""
        WITH rated AS (
            SELECT {_short_text()} AS text, platform, CAST(published_at AS DATE) AS published,
                   CAST(impressions AS BIGINT) AS impressions,
                   CAST({ENGAGEMENT} AS BIGINT) AS engagement,
                   ({ENGAGEMENT}) / impressions AS engagement_rate, {_SAFE_URL} AS url,
                   post_id, published_at
            FROM posts
            WHERE {condition} AND impressions > 0 AND impressions >= ?
        ), ranked AS (
            SELECT *,
                row_number() OVER (ORDER BY engagement_rate DESC, impressions DESC,
                                   published_at, post_id) AS top_rank,
                row_number() OVER (ORDER BY engagement_rate ASC, impressions DESC,
                                   published_at, post_id) AS bottom_rank
            FROM rated
        )
        SELECT * FROM ranked WHERE top_rank <= ? OR (bottom_rank <= ? AND top_rank > ?)
    """
    frame = con.execute(sql, [*params, int(min_impressions), int(n), int(n), int(n)]).df()
    columns = [
        "text",
        "platform",
        "published",
        "impressions",
        "engagement",
        "engagement_rate",
        "url",
    ]
    top = frame[frame["top_rank"] <= n].sort_values("top_rank")[columns]
    bottom = frame[frame["top_rank"] > n].sort_values("bottom_rank")[columns]
    return top.reset_index(drop=True), bottom.reset_index(drop=True)


def top_tags(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
    kind: str = "hashtag",
    order_by: str = "engagement",
    n: int = 20,
    *,
    from_table: bool = True,
) -> pd.DataFrame:
    """The `n` hashtags (or mentions, `kind="mention"`) of the range's posts with the most total
    engagement (or the most posts, `order_by="posts"`), case-folded, counted once per post.
    Columns: tag, posts, engagement. On a session's connection they come from the tags table
    built on first use, when the filters are among its dimensions (`from_table=False`
    reads the posts' text always). Computed once per data version and question (a page rerun
    asks the database nothing); each caller gets its own copy."""
    key = ("top_tags", start, end, freeze(filters or {}), kind, order_by, int(n), from_table)
    ranked = cached(
        con, key, lambda: _top_tags(con, start, end, filters, kind, order_by, n, from_table)
    )
    return ranked.copy()


def _top_tags(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None,
    kind: str,
    order_by: str,
    n: int,
    from_table: bool,
) -> pd.DataFrame:
    pattern = {"hashtag": HASHTAG_RE, "mention": MENTION_RE}[kind]
    order = {"engagement": "engagement DESC, posts DESC", "posts": "posts DESC, engagement DESC"}[
        order_by
    ]
    kept = {k: v for k, v in (filters or {}).items() if v}
    built = tags.table(con, _applied(con, kept)) if from_table else None
    if built is not None:
        condition, params, _ = where(con, "posts", "day", start, end, kept)
        sql = f"""
            SELECT tag, CAST(count(*) AS BIGINT) AS posts,
                   CAST(sum(engagement) AS BIGINT) AS engagement
            FROM {built.table}
            WHERE kind = ? AND {condition}
            GROUP BY tag
            ORDER BY {order}, tag
            LIMIT ?
        """
        return con.execute(sql, [kind, *params, int(n)]).df()
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    sql = f"""
        WITH p AS (
            SELECT row_number() OVER () AS post, {ENGAGEMENT} AS engagement,
                   lower(nfc_normalize(text)) AS folded
            FROM posts WHERE {condition} AND text IS NOT NULL
        ), tags AS (
            SELECT DISTINCT post, engagement, unnest(regexp_extract_all(folded, ?, 1)) AS tag
            FROM p
        )
        SELECT tag, CAST(count(*) AS BIGINT) AS posts, CAST(sum(engagement) AS BIGINT) AS engagement
        FROM tags
        WHERE NOT regexp_matches(tag, '{tags.NOT_A_TAG}')
        GROUP BY tag
        ORDER BY {order}, tag
        LIMIT ?
    """
    return con.execute(sql, [*params, pattern, int(n)]).df()


def _applied(con: duckdb.DuckDBPyConnection, filters: Mapping[str, Sequence[str]]) -> list[str]:
    """The filtered fields `where` applies to the posts (those they have values for)."""
    present = available_fields(con, "posts") or set()
    fields = DATASETS["posts"].field_names
    return [name for name in filters if name in present and name in fields]


def reach_vs_engagement(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int = SCATTER_MAX,
) -> tuple[pd.DataFrame, int]:
    """One row per post of the range with reach and impressions (the `limit` with the largest
    reach), and how many such posts there are in all. Columns: text, platform, published, reach,
    engagement_rate."""
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    base = f"FROM posts WHERE {condition} AND reach > 0 AND impressions > 0"
    total = con.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    frame = con.execute(
        f"""
        SELECT {_short_text()} AS text, platform, CAST(published_at AS DATE) AS published,
               CAST(reach AS BIGINT) AS reach, ({ENGAGEMENT}) / impressions AS engagement_rate
        {base}
        ORDER BY reach DESC, published_at, post_id
        LIMIT ?
        """,
        [*params, int(min(limit, SCATTER_MAX))],
    ).df()
    return frame, int(total)
