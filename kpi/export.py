"""Downloads: tables as CSV and XLSX, charts as PNG and SVG (rendered offline by vl-convert).

Cells a spreadsheet would run as a formula (text starting with =, +, -, @, tab or carriage
return) are neutralised with a leading quote; real numbers stay numbers, and an exported XLSX
holds no formula at all (every text cell is written as an inline string). Characters XML forbids
(chr(1) and the like) are replaced in workbooks and chart images, which are XML inside."""

from __future__ import annotations

import datetime as dt
import io
import json
import math

import altair as alt
import pandas as pd
import vl_convert as vlc
from openpyxl import Workbook

from kpi.xmlsafe import xml_safe, xml_safe_tree

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_CHARS = 32_767  # the most characters Excel keeps in one cell


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
    ws.title = xml_safe(sheet[:31]) or "data"
    safe = _safe_frame(frame)
    ws.append([_xlsx_cell(str(c)) for c in safe.columns])
    for row in safe.itertuples(index=False):
        ws.append([_xlsx_cell(value) for value in row])
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl guesses "=…" strings are formulas: keep them text
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: object) -> object:
    """One value as something Excel opens: no XML-forbidden characters, no time zone (Excel
    has none; the UTC wall time is written), no infinity (written as text), at most one cell's
    worth of characters."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.replace(tzinfo=None)
    if isinstance(value, pd.Timedelta | dt.timedelta):
        return str(value)
    if isinstance(value, bool | int | dt.date | dt.time):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _xlsx_cell(value.item())
    return xml_safe(str(value))[:XLSX_CELL_CHARS]


def chart_spec(chart: alt.TopLevelMixin) -> str:
    """A chart's Vega-Lite spec with its data inlined, as JSON text."""
    # Engine rows carry plain dates, which JSON does not know: write them as ISO text. Every
    # text is made XML-safe: vl-convert aborts the process on chr(1) in a label.
    return json.dumps(xml_safe_tree(chart.to_dict()), default=str)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text, rendered without a browser or network."""
    return vlc.vegalite_to_svg(chart_spec(chart))


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (2× scale by default, sharp on a projector)."""
    return vlc.vegalite_to_png(chart_spec(chart), scale=scale)
