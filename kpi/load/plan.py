"""Deciding each column's type from a sample of its values, and the DuckDB expression that
converts the whole column (NULL where a value does not fit, so SQL can find the failing rows)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kpi.load.values import (
    CURRENCY_PATTERN,
    LAYOUTS_BY_NAME,
    MONTH_FIRST,
    DateLayout,
    NumberStyle,
    allowed_misses,
    ambiguous_day_month,
    classify_dates,
    detect_number_style,
    is_bool,
    is_duration,
    most_common,
    mostly,
    parse_number,
    strip_number_decoration,
)

# A column is typed when at most this share of its values (and at least one bad value in a
# column of three or more) fails to read; the failing rows are rejected. Beyond it, it is text.
MAX_FAILURE_SHARE = 0.05


def tolerated(failures: int, count: int) -> bool:
    """Whether `failures` bad values among `count` still leave a column typed."""
    if count < 3:
        return failures == 0
    return failures <= max(1, MAX_FAILURE_SHARE * count)


_ID_NAME = re.compile(
    r"(^|[\s_.-])(id|ids|code|zip|postal|phone)($|[\s_.-])|_id$|^key$|[\s_]key$", re.I
)
_DATE_NAME = re.compile(r"date|time|day|fecha|data|dzie[nń]|dia|created|published|posted", re.I)


@dataclass(frozen=True)
class ColumnPlan:
    """How one text column becomes typed: its kind, a detail for people, and a SQL expression."""

    kind: str
    detail: str
    sql: str  # an expression over the cleaned text value `__V__`; NULL where it does not fit
    fast: str | None = (
        None  # a cheaper expression, right wherever it is not NULL (see _create_typed)
    )


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_TIMES = ["", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", " %I:%M %p", " %I:%M:%S %p", " %I:%M%p"]
_ZONES = ["", "%z", " %z"]
_DATE_PARTS = {
    "yyyy-mm-dd": ["%Y-%m-%d"],
    "yyyy/mm/dd": ["%Y/%m/%d"],
    "yyyymmdd": ["%Y%m%d"],
    "dd/mm/yyyy": ["%d/%m/%Y"],
    "mm/dd/yyyy": ["%m/%d/%Y"],
    "dd/mm/yy": ["%d/%m/%y"],
    "mm/dd/yy": ["%m/%d/%y"],
    "dd.mm.yyyy": ["%d.%m.%Y"],
    "dd-mm-yyyy": ["%d-%m-%Y"],
    "dd-mm-yy": ["%d-%m-%y"],
    "Mon dd, yyyy": ["%b %d, %Y", "%a, %b %d, %Y", "%a %b %d %Y", "%b %d %Y", "%B %d, %Y"],
    "dd Mon yyyy": ["%d %b %Y", "%d %B %Y"],
    "Month dd": ["%B %d", "%b %d"],  # replaced by inferred ISO dates before conversion
}


def _date_formats(layout: DateLayout, values: list[str]) -> list[str]:
    """The strptime formats of `layout` that the sample really uses, most used first."""
    candidates = [d + t + z for d in _DATE_PARTS[layout.name] for t in _TIMES for z in _ZONES]
    used: Counter[str] = Counter()
    # Each distinct value is parsed once (a daily export repeats each date on many rows), in
    # order of first appearance: the same counts, and ties keep the same order.
    for value, n in Counter(values[:300]).items():
        fmt = _first_format(_normalise_date_text(value), candidates)
        if fmt is not None:
            used[fmt] += n
    return [f for f, _ in used.most_common()] or candidates


def _first_format(text: str, candidates: list[str]) -> str | None:
    """The first of `candidates` that strptime reads `text` with. A format whose digits-only
    outline (`_format_outline`) does not match cannot be, so strptime (slow, and slower still
    when it raises) is called only on the ones that can."""
    for fmt in candidates:
        outline = _format_outline(fmt)
        if outline is not None and not outline.fullmatch(text):
            continue
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return fmt
    return None


# What each numeric strptime directive can match at most (strptime's own patterns are
# narrower: `%m` is 1 to 12, `%d` 1 to 31, optionally led by a space). Names of months, days
# and AM/PM depend on the locale: formats with those have no outline.
_OUTLINE_DIRECTIVES = {
    "Y": r"\d{4}",
    "y": r"\d\d",
    "m": r"\d{1,2}",
    "d": r" ?\d{1,2}",
    "H": r"\d{1,2}",
    "I": r"\d{1,2}",
    "M": r"\d{1,2}",
    "S": r"\d{1,2}",
    "f": r"\d{1,6}",
    "z": r"(?:[+-]\d\d:?\d\d(?::?\d\d(?:\.\d{1,6})?)?|Z)",
}
_FORMAT_PART = re.compile(r"%(.)|(\s+)|(.)", re.S)


@lru_cache(maxsize=512)
def _format_outline(fmt: str) -> re.Pattern[str] | None:
    """A pattern every text strptime reads with `fmt` matches in full (a necessary condition,
    not a sufficient one), or None when `fmt` names months, days or AM/PM. Like strptime's,
    white space in the format matches any run of white space and letters match in any case."""
    parts = []
    for directive, space, literal in _FORMAT_PART.findall(fmt):
        if directive:
            if directive not in _OUTLINE_DIRECTIVES:
                return None
            parts.append(_OUTLINE_DIRECTIVES[directive])
        else:
            parts.append(r"\s+" if space else re.escape(literal))
    return re.compile("".join(parts), re.IGNORECASE)


def _normalise_date_text(value: str) -> str:
    return re.sub(r"(Z| UTC)$", "+0000", re.sub(r"(\d)T(\d)", r"\1 \2", value))


def _date_sql(layout: DateLayout, values: list[str], with_time: bool) -> str:
    fmt_list = "[" + ", ".join(sql_str(f) for f in _date_formats(layout, values)) + "]"
    # strptime wants a space, not "T", and "+0000" rather than "Z" or " UTC".
    norm = r"regexp_replace(regexp_replace(__V__, '(\d)T(\d)', '\1 \2'), '(Z| UTC)$', '+0000')"
    parsed = f"try_strptime({norm}, {fmt_list})::TIMESTAMP"
    if layout.name == "yyyy-mm-dd":
        # DuckDB's own ISO reader is much faster than strptime; strptime catches the rest.
        parsed = f"COALESCE(TRY_CAST(TRY_CAST(__V__ AS TIMESTAMPTZ) AS TIMESTAMP), {parsed})"
    return parsed if with_time else f"CAST({parsed} AS DATE)"


# RE2's \s is ASCII only; exports put no-break spaces between the amount and the currency.
_WS = "[\\s\u00a0\u202f]"


def _number_sql(style: NumberStyle, integer: bool, typed_cells: bool = False) -> str:
    thousands = "[" + re.escape(style.thousands) + "\u00a0\u202f' ]"
    s = r"regexp_replace(__V__, '^[<>]\s*', '')"
    pct = rf"regexp_matches({s}, '%$')"
    s = rf"regexp_replace({s}, '{_WS}*%$', '')"
    s = f"regexp_replace({s}, '^(?:{CURRENCY_PATTERN}){_WS}*|{_WS}*(?:{CURRENCY_PATTERN})$', '', 'g')"
    s = rf"regexp_replace({s}, '^\((.*)\)$', '-\1')"
    body = style.body_regex()
    cleaned = f"replace(regexp_replace({s}, {sql_str(thousands)}, '', 'g'), {sql_str(style.decimal)}, '.')"
    fast = _number_fast(style, integer, typed_cells)
    if integer:
        value = f"COALESCE(TRY_CAST({cleaned} AS BIGINT), TRY_CAST(TRY_CAST({cleaned} AS DOUBLE) AS BIGINT))"
        slow = f"CASE WHEN regexp_full_match({s}, {sql_str(body)}) THEN {value} END"
        return f"COALESCE({fast}, {slow})"
    value = f"TRY_CAST({cleaned} AS DOUBLE)"
    slow = (
        f"CASE WHEN regexp_full_match({s}, {sql_str(body)}) "
        f"THEN CASE WHEN {pct} THEN {value} / 100 ELSE {value} END END"
    )
    return f"COALESCE({fast}, {slow})"


def _number_fast(style: NumberStyle, integer: bool, typed_cells: bool) -> str:
    """Plain digits need no cleaning: cast them directly and keep the regular expressions for
    the rest (a cast alone would read "1.234" as 1 or 1.234, whatever the locale)."""
    plain = "NOT contains(__V__, ',')" + (
        " AND NOT contains(__V__, '.')" if integer or style.decimal == "," else ""
    )
    if typed_cells:
        # A workbook's number cells arrive as plain "1234.5": read those as they are, and the
        # locale style only for the numbers the sheet stores as text ("2 140,00").
        plain = f"regexp_full_match(__V__, {sql_str(_PLAIN_NUMBER.pattern)})"
    return f"CASE WHEN {plain} THEN TRY_CAST(__V__ AS {'BIGINT' if integer else 'DOUBLE'}) END"


def _all_plain(values: list[str], style: NumberStyle, integer: bool, typed_cells: bool) -> bool:
    """Whether `_number_fast` reads every sampled value (so it is worth trying first)."""
    if typed_cells:
        return all(_PLAIN_NUMBER.fullmatch(v) for v in values)
    dots = integer or style.decimal == ","
    joined = "".join(values)  # a one-character search finds the same on the joined values
    return "," not in joined and not (dots and "." in joined)


_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def column_style(values: list[str], style: NumberStyle, typed_cells: bool) -> NumberStyle:
    """The number style of one column. Text files use the file's style; in a workbook, numbers
    stored as text ("2 140,00", "1.234,56 zł") carry their own locale, decided per column."""
    if not typed_cells:
        return style
    texts = [v for v in values if not _PLAIN_NUMBER.fullmatch(v)]
    return detect_number_style(texts) if texts else style


def _parse_figure(value: str, style: NumberStyle, typed_cells: bool) -> float | None:
    if typed_cells and _PLAIN_NUMBER.fullmatch(value):
        return float(value)
    return parse_number(value, style)


_LEADING_ZERO = re.compile(r"^\s*0\d")


def _all_digits(values: list[str]) -> bool:
    """Whether every value is 1 to 15 ASCII digits (what `_PLAIN_INTEGER` reads as it is),
    checked on the joined values in C rather than value by value."""
    return (
        bool(values)
        and all(values)
        and max(map(len, values)) <= 15
        and (joined := "".join(values)).isascii()
        and joined.isdigit()
    )


# Plain decimals, joined by NULs: ASCII digits with a sign and a decimal point at most.
_PLAIN_DECIMALS = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:\x00[+-]?[0-9]+(?:\.[0-9]+)?)*")


def _plain_decimals(values: list[str], style: NumberStyle) -> bool:
    """Whether every value is a plain decimal ("4.63", "-12", "0.5") in the style that reads
    "." as the decimal point and "," as thousands: each is then a figure (no remark), reads
    as `float(v)` and carries no decoration (no percent, no currency), as `_figures`,
    `_parse_figure` and `strip_number_decoration` would find value by value. One regular
    expression over the joined values, in C."""
    return (
        style.decimal == "."
        and style.thousands == ","
        and bool(values)
        and _PLAIN_DECIMALS.fullmatch("\x00".join(values)) is not None
    )


def _figures(values: list[str], parse: Callable[[str], float | None]) -> tuple[list[str], bool]:
    """The values that are not remarks ("Using campaign budget" does not count against a
    number column; see REMARK), and whether they are mostly numbers (`mostly` over them).
    Stops once the misses exceed what even all the values would allow (the figures, fewer,
    allow fewer): a text column costs a few hundred tests, not one per sampled value."""
    figures: list[str] = []
    misses, most = 0, allowed_misses(len(values))
    for v in values:
        if REMARK.match(v):
            continue
        figures.append(v)
        if parse(v) is None:
            misses += 1
            if misses > most:
                return figures, False
    return figures, bool(figures) and misses <= allowed_misses(len(figures))


# A value that starts with a zero and a digit, among values each led by a NUL (a literal
# start, which the search looks for in C: five times faster than `(?:^|\x00)`).
_LEADING_ZERO_JOINED = re.compile(r"\x000[0-9]")


def _leading_zero(values: list[str], plain: bool) -> bool:
    """Whether a value starts with a zero followed by a digit (an identifier, not a count).
    Plain figures (ASCII, no white space) are searched joined, in C."""
    if plain:
        return _LEADING_ZERO_JOINED.search("\x00" + "\x00".join(values)) is not None
    return any(_LEADING_ZERO.match(v) for v in values)


def plan_column(name: str, values: list[str], style: NumberStyle, typed_cells: bool) -> ColumnPlan:
    """Decide a column's type from a sample of its non-empty values."""
    style = column_style(values, style, typed_cells)
    if not values:
        return ColumnPlan("text", "empty", "__V__")
    # Plain figures (ASCII digits, or plain decimals: most number columns of most exports)
    # need no per-value parsing: each is a figure, reads as `float(v)`, carries no decoration
    # and is no yes/no word.
    digits = _all_digits(values)
    plain = digits or _plain_decimals(values, style)
    if not plain and mostly(values, is_bool) and not all(v in ("0", "1") for v in values):
        trues = ", ".join(
            sql_str(w)
            for w in ("true", "yes", "sí", "si", "tak", "sim", "verdadero", "prawda", "y")
        )
        falses = ", ".join(
            sql_str(w) for w in ("false", "no", "nie", "não", "nao", "falso", "fałsz", "n")
        )
        sql = f"CASE WHEN lower(__V__) IN ({trues}) THEN true WHEN lower(__V__) IN ({falses}) THEN false END"
        return ColumnPlan("bool", "yes/no", sql)
    parsed_of: dict[str, float | None] = {}  # each figure parsed once, whatever asks

    def parse(v: str) -> float | None:
        if v not in parsed_of:
            parsed_of[v] = _parse_figure(v, style, typed_cells)
        return parsed_of[v]

    figures, numeric = (values, True) if plain else _figures(values, parse)
    if numeric and not _ID_NAME.search(name) and not _leading_zero(values, plain):
        if digits:
            # Only the Excel serial check needs their values: digits are whole numbers.
            parsed = [float(v) for v in figures] if _DATE_NAME.search(name) else []
        elif plain:
            parsed = [float(v) for v in figures]
        else:
            parsed = [x for x in map(parse, figures) if x is not None]
        if (
            _DATE_NAME.search(name)
            and all(20000 <= n <= 80000 for n in parsed)
            and not typed_cells
            and all(float(n).is_integer() for n in parsed)
        ):
            sql = "CAST(DATE '1899-12-30' + TRY_CAST(TRY_CAST(__V__ AS DOUBLE) AS INTEGER) AS DATE)"
            return ColumnPlan("date", "Excel serial day numbers", sql)
        if plain:
            decorations: list[tuple[str, bool, str]] = []
            percent, currency = False, ""
        else:
            decorations = [strip_number_decoration(v) for v in figures]
            percent = sum(1 for _, p, _ in decorations if p) >= len(figures) * 0.5
            currency = most_common([c for _, _, c in decorations])
        # (every parsed figure is a float)
        integral = all(map(float.is_integer, parsed)) and not percent
        if percent:
            return ColumnPlan(
                "percent",
                "written as %, stored as a fraction",
                _number_sql(style, False, typed_cells),
            )
        if currency and sum(1 for _, _, c in decorations if c) >= len(figures) * 0.5:
            return ColumnPlan("money", currency, _number_sql(style, False, typed_cells))
        fast = _number_fast(style, integral, typed_cells)
        if not digits and not _all_plain(figures, style, integral, typed_cells):
            fast = None
        if integral:
            return ColumnPlan("integer", "", _number_sql(style, True, typed_cells), fast)
        return ColumnPlan("decimal", "", _number_sql(style, False, typed_cells), fast)
    if mostly(values, is_duration):
        sql = (
            "TRY_CAST(split_part(__V__, ':', 1) AS BIGINT) * 3600 + "
            "TRY_CAST(split_part(__V__, ':', 2) AS BIGINT) * 60 + TRY_CAST(split_part(__V__, ':', 3) AS BIGINT)"
        )
        return ColumnPlan("duration", "h:mm:ss, stored as seconds", sql)
    layout = classify_dates(values)
    if layout is not None:
        detail = layout.name
        pair = next(((d, m) for d, m in MONTH_FIRST.items() if layout.name in (d, m)), None)
        if pair is not None:
            if ambiguous_day_month(values):
                layout = LAYOUTS_BY_NAME[pair[0] if style.decimal == "," else pair[1]]
                detail = (
                    f"{layout.name} (day and month both ≤ 12 everywhere: assumed from the locale)"
                )
            else:
                detail = layout.name
        # (a value that is not a date, such as "Total: Account", does not make it a time)
        with_time = any(layout.regex.match(v) for v in values if ":" in v)
        kind = "timestamp" if with_time else "date"
        if with_time and re.search(r"(Z|UTC|[+-]\d{2}:?\d{2})$", values[0]):
            detail += ", converted to UTC"
        return ColumnPlan(kind, detail, _date_sql(layout, values, with_time))
    return ColumnPlan("text", "", "__V__")


# A sentence in a number column ("Using campaign budget") is the platform's remark, not a broken
# value: it reads as empty, with a note. A lone word or a mangled number still rejects the row.
REMARK = re.compile(r"^[^\W\d_]+(?:[\s'’-]+[^\W\d_]+)+[.!]?$")
