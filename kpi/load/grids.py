"""A workbook sheet's table as the loader's grid: what both Excel readers (the careful one
and fastexcel) assemble once they have the sheet's layout, its data rows and their sheet row
numbers."""

from __future__ import annotations

import pyarrow as pa

from kpi.i18n import tn
from kpi.load.finish import Grid
from kpi.load.layout import Layout
from kpi.load.report import LoadReport, SkippedLine
from kpi.load.values import NumberStyle


def sheet_table_grid(
    file: str, sheet: str, layout: Layout, cells: pa.Table, lines: list[int], blank: int
) -> Grid:
    """The grid of a sheet's data rows (`cells`, one text column per header name) standing on
    sheet rows `lines`, with `blank` empty rows inside the table left out (said in a note)."""
    report = LoadReport(
        file=file,
        sheet=sheet,
        encoding=None,
        delimiter=None,
        header_line=layout.header_line,
        skipped=[SkippedLine(line, reason, raw) for line, reason, raw in layout.skipped],
    )
    if blank:
        report.notes.append(tn("load.note.blank_rows", blank))

    def line_of(ordinals: list[int]) -> dict[int, int]:
        return {o: lines[o] for o in ordinals}

    def raw_of(values: list[str | None]) -> str:
        return " | ".join(v or "" for v in values)

    # Cells from a workbook are typed by the workbook: numbers are numbers, not locale text.
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
