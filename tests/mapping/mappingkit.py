"""Helpers for the mapping tests: load an export once, recognise each table the way the app does."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kpi.load import LoadedTable, load_file
from kpi.mapping import TableMapping, recognise_loaded

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Read:
    """One loaded table and the app's reading of it."""

    table: LoadedTable
    mapping: TableMapping

    @property
    def fields(self) -> dict[str, str]:
        """The columns that got a canonical field, with it."""
        return {c: f for c, f in self.mapping.mapping.items() if f}


@cache
def read_file(path: Path) -> tuple[Read, ...]:
    """Load a file with `load_file` and recognise every table as the app does."""
    result = load_file(path.name, path.read_bytes())
    assert result.errors == [], result.errors
    reads = []
    for table in result.tables:
        reads.append(Read(table, recognise_loaded(table)))
    return tuple(reads)


def read_part(path: Path, part: str | None) -> Read:
    """The table of `path` whose sheet (or part, `table 2`) is `part`; None: the file's only table."""
    reads = read_file(path)
    if part is None:
        assert len(reads) == 1, [r.table.report.sheet for r in reads]
        return reads[0]
    found = [r for r in reads if r.table.report.sheet == part]
    assert found, f"no part {part!r} in {path.name}: {[r.table.report.sheet for r in reads]}"
    return found[0]
