"""TikTok-style dates with no year: the year is inferred from the row order and today."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from kpi.load import load_file
from kpi.load.values import infer_years

TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # oldest first across New Year
        (["December 31", "January 1", "March 9"], ["2025-12-31", "2026-01-01", "2026-03-09"]),
        # the last date is after today's day of the year: it was last year
        (["March 20", "March 21"], ["2025-03-20", "2025-03-21"]),
        # newest first, as some exports list them
        (["January 2", "January 1", "December 31"], ["2026-01-02", "2026-01-01", "2025-12-31"]),
        # more than a year, every two months: two wraps
        (
            ["Nov 1", "Jan 1", "Mar 1", "May 1", "Jul 1", "Sep 1", "Nov 1", "Jan 1"],
            [
                "2024-11-01",
                "2025-01-01",
                "2025-03-01",
                "2025-05-01",
                "2025-07-01",
                "2025-09-01",
                "2025-11-01",
                "2026-01-01",
            ],
        ),
        # unreadable cells stay empty, they do not shift the others
        (["Dec 31", None, "Jan 1"], ["2025-12-31", None, "2026-01-01"]),
    ],
)
def test_infer_years(values, expected):
    assert infer_years(values, TODAY) == expected


def test_a_tiktok_overview_gets_dates_and_a_note(monkeypatch):
    monkeypatch.setattr(importlib.import_module("kpi.load.finish"), "today", lambda: TODAY)
    data = (
        '\ufeff"Date","Video Views"\n"December 31","12"\n"January 1","15"\n"January 2","9"'.encode()
    )
    (table,) = load_file("Overview.csv", data).tables
    assert [d.isoformat() for d in table.data.column("Date").to_pylist()] == [
        "2025-12-31",
        "2026-01-01",
        "2026-01-02",
    ]
    assert any("no year" in note for note in table.report.notes)
    assert table.report.columns[0].type == "date"


def test_unordered_dates_each_fall_in_the_year_before_the_bound():
    # a content list sorted by views, not by date
    values = ["Jul 16", "Apr 22", "Feb 27", "Nov 3", "Dec 25", "Jan 8", "Mar 1", "Sep 9"]
    got = infer_years(values, dt.date(2026, 2, 28))
    assert got == [
        "2025-07-16", "2025-04-22", "2026-02-27", "2025-11-03",
        "2025-12-25", "2026-01-08", "2025-03-01", "2025-09-09",
    ]  # fmt: skip


CONTENT_ROWS = [
    ("Jul 16", 5120), ("Apr 22", 880), ("Feb 27", 70), ("Nov 3", 4400), ("Dec 25", 300),
    ("Jan 8", 9100), ("Sep 9", 12), ("Mar 1", 640), ("Aug 30", 77), ("Oct 10", 1500),
]  # fmt: skip


def _content(title: str = "") -> bytes:
    rows = "\n".join(f'"{d}","Video {i}","{v}"' for i, (d, v) in enumerate(CONTENT_ROWS))
    return f'{title}"Post time","Video title","Total views"\n{rows}'.encode()


@pytest.mark.parametrize(
    ("name", "data", "source"),
    [
        ("Content_2026-02-28.csv", _content(), "file name"),
        ("Content.csv", _content("Content\n28 February 2026\n"), "title lines"),
        ("Content.csv", _content("# Start date: 20250301\n# End date: 20260228\n"), "title lines"),
    ],
)
def test_year_inference_is_bounded_by_the_export_date(name, data, source, monkeypatch):
    # today is much later than the export: the export's own date bounds the posts, not today
    monkeypatch.setattr(importlib.import_module("kpi.load.finish"), "today", lambda: TODAY)
    (table,) = load_file(name, data).tables
    dates = table.data.column("Post time").to_pylist()
    assert max(dates) <= dt.date(2026, 2, 28)
    assert min(dates) > dt.date(2025, 2, 28)  # not 2022, as the order-based guess gave
    assert dates[0] == dt.date(2025, 7, 16) and dates[2] == dt.date(2026, 2, 27)
    note = next(n for n in table.report.notes if "no year" in n)
    assert "2026-02-28" in note and source in note


def test_the_newest_dated_row_bounds_the_years(monkeypatch):
    monkeypatch.setattr(importlib.import_module("kpi.load.finish"), "today", lambda: TODAY)
    data = (
        b"Exported,Post time,Views\n2025-11-30,Nov 29,5\n2025-11-30,Nov 30,6\n2025-11-30,Dec 1,9\n"
    )
    (table,) = load_file("content.csv", data).tables
    # Dec 1 cannot be after the export (2025-11-30): the rows wrap back a year
    assert [d.isoformat() for d in table.data.column("Post time").to_pylist()] == [
        "2024-11-29", "2024-11-30", "2024-12-01",
    ]  # fmt: skip
