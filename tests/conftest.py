"""Shared test set-up: where the project, the sample and the shared real exports live, a way
to change operator settings for one test, and the sample read once per process. (The project
root is on the import path through pytest's `pythonpath` in pyproject.toml.)"""

from __future__ import annotations

import copy
import dataclasses
import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from kpi.load import LoadedTable, LoadResult

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


# The sample read once per process. Reading it is most of a fresh AppTest run (seconds), and
# nearly every page test starts from it; what a read gives depends only on the files, the
# language, the operator settings, today's date and the fast loader's switch, so those are the
# key. Each caller gets its own copy of the mutable parts (the reports; Arrow tables are
# immutable), so no test can see what another did to its copy: order does not matter.
_SAMPLE_READS: dict[tuple, LoadResult] = {}


def _under_sample(path: Path) -> bool:
    return path == SAMPLE_DIR or SAMPLE_DIR in path.parents


def _reading_key(paths: list[Path]) -> tuple | None:
    """What a read of `paths` depends on, or None when it is not (only) the sample's files or
    the settings are bad (then the read itself must run and say so)."""
    from kpi.i18n import current_language
    from kpi.settings import SettingError, settings

    if not paths or not all(_under_sample(p) for p in paths):
        return None
    try:
        current = settings()
    except SettingError:
        return None
    files = []
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                stat = file.stat()
                files.append((str(file), stat.st_mtime_ns, stat.st_size))
    return (
        tuple(str(p) for p in paths),
        tuple(files),
        current_language(),
        current,
        # By module: the package's own `finish` name is a function of that module.
        importlib.import_module("kpi.load.finish").today(),
        importlib.import_module("kpi.load.fast")._DISABLED,
    )


def _own_copy(result: LoadResult) -> LoadResult:
    """A result equal to `result` whose reports and lists are the caller's own."""
    # `load_paths` makes its tables whole in Arrow, which is shared: it cannot be changed.
    tables = [LoadedTable(t.data, copy.deepcopy(t.report)) for t in result.tables]
    return dataclasses.replace(result, tables=tables, errors=list(result.errors))


def reading_once(
    load: Callable[[Iterable[str | Path]], LoadResult], kept: dict[tuple, LoadResult] | None = None
) -> Callable[[Iterable[str | Path]], LoadResult]:
    """`load` (a `load_paths`) that reads the sample's files once per key, kept in `kept` (the
    process's by default), and hands each caller its own copy; any other paths are read every
    time."""
    kept = _SAMPLE_READS if kept is None else kept

    def load_paths(paths: Iterable[str | Path]) -> LoadResult:
        paths = list(paths)
        key = _reading_key([Path(p).resolve() for p in paths])
        if key is None:
            return load(paths)
        if key not in kept:
            kept[key] = load(paths)
        return _own_copy(kept[key])

    return load_paths


def load_sample(*names: str) -> LoadResult:
    """The sample (or some of its files, by name) as `kpi.load.load_paths` reads it, read once
    per process."""
    from kpi.load import load_paths

    return reading_once(load_paths)([SAMPLE_DIR / n for n in names] or [SAMPLE_DIR])


@pytest.fixture(scope="session", autouse=True)
def _sample_read_once() -> Iterator[None]:
    """The app's own read of the sample (`ui.state`) goes through `reading_once` too, so each
    AppTest that starts on the sample skips the read its caches were cleared of."""
    import ui.state

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ui.state, "load_paths", reading_once(ui.state.load_paths))
        yield


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium shared by every test that drives one (one Playwright per process:
    a second one inside the first's event loop is refused); skipped without Chromium."""
    from tests.browser.browserkit import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():  # `make test` installs it; a bare pytest run may not have it
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
