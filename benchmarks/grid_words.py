"""What writing a grid's cells in the person's language costs (`ui.grid`, run by hand):

    PYTHONPATH=. python -m benchmarks.grid_words [--rows 100 1000 2500] [--repeat 5]

For a posts-like table (text, platform, date, three counts, a rate, money) it times, median of
`--repeat` runs, what `st.dataframe` does with a plain frame (Arrow bytes: the reference) and
with the Styler of `ui.grid.styled` (Streamlit's `marshall_styler`, which computes every
display value, plus the Arrow bytes), and prints the ratio of the two."""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd
from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData as ArrowProto

from ui import grid

FORMATS = {"text": "longtext", "platform": None, "date": "date", "impressions": "count",
           "engagements": "count", "clicks": "count", "rate": "percent", "spend": "currency"}  # fmt: skip


def _frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "text": [f"post {i} about coffee" for i in range(rows)],
            "platform": rng.choice(["tiktok", "instagram", "facebook", "x"], rows),
            "date": pd.date_range("2024-01-01", periods=rows, freq="h").date,
            "impressions": rng.integers(0, 200_000, rows),
            "engagements": rng.integers(0, 9_000, rows),
            "clicks": rng.integers(0, 900, rows),
            "rate": rng.random(rows) / 10,
            "spend": rng.random(rows) * 2000,
        }
    )


def _median(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _styled(frame: pd.DataFrame) -> None:
    """What `st.dataframe` does with the grid's Styler: display values, then Arrow bytes."""
    styler = grid.styled(frame, FORMATS, "pl")
    marshall_styler(ArrowProto(), styler, "bench")
    convert_pandas_df_to_arrow_bytes(frame)


def main() -> None:
    """Print the timings and their ratio for each row count."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100, 1000, 2500])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for rows in args.rows:
        frame = _frame(rows)
        plain = _median(lambda f=frame: convert_pandas_df_to_arrow_bytes(f), args.repeat)
        written = _median(lambda f=frame: _styled(f), args.repeat)
        print(f"rows={rows} plain_s={plain:.3f} styled_s={written:.3f} ratio={written / plain:.1f}")


if __name__ == "__main__":
    main()
