"""Delimited text: separators, locale numbers, percentages, money and dates, each with a value
worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from loadkit import column, column_type, csv_bytes, only_table

from kpi.load import load_file

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("name", "data", "delimiter"),
    [
        ("comma.csv", "City,Clicks,Spend\nLyon,1,2.5\nNice,2,3.5\n", "comma"),
        ("semicolon.csv", "City;Clicks;Spend\nLyon;1;2,5\nNice;2;3,5\n", "semicolon"),
        ("tab.tsv", "City\tClicks\tSpend\nLyon\t1\t2.5\nNice\t2\t3.5\n", "tab"),
        ("tab-named.csv", "City\tClicks\tSpend\nLyon\t1\t2.5\nNice\t2\t3.5\n", "tab"),
        ("pipe.txt", "City|Clicks|Spend\nLyon|1|2.5\nNice|2|3.5\n", "pipe"),
        ("excel-hint.csv", "sep=;\nCity;Clicks;Spend\nLyon;1;2,5\nNice;2;3,5\n", "semicolon"),
    ],
)
def test_delimiter_is_detected_and_reported(name: str, data: str, delimiter: str) -> None:
    table = only_table(name, data.encode())
    assert table.report.delimiter == delimiter
    assert table.data.column_names == ["City", "Clicks", "Spend"]
    assert column(table, "City") == ["Lyon", "Nice"]
    assert column(table, "Clicks") == [1, 2]
    assert column(table, "Spend") == [2.5, 3.5]
    assert column_type(table, "Clicks") == "integer"
    assert column_type(table, "Spend") == "decimal"


@pytest.mark.parametrize(
    ("delimiter", "cells", "expected", "decimal", "thousands"),
    [
        (";", ["1.234,56", "2.000,5"], [1234.56, 2000.5], ",", "."),
        (",", ['"1,234.56"', '"2,000.5"'], [1234.56, 2000.5], ".", ","),
        (";", ["1 234,56", "2 000,5"], [1234.56, 2000.5], ",", "."),
        (";", [f"1{NBSP}234,56", f"2{NBSP}000,5"], [1234.56, 2000.5], ",", "."),
        (";", [f"1{NNBSP}234,56", f"2{NNBSP}000,5"], [1234.56, 2000.5], ",", "."),
        (",", ['"1 234,56"', '"12,5"'], [1234.56, 12.5], ",", "."),  # comma decimals, quoted
        (";", ["-1.234,5", "0,25"], [-1234.5, 0.25], ",", "."),
        (",", ["1234.5", "-0.75"], [1234.5, -0.75], ".", ","),
        (",", ["(12.50)", "3.25"], [-12.5, 3.25], ".", ","),  # accounting negative
    ],
)
def test_decimal_and_thousands_separators(
    delimiter: str, cells: list[str], expected: list[float], decimal: str, thousands: str
) -> None:
    rows = [delimiter.join(["Campaign", "Amount"])] + [
        delimiter.join([f"C{i}", c]) for i, c in enumerate(cells)
    ]
    table = only_table("numbers.csv", csv_bytes(*rows))
    assert column(table, "Amount") == pytest.approx(expected)
    assert column_type(table, "Amount") == "decimal"
    assert (table.report.decimal, table.report.thousands) == (decimal, thousands)
    assert table.report.rows_rejected == 0


@pytest.mark.parametrize(
    ("delimiter", "cells", "expected"),
    [
        (";", ["12,5 %", "100 %", "0,5 %"], [0.125, 1.0, 0.005]),
        (";", [f"12,5{NBSP}%", "7 %", "3,25%"], [0.125, 0.07, 0.0325]),
        (",", ["12.5%", "100%", "0.5%"], [0.125, 1.0, 0.005]),
        (",", ['"1,250.5%"', "20%", "0%"], [12.505, 0.2, 0.0]),
    ],
)
def test_percentages_become_fractions(
    delimiter: str, cells: list[str], expected: list[float]
) -> None:
    rows = [delimiter.join(["Post", "Engagement rate"])] + [
        delimiter.join([f"p{i}", c]) for i, c in enumerate(cells)
    ]
    table = only_table("rates.csv", csv_bytes(*rows))
    assert column_type(table, "Engagement rate") == "percent"
    assert column(table, "Engagement rate") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("delimiter", "cells", "expected", "symbol"),
    [
        (",", ["$1,234.50", "$0.99", "$10"], [1234.5, 0.99, 10.0], "$"),
        (";", ["1.234,50 €", "0,99 €", "10 €"], [1234.5, 0.99, 10.0], "€"),
        (";", [f"1 234,50{NBSP}zł", f"0,99{NBSP}zł", "10 zł"], [1234.5, 0.99, 10.0], "zł"),
        (";", ["R$ 1.234,50", "R$ 0,99", "R$ 10,00"], [1234.5, 0.99, 10.0], "R$"),
        (",", ["£3.20", "£1,000.00", "£0.05"], [3.2, 1000.0, 0.05], "£"),
        (",", ["12.00 USD", "3.50 USD", "1.25 USD"], [12.0, 3.5, 1.25], "USD"),
    ],
)
def test_currency_symbols_are_stripped_and_reported(
    delimiter: str, cells: list[str], expected: list[float], symbol: str
) -> None:
    rows = [delimiter.join(["Ad", "Spend"])] + [
        delimiter.join([f"ad{i}", f'"{c}"' if delimiter in c else c]) for i, c in enumerate(cells)
    ]
    table = only_table("spend.csv", csv_bytes(*rows))
    info = next(c for c in table.report.columns if c.name == "Spend")
    assert info.type == "money"
    assert info.detail == symbol
    assert column(table, "Spend") == pytest.approx(expected)


D = dt.date
T = dt.datetime


@pytest.mark.parametrize(
    ("delimiter", "cells", "expected", "type_", "detail"),
    [
        (",", ["2024-03-05", "2024-12-31"], [D(2024, 3, 5), D(2024, 12, 31)], "date", "yyyy-mm-dd"),
        # a day above 12 in the first place decides dd/mm for the whole column
        (",", ["05/03/2024", "13/03/2024"], [D(2024, 3, 5), D(2024, 3, 13)], "date", "dd/mm/yyyy"),
        # a day above 12 in the second place decides mm/dd
        (",", ["03/05/2024", "03/13/2024"], [D(2024, 3, 5), D(2024, 3, 13)], "date", "mm/dd/yyyy"),
        (";", ["05.03.2024", "31.12.2024"], [D(2024, 3, 5), D(2024, 12, 31)], "date", "dd.mm.yyyy"),
        (
            ",",
            ["2021-12-28 16:45 +0000", "2021-12-28 16:45 +01:00"],
            [T(2021, 12, 28, 16, 45), T(2021, 12, 28, 15, 45)],
            "timestamp",
            "converted to UTC",
        ),
        (
            ",",
            ["2021-12-28T16:45:00Z", "2021-12-29T08:00:00-05:00"],
            [T(2021, 12, 28, 16, 45), T(2021, 12, 29, 13, 0)],
            "timestamp",
            "converted to UTC",
        ),
        (
            ",",
            ["13/01/2024 09:30", "14/01/2024 18:05:10"],
            [T(2024, 1, 13, 9, 30), T(2024, 1, 14, 18, 5, 10)],
            "timestamp",
            "dd/mm/yyyy",
        ),
        (
            ",",
            ["01/13/2024 9:30 PM", "01/14/2024 6:05 AM"],
            [T(2024, 1, 13, 21, 30), T(2024, 1, 14, 6, 5)],
            "timestamp",
            "mm/dd/yyyy",
        ),
        # Excel serial day numbers in a column named like a date: 45000 is 2023-03-15
        (",", ["45000", "45001"], [D(2023, 3, 15), D(2023, 3, 16)], "date", "Excel serial"),
    ],
)
def test_dates_and_times(
    delimiter: str, cells: list[str], expected: list[object], type_: str, detail: str
) -> None:
    rows = [delimiter.join(["Date", "Reach"])] + [
        delimiter.join([c, str(i + 1)]) for i, c in enumerate(cells)
    ]
    table = only_table("dates.csv", csv_bytes(*rows))
    info = next(c for c in table.report.columns if c.name == "Date")
    assert info.type == type_
    assert detail in info.detail
    assert column(table, "Date") == expected
    assert column(table, "Reach") == list(range(1, len(cells) + 1))


@pytest.mark.parametrize(
    ("delimiter", "decimal_cell", "expected"),
    [
        (";", "1,5", D(2024, 2, 1)),  # comma-decimal locale: day first
        (",", "1.5", D(2024, 1, 2)),  # dot-decimal locale: month first
    ],
)
def test_ambiguous_day_month_follows_the_locale_and_says_so(
    delimiter: str, decimal_cell: str, expected: dt.date
) -> None:
    rows = [
        delimiter.join(["Date", "Spend"]),
        delimiter.join(["01/02/2024", decimal_cell]),
        delimiter.join(["03/04/2024", "2"]),
    ]
    table = only_table("ambiguous.csv", csv_bytes(*rows))
    assert column(table, "Date")[0] == expected
    info = next(c for c in table.report.columns if c.name == "Date")
    assert "assumed" in info.detail


def test_excel_serials_are_not_read_as_dates_outside_a_date_column() -> None:
    table = only_table("ids.csv", csv_bytes("Post,Impressions", "a,45000", "b,45001"))
    assert column_type(table, "Impressions") == "integer"
    assert column(table, "Impressions") == [45000, 45001]


def test_durations_and_yes_no_columns() -> None:
    table = only_table(
        "video.csv",
        csv_bytes("Video,Watch time,Published", "a,0:01:30,yes", "b,1:00:00,no", "c,12:00:05,yes"),
    )
    assert column_type(table, "Watch time") == "duration"
    assert column(table, "Watch time") == [90, 3600, 43205]
    assert column_type(table, "Published") == "bool"
    assert column(table, "Published") == [True, False, True]


def test_null_tokens_become_empty_cells_not_rejections() -> None:
    table = only_table("nulls.csv", csv_bytes("Post,Clicks", "a,5", "b,-", "c,--", "d,n/a", "e,"))
    assert column(table, "Clicks") == [5, None, None, None, None]
    assert table.report.rows_rejected == 0


def test_ids_with_leading_zeros_stay_text() -> None:
    table = only_table("zip.csv", csv_bytes("Zip,Visits", "01234,3", "98765,4"))
    assert column_type(table, "Zip") == "text"
    assert column(table, "Zip") == ["01234", "98765"]


def test_a_remark_in_a_number_column_reads_as_empty_but_a_broken_value_rejects_the_row() -> None:
    text = (
        "Campaign,Ad set budget,Amount spent (EUR)\n"
        "a,15,420.03\n"
        "b,Using campaign budget,251.53\n"
        "c,8,224.02\n"
        "d,12,10.00\n"
        "e,1O,5.00\n"
    )
    (table,) = load_file("ads.csv", text.encode()).tables
    assert table.report.rows_loaded == 4
    assert [r.line for r in table.report.rejected] == [6]  # "1O" is a mangled number
    assert table.data.column("Amount spent (EUR)").to_pylist()[1] == 251.53
    assert table.data.column("Ad set budget").to_pylist()[1] is None
    assert any("Using campaign budget" in n for n in table.report.notes)


def test_a_no_data_message_is_not_a_row() -> None:
    text = '"Reporting starts","Campaign name","Amount spent (USD)"\n"No data available."\n'
    (table,) = load_file("meta_ads.csv", text.encode()).tables
    assert (table.report.rows_read, table.report.rows_loaded) == (1, 0)
    assert "message" in table.report.rejected[0].reason


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1/1/19", "1/2/19", "1/31/19"], "2019-01-31"),
        (["31/1/19", "1/2/19", "2/2/19"], "2019-01-31"),
    ],
)
def test_two_digit_years_with_slashes(values, expected) -> None:
    text = "Day Index,Sessions\n" + "".join(f"{v},{i}\n" for i, v in enumerate(values))
    (table,) = load_file("ua.csv", text.encode()).tables
    dates = [d.isoformat() for d in table.data.column("Day Index").to_pylist()]
    assert expected in dates
