"""Browser-test fixtures: one server and one Chromium for the whole run (each test opens its
own tabs, and each tab is a session of its own, so tests only share what the server keeps for
everyone: the sample read once); skipped without Chromium. A test that needs a server of its
own (a first visitor, its memory) starts one with `streamlit_server`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.browserkit import CHROMIUM, CHROMIUM_ARGS, streamlit_server


@pytest.fixture(scope="session")
def server(browser) -> Iterator[str]:
    """The URL of a `streamlit run app.py` shared by the browser tests."""
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium shared by the browser tests."""
    if not Path(CHROMIUM).exists():  # `make test` installs it; a bare pytest run may not have it
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
