"""Workbooks (XLSX, XLSM, XLSB, XLS, ODS) through calamine: every non-empty sheet becomes a grid,
with its own header detection and exact sheet row numbers.

Before calamine sees a workbook, its zip directory and its sheets' cell references are checked
against the limits in `kpi.load.limits`, so a small hostile file cannot exhaust the server."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
from python_calamine import CalamineSheet, CalamineWorkbook

from kpi.errors import FileRefused
from kpi.i18n import format_count, t
from kpi.load import limits
from kpi.load.excel_fast import read_xlsx_fast, start_reading
from kpi.load.finish import Grid
from kpi.load.grids import sheet_table_grid
from kpi.load.layout import find_layout
from kpi.load.limits import check_area, check_columns, check_sheet_count
from kpi.load.sheet_xml import cell_extent
from kpi.settings import settings

SheetRows = Iterable[tuple[int, list[Any]]]  # (sheet row number, cell values)

# XLSX sheets are read through fastexcel when it is installed (see excel_fast); tests compare.
FASTEXCEL = True
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
    """Refuse a likely zip bomb from the sizes the archive declares (before any unpacking).

    Declared sizes are an honest bound: Python's zipfile and calamine both stop and fail when a
    member unpacks to more than its declared size (the corpus's lying_zip_sizes.xlsx and
    lying_styles.xlsx, in tests/robustness)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile:
        raise FileRefused(file, t("load.workbook_damaged")) from None
    if total > MAX_UNZIPPED_BYTES or total > MAX_UNZIP_RATIO * max(len(data), 1) + 50_000_000:
        raise FileRefused(
            file,
            t("load.zip_bomb", mb=format_count(round(total / 1024**2))),
        )


def read_workbook(file: str, data: bytes, kind: str) -> Iterator[Grid]:
    """Every non-empty sheet of a workbook, one grid each.

    XLSX is checked from its own XML first, then read here; XLS, XLSB and ODS are read in a
    child process (see `calamine_child`), where a hostile file can only end that process."""
    if kind in ("xlsx", "xlsb", "ods"):
        _check_zip(file, data)
    if kind == "xlsx":
        # fastexcel reads in a child process of its own while the XML is checked here
        reading = start_reading(data) if FASTEXCEL else None
        try:
            extents = check_xlsx_sheets(file, data)
            fast = read_xlsx_fast(file, data, extents, reading) if reading else None
        finally:
            if reading is not None:
                reading.close()
        if fast is not None:
            yield from fast
            return
    sheets = _read_xlsx(file, data) if kind == "xlsx" else _read_isolated(file, data)
    for sheet_name, rows in sheets:
        grid = sheet_grid(file, sheet_name, rows)
        if grid is not None:
            yield grid


def _calamine_failure(exc: BaseException) -> bool:
    """calamine's errors, and Rust panics, which pyo3 raises as PanicException (a BaseException)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _refused_workbook(file: str, message: str) -> FileRefused:
    if "password" in message.lower() or "encrypt" in message.lower():
        return FileRefused(file, t(_PASSWORD))
    return FileRefused(file, t("load.workbook_unopenable"))


_PASSWORD = "load.password"  # a catalog key, read when refusing


def _damaged_sheet(file: str, sheet: str) -> FileRefused:
    return FileRefused(file, t("load.sheet_damaged", sheet=sheet))


def _read_xlsx(file: str, data: bytes) -> Iterator[tuple[str, SheetRows]]:
    """Every sheet's rows, streamed, once the workbook's own XML has passed the checks (in
    `read_workbook`)."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:
        if not _calamine_failure(exc):
            raise
        raise _refused_workbook(file, str(exc)) from None
    check_sheet_count(file, len(workbook.sheet_names))
    for sheet_name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
        except BaseException as exc:
            if not _calamine_failure(exc):
                raise
            raise _damaged_sheet(file, sheet_name) from None
        start, end = sheet.start, sheet.end
        if start is None or end is None:
            continue  # an empty sheet
        check_columns(file, end[1] + 1, f"sheet “{sheet_name}”")
        yield sheet_name, _sheet_rows(file, sheet_name, sheet, start[1])


def _sheet_rows(file: str, name: str, sheet: CalamineSheet, first_column: int) -> SheetRows:
    """A sheet's rows one at a time, numbered from row 1 and padded from column A.

    calamine's iter_rows starts at row 1 but at the first used column; reading row by row keeps
    the memory to one row, where to_python(skip_empty_area=False) copies the whole grid."""
    pad = [""] * first_column
    try:
        for line, values in enumerate(sheet.iter_rows(), start=1):
            yield line, pad + values if pad else values
    except BaseException as exc:
        if not _calamine_failure(exc):
            raise
        raise _damaged_sheet(file, name) from None


