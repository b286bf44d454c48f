"""Hashtags and mentions, extracted once per data version into their own table: one row per
post × tag (a tag counted once per post; no post key, a row is one post's use of a tag), with
the post's day, the dimensions pages filter by and its engagement, so the Content page's
rankings group a small table instead of running regular expressions over every post's text
at every request. Built with the rollups (`rollups.refresh`), dropped with them (its name is
a posts rollup's); a request that finds it missing builds it again, and a filter on another
field reads the posts as before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from kpi.engine.memo import cached, memo_of

# likes + comments + shares, as the catalog's engagement KPI counts it.
ENGAGEMENT = "coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)"
# A tag or handle is letters (any script, with combining marks), digits and underscores; it starts
# after a non-word character, so "page#section" in a link and "hola@cafe.com" are not counted.
_WORD = r"[\p{L}\p{M}\p{N}_]"
HASHTAG_RE = rf"(?:^|[^\p{{L}}\p{{M}}\p{{N}}_&/])(#{_WORD}+)"
MENTION_RE = rf"(?:^|[^\p{{L}}\p{{M}}\p{{N}}_./])(@{_WORD}+(?:\.{_WORD}+)*)"
PATTERNS = {"hashtag": HASHTAG_RE, "mention": MENTION_RE}
# Digits and underscores alone ("#1", "@_") are no tags.
NOT_A_TAG = "^[#@][0-9_]+$"
# The posts' fields a request may filter the table on (those of the finest posts rollup).
DIMENSIONS = ("platform", "post_type", "campaign")
TABLE = "__rollup_posts__tags"  # a posts rollup's name: dropped whenever the posts change
KEY = ("tags", "posts")  # its memo key


@dataclass(frozen=True)
class TagTable:
    """The built table: its name, the dimensions it keeps and its row count."""

    table: str
    dimensions: tuple[str, ...]
    rows: int


# Per kind: the character a tag starts with, what follows it (anchored), and the characters
# that may not come just before it; the same tags as `PATTERNS`, found piece by piece.
_PIECES = {
    "hashtag": ("#", rf"^{_WORD}+", r"[\p{L}\p{M}\p{N}_&/]"),
    "mention": ("@", rf"^{_WORD}+(?:\.{_WORD}+)*", r"[\p{L}\p{M}\p{N}_./]"),
}


def _build_sql() -> str:
    """Each post's tags of each kind, as the Content page's raw query finds them (case folded,
    accents composed, once per post, digits alone left out), with the post's day, dimensions
    and engagement.

    Not with `PATTERNS` over the whole text: searching every position for a character class
    of all the world's letters is most of the cost. The folded text is split at each `#` (or
    `@`); a piece after one is a tag when the character before that `#` may start one (the
    previous piece's last; an empty piece, the start or another mark, has none) and the piece
    begins with word characters, read by an anchored expression. A tag's word characters
    stop before any `#`, so no tag hides inside another. Each post's tags are made distinct
    in its own list, so the table streams out of the posts (no table-wide DISTINCT)."""
    keep = ", ".join(DIMENSIONS)
    kinds = " UNION ALL ".join(
        f"SELECT '{kind}' AS kind, day, {keep}, engagement, unnest(list_distinct(list_filter("
        f"list_transform(generate_series(2, len(parts)), lambda i: CASE WHEN NOT regexp_matches("
        f"right(parts[i - 1], 1), {_quoted(before)}) THEN '{mark}' || regexp_extract(parts[i], "
        f"{_quoted(tail)}) END), lambda tag: length(tag) > 1 AND NOT regexp_matches(tag, "
        f"{_quoted(NOT_A_TAG)})))) AS tag "
        f"FROM (SELECT CAST(published_at AS DATE) AS day, {keep}, {ENGAGEMENT} AS engagement, "
        f"string_split(lower(nfc_normalize(text)), '{mark}') AS parts "
        f"FROM posts WHERE contains(text, '{mark}'))"
        for kind, (mark, tail, before) in _PIECES.items()
    )
    return f"CREATE OR REPLACE TABLE {TABLE} AS {kinds}"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build(con: duckdb.DuckDBPyConnection) -> TagTable | None:
    """Build the table from the posts view (replacing an older one); None when it cannot be
    built (no posts view, a column of an odd type): requests then read the posts."""
    try:
        con.execute(_build_sql())
        rows = con.execute(f"SELECT count(*) FROM {TABLE}").fetchall()[0][0]
    except duckdb.Error:
        con.execute(f"DROP TABLE IF EXISTS {TABLE}")
        return None
    return TagTable(TABLE, DIMENSIONS, int(rows))


def table(con: duckdb.DuckDBPyConnection, filtered: Sequence[str]) -> TagTable | None:
    """On a session's connection, the table (built once per data version) when it can answer
    a request filtered on these fields; None on a bare connection or another filter."""
    if memo_of(con) is None or not set(filtered) <= set(DIMENSIONS):
        return None
    return cached(con, KEY, lambda: build(con))
