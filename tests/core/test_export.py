"""CSV downloads never carry a spreadsheet formula."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from kpi.export import neutralise, safe_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("plain", "plain"), (-42, -42), (3.5, 3.5), (None, None)],
)  # fmt: skip
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_safe_csv_keeps_numbers_and_neutralises_text_and_headers():
    frame = pd.DataFrame({"=HYPERLINK(1)": ["=cmd|' /C calc'!A0", "ok"], "n": [-42, 7]})
    back = pd.read_csv(io.BytesIO(safe_csv(frame)), encoding="utf-8-sig")
    assert list(back.columns) == ["'=HYPERLINK(1)", "n"]
    assert back.iloc[0, 0].startswith("'=")
    assert back["n"].tolist() == [-42, 7]


def test_xlsx_export_holds_values_only_and_neutralises_formulas():
    import zipfile

    from openpyxl import load_workbook

    from kpi.export import safe_xlsx

    frame = pd.DataFrame({"name": ["=1+1", "@cmd", "ok"], "n": [-42, 7, 1.5]})
    data = safe_xlsx(frame)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws["A"]] == ["name", "'=1+1", "'@cmd", "ok"]
    assert [c.value for c in ws["B"]][1:] == [-42, 7, 1.5]


def test_charts_render_offline_to_png_and_svg():
    import altair as alt

    from kpi.export import chart_png, chart_svg

    chart = alt.Chart(pd.DataFrame({"x": ["a", "b"], "y": [1, 3]})).mark_bar().encode(x="x", y="y")
    assert chart_png(chart).startswith(b"\x89PNG")
    assert chart_svg(chart).lstrip().startswith("<svg")


def test_xlsx_export_takes_control_characters_time_zones_infinities_and_long_texts():
    import datetime as dt
    import math

    from openpyxl import load_workbook

    from kpi.export import XLSX_CELL_CHARS, safe_xlsx

    frame = pd.DataFrame(
        {
            "name\x01": ["a\x01b\x1fc", "ok", "x" * (XLSX_CELL_CHARS + 5)],
            "n": [math.inf, -math.inf, math.nan],
            "when": pd.to_datetime(
                ["2026-01-01 10:00+02:00", None, "2026-01-02 00:00+00:00"], utc=True
            ),
            "t": [dt.time(10, tzinfo=dt.UTC), None, dt.time(11)],
        }
    )
    ws = load_workbook(io.BytesIO(safe_xlsx(frame))).active
    assert ws["A1"].value == "name\ufffd"
    assert ws["A2"].value == "a\ufffdb\ufffdc" and len(ws["A4"].value) == XLSX_CELL_CHARS
    assert [ws["B2"].value, ws["B3"].value, ws["B4"].value] == ["Infinity", "-Infinity", None]
    assert ws["C2"].value == dt.datetime(2026, 1, 1, 8, 0)


def test_chart_images_take_control_characters_in_labels():
    import altair as alt

    from kpi.export import chart_png, chart_svg

    frame = pd.DataFrame({"x\x02": ["a\x01", "b\x0b"], "y": [1, 3]})
    chart = alt.Chart(frame).mark_bar().encode(x="x\x02:N", y="y")
    assert "\ufffd" in chart_svg(chart)
    assert chart_png(chart).startswith(b"\x89PNG")
