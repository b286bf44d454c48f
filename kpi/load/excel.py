"""Workbooks (XLSX, XLSM, XLS, ODS) through calamine: every non-empty sheet becomes a grid,
with its own header detection and exact sheet row numbers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
from python_calamine import CalamineWorkbook

from kpi.errors import FileRefused
from kpi.load.finish import Grid
from kpi.load.layout import find_layout
from kpi.load.report import LoadReport, SkippedLine
from kpi.load.values import NumberStyle

# Decompressed size a workbook may claim before we refuse it as a likely zip bomb.
MAX_UNZIPPED_BYTES = 4 * 1024**3
MAX_UNZIP_RATIO = 200


def cell_text(value: Any) -> str:
    """A cell as the text an export would have written: ISO dates, integers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def _check_zip(file: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile:
        raise FileRefused(file, "the workbook is damaged or cut short. Export it again.") from None
    if total > MAX_UNZIPPED_BYTES or total > MAX_UNZIP_RATIO * max(len(data), 1) + 50_000_000:
        raise FileRefused(
            file,
            f"the workbook unpacks to {total / 1024**2:,.0f} MB, far more than its size suggests "
            "(a zip bomb?). Save it again from Excel or export the data as CSV.",
        )


def read_workbook(file: str, data: bytes, kind: str) -> Iterator[Grid]:
    """Every non-empty sheet of a workbook, one grid each."""
    if kind in ("xlsx", "ods"):
        _check_zip(file, data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own types for damaged or protected files
        message = str(exc).lower()
        if "password" in message or "encrypt" in message:
            raise FileRefused(
                file,
                "the workbook is password-protected. Remove the password in Excel, save a copy "
                "and upload that copy.",
            ) from None
        raise FileRefused(
            file, "the workbook could not be opened (damaged or cut short). Export it again."
        ) from None
    for sheet_name in workbook.sheet_names:
        try:
            rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        except Exception:
            raise FileRefused(
                file,
                f"sheet “{sheet_name}” could not be read (damaged). Export the workbook again.",
            ) from None
        grid = sheet_grid(file, sheet_name, rows)
        if grid is not None:
            yield grid


def sheet_grid(file: str, sheet: str, rows: list[list[Any]]) -> Grid | None:
    """One sheet's rows of cell values as a grid, or None when the sheet holds no table."""
    text_rows = [(i + 1, [cell_text(v) for v in row]) for i, row in enumerate(rows)]
    while text_rows and not any(c.strip() for c in text_rows[-1][1]):
        text_rows.pop()
    if not text_rows:
        return None
    layout = find_layout(text_rows[:200])
    if layout is None:
        return None
    width = len(layout.names)
    data_rows = [
        (line, cells[:width] + [""] * (width - len(cells)))
        for line, cells in text_rows[layout.data_index :]
    ]
    blank = [line for line, cells in data_rows if not any(c.strip() for c in cells)]
    data_rows = [(line, cells) for line, cells in data_rows if any(c.strip() for c in cells)]
    lines = [line for line, _ in data_rows]
    cells = pa.table(
        {f"c{i}": pa.array([r[i] for _, r in data_rows], pa.string()) for i in range(width)}
    )
    report = LoadReport(
        file=file,
        sheet=sheet,
        encoding=None,
        delimiter=None,
        header_line=layout.header_line,
        skipped=[SkippedLine(line, reason, raw) for line, reason, raw in layout.skipped],
    )
    if blank:
        report.notes.append(f"{len(blank)} empty row(s) inside the sheet were skipped.")

    def line_of(ordinals: list[int]) -> dict[int, int]:
        return {o: lines[o] for o in ordinals}

    def raw_of(values: list[str | None]) -> str:
        return " | ".join(v or "" for v in values)

    return Grid(
        cells=cells,
        names=layout.names,
        source_names=layout.source_names,
        report=report,
        line_of=line_of,
        raw_of=raw_of,
        style=NumberStyle(".", ","),
        typed_cells=True,
    )
