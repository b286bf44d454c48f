"""The report, the slides' tiles and the CLI write amounts in the data's currency, not euros."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from kpi.engine import Request, run
from kpi.load import load_files
from kpi.report import build_report
from kpi.slides import tiles_chart
from kpi.store import SessionData

ROOT = Path(__file__).resolve().parents[2]
ADS = (
    b"date,platform,campaign,spend,impressions,clicks,currency\n"
    b"2026-01-05,facebook,a,100,1000,10,USD\n2026-01-06,facebook,b,50,2000,20,USD\n"
)
START, END = dt.date(2026, 1, 1), dt.date(2026, 1, 31)


def _data() -> SessionData:
    data = SessionData()
    data.add(load_files([("ads.csv", ADS)]))
    return data


def test_the_report_writes_amounts_in_the_datas_currency():
    html = build_report(_data(), START, END)
    assert "$150" in html and "€150" not in html


def test_slide_tiles_write_amounts_in_the_datas_currency():
    rows = run(_data().con, Request(("spend",), START, END)).rows
    chart = tiles_chart(rows, compare=False)
    values = [r["value"] for rows in chart.to_dict()["datasets"].values() for r in rows]
    assert "$150" in values


def test_cli_compute_text_writes_amounts_in_the_datas_currency(tmp_path):
    ads = tmp_path / "ads.csv"
    ads.write_bytes(ADS)
    out = subprocess.run(
        [sys.executable, "-m", "kpi", "compute", str(ads), "--kpi", "spend"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "$150" in out.stdout and "€" not in out.stdout
