"""XLSX sheets through fastexcel (calamine to Arrow): the whole sheet arrives as Arrow strings
in one call, instead of one Python object per cell, and becomes the same grid `sheet_grid`
builds (header detection, sheet row numbers, blank rows) with vectorised Arrow operations.

fastexcel reads in a child process under a memory limit (`fastexcel_child`), beside the checks
of the workbook's own XML in `kpi.load.excel`: its sheets are used only once those have passed,
and until then a hostile sheet can only end that process. It hands back (None) whenever its
reading could differ from calamine's row by row: a sheet that does not start at A1, duration
cells, a reader error. Then the careful reader reads the workbook."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from kpi.load.fast import scratch_dir
from kpi.load.finish import Grid
from kpi.load.grids import sheet_table_grid
from kpi.load.layout import find_layout
from kpi.load.limits import check_sheet_count
from kpi.settings import settings

HEAD_ROWS = 200  # rows given to header detection, as `sheet_grid` does
# Smaller workbooks take the careful reader: it costs little there, and its messages for
# damaged files are the ones people have seen.
MIN_BYTES = 1 << 20
_SHEET_PART = re.compile(r"(?i)xl/[a-z]*sheets/[^/]+\.xml")  # as kpi.load.excel scans them
_PART_CHUNK = 1 << 22
_CHILD = Path(__file__).with_name("fastexcel_child.py")


def _members_unpack_cleanly(data: bytes) -> bool:
    """Every zip member unpacks to its declared size with its CRC: the careful reader refuses a
    workbook whose parts lie about their size (a hidden zip bomb); fastexcel may not look."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if _SHEET_PART.fullmatch(info.filename):
                    continue  # read whole by check_xlsx_sheets already
                with zf.open(info) as stream:
                    while stream.read(_PART_CHUNK):
                        pass
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return False
    return True


