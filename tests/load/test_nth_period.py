"""GA4's "Nth day / week / month" columns: counts of periods from the report's start date (in
the comment lines above the table) become dates; without a start date they stay numbers and
the load report says why the rows have no dates."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.i18n import use_language
from kpi.load import load_file
from kpi.load.ordinal import ordinal_unit, period_start, start_date
from kpi.mapping import recognise_loaded
from kpi.store import SessionData
from tests.load.loadkit import column, column_type, csv_bytes, load_one, only_table, xlsx_bytes

D = dt.date


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Nth day", "day"),
        ("Nth week", "week"),
        ("Nth month", "month"),
        ("nthDay", "day"),
        ("Día N", "day"),
        ("N.º día", "day"),
        ("N.º semana", "week"),
        ("Enésimo mes", "month"),
        ("N-ty dzień", "day"),
        ("N-ty tydzień", "week"),
        ("N-ty miesiąc", "month"),
        ("N. Tag", "day"),
        ("Enésimo dia", "day"),
        ("Enésima semana", "week"),
        ("Nième jour", "day"),
    ],
)
def test_nth_period_headers_in_many_languages(header, unit):
    assert ordinal_unit(header) == unit


@pytest.mark.parametrize(
    "header",
    ["Date", "Day", "Week", "Day of week", "Día de la semana", "Dzień tygodnia", "N", "Month N week",
     "Sessions", "Nombre del día", "Day Index"],
)  # fmt: skip
def test_other_headers_are_not_period_counts(header):
    assert ordinal_unit(header) is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["----", "Start date: 20260101", "End date: 20260131"], D(2026, 1, 1)),
        (["Fecha de inicio: 20260105", "Fecha de finalización: 20260201"], D(2026, 1, 5)),
        (["Data rozpoczęcia: 20260131", "Data zakończenia: 20260430"], D(2026, 1, 31)),
        (["Startdatum: 20260301"], D(2026, 3, 1)),
        # the end written first and labelled: the other dated line is the start
        (["Ende: 20260331", "Zeitraum 20260301"], D(2026, 3, 1)),
        # a range on one line
        (["Traffic acquisition", "20260201 - 20260228"], D(2026, 2, 1)),
    ],
)
def test_start_date_from_the_lines_above_the_header(lines, expected):
    found = start_date(lines)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    "lines",
    [[], ["Traffic acquisition: Nth day", "All Users"], ["End date: 20260131"]],
)
def test_no_start_date_when_the_lines_do_not_say(lines):
    assert start_date(lines) is None


def test_period_starts_by_hand():
    start = D(2026, 1, 31)
    assert period_start(start, "day", 0) == start
    assert period_start(start, "day", 1) == D(2026, 2, 1)
    assert period_start(start, "week", 2) == D(2026, 2, 14)
    # a month without the 31st: its last day; later months from the start, not chained
    assert period_start(start, "month", 1) == D(2026, 2, 28)
    assert period_start(start, "month", 2) == D(2026, 3, 31)
    assert period_start(start, "month", 11) == D(2026, 12, 31)
    assert period_start(start, "month", 12) == D(2027, 1, 31)
    assert period_start(D(2024, 2, 29), "year", 1) == D(2025, 2, 28)


_PREAMBLE_EN = (
    "# ----------------------------------------",
    "# Traffic acquisition: Nth day",
    "# Account: Example",
    "# Property: Example - GA4",
    "# ----------------------------------------",
    "# ",
    "# All Users",
    "# Start date: 20260128",
    "# End date: 20260202",
)


def test_english_nth_day_becomes_dates_and_the_table_is_dated():
    data = csv_bytes(
        *_PREAMBLE_EN,
        "Nth day,Sessions,Engaged sessions",
        "0000,10,5",
        "0001,12,6",
        "0003,7,3",
        "0005,9,4",
    )
    table = only_table("data-export.csv", data)
    # 28 Jan + 0, 1, 3, 5 days (across the month's end)
    assert column(table, "Nth day") == [
        D(2026, 1, 28),
        D(2026, 1, 29),
        D(2026, 1, 31),
        D(2026, 2, 2),
    ]
    assert column_type(table, "Nth day") == "date"
    assert any("20260128" in n and "Nth day" in n for n in table.report.notes)
    reading = recognise_loaded(table)
    assert reading.dataset == "web_traffic"
    assert reading.mapping["Nth day"] == "date"


def test_spanish_nth_week_is_seven_days_apart():
    data = csv_bytes(
        "# Adquisición de tráfico: N.º semana",
        "# Fecha de inicio: 20260105",
        "# Fecha de finalización: 20260201",
        "N.º semana,Sesiones,Usuarios",
        "0000,70,50",
        "0001,84,60",
        "0002,63,40",
    )
    table = only_table("informe.csv", data)
    assert column(table, "N.º semana") == [D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19)]
    assert recognise_loaded(table).mapping["N.º semana"] == "date"


def test_polish_nth_month_adds_calendar_months():
    data = csv_bytes(
        "# Pozyskiwanie ruchu: N-ty miesiąc",
        "# Data rozpoczęcia: 20251130",
        "# Data zakończenia: 20260228",
        "N-ty miesiąc,Sesje",
        "0000,100",
        "0001,200",
        "0002,300",
    )
    table = only_table("raport.csv", data)
    # 30 Nov, then 30 Dec, then 30 Jan (the year turns)
    assert column(table, "N-ty miesiąc") == [D(2025, 11, 30), D(2025, 12, 30), D(2026, 1, 30)]


def test_each_stacked_table_counts_from_its_own_start_date():
    data = csv_bytes(
        *_PREAMBLE_EN,
        "Nth day,Active users",
        "0000,5",
        "0001,6",
        "",
        "# ----------------------------------------",
        "# Start date: 20260301",
        "# End date: 20260302",
        "Nth day,Sessions",
        "0000,1",
        "0001,2",
    )
    first, second = load_one("snapshot.csv", data).tables
    assert column(first, "Nth day") == [D(2026, 1, 28), D(2026, 1, 29)]
    assert column(second, "Nth day") == [D(2026, 3, 1), D(2026, 3, 2)]


def test_workbook_with_comment_rows_is_dated_too():
    rows = [
        ["# Fecha de inicio: 20260301"],
        ["# Fecha de finalización: 20260303"],
        ["Día N", "Sesiones"],
        ["0000", 4],
        ["0002", 6],
    ]
    table = only_table("informe.xlsx", xlsx_bytes({"Hoja1": rows}))
    assert column(table, "Día N") == [D(2026, 3, 1), D(2026, 3, 3)]


def test_without_a_start_date_the_column_stays_a_number_and_the_report_says_why():
    data = csv_bytes("Nth day,Sessions", "0000,5", "0001,6", "0002,7")
    with use_language("es"):
        table = only_table("nth.csv", data)
    assert column(table, "Nth day") == [0, 1, 2]
    assert column_type(table, "Nth day") == "integer"
    note = next(n for n in table.report.notes if "Nth day" in n)
    assert "fecha de inicio" in note and "días" in note  # in the person's language
    reading = recognise_loaded(table)
    assert reading.dataset == "web_traffic"
    assert reading.mapping["Nth day"] is None  # never a date column of empty dates


def test_a_column_named_so_that_holds_no_counts_is_left_as_read():
    data = csv_bytes("# Start date: 20260101", "Nth day,Sessions", "first,5", "second,6")
    table = only_table("odd.csv", data)
    assert column(table, "Nth day") == ["first", "second"]
    assert table.report.notes == []


def test_daily_sessions_of_a_nth_day_export_by_hand():
    data = csv_bytes(*_PREAMBLE_EN, "Nth day,Sessions", "0000,10", "0001,12", "0002,7", "0004,11")
    session = SessionData()
    try:
        session.add(load_file("data-export.csv", data))
        rows = session.con.execute(
            "SELECT date, sum(sessions) FROM web_traffic GROUP BY date ORDER BY date"
        ).fetchall()
    finally:
        session.close()
    assert rows == [
        (D(2026, 1, 28), 10),
        (D(2026, 1, 29), 12),
        (D(2026, 1, 30), 7),
        (D(2026, 2, 1), 11),
    ]
