"""Limits every file must stay within, checked on the first lines or the file's own directory
before anything is fully parsed, so one upload cannot take the time or memory of the server.

Operators change them through `kpi.settings` (KPI_MAX_COLUMNS, KPI_MAX_TABLES,
KPI_MAX_SHEET_CELLS, KPI_WORKBOOK_MEMORY_MB, KPI_WORKBOOK_SECONDS), read when a check runs.
The defaults sit far above any real export (a legacy Facebook Insights page export has 2 681 columns) and keep one file's
cost bounded: 3 000 columns × 200 rows load in a few seconds, and the cost grows with the
width (wide tables are typed from a smaller sample, with DuckDB's optimizer off).
"""

from __future__ import annotations

from kpi.errors import FileRefused
from kpi.i18n import format_count, t
from kpi.settings import settings

# Tables in one file (stacked in a text file, or sheets of a workbook) are bounded by
# settings().max_tables: each costs its own pass.
# A sheet's used area (A1 to its last row and column) is built in memory cell by cell: refuse
# one much larger than the data the file really holds (a lone value in cell XFD1048576, or an
# ODS row "repeated" a million times). Up to settings().max_sheet_cells any sheet may span; beyond
# it, at most SPARSE_FACTOR cells per filled cell (XLSX) or per byte of the file (XLS, XLSB, ODS).
SPARSE_FACTOR = 10
# XLS, XLSB and ODS workbooks are opened in a child process with settings().workbook_memory_mb
# of memory and settings().workbook_seconds of time.


def check_columns(file: str, count: int, where: str = "the table", at_least: bool = False) -> None:
    """Refuse a table wider than the KPI_MAX_COLUMNS setting, saying how wide it is and what
    to do."""
    max_columns = settings().max_columns
    if count > max_columns:
        raise FileRefused(
            file,
            t(
                "load.too_many_columns_at_least" if at_least else "load.too_many_columns",
                where=where,
                count=format_count(count),
                limit=format_count(settings().max_columns),
            ),
        )


def check_area(file: str, sheet: str, rows: int, columns: int, cells: int | None) -> None:
    """Refuse a sheet whose used area would take far more memory than the data it holds
    (`cells`: its filled cells, or None when unknown before reading)."""
    area = rows * columns
    if area <= settings().max_sheet_cells or (cells is not None and area <= SPARSE_FACTOR * cells):
        return
    held = "" if cells is None else t("load.filled_cells", cells=format_count(cells))
    raise FileRefused(
        file,
        t(
            "load.sheet_area_one" if columns == 1 else "load.sheet_area",
            sheet=sheet,
            rows=format_count(rows),
            columns=format_count(columns),
            area=format_count(area),
            held=held,
        ),
    )


def check_sheet_count(file: str, count: int) -> None:
    """Refuse a workbook with more sheets than the KPI_MAX_TABLES setting: each sheet costs
    its own pass."""
    max_tables = settings().max_tables
    if count > max_tables:
        raise FileRefused(
            file,
            t("load.too_many_sheets", count=format_count(count), limit=settings().max_tables),
        )
