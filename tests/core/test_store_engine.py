"""Recognition by canonical names, the session store's views, and the first KPIs on tiny tables."""

from __future__ import annotations

import pytest

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


def test_sessions_do_not_see_each_others_tables(store):
    other = SessionData()
    assert other.datasets() == {}
    assert other.con.execute("SELECT count(*) FROM information_schema.tables").fetchall()[0][0] == 0
