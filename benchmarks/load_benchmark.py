"""How fast and how lean loading is: a generated posts CSV of N rows through `load_file`,
side by side with a plain `pandas.read_csv` of the same bytes (which detects nothing).

Run by hand from the project folder: `python -m benchmarks.load_benchmark --rows 1000000`. Each measurement runs in a
fresh process so peak memory (max RSS) belongs to that step alone.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_csv(rows: int, spanish: bool) -> bytes:
    """A posts export: Spanish locale (`;`, decimal comma, dd/mm/yyyy) or plain English."""
    rnd = random.Random(7)
    sep = ";" if spanish else ","
    lines = [
        sep.join(
            [
                "published_at",
                "platform",
                "post_id",
                "text",
                "impressions",
                "reach",
                "likes",
                "comments",
                "shares",
                "spend",
            ]
        )
    ]
    platforms = ["facebook", "instagram", "x", "linkedin", "tiktok", "youtube"]
    for i in range(rows):
        day, month, hour = 1 + i % 28, 1 + i // 28 % 12, i % 24
        date = (
            f"{day:02d}/{month:02d}/2026 {hour:02d}:15"
            if spanish
            else f"2026-{month:02d}-{day:02d} {hour:02d}:15:00"
        )
        impressions = rnd.randint(100, 90_000)
        spend = f"{rnd.randint(0, 50_000) / 100:.2f}"
        if spanish:
            spend = spend.replace(".", ",")
        text = f'"Post {i} about #coffee{sep} with a quote "" and more"'
        lines.append(
            sep.join([date, platforms[i % 6], f"P{i}", text, str(impressions), str(impressions * 7 // 10),
                      str(rnd.randint(0, 900)), str(rnd.randint(0, 90)), str(rnd.randint(0, 40)), spend])
        )  # fmt: skip
    return ("\n".join(lines) + "\n").encode("utf-8")


def _measure(step: str, path: str, spanish: bool) -> dict[str, float]:
    """Run one step in this process and report seconds and peak RSS."""
    data = Path(path).read_bytes()
    start = time.perf_counter()
    if step == "kpi":
        from kpi.load import load_file

        result = load_file("posts.csv", data)
        rows = result.tables[0].report.rows_loaded
    else:
        import io

        import pandas as pd

        frame = pd.read_csv(
            io.BytesIO(data), sep=";" if spanish else ",", decimal="," if spanish else "."
        )
        rows = len(frame)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 2), "peak_mb": round(peak_mb), "rows": rows}


def main() -> None:
    """Generate the files, measure each loader in its own process, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--measure", nargs=3, metavar=("STEP", "PATH", "SPANISH"))
    args = parser.parse_args()
    if args.measure:
        step, path, spanish = args.measure
        print(json.dumps(_measure(step, path, spanish == "1")))
        return
    tmp = ROOT / "benchmarks" / ".data"
    tmp.mkdir(exist_ok=True)
    print(f"{'file':<22}{'MiB':>8}{'loader':>10}{'seconds':>10}{'peak MiB':>10}{'rows':>10}")
    for spanish in (False, True):
        path = tmp / f"posts_{args.rows}_{'es' if spanish else 'en'}.csv"
        if not path.exists():
            path.write_bytes(make_csv(args.rows, spanish))
        size = path.stat().st_size / 1024**2
        for step in ("kpi", "pandas"):
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.load_benchmark", "--measure", step, str(path),
                 "1" if spanish else "0"],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )  # fmt: skip
            m = json.loads(out.stdout)
            print(
                f"{path.name:<22}{size:>8.0f}{step:>10}{m['seconds']:>10}{m['peak_mb']:>10}{m['rows']:>10}"
            )


if __name__ == "__main__":
    main()
