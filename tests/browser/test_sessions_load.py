"""A bounded load test on loopback: four sessions upload at once, each sees only its own data,
and the server's memory comes back once they close."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from tests.browser.browserkit import health, idle, streamlit_process, streamlit_server, upload

pytestmark = pytest.mark.browser

SESSIONS = 4
ROWS = 60_000  # ≈ 4 MB per file: enough to see memory move, small enough for CI
RETURN_WITHIN_S = 60
RETURNED = 0.25  # share of the sessions' memory that must be back within the minute


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _export(path: Path, platform: str, seed: int) -> int:
    """A posts export for one platform; returns its total impressions."""
    rnd = random.Random(seed)
    total = 0
    lines = ["published_at,platform,post_id,impressions,likes,comments,shares,text"]
    for i in range(ROWS):
        impressions = rnd.randint(100, 5000)
        total += impressions
        day = 1 + i % 28
        lines.append(
            f"2026-02-{day:02d} {i % 24:02d}:00,{platform},{platform}-{i},{impressions},"
            f"{rnd.randint(0, 90)},{rnd.randint(0, 9)},{rnd.randint(0, 9)},post {i} #tag{i % 50}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return total


def test_four_sessions_upload_at_once_stay_apart_and_memory_returns(browser, tmp_path):
    platforms = [f"platform{n}" for n in range(SESSIONS)]
    files = [tmp_path / f"{p}_posts.csv" for p in platforms]
    for n, (name, path) in enumerate(zip(platforms, files, strict=True)):
        _export(path, name, n)
    with streamlit_server() as url:
        pid = streamlit_process(url).pid
        first = browser.new_page()
        first.goto(url)
        idle(first)
        first.close()
        time.sleep(5)  # the closed tab's session is released after a few seconds
        baseline = _rss_mb(pid)

        contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in files]
        pages = [c.new_page() for c in contexts]
        for page in pages:
            page.goto(f"{url}/data")
        for page in pages:
            idle(page)
        for page, path in zip(pages, files, strict=True):  # all four start before any ends
            upload(page, path)
        for page in pages:
            page.wait_for_selector("text=Showing your files.", timeout=180_000)
            idle(page, timeout=180_000)
        peak = _rss_mb(pid)

        for n, page in enumerate(pages):
            # The platform filter lists the platforms of this session's data, and only those.
            page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
            options = page.locator('[role="listbox"]').first
            options.wait_for(timeout=30_000)
            # The list opens before its options are drawn on a busy machine: wait for one.
            options.locator('[role="option"]').first.wait_for(timeout=30_000)
            seen = options.inner_text()
            page.keyboard.press("Escape")
            assert platforms[n] in seen, (n, seen)
            assert not any(other in seen for other in platforms if other != platforms[n]), seen

        for context in contexts:
            context.close()
        deadline = time.monotonic() + RETURN_WITHIN_S
        now = _rss_mb(pid)
        while time.monotonic() < deadline and now > peak - RETURNED * (peak - baseline):
            time.sleep(2)
            now = _rss_mb(pid)
        print(f"server RSS: baseline {baseline:.0f} MB, peak {peak:.0f} MB, after {now:.0f} MB")
        assert health(url)
        # Within a minute the sessions' databases and tables are gone and their memory handed
        # back; what stays is the interpreter's own heap, which Python keeps for reuse.
        assert now <= peak - RETURNED * (peak - baseline), (baseline, peak, now)
