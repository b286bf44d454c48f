"""The operator settings (kpi.settings): defaults, good and bad values, the secrets file, the
README's table, and how the command line and the app show a bad value."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import kpi.settings
from kpi.settings import SETTINGS, SettingError, Settings, read_settings
from kpi.sql import MAX_QUERY_ROWS
from tests.conftest import ROOT
from tests.uikit import plain

NO_FILE = Path("/nonexistent/secrets.toml")

# Hand-written: what each setting is when nothing sets it.
DEFAULTS = {
    "session_memory": 2_000_000_000,
    "session_threads": 2,
    "session_temp": 4_000_000_000,
    "temp_dir": tempfile.gettempdir(),
    "query_seconds": 5.0,
    "query_rows": 10_000,
    "query_bytes": 67_108_864,
    "query_cell_chars": 1_048_576,  # 64 MiB / 64
    "query_value_size": 10_000,
    "max_file_mb": 2048,
    "max_columns": 5000,
    "max_tables": 100,
    "max_sheet_cells": 1_000_000,
    "workbook_memory_mb": 2048,
    "workbook_seconds": 120,
    "loader_fast": True,
    "log": "off",
}

# (variable, what the operator writes, field, the value it means)
GOOD = [
    ("KPI_SESSION_MEMORY", "512MB", "session_memory", 512_000_000),
    ("KPI_SESSION_MEMORY", "1.5 GiB", "session_memory", 1_610_612_736),
    ("KPI_SESSION_THREADS", "4", "session_threads", 4),
    ("KPI_SESSION_TEMP", "10GB", "session_temp", 10_000_000_000),
    ("KPI_TEMP_DIR", "/", "temp_dir", "/"),
    ("KPI_QUERY_SECONDS", "2.5", "query_seconds", 2.5),
    ("KPI_QUERY_ROWS", "500", "query_rows", 500),
    ("KPI_QUERY_BYTES", "1048576", "query_bytes", 1_048_576),
    ("KPI_QUERY_BYTES", "16MiB", "query_bytes", 16_777_216),
    ("KPI_QUERY_CELL_CHARS", "2000", "query_cell_chars", 2000),
    ("KPI_QUERY_VALUE_SIZE", "50000", "query_value_size", 50_000),
    ("KPI_MAX_FILE_MB", "200", "max_file_mb", 200),
    ("KPI_MAX_COLUMNS", " 300 ", "max_columns", 300),
    ("KPI_MAX_TABLES", "7", "max_tables", 7),
    ("KPI_MAX_SHEET_CELLS", "5000000", "max_sheet_cells", 5_000_000),
    ("KPI_WORKBOOK_MEMORY_MB", "512", "workbook_memory_mb", 512),
    ("KPI_WORKBOOK_SECONDS", "30", "workbook_seconds", 30),
    ("KPI_LOADER_FAST", "0", "loader_fast", False),
    ("KPI_LOADER_FAST", "on", "loader_fast", True),
    ("KPI_LOG", "DEBUG", "log", "debug"),
]

# (variable, a value it cannot take, what the sentence must say it accepts)
BAD = [
    ("KPI_SESSION_MEMORY", "2XB", "a size such as 512MB or 2GiB of at least 16MB"),
    ("KPI_SESSION_MEMORY", "1MB", "a size such as 512MB or 2GiB of at least 16MB"),
    ("KPI_SESSION_THREADS", "0", "a whole number from 1 to 1,024"),
    ("KPI_SESSION_TEMP", "lots", "a size such as 512MB or 2GiB of at least 1MB"),
    ("KPI_TEMP_DIR", "/nonexistent/spill", "the path of an existing folder"),
    ("KPI_QUERY_SECONDS", "nan", "a number of seconds from 0.1 to 86,400"),
    ("KPI_QUERY_SECONDS", "-1", "a number of seconds from 0.1 to 86,400"),
    ("KPI_QUERY_ROWS", "2000000", "a whole number from 1 to 1,000,000"),
    ("KPI_QUERY_BYTES", "10", "a size such as 512MB or 2GiB of at least 64KiB"),
    ("KPI_QUERY_CELL_CHARS", "1e3", "a whole number from 10 to 1,000,000,000"),
    ("KPI_QUERY_VALUE_SIZE", "5", "a whole number from 100 to 1,000,000,000"),
    ("KPI_MAX_FILE_MB", "1.5", "a whole number from 1 to 1,000,000"),
    ("KPI_MAX_COLUMNS", "abc", "a whole number from 1 to 1,000,000"),
    ("KPI_MAX_TABLES", "0", "a whole number from 1 to 100,000"),
    ("KPI_MAX_SHEET_CELLS", "-5", "a whole number from 1 to 1,000,000,000,000"),
    ("KPI_WORKBOOK_MEMORY_MB", "10", "a whole number from 64 to 1,000,000"),
    ("KPI_WORKBOOK_SECONDS", "forever", "a whole number from 1 to 86,400"),
    ("KPI_LOADER_FAST", "maybe", "1 or 0 (on or off)"),
    ("KPI_LOG", "loud", "one of off, debug, info, warning, error"),
]


def test_every_setting_is_declared_once_with_a_field_and_a_hand_checked_default() -> None:
    fields = [f.name for f in dataclasses.fields(Settings)]
    assert [s.field for s in SETTINGS] == fields
    assert len({s.env for s in SETTINGS}) == len(SETTINGS)
    assert set(DEFAULTS) == set(fields)
    assert {s.env for s in SETTINGS} == {env for env, *_ in GOOD} == {env for env, *_ in BAD}


@pytest.mark.parametrize("field", DEFAULTS)
def test_default(field: str) -> None:
    assert getattr(read_settings({}, NO_FILE), field) == DEFAULTS[field]


def test_an_empty_variable_means_the_default() -> None:
    assert read_settings({"KPI_MAX_COLUMNS": ""}, NO_FILE).max_columns == 5000


@pytest.mark.parametrize(("env", "raw", "field", "expected"), GOOD)
def test_good_value(env: str, raw: str, field: str, expected: object) -> None:
    assert getattr(read_settings({env: raw}, NO_FILE), field) == expected


@pytest.mark.parametrize(("env", "raw", "accepts"), BAD)
def test_bad_value_is_one_sentence_naming_the_setting(env: str, raw: str, accepts: str) -> None:
    with pytest.raises(SettingError) as caught:
        read_settings({env: raw}, NO_FILE)
    assert caught.value.user_message == (
        f"The environment variable {env}={raw!r} is not valid: it takes {accepts}."
    )


def test_every_bad_setting_is_reported_at_once() -> None:
    with pytest.raises(SettingError) as caught:
        read_settings({"KPI_MAX_COLUMNS": "x", "KPI_LOG": "y"}, NO_FILE)
    assert len(caught.value.problems) == 2
    assert "KPI_MAX_COLUMNS" in caught.value.problems[0] and "KPI_LOG" in caught.value.problems[1]


def test_the_cell_limit_follows_the_byte_limit_unless_set() -> None:
    assert read_settings({"KPI_QUERY_BYTES": "6400000B"}, NO_FILE).query_cell_chars == 100_000
    assert read_settings({"KPI_QUERY_BYTES": "1MB"}, NO_FILE).query_cell_chars == 15_625
    both = {"KPI_QUERY_BYTES": "6400000", "KPI_QUERY_CELL_CHARS": "50"}
    assert read_settings(both, NO_FILE).query_cell_chars == 50


def test_the_secrets_file_sets_what_the_environment_leaves_unset(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        'KPI_MAX_COLUMNS = 40\nKPI_SESSION_MEMORY = "300MB"\nKPI_MAX_TABLES = 9\n'
        '[connections]\nurl = "ignored: not a setting"\n'
    )
    values = read_settings({"KPI_MAX_TABLES": "3"}, secrets)
    assert (values.max_columns, values.session_memory) == (40, 300_000_000)
    assert values.max_tables == 3  # the environment wins over the file


def test_a_bad_value_in_the_secrets_file_names_the_file(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("KPI_QUERY_ROWS = 0\nKPI_LOADER_FAST = true\n")
    with pytest.raises(SettingError) as caught:
        read_settings({}, secrets)
    assert caught.value.user_message == (
        f"KPI_QUERY_ROWS = 0 in {secrets} is not valid: it takes a whole number from 1 to 1,000,000."
    )


def test_a_misspelt_setting_in_the_secrets_file_is_pointed_out(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("KPI_MAX_COLUMN = 40\n")
    with pytest.raises(SettingError, match="Did you mean KPI_MAX_COLUMNS"):
        read_settings({}, secrets)
    secrets.write_text("KPI_MAX_COLUMNS = [40\n")
    with pytest.raises(SettingError, match="cannot be read as TOML"):
        read_settings({}, secrets)


def test_nothing_is_read_at_import_time() -> None:
    # Importing every module that uses a setting, with a bad value set, raises nothing; the
    # first use does.
    probe = (
        "import kpi.load, kpi.store, kpi.sql, kpi.cli, kpi.settings\n"
        "try:\n    kpi.settings.settings()\nexcept kpi.settings.SettingError as e:\n"
        "    print(e.user_message)\n"
    )
    env = {**os.environ, "KPI_MAX_COLUMNS": "abc"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "KPI_MAX_COLUMNS='abc' is not valid" in done.stdout


def test_settings_are_read_once_and_forget_reads_them_again(monkeypatch) -> None:
    monkeypatch.setattr(kpi.settings, "_current", None)
    monkeypatch.setenv("KPI_MAX_TABLES", "11")
    first = kpi.settings.settings()
    monkeypatch.setenv("KPI_MAX_TABLES", "12")
    assert kpi.settings.settings() is first and first.max_tables == 11
    kpi.settings.forget()
    assert kpi.settings.settings().max_tables == 12


def test_the_row_bound_matches_what_the_command_line_allows() -> None:
    rows = next(s for s in SETTINGS if s.env == "KPI_QUERY_ROWS")
    assert rows.high == MAX_QUERY_ROWS


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kpi", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_says_a_bad_setting_in_one_sentence_and_exits_2() -> None:
    posts = "sample_data/posts_facebook_instagram.csv"
    done = _cli("compute", posts, "--kpi", "likes", KPI_MAX_COLUMNS="abc")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "The environment variable KPI_MAX_COLUMNS='abc' is not valid: "
        "it takes a whole number from 1 to 1,000,000."
    )
    assert done.stdout == ""
    as_json = _cli("catalog", "--json", KPI_LOG="loud")
    assert as_json.returncode == 2 and '"code": "bad_setting"' in as_json.stdout
    assert "Traceback" not in as_json.stderr


def test_the_app_shows_a_bad_setting_through_its_boundary(monkeypatch) -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setattr(kpi.settings, "_current", None)
    monkeypatch.setenv("KPI_SESSION_THREADS", "many")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    shown = " ".join(plain(e.value) for e in at.error)
    assert "KPI_SESSION_THREADS='many' is not valid" in shown
    assert "a whole number from 1 to 1,024" in shown


def _readme_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^\| variable \|.*?(?=\n\n)", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no table of settings (a line starting '| variable |')"
    return match.group(0)


def test_the_readme_names_every_setting_and_no_other() -> None:
    named = set(re.findall(r"^\| `(KPI_[A-Z_]+)`", _readme_table(), re.MULTILINE))
    declared = {s.env for s in SETTINGS}
    assert not declared - named, f"settings missing from the README: {declared - named}"
    assert not named - declared, f"the README names settings that do not exist: {named - declared}"


def test_the_readme_table_is_the_generated_one() -> None:
    # Regenerate with `python -m kpi.settings` and paste it under "Hosting it for a team".
    assert _readme_table() == kpi.settings.readme_table()
