"""When an export was taken, from what it says about itself: a title or comment line above the
table ("27 January 2026 - 23 February 2026", "# End date: 20251231"), the file name
(`content_2026-02-28.csv`, `Feb-01-2026_Feb-28-2026_123.csv`), or its newest dated row.

Dates written without a year (TikTok Studio's "Jul 16") are placed on or before that date, so
an export taken in February never gets posts dated in April of the same year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january", "ene", "enero", "sty", "stycznia", "styczeń"),
            ("feb", "february", "febrero", "lut", "lutego", "luty"),
            ("mar", "march", "marzo", "marca", "marzec"),
            ("apr", "april", "abr", "abril", "kwi", "kwietnia", "kwiecień"),
            ("may", "mayo", "maj", "maja"),
            ("jun", "june", "junio", "cze", "czerwca", "czerwiec"),
            ("jul", "july", "julio", "lip", "lipca", "lipiec"),
            ("aug", "august", "ago", "agosto", "sie", "sierpnia", "sierpień"),
            ("sep", "sept", "september", "septiembre", "wrz", "września", "wrzesień"),
            ("oct", "october", "octubre", "paź", "października", "październik"),
            ("nov", "november", "noviembre", "lis", "listopada", "listopad"),
            ("dec", "december", "dic", "diciembre", "gru", "grudnia", "grudzień"),
        ]
    )
    for m in names
}
_MONTH = r"([^\W\d_]{3,12})\.?"
_ISO = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_./]?(0[1-9]|1[0-2])[-_./]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})[\s\-_.]+{_MONTH}[\s\-_.,]+((?:19|20)\d{{2}})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![^\W\d_]){_MONTH}[\s\-_.]+(\d{{1,2}}),?[\s\-_.]+((?:19|20)\d{{2}})"
)


def _make(year: str, month: int | None, day: str) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def dates_in(text: str) -> list[dt.date]:
    """Every full date (with a year) written in `text`, in the layouts exports use in titles
    and file names."""
    found: list[dt.date | None] = []
    found += [_make(y, int(m), d) for y, m, d in _ISO.findall(text)]
    found += [_make(y, _MONTHS.get(m.lower()), d) for d, m, y in _DAY_MONTH_YEAR.findall(text)]
    found += [_make(y, _MONTHS.get(m.lower()), d) for m, d, y in _MONTH_DAY_YEAR.findall(text)]
    return [d for d in found if d is not None]


def export_date(
    title_lines: Iterable[str], file_name: str, newest_row: dt.date | None, today: dt.date
) -> tuple[dt.date, str]:
    """The latest date the export can describe, and where it was found (for the report): the
    newest date in the title lines, else in the file name, else the newest dated row, else
    today. Never after today."""
    for source, texts in (("the title lines", title_lines), ("the file name", [file_name])):
        dates = [d for t in texts for d in dates_in(t) if d <= today]
        if dates:
            return max(dates), source
    if newest_row is not None and newest_row <= today:
        return newest_row, "the newest dated row"
    return today, "today"
