"""The Overview's posts KPIs, weekly by platform, on N generated posts: the engine (one
DuckDB query compiled from the catalog) against a straightforward pandas implementation.

Run by hand from the project folder: `python -m benchmarks.engine_benchmark --rows 1000000`. Each side runs in a fresh
process so its peak memory (max RSS) is its own; data generation is not timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent

KPIS = (
    "impressions", "reach", "likes", "comments", "shares", "saves", "engagement", "engagement_rate",
    "engagement_rate_by_reach", "posts", "avg_clicks_per_post", "avg_comments_per_post",
    "avg_shares_per_post", "avg_likes_per_post", "avg_impressions_per_post",
)  # fmt: skip
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def make_posts(rows: int) -> pa.Table:
    """A year of posts on six platforms with random counts (seeded)."""
    rnd = np.random.default_rng(7)
    seconds = rnd.integers(0, 365 * 86400, rows)
    impressions = rnd.integers(0, 50_000, rows)
    return pa.table(
        {
            "post_id": pa.array([f"p{i}" for i in range(rows)]),
            "published_at": pa.array(pd.Timestamp(START) + pd.to_timedelta(seconds, unit="s")),
            "platform": pa.array(
                rnd.choice(["facebook", "instagram", "x", "linkedin", "tiktok", "youtube"], rows)
            ),
            "impressions": impressions,
            "reach": (impressions * 0.7).astype("int64"),
            "likes": rnd.integers(0, 900, rows),
            "comments": rnd.integers(0, 90, rows),
            "shares": rnd.integers(0, 40, rows),
            "saves": rnd.integers(0, 30, rows),
            "clicks": rnd.integers(0, 200, rows),
        }
    )


def engine_side(table: pa.Table) -> int:
    from kpi.engine import Request, run
    from kpi.load import LoadedTable, LoadReport, LoadResult
    from kpi.store import SessionData

    data = SessionData()
    data.add(LoadResult(tables=[LoadedTable(table, LoadReport(file="posts.parquet"))]))
    start = time.perf_counter()
    result = run(data.con, Request(KPIS, START, END, "week", ("platform",)))
    return len(result.rows), time.perf_counter() - start


def pandas_side(table: pa.Table) -> int:
    df = table.to_pandas()
    start = time.perf_counter()
    df["week"] = df["published_at"].dt.to_period("W-SUN").dt.start_time
    df["engagement"] = df["likes"] + df["comments"] + df["shares"]
    g = df.groupby(["week", "platform"])
    sums = g[
        ["impressions", "reach", "likes", "comments", "shares", "saves", "engagement", "clicks"]
    ].sum()
    sums["posts"] = g.size()
    out = pd.DataFrame(index=sums.index)
    for column in (
        "impressions",
        "reach",
        "likes",
        "comments",
        "shares",
        "saves",
        "engagement",
        "posts",
    ):
        out[column] = sums[column]
    out["engagement_rate"] = sums["engagement"] / sums["impressions"].replace(0, np.nan)
    out["engagement_rate_by_reach"] = sums["engagement"] / sums["reach"].replace(0, np.nan)
    for column in ("clicks", "comments", "shares", "likes", "impressions"):
        out[f"avg_{column}_per_post"] = sums[column] / sums["posts"]
    long = out.reset_index().melt(id_vars=["week", "platform"], var_name="kpi")
    return len(long), time.perf_counter() - start


def main() -> None:
    """Measure both sides in their own processes and print seconds, peak memory and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--side", choices=("engine", "pandas"))
    args = parser.parse_args()
    if args.side:
        table = make_posts(args.rows)
        rows, seconds = (engine_side if args.side == "engine" else pandas_side)(table)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"rows": rows, "seconds": round(seconds, 3), "peak_mb": round(peak)}))
        return
    results = {}
    for side in ("engine", "pandas"):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.engine_benchmark", "--rows", str(args.rows), "--side", side],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        results[side] = json.loads(out.stdout)
        print(
            f"{side:<8} {results[side]['seconds']:>8.3f} s  peak {results[side]['peak_mb']:>6} MiB  result rows {results[side]['rows']}"
        )
    ratio = results["pandas"]["seconds"] / results["engine"]["seconds"]
    print(
        f"{len(KPIS)} KPIs, weekly by platform, {args.rows:,} posts: pandas / engine time = {ratio:.2f}"
    )


if __name__ == "__main__":
    main()
