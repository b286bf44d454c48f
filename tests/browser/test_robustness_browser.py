"""What only a real browser shows: a report built from a file with control characters leaves
the server alive for everyone, Markdown in a file fetches nothing, presenter mode can be left,
and dates typed just before a page link survive it."""

from __future__ import annotations

import pytest

from tests.browser.browserkit import health, idle, upload

pytestmark = pytest.mark.browser

CONTROL_CSV = (
    "published_at,platform,post_type,text,impressions,likes,comments,shares\n"
    "2026-01-05 10:00,insta\x01gram,re\x0bel,caf\x1fé,1000,50,5,5\n"
    "2026-01-06 10:00,facebook,photo,ok,2000,10,1,1\n"
    "2026-01-13 10:00,facebook,photo,ok,1500,20,2,2\n"
)


def _upload(page, server: str, path) -> None:
    page.goto(f"{server}/data")
    idle(page)
    upload(page, path)
    # Only the run after an upload says this ("file(s) read" also ends "…read cleanly").
    page.wait_for_selector("text=Showing your files.", timeout=60_000)
    idle(page)


def _no_exception(page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()[:500]


def test_report_of_a_control_character_file_leaves_the_server_up(server, browser, tmp_path):
    csv = tmp_path / "controls.csv"
    csv.write_text(CONTROL_CSV, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    _upload(page, server, csv)
    page.get_by_role("link", name="Overview").first.click()
    idle(page)
    for label, size in (("Report (HTML)", 1000), ("Slides (PDF)", 1000)):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=label).click()
        path = download.value.path()
        assert path is not None and path.stat().st_size > size
        idle(page)
        _no_exception(page)
    assert health(server)
    # A PNG of a chart whose labels hold the control characters, too.
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="PNG").first.click()
    assert download.value.path().read_bytes()[:4] == b"\x89PNG"
    assert health(server)
    other = browser.new_page(viewport={"width": 1280, "height": 720})
    other.goto(server)
    idle(other)
    assert "Impressions" in other.inner_text('[data-testid="stMain"]')
    other.close()
    page.close()


def test_markdown_in_a_file_fetches_nothing(server, browser, tmp_path):
    csv = tmp_path / "beacon.csv"
    csv.write_text(
        "published_at,platform,impressions,![b](http://127.0.0.1:9/header.png)\n"
        "2026-01-05 10:00,![p](http://127.0.0.1:9/value.png),1000,**b**\n"
        "2026-01-06 10:00,x,oops,$$x$$\n",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "127.0.0.1:9" in r.url else None)
    _upload(page, server, csv)
    page.wait_for_timeout(1500)
    main = page.inner_text('[data-testid="stMain"]')
    assert "beacon.csv" in main
    assert fetched == []
    assert page.locator('[data-testid="stMain"] img[src*="127.0.0.1:9"]').count() == 0
    page.close()


def test_presenter_mode_can_be_left_from_a_link(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server}/engagement?present=1")
    idle(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    page.get_by_role("button", name="Leave presenter mode").click()
    page.wait_for_selector('[data-testid="stSidebar"]', state="visible", timeout=60_000)
    idle(page)
    _no_exception(page)
    assert page.get_by_role("button", name="Leave presenter mode").count() == 0
    assert "present=1" not in page.url
    page.close()


def test_dates_typed_then_a_page_link_keep_the_dates(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    idle(page)
    for which, digits in (("start", "20260105"), ("end", "20260222")):
        page.get_by_role("spinbutton", name=f"year, Dates {which} date").click()
        page.keyboard.type(digits)  # year, month and day segments advance by themselves
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Engagement").first.click()  # at once, while the rerun runs
    idle(page)
    _no_exception(page)
    page.wait_for_timeout(500)
    idle(page)
    main = page.inner_text('[data-testid="stMain"]')
    assert "5 Jan 2026" in main and "22 Feb 2026" in main, main[:400]
    assert "from=2026-01-05" in page.url and "to=2026-02-22" in page.url
    page.close()
