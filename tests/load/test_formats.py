"""Workbooks (XLSX, XLSM, ODS, SpreadsheetML .xls), JSON, NDJSON and Parquet, and several files
at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pytest
from loadkit import column, column_type, load_one, ods_bytes, only_table, parquet_bytes, xlsx_bytes

from kpi.load import load_files, load_paths

POSTS = [
    ["Date", "Reach", "Rate"],
    [dt.date(2024, 1, 1), 100, 0.5],
    [dt.date(2024, 1, 2), 200, 0.25],
    [dt.date(2024, 1, 3), 300, 0.125],
]
ADS = [["Campaign", "Spend"], ["A", 1.5], ["B", 2.5], ["Total", 4.0]]


@pytest.mark.parametrize("name", ["book.xlsx", "book.xlsm", "book.XLSX"])
def test_xlsx_gives_one_table_per_non_empty_sheet(name: str) -> None:
    data = xlsx_bytes({"Posts": POSTS, "Empty": [], "Ads": ADS, "Blank rows": [[None], [None]]})
    result = load_one(name, data)
    assert result.errors == []
    assert [t.report.sheet for t in result.tables] == ["Posts", "Ads"]
    posts, ads = result.tables
    assert column(posts, "Date") == [dt.date(2024, 1, d) for d in (1, 2, 3)]
    assert column_type(posts, "Date") == "date"
    assert column(posts, "Reach") == [100, 200, 300]
    assert column_type(posts, "Reach") == "integer"
    assert column(posts, "Rate") == [0.5, 0.25, 0.125]
    assert column(ads, "Campaign") == ["A", "B"]
    assert [r.line for r in ads.report.rejected] == [4]  # the sheet row of the totals row
    assert "total" in ads.report.rejected[0].reason.lower()
    assert all(not n.startswith("The name ends") for t in result.tables for n in t.report.notes)


def test_xlsx_title_rows_bad_values_and_sheet_row_numbers() -> None:
    rows = [
        ["Ads report"],
        ["January 2024"],
        [],
        ["Campaign", "Clicks"],
        ["A", 10],
        ["B", 20],
        ["C", "n.a. yet"],
        ["D", 40],
        ["E", 50],
    ]
    table = only_table("ads.xlsx", xlsx_bytes({"Ads": rows}))
    report = table.report
    assert report.header_line == 4
    assert [s.line for s in report.skipped] == [1, 2, 3]
    assert [r.line for r in report.rejected] == [7]
    assert "Clicks" in report.rejected[0].reason and "n.a. yet" in report.rejected[0].raw
    assert column(table, "Clicks") == [10, 20, 40, 50]


def test_xlsx_timestamps_and_percent_cells() -> None:
    rows = [
        ["Published", "Views"],
        [dt.datetime(2024, 3, 1, 9, 30), 5],
        [dt.datetime(2024, 3, 2, 18, 0), 6],
    ]
    table = only_table("yt.xlsx", xlsx_bytes({"Videos": rows}))
    assert column_type(table, "Published") == "timestamp"
    assert column(table, "Published") == [
        dt.datetime(2024, 3, 1, 9, 30),
        dt.datetime(2024, 3, 2, 18),
    ]


def test_xlsx_renamed_csv_loads_as_a_workbook_with_a_note() -> None:
    data = xlsx_bytes({"Posts": POSTS})
    table = only_table("export.csv", data)
    assert column(table, "Reach") == [100, 200, 300]
    assert any("xlsx" in note and ".csv" in note for note in table.report.notes)


def test_ods_gives_one_table_per_non_empty_sheet() -> None:
    data = ods_bytes(
        {
            "Posts": [["Date", "Reach"], ["2024-01-01", 10], ["2024-01-02", 20.5]],
            "Nothing": [],
            "Devices": [
                ["Device", "Users", "Returning"],
                ["desktop", 3, True],
                ["mobile", 4, False],
            ],
        }
    )
    result = load_one("stats.ods", data)
    assert result.errors == []
    assert [t.report.sheet for t in result.tables] == ["Posts", "Devices"]
    posts, devices = result.tables
    assert column(posts, "Date") == [dt.date(2024, 1, 1), dt.date(2024, 1, 2)]
    assert column(posts, "Reach") == [10.0, 20.5]
    assert column(devices, "Users") == [3, 4]
    assert column(devices, "Returning") == [True, False]


SPREADSHEETML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Key Metrics"><Table>
  <Row><Cell><Data ss:Type="String">Date</Data></Cell>
   <Cell><Data ss:Type="String">Lifetime Total Likes</Data></Cell>
   <Cell><Data ss:Type="String">Daily Page Engaged Users</Data></Cell></Row>
  <Row><Cell ss:Index="2"><Data ss:Type="String">Lifetime: The total number of people who have liked your Page.</Data></Cell>
   <Cell><Data ss:Type="String">Daily: The number of people who engaged with your Page.</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">2024-01-01</Data></Cell><Cell><Data ss:Type="Number">100</Data></Cell><Cell><Data ss:Type="Number">7</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">2024-01-02</Data></Cell><Cell><Data ss:Type="Number">103</Data></Cell><Cell><Data ss:Type="Number">9</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">2024-01-03</Data></Cell><Cell><Data ss:Type="Number">104</Data></Cell><Cell><Data ss:Type="Number">4</Data></Cell></Row>
 </Table></Worksheet>
 <Worksheet ss:Name="Empty"><Table/></Worksheet>
</Workbook>
"""


