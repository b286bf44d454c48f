"""A file cut off mid-row: an upload or a copy that stopped early ends without a line break, in
the middle of its last row. Loaded as it stands, that row's last figure is a fragment (`5` of
`50000`) or its last fields are missing, and the totals are quietly wrong; it is rejected and
listed instead. Files that merely lack the final line break (TikTok Studio, X) are fine."""

from __future__ import annotations

import re

from kpi.i18n import t

_DIGITS = re.compile(r"[+-]?\d+")
MIN_VALUES = 20  # a column's pattern is only trusted with this many values above the last one


def short_reason(fields: int, width: int) -> str:
    """Why a short last row of a file without a final line break is rejected."""
    return t("load.reason.short_last_row", fields=fields, width=width)


def fragment_reason(name: str, value: str) -> str:
    """Why a last row whose last figure is far shorter than the column's others is rejected."""
    return t("load.reason.fragment", name=name, value=value)


def breaks_pattern(last: str, above: list[str]) -> bool:
    """Whether `last`, the file's final value, looks like the start of a longer figure: every
    value above it in the column is a whole number of nearly fixed width, at least two digits
    longer than it."""
    last = last.strip()
    values = [v.strip() for v in above if v and v.strip()]
    if len(values) < MIN_VALUES or not _DIGITS.fullmatch(last):
        return False
    if not all(_DIGITS.fullmatch(v) for v in values):
        return False
    lengths = [len(v) for v in values]
    return min(lengths) >= len(last) + 2 and max(lengths) - min(lengths) <= 2
