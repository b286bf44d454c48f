"""One clock for hour-of-day and weekday analyses: Meta's naive local times and the other
platforms' UTC times are put on the business's time zone before they are bucketed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kpi.analytics.audience import weekday_hour
from kpi.engine.clock import local_hour_sql, local_time_sql, local_weekday_sql, valid_timezone
from kpi.errors import KpiError
from kpi.load import load_file
from kpi.store import SessionData
from kpi.workspace import Workspace

POSTS = {
    # Meta writes the page's local time: 10:00 in Warsaw
    "instagram_posts.csv": "post_id,published_at,impressions,likes\ni1,2026-01-05 10:00,100,10\n",
    # X writes UTC: 09:00 UTC is 10:00 in Warsaw (UTC+1 in January); 23:30 UTC on Sunday 4 Jan
    # is 00:30 on Monday in Warsaw
    "twitter_posts.csv": "post_id,published_at,impressions,likes\nx1,2026-01-05 09:00,100,30\nx2,2026-01-04 23:30,50,5\n",
}


@pytest.fixture
def data() -> SessionData:
    data = SessionData()
    for name, text in POSTS.items():
        data.add(load_file(name, text.encode()))
    return data


def _cells(frame):
    return {(r.weekday, r.hour): r.posts for r in frame.itertuples() if r.posts}


def test_best_time_puts_every_platform_on_the_business_clock(data):
    frame = weekday_hour(data.con, dt.date(2026, 1, 1), dt.date(2026, 1, 31), min_posts=1,
                         timezone="Europe/Warsaw")  # fmt: skip
    assert _cells(frame) == {(1, 10): 2, (1, 0): 1}
    cell = frame[(frame["weekday"] == 1) & (frame["hour"] == 10)].iloc[0]
    assert cell["rate"] == pytest.approx((10 + 30) / 200)
    # on UTC the Instagram post stays at its 10:00 and the X posts at their UTC hours
    utc = weekday_hour(data.con, dt.date(2026, 1, 1), dt.date(2026, 1, 31), min_posts=1)
    assert _cells(utc) == {(1, 10): 1, (1, 9): 1, (7, 23): 1}


def test_the_helpers_give_hour_and_weekday_on_the_local_clock(data):
    sql = (
        f"SELECT post_id, {local_hour_sql('published_at', 'America/Bogota')}, "
        f"{local_weekday_sql('published_at', 'America/Bogota')}, "
        f"{local_time_sql('published_at', 'America/Bogota')}::VARCHAR FROM posts ORDER BY post_id"
    )
    # Bogotá is UTC−5: 09:00 UTC → 04:00, 23:30 UTC Sunday → 18:30 Sunday; Meta's stays 10:00
    assert data.con.execute(sql).fetchall() == [
        ("i1", 10, 1, "2026-01-05 10:00:00"),
        ("x1", 4, 1, "2026-01-05 04:00:00"),
        ("x2", 18, 7, "2026-01-04 18:30:00"),
    ]


def test_the_workspace_keeps_the_time_zone_and_refuses_a_made_up_one():
    ws = Workspace()
    ws.set_timezone("Europe/Madrid")
    again = Workspace.from_json(ws.to_json())
    assert again.timezone == "Europe/Madrid"
    assert Workspace.from_json(Workspace().to_json()).timezone is None
    with pytest.raises(KpiError, match="time zone"):
        ws.set_timezone("Mars/Olympus")
    with pytest.raises(KpiError, match="time zone"):
        Workspace.from_json(json.dumps({"kpi_explorer_workspace": 1, "timezone": "Nowhere/X"}))
    with pytest.raises(KpiError):
        local_time_sql("published_at", "UTC'; DROP TABLE posts; --")
    assert valid_timezone(None) == "UTC"


def test_the_session_time_zone_comes_from_the_workspace_else_the_data_else_utc(data):
    assert data.timezone == "UTC"
    data.add(load_file("daily.csv", b"Date (Europe/Madrid),platform,followers\n2026-01-05,x,10\n"))
    assert data.timezone == "Europe/Madrid"
    data.workspace.set_timezone("Europe/Warsaw")
    assert data.timezone == "Europe/Warsaw"
