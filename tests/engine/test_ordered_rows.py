"""The engine orders a request's long rows itself (one frame built from the columns taken in
order): the same rows, in the same order and with the same types, as pandas' sort by the KPI's
place in the request, the period and the breakdown, missing values last."""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import kpi.engine  # noqa: F401  (the package imports the module `run` shadows)

run_module = sys.modules["kpi.engine.run"]

KPIS = ["impressions", "reach", "engagement_rate"]


@st.composite
def frames(draw: st.DrawFn) -> tuple[pd.DataFrame, list[str], dict[str, int]]:
    n = draw(st.integers(0, 30))
    kpis = [draw(st.sampled_from([*KPIS, "other"])) for _ in range(n)]
    starts = [dt.date(2026, 1, 1) + dt.timedelta(days=7 * draw(st.integers(0, 3))) for _ in kpis]
    platforms = [draw(st.sampled_from(["x", "facebook", "Ångström", None])) for _ in kpis]
    frame = pd.DataFrame({
        "kpi": kpis,
        "period_start": np.array(starts, dtype=object),
        "platform": platforms,
        "value": [draw(st.floats(allow_nan=True, allow_infinity=False)) for _ in kpis],
        "covers": pd.Series([draw(st.sampled_from(["x", None])) for _ in kpis], dtype=object),
        "__platforms": pd.Series([None] * n, dtype=object),
    })  # fmt: skip
    order = {k: i for i, k in enumerate(draw(st.permutations(KPIS)))}
    by = draw(st.sampled_from([[], ["platform"]]))
    return frame, by, order


def _plain(rows: pd.DataFrame, order: dict[str, int], by: list[str]) -> pd.DataFrame:
    """The definition: pandas' sort, the platforms' lists dropped, source looked up."""
    kept = rows[rows["kpi"].isin(order)].drop(columns="__platforms")
    kept = kept.sort_values(
        ["kpi", "period_start", *by], key=lambda c: c.map(order) if c.name == "kpi" else c
    )
    kept = kept.reset_index(drop=True)
    kept["source"] = pd.Series([f"from {k}" for k in kept["kpi"]])
    return kept


@settings(max_examples=200, deadline=None)
@given(frames())
def test_ordered_rows_are_pandas_sort(case):
    rows, by, order = case
    ordered = run_module._ordered(rows, order, by, {"source": {k: f"from {k}" for k in KPIS}})
    expected = _plain(rows, order, by)
    pd.testing.assert_frame_equal(ordered, expected, check_index_type=False)
