"""`python -m kpi inspect` as DESIGN.md specifies: JSON shape, errors on stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kpi", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_inspect_json_shape(tmp_path):
    good = tmp_path / "ads.csv"
    good.write_text(
        "date;platform;spend\n01/02/2026;facebook;1.234,50\n02/02/2026;facebook;oops\n"
        "13/02/2026;facebook;7,25\n",
        encoding="utf-8",
    )
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    out = _run("inspect", str(good), str(bad), "--json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    (table,) = doc["tables"]
    for key in ("file", "sheet", "rows_read", "rows_loaded", "rows_rejected", "rejected", "encoding",
                "delimiter", "decimal", "dataset", "confidence", "platform", "mapping"):  # fmt: skip
        assert key in table
    assert (table["rows_read"], table["rows_loaded"], table["rows_rejected"]) == (3, 2, 1)
    assert table["rejected"][0]["line"] == 3 and "oops" in table["rejected"][0]["raw"]
    assert table["delimiter"] == "semicolon" and table["decimal"] == ","
    assert table["dataset"] == "ads" and table["mapping"]["spend"] == "spend"
    assert doc["errors"][0]["file"] == "broken.xlsx"
    assert "broken.xlsx" in out.stderr


def test_inspect_exit_codes(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _run("inspect", str(empty)).returncode == 1
    assert _run("inspect").returncode == 2
    assert _run("frobnicate", str(empty)).returncode == 2


def test_inspect_folder_prints_a_readable_report(tmp_path):
    (tmp_path / "a.csv").write_text("date,sessions\n2026-01-01,10\n2026-01-02,12\n")
    out = _run("inspect", str(tmp_path))
    assert out.returncode == 0
    assert "rows read 2" in out.stdout and "dataset web_traffic" in out.stdout
