"""The report opened from a file:// URL in a real Chromium with the network blocked: every chart
draws with a size, and the page asks for nothing but itself."""

from __future__ import annotations

import pytest

from kpi.engine import data_end
from kpi.report import HEADLINE, build_report, period_for
from kpi.store import SessionData
from tests.conftest import load_sample

pytestmark = pytest.mark.browser


def test_report_opens_offline(browser, tmp_path):
    data = SessionData()
    data.add(load_sample())
    start, end = period_for("last-month", data_end(data.con, HEADLINE))
    report = tmp_path / "report.html"
    report.write_text(build_report(data, start, end), encoding="utf-8")

    requested: list[str] = []
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        context.on("request", lambda r: requested.append(r.url))
        context.route(
            "**/*",
            lambda r: r.abort() if not r.request.url.startswith("file:") else r.continue_(),
        )
        page = context.new_page()
        page.goto(report.as_uri(), wait_until="load")
        sizes = page.eval_on_selector_all(
            "svg",
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [r.width, r.height]; })",
        )
        assert len(sizes) >= 3
        assert all(w > 0 and h > 0 for w, h in sizes), sizes
        assert page.locator("h1").inner_text().startswith("Monthly report")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    finally:
        context.close()
    assert (tmp_path / "report.png").stat().st_size > 0
    assert requested and all(url.startswith("file:") for url in requested), requested
