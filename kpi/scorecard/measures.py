"""KPIs of the strategy map that are not grouped aggregates of the catalog: the content quality
index and the readability index (`kpi/analytics`). Each computes one value for a range and an
optional channel, with the person's settings (weights, design labels) from the workspace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

from kpi.analytics.quality import QualityWeights, quality_index
from kpi.analytics.readability import pooled, post_readability

Settings = Mapping[str, Any]


@dataclass(frozen=True)
class Measure:
    """A map KPI computed by an analysis: labels, direction, format, and the computation."""

    id: str
    labels: Mapping[str, str]
    direction: str
    format: str
    compute: Callable[
        [duckdb.DuckDBPyConnection, dt.date, dt.date, str | None, Settings], float | None
    ]
    needs: tuple[str, ...]
    hint: str


def _filters(channel: str | None) -> dict[str, tuple[str, ...]]:
    return {"platform": (channel,)} if channel else {}


def _quality(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
             channel: str | None, settings: Settings) -> float | None:  # fmt: skip
    weights = QualityWeights.from_dict(settings.get("content_quality_weights"))
    design = tuple(settings.get("good_design_posts") or ())
    frame = quality_index(con, start, end, weights, design, _filters(channel))
    if frame.empty or frame["index_pct"].isna().all():
        return None
    return float(frame["index_pct"].iloc[0])


def _readability(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                 channel: str | None, settings: Settings) -> float | None:  # fmt: skip
    """The Flesch-type index of the range's main language (a higher-is-easier formula only:
    English Flesch or Spanish Fernández Huerta; Polish FOG-PL runs the other way)."""
    per_post = post_readability(con, start, end, _filters(channel))
    table = pooled(per_post)
    table = table[table["lang"].isin(["en", "es"])]
    if table.empty:
        return None
    return float(table.sort_values("posts", ascending=False)["value"].iloc[0])


MEASURES: dict[str, Measure] = {
    m.id: m
    for m in (
        Measure(
            "content_quality_index",
            {"en": "Content quality index", "es": "Índice de calidad del contenido",
             "pl": "Wskaźnik jakości treści"},
            "higher", "percent", _quality, ("reviewed", "has_image", "has_link"),
            "the post-level export of each platform, with the reviewed / image / link columns",
        ),
        Measure(
            "readability_index",
            {"en": "Readability of posts", "es": "Legibilidad de las publicaciones",
             "pl": "Czytelność postów"},
            "higher", "decimal", _readability, ("text",),
            "the post-level export of each platform, with the post text",
        ),
    )
}  # fmt: skip
