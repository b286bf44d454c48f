"""Rollups answer "which platforms does this value cover" from platform bits: the text is the
one the rows give (order, missing platforms, a platform counted by one KPI and not another),
and a dataset with more platforms than there are bits is answered with the text as before."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi.engine import Request, rollups, run
from tests.engine.conftest import session

START = dt.date(2026, 1, 5)
KPIS = ("impressions", "reach", "engagement_rate", "engagement_rate_by_reach", "posts")


def _posts(rows: list[tuple[int, str, str, str]]) -> str:
    lines = ["post_id,published_at,platform,impressions,reach,likes,comments,shares"]
    for i, (day, platform, impressions, reach) in enumerate(rows):
        when = START + dt.timedelta(days=day)
        lines.append(f"p{i},{when} 09:00,{platform},{impressions},{reach},{i % 7},{i % 2},1")
    return "\n".join(lines) + "\n"


def _same(data, request: Request) -> pd.DataFrame:
    from_rollups, from_rows = run(data.con, request), run(data.con, request, rollups=False)
    assert from_rollups.notes == from_rows.notes
    pd.testing.assert_frame_equal(
        from_rollups.rows.reset_index(drop=True), from_rows.rows.reset_index(drop=True),
        check_dtype=False,
    )  # fmt: skip
    return from_rollups.rows


def test_platform_bits_give_the_rows_text():
    # Reach is missing on x and on the row without a platform: engagement rate by reach covers
    # facebook and instagram only, impressions cover x too; the row without a platform counts
    # in the values and names no platform.
    data = session(
        posts=_posts(
            [
                (0, "x", "40", ""),
                (0, "instagram", "100", "80"),
                (1, "facebook", "300", "200"),
                (8, "", "50", ""),
                (9, "x", "10", ""),
                (15, "", "7", ""),
            ]
        )
    )
    table = rollups.table_name("posts", ("platform",))
    built = data.con.execute(
        f'SELECT platform, {rollups.PLATFORM_BIT} FROM "{table}" ORDER BY platform'
    ).fetchall()
    assert sorted(set(built), key=str) == sorted(
        {("facebook", 1), ("instagram", 2), ("x", 4), (None, 0)}, key=str
    )
    for grain in (None, "week"):
        request = Request(KPIS, START, START + dt.timedelta(days=20), grain, (), {}, "previous")
        assert rollups.PLATFORM_BIT in run(data.con, request).sql["posts"]
        rows = _same(data, request)
        if grain is None:
            covers = dict(zip(rows["kpi"], rows["covers"], strict=True))
            assert covers["impressions"] == "facebook, instagram, x"
            assert covers["engagement_rate_by_reach"] == "facebook, instagram"
            assert covers["engagement_rate"] == "facebook, instagram, x"
            noted = {n.kpi: n.message for n in run(data.con, request).notes}
            assert "x" in noted["engagement_rate_by_reach"]  # left out: it has no reach
    weekly = _same(data, Request(("impressions",), START, START + dt.timedelta(days=20), "week"))
    assert weekly["covers"].tolist() == ["facebook, instagram, x", "x", None]


def test_more_platforms_than_bits_are_listed_as_text():
    names = [f"network{i:02d}" for i in range(rollups.MAX_PLATFORM_BITS + 3)]
    data = session(posts=_posts([(i % 10, n, str(i), str(i)) for i, n in enumerate(names)]))
    request = Request(KPIS, START, START + dt.timedelta(days=20), "week", ("platform",))
    result = run(data.con, request)
    assert rollups.PREFIX in result.sql["posts"]  # still answered by the rollup
    assert rollups.PLATFORM_BIT not in result.sql["posts"]
    _same(data, request)
    total = _same(data, Request(("impressions",), START, START + dt.timedelta(days=20)))
    assert total["covers"].tolist() == [", ".join(sorted(names))]
