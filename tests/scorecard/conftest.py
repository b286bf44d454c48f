"""Shared fixtures: the bundled sample data loaded once for the scorecard tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kpi.load import load_paths
from kpi.store import SessionData
from tests.conftest import SAMPLE_DIR


@pytest.fixture(scope="package")
def sample() -> Iterator[SessionData]:
    """Every sample file, loaded into one session (about ten seconds, so once per package)."""
    data = SessionData()
    data.add(load_paths([SAMPLE_DIR]))
    yield data
    data.close()
