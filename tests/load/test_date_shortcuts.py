"""Planning's date shortcuts (each distinct sampled value parsed once, strptime tried only
where a format's digit outline matches) pick exactly the formats the value-by-value strptime
loop picks."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from kpi.load import plan
from kpi.load.values import DATE_LAYOUTS, LAYOUTS_BY_NAME

ALL_FORMATS = sorted(
    {d + t + z for parts in plan._DATE_PARTS.values() for d in parts
     for t in plan._TIMES for z in plan._ZONES}
)  # fmt: skip
EDGE_TEXTS = [
    "2024-02-30", "2024-13-01", "2024-1-5", "2024-01- 5", "2024-01-05  10:00",
    "2024-01-05 10:00 +01:00", "2024-01-05 10:00+0100", "2024-01-05 10:00 z",
    "2024-01-05 10:00:00.1234567", "٢٠٢٤-٠١-٠٥", "05/01/2024 10:00 PM", "5/1/24",
    "20240105", "Jan 5, 2024", "5 January 2024", "Total", "", "2024-01-05 24:00",
    "31.12.2024 23:59", "12-31-2024", "2024/01/05 10:00:61", "2024-01-05 10:00:60",
    "2024-01-05 10:00:00+01:00:30.5", "2024-01-05\u00a010:00", "2024-01-05 1:5", "2024-01-05 10:0:5",
]  # fmt: skip
# Texts near every layout: the layouts' own patterns, impossible days and months, stray
# spaces, other scripts' digits, offsets, AM/PM, lower-case zones, text.
TEXTS = st.one_of(
    *(st.from_regex(layout.regex, fullmatch=True) for layout in DATE_LAYOUTS),
    st.from_regex(
        r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?",
        fullmatch=True,
    ),
    st.sampled_from(EDGE_TEXTS),
    st.text(alphabet="0123456789-/:. +ZAPM", max_size=25),
)


def _first_by_strptime(text: str, candidates: list[str]) -> str | None:
    for fmt in candidates:
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return fmt
    return None


def _formats_value_by_value(layout_name: str, values: list[str]) -> list[str]:
    """`_date_formats` as defined: strptime over every candidate for each of the first 300."""
    candidates = [d + t + z for d in plan._DATE_PARTS[layout_name] for t in plan._TIMES
                  for z in plan._ZONES]  # fmt: skip
    used: Counter[str] = Counter()
    for value in values[:300]:
        fmt = _first_by_strptime(plan._normalise_date_text(value), candidates)
        if fmt is not None:
            used[fmt] += 1
    return [f for f, _ in used.most_common()] or candidates


def _check_outlines(text: str) -> None:
    for fmt in ALL_FORMATS:
        outline = plan._format_outline(fmt)
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        assert outline is None or outline.fullmatch(text), (text, fmt)


@SETTINGS
@given(text=TEXTS)
def test_a_format_strptime_reads_a_text_with_has_an_outline_that_matches_it(text: str) -> None:
    _check_outlines(text)


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_the_outlines_hold_on_the_edge_cases(text: str) -> None:
    _check_outlines(text)


@SETTINGS
@given(
    values=st.lists(
        st.one_of(TEXTS, st.sampled_from(["2024-01-05", "2024-01-05 10:00"])), max_size=40
    ),
    layout=st.sampled_from(sorted(plan._DATE_PARTS)),
)
def test_the_formats_are_those_the_value_by_value_loop_finds(
    values: list[str], layout: str
) -> None:
    found = plan._date_formats(LAYOUTS_BY_NAME[layout], values)
    assert found == _formats_value_by_value(layout, values)


@pytest.mark.parametrize(
    ("fmt", "text", "matches"),
    [
        ("%Y-%m-%d %H:%M:%S", "2024-01-05 10:00:00", True),
        ("%Y-%m-%d %H:%M:%S", "2024-01-05 10:00", False),
        ("%Y-%m-%d %H:%M", "2024-01-05\t 10:00", True),  # any white space, as strptime
        ("%Y-%m-%d%z", "2024-01-05+01:00", True),
        ("%Y-%m-%d%z", "2024-01-05z", True),  # letters in any case: more than strptime reads
        ("%d.%m.%Y", "5.1.2024", True),
        ("%b %d, %Y", "Jan 5, 2024", None),  # month names depend on the locale: no outline
        ("%I:%M %p", "10:00 PM", None),
    ],
)
def test_outlines(fmt: str, text: str, matches: bool | None) -> None:
    outline = plan._format_outline(fmt)
    if matches is None:
        assert outline is None
    else:
        assert bool(outline and outline.fullmatch(text)) is matches


def test_repeated_dates_are_counted_as_often_as_they_occur() -> None:
    """Distinct values parsed once still weigh as many times as they are sampled: the format
    of the 299 date-only values comes first, then the one of the single timestamp."""
    values = ["2024-01-05 10:00"] + ["2024-01-05"] * 299 + ["2024-01-06 11:00"] * 50
    assert plan._date_formats(LAYOUTS_BY_NAME["yyyy-mm-dd"], values)[:2] == [
        "%Y-%m-%d",
        "%Y-%m-%d %H:%M",
    ]
