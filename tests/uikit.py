"""Helpers for page tests: read what a person sees in Markdown elements, and the small posts
export the page tests upload."""

from __future__ import annotations

import re


def plain(markdown: str) -> str:
    """Markdown text as it reads on the page: text from files is shown backslash-escaped."""
    return re.sub(r"\\(.)", r"\1", markdown)


# A posts export with a comment line above its header and one bad value (`abc`): three rows
# read, two loaded, one rejected. The page tests upload it in English and in Spanish.
POSTS_CSV = (
    b"# exported by a test\n"
    b"published_at,platform,impressions,likes,comments,shares\n"
    b"2026-01-05 10:00,instagram,1000,50,5,5\n"
    b"2026-01-06 10:00,instagram,abc,10,1,1\n"
    b"2026-01-07 10:00,instagram,2000,100,10,10\n"
)
