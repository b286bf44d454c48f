"""Audience analytics on tiny canonical tables, against values computed by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from kpi.analytics import audience as a
from kpi.load import load_file
from kpi.store import SessionData

AUDIENCE = """platform,dimension,segment,followers,snapshot_date
instagram,age_gender,F.18-24,10,2026-01-31
instagram,age_gender,M.18-24,5,2026-01-31
instagram,age_gender,F.25-34,40,2026-01-31
instagram,age_gender,M.25-34,30,2026-01-31
instagram,age_gender,U.25-34,2,2026-01-31
instagram,age_gender,F.25-34,400,2026-03-31
instagram,age_gender,M.25-34,300,2026-03-31
facebook,age_gender,F.25-34,7,2026-01-15
facebook,age_gender,M.65+,3,2026-01-15
x,age,18-24,100,2026-01-31
x,age,25-34,300,2026-01-31
x,gender,female,150,2026-01-31
x,gender,male,250,2026-01-31
instagram,country,Spain,50,2026-01-31
instagram,country,France,20,2026-01-31
instagram,country,Brazil,20,2026-01-31
facebook,country,France,45,2026-01-15
facebook,country,Spain,1,2026-01-15
instagram,country,Spain,999,2026-03-31
instagram,city,Madrid,30,2026-01-31
"""

POSTS = """published_at,platform,impressions,likes,comments,shares
2026-02-02 09:15,instagram,1000,50,5,5
2026-02-09 09:40,instagram,500,20,,5
2026-02-16 09:05,facebook,500,10,0,0
2026-02-02 10:00,instagram,800,40,0,0
2026-02-03 18:30,x,100,1,1,1
2026-02-03 18:45,x,300,3,3,3
2026-03-02 09:00,instagram,999,999,0,0
"""

END = dt.date(2026, 2, 28)


def _session(**files: str) -> SessionData:
    data = SessionData()
    for name, text in files.items():
        data.add(load_file(f"{name}.csv", text.encode()))
    return data


@pytest.fixture(scope="module")
def data() -> SessionData:
    return _session(audience=AUDIENCE, posts=POSTS)


def _cell(frame: pd.DataFrame, age: str, gender: str) -> float:
    hit = frame[(frame["age"] == age) & (frame["gender"] == gender)]
    return float(hit["followers"].sum())


def test_tables_are_read_as_canonical_datasets(data):
    assert set(data.datasets()) == {"audience", "posts"}


def test_pyramid_sums_each_platforms_latest_snapshot_up_to_the_end(data):
    frame = a.age_gender(data.con, END)
    # instagram 2026-01-31 (the 03-31 snapshot is after the end), facebook 2026-01-15, and x
    # estimated from age × gender share: 18-24 → 100 × 150/400 = 37.5 F, 62.5 M;
    # 25-34 → 300 × 0.375 = 112.5 F, 187.5 M.
    assert _cell(frame, "18-24", "F") == pytest.approx(10 + 37.5)
    assert _cell(frame, "18-24", "M") == pytest.approx(5 + 62.5)
    assert _cell(frame, "25-34", "F") == pytest.approx(40 + 7 + 112.5)
    assert _cell(frame, "25-34", "M") == pytest.approx(30 + 187.5)
    assert _cell(frame, "25-34", "U") == pytest.approx(2)
    assert _cell(frame, "65+", "M") == pytest.approx(3)
    assert list(dict.fromkeys(frame["age"])) == ["18-24", "25-34", "65+"]
    estimated = frame.set_index(["age", "gender"])["estimated"]
    assert estimated[("18-24", "F")] and not estimated[("65+", "M")]


def test_pyramid_follows_the_range_end_and_the_platform_filter(data):
    later = a.age_gender(data.con, dt.date(2026, 4, 30), {"platform": ("instagram",)})
    assert _cell(later, "25-34", "F") == 400
    assert _cell(later, "25-34", "M") == 300
    assert _cell(later, "18-24", "F") == 0  # not in instagram's newest snapshot
    assert a.age_gender(data.con, dt.date(2026, 1, 1)).empty  # no snapshot yet


def test_top_segments_are_ordered_largest_first_then_by_name(data):
    countries = a.top_segments(data.con, "country", END)
    # instagram 01-31 + facebook 01-15: France 20 + 45, Spain 50 + 1, Brazil 20.
    assert countries["segment"].tolist() == ["France", "Spain", "Brazil"]
    assert countries["followers"].tolist() == [65, 51, 20]
    assert countries["share"].tolist() == pytest.approx([65 / 136, 51 / 136, 20 / 136])
    top_two = a.top_segments(data.con, "country", END, limit=2)
    assert top_two["segment"].tolist() == ["France", "Spain"]
    only_instagram = a.top_segments(data.con, "country", END, {"platform": ("instagram",)})
    assert only_instagram["segment"].tolist() == ["Spain", "Brazil", "France"]  # tie by name
    assert a.top_segments(data.con, "language", END).empty


def test_snapshot_dates_name_the_snapshots_used(data):
    assert a.snapshot_dates(data.con, END) == [dt.date(2026, 1, 31), dt.date(2026, 1, 15)]


def test_heatmap_rate_is_a_ratio_of_sums_per_weekday_and_hour(data):
    frame = a.weekday_hour(data.con, dt.date(2026, 2, 1), END, min_posts=1)
    assert len(frame) == 7 * 24
    cell = frame.set_index(["weekday", "hour"])
    # Mondays at 9: three posts (02-02, 02-09, 02-16); 03-02 is outside the range.
    monday_9 = cell.loc[(1, 9)]
    assert monday_9["posts"] == 3
    assert monday_9["engagement"] == 60 + 25 + 10
    assert monday_9["impressions"] == 2000
    assert monday_9["rate"] == pytest.approx(95 / 2000)
    # Tuesday 18h: (3 + 9) / 400, not the mean of the two posts' rates.
    assert cell.loc[(2, 18), "rate"] == pytest.approx(12 / 400)
    assert cell.loc[(1, 10), "rate"] == pytest.approx(40 / 800)
    assert cell.loc[(3, 12), "posts"] == 0 and math.isnan(cell.loc[(3, 12), "rate"])
    assert frame["posts"].sum() == 6


def test_heatmap_leaves_cells_below_the_minimum_posts_without_a_rate(data):
    frame = a.weekday_hour(data.con, dt.date(2026, 2, 1), END, min_posts=3)
    cell = frame.set_index(["weekday", "hour"])
    assert cell.loc[(1, 9), "rate"] == pytest.approx(95 / 2000)  # 3 posts: kept
    assert cell.loc[(2, 18), "posts"] == 2 and math.isnan(cell.loc[(2, 18), "rate"])
    assert cell.loc[(1, 10), "posts"] == 1 and math.isnan(cell.loc[(1, 10), "rate"])
    rated = frame[frame["rate"].notna()]
    assert list(zip(rated["weekday"], rated["hour"], strict=True)) == [(1, 9)]


def test_heatmap_applies_the_platform_filter(data):
    frame = a.weekday_hour(data.con, dt.date(2026, 2, 1), END, {"platform": ("x",)}, 1)
    assert frame["posts"].sum() == 2
    assert frame.set_index(["weekday", "hour"]).loc[(2, 18), "rate"] == pytest.approx(12 / 400)


def test_empty_session_gives_empty_frames_and_says_what_is_missing():
    empty = SessionData()
    assert a.missing_fields(empty.con, "audience", ("segment",)) is None
    assert a.age_gender(empty.con, END).empty
    assert a.top_segments(empty.con, "country", END).empty
    assert a.weekday_hour(empty.con, dt.date(2026, 2, 1), END).empty
    assert a.snapshot_dates(empty.con, END) == []


def test_follower_flow_and_breakdown_table_reshape_engine_rows():
    rows = pd.DataFrame(
        {
            "kpi": ["new_followers", "new_followers", "net_new_followers", "net_new_followers"],
            "period_start": [dt.date(2026, 2, 2), dt.date(2026, 2, 9)] * 2,
            "value": [10.0, 7.0, 6.0, float("nan")],
        }
    )
    flow = a.follower_flow(rows)
    new = flow[flow["flow"] == "new"]["followers"].tolist()
    lost = flow[flow["flow"] == "lost"]["followers"].tolist()
    assert new == [10.0, 7.0]
    assert lost == [4.0]  # the second week's net is unknown: no lost bar, not a zero

    split = pd.DataFrame(
        {
            "kpi": ["impressions", "impressions", "saves", "saves"],
            "platform": ["x", "instagram", "x", "instagram"],
            "value": [100.0, 200.0, float("nan"), float("nan")],
        }
    )
    table = a.by_breakdown_table(split, "platform", ["saves", "impressions"])
    assert table.columns.tolist() == ["platform", "impressions"]
    assert dict(zip(table["platform"], table["impressions"], strict=True)) == {
        "instagram": 200.0,
        "x": 100.0,
    }
