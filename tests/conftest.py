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


def use_settings(monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    """Run the rest of one test with some operator settings changed (unchecked, typed values:
    `use_settings(monkeypatch, max_columns=6)`); the test's end restores them."""
    import kpi.settings

    monkeypatch.setattr(kpi.settings, "_current", kpi.settings.replaced(**changes))


@pytest.fixture
def shared_real() -> Path:
    """The folder of real exports beside the project; the test is skipped where it is absent."""
    if not SHARED_REAL.is_dir():
        pytest.skip(
            "../shared/data/real/ is not beside the project (a user's clone): real-export tests skipped"
        )
    return SHARED_REAL
