"""Numbers a spreadsheet stores as text, in a locale format, are read like CSV text."""

from __future__ import annotations

import pytest
from loadkit import column, column_type, only_table, xlsx_bytes


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2 140,00", "1 000,50", 3], [2140.0, 1000.5, 3.0]),  # space thousands, decimal comma
        (["1.234,56 zł", "0,50 zł", "12,00 zł"], [1234.56, 0.5, 12.0]),  # Polish money
        (["2\u00a0140,00", "7,25", 12.5], [2140.0, 7.25, 12.5]),  # no-break space; a real number
        (["1,234.50", "99.90", 4], [1234.5, 99.9, 4.0]),  # English text numbers still read
    ],
)
def test_text_stored_locale_numbers_in_xlsx(cells: list[object], expected: list[float]) -> None:
    rows = [["Campaign", "Spend"], *[[f"c{i}", v] for i, v in enumerate(cells)]]
    table = only_table("spend.xlsx", xlsx_bytes({"S": rows}))
    assert column(table, "Spend") == expected
    assert column_type(table, "Spend") in ("decimal", "money")
    assert table.report.rows_rejected == 0


def test_text_stored_counts_become_integers() -> None:
    rows = [["Campaign", "Clicks"], ["a", "1 234"], ["b", "12"], ["c", 7]]
    table = only_table("clicks.xlsx", xlsx_bytes({"S": rows}))
    assert column(table, "Clicks") == [1234, 12, 7]
    assert column_type(table, "Clicks") == "integer"
