"""Memory over repeated uploads in one session: each round loads a new posts export (other
content, same size), adds it, runs the Overview's requests, removes the previous upload and
returns freed memory, as the app does. Prints the process's resident memory after each round.

    python -m benchmarks.upload_memory --rows 200000 --rounds 20 [--json]

The figure that matters is the last round's memory against the first's (`growth`): a session
that replaces its files should not keep what the older ones took (issue 12: within 10 %).
Freed memory is returned by `ui.state.return_freed_memory` (kpi.memory: DuckDB's allocator
purged, glibc's arenas capped and trimmed), and importing `ui.state` tunes malloc as the app's
process does. The exports are generated in this process too, so their making is counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import make_posts  # noqa: E402


def resident_mb() -> float:
    """This process's resident memory now, in MiB (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024**2


def _export(rows: int, seed: int) -> bytes:
    sink = __import__("io").BytesIO()
    pacsv.write_csv(make_posts(rows, seed=seed), sink)
    return sink.getvalue()


def rounds(rows: int, count: int) -> list[float]:
    """Resident memory (MiB) after each of `count` replace-the-file rounds."""
    from kpi.engine import Request, run
    from kpi.load import load_file
    from kpi.page_kpis import OVERVIEW
    from kpi.store import SessionData
    from ui.state import return_freed_memory

    data = SessionData()
    previous = None
    out = []
    for i in range(count):
        content = _export(rows, seed=100 + i)
        key = f"upload{i}"
        data.add(load_file(f"posts_{i}.csv", content), upload=key, name=f"posts_{i}.csv")
        del content
        if previous is not None:
            data.remove_upload(previous)
        previous = key
        for grain in ("week", "month"):
            run(data.con, Request(OVERVIEW, dt.date(2024, 1, 1), dt.date(2025, 12, 31), grain,
                                  compare="previous"))  # fmt: skip
        return_freed_memory()
        out.append(round(resident_mb(), 1))
    data.close()
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    memory = rounds(args.rows, args.rounds)
    growth = memory[-1] / memory[0] - 1
    if args.json:
        print(json.dumps({"rows": args.rows, "rss_mb": memory, "growth": round(growth, 3)}))
    else:
        print(f"rss MiB per round: {memory}\ngrowth last/first: {growth:+.1%}")


if __name__ == "__main__":
    main()
