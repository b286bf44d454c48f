"""Load reports: what was read from each table, what was loaded and what was rejected, and why."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa


@dataclass(frozen=True)
class RejectedRow:
    """One row that was read but not loaded: its line (or sheet row), the reason and its raw text."""

    line: int
    reason: str
    raw: str


@dataclass(frozen=True)
class SkippedLine:
    """A line above or inside a table that is not data (comment, title, description, blank)."""

    line: int
    reason: str
    raw: str


@dataclass(frozen=True)
class ColumnInfo:
    """How one column was read: its name in the file, its name in the table, its type and format."""

    source_name: str
    name: str
    type: str
    detail: str = ""


@dataclass
class LoadReport:
    """The honest account of one loaded table. `rows_read == rows_loaded + rows_rejected`, always."""

    file: str
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    thousands: str | None = None
    header_line: int | None = None
    rows_loaded: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    columns: list[ColumnInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        """Rows that were read but kept out of the table (bad rows and totals rows)."""
        return len(self.rejected)

    @property
    def rows_read(self) -> int:
        """Data rows found in the file: every one is either loaded or rejected."""
        return self.rows_loaded + self.rows_rejected

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (the shape `python -m kpi inspect --json` prints)."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "rejected": [{"line": r.line, "reason": r.reason, "raw": r.raw} for r in self.rejected],
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "decimal": self.decimal,
            "thousands": self.thousands,
            "header_line": self.header_line,
            "skipped": [{"line": s.line, "reason": s.reason, "raw": s.raw} for s in self.skipped],
            "columns": [
                {"source": c.source_name, "name": c.name, "type": c.type, "detail": c.detail}
                for c in self.columns
            ],
            "notes": list(self.notes),
        }


class LoaderTable:
    """A loaded table still held by the loader's DuckDB connection (the fast path's result),
    read from there in batches so the whole table never has to exist as one Arrow copy.

    `drops` are the objects it owns on that connection (the final view first), dropped on
    `release()` or when it is garbage collected; the connection itself is closed once no table
    reads from it (see `share_connection`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str, drops: list[str]) -> None:
        self.con = con
        self.name = name
        self.drops = tuple(drops)
        # Filled by `share_connection`; a list, since the finalizer must not hold `self`.
        self._shared: list[_SharedConnection | None] = [None]
        self._release = weakref.finalize(self, _drop, con, tuple(drops), self._shared)

    def query(self, sql: str = "") -> duckdb.DuckDBPyRelation:
        """The table as a relation, optionally with a clause (`LIMIT 10`) after it."""
        if not self._release.alive:
            raise ValueError("the loaded table was released")
        return self.con.sql(f"SELECT * FROM {self.name} {sql}")

    def release(self) -> None:
        """Drop what this table owns on the loader connection (once), and close that connection
        when it was the last one reading from it."""
        self._release()

    @property
    def alive(self) -> bool:
        """Whether the table can still be read."""
        return self._release.alive

    def adopt(self) -> tuple[str, ...]:
        """Hand this table's objects to the owner of the connection they are on (a session whose
        database the file was read into): they are no longer dropped by this object, and it can
        no longer be read. Returns the objects, the final view or table first."""
        if not self._release.detach():
            raise ValueError("the loaded table was released")
        if self._shared[0] is not None:
            self._shared[0].leave()
        return self.drops


class _SharedConnection:
    """The loader connection several tables of one file read from: closed with the last one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, users: int) -> None:
        self.con, self.users = con, users

    def leave(self) -> None:
        self.users -= 1
        if self.users <= 0:
            self.con.close()


def object_kind(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """ "VIEW" or "TABLE" for an object of the connection called `name` (its plain name, not
    quoted), None when there is none."""
    # The catalog functions one at a time: information_schema.tables (their union, tables
    # first) took ~8 ms a call on a session's connection, these ~1 ms each (measured).
    if con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall():
        return "TABLE"
    views = "SELECT 1 FROM duckdb_views() WHERE view_name = ? AND NOT internal"
    if con.execute(views, [name]).fetchall():
        return "VIEW"
    return None


def drop_objects(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> None:
    """Drop these tables or views (plain names), those that (still) exist."""
    for name in names:
        kind = object_kind(con, name)
        if kind is not None:
            quoted = '"' + name.replace('"', '""') + '"'
            con.execute(f"DROP {kind} {quoted}")


def _drop(
    con: duckdb.DuckDBPyConnection, drops: tuple[str, ...], shared: list[_SharedConnection | None]
) -> None:
    """Drop a loaded table's objects on the loader connection, then let the connection go."""
    try:
        drop_objects(con, drops)
    except duckdb.Error:
        pass  # the connection is closed already: nothing of it is left to free
    finally:
        if shared[0] is not None:
            shared[0].leave()


