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