# --- XLSX: how far each sheet's cells reach, read from its XML before calamine builds it -------

# calamine places every cell in one dense grid from A1 to the last cell, so a lone value in
# XFD1048576 costs 16 384 × 1 048 576 cells (~500 GB): the process aborts. It does not trust the
# <dimension> tag (tested), so neither do we: we read the cells' own references.
# The references are found by `sheet_xml.cell_extent` (its CELL_REF pattern, vectorised).
# A cell without a reference sits in its row's position; rows without cells do not count.
# Tags are bounded ({0,1024}) so a chunk of unclosed tags cannot make the search quadratic.
_ROW_REF = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?row\b[^>]{0,1024}?\sr\s*=\s*["']([0-9]+)["'][^>]{0,1024}?(/?)>"""
)
# The same tags without a namespace prefix, which is what almost every workbook writes: a
# pattern starting with a fixed `<row` is searched 4 to 5 times faster, and gives the same
# matches wherever the text holds no `:row` (the only way a prefixed tag can start).
_PLAIN_ROW_REF = re.compile(rb"""<row\b[^>]{0,1024}?\sr\s*=\s*["']([0-9]+)["'][^>]{0,1024}?(/?)>""")
_SST_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst\s[^>]{0,4096}>")
_SST_COUNT = re.compile(rb"""\s(?:uniqueCount|count)\s*=\s*["']\s*([0-9]+)""")
# The parts calamine reads as sheets: those the workbook's relationships name, and any part in a
# sheets folder (worksheets, dialogsheets, macrosheets, chartsheets).
_SHEET_PART = re.compile(r"(?i)xl/[a-z]*sheets/[^/]+\.xml")
_SCAN_CHUNK = 1 << 22


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Zip member → sheet name, from the workbook and its relationships (as calamine finds
    them: a target is relative to xl/ unless it starts with xl/ or /xl/). Best effort: only for
    naming the sheet in a message."""
    try:
        workbook = zf.read("xl/workbook.xml")[:_SCAN_CHUNK]
        rels = zf.read("xl/_rels/workbook.xml.rels")[:_SCAN_CHUNK]
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError):
        return {}
    targets = {}
    for tag in re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]{0,4096}>", rels):
        rel_id, target = _attribute(tag, b"Id"), _attribute(tag, b"Target")
        if rel_id and target:
            target = target.removeprefix("/")
            targets[rel_id] = target if target.startswith("xl/") else f"xl/{target}"
    names = {}
    for tag in re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]{0,4096}>", workbook):
        rel_id = _attribute(tag, rb"(?:r|relationships):id")
        name = _attribute(tag, b"name")
        if rel_id in targets and name is not None:
            names[targets[rel_id]] = name
    return names


def _attribute(tag: bytes, name: bytes) -> str | None:
    m = re.search(rb"(?:^|\s)" + name + rb"""\s*=\s*["']([^"']*)["']""", tag)
    return html.unescape(m.group(1).decode("utf-8", "replace")) if m else None


@dataclass
class SheetExtent:
    """How far a sheet's cells reach (1-based last row and column) and how many hold a value."""

    rows: int = 0
    columns: int = 0
    values: int = 0


def scan_sheet(stream: IO[bytes]) -> SheetExtent:
    """Read a worksheet's XML in chunks and find its last row and column and its value count."""
    extent = SheetExtent()
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        # A tag cut by the chunk's end is found whole with the next chunk: the patterns span at
        # most a bounded <row> tag (2 KB), so the last 4 KB are searched again.
        text = tail + chunk
        tail = text[-4096:]
        last_row, last_column = cell_extent(text)
        extent.rows = max(extent.rows, last_row)
        extent.columns = max(extent.columns, last_column)
        row_tags = _ROW_REF if b":row" in text else _PLAIN_ROW_REF
        rows = [int(row) for row, empty in row_tags.findall(text) if not empty]
        if rows:
            extent.rows = max(extent.rows, max(rows))
        # <v>…</v> and <is>…</is> (with or without a namespace prefix): two per value.
        extent.values += (chunk.count(b"v>") + chunk.count(b"is>")) // 2
    return extent


def check_xlsx_sheets(file: str, data: bytes) -> dict[str, SheetExtent]:
    """Refuse a workbook with a sheet too wide, or whose cells reach far beyond its data, or
    whose shared-string table claims more entries than it can hold (calamine reserves memory
    for the claimed count: 4 000 000 000 aborts the process). Returns each sheet's extent."""
    extents: dict[str, SheetExtent] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_shared_strings(file, zf)
            names = _sheet_names(zf)
            for info in zf.infolist():
                member = info.filename
                if member not in names and not _SHEET_PART.fullmatch(member):
                    continue
                with zf.open(info) as stream:
                    extent = scan_sheet(stream)
                sheet = names.get(member, member.rsplit("/", 1)[-1].removesuffix(".xml"))
                check_columns(file, extent.columns, f"sheet “{sheet}”")
                check_area(file, sheet, extent.rows, extent.columns, extent.values)
                extents[sheet] = extent
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise FileRefused(file, t("load.workbook_damaged")) from None
    return extents