def _filled(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.and_kleene(pc.is_valid(column), pc.not_equal(pc.utf8_trim_whitespace(column), ""))


def _any(masks: list[pa.ChunkedArray], length: int) -> pa.ChunkedArray:
    out = pa.chunked_array([pa.array([False] * length, pa.bool_())])
    for mask in masks:
        out = pc.or_kleene(out, pc.fill_null(mask, False))
    return out


def _midnight_as_date(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """calamine gives a date for a midnight date-time, which the careful reader writes as
    "2024-01-03"; fastexcel writes "2024-01-03 00:00:00". Only a column holding a value ending
    so is rewritten: the regex costs far more than the plain test."""
    if not pc.any(pc.ends_with(column, " 00:00:00")).as_py():
        return column
    return pc.replace_substring_regex(column, r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1")


def _has_duration(column: pa.ChunkedArray) -> bool:
    """Whether a value is a date (or date-time) of 1899 to 1909: what fastexcel makes of a
    duration cell (1:30:00 is "1899-12-31 01:30:00", 30:00:00 "1900-01-01 06:00:00", a year
    "1900-12-31"), where the careful reader has h:mm:ss. No export dates its rows then. The
    pattern runs only on a column where the plain prefix test finds such a year."""
    if not any(pc.any(pc.starts_with(column, prefix)).as_py() for prefix in ("1899-", "190")):
        return False
    return bool(pc.any(pc.match_substring_regex(column, _EARLY_DATE)).as_py())


_EARLY_DATE = r"^(1899|190\d)-\d{2}-\d{2}( |$)"


# The child's address space grows with the sheets' XML (calamine's cells, then Arrow's copy):
# measured, 1.4 GB at most for a 200 000-row sheet of 122 MB of XML, of which about 0.7 GB are
# the interpreter, fastexcel and Arrow. A hostile sheet's grid does not grow with its XML.
_CHILD_BASE = 1 << 30
_CHILD_PER_XML_BYTE = 8


def child_memory(data: bytes) -> int:
    """The child's memory limit for this workbook: the workbook setting, or more for a large
    workbook (a few times its sheets' XML, as declared in the zip, which `_check_zip` bounded),
    never above half the machine's memory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = sum(i.file_size for i in zf.infolist() if _SHEET_PART.fullmatch(i.filename))
    except (zipfile.BadZipFile, OSError, ValueError):
        xml = 0
    try:
        half = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2
    except (ValueError, OSError, AttributeError):
        half = 1 << 62  # unknown here: the setting and the XML decide
    grown = min(_CHILD_BASE + _CHILD_PER_XML_BYTE * xml, half)
    return max(settings().workbook_memory_bytes, grown)


class SheetsRead:
    """fastexcel reading a workbook's sheets in a child process (`fastexcel_child`), started
    before the parent checks the workbook's XML so that the two run at once; its sheets are
    used only once the checks have passed (`tables`). `close` ends it and removes its files."""

    def __init__(self, data: bytes) -> None:
        self.folder = tempfile.mkdtemp(prefix="kpi-xlsx-", dir=scratch_dir(4 * len(data)))
        book = os.path.join(self.folder, "book.xlsx")
        with open(book, "wb") as out:
            out.write(data)
        command = [
            sys.executable, "-I", str(_CHILD), book, self.folder, str(child_memory(data)),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def tables(self) -> dict[str, pa.Table | None] | None:
        """Each sheet's cells as text (None for a sheet fastexcel could not read), or None when
        the workbook did not open or the child failed (out of memory, out of time)."""
        try:
            out, _ = self.process.communicate(timeout=settings().workbook_seconds)
            answer = json.loads(out) if self.process.returncode == 0 else {}
        except (subprocess.TimeoutExpired, ValueError):
            return None
        if "sheets" not in answer:
            return None
        tables: dict[str, pa.Table | None] = {}
        for sheet in answer["sheets"]:
            path = sheet["file"]
            if path is None:
                tables[sheet["name"]] = None
                continue
            with pa.OSFile(path) as source:
                tables[sheet["name"]] = pa.ipc.open_file(source).read_all()
        return tables

    def close(self) -> None:
        """End the child if it still runs and remove its files."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_reading(data: bytes) -> SheetsRead | None:
    """fastexcel starting on the workbook, or None where the fast path does not apply (a small
    workbook, no fastexcel installed)."""
    if len(data) < MIN_BYTES or importlib.util.find_spec("fastexcel") is None:
        return None
    return SheetsRead(data)


def read_xlsx_fast(
    file: str, data: bytes, extents: dict[str, Any], reading: SheetsRead | None = None
) -> list[Grid] | None:
    """Every non-empty sheet's grid, or None to let the careful reader read the workbook.
    `extents` are the checked sheets' (`check_xlsx_sheets`); `reading` is the read started
    before the checks (one is started here when there is none)."""
    own = reading is None
    reading = start_reading(data) if own else reading
    if reading is None:
        return None
    try:
        return _grids(file, data, extents, reading)
    finally:
        if own:
            reading.close()


def _grids(
    file: str, data: bytes, extents: dict[str, Any], reading: SheetsRead
) -> list[Grid] | None:
    if not _members_unpack_cleanly(data):
        return None
    tables = reading.tables()
    if tables is None:
        return None
    check_sheet_count(file, len(tables))
    grids: list[Grid] = []
    for name, table in tables.items():
        extent = extents.get(name)
        if extent is None:
            return None
        if extent.rows == 0 or extent.values == 0:
            continue  # an empty sheet
        if table is None:
            return None  # fastexcel could not read it
        # calamine's rows start at the first used row and column: the same grid as the
        # careful reader's only when that is A1 and the extents agree.
        if table.num_rows != extent.rows or table.num_columns != extent.columns:
            return None
        columns = [_midnight_as_date(c) for c in table.columns]
        if any(_has_duration(c) for c in columns):
            return None  # durations, written as dates of 1899 (the careful reader has h:mm:ss)
        grid = _grid(file, name, columns, table.num_rows)
        if grid is not None:
            grids.append(grid)
    return grids


def _grid(file: str, sheet: str, columns: list[pa.ChunkedArray], n_rows: int) -> Grid | None:
    """What `sheet_grid` makes of the same rows (sheet row i + 1 is index i)."""
    filled = [_filled(c) for c in columns]
    any_filled = _any(filled, n_rows)
    filled_lines = pc.indices_nonzero(any_filled).to_pylist()
    if not filled_lines:
        return None
    last = min(HEAD_ROWS, filled_lines[-1] + 1)
    head_table = pa.table({f"c{j}": c.slice(0, last) for j, c in enumerate(columns)})
    head_rows = head_table.to_pylist()
    head_filled = any_filled.slice(0, last).to_pylist()
    head = [
        (i + 1, [v or "" for v in row.values()] if head_filled[i] else [])
        for i, row in enumerate(head_rows)
    ]
    layout = find_layout(head)
    if layout is None:
        return None
    width = len(layout.names)
    first = head[layout.data_index][0] if layout.data_index < len(head) else last + 1
    in_table = _any(filled[:width], n_rows)
    after = pa.chunked_array([pa.array([i + 1 >= first for i in range(n_rows)], pa.bool_())])
    mask = pc.and_(in_table, after)
    lines = [i + 1 for i in pc.indices_nonzero(mask).to_pylist()]
    below = [line for line in (i + 1 for i in filled_lines) if line >= first]
    blank = (below[-1] - first + 1 - len(lines)) if below else 0
    empty = pa.array([""] * len(lines), pa.string())
    cells = pa.table(
        {
            f"c{i}": pc.fill_null(columns[i].filter(mask), "") if i < len(columns) else empty
            for i in range(width)
        }
    )
    return sheet_table_grid(file, sheet, layout, cells, lines, blank)
