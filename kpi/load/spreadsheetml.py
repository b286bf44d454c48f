"""SpreadsheetML 2003 (XML "workbooks" that Facebook's legacy exports name .xls): no Excel
reader opens them, so read the XML itself, leniently (real files contain invalid UTF-8)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from kpi.errors import FileRefused
from kpi.i18n import t
from kpi.load.excel import sheet_grid
from kpi.load.finish import Grid
from kpi.load.limits import check_area, check_columns, check_sheet_count

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_spreadsheetml(file: str, data: bytes) -> Iterator[Grid]:
    """Every non-empty worksheet of a SpreadsheetML file, one grid each."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if "<!DOCTYPE" in text[:4096] or "<!ENTITY" in text:
        raise FileRefused(file, t("load.xml_entities"))
    try:
        root = ET.fromstring(_DECLARATION.sub("", text, count=1))
    except ET.ParseError:
        raise FileRefused(file, t("load.xml_damaged")) from None
    sheets = list(root.iter(f"{_SS}Worksheet"))
    check_sheet_count(file, len(sheets))
    for sheet in sheets:
        name = sheet.get(f"{_SS}Name") or "Sheet"
        grid = sheet_grid(file, name, enumerate(_rows(file, name, sheet), start=1))
        if grid is not None:
            yield grid


def _index(element: ET.Element) -> int | None:
    raw = element.get(f"{_SS}Index")
    return int(raw) if raw and raw.strip().isdigit() else None


def _rows(file: str, name: str, sheet: ET.Element) -> list[list[Any]]:
    # Rows and cells may skip ahead (ss:Index, 1-based): check how far before filling the gap,
    # or a single <Row ss:Index="999999999"> would make a billion empty rows.
    present = sum(1 for _ in sheet.iter(f"{_SS}Cell"))
    rows: list[list[Any]] = []
    for row in sheet.iter(f"{_SS}Row"):
        index = _index(row)
        if index is not None and index - 1 > len(rows):
            check_area(file, name, index, max(1, len(rows[0]) if rows else 1), present)
            rows.extend([] for _ in range(index - 1 - len(rows)))
        cells: list[Any] = []
        for cell in row.iter(f"{_SS}Cell"):
            at = _index(cell)
            if at is not None and at - 1 > len(cells):
                check_columns(file, at, f"sheet “{name}”")
                cells.extend([None] * (at - 1 - len(cells)))
            item = cell.find(f"{_SS}Data")
            cells.append(None if item is None else _value(item))
        check_columns(file, len(cells), f"sheet “{name}”")
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
