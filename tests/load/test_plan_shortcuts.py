"""Planning's shortcuts (plain-digit columns, each figure parsed once, values without a
separator skipped when judging the number style) decide exactly what the value-by-value
reading decides."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from kpi.load import plan
from kpi.load.values import (
    _UNAMBIGUOUS_COMMA,
    _UNAMBIGUOUS_DOT,
    NumberStyle,
    detect_number_style,
    strip_number_decoration,
)

STYLES = [NumberStyle(".", ","), NumberStyle(",", ".")]
NAMES = ["Impressions", "Post ID", "Date", "zip code", "Spend"]
# Digits of every kind the shortcut must tell apart: plain, leading zeros, too long for an
# integer, other scripts' digits, signs, decimals, thousands, remarks, dates, Excel serials.
CELLS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(20000, 80000).map(str),
    st.from_regex(r"0[0-9]{0,3}", fullmatch=True),
    st.sampled_from(["0", "1", "007", "0012", "1234567890123456", "٣٤", "+5", "-3", "1.5"]),
    st.sampled_from(["1,234", "12%", "€ 5", "Using campaign budget", "2024-01-02", "yes"]),
    # plain decimals and near misses of them
    st.from_regex(r"[+-]?[0-9]{1,4}\.[0-9]{1,3}", fullmatch=True),
    st.sampled_from(["0.5", "00.5", "-0.25", "1.", ".5", "1e5", "1.2.3", "4.63 ", "٣.5"]),
)


def _slow(monkeypatch: pytest.MonkeyPatch, *args: object) -> plan.ColumnPlan:
    with monkeypatch.context() as m:
        m.setattr(plan, "_all_digits", lambda values: False)
        m.setattr(plan, "_plain_decimals", lambda values, style: False)
        return plan.plan_column(*args)  # type: ignore[arg-type]


@SETTINGS
@given(
    values=st.lists(CELLS, min_size=1, max_size=40),
    name=st.sampled_from(NAMES),
    style=st.sampled_from(STYLES),
    typed=st.booleans(),
)
def test_the_shortcuts_plan_as_the_value_by_value_reading(
    values: list[str], name: str, style: NumberStyle, typed: bool
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        slow = _slow(monkeypatch, name, values, style, typed)
    assert plan.plan_column(name, values, style, typed) == slow


@pytest.mark.parametrize(
    "values",
    [
        ["007", "12", "5"],
        ["01"],
        ["0", "1", "0"],
        ["0", "10", "0"],
        ["45000", "45001", "45002"],
        ["1", "2", "x"],
        ["1234567890123456", "1"],
        ["٣", "1", "2"],
        ["4.63", "0.5", "12"],
        ["4.00", "5.0", "6"],
        ["0.5", "01.5"],
        ["45000.0", "45001", "45002.0"],
        ["+1.5", "-2.25", "3"],
        ["1.5", "2.5", "x"],
    ],
)
@pytest.mark.parametrize("name", ["Impressions", "Date", "Post ID"])
def test_the_shortcuts_plan_these_as_the_value_by_value_reading(
    values: list[str], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for style in STYLES:
        for typed in (False, True):
            slow = _slow(monkeypatch, name, values, style, typed)
            assert plan.plan_column(name, values, style, typed) == slow


@pytest.mark.parametrize(
    ("values", "digits"),
    [
        (["1", "22", "333"], True),
        (["123456789012345"], True),
        (["1234567890123456"], False),  # longer than an integer the parser reads as it is
        (["1", "٣"], False),  # a digit of another script
        (["1", "-2"], False),
        (["1", ""], False),
        ([], False),
    ],
)
def test_plain_digits_are_ascii_digits_of_at_most_15(values: list[str], digits: bool) -> None:
    assert plan._all_digits(values) is digits


def _style_value_by_value(values: list[str], delimiter: str | None) -> NumberStyle:
    """`detect_number_style` without its skip of values that hold no separator."""
    comma = dot = 0
    for value in values:
        body, _, _ = strip_number_decoration(value)
        if _UNAMBIGUOUS_COMMA.match(body):
            comma += 1
        elif _UNAMBIGUOUS_DOT.match(body):
            dot += 1
    if comma > dot or (comma == dot == 0 and delimiter == ";"):
        return NumberStyle(decimal=",", thousands=".")
    return NumberStyle(decimal=".", thousands=",")


FIGURES = st.one_of(
    st.from_regex(
        r"[(+-]?[€$]?\s?[0-9]{1,7}([., \u00a0][0-9]{1,4}){0,2}\s?[%)]?(zł| PLN)?", fullmatch=True
    ),
    st.sampled_from(
        ["1,5", "1.5", "1.234,56", "1,234.56", "12 345,6", "(3.50)", "€ 2,5", "n/a", "x"]
    ),
)


@SETTINGS
@given(values=st.lists(FIGURES, max_size=30), delimiter=st.sampled_from([",", ";", None]))
def test_the_number_style_skips_only_values_that_cannot_decide(
    values: list[str], delimiter: str | None
) -> None:
    assert detect_number_style(values, delimiter) == _style_value_by_value(values, delimiter)


@pytest.mark.parametrize(
    ("values", "plain"),
    [
        (["4.63", "-12", "+0.5", "7"], True),
        (["1."], False),
        ([".5"], False),
        (["1.5 "], False),  # a space: stripped by the decoration reader, not plain
        (["1,5"], False),
        (["1e5"], False),
        (["٣.5"], False),  # a digit of another script
        (["1.5", ""], False),
        ([], False),
    ],
)
def test_plain_decimals_are_ascii_with_a_sign_and_a_point(values: list[str], plain: bool) -> None:
    assert plan._plain_decimals(values, NumberStyle(".", ",")) is plain
    assert plan._plain_decimals(values, NumberStyle(",", ".")) is False


@SETTINGS
@given(values=st.lists(CELLS, min_size=1, max_size=40), style=st.sampled_from(STYLES))
def test_plain_decimals_read_as_the_value_by_value_reading_reads_them(
    values: list[str], style: NumberStyle
) -> None:
    """What the shortcut assumes of a plain decimal, checked against the plain definitions."""
    if plan._plain_decimals(values, style):
        for v in values:
            assert not plan.REMARK.match(v)
            for typed in (False, True):
                assert plan._parse_figure(v, style, typed) == float(v)
            assert strip_number_decoration(v) == (v, False, "")
    if plan._all_digits(values) or plan._plain_decimals(values, style):
        slow = any(plan._LEADING_ZERO.match(v) for v in values)
        assert plan._leading_zero(values, True) is slow
