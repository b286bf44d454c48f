"""Tiny canonical datasets for engine tests, loaded the way the app loads files."""

from __future__ import annotations

import pytest

from kpi.load import load_file
from kpi.store import SessionData

POSTS = """post_id,published_at,platform,impressions,likes,comments,shares,clicks
p1,2026-01-05 09:00,instagram,1000,40,5,5,10
p2,2026-01-06 09:00,facebook,1000,20,0,0,0
p3,2026-01-19 09:00,instagram,500,10,5,0,3
p4,2026-01-20 09:00,facebook,0,0,0,0,0
"""

ACCOUNT_DAILY = """date,platform,followers,new_followers
2026-01-05,x,105,5
2026-01-11,x,111,6
2026-01-12,x,112,1
2026-01-18,x,118,6
2026-01-05,tiktok,55,5
2026-01-11,tiktok,61,6
2026-01-18,tiktok,68,7
"""

ADS = """date,platform,campaign,spend,clicks,leads,new_followers,conversion_value
2026-01-05,facebook,spring,100.0,50,4,10,300.0
2026-01-06,facebook,spring,50.0,25,1,0,0.0
2026-01-12,instagram,brand,0.0,0,0,0,0.0
"""


def session(**files: str) -> SessionData:
    """A session with one file per dataset (file name = dataset name)."""
    data = SessionData()
    for name, text in files.items():
        data.add(load_file(f"{name}.csv", text.encode()))
    return data


@pytest.fixture
def data() -> SessionData:
    return session(posts=POSTS, account_daily=ACCOUNT_DAILY, ads=ADS)
