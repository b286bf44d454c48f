"""Shared test set-up: where the project, the sample and the shared real exports live, and a way
to change operator settings for one test. (The project root is on the import path through
pytest's `pythonpath` in pyproject.toml.)"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_REAL = ROOT.parent / "shared" / "data" / "real"
SAMPLE_DIR = ROOT / "sample_data"


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
