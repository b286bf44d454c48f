"""Every registered page view drawn by all three renderers on the bundled sample data: the page
(Streamlit, through AppTest), its slides and its report section hold the same KPIs and the same
charts — each is drawn from the one view."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.catalog import BY_ID
from kpi.load import load_paths
from kpi.report import render_report
from kpi.slides import view_slides
from kpi.store import SessionData
from kpi.views import VIEWS, Chart, Metrics, PageView, Table, Tiles, shown
from kpi.views.common import context, label

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = sorted(VIEWS)


@dataclasses.dataclass(frozen=True)
class Ctl:
    start: dt.date = dt.date(2026, 10, 5)
    end: dt.date = dt.date(2026, 10, 31)
    grain: str = "week"
    compare: str | None = "previous"
    filters: dict = dataclasses.field(default_factory=dict)
    present: bool = False


@pytest.fixture(scope="module")
def sample() -> SessionData:
    data = SessionData()
    data.add(load_paths([str(ROOT / "sample_data")]))
    data.source = "sample"
    return data


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _tile_labels(view: PageView, present: bool) -> set[str]:
    return {
        label(k, view.lang)
        for b in view.blocks()
        if isinstance(b, Tiles) and shown(b, present)
        for k in b.rows["kpi"]
    }


def _charts(view: PageView, present: bool) -> list[Chart]:
    return [b for b in view.blocks() if isinstance(b, Chart) and shown(b, present)]


def _datasets(chart) -> set[str]:
    return set(chart.to_dict().get("datasets", {}))


def _texts(chart) -> set[str]:
    """Every text a chart-drawn table (tiles, tables) shows."""
    found: set[str] = set()
    for rows in chart.to_dict().get("datasets", {}).values():
        for row in rows:
            found.update(str(v) for v in row.values())
    return found


@pytest.mark.parametrize("page", PAGES)
def test_slides_hold_the_views_sections_kpis_and_charts(sample, page):
    view = VIEWS[page](context(sample, Ctl(), present=True))
    slides = view_slides(view)
    assert [title for title, _ in slides] == [s.slide_title or s.title for s in view.sections]
    assert all(pictures for _, pictures in slides), "every slide shows something"
    drawn = [p for _, pictures in slides for p in pictures]
    texts = set().union(*(_texts(p) for p in drawn))
    assert _tile_labels(view, present=True) <= texts
    datasets = set().union(*(_datasets(p) for p in drawn))
    for chart in _charts(view, present=True):
        assert _datasets(chart.spec) <= datasets, chart.name  # the same data, drawn at slide size
    assert len(drawn) >= len(_charts(view, present=True))


@pytest.mark.parametrize("page", PAGES)
def test_report_section_holds_the_views_kpis_and_charts(sample, page):
    view = VIEWS[page](context(sample, Ctl()))
    html = render_report([view], title="T")
    section = html[html.index(f'<section id="{view.id}">') :]
    section = section[: section.index("</section>")]
    for name in _tile_labels(view, present=False):
        assert name.replace("&", "&amp;") in section, name
    charts = _charts(view, present=False)
    assert section.count("<svg") == len(charts)
    for block in view.blocks():
        if isinstance(block, Table) and shown(block, present=False):
            for column in block.frame.columns:
                title = block.labels.get(column, column)
                assert f">{title.replace('&', '&amp;')}</th>" in section or not title


def _fields(spec: dict) -> set[tuple[str, str]]:
    """(channel, field) of every encoding in a chart spec, layers and concatenations included."""
    found: set[tuple[str, str]] = set()
    for channel, value in (spec.get("encoding") or {}).items():
        if isinstance(value, dict) and "field" in value:
            found.add((channel, value["field"]))
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key) or ():
            found |= _fields(part)
    return found


def _open(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", PAGES)
def test_the_page_draws_the_same_view(page):
    at = _open(page)
    data = at.session_state["session_data"]
    ctl = at.session_state["_controls_current"]
    view = VIEWS[page](context(data, ctl))
    assert at.title[0].value == view.title
    labels = {m.label for m in at.metric}
    figures = {i.label for b in view.blocks() if isinstance(b, Metrics) for i in b.items}
    assert labels == _tile_labels(view, present=False) | figures
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == len(_charts(view, present=False))
    # The same charts in the same order: each page chart's marks and fields are the view's.
    for spec, chart in zip(specs, _charts(view, present=False), strict=True):
        assert _fields(spec) == _fields(chart.spec.to_dict()), chart.name
    subheaders = [h.value for h in at.subheader]
    for section in view.sections:
        if section.heading:
            assert section.heading in subheaders


@pytest.mark.parametrize("page", ["overview", "engagement", "traffic"])
def test_presenter_mode_shows_one_section_per_screen(page):
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    at.sidebar.toggle[0].set_value(True).run()
    assert not at.exception
    data = at.session_state["session_data"]
    ctl = at.session_state["_controls_current"]
    view = VIEWS[page](context(data, ctl))
    first = view.sections[0]
    position = " ".join(c.value for c in at.caption)
    assert f"1 / {len(view.sections)}" in position or first.title in position
    labels = {m.label for m in at.metric}
    assert labels == {
        label(k, view.lang)
        for b in view.blocks(first)
        if isinstance(b, Tiles) and shown(b, True)
        for k in b.rows["kpi"]
    }


def test_every_kpi_a_view_shows_is_in_the_catalog(sample):
    from kpi.scorecard.measures import MEASURES  # the map's analyses (quality, readability…)

    for page in PAGES:
        view = VIEWS[page](context(sample, Ctl()))
        assert view.kpis() <= set(BY_ID) | set(MEASURES), page
        assert re.fullmatch(r"[a-z_]+", view.id)
