"""Uploads in a row: the store reports each file's phases in order, and a session that keeps
replacing its file (load, add, run the Overview, remove the older one) does not grow round
after round. Measured in a child process, so the test's own imports do not count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kpi.load import load_file
from kpi.store import PHASES, SessionData

ROOT = Path(__file__).resolve().parents[2]
POSTS = b"post_id,published_at,platform,impressions\np1,2026-01-05 09:00,x,10\n"


def test_adding_a_file_reports_its_phases_in_order() -> None:
    heard: list[str] = []
    data = SessionData()
    heard.append("reading")  # the caller's phase: it runs the loader
    data.add(load_file("posts.csv", POSTS), on_phase=heard.append)
    assert heard == list(PHASES) == ["reading", "recognising", "summaries"]
    data.close()


def test_twenty_uploads_in_a_row_do_not_keep_growing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.upload_memory", "--rows", "5000", "--rounds", "20",
         "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    memory = json.loads(done.stdout.strip().splitlines()[-1])["rss_mb"]
    assert len(memory) == 20
    # The second round holds the old and the new file for a moment; the allocator keeps that
    # peak for reuse. From there on, nothing may pile up: the last rounds stay within 10 %.
    # (Known gap: with 100 000-row files, `python -m benchmarks.upload_memory --rows 100000`
    # still climbs until about the twelfth round, +85 % over the first; not found yet.)
    assert max(memory[-5:]) <= memory[1] * 1.10, memory
