"""Reading the values real exports write: locale numbers, percentages, money, dates, durations.

The same patterns serve twice: in Python, to classify a sample of each column, and as DuckDB
expressions, to convert the whole column and find the rows that do not fit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse, pairwise

# Cells that mean "no value" in the exports we know (Twitter "-", Google Ads "--", TikTok "undefined").
NULL_TOKENS = frozenset(
    {
        "",
        "-",
        "--",
        "—",
        "–",
        "n/a",
        "na",
        "#n/a",
        "null",
        "none",
        "nan",
        "undefined",
        "?",
        "(not set)",
    }
)

CURRENCY_PATTERN = r"US\$|R\$|C\$|A\$|\$|€|£|¥|zł|PLN|EUR|USD|GBP|BRL|MXN|COP|ARS|CLP|CHF"
_CURRENCY_RE = re.compile(rf"^(?:{CURRENCY_PATTERN})\s*|\s*(?:{CURRENCY_PATTERN})$")
# Spaces used as thousands separators: plain, no-break and narrow no-break (French, Polish).
_SPACES = " \u00a0\u202f"
_BOUND_RE = re.compile(r"^[<>]\s*")

_PLAIN_INTEGER = re.compile(r"[+-]?\d{1,15}")
TRUE_WORDS = frozenset({"true", "yes", "sí", "si", "tak", "sim", "verdadero", "prawda", "y"})
FALSE_WORDS = frozenset({"false", "no", "nie", "não", "nao", "falso", "fałsz", "n"})


@dataclass(frozen=True)
class NumberStyle:
    """The decimal and thousands separators of a file ("1.234,56" → decimal ",", thousands ".")."""

    decimal: str = "."
    thousands: str = ","

    def body_regex(self) -> str:
        """A regular expression (Python and RE2 alike) for a bare number in this style."""
        dec = re.escape(self.decimal)
        th = f"[{re.escape(self.thousands)}{_SPACES}']"
        return (
            rf"[+-]?(?:\d{{1,3}}(?:{th}\d{{3}})+|\d+)(?:{dec}\d+)?"
            rf"|[+-]?{dec}\d+" + (r"|[+-]?\d+(?:\.\d+)?[eE][+-]?\d+" if self.decimal == "." else "")
        )


def strip_number_decoration(value: str) -> tuple[str, bool, str]:
    """Remove a currency, a percent sign and bound marks; say if it was a percent and which currency."""
    if _PLAIN_INTEGER.fullmatch(value):
        return value, False, ""
    v = value.strip()
    v = _BOUND_RE.sub("", v)
    percent = v.endswith("%")
    if percent:
        v = v[:-1].rstrip()
    currency = ""
    m = _CURRENCY_RE.search(v)
    if m:
        currency = m.group(0).strip()
        v = _CURRENCY_RE.sub("", v).strip()
    if v.startswith("(") and v.endswith(")"):  # accounting negatives: (12.50)
        v = "-" + v[1:-1]
    return v, percent, currency


@lru_cache(maxsize=16)
def _body_pattern(style: NumberStyle) -> re.Pattern[str]:
    return re.compile(style.body_regex())


def parse_number(value: str, style: NumberStyle) -> float | None:
    """A number written in `style`, or None; percentages come back as fractions (12,5 % → 0.125)."""
    if _PLAIN_INTEGER.fullmatch(value):  # most cells of most exports: skip the decoding
        return float(value)
    body, percent, _ = strip_number_decoration(value)
    if not _body_pattern(style).fullmatch(body):
        return None
    cleaned = body
    for ch in style.thousands + _SPACES + "'":
        cleaned = cleaned.replace(ch, "")
    cleaned = cleaned.replace(style.decimal, ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number / 100 if percent else number


# Thousands written with spaces ("2 140,00") say as much as with the other separator.
_UNAMBIGUOUS_COMMA = re.compile(
    r"^[+-]?\d{1,3}([. \u00a0\u202f]\d{3})+,\d+$|^[+-]?\d+,(\d{1,2}|\d{4,})$"
)
_UNAMBIGUOUS_DOT = re.compile(
    r"^[+-]?\d{1,3}([, \u00a0\u202f]\d{3})+\.\d+$|^[+-]?\d+\.(\d{1,2}|\d{4,})$"
)


def detect_number_style(values: list[str], delimiter: str | None = None) -> NumberStyle:
    """Decide the decimal separator from values that can only be read one way."""
    comma = dot = 0
    for value in values:
        if "," not in value and "." not in value:
            continue  # both patterns need a separator, and stripping decoration adds none
        body, _, _ = strip_number_decoration(value)
        if _UNAMBIGUOUS_COMMA.match(body):
            comma += 1
        elif _UNAMBIGUOUS_DOT.match(body):
            dot += 1
    if comma > dot or (comma == dot == 0 and delimiter == ";"):
        return NumberStyle(decimal=",", thousands=".")
    return NumberStyle(decimal=".", thousands=",")


# Date and time layouts, tried in this order; each is a regex (to classify) and a strptime format.
_TIME = r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
_AMPM = r"\s?[AaPp][Mm]"
_TZ = r"\s?(?:Z|UTC|[+-]\d{2}:?\d{2})"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"


@dataclass(frozen=True)
class DateLayout:
    """One way of writing dates: a name for people, a classifying regex, and the parse pattern."""

    name: str
    regex: re.Pattern[str]
    day_first: bool | None = None


def _layout(name: str, pattern: str, day_first: bool | None = None) -> DateLayout:
    return DateLayout(name, re.compile(rf"^{pattern}$"), day_first)


DATE_LAYOUTS = [
    _layout("yyyy-mm-dd", rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:{_TIME})?(?:{_TZ})?"),
    _layout("yyyy/mm/dd", rf"\d{{4}}/\d{{1,2}}/\d{{1,2}}(?:{_TIME})?"),
    _layout("yyyymmdd", r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"),
    _layout("dd/mm/yyyy", rf"\d{{1,2}}/\d{{1,2}}/\d{{4}}(?:{_TIME}(?:{_AMPM})?)?(?:{_TZ})?", True),
    _layout("mm/dd/yyyy", rf"\d{{1,2}}/\d{{1,2}}/\d{{4}}(?:{_TIME}(?:{_AMPM})?)?(?:{_TZ})?", False),
    _layout("dd/mm/yy", r"\d{1,2}/\d{1,2}/\d{2}", True),
    _layout("mm/dd/yy", r"\d{1,2}/\d{1,2}/\d{2}", False),
    _layout("dd.mm.yyyy", rf"\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?:{_TIME})?", True),
    _layout("dd-mm-yyyy", rf"\d{{1,2}}-\d{{1,2}}-\d{{4}}(?:{_TIME})?", True),
    _layout("dd-mm-yy", r"\d{2}-\d{2}-\d{2}", True),
    _layout(
        "Mon dd, yyyy", rf"(?:{_DAY},?\s)?{_MONTH}\s\d{{1,2}},?\s\d{{4}}(?:{_TIME}(?:{_AMPM})?)?"
    ),
    _layout("dd Mon yyyy", rf"\d{{1,2}}\s{_MONTH}\s\d{{4}}(?:{_TIME})?"),
    # TikTok Studio writes "February 28" with no year: the loader infers it from the row order.
    _layout("Month dd", rf"{_MONTH}\s\d{{1,2}}"),
]


LAYOUTS_BY_NAME = {layout.name: layout for layout in DATE_LAYOUTS}
# Day-first layouts and their month-first twins, told apart by the values (a part above 12).
MONTH_FIRST = {"dd/mm/yyyy": "mm/dd/yyyy", "dd/mm/yy": "mm/dd/yy"}


def null_words_among(values: Iterable[str]) -> set[str]:
    """The values (spelt as written) that are null words once trimmed, in any case: each
    distinct value looked at once, plain digit strings (most cells of a number column) skipped
    in C."""
    return {v for v in filterfalse(str.isdigit, set(values)) if v.strip().lower() in NULL_TOKENS}


def allowed_misses(n: int) -> float:
    """How many of n values may fail a test and the values still mostly pass it: 5 %, at least
    one in a column of three or more, none in a shorter one."""
    return 0 if n < 3 else max(1, 0.05 * n)


def mostly(values: list[str], test: Callable[[str], object]) -> bool:
    """Whether `test` holds for all values but at most 5 % (and at most one in a column of
    three or more; none in a shorter one). Stops at the first miss too many: classifying a
    text column costs a few hundred tests, not one per sampled value."""
    allowed = allowed_misses(len(values))
    misses = 0
    for value in values:
        if not test(value):
            misses += 1
            if misses > allowed:
                return False
    return True


def classify_dates(values: list[str]) -> DateLayout | None:
    """The layout that reads (almost) all values; day-first or month-first decided by the values."""
    if not values:
        return None
    for layout in DATE_LAYOUTS:
        if not mostly(values, layout.regex.match):
            continue
        if layout.day_first is None:
            return layout
        twin = MONTH_FIRST.get(layout.name)
        if twin is not None:
            hits = [v for v in values if layout.regex.match(v)]
            second_parts = [int(re.split(r"[/.\-]", v)[1]) for v in hits]
            first_parts = [int(re.split(r"[/.\-]", v)[0]) for v in hits]
            if any(p > 12 for p in second_parts) and not any(p > 12 for p in first_parts):
                return LAYOUTS_BY_NAME[twin]
        return layout  # when both fit, the caller may decide from the file's locale
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _day_of_year(month_day: tuple[int, int]) -> int:
    return dt.date(2000, *month_day).timetuple().tm_yday  # 2000 has a 29 February


def _month_day(value: str | None) -> tuple[int, int] | None:
    parts = (value or "").strip().split()
    if len(parts) != 2 or parts[0][:3].lower() not in _MONTHS or not parts[1].isdigit():
        return None
    month_day = (_MONTHS.index(parts[0][:3].lower()) + 1, int(parts[1]))
    try:
        _day_of_year(month_day)
    except ValueError:
        return None
    return month_day


def infer_years(values: list[str | None], today: dt.date) -> list[str | None]:
    """ISO dates for "Month dd" values in file order: the year turns where the months wrap
    (December → January), and the last date is the latest one not after `today` (the export's
    own date). Files listed newest first are handled the same way, read backwards; rows in no
    date order each get the latest year that keeps them on or before `today`."""
    parsed = [_month_day(v) for v in values]
    known = [p for p in parsed if p]
    # Consecutive rows are days or weeks apart: a step "forward" of more than half a year is
    # really a step back, so the majority of steps tells the list's direction.
    forward = [(_day_of_year(b) - _day_of_year(a)) % 366 for a, b in pairwise(known)]
    ahead = sum(1 for d in forward if 0 < d <= 183)
    behind = sum(1 for d in forward if d > 183)
    if min(ahead, behind) > max(1, 0.05 * (ahead + behind)):
        # Not in date order (a content list sorted by views): the order says nothing about the
        # years, so each date is the latest one on or before `today`.
        return [_latest_on_or_before(p, today) if p else None for p in parsed]
    descending = behind > ahead
    order = range(len(parsed) - 1, -1, -1) if descending else range(len(parsed))
    sequence = [i for i in order if parsed[i]]
    if not sequence:
        return [None] * len(values)
    last = parsed[sequence[-1]]
    year = today.year if last <= (today.month, today.day) else today.year - 1
    years: dict[int, int] = {}
    for k in range(len(sequence) - 1, -1, -1):
        i = sequence[k]
        years[i] = year
        if k > 0 and parsed[sequence[k - 1]] > parsed[i]:
            year -= 1  # the month went back: the row before belongs to the previous year
    out: list[str | None] = []
    for i, p in enumerate(parsed):
        if p is None:
            out.append(None)
            continue
        try:
            out.append(dt.date(years[i], p[0], p[1]).isoformat())
        except ValueError:  # 29 February in a year that has none
            out.append(None)
    return out


def _latest_on_or_before(month_day: tuple[int, int], today: dt.date) -> str | None:
    for year in range(today.year, today.year - 8, -1):  # 29 February: the last leap year
        try:
            day = dt.date(year, *month_day)
        except ValueError:
            continue
        if day <= today:
            return day.isoformat()
    return None


def ambiguous_day_month(values: list[str]) -> bool:
    """True when every date fits both dd/mm and mm/dd (no part above 12)."""
    parts = [re.split(r"[/.\-\s]", v)[:2] for v in values]
    return all(
        len(p) == 2 and p[0].isdigit() and p[1].isdigit() and int(p[0]) <= 12 and int(p[1]) <= 12
        for p in parts
    )


_DURATION_RE = re.compile(r"^\d{1,4}:[0-5]\d:[0-5]\d$")


def is_duration(value: str) -> bool:
    """h:mm:ss, as YouTube and Universal Analytics write durations."""
    return bool(_DURATION_RE.match(value))


def is_bool(value: str) -> bool:
    """A yes/no word in one of our languages."""
    low = value.strip().lower()
    return low in TRUE_WORDS or low in FALSE_WORDS


def most_common(items: list[str]) -> str:
    """The most frequent non-empty item, or ''."""
    counts = Counter(i for i in items if i)
    return counts.most_common(1)[0][0] if counts else ""
