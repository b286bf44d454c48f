"""Each view's content on small hand-made files: the values its tiles, tables and charts hold,
computed by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from kpi.load import load_paths
from kpi.store import SessionData
from kpi.views import VIEWS, Chart, Needs, Table, Text, Tiles
from kpi.views.common import context

POSTS = (
    "published_at,platform,post_id,text,impressions,reach,likes,comments,shares\n"
    "2026-03-02 10:00,instagram,p1,Plain post #coffee,1000,800,40,10,10\n"  # 60 / 1000
    "2026-03-03 10:00,facebook,p2,Quiet post,500,400,5,3,2\n"  # 10 / 500
    "2026-03-04 10:00,instagram,p3,Third post #coffee @aurora,300,250,20,5,5\n"  # 30 / 300
    "2026-02-20 10:00,instagram,p4,Too early,9999,9000,999,99,99\n"
)
ADS = (
    "date,platform,campaign,spend,impressions,clicks,leads,purchases,conversion_value\n"
    "2026-03-02,facebook,spring,100,1000,10,2,1,300\n"
    "2026-03-03,facebook,spring,50,500,5,1,0,0\n"
    "2026-03-04,google,search,30,300,6,3,1,90\n"
)


@dataclasses.dataclass(frozen=True)
class Ctl:
    start: dt.date = dt.date(2026, 3, 2)
    end: dt.date = dt.date(2026, 3, 8)
    grain: str = "week"
    compare: str | None = None
    filters: dict = dataclasses.field(default_factory=dict)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> SessionData:
    folder: Path = tmp_path_factory.mktemp("tiny")
    (folder / "posts.csv").write_text(POSTS, encoding="utf-8")
    (folder / "ads.csv").write_text(ADS, encoding="utf-8")
    data = SessionData()
    data.add(load_paths([str(folder)]))
    assert {"posts", "ads"} <= set(data.datasets())
    return data


def _values(tiles: Tiles) -> dict[str, float]:
    return {r["kpi"]: r["value"] for r in tiles.rows.to_dict("records")}


def _first(view, kind, section: str | None = None):
    blocks = view.blocks(view.section(section)) if section else view.blocks()
    return next(b for b in blocks if isinstance(b, kind))


def test_overview_tiles_trend_and_platforms(tiny):
    view = VIEWS["overview"](context(tiny, Ctl()))
    assert [s.id for s in view.sections] == ["tiles", "trend", "platforms"]
    values = _values(_first(view, Tiles, "tiles"))
    assert values["impressions"] == 1800  # 1000 + 500 + 300; the February post is outside
    assert values["engagement_rate"] == pytest.approx(100 / 1800)
    assert values["spend"] == 180
    assert values["roas"] == pytest.approx(390 / 180)
    trend = _first(view, Chart, "trend")
    assert trend.kpis == ("impressions",) and trend.name == "impressions_trend"
    bars = _first(view, Chart, "platforms")
    data = bars.spec.data.set_index("platform")["value"]  # platforms by people's names
    assert data["Instagram"] == pytest.approx(90 / 1300)
    assert data["Facebook"] == pytest.approx(10 / 500)
    # The KPIs without data are listed with the export that provides them.
    needs = {n.kpi for n in _first(view, Tiles, "tiles").needs}
    assert {"sessions", "bounce_rate"} <= needs


def test_engagement_table_by_platform(tiny):
    view = VIEWS["engagement"](context(tiny, Ctl()))
    table = _first(view, Table, "table")
    frame = table.frame.set_index("platform")
    assert frame.loc["instagram", "impressions"] == 1300
    assert frame.loc["facebook", "impressions"] == 500
    assert frame.loc["instagram", "likes"] == 60
    assert table.labels["platform"] == "Platform"
    assert table.slide_columns[0] == "platform"


def test_paid_campaigns_and_tiles(tiny):
    view = VIEWS["paid"](context(tiny, Ctl()))
    assert [s.id for s in view.sections] == ["tiles", "trend", "campaigns"]
    values = _values(_first(view, Tiles, "tiles"))
    assert values["spend"] == 180
    assert values["cost_per_click"] == pytest.approx(180 / 21)
    assert values["cost_per_lead"] == pytest.approx(180 / 6)
    table = _first(view, Table, "campaigns").frame
    spend = table.columns[1]
    assert list(table.iloc[:, 0]) == ["spring", "search"]  # largest spend first
    assert list(table[spend]) == [150, 30]


def test_content_ranking_and_tags(tiny):
    view = VIEWS["content"](context(tiny, Ctl(), min_impressions=0))
    top = _first(view, Table, "ranking")
    assert list(top.frame["engagement_rate"])[:3] == pytest.approx([0.1, 0.06, 0.02])
    assert top.formats["url"] == "link" and top.labels["text"] == "Post"
    tags = [b for b in view.blocks(view.section("hashtags")) if isinstance(b, Chart)]
    assert [c.name for c in tags] == ["hashtags_by_engagement", "hashtags_by_posts"]
    coffee = tags[1].spec.data.set_index("tag")["posts"]
    assert coffee["#coffee"] == 2
    # The threshold leaves out posts below it: only the 1,000-impression post is left.
    strict = VIEWS["content"](context(tiny, Ctl(), min_impressions=600))
    assert len(_first(strict, Table, "ranking").frame) == 1


def test_traffic_and_audience_say_what_they_need(tiny):
    traffic = VIEWS["traffic"](context(tiny, Ctl()))
    assert isinstance(traffic.blocks(traffic.section("channels"))[0], Needs)
    assert _first(traffic, Tiles, "tiles").rows.empty
    assert "sessions" in {n.kpi for n in _first(traffic, Tiles, "tiles").needs}
    audience = VIEWS["audience"](context(tiny, Ctl()))
    pyramid = audience.blocks(audience.section("pyramid"))
    assert isinstance(pyramid[0], Text) and "audience" in pyramid[0].text
    assert audience.charts() == ["Best time to post"]  # posts have hours: the heatmap is drawn


def test_an_empty_session_gives_every_view_without_error():
    empty = SessionData()
    for page, build in VIEWS.items():
        view = build(context(empty, Ctl()))
        assert view.sections, page
        assert isinstance(view.sections[0].blocks, tuple)


def test_tiles_hold_the_frames_the_engine_returned(tiny):
    tiles = _first(VIEWS["overview"](context(tiny, Ctl())), Tiles)
    assert isinstance(tiles.rows, pd.DataFrame) and {"kpi", "value"} <= set(tiles.rows.columns)
    assert tiles.per_row == 4 and tiles.present_per_row == 6


def test_explore_result_per_platform(tiny):
    view = VIEWS["explore"](context(tiny, Ctl(), kpi="impressions", by="platform"))
    assert [s.id for s in view.sections] == ["chart", "table"]
    chart = _first(view, Chart, "chart")
    assert chart.kpis == ("impressions",)
    rows = chart.spec.data
    totals = rows.groupby("platform")["value"].sum()
    assert totals["Instagram"] == 1300 and totals["Facebook"] == 500
    table = _first(view, Table, "table")
    assert table.download == "impressions_by_period" or table.download
    # A KPI the files cannot give: what it needs, and no table.
    lacking = VIEWS["explore"](context(tiny, Ctl(), kpi="sessions"))
    assert [s.id for s in lacking.sections] == ["chart"]
    assert isinstance(lacking.blocks()[0], Text) and "sessions" in lacking.blocks()[0].text.lower()


def test_leads_sections_say_what_they_need_without_a_crm(tiny):
    view = VIEWS["leads"](context(tiny, Ctl()))
    assert len(view.sections) == 12
    for section in view.sections[:10]:  # journeys, leads and customers come from a CRM
        notes = [b for b in view.blocks(section) if isinstance(b, Text) and b.kind == "info"]
        assert notes, section.id  # each part says which export it lacks
    # Growth and lift of leads read the leads of the ads export.
    assert view.charts() == ["kpi growth chart", "campaign lift chart"]
    lift = _first(view, Chart, "lift")
    assert lift.caption and "Leads" in lift.caption
