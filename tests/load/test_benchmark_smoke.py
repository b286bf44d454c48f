"""The benchmark runs at a small size and prints its keys (it is never a timed assertion)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_prints_its_keys() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--rows", "2000", "--repeat", "1", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ("duckdb_read_csv_s", "load_s", "peak_rss_mb", "csv_mb", "rows", "overview_s"):
        assert key in out
    assert out["rows"] == 2000 and out["rows_loaded"] == 2000
    assert out["load_s"] > 0 and out["duckdb_read_csv_s"] > 0