def test_facebook_spreadsheetml_xls_is_read() -> None:
    # a stray invalid UTF-8 byte inside a text, as real exports have
    data = SPREADSHEETML.encode().replace(b"liked your Page.", b"liked your P\xe1ge.")
    table = only_table("facebook.xls", data)
    assert table.report.sheet == "Key Metrics"
    assert [s.line for s in table.report.skipped] == [2]  # the description row
    assert column(table, "Date") == [dt.date(2024, 1, d) for d in (1, 2, 3)]
    assert column(table, "Lifetime Total Likes") == [100, 103, 104]
    assert column(table, "Daily Page Engaged Users") == [7, 9, 4]


RECORDS = [
    {"date": "2024-01-01", "clicks": 1, "ctr": 0.5, "campaign": "A"},
    {"date": "2024-01-02", "clicks": 2, "ctr": 0.25, "campaign": "B"},
    {"date": "2024-01-03", "clicks": 3, "campaign": "C", "extra": {"k": 1}},
]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("array.json", json.dumps(RECORDS)),
        ("wrapped.json", json.dumps({"data": RECORDS, "paging": {"next": None}})),
        ("lines.ndjson", "\n".join(json.dumps(r) for r in RECORDS) + "\n"),
        ("lines.jsonl", "\n\n".join(json.dumps(r) for r in RECORDS)),
    ],
)
def test_json_and_ndjson_records(name: str, text: str) -> None:
    table = only_table(name, text.encode())
    assert table.data.column_names == ["date", "clicks", "ctr", "campaign", "extra"]
    assert column(table, "date") == [dt.date(2024, 1, d) for d in (1, 2, 3)]
    assert column(table, "clicks") == [1, 2, 3]
    assert column_type(table, "clicks") == "integer"
    assert column(table, "ctr") == [0.5, 0.25, None]
    assert column(table, "extra") == [None, None, '{"k": 1}']
    assert table.report.rows_read == 3


def test_ndjson_broken_line_is_rejected_with_its_line_number() -> None:
    lines = [json.dumps(RECORDS[0]), '{"date": "2024-01-02", "clicks":', "", json.dumps(RECORDS[1])]
    table = only_table("events.ndjson", "\n".join(lines).encode())
    report = table.report
    assert report.rows_read == 3
    assert report.rows_loaded == 2
    assert [r.line for r in report.rejected] == [2]
    assert "JSON" in report.rejected[0].reason
    assert report.rejected[0].raw == lines[1]
    assert column(table, "clicks") == [1, 2]


def test_ndjson_bad_value_is_rejected_with_its_line_number() -> None:
    lines = [json.dumps({"day": f"2024-01-0{d}", "clicks": d}) for d in range(1, 6)]
    lines[3] = json.dumps({"day": "2024-01-04", "clicks": "many"})
    table = only_table("events.ndjson", "\n".join(lines).encode())
    assert [r.line for r in table.report.rejected] == [4]
    assert "clicks" in table.report.rejected[0].reason
    assert column(table, "clicks") == [1, 2, 3, 5]


def test_parquet_keeps_its_types_and_reports_them_in_plain_words() -> None:
    source = pa.table(
        {
            "day": pa.array([dt.date(2024, 1, 1), dt.date(2024, 1, 2)]),
            "at": pa.array([dt.datetime(2024, 1, 1, 8), dt.datetime(2024, 1, 2, 9)]),
            "clicks": pa.array([1, 2], pa.int32()),
            "ctr": pa.array([0.5, 0.25]),
            "paid": pa.array([True, False]),
            "campaign": pa.array(["A", "B"]),
        }
    )
    table = only_table("facts.parquet", parquet_bytes(source))
    assert table.data.equals(source)
    assert [c.type for c in table.report.columns] == [
        "date", "timestamp", "integer", "decimal", "bool", "text"
    ]  # fmt: skip
    assert table.report.rows_read == table.report.rows_loaded == 2


def test_several_files_at_once_keep_their_own_reports() -> None:
    result = load_files(
        [
            ("a.csv", b"Date,Clicks\n2024-01-01,1\n2024-01-02,2\n"),
            ("b.xlsx", xlsx_bytes({"Posts": POSTS, "Ads": ADS})),
            ("c.json", json.dumps(RECORDS).encode()),
            ("d.parquet", parquet_bytes(pa.table({"x": [1, 2, 3]}))),
        ]
    )
    assert result.errors == []
    assert [(t.report.file, t.report.sheet) for t in result.tables] == [
        ("a.csv", None),
        ("b.xlsx", "Posts"),
        ("b.xlsx", "Ads"),
        ("c.json", None),
        ("d.parquet", None),
    ]
    assert [t.report.rows_loaded for t in result.tables] == [2, 3, 2, 3, 3]


def test_load_paths_reads_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "a.csv").write_bytes(b"Post,Likes\nx,1\n")
    (tmp_path / "exports" / "b.tsv").write_bytes(b"Post\tLikes\ny\t2\n")
    (tmp_path / "exports" / "notes.md").write_text("not an export")
    (tmp_path / "exports" / "empty.csv").write_bytes(b"")
    single = tmp_path / "c.xlsx"
    single.write_bytes(xlsx_bytes({"S": [["Post", "Likes"], ["z", 3]]}))
    result = load_paths([tmp_path / "exports", single, tmp_path / "missing.csv"])
    assert sorted(t.report.file for t in result.tables) == ["a.csv", "b.tsv", "c.xlsx"]
    assert sorted(e.file for e in result.errors) == ["empty.csv", "missing.csv"]
