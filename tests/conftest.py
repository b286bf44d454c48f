"""Shared test set-up: the project root on the path, and where the shared real exports live."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_REAL = ROOT.parent / "shared" / "data" / "real"
SAMPLE_DIR = ROOT / "sample_data"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def shared_real() -> Path:
    """The folder of real exports beside the project; the test is skipped where it is absent."""
    if not SHARED_REAL.is_dir():
        pytest.skip(
            "../shared/data/real/ is not beside the project (a user's clone): real-export tests skipped"
        )
    return SHARED_REAL
