"""Load reports: what was read from each table, what was loaded and what was rejected, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class LoadedTable:
    """A table read from a file (or one sheet of it), with its typed data and its load report."""

    data: pa.Table
    report: LoadReport

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
