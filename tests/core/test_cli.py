"""`python -m kpi inspect` as DESIGN.md specifies: JSON shape, errors on stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_catalog_json_lists_every_kpi_with_labels():
    out = _run("catalog", "--json")
    assert out.returncode == 0
    kpis = {k["id"]: k for k in json.loads(out.stdout)["kpis"]}
    assert {"engagement_rate", "roas", "cac", "ltv_cac"} <= set(kpis)
    er = kpis["engagement_rate"]
    assert (
        er["family"] == "engagement" and er["format"] == "percent" and er["direction"] == "higher"
    )
    assert set(er["labels"]) == {"en", "es", "pl"} and "impressions" in er["requires"]


def test_compute_json_rows_needs_and_changes(tmp_path):
    posts = tmp_path / "instagram_posts.csv"
    posts.write_text(
        "post_id,published_at,impressions,likes,comments,shares\n"
        "a,2026-01-01 10:00,100,10,0,0\nb,2026-01-08 10:00,150,6,0,0\nc,2026-01-09 10:00,50,2,0,0\n"
    )
    ws = tmp_path / "workspace.json"
    ws.write_text(json.dumps({"kpi_explorer_workspace": 1, "custom_kpis": [
        {"id": "likes_per_impression", "label": "Likes per impression", "dataset": "posts",
         "formula": "sum(likes) / nullif(sum(impressions), 0)"}]}))  # fmt: skip
    out = _run(
        "compute", str(posts), "--kpi", "impressions,engagement_rate,sessions,likes_per_impression",
        "--from", "2026-01-08", "--to", "2026-01-14", "--compare", "previous", "--by", "platform",
        "--workspace", str(ws), "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    rows = {r["kpi"]: r for r in doc["rows"]}
    assert rows["impressions"] == {
        "kpi": "impressions", "period_start": "2026-01-08", "platform": "instagram", "value": 200.0,
        "previous": 100.0, "delta_pct": 1.0, "delta_pp": None, "target": None, "status": None,
    }  # fmt: skip
    # a rate: 4% against 10% is −6 points, not a relative change
    assert rows["engagement_rate"]["delta_pct"] is None
    assert rows["engagement_rate"]["delta_pp"] == pytest.approx(-6.0)
    assert rows["likes_per_impression"]["value"] == pytest.approx(8 / 200)
    assert doc["needs"][0]["kpi"] == "sessions" and doc["needs"][0]["missing"] == ["web_traffic"]


def test_compute_usage_errors_exit_2(tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("published_at,platform,impressions\n2026-01-01 10:00,x,1\n")
    assert _run("compute", str(posts), "--kpi", "nope").returncode == 2
    assert (
        _run("compute", str(posts), "--kpi", "impressions", "--from", "yesterday").returncode == 2
    )
    assert (
        _run("compute", str(posts), "--kpi", "impressions", "--grain", "fortnight").returncode == 2
    )
