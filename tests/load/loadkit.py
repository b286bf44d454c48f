"""Helpers for the loader tests: tiny in-memory workbooks, ODS, Parquet and an encrypted OLE2
file, plus the bookkeeping checks every loaded table must pass."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from kpi.load import LoadedTable, LoadResult, load_file

Sheets = dict[str, Sequence[Sequence[Any]]]


def xlsx_bytes(sheets: Sheets) -> bytes:
    """An .xlsx workbook with one sheet per entry (an empty list gives an empty sheet)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ods_cell(value: Any) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
            f"<text:p>{str(value).upper()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods_bytes(sheets: Sheets) -> bytes:
    """A minimal OpenDocument spreadsheet (mimetype stored first, as the format requires)."""
    tables = "".join(
        f'<table:table table:name="{escape(title)}">'
        + "".join(
            "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for title, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def parquet_bytes(table: pa.Table) -> bytes:
    """A Parquet file holding `table`."""
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _dir_entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour (black)
        + struct.pack("<III", _FREE, right, child)  # left sibling, right sibling, child
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def encrypted_workbook_bytes() -> bytes:
    """A well-formed OLE2 compound file shaped like an Office file saved with a password:
    streams "EncryptionInfo" and "EncryptedPackage" (4 KiB each, so they live in normal sectors).
    Layout: sector 0 = FAT, sector 1 = directory, sectors 2-9 and 10-17 = the two streams."""
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0, 0)
    )
    header += struct.pack("<I", _FREE) * 108  # the rest of the header's DIFAT
    assert len(header) == 512
    fat = [_FATSECT, _END, *range(3, 10), _END, *range(11, 18), _END]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", _FREE) * (128 - len(fat))
    directory = (
        _dir_entry("Root Entry", 5, 1, _FREE, _END, 0)
        + _dir_entry("EncryptionInfo", 2, _FREE, 2, 2, 4096)
        + _dir_entry("EncryptedPackage", 2, _FREE, _FREE, 10, 4096)
        + b"\0" * 128
    )
    return header + fat_sector + directory + b"\x04" * 4096 + b"\x5a" * 4096


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    """Lines joined by newlines (with a final one), encoded."""
    return ("\n".join(lines) + "\n").encode(encoding)


def column(table: LoadedTable, name: str) -> list[Any]:
    """One column of a loaded table as Python values."""
    return table.data.column(name).to_pylist()


def column_type(table: LoadedTable, name: str) -> str:
    """The report's type word for a column."""
    return next(c.type for c in table.report.columns if c.name == name)


def load_one(name: str, data: bytes, **kwargs: Any) -> LoadResult:
    """Load a file, checking the report's basic bookkeeping on every table it gives."""
    result = load_file(name, data, **kwargs)
    for table in result.tables:
        assert_consistent(table)
    return result


def only_table(name: str, data: bytes) -> LoadedTable:
    """The single table a good file must give (no file errors)."""
    result = load_one(name, data)
    assert result.errors == [], result.errors
    assert len(result.tables) == 1, [t.label for t in result.tables]
    return result.tables[0]


def assert_consistent(table: LoadedTable) -> None:
    """rows_read = rows_loaded + rows_rejected, and the table holds exactly the loaded rows."""
    report = table.report
    assert report.rows_read == report.rows_loaded + report.rows_rejected
    assert table.data.num_rows == report.rows_loaded
    lines = [r.line for r in report.rejected]
    assert len(set(lines)) == len(lines), f"two rejected rows share a line: {lines}"
    assert all(line > (report.header_line or 0) for line in lines)
    assert [c.name for c in report.columns] == table.data.column_names
    assert {c.type for c in report.columns} <= {
        "integer", "decimal", "percent", "money", "date", "timestamp", "duration", "bool", "text"
    }  # fmt: skip
