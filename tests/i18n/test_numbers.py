"""Numbers, money, percentages and dates in English, Spanish and Polish, written out by hand from
CLDR's rules: Spanish groups with a point and puts `€` and `%` after a no-break space; Polish
groups with a no-break space (U+00A0) and writes the złoty `zł`."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.i18n import (
    currency_symbol,
    format_change,
    format_count,
    format_date,
    format_money,
    format_number,
    format_value,
)

NBSP = "\u00a0"  # CLDR's Spanish and Polish space before a currency or percent sign


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("en", 1234.5, "1,234.5"),
        ("es", 1234.5, "1.234,5"),
        ("pl", 1234.5, f"1{NBSP}234,5"),
        ("en", -1234567.25, "-1,234,567.2"),  # .25 is exact in binary: half to even
        ("es", -1234567.25, "-1.234.567,2"),
        ("pl", -1234567.25, f"-1{NBSP}234{NBSP}567,2"),
    ],
)
def test_plain_numbers_use_each_language_s_separators(lang, value, shown):
    assert format_number(value, 1, lang) == shown


@pytest.mark.parametrize(
    ("lang", "amount", "currency", "shown"),
    [
        ("en", 1234.5, "EUR", "€1,234.50"),
        ("es", 1234.5, "EUR", f"1.234,50{NBSP}€"),
        ("pl", 1234.5, "EUR", f"1{NBSP}234,50{NBSP}€"),
        ("en", 1234.5, "PLN", "1,234.50 PLN"),  # CLDR's English and Spanish write the code
        ("es", 1234.5, "PLN", f"1.234,50{NBSP}PLN"),
        ("pl", 1234.5, "PLN", f"1{NBSP}234,50{NBSP}zł"),
        ("en", 1234.5, "USD", "$1,234.50"),
        ("es", 1234.5, "USD", f"1.234,50{NBSP}US$"),
        ("pl", 1234.5, "USD", f"1{NBSP}234,50{NBSP}USD"),  # CLDR's Polish: USD, never $
        ("en", -1234.5, "EUR", "-€1,234.50"),
        ("es", -1234.5, "EUR", f"-1.234,50{NBSP}€"),
        ("pl", -1234.5, "PLN", f"-1{NBSP}234,50{NBSP}zł"),
        ("en", 1234.5, "COP", "1,234.50 COP"),  # no sign of its own: the code, after
        ("pl", 1234.5, "COP", f"1{NBSP}234,50{NBSP}COP"),
        ("en", 99.0, None, "€99.00"),  # no currency in the data: euros, as the sample's
        ("en", -0.001, "EUR", "€0.00"),  # rounds to zero: no minus sign
    ],
)
def test_money_in_each_language_and_currency(lang, amount, currency, shown):
    assert format_money(amount, currency, lang) == shown


@pytest.mark.parametrize(
    ("lang", "value", "currency", "shown"),
    [
        ("en", 1234.0, "EUR", "€1,234"),  # from 100 up, whole units
        ("es", 1234.0, "EUR", f"1.234{NBSP}€"),
        ("pl", 1234.0, "PLN", f"1{NBSP}234{NBSP}zł"),
        ("en", 12.5, "GBP", "£12.50"),
        ("es", 12.5, "GBP", f"12,50{NBSP}GBP"),  # Spanish CLDR writes the pound as GBP
        ("pl", -12.5, "EUR", f"-12,50{NBSP}€"),
    ],
)
def test_currency_kpis_round_to_whole_units_from_a_hundred(lang, value, currency, shown):
    assert format_value(value, "currency", lang, currency) == shown


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("en", 1234.5, "1,234"),  # from 100 up a count is whole (1234.5 rounds half to even)
        ("es", 1234.5, "1.234"),
        ("pl", 1234.5, f"1{NBSP}234"),
        ("en", 12.34, "12.34"),
        ("es", 12.34, "12,34"),
        ("pl", -12.34, "-12,34"),
        ("en", 12345.0, "12.3k"),
        ("es", 12345.0, f"12,3{NBSP}k"),
        ("pl", -1234567.0, f"-1,2{NBSP}mln"),
        ("pl", 12345.0, f"12,3{NBSP}tys."),
        ("en", 2.345, "2.35"),  # the float 2.345 is just above: rounds up, as Python's format
    ],
)
def test_counts_and_decimals(lang, value, shown):
    assert format_value(value, "count", lang) == shown


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("en", 0.125, "12.5%"),
        ("es", 0.125, f"12,5{NBSP}%"),
        ("pl", 0.125, "12,5%"),
        ("en", -0.042, "-4.2%"),
        ("es", -0.042, f"-4,2{NBSP}%"),
        ("en", 12.345, "1,234.5%"),
        ("pl", 12.345, f"1{NBSP}234,5%"),
    ],
)
def test_percentages(lang, value, shown):
    assert format_value(value, "percent", lang) == shown


@pytest.mark.parametrize(
    ("lang", "change", "kind", "shown"),
    [
        ("en", 0.125, "count", "+12.5%"),
        ("es", 0.125, "count", f"+12,5{NBSP}%"),
        ("pl", -0.125, "currency", "-12,5%"),
        ("en", 0.015, "percent", "+1.5 pp"),  # a rate's change is in percentage points
        ("es", -0.015, "percent", f"-1,5{NBSP}pp"),
        ("en", 0.0, "count", "+0.0%"),
    ],
)
def test_changes_are_signed(lang, change, kind, shown):
    assert format_change(change, kind, lang) == shown


def test_no_change_and_no_value():
    assert format_change(None, "count", "es") is None
    assert format_value(None, "count", "pl") == "—"


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "10,000"), ("es", "10.000"), ("pl", f"10{NBSP}000")]
)
def test_exact_counts_are_never_shortened(lang, shown):
    assert format_count(10_000, lang) == shown


@pytest.mark.parametrize(
    ("lang", "day", "shown"),
    [
        ("en", dt.date(2026, 3, 3), "3 Mar 2026"),
        ("es", dt.date(2026, 3, 3), "3 mar 2026"),
        ("pl", dt.date(2026, 3, 3), "3 mar 2026"),
        ("en", dt.date(2026, 12, 24), "24 Dec 2026"),
        ("es", dt.date(2026, 12, 24), "24 dic 2026"),
        ("pl", dt.date(2026, 12, 24), "24 gru 2026"),
    ],
)
def test_dates(lang, day, shown):
    assert format_date(day, lang) == shown


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [(2.5, "ratio", "2.50×"), (3725.0, "duration", "1h 02m"), (65.0, "duration", "1m 05s")],
)
def test_ratios_and_durations_in_english(value, kind, shown):
    assert format_value(value, kind) == shown


def test_ratio_in_polish_uses_the_decimal_comma():
    assert format_value(2.5, "ratio", "pl") == "2,50×"


def test_currency_signs():
    assert currency_symbol("PLN", "en") == "PLN"  # CLDR's English has no sign for the złoty
    assert currency_symbol("PLN", "pl") == "zł"
    assert currency_symbol("USD", "pl") == "USD"  # nor Polish for the dollar: not `$`
    assert currency_symbol("GBP", "es") == "GBP"
    assert currency_symbol("USD", "es") == "US$"
    assert currency_symbol("usd", "en") == "$"
    assert currency_symbol("**X**", "en") == "**X**"  # not a currency: as the file wrote it


def test_an_unknown_language_is_formatted_as_english():
    assert format_value(1234.5, "currency", "xx", "EUR") == "€1,234"
    assert format_date(dt.date(2026, 3, 3), "xx") == "3 Mar 2026"


def test_values_no_float_format_refuses_are_shown_not_raised():
    # Babel rounds in a 28-digit decimal context and cannot round infinities: a query asking
    # for 1e30 characters, or a ratio over zero, must still read as a number.
    assert format_number(1e30, 0) == "1" + ",000" * 10
    assert format_number(float("inf"), 0) == "∞"
    assert format_value(float("-inf"), "percent") == "-∞"
    assert format_value(float("nan"), "count") == "—"
    assert format_change(1e30, "count") == "+100" + ",000" * 10 + ".0%"


# Where the currency's sign is the language's own in CLDR, money is exactly what CLDR's standard
# currency pattern gives, negatives included (CLDR puts the minus before the sign in English:
# -€1,234.50, and before the number in Spanish and Polish: -1.234,50 €).
@pytest.mark.parametrize(
    ("lang", "currency"),
    [("en", "EUR"), ("en", "USD"), ("es", "EUR"), ("es", "USD"), ("pl", "EUR"), ("pl", "PLN")],
)
@pytest.mark.parametrize("amount", [-1234.5, -0.5, 0.0, 1234567.891])
def test_money_is_what_cldr_writes(lang, currency, amount):
    from babel.numbers import format_currency

    assert format_money(amount, currency, lang) == format_currency(amount, currency, locale=lang)


@pytest.mark.parametrize(
    ("lang", "amount", "currency", "shown"),
    [
        ("en", -1234.0, "EUR", "-€1,234"),  # a KPI from 100 up: whole units, CLDR's minus first
        ("en", -1234.0, "USD", "-$1,234"),
        ("en", -1234.0, "PLN", "-1,234 PLN"),
        ("es", -1234.0, "EUR", f"-1.234{NBSP}€"),
        ("es", -1234.0, "USD", f"-1.234{NBSP}US$"),
        ("es", -1234.0, "PLN", f"-1.234{NBSP}PLN"),
        ("pl", -1234.0, "USD", f"-1{NBSP}234{NBSP}USD"),
        ("pl", -1234.0, "PLN", f"-1{NBSP}234{NBSP}zł"),
        ("pl", -1234.0, "EUR", f"-1{NBSP}234{NBSP}€"),
        ("pl", -12.5, "PLN", f"-12,50{NBSP}zł"),
        ("es", -12.5, "USD", f"-12,50{NBSP}US$"),
        ("en", -12.5, "USD", "-$12.50"),
    ],
)
def test_negative_money_kpis_in_each_language_and_currency(lang, amount, currency, shown):
    assert format_value(amount, "currency", lang, currency) == shown


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("pl", -0.042, "-4,2%"),
        ("en", 0.0, "0.0%"),
        ("es", 1.0, f"100,0{NBSP}%"),
        ("pl", -12.345, f"-1{NBSP}234,5%"),
        ("es", -0.5, f"-50,0{NBSP}%"),
    ],
)
def test_more_percentages(lang, value, shown):
    assert format_value(value, "percent", lang) == shown
