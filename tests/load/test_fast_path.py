"""The fast path (DuckDB reads and types the whole file) and the careful path (Python and
Arrow, line by line) give the same tables and the same reports."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from loadkit import assert_consistent
from test_properties import SETTINGS, MessyCsv, messy_csvs

from kpi.load import _loader_connection, fast, load_file

WORDS = ["coffee", "Café crème", "a, b", 'say "hi"', "multi\nline", "one\r\ntwo", "#tag", "x y"]
NULLS = ["", "-", "n/a", "undefined"]


def _both(name: str, data: bytes) -> None:
    quick = load_file(name, data)
    with fast.disabled():
        careful = load_file(name, data)
    assert [e.message for e in quick.errors] == [e.message for e in careful.errors]
    assert len(quick.tables) == len(careful.tables)
    for a, b in zip(quick.tables, careful.tables, strict=True):
        assert_consistent(a)
        assert a.report.rows_read == a.report.rows_loaded + a.report.rows_rejected
        assert a.data.schema == b.data.schema
        assert a.data.to_pylist() == b.data.to_pylist()
        assert a.report.to_dict() == b.report.to_dict()


@st.composite
def plain_csvs(draw: st.DrawFn) -> bytes:
    """Exports the fast path takes: one table, every row as wide as the header."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    crlf = draw(st.booleans())
    decimal = "," if delimiter == ";" and draw(st.booleans()) else "."
    n = draw(st.integers(1, 40))
    rows = [["Date", "Post", "Clicks", "Spend", "Share"]]
    for i in range(n):
        spend = f"{draw(st.integers(0, 10**6)) / 100:.2f}".replace(".", decimal)
        rows.append(
            [
                f"2024-0{1 + i % 9}-{1 + i % 28:02d}" + draw(st.sampled_from(["", " 10:15"])),
                draw(st.sampled_from(WORDS + NULLS)),
                draw(st.sampled_from([str(draw(st.integers(0, 99_999))), *NULLS, "12x"])),
                draw(st.sampled_from([spend, spend, spend, ""])),
                draw(st.sampled_from(["1.5%", "0%", "12.25%", ""])).replace(".", decimal),
            ]
        )
    if draw(st.booleans()):  # a summary row at the top or the bottom
        total = ["Total", "", "", "", ""]
        rows.insert(1, total) if draw(st.booleans()) else rows.append(total)
    title = draw(st.sampled_from(["", "Posts report\n", "# Exported 2024-10-01\n"]))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return (title + out.getvalue()).encode(encoding)


@SETTINGS
@given(plain_csvs())
def test_fast_and_careful_paths_agree_on_plain_exports(data: bytes) -> None:
    _both("posts.csv", data)


@SETTINGS
@given(messy_csvs())
def test_fast_and_careful_paths_agree_on_messy_files(messy: MessyCsv) -> None:
    _both("messy.csv", messy.data)


def test_the_fast_path_really_reads_plain_exports() -> None:
    data = b"Date,Post,Clicks\n" + b"".join(
        f"2024-01-{1 + i % 28:02d},post {i},{i}\n".encode() for i in range(100)
    )
    con = _loader_connection()
    try:
        tables = fast.load_text_fast("posts.csv", data, con)
    finally:
        con.close()
    assert tables is not None and tables[0].report.rows_loaded == 100


def test_files_the_fast_path_cannot_reproduce_go_the_careful_way() -> None:
    con = _loader_connection()
    try:
        for data in (
            b"a,b\n1,2\n3",  # no final line break
            b"a,b\n1,2\n\n3,4\n",  # a blank line
            b"a,b\n1,2\n3,4,5\n",  # a row too long
            b'a,b\n1,"open\n2,3\n',  # a quote never closed
            b"a,b\r1,2\r",  # CR line ends
        ):
            assert fast.load_text_fast("x.csv", data, con) is None, data
    finally:
        con.close()


def _both_workbook(name: str, data: bytes) -> None:
    from kpi.load import excel, excel_fast

    minimum, excel_fast.MIN_BYTES = excel_fast.MIN_BYTES, 0
    try:
        assert excel_fast.read_xlsx_fast(name, data, excel.check_xlsx_sheets(name, data))
        quick = load_file(name, data)
    finally:
        excel_fast.MIN_BYTES = minimum
    before, excel.FASTEXCEL = excel.FASTEXCEL, False
    try:
        careful = load_file(name, data)
    finally:
        excel.FASTEXCEL = before
    assert [e.message for e in quick.errors] == [e.message for e in careful.errors]
    for a, b in zip(quick.tables, careful.tables, strict=True):
        assert a.data.to_pylist() == b.data.to_pylist()
        assert a.data.schema == b.data.schema
        assert a.report.to_dict() == b.report.to_dict()


