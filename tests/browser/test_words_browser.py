"""In Chromium, in Polish: the data grid writes its cells as Polish does (checked by eye on
screenshots) and still sorts by the values, not by the written text; a presenter tile's long
value wraps instead of being cut."""

from __future__ import annotations

import pytest

from tests.browser.browserkit import idle

pytestmark = pytest.mark.browser


def _column(grid, index: int, width: int) -> list[str]:
    """A column's cells as the grid's accessibility table holds them (the underlying values:
    the written ones are drawn on a canvas)."""
    cells = grid.locator('[id^="glide-cell-"]').all_text_contents()
    return cells[index::width]


def test_a_polish_grid_sorts_by_value_not_by_the_written_text(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/paid?lang=pl")
    idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    headers = grid.locator('[role="columnheader"]')
    headers.filter(has_text="Wyświetlenia").wait_for(state="attached", timeout=30_000)
    titles = headers.all_text_contents()
    column = titles.index("Wyświetlenia")
    # The header is drawn on the canvas: click where `Wyświetlenia` is drawn at this width (a
    # click elsewhere sorts another column, and the order below is then not the values').
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 400, box["y"] + 18)
    page.wait_for_timeout(1000)
    shown = [float(v) for v in _column(grid, column, len(titles))]
    # Written as text (`111 700`, `11 643`, `3 058`), the order would differ from the values'.
    assert len(shown) >= 3 and shown == sorted(shown)
    page.close()


def test_a_long_polish_tile_value_wraps_on_a_presenter_slide(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server}/?lang=pl&present=1")
    idle(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    values = page.locator('[data-testid="stMetricValue"]')
    texts = values.all_inner_texts()
    assert any("\u00a0h" in v and "min" in v for v in texts), texts  # response time: 1 h 30 min
    cut = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"] *')]
             .filter(e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis')
             .map(e => e.textContent)"""
    )
    assert cut == []
    page.close()
