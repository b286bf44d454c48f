"""Downloads: tables as CSV and XLSX, charts as PNG and SVG (rendered offline by vl-convert).

Cells a spreadsheet would run as a formula (text starting with =, +, -, @, tab or carriage
return) are neutralised with a leading quote; real numbers stay numbers, and an exported XLSX
holds no formula at all (every text cell is written as an inline string)."""

from __future__ import annotations

import io
import json

import altair as alt
import pandas as pd
import vl_convert as vlc
from openpyxl import Workbook

from kpi.clean import printable_data

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell that cannot run as a formula: text starting with a trigger gets a leading quote."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with BOM, so Excel reads accents) with every text cell neutralised."""
    return _safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.rename(columns=lambda c: neutralise(str(c)))
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe


def safe_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """The frame as an XLSX workbook whose cells are values only: text is never a formula."""
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31] or "data"
    safe = _safe_frame(frame)
    ws.append([str(c) for c in safe.columns])
    for row in safe.itertuples(index=False):
        cells = []
        for value in row:
            if value is None or (isinstance(value, float) and value != value):
                cells.append(None)
            elif isinstance(value, pd.Timestamp):
                cells.append(value.to_pydatetime())
            else:
                cells.append(value)
        ws.append(cells)
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl guesses "=…" strings are formulas: keep them text
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def chart_spec(chart: alt.TopLevelMixin) -> str:
    """A chart's Vega-Lite spec with its data inlined, as JSON text."""
    # Engine rows carry plain dates, which JSON does not know: write them as ISO text. Every
    # text is cleaned of the characters that make vl-convert abort the process.
    return json.dumps(printable_data(chart.to_dict()), default=str)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text, rendered without a browser or network."""
    return vlc.vegalite_to_svg(chart_spec(chart))


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (2× scale by default, sharp on a projector)."""
    return vlc.vegalite_to_png(chart_spec(chart), scale=scale)
