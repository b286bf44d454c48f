"""Content themes and formats: which kinds of post work.

A post's theme is the person's own label when they gave one (post id → theme), else the first
theme whose keywords its text contains (rules in English, Spanish and Polish, editable), else
"other". Themes: product information, promotions, useful, entertaining, lifestyle. Engagement
per theme and the best format (post_type) are ratios of sums, computed in DuckDB.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

import duckdb
import pandas as pd

from kpi.analytics.content import ENGAGEMENT, missing, where

THEMES = ("product_information", "promotions", "useful", "entertaining", "lifestyle")
OTHER = "other"
# Checked in this order: a discount on a new coffee is a promotion first.
DEFAULT_RULES: dict[str, tuple[str, ...]] = {
    "promotions": ("discount", "% off", "offer", "sale", "promo", "code", "giveaway", "black friday",
                   "free shipping", "descuento", "oferta", "rebaja", "promoción", "sorteo", "código",
                   "envío gratis", "rabat", "promocja", "zniżk", "wyprzedaż", "konkurs", "kod "),
    "product_information": ("new ", "now available", "launch", "fresh roast", "tasting notes", "origin",
                            "blend", "ya disponible", "disponible", "nueva cosecha", "nuevo", "tueste",
                            "lanzamiento", "nowość", "dostępn", "ziarn"),
    "useful": ("how to", "tip", "guide", "recipe", "step", "tutorial", "cómo", "consejo", "receta",
               "guía", "truco", "jak ", "porad", "przepis", "krok"),
    "entertaining": ("fun", "joke", "meme", "quiz", "guess", "challenge", "divertid", "adivina",
                     "reto", "zabaw", "zgadnij", "wyzwanie"),
    "lifestyle": ("morning", "weekend", "ritual", "moment", "mood", "behind the scenes", "thanks",
                  "mañana", "fin de semana", "momento", "gracias", "equipo", "poranek", "chwil",
                  "dziękuj", "zespół"),
}  # fmt: skip


def _pattern(keywords: Sequence[str]) -> str:
    """A regular expression matching any keyword at the start of a word (case-folded text)."""
    alternatives = "|".join(re.escape(k.lower()) for k in keywords if k.strip())
    return rf"(?:^|[^\p{{L}}\p{{N}}])(?:{alternatives})" if alternatives else r"$^"


def theme_sql(
    labels: Mapping[str, str] | None = None,
    rules: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, list[object]]:
    """The SQL expression giving a post's theme, and its parameters (labels, then rules)."""
    rules = DEFAULT_RULES if rules is None else rules
    parts: list[str] = []
    params: list[object] = []
    for post_id, theme in (labels or {}).items():
        parts.append("WHEN CAST(post_id AS VARCHAR) = ? THEN ?")
        params += [str(post_id), str(theme)]
    for theme, keywords in rules.items():
        parts.append("WHEN regexp_matches(lower(coalesce(text, '')), ?) THEN ?")
        params += [_pattern(keywords), theme]
    if not parts:
        return f"'{OTHER}'", []
    return f"CASE {' '.join(parts)} ELSE '{OTHER}' END", params


def post_themes(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    labels: Mapping[str, str] | None = None,
    rules: Mapping[str, Sequence[str]] | None = None,
    filters: Mapping[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """Each post of the range with its theme: post_id, platform, published, post_type, theme."""
    if missing(con, "posts", ["published_at"]) is not None:
        return pd.DataFrame(columns=["post_id", "platform", "published", "post_type", "theme"])
    theme, theme_params = theme_sql(labels, rules)
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    return con.execute(
        f"""SELECT post_id, platform, CAST(published_at AS DATE) AS published, post_type,
                   {theme} AS theme
            FROM posts WHERE {condition} ORDER BY published_at, post_id""",
        [*theme_params, *params],
    ).df()


def engagement_by_theme(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    labels: Mapping[str, str] | None = None,
    rules: Mapping[str, Sequence[str]] | None = None,
    filters: Mapping[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """Per theme: posts, impressions, engagement (likes + comments + shares) and engagement rate
    (engagement / impressions, a ratio of sums), best rate first."""
    columns = ["theme", "posts", "impressions", "engagement", "engagement_rate"]
    if missing(con, "posts", ["published_at"], any_of=("likes", "comments", "shares")) is not None:
        return pd.DataFrame(columns=columns)
    theme, theme_params = theme_sql(labels, rules)
    return _grouped(con, theme, theme_params, "theme", start, end, filters)[columns]


def _grouped(
    con: duckdb.DuckDBPyConnection,
    key_sql: str,
    key_params: list[object],
    name: str,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, tuple[str, ...]] | None,
) -> pd.DataFrame:
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    return con.execute(
        f"""SELECT {key_sql} AS {name}, CAST(count(*) AS BIGINT) AS posts,
                   CAST(sum(impressions) AS BIGINT) AS impressions,
                   CAST(sum({ENGAGEMENT}) AS BIGINT) AS engagement,
                   sum({ENGAGEMENT}) / nullif(sum(impressions), 0) AS engagement_rate
            FROM posts WHERE {condition}
            GROUP BY 1 ORDER BY engagement_rate DESC NULLS LAST, posts DESC, 1""",
        [*key_params, *params],
    ).df()


def format_performance(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """Per format (post_type): posts, impressions, engagement and engagement rate, best first."""
    columns = ["post_type", "posts", "impressions", "engagement", "engagement_rate"]
    if missing(con, "posts", ["published_at", "post_type", "impressions"]) is not None:
        return pd.DataFrame(columns=columns)
    frame = _grouped(
        con, "coalesce(lower(post_type), 'unknown')", [], "post_type", start, end, filters
    )
    return frame[columns]


def best_format(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, tuple[str, ...]] | None = None,
    min_posts: int = 3,
) -> dict[str, object] | None:
    """The format with the highest engagement rate among those with at least `min_posts` posts
    (fewer posts say little), as a row of `format_performance`; None when no format qualifies."""
    frame = format_performance(con, start, end, filters)
    frame = frame[(frame["posts"] >= min_posts) & frame["engagement_rate"].notna()]
    return None if frame.empty else frame.iloc[0].to_dict()
