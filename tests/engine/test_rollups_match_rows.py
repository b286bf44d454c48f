"""Rollups answer exactly what the rows answer: on generated posts and ads (missing counts,
missing dimensions, ranged ad reports), any request (KPIs, grain, breakdown, filters,
comparison, dates) gives the same rows from the rollups as from the canonical views; and a
request the rollups cover really reads them, one they cannot answer reads the rows."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.engine import Request, run
from kpi.engine.rollups import PREFIX
from kpi.load import load_file
from kpi.model import Kpi
from kpi.store import SessionData
from tests.engine.conftest import session

START = dt.date(2026, 1, 1)
DAYS = 120
PLATFORMS = ("facebook", "instagram", "x")
TYPES = ("photo", "video", "")
CAMPAIGNS = ("spring", "brand", "")
POST_KPIS = (
    "impressions", "reach", "likes", "comments", "shares", "engagement", "engagement_rate",
    "engagement_rate_by_reach", "posts", "avg_clicks_per_post", "avg_shares_per_article",
)  # fmt: skip
AD_KPIS = ("spend", "cost_per_click", "cost_per_lead", "roas", "roi", "avg_spend_per_campaign")

count = st.one_of(st.none(), st.integers(0, 5000))
post = st.tuples(
    st.integers(0, DAYS - 1),
    st.sampled_from(PLATFORMS),
    st.sampled_from(TYPES),
    st.sampled_from(CAMPAIGNS),
    count,
    count,
    st.integers(0, 300),
    st.integers(0, 40),
    st.integers(0, 20),
    st.integers(0, 60),
)
ad = st.tuples(
    st.integers(0, DAYS - 1),
    st.sampled_from((0, 0, 0, 6, 30)),  # most rows one day, some a week or a month
    st.sampled_from(PLATFORMS),
    st.sampled_from(CAMPAIGNS),
    st.floats(0, 500, allow_nan=False).map(lambda v: round(v, 2)),
    st.integers(0, 90),
    st.one_of(st.none(), st.integers(0, 9)),
    st.floats(0, 900, allow_nan=False).map(lambda v: round(v, 2)),
)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _posts_csv(rows: list[tuple]) -> str:
    lines = ["post_id,published_at,platform,post_type,campaign,impressions,reach,likes,"
             "comments,shares,clicks"]  # fmt: skip
    for i, (day, platform, kind, campaign, imp, reach, likes, com, sh, clicks) in enumerate(rows):
        when = START + dt.timedelta(days=day)
        values = (imp, reach, likes, com, sh, clicks)
        lines.append(
            f"p{i},{when} {8 + i % 12:02d}:30,{platform},{kind},{campaign},"
            + ",".join(_cell(v) for v in values)
        )
    return "\n".join(lines) + "\n"


def _ads_csv(rows: list[tuple]) -> str:
    lines = ["date,date_end,platform,campaign,spend,clicks,leads,conversion_value"]
    for day, span, platform, campaign, spend, clicks, leads, value in rows:
        first = START + dt.timedelta(days=day)
        last = first + dt.timedelta(days=span)
        lines.append(
            f"{first},{last},{platform},{campaign},{spend},{clicks},{_cell(leads)},{value}"
        )
    return "\n".join(lines) + "\n"


requests = st.fixed_dictionaries(
    {
        "kpis": st.lists(st.sampled_from(POST_KPIS + AD_KPIS), min_size=1, max_size=5, unique=True),
        "first": st.integers(-10, DAYS),
        "length": st.integers(0, DAYS),
        "grain": st.sampled_from((None, "day", "week", "month", "quarter")),
        "by": st.sampled_from(((), ("platform",), ("campaign",), ("platform", "campaign"))),
        "platforms": st.lists(st.sampled_from(PLATFORMS), max_size=2, unique=True),
        "campaigns": st.lists(st.sampled_from(("spring", "brand")), max_size=1, unique=True),
        "compare": st.sampled_from((None, "previous", "year")),
    }
)


def _request(drawn: dict) -> Request:
    start = START + dt.timedelta(days=drawn["first"])
    filters = {}
    if drawn["platforms"]:
        filters["platform"] = tuple(drawn["platforms"])
    if drawn["campaigns"]:
        filters["campaign"] = tuple(drawn["campaigns"])
    return Request(
        tuple(drawn["kpis"]),
        start,
        start + dt.timedelta(days=drawn["length"]),
        drawn["grain"],
        drawn["by"],
        filters,
        drawn["compare"],
    )


def _same(from_rollups, from_rows) -> None:
    assert [n.kpi for n in from_rollups.needs] == [n.kpi for n in from_rows.needs]
    assert from_rollups.notes == from_rows.notes
    pd.testing.assert_frame_equal(
        from_rollups.rows.reset_index(drop=True),
        from_rows.rows.reset_index(drop=True),
        check_dtype=False,
        rtol=1e-9,
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(post, min_size=1, max_size=40),
    st.lists(ad, min_size=1, max_size=15),
    st.lists(requests, min_size=1, max_size=4),
)
def test_rollups_give_what_the_rows_give(posts, ads, drawn):
    data = session(posts=_posts_csv(posts), ads=_ads_csv(ads))
    for one in drawn:
        request = _request(one)
        _same(run(data.con, request), run(data.con, request, rollups=False))
    data.close()


def _three_posts():
    return session(
        posts=_posts_csv(
            [
                (0, "facebook", "photo", "spring", 100, 80, 10, 1, 1, 5),
                (1, "instagram", "video", "brand", 200, None, 20, 2, 0, 0),
                (9, "facebook", "photo", "", None, 50, 5, 0, 1, 1),
            ]
        )
    )


def _reads(sql: str, rollup: str) -> bool:
    return re.search(rf"\bFROM \"?{PREFIX}{rollup}\b", sql) is not None


def test_a_covered_request_reads_the_smallest_rollup():
    data = _three_posts()
    request = Request(("impressions", "engagement_rate"), START, START + dt.timedelta(days=13),
                      "week", ("platform",), compare="previous")  # fmt: skip
    result = run(data.con, request)
    assert _reads(result.sql["posts"], "posts__platform")
    rows = result.rows.set_index(["kpi", "period_start", "platform"])["value"]
    monday = dt.date(2025, 12, 29)  # the week of 1 January 2026 starts on a Monday
    assert rows[("impressions", START, "facebook")] == 100  # clipped to the range's first day
    assert rows[("engagement_rate", START, "instagram")] == (20 + 2 + 0) / 200
    # The third post has no impressions: NULL, not 0.
    assert pd.isna(rows[("impressions", monday + dt.timedelta(days=7), "facebook")])
    # A campaign filter needs the finer rollup.
    filtered = run(data.con, Request(("likes",), START, START + dt.timedelta(days=13),
                                     filters={"campaign": ("spring",)}))  # fmt: skip
    assert _reads(filtered.sql["posts"], "posts__platform_post_type_campaign")
    assert filtered.rows["value"].tolist() == [10]
    data.close()


def test_what_the_rollups_cannot_answer_reads_the_rows():
    data = _three_posts()
    end = START + dt.timedelta(days=13)
    # A breakdown the rollups do not keep.
    by_text = run(data.con, Request(("likes",), START, end, by=("post_id",)))
    assert PREFIX not in by_text.sql["posts"]
    assert sorted(by_text.rows["value"].tolist()) == [5, 10, 20]
    # A distinct count of ids is not additive over days.
    distinct = Kpi("distinct_posts", "average", "posts", "count(DISTINCT post_id)",
                   labels={"en": "Distinct posts"})  # fmt: skip
    counted = run(data.con, Request(("distinct_posts",), START, end, extra=(distinct,)))
    assert PREFIX not in counted.sql["posts"]
    assert counted.rows["value"].tolist() == [3]
    data.close()


def test_rollups_are_built_when_the_data_changes_not_on_the_first_request():
    data = _three_posts()  # loaded; no request yet
    names = {
        r[0]
        for r in data.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert {f"{PREFIX}posts__platform", f"{PREFIX}posts__platform_post_type_campaign"} <= names
    data.remove_upload("none")  # any change rebuilds them over the new views
    names_after = {
        r[0]
        for r in data.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert f"{PREFIX}posts__platform" in names_after
    data.close()


def test_a_file_of_another_dataset_keeps_the_rollups_whose_rows_did_not_change():
    data = SessionData()
    data.add(load_file("posts.csv", _posts_csv([(0, "x", "photo", "", 10, 5, 1, 0, 0, 0)]).encode()),
             upload="p", name="posts.csv")  # fmt: skip
    before = data.summaries["posts"][1]
    assert before[("platform",)] is not None
    data.add(load_file("ads.csv", _ads_csv([(0, 0, "x", "", 5.0, 3, 1, 9.0)]).encode()))
    assert data.summaries["posts"][1][("platform",)] is before[("platform",)]  # not rebuilt
    assert "ads" in data.summaries
    # Its answers still come from it, on the new data version.
    result = run(data.con, Request(("impressions",), START, START, by=("platform",)))
    assert _reads(result.sql["posts"], "posts__platform")
    assert result.rows["value"].tolist() == [10]
    data.remove_upload("p")  # the posts are gone: so are their rollups
    names = {
        r[0]
        for r in data.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert "posts" not in data.summaries
    assert not any(n.startswith(f"{PREFIX}posts__") for n in names)
    data.close()


def test_a_level_keeping_too_many_of_the_rows_is_not_built_and_the_rows_answer():
    # 30 000 posts over 10 days on 2 platforms in 4 500 campaigns: day × platform keeps 20 rows
    # (built), day × platform × post type × campaign 4 500, 15 % of the rows (not worth it).
    rows = [
        (i % 10, PLATFORMS[i % 2], "photo", f"c{i % 4500}", 10, 8, i % 3, 0, 0, 0)
        for i in range(30_000)
    ]
    data = session(posts=_posts_csv(rows))
    names = {
        r[0]
        for r in data.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert f"{PREFIX}posts__platform" in names
    assert f"{PREFIX}posts__platform_post_type_campaign" not in names
    end = START + dt.timedelta(days=9)
    by_platform = run(data.con, Request(("likes",), START, end, by=("platform",)))
    assert _reads(by_platform.sql["posts"], "posts__platform")
    # likes = i % 3 on every post: 10 000 posts of each remainder, alternating platforms.
    assert sorted(by_platform.rows["value"].tolist()) == [15_000, 15_000]
    one = run(data.con, Request(("likes",), START, end, filters={"campaign": ("c5",)}))
    assert PREFIX not in one.sql["posts"]
    # Campaign c5: posts 5, 4 505, …, 27 005 (7 of them), each with 2 likes.
    assert one.rows["value"].tolist() == [14]
    data.close()