def test_fastexcel_and_calamine_give_the_same_sheets() -> None:
    import datetime as dt

    from loadkit import xlsx_bytes

    rows = [
        ["Campaign report"],
        [],
        ["Day", "When", "Campaign", "Clicks", "Cost", "Paid", "Note"],
        [dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 10, 15), "A", 12, 1.5, True, "2 140,00"],
        [],
        [dt.date(2024, 1, 3), dt.datetime(2024, 1, 3, 0, 0), "B", 13, 0.25, False, None],
        [dt.date(2024, 1, 4), dt.datetime(2024, 1, 4, 8, 0), None, "n/a", 2, True, "x"],
        ["Total", None, None, 25, 3.75, None, None],
    ]
    _both_workbook("ads.xlsx", xlsx_bytes({"Ads": rows, "Empty": [], "Two": [["a", "b"], [1, 2]]}))


def _big(rows: int, tail: list[str], multiline_at: int | None = None) -> str:
    lines = ["Posts report", "Date,Post,Clicks,Spend"]
    for i in range(rows):
        post = f'"line one\nline two {i}"' if i == multiline_at else f"post {i}"
        lines.append(f"2024-01-{1 + i % 28:02d} 10:{i % 60:02d}:00,{post},{i % 977},{i % 50}.25")
    return "\n".join(lines + tail) + "\n"


@pytest.mark.parametrize(
    ("tail", "multiline_at", "encoding"),
    [
        (["Total,,123,45.50"], None, "utf-8"),  # a summary row far below the sample
        (["Total,,123,45.50"], 60_000, "utf-8"),  # and a quoted line break before it
        (["2024-02-01 10:00:00,late,12x,1.00", "2024-02-02 10:00:00,later,7,-"], None, "utf-8"),
        (["2024-02-01 10:00:00,late,7,1.00"], 10, "utf-16"),
    ],
)
def test_the_paths_agree_beyond_the_sample(
    tail: list[str], multiline_at: int | None, encoding: str
) -> None:
    # Over a megabyte: what the sample did not see (a value that is not a number, a summary
    # row, a line break inside a value) is found in SQL, with the same lines and text.
    _both("big.csv", _big(70_000, tail, multiline_at).encode(encoding))


def test_a_sheet_of_durations_goes_the_careful_way() -> None:
    import datetime as dt

    from loadkit import xlsx_bytes

    # fastexcel writes 1:30:00 as "1899-12-31 01:30:00", 30:00:00 as "1900-01-01 06:00:00"
    rows = [["Day", "Watch time"], [dt.date(2024, 1, 2), dt.timedelta(hours=1.5)]]
    long = [
        ["Day", "Watch time"],
        [dt.date(2024, 1, 2), "x"],
        [dt.date(2024, 1, 3), dt.timedelta(hours=30)],
    ]
    for sheet in (rows, long):
        _careful_for_durations(xlsx_bytes({"Video": sheet}))


def _careful_for_durations(data: bytes) -> None:
    from kpi.load import excel, excel_fast

    minimum, excel_fast.MIN_BYTES = excel_fast.MIN_BYTES, 0
    try:
        extents = excel.check_xlsx_sheets("v.xlsx", data)
        assert excel_fast.read_xlsx_fast("v.xlsx", data, extents) is None
    finally:
        excel_fast.MIN_BYTES = minimum


def test_only_early_dates_look_like_durations() -> None:
    import pyarrow as pa

    from kpi.load.excel_fast import _has_duration

    def has(*values: str | None) -> bool:
        return _has_duration(pa.chunked_array([pa.array(values, pa.string())]))

    assert has("2024-01-02", "1899-12-31 01:30:00")
    assert has("1900-01-01 06:00:00") and has("1900-12-31") and has(None, "1909-05-01")
    assert not has("1905 Main St", "190 likes", "1899", "1910-01-01", "2024-01-02 00:00:00", None)


def test_a_file_many_times_the_reader_buffer_reads_like_the_careful_path(monkeypatch) -> None:
    # Values spanning lines and buffer boundaries, with the buffer made small enough that the
    # file crosses dozens of them (the product's buffer is smaller than DuckDB's default).
    monkeypatch.setattr(fast, "READ_BUFFER_BYTES", 1 << 16)
    data = b"Date,Post,Clicks\n" + b"".join(
        f'2024-01-{1 + i % 28:02d},"post {i}\nsecond line {"x" * (i % 300)}",{i}\n'.encode()
        for i in range(6000)
    )
    assert len(data) > 15 * fast.READ_BUFFER_BYTES
    con = _loader_connection()
    try:
        tables = fast.load_text_fast("posts.csv", data, con)
    finally:
        con.close()
    assert tables is not None and tables[0].report.rows_loaded == 6000
    _both("posts.csv", data)
