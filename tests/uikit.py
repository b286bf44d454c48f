"""Helpers for page tests: read what a person sees in Markdown elements."""

from __future__ import annotations

import re


def plain(markdown: str) -> str:
    """Markdown text as it reads on the page: text from files is shown backslash-escaped."""
    return re.sub(r"\\(.)", r"\1", markdown)
