"""The Vega format locale of a language, built from Babel's CLDR data, so a chart's axes and
tooltips write numbers, money, month and weekday names as the language does: `1,234.5` /
`1.234,5` / `1 234,5`, `€1,234` / `1.234 €` / `1 234 zł`, `Mar` / `mar` / `mar`.

Vega-Lite reads it from `config.locale` (`{number: d3-format locale, time: d3-time-format
locale}`); `localized(chart, lang)` puts it there and `kpi.charts.styled` calls it for every chart
the pages, slides and report draw. Python-made names on an axis (weekdays of the heatmap, months
as categories) come from the same CLDR data through `weekday_names` and `month_label`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import altair as alt
import pandas as pd
from babel.dates import format_date, get_day_names, get_month_names, get_period_names
from babel.numbers import format_percent, parse_pattern

from kpi.i18n.messages import resolve
from kpi.i18n.numbers import DEFAULT_CURRENCY, cldr_locale, currency_symbol, format_number

# LDML date-pattern letters → d3-time-format directives (the ones CLDR's short/medium patterns
# of our languages use); `%-d` is d3's unpadded day.
_LDML = {
    "d": "%-d", "dd": "%d", "M": "%-m", "MM": "%m", "L": "%-m", "LL": "%m",
    "MMM": "%b", "LLL": "%b", "MMMM": "%B", "LLLL": "%B", "y": "%Y", "yyyy": "%Y", "yy": "%y",
    "H": "%-H", "HH": "%H", "h": "%-I", "hh": "%I", "m": "%-M", "mm": "%M", "s": "%-S",
    "ss": "%S", "a": "%p", "E": "%a", "EEE": "%a", "EEEE": "%A",
}  # fmt: skip
_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")


def d3_time_pattern(ldml: str) -> str:
    """A CLDR (LDML) date or time pattern as a d3-time-format string: `d.MM.y` → `%-d.%m.%Y`."""
    out = []
    for match in _TOKEN.finditer(ldml):
        token = match.group(0)
        if token.startswith("'"):
            out.append(token[1:-1].replace("''", "'") if len(token) > 2 else "'")
        elif match.group(1):
            out.append(_LDML.get(token, ""))  # fields d3 cannot write are left out
        else:
            out.append(token)
    return "".join(out)


def _in_sunday_order(names: Mapping[int, str]) -> list[str]:
    """Babel numbers weekdays from Monday (0); d3 lists them from Sunday."""
    return [names[6], *(names[i] for i in range(6))]


def _currency_affixes(lang: str, currency: str) -> list[str]:
    """[prefix, suffix] of money in `lang` as `kpi.i18n.numbers.format_money` writes it."""
    locale = cldr_locale(lang)
    symbol = currency_symbol(currency, lang)
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    prefix, suffix = pattern.prefix[0], pattern.suffix[0]
    if "¤" in prefix and (symbol == currency.strip() or symbol.isalpha()):
        prefix, suffix = prefix.replace("¤", ""), f"{suffix} {symbol}"  # 1,234 zł, as the text
    return [prefix.replace("¤", symbol), suffix.replace("¤", symbol)]


@cache
def _vega_locale(lang: str, currency: str) -> dict[str, Any]:
    locale = cldr_locale(lang)
    symbols = locale.number_symbols["latn"]
    percent = parse_pattern(locale.percent_formats[None].pattern).suffix[0]
    periods = get_period_names("abbreviated", "format", locale)
    date = d3_time_pattern(locale.date_formats["short"].pattern)
    time = d3_time_pattern(locale.time_formats["medium"].pattern)
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [locale.decimal_formats[None].grouping[0]],
            "currency": _currency_affixes(lang, currency),
            "minus": symbols["minusSign"],
            "percent": percent,  # `12,5 %` in Spanish: CLDR's space before the sign
            "nan": symbols["nan"],
        },
        "time": {
            "dateTime": str(locale.datetime_formats["medium"]).format("%X", "%x"),
            "date": date,
            "time": time,
            "periods": [periods["am"], periods["pm"]],
            "days": _in_sunday_order(get_day_names("wide", "format", locale)),
            "shortDays": _in_sunday_order(get_day_names("abbreviated", "format", locale)),
            # Stand-alone names: an axis shows a month on its own (`marzec`, not `marca`).
            "months": [get_month_names("wide", "stand-alone", locale)[m] for m in range(1, 13)],
            "shortMonths": [
                get_month_names("abbreviated", "format", locale)[m] for m in range(1, 13)
            ],
        },
    }


def vega_locale(lang: str | None = None, currency: str | None = None) -> dict[str, Any]:
    """The Vega-Lite `config.locale` of `lang` (None: the current language) with money in
    `currency` (ISO code; None: euros, as `format_money`)."""
    code = (currency or DEFAULT_CURRENCY).strip().upper() or DEFAULT_CURRENCY
    return _vega_locale(resolve(lang), code)


def has_locale(chart: alt.TopLevelMixin) -> bool:
    """Whether the chart already carries a format locale (set by its builder, which knows the
    data's currency)."""
    config = getattr(chart, "config", alt.Undefined)
    return (
        config is not alt.Undefined
        and getattr(config, "locale", alt.Undefined) is not alt.Undefined
    )


def localized(
    chart: alt.TopLevelMixin, lang: str | None = None, currency: str | None = None
) -> alt.TopLevelMixin:
    """The chart with the format locale of `lang` (None: the current language): axes and
    tooltips use the language's separators, money signs, month and weekday names."""
    spec = vega_locale(lang, currency)
    config = chart.config if chart.config is not alt.Undefined else alt.Config()
    copy = chart.copy(deep=False)
    copy.config = alt.Config(**{**config.to_dict(), "locale": spec})
    return copy


def frame_currency(frame: pd.DataFrame) -> str | None:
    """The one currency of a result frame's `currency` column, or None (none, or several); a
    frame made from a KPI series (growth, lift) carries it in `frame.attrs["currency"]`."""
    if "currency" not in frame.columns:
        code = frame.attrs.get("currency")
        return code.strip() or None if isinstance(code, str) else None
    codes = {str(c).strip() for c in frame["currency"].dropna() if str(c).strip()}
    return codes.pop() if len(codes) == 1 else None


def weekday_names(lang: str | None = None, width: str = "wide") -> list[str]:
    """The seven weekday names of `lang`, Monday first (`poniedziałek` … or `pon.` …)."""
    names = get_day_names(width, "format", cldr_locale(resolve(lang)))
    return [names[i] for i in range(7)]


def month_label(value: dt.date | pd.Timestamp, lang: str | None = None) -> str:
    """A month as an axis category in `lang`: `Mar 26` / `mar 26` (stand-alone short name)."""
    day = value.date() if isinstance(value, pd.Timestamp) else value
    return format_date(day, "LLL yy", locale=cldr_locale(resolve(lang)))


def percent_text(share: float, digits: int = 0, lang: str | None = None) -> str:
    """A share written into a chart's marks as `lang` writes percentages: 12% · 12 % · 12%."""
    locale = cldr_locale(resolve(lang))
    pattern = locale.percent_formats[None].pattern.split(";")[0]
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits)
    return format_percent(round(share, digits + 2), pattern, locale=locale)


def number_text(value: float, lang: str | None = None) -> str:
    """A whole number written into a chart's marks with the separators of `lang`."""
    return format_number(value, 0, lang)
