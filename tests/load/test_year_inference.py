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
