"""Shared fixtures: the bundled sample data loaded once for the scorecard tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kpi.store import SessionData
from tests.conftest import load_sample


@pytest.fixture(scope="package")
def sample() -> Iterator[SessionData]:
    """Every sample file, loaded into one session (about ten seconds, so once per package)."""
    data = SessionData()
    data.add(load_sample())
    yield data
    data.close()
