"""Files that cannot be read give one clear message naming the file and what to do; the other
files still load and nothing raises."""

from __future__ import annotations

import io
import random
import zipfile

import pyarrow as pa
import pytest
from loadkit import encrypted_workbook_bytes, load_one, ods_bytes, parquet_bytes, xlsx_bytes

from kpi.load import load_file, load_files

GOOD = ("good.csv", b"Date,Clicks\n2024-01-01,1\n2024-01-02,2\n")
XLSX = xlsx_bytes({"Posts": [["Date", "Clicks"], ["2024-01-01", 1], ["2024-01-02", 2]]})
# The advice words every message ends with: it must say what to do, not only what went wrong.
ADVICE = ("export", "download", "remove", "split", "unzip", "save", "check", "write", "open")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


BAD_FILES = [
    ("empty.csv", b"", "empty"),
    ("spaces.csv", b"  \n\t\r\n  \n", "empty"),
    ("empty.xlsx", b"", "empty"),
    (
        "random.csv",
        random.Random(7).randbytes(3000) + b"\x00" * 8,
        "binary",
    ),
    ("nul.txt", b"Date,Clicks\n\x00\x00\x00\x01\x02" * 50, "binary"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "PNG"),
    ("report.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("cut.xlsx", XLSX[: len(XLSX) // 2], "damaged or cut short"),
    ("cut.csv", XLSX[: len(XLSX) // 2], "damaged or cut short"),
    ("cut.ods", ods_bytes({"S": [["a", "b"], [1, 2]]})[:200], "damaged or cut short"),
    ("locked.xlsx", encrypted_workbook_bytes(), "password"),
    ("locked.xls", encrypted_workbook_bytes(), "password"),
    ("archive.zip.csv", _zip({"a.csv": b"x,y\n1,2\n"}), "zip"),
    ("cut.parquet", parquet_bytes(pa.table({"x": [1, 2, 3]}))[:-20], "damaged"),
    ("broken.json", b'{"data": [{"a": 1}, {"a": ', "JSON"),
    ("scalar.json", b"42", ""),
    ("titles.csv", b"# only a comment\n# and another\n", "no table"),
    ("doc.xml", b'<?xml version="1.0"?><html><body>hi</body></html>', "XML"),
]


@pytest.mark.parametrize(("name", "data", "word"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gives_one_clear_error(name: str, data: bytes, word: str) -> None:
    result = load_one(name, data)
    assert result.tables == []
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.file == name
    assert word.lower() in error.message.lower()
    assert any(w in error.message.lower() for w in ADVICE), error.message
    assert "Traceback" not in error.message


@pytest.mark.parametrize(("name", "data", "word"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_does_not_stop_the_others(name: str, data: bytes, word: str) -> None:
    result = load_files([GOOD, (name, data), ("also-good.xlsx", XLSX)])
    assert [t.report.file for t in result.tables] == ["good.csv", "also-good.xlsx"]
    assert [e.file for e in result.errors] == [name]


@pytest.mark.parametrize(("data", "limit"), [(GOOD[1], 10), (XLSX, 1000), (b"x" * 2048, 1024)])
def test_file_over_the_size_limit_is_refused_before_reading(data: bytes, limit: int) -> None:
    result = load_file("huge.csv", data, max_bytes=limit)
    assert result.tables == []
    assert [e.file for e in result.errors] == ["huge.csv"]
    message = result.errors[0].message
    assert "limit" in message and "split" in message.lower()
    assert "0 MB" not in message  # a tiny limit is written in bytes, not rounded away


def test_file_at_the_size_limit_loads() -> None:
    result = load_file(*GOOD, max_bytes=len(GOOD[1]))
    assert result.errors == []
    assert result.tables[0].report.rows_loaded == 2


def test_header_only_file_is_an_empty_table_not_an_error() -> None:
    result = load_one("header.csv", b"Date,Clicks\n")
    assert result.errors == []
    assert result.tables[0].data.column_names == ["Date", "Clicks"]
    assert result.tables[0].report.rows_read == 0
