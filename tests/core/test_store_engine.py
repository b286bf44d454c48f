"""Recognition by canonical names, the session store's views, and the first KPIs on tiny tables."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi import engine
from kpi.catalog import BY_ID
from kpi.load import load_file
from kpi.mapping import normalise, platform_from_name, recognise
from kpi.store import SessionData

POSTS = (
    "published_at,impressions,likes,comments,shares\n"
    "2026-01-05 09:00,1000,40,5,5\n"  # week of 5 Jan
    "2026-01-06 09:00,1000,20,0,0\n"
    "2026-01-19 09:00,500,10,5,0\n"  # two weeks later: the week of 12 Jan is empty
)


@pytest.fixture
def store() -> SessionData:
    data = SessionData()
    data.add(load_file("instagram_posts.csv", POSTS.encode()))
    return data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Published At", "published_at"),
        ("  Impresiónes ", "impresiones"),
        ("Amount spent (EUR)", "amount_spent_eur"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("instagram_posts_march.csv", "instagram"),
        ("tweet_activity_metrics.csv", "x"),
        ("posts.csv", None),
    ],
)
def test_platform_from_file_name(name, platform):
    assert platform_from_name(name) == platform


def test_recognise_by_canonical_names():
    m = recognise(["published_at", "platform", "impressions", "Mystery"], "x.csv")
    assert m.dataset == "posts"
    assert m.mapping == {
        "published_at": "published_at",
        "platform": "platform",
        "impressions": "impressions",
        "Mystery": None,
    }
    assert m.confidence == pytest.approx(1.0)  # three exact names: fully sure
    assert recognise(["foo", "bar"], "x.csv").dataset is None


def test_store_builds_a_view_with_platform_from_the_file_name(store):
    assert store.datasets() == {"posts": 3}
    rows = store.con.execute("SELECT DISTINCT platform FROM posts").fetchall()
    assert rows == [("instagram",)]


def test_tile_sums_and_ratio_of_sums(store):
    end = dt.date(2026, 1, 19)
    start = end - dt.timedelta(days=27)
    assert engine.tile(store.con, BY_ID["impressions"], start, end).value == 2500
    # (40+5+5 + 20 + 10+5) / 2500 = 85 / 2500, not the mean of the per-post rates
    assert engine.tile(store.con, BY_ID["engagement_rate"], start, end).value == pytest.approx(
        85 / 2500
    )


def test_weekly_series_keeps_empty_weeks(store):
    df = engine.weekly_series(
        store.con, BY_ID["impressions"], dt.date(2026, 1, 5), dt.date(2026, 1, 19)
    )
    assert [str(d)[:10] for d in df["week"]] == [
        "2026-01-05",
        "2026-01-12",
        "2026-01-19",
    ]
    assert df["value"].tolist()[0] == 2000
    assert df["value"].isna().tolist() == [False, True, False]


def test_missing_dataset_is_named_with_its_export(store):
    missing = engine.missing_fields(store.con, BY_ID["spend"], store.datasets())
    assert missing is not None and missing.missing == ("ads",)
    assert "Ads" in missing.hint
    assert engine.missing_fields(store.con, BY_ID["impressions"], store.datasets()) is None


def test_change_of_a_rate_is_in_points():
    tile = engine.TileValue(BY_ID["engagement_rate"], 0.05, 0.04)
    assert tile.change == pytest.approx(0.01)
    assert engine.TileValue(BY_ID["impressions"], 150, 100).change == pytest.approx(0.5)
    assert engine.TileValue(BY_ID["impressions"], 150, 0).change is None


def test_sessions_do_not_see_each_others_tables(store):
    other = SessionData()
    assert other.datasets() == {}
    assert other.con.execute("SELECT count(*) FROM information_schema.tables").fetchall()[0][0] == 0


def test_followers_per_week_is_the_level_on_the_last_day_not_a_sum():
    daily = "date,platform,followers\n" + "".join(
        f"2026-01-{d:02d},x,{100 + d}\n2026-01-{d:02d},tiktok,{50 + d}\n" for d in range(5, 19)
    )
    data = SessionData()
    data.add(load_file("account_daily.csv", daily.encode()))
    df = engine.weekly_series(
        data.con, BY_ID["followers"], dt.date(2026, 1, 5), dt.date(2026, 1, 18)
    )
    # Sundays 11 and 18 Jan: (111 + 61) and (118 + 68)
    assert df["value"].tolist() == [172, 186]
    tile = engine.tile(data.con, BY_ID["followers"], dt.date(2026, 1, 12), dt.date(2026, 1, 18))
    assert (tile.value, tile.previous) == (186, 172)
