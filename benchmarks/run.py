"""The loader's benchmark: generated exports, the product's load path, and a bare DuckDB
reference measured in the same run.

    python -m benchmarks.run --rows 1000000 [--repeat 3] [--json]

It writes a realistic posts export (two years, 6 platforms, 5 post types, 200 campaigns, post
text with hashtags, skewed counts, mostly-zero spend) plus proportional ads and web-traffic CSVs
into `benchmarks/.data/` (gitignored, reused while the row count is the same), then measures,
each step in a fresh child process so its peak memory is its own:

- `duckdb_read_csv_s`: `CREATE TABLE AS SELECT * FROM read_csv(posts)`, the bare reference;
- `load_s`: from the bytes to the canonical views and their rollups, the way the app takes an
  upload (`SessionData.read`, which reads a large file straight into the session's database,
  then `SessionData.add`); `loader_only_s` is the reading part; `peak_rss_mb`: that child's
  peak memory while loading (the upload's bytes, held by the caller, included), and
  `overview_peak_rss_mb` its peak once the Overview has also run (its first request imports
  the page catalog and with it the charting and statistics libraries, which an app has
  imported before any upload).

Times are medians of `--repeat` runs; `load_ratio` is `load_s / duckdb_read_csv_s`. With
`--json` the last line is one JSON object. `overview_s` times the Overview page's four
requests (`kpi.engine.run` on the loaded session: tiles against the previous period, the weekly
series, the trend, the split by platform) the first time (the session built its rollups while
loading, inside `load_s`);
`requery_s` is the median of the same page after one change each (another platform, other
dates, another grain); both null when the engine cannot run. `pandas_overview_s` is the same
page in plain pandas (`benchmarks/pandas_overview.py`, frames read before the clock), and
`overview_speedup` / `requery_speedup` are pandas' time over the engine's. `--careful` also
times the loader with its fast path off.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
PLATFORMS = ["facebook", "instagram", "x", "linkedin", "tiktok", "youtube"]
POST_TYPES = ["photo", "video", "reel", "carousel", "text"]
WORDS = [
    "coffee",
    "morning",
    "brew",
    "latte",
    "beans",
    "roast",
    "fresh",
    "cafe",
    "aurora",
    "new",
    "menu",
    "weekend",
    "offer",
]
TAGS = ["#coffee", "#latte", "#morning", "#aurora", "#weekend", "#sale", "#new", "#barista"]


def _text(rng: np.random.Generator, n: int) -> pa.Array:
    """Post texts: a few words, a comma or a quote now and then, one to three hashtags."""
    words = np.array(WORDS)[rng.integers(0, len(WORDS), (n, 6))]
    tags = np.array(TAGS)[rng.integers(0, len(TAGS), (n, 3))]
    ntags = rng.integers(1, 4, n)
    out = []
    for i in range(n):  # string assembly only; not timed
        body = " ".join(words[i])
        if i % 7 == 0:
            body += ', "really" good'
        out.append(body + " " + " ".join(tags[i][: ntags[i]]))
    return pa.array(out)


def make_posts(rows: int, seed: int = 7) -> pa.Table:
    """A posts export of `rows` rows (14 columns), seeded."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00:00")
    seconds = np.sort(rng.integers(0, 2 * 365 * 86400, rows))
    published = (start + seconds.astype("timedelta64[s]")).astype(str)
    impressions = np.floor(rng.lognormal(7.0, 1.6, rows)).astype(np.int64)
    reach = (impressions * rng.uniform(0.5, 0.95, rows)).astype(np.int64)
    likes = rng.binomial(impressions, 0.03)
    paid = rng.random(rows) < 0.08
    spend = np.where(paid, np.round(rng.lognormal(3.0, 1.0, rows), 2), 0.0)
    return pa.table(
        {
            "Post ID": pa.array([f"P{i:08d}" for i in range(rows)]),
            "Platform": pa.array(np.array(PLATFORMS)[rng.integers(0, 6, rows)]),
            "Published at": pa.array([p.replace("T", " ") for p in published]),
            "Post type": pa.array(np.array(POST_TYPES)[rng.integers(0, 5, rows)]),
            "Campaign": pa.array([f"Campaign {c:03d}" for c in rng.integers(0, 200, rows)]),
            "Text": _text(rng, rows),
            "Impressions": impressions,
            "Reach": reach,
            "Likes": likes,
            "Comments": rng.binomial(likes, 0.1),
            "Shares": rng.binomial(likes, 0.05),
            "Saves": rng.binomial(likes, 0.04),
            "Clicks": rng.binomial(impressions, 0.01),
            "Spend": spend,
        }
    )


