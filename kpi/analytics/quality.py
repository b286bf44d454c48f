"""Content quality index: a weighted checklist per post, with weights the person sets.

Each post scores the sum of the weights of the checks it passes; the index of a period is the
average score of its posts, and `index_pct` the same as a share of the most a post can score.
The checks and the fields that feed them:
- reviewed      ← posts.reviewed (someone checked the post before publishing)
- illustrated   ← posts.has_image
- relevant link ← posts.has_link
- good design   ← the person's own label: the post ids they marked as well designed
  (`design_posts`); no label means no post earns it. The exports carry no design field.
A post whose flag is empty (unknown) does not earn that check's points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from kpi.analytics.content import missing, where


@dataclass(frozen=True)
class QualityWeights:
    """Points per check (the defaults of the articles: +1 reviewed, +5 illustrated, +2 relevant
    link, +3 good design)."""

    reviewed: float = 1.0
    illustrated: float = 5.0
    link: float = 2.0
    design: float = 3.0

    @property
    def total(self) -> float:
        """The most a post can score."""
        return self.reviewed + self.illustrated + self.link + self.design

    def to_dict(self) -> dict[str, float]:
        """Plain data for the workspace."""
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: Mapping[str, object] | None) -> QualityWeights:
        """Weights from the workspace; missing ones keep their defaults, unknown keys are ignored."""
        base = cls()
        values = {}
        for name in ("reviewed", "illustrated", "link", "design"):
            raw = (doc or {}).get(name, getattr(base, name))
            values[name] = float(raw)  # type: ignore[arg-type]
        return cls(**values)


def _score_sql(weights: QualityWeights, design_posts: Collection[str]) -> tuple[str, list[object]]:
    design = "FALSE"
    params: list[object] = []
    if design_posts:
        design = f"CAST(post_id AS VARCHAR) IN ({', '.join('?' for _ in design_posts)})"
        params = [str(p) for p in design_posts]
    sql = (
        f"CASE WHEN coalesce(reviewed, FALSE) THEN {float(weights.reviewed)} ELSE 0 END"
        f" + CASE WHEN coalesce(has_image, FALSE) THEN {float(weights.illustrated)} ELSE 0 END"
        f" + CASE WHEN coalesce(has_link, FALSE) THEN {float(weights.link)} ELSE 0 END"
        f" + CASE WHEN coalesce({design}, FALSE) THEN {float(weights.design)} ELSE 0 END"
    )
    return sql, params


def _usable(con: duckdb.DuckDBPyConnection) -> bool:
    return (
        missing(con, "posts", ["published_at"], any_of=("reviewed", "has_image", "has_link"))
        is None
    )


def post_quality(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    weights: QualityWeights | None = None,
    design_posts: Collection[str] = (),
    filters: Mapping[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """One row per post of the range: post_id, platform, published, score and score_pct."""
    weights = weights or QualityWeights()
    if not _usable(con):
        return pd.DataFrame(columns=["post_id", "platform", "published", "score", "score_pct"])
    score, score_params = _score_sql(weights, design_posts)
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    total = weights.total or float("nan")
    sql = f"""
        SELECT post_id, platform, CAST(published_at AS DATE) AS published,
               CAST({score} AS DOUBLE) AS score, CAST({score} AS DOUBLE) / {total} AS score_pct
        FROM posts WHERE {condition}
        ORDER BY published_at, post_id
    """
    return con.execute(sql, [*score_params, *score_params, *params]).df()


def quality_index(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    weights: QualityWeights | None = None,
    design_posts: Collection[str] = (),
    filters: Mapping[str, tuple[str, ...]] | None = None,
    grain: str | None = None,
) -> pd.DataFrame:
    """The index per period (one row for the range when `grain` is None): period_start, posts,
    index (average points per post) and index_pct (share of the most a post can score)."""
    weights = weights or QualityWeights()
    columns = ["period_start", "posts", "index", "index_pct"]
    if not _usable(con):
        return pd.DataFrame(columns=columns)
    score, score_params = _score_sql(weights, design_posts)
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    period = (
        "CAST(? AS DATE)" if grain is None else f"CAST(date_trunc('{grain}', published_at) AS DATE)"
    )
    period_params: list[object] = [start] if grain is None else []
    if grain not in (None, "day", "week", "month", "quarter"):
        raise ValueError(f"unknown grain {grain!r}")
    total = weights.total or float("nan")
    sql = f"""
        SELECT greatest({period}, CAST(? AS DATE)) AS period_start,
               CAST(count(*) AS BIGINT) AS posts,
               avg({score}) AS "index", avg({score}) / {total} AS index_pct
        FROM posts WHERE {condition}
        GROUP BY 1 ORDER BY 1
    """
    frame = con.execute(sql, [*period_params, start, *score_params, *score_params, *params]).df()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame[columns]
