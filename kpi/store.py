"""A person's data for one browser session (or one command-line run): a private in-memory
DuckDB connection holding the loaded tables and the canonical views built over them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb

from kpi.load import FileError, LoadedTable, LoadResult
from kpi.mapping import TableMapping, recognise
from kpi.schema import DATASETS

_SQL_TYPES = {
    "timestamp": "TIMESTAMP",
    "date": "DATE",
    "int": "BIGINT",
    "float": "DOUBLE",
    "money": "DOUBLE",
    "percent": "DOUBLE",
    "text": "VARCHAR",
    "bool": "BOOLEAN",
}


def quote_ident(name: str) -> str:
    """A SQL identifier, quoted, whatever characters the export put in the column name."""
    return '"' + name.replace('"', '""') + '"'


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass
class StoredTable:
    """A loaded table inside the session's database, with the dataset it was recognised as."""

    name: str
    loaded: LoadedTable
    mapping: TableMapping


@dataclass
class SessionData:
    """One person's loaded files and canonical views, on a connection no one else uses."""

    con: duckdb.DuckDBPyConnection = field(default_factory=lambda: _new_connection())
    tables: list[StoredTable] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    source: str = "empty"  # "sample" or "uploads": what the person is looking at

    def add(self, result: LoadResult) -> None:
        """Store every table of a load result and rebuild the canonical views."""
        self.errors.extend(result.errors)
        for loaded in result.tables:
            name = self._table_name(loaded)
            try:
                self.con.register("_incoming", loaded.data)
                self.con.execute(f"CREATE TABLE {quote_ident(name)} AS SELECT * FROM _incoming")
            except duckdb.Error as exc:
                # A column type the database cannot hold (exotic Parquet): say so, keep the rest.
                message = f"{loaded.label} could not be stored ({exc}). Export it as CSV instead."
                self.errors.append(FileError(loaded.report.file, message))
                continue
            finally:
                self.con.unregister("_incoming")
            mapping = recognise(loaded.data.column_names, loaded.report.file)
            self.tables.append(StoredTable(name, loaded, mapping))
        self.rebuild_views()

    def clear(self) -> None:
        """Forget every table and view (the person replaces the sample data with their own)."""
        for dataset in DATASETS:
            self.con.execute(f"DROP VIEW IF EXISTS {dataset}")
        for table in self.tables:
            self.con.execute(f"DROP TABLE IF EXISTS {quote_ident(table.name)}")
        self.tables.clear()
        self.errors.clear()

    def _table_name(self, loaded: LoadedTable) -> str:
        base = re.sub(r"[^a-z0-9]+", "_", loaded.label.lower()).strip("_")[:48] or "table"
        name, n = f"raw_{base}", 2
        taken = {t.name for t in self.tables}
        while name in taken:
            name, n = f"raw_{base}_{n}", n + 1
        return name

    def rebuild_views(self) -> None:
        """One view per canonical dataset: the union of every table recognised as it."""
        for dataset in DATASETS.values():
            parts = [
                self._select(t, dataset.name)
                for t in self.tables
                if t.mapping.dataset == dataset.name
            ]
            self.con.execute(f"DROP VIEW IF EXISTS {dataset.name}")
            if parts:
                self.con.execute(f"CREATE VIEW {dataset.name} AS " + " UNION ALL ".join(parts))

    def _select(self, table: StoredTable, dataset_name: str) -> str:
        dataset = DATASETS[dataset_name]
        by_field = {f: col for col, f in table.mapping.mapping.items() if f}
        items = []
        for f in dataset.fields:
            sql_type = _SQL_TYPES[f.type]
            if f.name in by_field:
                expr = f"TRY_CAST({quote_ident(by_field[f.name])} AS {sql_type})"
            elif f.name == "platform" and table.mapping.platform:
                expr = _sql_literal(table.mapping.platform)
            else:
                expr = f"CAST(NULL AS {sql_type})"
            items.append(f"{expr} AS {f.name}")
        return f"SELECT {', '.join(items)} FROM {quote_ident(table.name)}"

    def datasets(self) -> dict[str, int]:
        """The canonical datasets that have data, with their row counts."""
        out = {}
        for name in DATASETS:
            if any(t.mapping.dataset == name for t in self.tables):
                out[name] = int(self.con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0])
        return out


def _new_connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": 2,
            "python_enable_replacements": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        },
    )
    con.execute("SET TimeZone = 'UTC'")
    return con
