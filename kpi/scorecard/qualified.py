"""Qualified interactions as the person defines them, and what each costs by source and platform.

Which events count is the person's choice (`QualifiedRules`): a web-analytics measure
(conversions, transactions or add-to-carts of `web_traffic`, optionally only some mediums or
landing pages) and CRM leads (in some stages, of some `qualified_type`s, or flagged qualified).
Each interaction is put in a source — organic search, organic social, paid, other — and on a
platform (the web source or the lead's platform). Cost: paid is the ad spend of the range (per
ad platform); organic costs are the person's own figures for the range (team time, tools),
keyed `organic_social`, `organic_search` or `organic_social@instagram`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from kpi.engine import available_fields
from kpi.kpis import SOCIAL_TRAFFIC

SOURCES = ("organic_search", "organic_social", "paid", "other")
WEB_MEASURES = ("conversions", "transactions", "add_to_carts")
_PAID_MEDIUMS = (
    "('cpc', 'ppc', 'paid', 'paidsocial', 'paid_social', 'paid-social', 'display', 'cpm', 'cpv')"
)
_WEB_SOURCE = f"""CASE
    WHEN lower(coalesce(medium, '')) IN {_PAID_MEDIUMS} OR lower(coalesce(channel_group, '')) LIKE '%paid%'
        THEN 'paid'
    WHEN lower(coalesce(medium, '')) = 'organic' OR lower(coalesce(channel_group, '')) LIKE '%organic search%'
        THEN 'organic_search'
    WHEN {SOCIAL_TRAFFIC} THEN 'organic_social'
    ELSE 'other' END"""
_WEB_PLATFORM = """CASE
    WHEN regexp_matches(lower(coalesce(source, '')), '(^|\\.)(facebook|fb|m\\.facebook)(\\.|$)|^fb$') THEN 'facebook'
    WHEN regexp_matches(lower(coalesce(source, '')), 'instagram|^ig$') THEN 'instagram'
    WHEN regexp_matches(lower(coalesce(source, '')), '^t\\.co$|twitter|^x$|^x\\.com$') THEN 'x'
    WHEN regexp_matches(lower(coalesce(source, '')), 'linkedin|lnkd') THEN 'linkedin'
    WHEN regexp_matches(lower(coalesce(source, '')), 'tiktok') THEN 'tiktok'
    WHEN regexp_matches(lower(coalesce(source, '')), 'youtube|youtu\\.be') THEN 'youtube'
    WHEN regexp_matches(lower(coalesce(source, '')), 'google') THEN 'google'
    ELSE 'other' END"""
_LEAD_SOURCE = """CASE
    WHEN regexp_matches(lower(coalesce(channel, '')), 'paid|cpc|ppc|ads') THEN 'paid'
    WHEN regexp_matches(lower(coalesce(channel, '')), 'social') THEN 'organic_social'
    WHEN regexp_matches(lower(coalesce(channel, '')), 'search|organic|seo') THEN 'organic_search'
    ELSE 'other' END"""


@dataclass(frozen=True)
class QualifiedRules:
    """What counts as a qualified interaction (the person's definition, kept in the workspace)."""

    web_measure: str | None = "conversions"  # None: web events do not count
    web_mediums: tuple[str, ...] = ()  # only these mediums count (empty: every medium)
    web_landing_pages: tuple[str, ...] = ()  # only these landing pages count (empty: all)
    crm_stages: tuple[str, ...] = ()  # leads in these stages count
    qualified_types: tuple[str, ...] = ()  # leads of these qualified_type values count
    qualified_flag: bool = False  # leads flagged qualified count

    def to_dict(self) -> dict[str, object]:
        """Plain data for the workspace."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, doc: Mapping[str, object] | None) -> QualifiedRules:
        """Rules from the workspace (unknown keys ignored, missing ones defaulted)."""
        doc = doc or {}
        base = cls()
        measure = doc.get("web_measure", base.web_measure)
        if measure is not None and measure not in WEB_MEASURES:
            raise ValueError(f"web_measure must be one of {', '.join(WEB_MEASURES)} or null")
        lists = {k: tuple(str(v) for v in (doc.get(k) or ()))  # type: ignore[union-attr]
                 for k in ("web_mediums", "web_landing_pages", "crm_stages", "qualified_types")}  # fmt: skip
        return cls(measure, **lists, qualified_flag=bool(doc.get("qualified_flag", False)))  # type: ignore[arg-type]


@dataclass
class QualifiedResult:
    """Interactions per origin (web, crm), source and platform; and per source and per platform
    with cost and cost per interaction (None where the cost is unknown or nothing counted)."""

    rows: pd.DataFrame
    by_source: pd.DataFrame
    by_platform: pd.DataFrame

    @property
    def total(self) -> int:
        """Every qualified interaction of the range."""
        return int(self.rows["interactions"].sum()) if not self.rows.empty else 0


def _in(column: str, values: tuple[str, ...]) -> tuple[str, list[object]]:
    return f"lower(CAST({column} AS VARCHAR)) IN ({', '.join('?' for _ in values)})", [
        v.lower() for v in values
    ]


def _web(
    con: duckdb.DuckDBPyConnection, rules: QualifiedRules, start: dt.date, end: dt.date
) -> pd.DataFrame:
    present = available_fields(con, "web_traffic")
    if rules.web_measure is None or present is None or rules.web_measure not in present:
        return pd.DataFrame(columns=["origin", "source", "platform", "interactions"])
    conditions, params = ["CAST(date AS DATE) BETWEEN ? AND ?"], [start, end]
    for column, values in (
        ("medium", rules.web_mediums),
        ("landing_page", rules.web_landing_pages),
    ):
        if values:
            sql, more = _in(column, values)
            conditions.append(sql)
            params += more
    return con.execute(
        f"""SELECT 'web' AS origin, {_WEB_SOURCE} AS source, {_WEB_PLATFORM} AS platform,
                   CAST(sum({rules.web_measure}) AS BIGINT) AS interactions
            FROM web_traffic WHERE {" AND ".join(conditions)} GROUP BY ALL HAVING sum({rules.web_measure}) > 0""",
        params,
    ).df()


def _crm(
    con: duckdb.DuckDBPyConnection, rules: QualifiedRules, start: dt.date, end: dt.date
) -> pd.DataFrame:
    present = available_fields(con, "leads")
    counted, params = [], []
    for column, values in (("stage", rules.crm_stages), ("qualified_type", rules.qualified_types)):
        if values and present and column in present:
            sql, more = _in(column, values)
            counted.append(sql)
            params += more
    if rules.qualified_flag and present and "qualified" in present:
        counted.append("coalesce(qualified, FALSE)")
    if not counted:
        return pd.DataFrame(columns=["origin", "source", "platform", "interactions"])
    platform = "coalesce(lower(platform), 'other')" if "platform" in (present or ()) else "'other'"
    return con.execute(
        f"""SELECT 'crm' AS origin, {_LEAD_SOURCE} AS source, {platform} AS platform,
                   CAST(count(*) AS BIGINT) AS interactions
            FROM leads WHERE CAST(created_at AS DATE) BETWEEN ? AND ? AND ({" OR ".join(counted)})
            GROUP BY ALL""",
        [start, end, *params],
    ).df()


def _ad_spend(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date) -> dict[str, float]:
    present = available_fields(con, "ads")
    if present is None or "spend" not in present:
        return {}
    platform = "coalesce(lower(platform), 'other')" if "platform" in present else "'other'"
    rows = con.execute(
        f"SELECT {platform}, sum(spend) FROM ads WHERE CAST(date AS DATE) BETWEEN ? AND ? GROUP BY 1",
        [start, end],
    ).fetchall()
    return {str(p): float(s or 0) for p, s in rows}


def _per(
    frame: pd.DataFrame, key: str, costs: Mapping[str, float | None], order: list[str]
) -> pd.DataFrame:
    counts = (
        frame.groupby(key)["interactions"].sum() if not frame.empty else pd.Series(dtype="int64")
    )
    names = [n for n in order if n in counts.index or n in costs] + sorted(
        n for n in {*counts.index, *costs} if n not in order
    )
    rows = []
    for name in names:
        n = int(counts.get(name, 0))
        cost = costs.get(name)
        rows.append({key: name, "interactions": n, "cost": cost,
                     "cost_per_interaction": cost / n if cost is not None and n else None})  # fmt: skip
    return pd.DataFrame(rows, columns=[key, "interactions", "cost", "cost_per_interaction"])


def qualified_interactions(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    rules: QualifiedRules | None = None,
    costs: Mapping[str, float] | None = None,
) -> QualifiedResult:
    """The range's qualified interactions under the person's rules, and their cost by source
    (organic search, organic social, paid, other) and by platform."""
    rules = rules or QualifiedRules()
    costs = costs or {}
    parts = [p for p in (_web(con, rules, start, end), _crm(con, rules, start, end)) if not p.empty]
    rows = (pd.concat(parts, ignore_index=True) if parts
            else pd.DataFrame(columns=["origin", "source", "platform", "interactions"]))  # fmt: skip
    rows["interactions"] = rows["interactions"].astype("int64")
    spend = _ad_spend(con, start, end)
    source_costs: dict[str, float | None] = {
        s: costs.get(s) for s in SOURCES if costs.get(s) is not None
    }
    if spend:
        source_costs["paid"] = sum(spend.values())
    platform_costs: dict[str, float | None] = dict(spend)
    for key, value in costs.items():
        if "@" in key:
            platform = key.split("@", 1)[1]
            platform_costs[platform] = (platform_costs.get(platform) or 0.0) + float(value)
    by_source = _per(rows, "source", source_costs, list(SOURCES))
    by_platform = _per(rows, "platform", platform_costs, [])
    return QualifiedResult(rows.sort_values(["origin", "source", "platform"]).reset_index(drop=True),
                           by_source, by_platform)  # fmt: skip
