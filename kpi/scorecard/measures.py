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
from kpi.scorecard.qualified import QualifiedRules, qualified_interactions

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


def _fog_pl(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
            channel: str | None, settings: Settings) -> float | None:  # fmt: skip
    """FOG-PL of the range's Polish posts (lower is easier: about the years of schooling needed)."""
    table = pooled(post_readability(con, start, end, _filters(channel)))
    table = table[table["lang"] == "pl"]
    return None if table.empty else float(table["value"].iloc[0])


def _qualified(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
               channel: str | None, settings: Settings) -> tuple[int, float | None] | None:  # fmt: skip
    """Interactions and their cost (on one platform when a channel is set) under the rules."""
    rules = QualifiedRules.from_dict(settings.get("qualified_rules"))
    result = qualified_interactions(con, start, end, rules, settings.get("organic_costs"))
    if result.rows.empty:
        return None
    if channel:
        row = result.by_platform[result.by_platform["platform"] == channel]
        if row.empty:
            return 0, None
        cost = row["cost"].iloc[0]
        return int(row["interactions"].iloc[0]), None if cost != cost else float(cost)
    costs = result.by_source["cost"].dropna()
    return result.total, float(costs.sum()) if len(costs) else None


def _interactions(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                  channel: str | None, settings: Settings) -> float | None:  # fmt: skip
    got = _qualified(con, start, end, channel, settings)
    return None if got is None else float(got[0])


def _cost_per_interaction(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                          channel: str | None, settings: Settings) -> float | None:  # fmt: skip
    """Known cost (ad spend plus the person's organic costs) per qualified interaction."""
    got = _qualified(con, start, end, channel, settings)
    if got is None or not got[0] or got[1] is None:
        return None
    return got[1] / got[0]


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
        Measure(
            "readability_fog_pl",
            {"en": "Readability of Polish posts (FOG-PL)", "es": "Legibilidad de las publicaciones en polaco (FOG-PL)",
             "pl": "Czytelność polskich postów (FOG-PL)"},
            "lower", "decimal", _fog_pl, ("text",),
            "the post-level export of each platform, with the post text in Polish",
        ),
        Measure(
            "defined_qualified_interactions",
            {"en": "Qualified interactions (your rules)", "es": "Interacciones cualificadas (tus reglas)",
             "pl": "Kwalifikowane interakcje (twoje reguły)"},
            "higher", "count", _interactions, ("conversions",),
            "a Google Analytics traffic-acquisition export or a CRM contacts export",
        ),
        Measure(
            "cost_per_qualified_interaction",
            {"en": "Cost per qualified interaction", "es": "Coste por interacción cualificada",
             "pl": "Koszt kwalifikowanej interakcji"},
            "lower", "currency", _cost_per_interaction, ("spend",),
            "a Meta Ads Manager or Google Ads report, and your own organic costs",
        ),
    )
}  # fmt: skip