def make_ads(rows: int, seed: int = 8) -> pa.Table:
    """Ads by campaign and day, one row per 20 posts."""
    rng = np.random.default_rng(seed)
    days = np.datetime64("2024-01-01") + rng.integers(0, 730, rows).astype("timedelta64[D]")
    impressions = np.floor(rng.lognormal(8, 1.2, rows)).astype(np.int64)
    clicks = rng.binomial(impressions, 0.012)
    return pa.table(
        {
            "Day": pa.array(np.sort(days).astype(str)),
            "Campaign": pa.array([f"Campaign {c:03d}" for c in rng.integers(0, 200, rows)]),
            "Impressions": impressions,
            "Clicks": clicks,
            "Amount spent (EUR)": np.round(clicks * rng.uniform(0.2, 1.5, rows), 2),
            "Leads": rng.binomial(clicks, 0.05),
            "Purchases": rng.binomial(clicks, 0.02),
        }
    )


def make_web(rows: int, seed: int = 9) -> pa.Table:
    """Web sessions by day and source, one row per 10 posts."""
    rng = np.random.default_rng(seed)
    days = np.datetime64("2024-01-01") + rng.integers(0, 730, rows).astype("timedelta64[D]")
    sessions = np.floor(rng.lognormal(4, 1.3, rows)).astype(np.int64) + 1
    sources = np.array(["facebook", "instagram", "google", "(direct)", "newsletter", "t.co"])
    return pa.table(
        {
            "Date": pa.array(np.sort(days).astype(str)),
            "Session source": pa.array(sources[rng.integers(0, 6, rows)]),
            "Sessions": sessions,
            "Engaged sessions": rng.binomial(sessions, 0.6),
            "Conversions": rng.binomial(sessions, 0.02),
            "Total revenue": np.round(rng.lognormal(2, 1, rows) * (rng.random(rows) < 0.1), 2),
        }
    )


