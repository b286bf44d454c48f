"""Names that came from a workspace file (objectives, tactics) are shown literally on the Plan and
Scorecard pages — no Markdown image fetched, no bold drawn — and a control character in them
does not stop the map's PNG export or the slides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.export import chart_png
from kpi.scorecard import saved
from kpi.scorecard.model import default_map
from kpi.scorecard.plan import default_plan
from kpi.slides import slides_pdf, view_slides
from kpi.store import SessionData
from kpi.views import VIEWS, Chart, ViewContext
from tests.conftest import load_sample
from tests.uikit import plain

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "![x](http://example.com/beacon.png) **loud**\x01"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def hostile() -> SessionData:
    data = SessionData()
    data.add(load_sample("conversations.csv"))
    card, plan = default_map(), default_plan()
    card.objectives[3].labels = {"en": f"Care {HOSTILE}"}  # "communicate", internal processes
    plan.objectives[0].labels = {"en": f"Sales {HOSTILE}"}
    plan.objectives[0].kpis[0].tactics = [f"Tactic {HOSTILE}", "Another"]
    saved.store(data.workspace, card, plan)
    yield data
    data.close()  # (the app's session may have closed it already)


def _texts(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error")
    return [e.value for kind in kinds for e in at.get(kind)]


@pytest.mark.parametrize("page", ["plan", "scorecard"])
@pytest.mark.parametrize("present", [False, True])
def test_names_from_the_workspace_are_inert(hostile, page, present):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.session_state["session_data"] = hostile
    if present:
        at.query_params["present"] = "1"
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    if present and page == "scorecard":  # the map, financial, customer ×2, then "Care …"
        for _ in range(4):
            at.button(key="slide-next").click().run()
    texts = _texts(at)
    shown = [t for t in texts if "beacon" in t]
    assert shown, "the name is on the page"
    for text in shown:
        assert "![x](http" not in text and "**loud**" not in text, text  # escaped, every time
        assert "\x01" not in text
    assert any("![x](http://example.com/beacon.png) **loud**" in plain(t) for t in shown)


def test_the_map_and_its_slides_export_with_a_control_character(hostile):
    ctx = ViewContext(hostile.con, hostile.workspace, dt.date(2026, 10, 1), dt.date(2026, 10, 31),
                      present=True)  # fmt: skip
    view = VIEWS["scorecard"](ctx)
    chart = next(b for s in view.sections for b in s.blocks if isinstance(b, Chart))
    assert chart_png(chart.spec).startswith(b"\x89PNG")
    slides = view_slides(view)
    assert any("beacon" in title and "\x01" not in title for title, _ in slides)
    assert slides_pdf(slides[4:5]).startswith(b"%PDF")
