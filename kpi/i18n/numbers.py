"""Numbers, money, percentages and dates as people write them in a language, from Babel's CLDR
data: `1,234.5` / `1.234,5` / `1 234,5`; `€1,234.50` / `1.234,50 €` / `1 234,50 zł`, each
currency's sign as CLDR writes it in that language (`USD` in Polish, `PLN` in English);
`12.5%` / `12,5 %` / `12,5%`; `3 Mar 2026` / `3 mar 2026`. The separators are CLDR's own
characters (Polish groups with a no-break space, U+00A0). Words around a number (the `k` of
12.3k, `pp`, `h` and `m`) are catalog texts, so a translator writes them too."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Mapping
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.numbers import (
    format_decimal,
    format_percent,
    get_currency_symbol,
    parse_pattern,
)

from kpi.i18n.messages import SOURCE_LANGUAGE, resolve, t
from kpi.xmlsafe import xml_safe

DEFAULT_CURRENCY = "EUR"  # the sample's; an amount whose data names no currency is shown so
MISSING = "—"
DATE_PATTERN = "d MMM y"  # 3 Mar 2026: day first in every language, so no reader misreads it
# Babel rounds in the thread's decimal context (28 digits): 1e30 with no decimals would raise.
# Every finite float has at most 309 digits before the point.
_WIDE = decimal.Context(prec=400)
_NUMBER_UNIT_SPACE = re.compile(r"(?<=\d) +(?=[^\d\s])")  # the space of `30 min`, not of `h 30`


@cache
def cldr_locale(lang: str) -> Locale:
    """The CLDR locale of one of the app's languages (English for one Babel does not know)."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(SOURCE_LANGUAGE)


def _decimal(value: float, digits: int, lang: str) -> str:
    """`value` with `digits` decimals and the language's separators."""
    if not math.isfinite(value):  # Babel cannot round these; a person reads ∞ and —
        return MISSING if math.isnan(value) else ("-∞" if value < 0 else "∞")
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    # Rounded by Python first, as f-strings round (2.345 → 2.35, its float being just above):
    # Babel would round the decimal text half-even (2.34).
    with decimal.localcontext(_WIDE):
        return format_decimal(round(value, digits), pattern, locale=cldr_locale(lang))


def _percent_pattern(lang: str, sign: bool = False) -> str:
    """The language's percent pattern (`#,##0 %` in Spanish) with one decimal, optionally signed."""
    pattern = (
        cldr_locale(lang).percent_formats[None].pattern.split(";")[0].replace("#,##0", "#,##0.0")
    )
    return f"+{pattern};-{pattern}" if sign else pattern


def format_number(value: float, digits: int = 1, lang: str | None = None) -> str:
    """A plain number with `digits` decimals as `lang` writes it: 1,234.5 · 1.234,5 · 1 234,5."""
    lang = resolve(lang)
    return _decimal(value, digits, lang)


def _share(value: float, lang: str, sign: bool = False) -> str:
    """A share as a percentage with one decimal (12.5% · 12,5 %), rounded as Python rounds."""
    if not math.isfinite(value):
        return _decimal(value, 1, lang)
    with decimal.localcontext(_WIDE):
        rounded = round(value * 100, 1) / 100
        return format_percent(rounded, _percent_pattern(lang, sign), locale=cldr_locale(lang))


def row_currency(row: Mapping[str, object]) -> str | None:
    """A result row's currency code as text safe for any output (charts, PDF), or None."""
    value = row.get("currency")
    if not isinstance(value, str):
        return None
    return xml_safe(value).strip()[:12] or None


def currency_symbol(code: str, lang: str | None = None) -> str:
    """The sign of a currency as CLDR writes it in `lang` (`€`, `US$` in Spanish, `USD` in
    Polish, `zł` in Polish only); where CLDR has none, the code as the data writes it (`COP`).
    No other language's sign is borrowed: a Pole reads `$` as no currency in particular."""
    lang = resolve(lang)
    key = code.strip().upper()
    symbol = get_currency_symbol(key, locale=cldr_locale(lang))
    return symbol if symbol != key else code.strip()


