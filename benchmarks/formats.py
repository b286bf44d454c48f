"""The loader on the issue's other two shapes, each beside a bare reader of the same bytes in
the same run:

- a 200 000-row × 14-column `.xlsx` of posts: `load_file` against fastexcel reading the sheet
  to Arrow (the calamine reader the loader uses, with no detection, typing or report);
- a 3 000-column × 200-row export: `load_file` against DuckDB's `read_csv` of the same file.

    python -m benchmarks.formats [--rows 200000] [--columns 3000] [--repeat 3] [--json]

Each figure is the median of `--repeat` runs in this process (the workbook and the wide file
are generated once into `benchmarks/.data/`); `--json` prints one JSON object last.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from benchmarks.run import DATA, make_posts
from benchmarks.xlsx import xlsx_bytes


def _median_seconds(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _workbook(rows: int) -> Path:
    path = DATA / f"posts_{rows}.xlsx"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_bytes(xlsx_bytes(make_posts(rows)))
    return path


def _wide(columns: int, rows: int = 200) -> Path:
    """A page-level export: a date, then `columns - 1` daily metrics, mostly small counts."""
    path = DATA / f"wide_{columns}x{rows}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(11)
        days = (np.datetime64("2025-01-01") + np.arange(rows).astype("timedelta64[D]")).astype(str)
        table = {"Date": pa.array(days)}
        for j in range(1, columns):
            table[f"Lifetime metric {j:04d}"] = rng.poisson(3 + j % 50, rows)
        pacsv.write_csv(pa.table(table), path)
    return path


def run(rows: int, columns: int, repeat: int) -> dict[str, object]:
    """Both shapes, each with its reference; seconds are medians of `repeat` runs."""
    import duckdb
    import fastexcel

    from kpi.load import load_file

    book = _workbook(rows)
    data = book.read_bytes()

    def product_xlsx() -> None:
        result = load_file(book.name, data)
        assert result.tables and result.tables[0].report.rows_loaded == rows, result.errors
        result.close()

    def bare_xlsx() -> None:
        fastexcel.read_excel(data).load_sheet(0).to_arrow()

    wide = _wide(columns)
    wide_bytes = wide.read_bytes()

    def product_wide() -> None:
        result = load_file(wide.name, wide_bytes)
        assert result.tables and len(result.tables[0].column_names) == columns, result.errors
        result.close()

    def bare_wide() -> None:
        con = duckdb.connect(":memory:", config={"threads": 2})
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{wide}')")
        con.close()

    out: dict[str, object] = {"xlsx_rows": rows, "xlsx_mb": round(len(data) / 1024**2, 1)}
    out["xlsx_load_s"] = round(_median_seconds(product_xlsx, repeat), 3)
    out["fastexcel_s"] = round(_median_seconds(bare_xlsx, repeat), 3)
    out["xlsx_ratio"] = round(out["xlsx_load_s"] / out["fastexcel_s"], 2)
    out["wide_columns"] = columns
    out["wide_load_s"] = round(_median_seconds(product_wide, repeat), 3)
    out["duckdb_wide_s"] = round(_median_seconds(bare_wide, repeat), 3)
    out["wide_ratio"] = round(out["wide_load_s"] / out["duckdb_wide_s"], 2)
    out["repeat"] = repeat
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--columns", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args(argv)
    out = run(args.rows, args.columns, args.repeat)
    if args.json:
        print(json.dumps(out))
    else:
        for key, value in out.items():
            print(f"{key:>16}  {value}")


if __name__ == "__main__":
    main()