def _check_shared_strings(file: str, zf: zipfile.ZipFile) -> None:
    for info in zf.infolist():
        if info.filename.lower() != "xl/sharedstrings.xml":
            continue
        with zf.open(info) as stream:
            tag = _SST_TAG.search(stream.read(8192))
        claimed = max((int(n) for n in _SST_COUNT.findall(tag.group(0))), default=0) if tag else 0
        if claimed > info.file_size // 5 + 1:  # an entry takes at least "<si/>"
            raise FileRefused(
                file,
                t("load.shared_strings", claimed=format_count(claimed)),
            )


# --- XLS, XLSB, ODS: read in a child process ---------------------------------------------------

_CHILD = Path(__file__).with_name("calamine_child.py")


def _decode_cell(value: dict[str, Any]) -> Any:
    """A date or time cell the child tagged (see `calamine_child._cell`); other objects as they are."""
    if "$datetime" in value:
        return dt.datetime.fromisoformat(value["$datetime"])
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$time" in value:
        return dt.time.fromisoformat(value["$time"])
    if "$timedelta" in value:
        return dt.timedelta(seconds=value["$timedelta"])
    return value


def _read_isolated(file: str, data: bytes) -> list[tuple[str, SheetRows]]:
    """Every sheet's rows, read by `calamine_child` under the limits; its refusals become ours."""
    command = [
        sys.executable, "-I", str(_CHILD),
        str(settings().max_columns),
        str(max(settings().max_sheet_cells, limits.SPARSE_FACTOR * len(data))),
        str(settings().workbook_memory_bytes),
    ]  # fmt: skip
    seconds = settings().workbook_seconds
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=seconds, check=False
        )
    except subprocess.TimeoutExpired:
        raise FileRefused(
            file,
            t("load.workbook_slow", seconds=f"{seconds:g}"),
        ) from None
    try:
        answer = json.loads(done.stdout, object_hook=_decode_cell) if done.returncode == 0 else {}
    except ValueError:
        answer = {}
    if "sheets" in answer:
        check_sheet_count(file, len(answer["sheets"]))
        return [
            (sheet["name"], [(line, cells) for line, cells in sheet["rows"]])
            for sheet in answer["sheets"]
        ]
    reason = answer.get("refused")
    if reason == "password":
        raise FileRefused(file, t(_PASSWORD))
    if reason == "sheet":
        raise _damaged_sheet(file, answer["sheet"])
    if reason == "columns":
        check_columns(file, answer["columns"], f"sheet “{answer['sheet']}”")
    if reason == "area":
        check_area(file, answer["sheet"], answer["rows"], answer["columns"], None)
    # Damaged, or the child ran out of its memory allowance and was stopped.
    raise FileRefused(
        file,
        t("load.workbook_unsafe"),
    )


def sheet_grid(file: str, sheet: str, rows: SheetRows) -> Grid | None:
    """One sheet's rows as a grid, or None when the sheet holds no table. Blank rows may be left
    out of `rows`: the row numbers say where every row stood."""
    filled: list[tuple[int, list[str]]] = []
    for line, values in rows:
        if values.count(None) + values.count("") == len(values):
            continue  # blank, seen without converting a cell (a sheet may hold a million)
        cells = [cell_text(v) for v in values]
        if any(c.strip() for c in cells):
            filled.append((line, cells))
    if not filled:
        return None
    # The first 200 rows as they stand in the sheet, blank ones included, to find the header.
    last = min(200, filled[-1][0])
    top = dict(takewhile(lambda row: row[0] <= last, filled))
    head = [(line, top.get(line, [])) for line in range(1, last + 1)]
    layout = find_layout(head)
    if layout is None:
        return None
    width = len(layout.names)
    first = head[layout.data_index][0] if layout.data_index < len(head) else last + 1
    data_rows: list[tuple[int, list[str]]] = []
    blank, previous = 0, first - 1
    for line, cells in filled:
        if line < first:
            continue
        blank += line - previous - 1  # the blank rows left out above this one
        previous = line
        row = cells[:width] + [""] * (width - len(cells))
        if any(c.strip() for c in row):
            data_rows.append((line, row))
        else:
            blank += 1  # its values lie beyond the table's columns
    lines = [line for line, _ in data_rows]
    cells = pa.table(
        {f"c{i}": pa.array([r[i] for _, r in data_rows], pa.string()) for i in range(width)}
    )
    return sheet_table_grid(file, sheet, layout, cells, lines, blank)