def format_money(
    amount: float, currency: str | None = None, lang: str | None = None, digits: int = 2
) -> str:
    """An amount with its currency (ISO code; None: euros) as `lang` writes money:
    `€1,234.50`, `1.234,50 €`, `1 234,50 zł`. A sign made of letters (`zł`) and a code with no
    sign (`COP`, or whatever a file wrote) follow the amount after a space even where the locale
    puts signs first, as English writers place codes."""
    lang = resolve(lang)
    locale = cldr_locale(lang)
    code = (currency or DEFAULT_CURRENCY).strip() or DEFAULT_CURRENCY
    symbol = currency_symbol(code, lang)
    number = _decimal(abs(amount), digits, lang)
    negative = round(amount, digits) < 0
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    prefix, suffix = pattern.prefix[negative], pattern.suffix[negative]
    if "¤" in prefix and (symbol == code or symbol.isalpha()):
        prefix, suffix = prefix.replace("¤", ""), f"{suffix} {symbol}"
    return f"{prefix}{number}{suffix}".replace("¤", symbol)


def format_value(
    value: float | None, kind: str, lang: str | None = None, currency: str | None = None
) -> str:
    """A KPI value as a person reads it in `lang`: 12,345 · 4.2% · €1,234 · 1,234 COP · 2.35× ·
    1h 05m; counts from ten thousand are shortened (12.3k, 1.2M). `currency` is the amount's
    ISO code (None: euros, as the sample's)."""
    lang = resolve(lang)
    if value is None:
        return MISSING
    if kind == "percent":
        return _share(value, lang)
    if kind == "currency":
        return format_money(value, currency, lang, digits=0 if abs(value) >= 100 else 2)
    if kind == "ratio":
        return t("format.ratio", lang, value=_decimal(value, 2, lang))
    if kind == "duration":
        minutes, seconds = divmod(round(value), 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            text = t("format.hours_minutes", lang, hours=hours, minutes=f"{minutes:02d}")
        else:
            text = t("format.minutes_seconds", lang, minutes=minutes, seconds=f"{seconds:02d}")
        # Each number keeps its unit (`1 h` · `30 min`): a narrow tile wraps between the parts.
        return _NUMBER_UNIT_SPACE.sub("\u00a0", text)
    if abs(value) >= 1_000_000:
        return t("format.millions", lang, value=_decimal(value / 1_000_000, 1, lang))
    if abs(value) >= 10_000:
        return t("format.thousands", lang, value=_decimal(value / 1_000, 1, lang))
    whole = float(value).is_integer() or abs(value) >= 100
    return _decimal(value, 0 if whole else 2, lang)


def format_count(value: int, lang: str | None = None) -> str:
    """An exact count, as people write it in `lang` (10,000 · 10.000 · 10 000), never shortened."""
    lang = resolve(lang)
    return _decimal(value, 0, lang)


def format_signed(value: float, digits: int = 0, lang: str | None = None) -> str:
    """A signed amount or count as `lang` writes numbers (+1,234 · +1.234 · −56), e.g. a lift."""
    lang = resolve(lang)
    text = _decimal(value, digits, lang)
    return f"+{text}" if math.isfinite(value) and value > 0 else text


def format_change(change: float | None, kind: str, lang: str | None = None) -> str | None:
    """A change for a tile: percentage points for a percent KPI (+1.5 pp), relative change
    otherwise (+12.5%), always signed."""
    lang = resolve(lang)
    if change is None:
        return None
    if kind == "percent":
        points = _decimal(change * 100, 1, lang)
        return t("format.points", lang, value=points if points.startswith("-") else f"+{points}")
    return _share(change, lang, sign=True)


def format_date(value: dt.date, lang: str | None = None) -> str:
    """A date as people write it in `lang` (3 Mar 2026 · 3 mar 2026)."""
    lang = resolve(lang)
    return babel_date(value, DATE_PATTERN, locale=cldr_locale(lang))
