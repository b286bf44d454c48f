"""The Engagement and Audience pages through AppTest: sample data, an empty session, presenter mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.store import SessionData
from tests.uikit import plain

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _open(page: str, empty: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if empty:
        at.session_state["session_data"] = SessionData()
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    return at


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _texts(at: AppTest) -> str:
    return " ".join(
        [i.value for i in at.info] + [c.value for c in at.caption] + [m.value for m in at.markdown]
    )


def test_engagement_page_on_sample_data_shows_tiles_charts_and_table():
    at = _open("engagement")
    assert at.title[0].value == "Engagement"
    values = {m.label: m.value for m in at.metric}
    assert {"Impressions", "Engagement rate", "Followers", "Net new followers", "Saves"} <= set(
        values
    )
    assert values["Impressions"] not in ("—", "0")
    assert len(_charts(at)) >= 2  # engagement rate by platform, new vs lost followers
    assert at.dataframe, "the KPIs-by-platform table is shown"
    table = at.dataframe[0].value
    assert "platform" in table.columns and len(table) >= 2


def test_audience_page_on_sample_data_shows_pyramid_segments_and_heatmap():
    at = _open("audience")
    assert at.title[0].value == "Audience"
    specs = _charts(at)
    assert len(specs) == 5  # pyramid, countries, cities, languages, heatmap
    dumped = json.dumps(specs)
    assert "Women" in dumped and "Men" in dumped
    assert at.number_input[0].value == 3
    at.number_input[0].set_value(1).run()
    assert not at.exception
    assert len(_charts(at)) == 5


def test_engagement_page_on_an_empty_session_says_what_is_needed():
    at = _open("engagement", empty=True)
    assert not at.get("vega_lite_chart")
    text = _texts(at)
    assert "needs:" in text and "export" in text


def test_audience_page_on_an_empty_session_says_what_is_needed():
    at = _open("audience", empty=True)
    assert not at.get("vega_lite_chart")
    infos = " ".join(i.value for i in at.info)
    assert "needs: audience" in infos and "needs: posts" in infos


@pytest.mark.parametrize("page", ["engagement", "audience"])
def test_presenter_mode_shows_one_section_and_a_next_button(page):
    # The page file is opened directly (as a link to it is): in AppTest, switching pages from
    # app.py drops the presenter toggle's state, so the query parameter would not reach the page.
    at = AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=120)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert "Next" in [b.label for b in at.button]
    assert "1 / 4" in " ".join(c.value for c in at.caption)
    assert len(at.subheader) == 1
    first = at.subheader[0].value
    at.button(key="slide-next").click().run()
    assert not at.exception
    assert "2 / 4" in " ".join(c.value for c in at.caption)
    assert first not in [s.value for s in at.subheader]
    assert at.get("vega_lite_chart"), "the second slide draws its chart(s)"


# An X post (X writes UTC) published at 09:00 UTC on Monday 5 January 2026: 10:00 in Warsaw.
X_POSTS = (
    b"post_id,published_at,platform,impressions,likes,comments,shares\n"
    b"a,2026-01-05 09:00,x,1000,50,5,5\n"
)


def _posts_in(zone: str | None) -> SessionData:
    from kpi.load import load_files

    data = SessionData()
    data.workspace.set_timezone(zone)
    data.add(load_files([("x_posts.csv", X_POSTS)]))
    data.source = "uploads"
    return data


def _posted_hours(rows: list[dict]) -> set[int]:
    return {int(r["hour"]) for r in rows if r.get("posts")}


def _chart_rows(at: AppTest) -> list[list[dict]]:
    """Each chart's rows, as Streamlit ships them (Arrow, beside the spec)."""
    import pyarrow as pa

    return [
        [
            r
            for d in c.proto.datasets
            for r in pa.ipc.open_stream(d.data.data).read_all().to_pylist()
        ]
        for c in at.get("vega_lite_chart")
    ]


@pytest.mark.parametrize(("zone", "hour"), [("Europe/Warsaw", 10), (None, 9)])
def test_best_time_heatmap_reads_hours_on_the_sessions_clock_and_says_which(zone, hour):
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["session_data"] = _posts_in(zone)
    at.run()
    at.switch_page("app_pages/audience.py").run()
    assert not at.exception
    number = next(n for n in at.number_input if n.key == "audience_min_posts")
    number.set_value(1).run()
    (heatmap,) = [rows for rows in _chart_rows(at) if _posted_hours(rows)]
    assert _posted_hours(heatmap) == {hour}
    captions = " ".join(plain(c.value) for c in at.caption)
    assert f"Hours are in the {zone or 'UTC'} time zone" in captions


def test_best_time_slide_reads_hours_on_the_sessions_clock():
    import datetime as dt
    from types import SimpleNamespace

    from kpi.slides import audience_slides

    controls = SimpleNamespace(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), grain="week", compare=None, filters={}
    )
    slides = audience_slides(_posts_in("Europe/Warsaw"), controls)
    title, charts = slides[-1]
    assert title == "Best time to post"
    # the slide keeps the page's minimum of 3 posts: the one post's cell is counted, not rated
    spec = charts[0].to_dict()
    assert spec["title"] == "Hours in the Europe/Warsaw time zone"
    assert _posted_hours([r for rows in spec["datasets"].values() for r in rows]) == {10}
