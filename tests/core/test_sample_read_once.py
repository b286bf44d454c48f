"""The test suite's own shortcut (tests/conftest.py): the sample is read once per process and
key, every caller gets a result equal to a fresh read but its own, and nothing else is kept."""

from __future__ import annotations

import dataclasses

import kpi.load
import ui.state
from kpi.i18n import use_language
from kpi.load import load_paths
from tests.conftest import SAMPLE_DIR, load_sample, reading_once, use_settings


def _as_data(result: kpi.load.LoadResult) -> list:
    """Everything a result holds, as plain values (an Arrow table compares by its contents)."""
    return [
        ([e.to_dict() for e in result.errors]),
        [(t.label, t.data.to_pylist(), dataclasses.asdict(t.report)) for t in result.tables],
    ]


def test_a_kept_read_equals_a_fresh_one_and_is_the_callers_own():
    fresh = load_paths([SAMPLE_DIR])
    first, second = load_sample(), load_sample()
    assert _as_data(first) == _as_data(fresh) == _as_data(second)
    assert first is not second and first.tables is not second.tables
    for a, b in zip(first.tables, second.tables, strict=True):
        assert a is not b and a.report is not b.report
        assert a.report.columns is not b.report.columns
    # What one test does to its copy, the next one does not see.
    first.tables[0].report.notes.append("changed by a test")
    first.tables.pop()
    third = load_sample()
    assert _as_data(third) == _as_data(fresh)


def _counting(calls: list) -> object:
    def load(paths):
        calls.append(paths)
        return load_paths(paths)

    return load


def test_the_read_follows_the_language_and_the_settings(monkeypatch):
    calls: list = []
    read = reading_once(_counting(calls), {})
    audience = [SAMPLE_DIR / "audience.csv"]
    first = read(audience)
    read(audience)
    assert len(calls) == 1
    with use_language("es"):  # the load report's words may follow the language: read again
        read(audience)
        read(audience)
    assert len(calls) == 2
    use_settings(monkeypatch, max_columns=3)
    narrow = read(audience)
    assert len(calls) == 3
    assert _as_data(narrow) == _as_data(load_paths(audience)) != _as_data(first)
    monkeypatch.undo()
    read(audience)
    assert len(calls) == 3, "the default settings' read was kept"


def test_other_files_are_read_every_time(tmp_path):
    calls: list = []
    csv = tmp_path / "posts.csv"
    csv.write_text("published_at,impressions\n2026-01-05,10\n", encoding="utf-8")
    read = reading_once(_counting(calls), {})
    read([csv])
    read([csv])
    read([SAMPLE_DIR / "audience.csv", csv])  # partly the sample: not kept either
    assert len(calls) == 3
    read([SAMPLE_DIR / "audience.csv"])
    read([SAMPLE_DIR / "audience.csv"])
    assert len(calls) == 4


def test_the_apps_sample_read_goes_through_it():
    # The app's function is wrapped for the whole run (a session fixture), not replaced.
    assert ui.state.load_paths is not kpi.load.load_paths
    assert ui.state.load_paths.__qualname__.startswith("reading_once")
    result = ui.state.load_paths([SAMPLE_DIR])
    assert _as_data(result) == _as_data(load_sample())
