"""Every operator setting of KPI Explorer, declared once, read once, checked once.

A setting comes from its environment variable; when that is unset (or empty), from the same
name in the project's `.streamlit/secrets.toml` (read with `tomllib`, so `kpi/` needs no
Streamlit); else from its default. Nothing is read at import time: `settings()` reads and checks
everything on first use and keeps the answer, so tests can set variables first (and
`forget()` makes the next call read again). A bad value never becomes a traceback: it is a
`SettingError` whose message is one sentence per bad setting, naming it and what it accepts.

`SETTINGS` is the declaration; the README's operator table is generated from it
(`readme_table()`), and a test keeps the two equal.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kpi.errors import KpiError

Kind = Literal["count", "seconds", "size", "folder", "switch", "choice"]
SECRETS_FILE = Path(".streamlit") / "secrets.toml"  # relative to where the app or CLI runs
LOG_LEVELS = ("off", "debug", "info", "warning", "error")
# DuckDB's units: GB is 1000³ bytes, GiB is 1024³ (a bare number is bytes).
_UNITS = {
    "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
    "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40,
}  # fmt: skip
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)
_SWITCH = {"1": True, "on": True, "true": True, "yes": True}
_SWITCH |= {"0": False, "off": False, "false": False, "no": False}


class SettingError(KpiError):
    """One or more operator settings have values they cannot take; the message names each
    and says what it accepts."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Setting:
    """One operator setting: its variable, the `Settings` field it fills, what it accepts
    and what it bounds (the README's words)."""

    env: str
    field: str
    kind: Kind
    default: object  # the typed value; None when `derive` computes it from the others
    bounds: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    shown_default: str = ""  # the README's default, when the value alone does not say it
    derive: Callable[[Mapping[str, object]], object] | None = None

    def accepts(self) -> str:
        """What the setting takes, as the end of a sentence ("a whole number from 1 to 9")."""
        if self.kind == "count":
            return _range("a whole number", self.low, self.high, lambda v: f"{int(v):,}")
        if self.kind == "seconds":
            return _range("a number of seconds", self.low, self.high, lambda v: f"{v:,g}")
        if self.kind == "size":
            return _range("a size such as 512MB or 2GiB", self.low, self.high, _size_text)
        if self.kind == "folder":
            return "the path of an existing folder"
        if self.kind == "switch":
            return "1 or 0 (on or off)"
        return "one of " + ", ".join(self.choices)

    def readme_default(self) -> str:
        """The default as the README's table shows it."""
        if self.shown_default:
            return self.shown_default
        if self.kind == "size":
            return f"`{_size_text(self.default)}`"
        if self.kind == "switch":
            return f"`{int(bool(self.default))}`"
        value = self.default
        return f"`{value:g}`" if isinstance(value, float) else f"`{value}`"

    def parse(self, raw: object) -> object:
        """The typed value of `raw` (text from the environment, or a TOML value); ValueError
        when the setting cannot take it."""
        value: object
        if isinstance(raw, bool) and self.kind != "switch":
            raise ValueError(raw)
        if self.kind == "count":
            value = raw if isinstance(raw, int) else int(str(raw).strip())
        elif self.kind == "seconds":
            value = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
            if not math.isfinite(value):
                raise ValueError(raw)
        elif self.kind == "size":
            value = raw if isinstance(raw, int) else _parse_size(str(raw))
        elif self.kind == "folder":
            value = str(raw).strip()
            if not value or not Path(value).is_dir():
                raise ValueError(raw)
        elif self.kind == "switch":
            value = raw if isinstance(raw, bool) else _SWITCH[str(raw).strip().lower()]
        else:
            value = str(raw).strip().lower()
            if value not in self.choices:
                raise ValueError(raw)
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if number is not None and (
            (self.low is not None and number < self.low)
            or (self.high is not None and number > self.high)
        ):
            raise ValueError(raw)
        return value


def _range(what: str, low: float | None, high: float | None, show: Callable) -> str:
    if low is not None and high is not None:
        return f"{what} from {show(low)} to {show(high)}"
    if low is not None:
        return f"{what} of at least {show(low)}"
    return what