def write_files(rows: int) -> dict[str, Path]:
    """The three CSVs for `rows` posts, generated once per row count."""
    DATA.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind, make, n in (
        ("posts", make_posts, rows),
        ("ads", make_ads, max(1, rows // 20)),
        ("web", make_web, max(1, rows // 10)),
    ):
        path = DATA / f"{kind}_{rows}.csv"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            pacsv.write_csv(make(n), tmp)
            tmp.rename(path)
        paths[kind] = path
    return paths


def _measure(step: str, paths: list[str]) -> dict[str, float]:
    """One step, in this (child) process: seconds and peak RSS."""
    if step == "pandas":
        from benchmarks import pandas_overview

        out = pandas_overview.measure(paths)
        out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return out
    if step == "duckdb":
        import duckdb

        con = duckdb.connect(":memory:", config={"threads": 2})
        started = time.perf_counter()
        for i, path in enumerate(paths):
            con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv('{path}')")
        seconds = time.perf_counter() - started
        rows = con.execute("SELECT count(*) FROM t0").fetchall()[0][0]  # the posts
        con.close()
    else:
        from kpi.load import load_file

        try:
            from kpi.store import SessionData
        except ImportError:  # the store is someone else's work; time the loader alone then
            SessionData = None
        uploads = [(Path(p).name, Path(p).read_bytes()) for p in paths]  # the upload's bytes
        started = time.perf_counter()
        loaded = 0.0
        if SessionData is not None:
            # What the app does with each upload: read it for the session (a large file
            # straight into the session's database), then add it.
            session = SessionData()
            results = []
            for name, data in uploads:
                begun = time.perf_counter()
                results.append(session.read(name, data))
                loaded += time.perf_counter() - begun
                session.add(results[-1])
        else:
            results = [load_file(name, data) for name, data in uploads]
            loaded = time.perf_counter() - started
        seconds = time.perf_counter() - started
        loading_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows = results[0].tables[0].report.rows_loaded if results[0].tables else 0
        engine = _overview(session) if SessionData is not None else {}
        if SessionData is not None:
            session.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"seconds": seconds, "peak_rss_mb": peak, "rows": rows}
    if step != "duckdb":
        out["loader_seconds"] = loaded
        out["overview_peak_rss_mb"], out["peak_rss_mb"] = peak, loading_peak
        out.update(engine)
    return out


def _overview_requests(start, end, grain: str, filters: dict | None = None) -> list:
    """The Overview page's four requests: the tiles (whole range against the previous period),
    the headline series, the trend against the previous period, the split by platform."""
    from kpi.engine import Request
    from kpi.page_kpis import OVERVIEW

    kept = filters or {}
    return [
        Request(tuple(OVERVIEW), start, end, None, (), kept, "previous"),
        Request(tuple(OVERVIEW), start, end, grain, (), kept, None),
        Request(("impressions",), start, end, grain, (), kept, "previous"),
        Request(("engagement_rate",), start, end, None, ("platform",), kept, "previous"),
    ]


def _overview(session: object) -> dict[str, float]:
    """The Overview page's requests through the engine: the first time (`overview_s`), then
    the median of three changes a person makes (`requery_s`: another platform, other dates,
    another grain). Empty when the engine cannot run here."""
    import datetime as dt

    try:
        from kpi.engine import run

        con = session.con  # type: ignore[attr-defined]
        first, last = dt.date(2024, 1, 1), dt.date(2025, 12, 31)
        # Built before the clock: the first call imports the page catalog (and with it the
        # charting and statistics libraries), which the app has done before any request.
        requests = _overview_requests(first, last, "week")
        started = time.perf_counter()
        for request in requests:
            run(con, request)
        overview = time.perf_counter() - started
        changes = [
            _overview_requests(first, last, "week", {"platform": ("instagram",)}),
            _overview_requests(dt.date(2024, 7, 1), dt.date(2025, 6, 30), "week"),
            _overview_requests(first, last, "month"),
        ]
        requery = []
        for requests in changes:
            started = time.perf_counter()
            for request in requests:
                run(con, request)
            requery.append(time.perf_counter() - started)
        return {"overview_s": overview, "requery_s": statistics.median(requery)}
    except Exception as exc:  # the loader's benchmark must not depend on the engine
        print(f"engine not measured: {exc}", file=sys.stderr)
        return {}


def _child(step: str, paths: list[Path], careful: bool = False) -> dict[str, float]:
    env = {**os.environ, "KPI_LOADER_FAST": "0"} if careful else None
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--measure", step, *map(str, paths)],
        capture_output=True, text=True, check=True, cwd=ROOT, env=env,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(
    rows: int, repeat: int, posts_only: bool = False, careful: bool = False
) -> dict[str, object]:
    """Generate (or reuse) the files and measure both steps `repeat` times, interleaved; both
    read the same files (the posts export alone with `posts_only`)."""
    files = write_files(rows)
    paths = [files["posts"]] if posts_only else list(files.values())
    reference, loads, slow, pandas = [], [], [], []
    for _ in range(repeat):  # interleaved, so a busy moment on the machine hits both alike
        reference.append(_child("duckdb", paths))
        loads.append(_child("load", paths))
        if not posts_only:  # the Overview reads all three exports
            pandas.append(_child("pandas", paths))
        if careful:  # the loader with its fast path off (KPI_LOADER_FAST=0), for comparison
            slow.append(_child("load", paths, careful=True))
    ref_s = statistics.median(m["seconds"] for m in reference)
    load_s = statistics.median(m["seconds"] for m in loads)
    posts_mb = files["posts"].stat().st_size / 1024**2
    return {
        "rows": rows,
        "csv_mb": round(posts_mb, 1),
        "files_mb": round(sum(p.stat().st_size for p in paths) / 1024**2, 1),
        "duckdb_read_csv_s": round(ref_s, 3),
        "load_s": round(load_s, 3),
        "load_ratio": round(load_s / ref_s, 2) if ref_s else None,
        "loader_only_s": round(statistics.median(m["loader_seconds"] for m in loads), 3),
        "peak_rss_mb": round(statistics.median(m["peak_rss_mb"] for m in loads)),
        "overview_peak_rss_mb": round(statistics.median(m["overview_peak_rss_mb"] for m in loads)),
        "duckdb_peak_rss_mb": round(statistics.median(m["peak_rss_mb"] for m in reference)),
        "rows_loaded": loads[0]["rows"],
        "careful_load_s": round(statistics.median(m["seconds"] for m in slow), 3) if slow else None,
        "careful_peak_rss_mb": round(statistics.median(m["peak_rss_mb"] for m in slow))
        if slow
        else None,
        "repeat": repeat,
        "overview_s": (overview := _median_of(loads, "overview_s")),
        "requery_s": (requery := _median_of(loads, "requery_s")),
        "pandas_overview_s": (reference_s := _median_of(pandas, "seconds")),
        # How many times faster than pandas the engine is, first and after a change.
        "overview_speedup": _ratio(reference_s, overview),
        "requery_speedup": _ratio(reference_s, requery),
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def _median_of(measures: list[dict[str, float]], key: str) -> float | None:
    values = [m[key] for m in measures if key in m]
    return round(statistics.median(values), 3) if values else None


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--posts-only", action="store_true", help="load the posts file alone")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument(
        "--careful", action="store_true", help="also time the loader with its fast path off"
    )
    parser.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(_measure(args.measure[0], args.measure[1:])))
        return
    out = run(args.rows, args.repeat, args.posts_only, args.careful)
    for key, value in out.items():
        print(f"{key:>20}: {value}")
    if args.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
