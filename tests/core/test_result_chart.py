"""The chart under a query result: sensible default columns and a mark that fits the data."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi.charts.results import MAX_BARS, MAX_POINTS, default_axes, result_chart


def test_a_date_column_is_drawn_as_a_line_of_the_first_number():
    frame = pd.DataFrame(
        {
            "platform": ["x", "x"],
            "day": [dt.date(2026, 1, 5), dt.date(2026, 1, 6)],
            "likes": [3, 4],
            "shares": [1.0, 2.0],
        }
    )
    assert default_axes(frame) == ("day", "likes")
    spec = result_chart(frame, "day", "likes").to_dict()
    assert spec["mark"]["type"] == "line"
    assert spec["encoding"]["x"]["type"] == "temporal"


def test_categories_are_bars_largest_first_and_at_most_thirty():
    frame = pd.DataFrame({"tag": [f"t{i}" for i in range(50)], "n": range(50)})
    assert default_axes(frame) == ("tag", "n")
    chart = result_chart(frame, "tag", "n")
    drawn = chart.data
    assert len(drawn) == MAX_BARS
    assert drawn["y"].min() == 50 - MAX_BARS
    assert chart.to_dict()["mark"]["type"] == "bar"


def test_two_numbers_are_points_and_long_results_are_cut_for_the_chart():
    frame = pd.DataFrame({"reach": range(MAX_POINTS + 10), "likes": range(MAX_POINTS + 10)})
    assert default_axes(frame) == ("likes", "reach")
    chart = result_chart(frame, "reach", "likes")
    assert chart.to_dict()["mark"]["type"] == "circle"
    assert len(chart.data) == MAX_POINTS


def test_nothing_to_draw_without_a_number_or_a_second_column():
    assert default_axes(pd.DataFrame({"name": ["a"]})) is None
    assert default_axes(pd.DataFrame({"n": [1]})) is None
    assert default_axes(pd.DataFrame({"flag": [True], "name": ["a"]})) is None


def test_column_names_with_odd_characters_still_draw():
    frame = pd.DataFrame({"a.b [x]": ["p", "q"], "c:d": [1, 2]})
    spec = result_chart(frame, "a.b [x]", "c:d").to_dict()
    assert spec["encoding"]["y"]["title"] == "a.b [x]"


def test_the_value_the_rows_are_sorted_by_is_the_default():
    frame = pd.DataFrame(
        {"platform": ["a", "b", "c"], "posts": [5, 9, 7], "likes": [300, 200, 100]}
    )
    assert default_axes(frame) == ("platform", "likes")
    unsorted = frame.assign(likes=[100, 300, 200])
    assert default_axes(unsorted) == ("platform", "posts")


def test_odd_values_are_drawn_or_refused_with_cannot_chart():
    import math

    import pytest

    from kpi.charts.results import CannotChart
    from kpi.export import chart_svg

    frame = pd.DataFrame(
        {
            "label\x01": ["a\x01", "[1, 2]", None],
            "n": [1.0, math.inf, math.nan],
            "big": pd.Series([2**64 - 1, 1, 2], dtype="uint64"),
            "when": pd.to_datetime(["2026-01-01", "2026-01-02", None], utc=True),
            "text": ["x", "y", "z"],
        }
    )
    for x, y in [("label\x01", "n"), ("big", "n"), ("when", "n"), ("text", "big")]:
        chart = result_chart(frame, x, y)
        assert "\x01" not in chart_svg(chart)  # vl-convert aborted the process on chr(1)
    for x, y in [("text", "text"), ("n", "n"), ("n", "text"), ("missing", "n")]:
        with pytest.raises(CannotChart):
            result_chart(frame, x, y)
    with pytest.raises(CannotChart):
        result_chart(pd.DataFrame([[1, 2]], columns=["a", "a"]), "a", "a")