def _parse_size(text: str) -> int:
    match = _SIZE.match(text)
    if not match or match.group(2).lower() not in (*_UNITS, ""):
        raise ValueError(text)
    return int(float(match.group(1)) * _UNITS[match.group(2).lower() or "b"])


def _size_text(size: object) -> str:
    """A byte count the shortest way DuckDB's units write it exactly (64MiB, 2GB, 1500B)."""
    number = int(size)  # type: ignore[call-overload]
    for unit in ("TiB", "TB", "GiB", "GB", "MiB", "MB", "KiB", "KB"):
        factor = _UNITS[unit.lower()]
        if number >= factor and number % factor == 0:
            return f"{number // factor}{unit}"
    return f"{number}B"


def _cell_chars(values: Mapping[str, object]) -> int:
    return max(1_000, int(values["query_bytes"]) // 64)  # type: ignore[call-overload]


def _temp_dir(_: Mapping[str, object]) -> str:
    return tempfile.gettempdir()


# The most rows a caller may ask of one query (kpi.sql.MAX_QUERY_ROWS, kept equal by a test).
_MOST_ROWS = 1_000_000

SETTINGS: tuple[Setting, ...] = (
    Setting("KPI_SESSION_MEMORY", "session_memory", "size", 2 * 10**9,
            "memory of one session's database", low=16 * 10**6),
    Setting("KPI_SESSION_THREADS", "session_threads", "count", 2,
            "threads one session's queries use", low=1, high=1024),
    Setting("KPI_SESSION_TEMP", "session_temp", "size", 4 * 10**9,
            "disk one session may spill to", low=10**6),
    Setting("KPI_TEMP_DIR", "temp_dir", "folder", None, "where sessions spill to disk",
            shown_default="the system temp folder", derive=_temp_dir),
    Setting("KPI_QUERY_SECONDS", "query_seconds", "seconds", 5.0,
            "how long one of a person's queries may run", low=0.1, high=86_400),
    Setting("KPI_QUERY_ROWS", "query_rows", "count", 10_000,
            "rows of a query's answer shown and downloaded", low=1, high=_MOST_ROWS),
    Setting("KPI_QUERY_BYTES", "query_bytes", "size", 64 * 2**20,
            "bytes of a query's answer brought into the app", low=2**16),
    Setting("KPI_QUERY_CELL_CHARS", "query_cell_chars", "count", None,
            "characters of one text cell of a query's answer", low=10, high=10**9,
            shown_default="a 64th of `KPI_QUERY_BYTES`, at least `1000`", derive=_cell_chars),
    Setting("KPI_QUERY_VALUE_SIZE", "query_value_size", "count", 10_000,
            "characters or items that size-making functions (`printf`, `lpad`, `repeat`, "
            "`range` …) may make in one query", low=100, high=10**9),
    Setting("KPI_MAX_FILE_MB", "max_file_mb", "count", 2048,
            "megabytes of one uploaded file", low=1, high=10**6),
    Setting("KPI_MAX_COLUMNS", "max_columns", "count", 5000,
            "columns of one table (checked before a file is parsed)", low=1, high=10**6),
    Setting("KPI_MAX_TABLES", "max_tables", "count", 100,
            "tables or sheets in one file", low=1, high=10**5),
    Setting("KPI_MAX_SHEET_CELLS", "max_sheet_cells", "count", 1_000_000,
            "empty area (cells) a sheet may claim around its data", low=1, high=10**12),
    Setting("KPI_WORKBOOK_MEMORY_MB", "workbook_memory_mb", "count", 2048,
            "megabytes of the separate process that opens .xls, .xlsb and .ods files (and reads large .xlsx ones)",
            low=64, high=10**6),
    Setting("KPI_WORKBOOK_SECONDS", "workbook_seconds", "count", 120,
            "seconds that process may take", low=1, high=86_400),
    Setting("KPI_LOADER_FAST", "loader_fast", "switch", True,
            "whether text files are read by DuckDB in bulk when they allow it (0: always the "
            "careful line-by-line reader)"),
    Setting("KPI_LOG", "log", "choice", "off",
            "what the command line logs to stderr (`debug` for the details of a failure)",
            choices=LOG_LEVELS),
)  # fmt: skip
BY_ENV = {s.env: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The checked value of every operator setting (one field per entry of `SETTINGS`)."""

    session_memory: int  # bytes
    session_threads: int
    session_temp: int  # bytes
    temp_dir: str
    query_seconds: float
    query_rows: int
    query_bytes: int
    query_cell_chars: int
    query_value_size: int
    max_file_mb: int
    max_columns: int
    max_tables: int
    max_sheet_cells: int
    workbook_memory_mb: int
    workbook_seconds: int
    loader_fast: bool
    log: str

    @property
    def max_file_bytes(self) -> int:
        """The largest file accepted, in bytes."""
        return self.max_file_mb * 1024**2

    @property
    def workbook_memory_bytes(self) -> int:
        """The workbook process's memory, in bytes."""
        return self.workbook_memory_mb * 1024**2


def read_settings(
    environ: Mapping[str, str] | None = None, secrets_file: Path | None = None
) -> Settings:
    """Read and check every setting from `environ` (the process's environment by default) and
    `secrets_file` (`.streamlit/secrets.toml` under the current folder by default); raise one
    `SettingError` naming every bad one."""
    environ = os.environ if environ is None else environ
    path = SECRETS_FILE if secrets_file is None else secrets_file
    problems: list[str] = []
    secrets = _secrets(path, problems)
    values: dict[str, object] = {}
    for setting in SETTINGS:
        raw: object = environ.get(setting.env, "")
        where = f"The environment variable {setting.env}={_shown(raw)}"
        if raw == "":
            raw = secrets.get(setting.env, "")
            where = f"{setting.env} = {_shown(raw)} in {path}"
        if raw == "":
            values[setting.field] = setting.default
            continue
        try:
            values[setting.field] = setting.parse(raw)
        except (ValueError, KeyError, TypeError):
            problems.append(f"{where} is not valid: it takes {setting.accepts()}.")
            values[setting.field] = setting.default
    for setting in SETTINGS:
        if values[setting.field] is None and setting.derive is not None:
            values[setting.field] = setting.derive(values)
    if problems:
        raise SettingError(problems)
    return Settings(**values)  # type: ignore[arg-type]


def _shown(raw: object) -> str:
    text = repr(raw) if isinstance(raw, str) else str(raw)
    return text if len(text) <= 40 else text[:39] + "…'"


def _secrets(path: Path, problems: list[str]) -> dict[str, object]:
    """The file's top-level values; a file that is not TOML, or a KPI_ name that is not a
    setting (a typo would otherwise be ignored silently), is a problem."""
    try:
        with path.open("rb") as handle:
            doc = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{path} cannot be read as TOML ({exc}): correct it or remove it.")
        return {}
    for key in doc:
        if key.upper().startswith("KPI_") and key not in BY_ENV:
            close = difflib.get_close_matches(key.upper(), BY_ENV, n=1)
            hint = f" Did you mean {close[0]}?" if close else ""
            problems.append(f"{key} in {path} is not a setting of KPI Explorer.{hint}")
    return dict(doc)


_current: Settings | None = None


def settings() -> Settings:
    """The operator settings, read and checked on first use and then kept; `SettingError`
    when one is bad (again at every call, until it is fixed and the process restarted)."""
    global _current
    if _current is None:
        _current = read_settings()
    return _current


def forget() -> None:
    """Make the next `settings()` read the environment and the secrets file again (tests)."""
    global _current
    _current = None


def replaced(**changes: object) -> Settings:
    """The current settings with some fields changed, unchecked: for tests that install them
    with `monkeypatch.setattr(kpi.settings, "_current", replaced(max_columns=3))`."""
    return dataclasses.replace(settings(), **changes)  # type: ignore[arg-type]


def readme_table() -> str:
    """The README's table of settings, generated from `SETTINGS`."""
    lines = ["| variable | default | accepts | what it bounds |", "|---|---|---|---|"]
    for s in SETTINGS:
        lines.append(f"| `{s.env}` | {s.readme_default()} | {s.accepts()} | {s.bounds} |")
    return "\n".join(lines)


if __name__ == "__main__":  # `python -m kpi.settings`: the table to paste into the README
    print(readme_table())
