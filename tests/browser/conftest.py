"""Browser-test fixtures: one server for the whole run, driven by the one Chromium of
tests/conftest.py (each test opens its own tabs, and each tab is a session of its own, so tests
only share what the server keeps for everyone: the sample read once). A test that needs a
server of its own (a first visitor, its memory) starts one with `streamlit_server`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.browserkit import streamlit_server


@pytest.fixture(scope="session")
def server(browser) -> Iterator[str]:
    """The URL of a `streamlit run app.py` shared by the browser tests."""
    with streamlit_server() as url:
        yield url
