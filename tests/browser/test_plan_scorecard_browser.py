"""The Plan and Scorecard pages in a real browser at 1280×720, normally and in presenter mode:
no error box, the strategy map drawn, the plan's cron line shown. With KPI_SCREENSHOTS set,
the screenshots land there (docs/screenshots: plan, plan_present, scorecard,
scorecard_present)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.browserkit import idle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("present", [False, True], ids=["normal", "presenter"])
def test_plan_and_scorecard_render(server, browser, tmp_path, present):
    shots = Path(os.environ.get("KPI_SCREENSHOTS") or tmp_path)
    suffix = "_present" if present else ""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    for name in ("plan", "scorecard"):
        page.goto(f"{server}/{name}" + ("?present=1" if present else ""))
        idle(page)
        assert not page.locator('[data-testid="stException"]').count(), name
        assert not page.locator('[data-testid="stAlertContentError"]').count(), name
        main = page.inner_text('[data-testid="stMain"]')
        if name == "scorecard":
            page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks', timeout=60_000)
            assert "Strategy map" in main
        elif present:
            assert "1 / 4" in main and "More sales" in main
        else:
            assert "Measurement plan" in main and "More sales" in main
        page.wait_for_timeout(1500)  # let the grids finish painting
        page.screenshot(path=str(shots / f"{name}{suffix}.png"))
    page.close()


def test_the_cron_line_is_on_the_plan_page(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/plan")
    idle(page)
    code = page.locator('[data-testid="stCode"]').last
    code.scroll_into_view_if_needed()
    assert code.inner_text().startswith("0 8 * * 1 python -m kpi report exports/")
    page.close()