def share_connection(con: duckdb.DuckDBPyConnection, tables: list[LoadedTable]) -> None:
    """Hand the loader connection to the tables that still read from it (closed when the last
    one is released or collected), or close it now when none does."""
    readers = [t.source for t in tables if t.source is not None and t.source.alive]
    readers = [r for r in readers if r.con is con]  # not those read into a session's database
    if not readers:
        con.close()
        return
    shared = _SharedConnection(con, len(readers))
    for source in readers:
        source._shared[0] = shared


class LoadedTable:
    """A table read from a file (or one sheet of it), with its typed data and its load report.

    The data is an Arrow table, or (large text files) it stays on the loader's connection
    until it is asked for: `reader()` streams it in batches, `head()` reads the first rows, and
    `data` makes (and keeps) the whole Arrow table for the callers that want one."""

    def __init__(
        self, data: pa.Table | None, report: LoadReport, source: LoaderTable | None = None
    ) -> None:
        if data is None and source is None:
            raise ValueError("a loaded table needs its data or a source")
        self._data = data
        self.report = report
        self.source = source
        self._schema: pa.Schema | None = None

    @property
    def data(self) -> pa.Table:
        """The whole table in Arrow (read once from the loader connection, which is then freed)."""
        if self._data is None:
            assert self.source is not None
            self._data = self.source.query().to_arrow_table()
            self.source.release()
            self.source = None
        return self._data

    @property
    def schema(self) -> pa.Schema:
        """The table's columns and their Arrow types, without reading its rows."""
        if self._data is not None:
            return self._data.schema
        if self._schema is None:
            assert self.source is not None
            self._schema = self.source.query("LIMIT 0").to_arrow_table().schema
        return self._schema

    @property
    def column_names(self) -> list[str]:
        """The table's column names."""
        return list(self.schema.names)

    def reader(self, batch_rows: int = 122_880) -> pa.RecordBatchReader:
        """The rows in file order as a stream of record batches (one batch in memory at a time
        when the table is still on the loader connection)."""
        if self._data is not None:
            return self._data.to_reader(max_chunksize=batch_rows)
        assert self.source is not None
        return self.source.query().to_arrow_reader(batch_rows)

    def head(self, rows: int) -> pa.Table:
        """The first `rows` rows as a table of their own: their own buffers, not a slice that
        keeps the whole table's alive."""
        if self._data is None:
            assert self.source is not None
            return self.source.query(f"LIMIT {int(rows)}").to_arrow_table()
        if self._data.num_rows <= rows:
            return self._data
        # Slice first, then copy only the slice (a take over the whole chunked table cost 0.18 s).
        return self._data.slice(0, rows).take(pa.array(range(rows), pa.int64()))

    def release(self) -> None:
        """Free what the loader still holds for this table (its `data`, if read, stays)."""
        if self.source is not None:
            self.source.release()

    @property
    def label(self) -> str:
        """A short name for people: the file, and the sheet or part when there is one."""
        if self.report.sheet:
            return f"{self.report.file} › {self.report.sheet}"
        return self.report.file


@dataclass(frozen=True)
class FileError:
    """A file that could not be read at all, with one clear sentence of what to do."""

    file: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form for the command line."""
        return {"file": self.file, "message": self.message}


@dataclass
class LoadResult:
    """Everything a batch of files produced: the tables that loaded and the files that did not."""

    tables: list[LoadedTable] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def extend(self, other: LoadResult) -> None:
        """Add another result's tables and errors to this one."""
        self.tables.extend(other.tables)
        self.errors.extend(other.errors)

    def close(self) -> None:
        """Free what the loader still holds for these tables (a result that is never stored)."""
        for table in self.tables:
            table.release()
