"""A file cut off mid-row (no final line break, last row short or its last figure a fragment)
has that row rejected and listed; a file that merely lacks the final line break loads whole."""

from __future__ import annotations

import pytest
from loadkit import column, only_table

ROWS = "".join(f"2024-01-{1 + i % 28:02d},post {i},{50_000 + 7 * i}\n" for i in range(30))


@pytest.mark.parametrize(
    ("last", "words"),
    [
        ("2024-01-30,x", "2 of 3 fields"),  # cut inside the row
        ("2024-01-30,x,5", "much shorter"),  # cut inside the last number: 5 of 50 xxx
        ("2024-01-3", "1 of 3 fields"),
    ],
)
def test_a_cut_off_last_line_is_rejected_with_a_reason(last: str, words: str) -> None:
    table = only_table("posts.csv", f"Date,Post,Views\n{ROWS}{last}".encode())
    report = table.report
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (31, 30, 1)
    (rejected,) = report.rejected
    assert rejected.line == 32 and rejected.raw == last
    assert "cut off" in rejected.reason and words in rejected.reason
    assert all(v >= 50_000 for v in column(table, "Views"))


@pytest.mark.parametrize(
    "last",
    [
        "2024-01-30,x,50123",  # complete, only the final line break is missing
        "2024-01-30,x,\n",  # a short row with its line break: padded, as before
        "2024-01-30,x\n",
    ],
)
def test_complete_or_terminated_last_lines_load(last: str) -> None:
    table = only_table("posts.csv", f"Date,Post,Views\n{ROWS}{last}".encode())
    assert table.report.rows_rejected == 0 and table.report.rows_loaded == 31


def test_small_figures_without_a_final_line_break_are_not_fragments() -> None:
    # TikTok Studio writes no final line break; its counts vary in width.
    data = '"Date","Views"\n' + "\n".join(
        f'"2024-01-{d:02d}","{d * 37 % 900}"' for d in range(1, 29)
    )
    table = only_table("overview.csv", data.encode())
    assert table.report.rows_rejected == 0 and table.report.rows_loaded == 28
