"""SpreadsheetML 2003 (XML "workbooks" that Facebook's legacy exports name .xls): no Excel
reader opens them, so read the XML itself, leniently (real files contain invalid UTF-8)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from kpi.errors import FileRefused
from kpi.load.excel import sheet_grid
from kpi.load.finish import Grid

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_spreadsheetml(file: str, data: bytes) -> Iterator[Grid]:
    """Every non-empty worksheet of a SpreadsheetML file, one grid each."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if "<!DOCTYPE" in text[:4096] or "<!ENTITY" in text:
        raise FileRefused(file, "the XML workbook declares entities (unsafe). Export it as CSV.")
    try:
        root = ET.fromstring(_DECLARATION.sub("", text, count=1))
    except ET.ParseError:
        raise FileRefused(
            file, "the XML workbook is damaged or cut short. Download or export it again."
        ) from None
    for sheet in root.iter(f"{_SS}Worksheet"):
        grid = sheet_grid(file, sheet.get(f"{_SS}Name") or "Sheet", _rows(sheet))
        if grid is not None:
            yield grid


def _rows(sheet: ET.Element) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for row in sheet.iter(f"{_SS}Row"):
        index = row.get(f"{_SS}Index")  # 1-based; rows may skip ahead
        while index and len(rows) < int(index) - 1:
            rows.append([])
        cells: list[Any] = []
        for cell in row.iter(f"{_SS}Cell"):
            at = cell.get(f"{_SS}Index")
            while at and len(cells) < int(at) - 1:
                cells.append(None)
            item = cell.find(f"{_SS}Data")
            cells.append(None if item is None else _value(item))
        rows.append(cells)
    return rows


def _value(item: ET.Element) -> Any:
    raw = "".join(item.itertext())
    kind = item.get(f"{_SS}Type", "String")
    try:
        if kind == "Number":
            return float(raw)
        if kind == "DateTime":
            return dt.datetime.fromisoformat(raw.strip().rstrip("Z"))
        if kind == "Boolean":
            return raw.strip() == "1"
    except ValueError:
        pass
    return raw
