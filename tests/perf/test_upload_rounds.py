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


# Large enough that the files, not the interpreter, make the difference (at 5 000 rows the old
# code stayed within 10 % too): before freed memory was given back (kpi.memory), 20 000 rows
# ended +15 % over the first round, 50 000 rows +24 %.
ROWS = 50_000


def test_twenty_uploads_in_a_row_stay_within_ten_percent_of_the_first() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.upload_memory", "--rows", str(ROWS), "--rounds", "20",
         "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    memory = json.loads(done.stdout.strip().splitlines()[-1])["rss_mb"]
    assert len(memory) == 20
    # Issue 12: no round, the second (old and new file at once) included, more than 10 % over
    # the first. Measured here: +4.6 % (+24 % before). What remains is ~0.5 MiB a round in the
    # C heap, not Python objects (tracemalloc: 136 KiB over 6 rounds); not found yet.
    assert max(memory) <= memory[0] * 1.10, memory
