"""Loading exports: bytes and a file name in, typed tables with honest load reports out.

`load_file` never raises for a bad file: a file that cannot be read at all becomes one
`FileError` with a sentence naming the file and what to do, and the other files still load.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterable
from pathlib import Path

import duckdb

from kpi.errors import FileRefused
from kpi.i18n import t
from kpi.load.excel import read_workbook
from kpi.load.fast import Host, load_text_fast
from kpi.load.finish import Grid, finish
from kpi.load.ordinal import date_ordinals
from kpi.load.report import (
    FileError,
    LoadedTable,
    LoadReport,
    LoadResult,
    RejectedRow,
    share_connection,
)
from kpi.load.sniff import decode, detect_kind
from kpi.load.structured import read_json, read_parquet
from kpi.load.text import read_text_tables
from kpi.settings import settings

__all__ = [
    "FileError",
    "Host",
    "LoadReport",
    "LoadResult",
    "LoadedTable",
    "RejectedRow",
    "expand_paths",
    "load_file",
    "load_files",
    "load_paths",
]

SUPPORTED_SUFFIXES = (
    ".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods", ".parquet", ".json", ".ndjson", ".jsonl",
)  # fmt: skip
_EXPECTED_KINDS = {
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsb", ".xls": "xls", ".ods": "ods", ".parquet": "parquet",
    ".json": "json", ".ndjson": "json", ".jsonl": "json", ".xml": "spreadsheetml",
}  # fmt: skip


# One in-memory database for every load in the process: opening a database costs ~26 ms, a
# connection to an open one (a cursor) under 1 ms. Each load has its own connection, whose
# temporary tables and settings are its own and go when it closes. Never a person's SQL here.
_LOADER_DB: duckdb.DuckDBPyConnection | None = None
_LOADER_DB_LOCK = threading.Lock()


def _loader_database() -> duckdb.DuckDBPyConnection:
    """The process's loader database (opened on first use, closed at exit)."""
    global _LOADER_DB
    with _LOADER_DB_LOCK:
        if _LOADER_DB is None:
            _LOADER_DB = duckdb.connect(":memory:", config={"threads": 2})
            atexit.register(_LOADER_DB.close)  # else duckdb reports leaked objects at exit
        return _LOADER_DB


def _loader_connection() -> duckdb.DuckDBPyConnection:
    """A private connection for parsing only: it never runs a person's SQL."""
    base = _loader_database()
    with _LOADER_DB_LOCK:  # a connection object is used by one thread at a time
        con = base.cursor()
    con.execute("SET TimeZone = 'UTC'")
    # DuckDB turns every IN list of more than a few values into a join; with one list per column
    # planning grew so fast that 200 columns took 10 s and 1 000 exhausted memory (measured).
    # (A setting of the database: every load sets the same.)
    con.execute("SET disabled_optimizers = 'in_clause'")
    return con


def load_file(
    name: str, data: bytes, max_bytes: int | None = None, host: Host | None = None
) -> LoadResult:
    """Read one file of any supported kind into tables; problems become reports, not exceptions.
    Files over `max_bytes` (the KPI_MAX_FILE_MB setting by default) are refused. A large
    delimited file is read straight into `host`'s database when a session offers one
    (`kpi.load.fast.Host`): its table's source is then on the session's connection."""
    result = LoadResult()
    max_bytes = settings().max_file_bytes if max_bytes is None else max_bytes
    try:
        if len(data) > max_bytes:
            raise FileRefused(
                name,
                t("error.file_over_limit", size=_size(len(data)), limit=_size(max_bytes)),
            )
        kind = detect_kind(name, data).kind
        grids: list[Grid] = []
        tables: list[LoadedTable] = []
        con = _loader_connection()
        try:
            # Large or small, a plain delimited file is read by DuckDB in bulk when the sample
            # shows nothing the fast path cannot reproduce; else the careful path reads it.
            fast = load_text_fast(name, data, con, host) if kind == "text" else None
            if fast is not None:
                tables.extend(fast)
            elif kind == "parquet":
                tables.append(read_parquet(name, data))
            elif kind in ("xlsx", "xlsb", "xls", "ods"):
                grids.extend(read_workbook(name, data, kind))
            elif kind == "spreadsheetml":
                from kpi.load.spreadsheetml import read_spreadsheetml

                grids.extend(read_spreadsheetml(name, data))
            elif kind == "json":
                grids.append(read_json(name, decode(name, data)))
            else:
                grids.extend(read_text_tables(name, decode(name, data)))
            tables.extend(finish(grid, con) for grid in grids)
            # GA4's "Nth day" columns become dates here, from the start date in the comment
            # lines (the fast and careful paths read them as text, like any other column).
            tables = [date_ordinals(table) for table in tables]
        except BaseException:
            for table in tables:
                table.release()
            con.close()
            raise
        # The fast path's tables are still on the connection: it closes with the last of them.
        share_connection(con, tables)
        if not tables:
            raise FileRefused(
                name,
                t("load.no_table"),
            )
        _note_extension(name, kind, tables)
        result.tables.extend(tables)
    except FileRefused as exc:
        result.errors.append(FileError(name, exc.reason))
    except MemoryError:
        result.errors.append(
            FileError(name, "the file is too large to read in the memory available. Split it.")
        )
    except Exception as exc:  # a file must never take the page down; say what happened instead
        result.errors.append(
            FileError(
                name, f"could not be read ({type(exc).__name__}: {exc}). Export it again as CSV."
            )
        )
    return result


def _size(n: int) -> str:
    """A byte count as people read it: "10 bytes", "12.5 KB", "1,024 MB"."""
    if n < 1024:
        return f"{n:,} bytes"
    if n < 1024**2:
        return f"{n / 1024:,.1f} KB"
    return f"{n / 1024**2:,.{1 if n < 100 * 1024**2 else 0}f} MB"


def _note_extension(name: str, kind: str, tables: list[LoadedTable]) -> None:
    suffix = Path(name).suffix.lower()
    expected = _EXPECTED_KINDS.get(suffix, "text")
    if expected != kind and not (expected == "xlsx" and kind in ("xls", "ods", "xlsx", "xlsb")):
        for table in tables:
            table.report.notes.append(
                t("load.note.extension", suffix=suffix or t("load.note.no_suffix"), kind=kind)
            )


def load_files(files: Iterable[tuple[str, bytes]]) -> LoadResult:
    """Load several files; each one's problems stay its own."""
    result = LoadResult()
    for name, data in files:
        result.extend(load_file(name, data))
    return result


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and the supported files inside folders (sorted, not recursive deeper)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            out.append(p)
    return out


def load_paths(paths: Iterable[str | Path]) -> LoadResult:
    """Load files and folders from disk (the command line's way in, and the app's sample data).

    Its tables are made whole in Arrow, owing nothing to a loader connection: such a result is
    kept and added to many sessions (the sample, read once per server), which a table streamed
    into one session and then released could not be."""
    result = LoadResult()
    for path in expand_paths(paths):
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.errors.append(
                FileError(path.name, f"cannot be opened ({exc.strerror}). Check the path.")
            )
            continue
        loaded = load_file(path.name, data)
        for table in loaded.tables:
            table.data  # noqa: B018 - made whole now, and the loader connection closed
        result.extend(loaded)
    return result
