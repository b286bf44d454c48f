"""What a table's values say, beyond its header: which columns are URLs, free text, ids or
empty, whether its times carry a clock time, and the grain of a row (one per post, one per day)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa

from kpi.mapping.names import platform_from_url

SAMPLE_ROWS = 500  # enough to judge a column; a 10-million-row table is never scanned
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_ID = re.compile(r"^[A-Za-z0-9_\-:]{5,}$")


@dataclass(frozen=True)
class Profile:
    """One column's values, summarised from a sample of rows."""

    filled: int  # cells with a value (not null, not blank)
    distinct: float  # share of distinct values among the filled cells
    url: float = 0.0  # share of filled cells that are web addresses
    text: float = 0.0  # share of filled cells that are free text (a sentence, not a label)
    ident: float = 0.0  # share of filled cells that look like ids (a code, or a 10+ digit number)
    with_time: bool = False  # timestamps whose clock time is not always midnight
    platform: str | None = None  # the platform most of its URLs are on

    @property
    def empty(self) -> bool:
        """Whether the column holds nothing at all."""
        return self.filled == 0


def _is_text(value: str) -> bool:
    return len(value) >= 25 and value.count(" ") >= 3


def profile_column(values: Sequence[object]) -> Profile:
    """Summarise one column's sampled values."""
    filled = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    if not filled:
        return Profile(0, 0.0)
    n = len(filled)
    distinct = len({repr(v) for v in filled}) / n
    strings = [v.strip() for v in filled if isinstance(v, str)]
    urls = [s for s in strings if _URL.match(s)]
    platforms = [p for p in map(platform_from_url, urls) if p]
    platform = max(set(platforms), key=platforms.count) if platforms else None
    if platform and platforms.count(platform) < 0.8 * len(urls):
        platform = None
    idents = sum(
        1
        for v in filled
        if (isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**10)
        or (isinstance(v, str) and _ID.match(v.strip()) and any(c.isdigit() for c in v))
    )
    with_time = any(
        isinstance(v, dt.datetime) and (v.hour, v.minute, v.second) != (0, 0, 0) for v in filled
    )
    return Profile(
        filled=n,
        distinct=distinct,
        url=len(urls) / n,
        text=sum(1 for s in strings if _is_text(s) and not _URL.match(s)) / n,
        ident=idents / n,
        with_time=with_time,
        platform=platform,
    )


def profile_table(data: pa.Table | None) -> dict[str, Profile]:
    """A profile of each column of `data` (none when the data is not given)."""
    if data is None:
        return {}
    sample = data.slice(0, SAMPLE_ROWS)
    out = {}
    for name, column in zip(sample.column_names, sample.columns, strict=True):
        try:
            values = column.to_pylist()
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError, OverflowError):
            continue
        out[name] = profile_column(values)
    return out


_TIME_TYPES = ("date", "timestamp")


def grain(
    columns: Sequence[str], types: Mapping[str, str], profiles: Mapping[str, Profile]
) -> str | None:
    """`post` when a row is one post (a column of distinct links or free text), `day` when it is
    one day (a date column whose dates never repeat, and no such column), else None (unknown)."""
    if not profiles:
        return None
    rows = max((p.filled for p in profiles.values()), default=0)
    if rows < 2:
        return None
    identity = any(
        p.distinct >= 0.8 and p.filled >= 0.5 * rows and (p.url >= 0.8 or p.text >= 0.6)
        for p in profiles.values()
    )
    if identity:
        return "post"
    dates = [c for c in columns if types.get(c) in _TIME_TYPES and c in profiles]
    if dates and any(profiles[c].distinct == 1.0 and profiles[c].filled == rows for c in dates):
        return "day"
    return None


def url_platform(profiles: Mapping[str, Profile]) -> str | None:
    """The one platform the table's links point at, if they agree."""
    found = {p.platform for p in profiles.values() if p.platform and p.url >= 0.8}
    return found.pop() if len(found) == 1 else None
