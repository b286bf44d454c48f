"""A real browser against `streamlit run`: the first screen draws a chart, and a CSV uploaded
through the Data page shows its load report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.browserkit import ROOT, idle, streamlit_server, upload

pytestmark = pytest.mark.browser


def test_first_screen_draws_kpi_tiles_and_a_chart(server, browser, tmp_path):
    # Tall enough that the screenshot holds the tiles and the charts below them.
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(server)
    idle(page)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks', timeout=60_000)
    assert page.locator('[data-testid="stMetric"]').count() >= 6
    assert "Impressions" in page.inner_text('[data-testid="stMain"]')
    shots = os.environ.get("KPI_SCREENSHOTS")
    page.screenshot(
        path=str(Path(shots) / "overview_full.png" if shots else tmp_path / "overview.png"),
        full_page=True,
    )
    page.close()


def test_upload_a_csv_and_see_its_load_report(server, browser, tmp_path):
    csv = tmp_path / "instagram_posts.csv"
    csv.write_text(
        "published_at;impressions;likes;comments;shares\n"
        "05/01/2026 10:00;1.234;50;5;5\n"
        "13/01/2026 10:00;oops;10;1;1\n"
        "20/01/2026 10:00;2.000;100;10;10\n",
        encoding="utf-8-sig",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    idle(page)
    page.get_by_role("link", name="Data").first.click()
    idle(page)
    upload(page, csv)
    page.wait_for_selector("text=instagram_posts.csv — 2 / 3", timeout=60_000)
    idle(page)
    main = page.inner_text('[data-testid="stMain"]')
    assert "Rows rejected" in main
    assert "semicolon" in main and "UTF-8 with BOM" in main
    assert "Rejected rows (1)" in main  # the grid itself draws on a canvas
    shots = os.environ.get("KPI_SCREENSHOTS")
    page.screenshot(
        path=str(Path(shots) / "data.png" if shots else tmp_path / "data.png"), full_page=True
    )
    page.close()


def test_a_shared_link_reopens_the_same_view(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(
        f"{server}/?from=2026-03-02&to=2026-04-26&grain=month&compare=year&platform=instagram"
    )
    idle(page)
    main = page.inner_text('[data-testid="stMain"]')
    assert "2 Mar 2026 – 26 Apr 2026" in main and "same period last year" in main
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert "Instagram" in sidebar  # the filter shows the name; the URL keeps the data's value
    assert "platform=instagram" in page.url and "grain=month" in page.url
    page.close()


def test_presenter_mode_is_a_slide_show(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server}/?present=1")
    idle(page)
    # The app writes the view into the address and runs again: what a person then sees has
    # no sidebar (a run's styles arrive with it, so wait for them rather than look between).
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=30_000)
    page.wait_for_function("document.body.innerText.includes('1 / 3')", timeout=30_000)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    shots = os.environ.get("KPI_SCREENSHOTS")
    page.screenshot(
        path=str(Path(shots) / "overview_present.png" if shots else tmp_path / "present.png")
    )
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.body.innerText.includes('2 / 3')", timeout=30_000)
    idle(page)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks', timeout=60_000)
    if shots:
        page.screenshot(path=str(Path(shots) / "overview_present_trend.png"))
    page.close()


PAGES = (
    "", "engagement", "audience", "content", "traffic", "paid", "leads", "plan", "scorecard",
    "explore", "data",
)  # fmt: skip


def _plan(page, main: str, present: bool) -> None:
    assert not page.locator('[data-testid="stAlertContentError"]').count(), "an error box"
    if present:
        assert "1 / 4" in main and "More sales" in main, main[:400]
        return
    assert "Measurement plan" in main and "More sales" in main, main[:400]
    code = page.locator('[data-testid="stCode"]').last
    code.scroll_into_view_if_needed()
    assert code.inner_text().startswith("0 8 * * 1 python -m kpi report exports/"), "the cron line"


def _scorecard(page, main: str, present: bool) -> None:
    assert not page.locator('[data-testid="stAlertContentError"]').count(), "an error box"
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks', timeout=60_000)
    assert "Strategy map" in main, main[:400]


# What some pages must show besides drawing without an exception.
CHECKS = {"plan": _plan, "scorecard": _scorecard}


@pytest.mark.parametrize("present", [False, True], ids=["normal", "presenter"])
def test_every_page_renders_at_1280x720(server, browser, present):
    """Each page draws without an error box, in turn in one tab of the shared server (the
    Plan and the Scorecard show their plan, cron line and strategy map); with KPI_SCREENSHOTS
    set, each page's screenshot lands there once it has finished painting (docs/screenshots:
    plan, plan_present, scorecard, scorecard_present, …)."""
    shots = os.environ.get("KPI_SCREENSHOTS")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    available = [p for p in PAGES if (ROOT / "app_pages" / f"{p or 'overview'}.py").exists()]
    for name in available:
        where = f"page /{name}" + (" in presenter mode" if present else "")
        page.goto(f"{server}/{name}" + ("?present=1" if present else ""))
        idle(page)
        if page.locator('[data-testid="stException"]').count():
            pytest.fail(
                f"{where} shows an exception: {page.inner_text('[data-testid=stException]')[:500]}"
            )
        if name in CHECKS:
            try:
                CHECKS[name](page, page.inner_text('[data-testid="stMain"]'), present)
            except Exception as exc:  # an assertion or playwright's TimeoutError: name the page
                pytest.fail(f"{where}: {type(exc).__name__}: {exc}")
        if shots:  # pictures for people: let a long page (Data, the grids) finish painting
            page.wait_for_timeout(1500)
            suffix = "_present" if present else ""
            page.screenshot(path=str(Path(shots) / f"{name or 'overview'}{suffix}.png"))
    page.close()


def test_the_sql_tab_answers_with_a_table_and_a_chart(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1300})
    page.goto(f"{server}/explore?tab=sql")
    idle(page)
    page.get_by_role("button", name="Run").click()
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks', timeout=60_000)
    idle(page)
    main = page.inner_text('[data-testid="stMain"]')
    assert "Tables you can query" in main and "6 rows · 3 columns" in main
    shots = os.environ.get("KPI_SCREENSHOTS")
    page.screenshot(
        path=str(Path(shots) / "explore_sql.png" if shots else tmp_path / "sql.png"),
        full_page=True,
    )
    page.close()


HOSTILE = (
    "published_at,platform,impressions,<img src=x onerror=\"window.__xss='name'\">\n"
    "2026-01-05 10:00,<img src=x onerror=\"window.__xss='value'\">,5,<script>window.__xss='s'</script>\n"
    "2026-01-06 10:00,x,7,plain\n"
)


def test_file_content_never_runs_as_html_in_a_real_browser(server, browser, tmp_path):
    csv = tmp_path / "hostile.csv"
    csv.write_text(HOSTILE, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/data")
    idle(page)
    upload(page, csv)
    # The run after the upload (the file's name may only be in the files grid, a canvas).
    page.wait_for_selector("text=Showing your files.", timeout=60_000)
    idle(page)
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__xss") is None
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    # The same session's SQL tab shows the values, as text.
    page.get_by_role("link", name="Explore").first.click()
    idle(page)
    page.get_by_role("tab", name="SQL").click()
    idle(page)
    page.locator("textarea").first.fill("SELECT platform, count(*) AS n FROM posts GROUP BY 1")
    page.get_by_role("button", name="Run").click()
    page.wait_for_selector("text=2 rows · 2 columns", timeout=60_000)
    idle(page)
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__xss") is None
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    page.close()


def test_a_deep_link_as_the_first_visit_still_gets_the_apps_navigation(browser):
    # A fresh server whose first visitor opens a shared link: the page must run under app.py
    # (titles, icons, wide layout), not as a bare script from a folder Streamlit discovered.
    with streamlit_server() as url:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{url}/explore?tab=sql")
        idle(page)
        nav = page.inner_text('[data-testid="stSidebarNav"]')
        assert "Traffic & conversions" in nav and "Overview" in nav
        assert "app" not in nav.split()
        page.close()
