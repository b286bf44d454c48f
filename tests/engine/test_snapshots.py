"""The compiled SQL of representative requests, snapshot-tested. Regenerate after an intended
change with `KPI_UPDATE_SNAPSHOTS=1 pytest tests/engine/test_snapshots.py`; never edit by hand."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from kpi.catalog import BY_ID
from kpi.engine import compile_dataset, periods, to_sql

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots" / "engine"
JAN = periods(dt.date(2026, 1, 1), dt.date(2026, 1, 31), "week")

CASES = {
    "posts_weekly_by_platform": ("posts", ("impressions", "engagement_rate", "avg_clicks_per_post"), ("platform",), {}, "duckdb"),
    "followers_weekly_level": ("account_daily", ("followers",), (), {}, "duckdb"),
    "social_sessions_filtered": ("web_traffic", ("sessions", "social_sessions"), (), {"source": ("instagram", "facebook")}, "duckdb"),
    "ads_for_spark": ("ads", ("spend", "roas", "roi"), ("campaign",), {}, "spark"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_compiled_sql_matches_snapshot(name):
    dataset, kpis, by, filters, dialect = CASES[name]
    sql = (
        to_sql(
            compile_dataset(dataset, [BY_ID[k] for k in kpis], JAN, by, filters, "week"), dialect
        )
        + "\n"
    )
    path = SNAPSHOTS / f"{name}.{dialect}.sql"
    if os.environ.get("KPI_UPDATE_SNAPSHOTS"):
        path.write_text(sql)
    # A missing snapshot fails: writing it here would pass a test that compared nothing.
    assert path.exists(), (
        f"no snapshot {path.relative_to(SNAPSHOTS.parents[1])}: create it with "
        "`KPI_UPDATE_SNAPSHOTS=1 pytest tests/engine/test_snapshots.py`, read it, and commit it"
    )
    assert sql == path.read_text(), f"compiled SQL changed; regenerate {path.name} if intended"


def test_a_missing_snapshot_fails_and_is_not_written(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "SNAPSHOTS", tmp_path)
    monkeypatch.delenv("KPI_UPDATE_SNAPSHOTS", raising=False)
    with pytest.raises(AssertionError, match=r"no snapshot .*KPI_UPDATE_SNAPSHOTS=1"):
        test_compiled_sql_matches_snapshot("followers_weekly_level")
    assert not list(tmp_path.iterdir())
