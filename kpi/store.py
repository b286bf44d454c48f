"""A person's data for one browser session (or one command-line run): a private in-memory
DuckDB connection holding the loaded tables and the canonical views built over them."""

from __future__ import annotations

import os
import re
import shutil
import threading
import uuid
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import pyarrow as pa

from kpi.combine import (
    LINE_ITEM_KEYS,
    RANGE_ENDS,
    line_level,
    merged_sql,
    one_row_per_key_sql,
    repeated_keys_sql,
    report_range,
)
from kpi.engine import rollups
from kpi.engine.clock import DEFAULT_TIMEZONE, zone_in_text
from kpi.engine.compile import RANGE_END, RANGED_DATASETS
from kpi.engine.memo import DataMemo, attach
from kpi.guard import QueryGate
from kpi.load import FileError, Host, LoadedTable, LoadResult, load_file
from kpi.load.fast import SHM_DIR
from kpi.load.report import drop_objects, object_kind
from kpi.mapping import TableMapping, normalise, recognise_loaded
from kpi.order_status import ALL_ORDERS, COUNTED, MAX_STATUSES, REASON, reason_sql
from kpi.schema import DATASETS, DEDUPE_KEYS, TIME_FIELDS
from kpi.settings import settings
from kpi.workspace import Workspace

_NULL = "CAST(NULL AS "
# The phases of adding a file, reported to an `on_phase` callback (the app's progress bar);
# "reading" is the caller's (it runs the loader), the others the store's.
PHASES = ("reading", "recognising", "summaries")
Phase = Callable[[str], None]
# Frees the loader's side of stored tables while the session builds its views (see `add`).
_RELEASER = ThreadPoolExecutor(1, thread_name_prefix="kpi-loader-release")
# Merged datasets are computed once into tables named so (the view of the dataset reads them).
MERGED_PREFIX = "__merged_"
# A column matched by its canonical name or a synonym scores this much or more (near spellings less).
EXACT_NAME = 0.95

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


def sql_literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


@dataclass
class StoredTable:
    """A loaded table inside the session's database, with the dataset it was recognised as."""

    name: str
    loaded: LoadedTable
    mapping: TableMapping
    order: int = 0  # upload order: among equally new files, the later upload wins
    upload: str = ""  # which upload brought it, so removing that file removes its tables
    serial: int = 0  # never reused in a session: a table's data is known by its serial
    # The objects a table read straight into the session's database still reads from (the
    # cells under its typing view), dropped with it.
    owned: tuple[str, ...] = ()

    @property
    def columns(self) -> list[str]:
        """The table's column names as loaded."""
        return self.loaded.column_names


@dataclass
class SessionData:
    """One person's loaded files and canonical views, on a connection no one else uses."""

    # Made in __post_init__ when not given: locked, and allowed to read the session's own
    # upload folders only (`host`).
    con: duckdb.DuckDBPyConnection = field(default=None)  # type: ignore[assignment]
    tables: list[StoredTable] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    workspace: Workspace = field(default_factory=Workspace)
    duplicates: dict[str, int] = field(default_factory=dict)  # rows two files both measured
    line_items: dict[str, int] = field(default_factory=dict)  # item rows joined to their order
    # Orders kept out of purchases and revenue, per reason (kpi.order_status): cancelled, …
    not_counted: dict[str, int] = field(default_factory=dict)
    source: str = "empty"  # "sample" or "uploads": what the person is looking at
    gate: QueryGate = field(default_factory=QueryGate)  # the person's own queries, one at a time
    # One thread at a time on the connection: a page's run and a download built in the
    # background (report, slides) would otherwise meet on it ("connection is busy").
    lock: threading.RLock = field(default_factory=threading.RLock)
    uploads: dict[str, str] = field(default_factory=dict)  # upload key → file name
    # Values computed once per version of the data (engine results, filled fields, rollups).
    memo: DataMemo = field(default_factory=DataMemo)
    # The rollups built per dataset, with what their rows were (kpi.engine.rollups.refresh).
    summaries: dict[str, tuple[object, dict]] = field(default_factory=dict)
    added: int = 0  # tables stored so far (their serials)

    # Where a large upload is read straight into this session's database (None on a
    # connection given by the caller): see `read`.
    host: Host | None = field(default=None, init=False)
    _cleanups: list[weakref.finalize] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.con is None:
            name = f"kpi-uploads-{uuid.uuid4().hex}"
            folders = (os.path.join(SHM_DIR, name), os.path.join(settings().temp_dir, name))
            self.con = _new_connection(folders)
            self.host = Host(self.con, *folders)
            # Made on the first large upload; removed on `close`, or when the session is let go.
            self._cleanups = [weakref.finalize(self, shutil.rmtree, f, True) for f in folders]
        attach(self.con, self.memo)

    def read(self, name: str, data: bytes) -> LoadResult:
        """Read one file for this session, to `add` next. A large delimited file is read
        straight into the session's database (its data then exists once, not once on the
        loader's connection and again here); anything else on the loader's own connection."""
        with self.lock:
            return load_file(name, data, host=self.host)

    def close(self) -> None:
        """Free the session's memory and its spill directory (DuckDB removes it on close); the
        loaded tables are let go too, since the object may outlive its session for a while."""
        self.tables.clear()
        self.summaries.clear()
        self.uploads.clear()
        self.errors.clear()
        self.duplicates.clear()
        self.not_counted.clear()
        self.memo.bump()
        self.con.close()
        for cleanup in self._cleanups:
            cleanup()

    def add(
        self, result: LoadResult, upload: str = "", name: str = "", on_phase: Phase | None = None
    ) -> None:
        """Store every table of a load result, recognise it, and rebuild the canonical views;
        `upload` names the upload it came from (the file `name`), so it can be removed later.
        `on_phase` hears "recognising" and then "summaries" (views and rollups) as they start."""
        report = on_phase or (lambda phase: None)
        report("recognising")
        if upload:
            self.uploads[upload] = name
        self.errors.extend(result.errors)
        releasing: list[Future[None]] = []
        for loaded in result.tables:
            name = self._table_name(loaded)
            source = loaded.source
            owned: tuple[str, ...] = ()
            if source is not None and source.con is self.con:
                # Read straight into this database (`read`): the table is renamed, not copied.
                kept = LoadedTable(_head(loaded), loaded.report)
                final, *rest = source.adopt()
                self.con.execute(
                    f"ALTER {object_kind(self.con, final)} {final} RENAME TO {quote_ident(name)}"
                )
                owned = tuple(rest)
            else:
                kept = self._copy_in(loaded, name, releasing)
                if kept is None:
                    continue
            self.added += 1
            table = StoredTable(
                name,
                kept,
                self._propose(kept),  # recognising reads the first rows only
                order=len(self.tables),
                upload=upload,
                serial=self.added,
                owned=owned,
            )
            self.tables.append(table)
        report("summaries")
        try:
            self.rebuild_views()
        finally:
            for job in releasing:
                job.result()

    def _copy_in(
        self, loaded: LoadedTable, name: str, releasing: list[Future[None]]
    ) -> LoadedTable | None:
        """Copy a table the loader holds into the session's database as `name`; returns its
        first rows, or None when it could not be stored (the error is noted)."""
        try:
            # Streamed batch by batch from the loader: the whole table is never one more
            # Arrow copy beside the loader's and the session's.
            self.con.register("_incoming", loaded.reader())
            self.con.execute(f"CREATE TABLE {quote_ident(name)} AS SELECT * FROM _incoming")
            return LoadedTable(_head(loaded), loaded.report)
        except duckdb.Error as exc:
            # A column type the database cannot hold (exotic Parquet): say so, keep the rest.
            message = f"{loaded.label} could not be stored ({exc}). Export it as CSV instead."
            self.errors.append(FileError(loaded.report.file, message))
            return None
        finally:
            self.con.unregister("_incoming")
            # The loader's copy is no longer needed. Closing its connection gives the memory
            # back (0.1 s to 0.2 s for a million rows): beside the views and the rollups, and
            # waited for before `add` returns.
            releasing.append(_RELEASER.submit(loaded.release))

    def _drop_stored(self, table: StoredTable) -> None:
        """Drop a stored table and the objects it reads from."""
        drop_objects(self.con, (table.name, *table.owned))

    @property
    def timezone(self) -> str:
        """The business's time zone: the workspace's, else one the exports name (a title line
        or a column such as `Date (Europe/Madrid)`), else UTC."""
        if self.workspace.timezone:
            return self.workspace.timezone
        for table in self.tables:
            texts = [s.raw for s in table.loaded.report.skipped] + table.columns
            for text in texts:
                if zone := zone_in_text(text):
                    return zone
        return DEFAULT_TIMEZONE

    def _propose(self, loaded: LoadedTable) -> TableMapping:
        columns = loaded.column_names
        saved = self.workspace.recall(columns)
        if saved is not None:
            return saved
        # The values and the title lines above the header are evidence too, not only names.
        return recognise_loaded(loaded)

    def set_mapping(self, table_name: str, mapping: TableMapping) -> None:
        """The person's reading of a table: use it, remember it in the workspace, rebuild views."""
        table = self.table(table_name)
        mapping.source = "person"
        table.mapping = mapping
        self.workspace.remember(table.columns, mapping, table.loaded.label)
        self.rebuild_views()

    def use_workspace(self, workspace: Workspace) -> None:
        """Adopt an uploaded workspace and re-read every table with its saved mappings."""
        self.workspace = workspace
        for table in self.tables:
            table.mapping = self._propose(table.loaded)
        self.rebuild_views()

    def table(self, name: str) -> StoredTable:
        """The stored table called `name`."""
        return next(t for t in self.tables if t.name == name)

    def clear(self) -> None:
        """Forget every table and view (the person replaces the sample data with their own)."""
        self.memo.bump()
        rollups.drop(self.con)
        self.summaries.clear()
        self.con.execute(f"DROP VIEW IF EXISTS {ALL_ORDERS}")
        for dataset in DATASETS:
            self.con.execute(f"DROP VIEW IF EXISTS {dataset}")
            self.con.execute(f"DROP TABLE IF EXISTS {quote_ident(MERGED_PREFIX + dataset)}")
        for table in self.tables:
            self._drop_stored(table)
        self.tables.clear()
        self.errors.clear()
        self.duplicates.clear()
        self.line_items.clear()
        self.not_counted.clear()
        self.uploads.clear()

    def remove_upload(self, upload: str) -> None:
        """Forget the tables (and the file's errors) one upload brought, and rebuild the views."""
        name = self.uploads.pop(upload, None)
        for table in [t for t in self.tables if t.upload == upload]:
            self._drop_stored(table)
            self.tables.remove(table)
        if name is not None and name not in self.uploads.values():
            self.errors = [e for e in self.errors if e.file != name]
        self.rebuild_views()

    def _table_name(self, loaded: LoadedTable) -> str:
        base = re.sub(r"[^a-z0-9]+", "_", loaded.label.lower()).strip("_")[:48] or "table"
        name, n = f"raw_{base}", 2
        taken = {t.name for t in self.tables}
        while name in taken:
            name, n = f"raw_{base}_{n}", n + 1
        return name

    def included(self, table: StoredTable) -> bool:
        """Whether a table feeds the canonical views: it has a dataset, and the reading is sure
        enough, confirmed by the person, or names every column of the table by a known name (a
        small table of exact names is read, not guessed). A 59 % guess waits on the Data page."""
        mapping = table.mapping
        if mapping.dataset is None:
            return False
        if not mapping.needs_review:
            return True
        columns = [
            c for c in mapping.mapping if not (mapping.unpivot and c in mapping.unpivot.columns)
        ]
        return bool(columns) and all(
            mapping.mapping[c] and mapping.scores.get(c, 0) >= EXACT_NAME for c in columns
        )

    def pending(self) -> list[StoredTable]:
        """Tables with a guessed dataset that wait for the person to confirm it (not in any KPI)."""
        return [t for t in self.tables if t.mapping.dataset is not None and not self.included(t)]

    def rebuild_views(self) -> None:
        """One view per canonical dataset over every confirmed table recognised as it.

        Tables of one dataset merge column-wise on the dataset's key (date + platform for
        `account_daily`, post id for `posts`, …): a file with followers and one with video views
        for the same days give one row with both. Only the same measure for the same key in two
        files is a duplicate: the newest file's value is kept and the row counted in
        `duplicates`. Rows without the key's first field are never merged. A merge is computed
        once, into a table the view reads (a view doing it would redo it on every query).
        The data's version changes, and the rollups of every dataset whose rows changed are
        rebuilt over the new views (now, so the first page's requests are as fast as the next
        ones); the others are kept."""
        self.memo.bump()
        self.duplicates.clear()
        self.line_items.clear()
        self.not_counted.clear()
        rows: dict[str, object] = {}  # per dataset, what identifies its rows
        for dataset in DATASETS.values():
            members = [
                t for t in self.tables if t.mapping.dataset == dataset.name and self.included(t)
            ]
            merged_table = quote_ident(f"{MERGED_PREFIX}{dataset.name}")
            self.con.execute(f"DROP VIEW IF EXISTS {dataset.name}")
            if dataset.name == "orders":
                self.con.execute(f"DROP VIEW IF EXISTS {ALL_ORDERS}")
            self.con.execute(f"DROP TABLE IF EXISTS {merged_table}")
            if not members:
                continue
            ranked = self._rank_by_newest(members, dataset.name)
            keys = DEDUPE_KEYS.get(dataset.name)
            parts = [
                f"SELECT *, {rank} AS __rank FROM ({self._rows_sql(t, dataset.name)})"
                for rank, t in enumerate(ranked)
            ]
            union = " UNION ALL BY NAME ".join(parts)
            rows[dataset.name] = (union, tuple(t.serial for t in ranked))
            if not keys or len(members) < 2:
                self._create_view(dataset.name, f"SELECT * EXCLUDE (__rank) FROM ({union})")
                continue
            described = self.con.execute(f"DESCRIBE SELECT * FROM ({union})").fetchall()
            columns = {r[0]: r[1] for r in described if r[0] != "__rank"}
            provided = [self.provided(t) for t in ranked]
            body = merged_sql(dataset.name, union, keys, columns, provided)
            self.con.execute(f"CREATE TABLE {merged_table} AS {body}")
            self._create_view(dataset.name, f"SELECT * EXCLUDE (__overlap) FROM {merged_table}")
            counted = self.con.execute(
                f"SELECT coalesce(sum(__overlap), 0) FROM {merged_table}"
            ).fetchall()[0][0]
            if counted:
                self.duplicates[dataset.name] = int(counted)
        self.summaries = rollups.refresh(self.con, rows, self.summaries)

    def _create_view(self, dataset: str, body: str) -> None:
        """A dataset's canonical view over its rows (`body`). For `orders`, every order stays in
        `all_orders` with its `counted` flag and `not_counted_reason` (kpi.order_status), and
        `orders` — what every KPI and analysis reads — holds the counted ones: a cancelled or
        refunded order is no purchase and no revenue. The orders left out are counted per
        reason in `not_counted` (the Data page says so)."""
        if dataset != "orders":
            self.con.execute(f"CREATE VIEW {dataset} AS {body}")
            return
        # Statuses are few: each distinct one is classified once, in Python, and the view
        # carries the verdicts as literals (one rule, kpi.order_status, and plain SQL).
        statuses = self.con.execute(
            f"SELECT DISTINCT CAST(status AS VARCHAR) FROM ({body}) "
            f"WHERE status IS NOT NULL LIMIT {MAX_STATUSES}"
        ).fetchall()
        columns = [r[0] for r in self.con.execute(f"DESCRIBE {body}").fetchall()]
        reason = reason_sql([r[0] for r in statuses], columns)
        flagged = f"SELECT *, {reason} AS {REASON} FROM ({body})"
        self.con.execute(
            f"CREATE VIEW {ALL_ORDERS} AS SELECT *, {REASON} IS NULL AS {COUNTED} FROM ({flagged})"
        )
        self.con.execute(
            f"CREATE VIEW orders AS SELECT * EXCLUDE ({COUNTED}, {REASON}) FROM {ALL_ORDERS} "
            f"WHERE {COUNTED}"
        )
        found = self.con.execute(
            f"SELECT {REASON}, count(*) FROM {ALL_ORDERS} WHERE NOT {COUNTED} GROUP BY 1"
        ).fetchall()
        self.not_counted = {r: int(n) for r, n in sorted(found, key=lambda f: (-f[1], f[0]))}

    def _rows_sql(self, table: StoredTable, dataset: str) -> str:
        """A table's canonical rows as the views read them: one row per order when an orders
        export writes one row per line item (the item rows joined are counted in
        `line_items`)."""
        items, source = self._select_items(table)  # once: select, filled fields and names
        select = _select(items, source)
        key = LINE_ITEM_KEYS.get(dataset)
        if key is None or key not in {_name(n) for e, n in items if not e.startswith(_NULL)}:
            return select
        repeated = int(self.con.execute(repeated_keys_sql(select, key)).fetchall()[0][0] or 0)
        if not repeated:
            return select
        self.line_items[dataset] = self.line_items.get(dataset, 0) + repeated
        # The names as the select gives them (DESCRIBE may spell one as its source column:
        # `"Currency" AS currency` is described as `Currency`).
        columns = [_name(n) for _, n in items]
        per_item = [f for col, f in table.mapping.mapping.items() if f and line_level(col)]
        return one_row_per_key_sql(dataset, select, key, columns, per_item)

    def _rank_by_newest(self, members: list[StoredTable], dataset: str) -> list[StoredTable]:
        """Oldest first: by the last date each file covers, then by upload order."""
        if len(members) < 2:
            return list(members)  # nothing to order: no need to read the newest date
        time_field = TIME_FIELDS[dataset]

        def newest(table: StoredTable) -> tuple[str, int]:
            end = self.con.execute(
                f"SELECT max({time_field})::VARCHAR FROM ({self.select_sql(table)})"
            ).fetchall()[0][0]
            return (end or "", table.order)

        return sorted(members, key=newest)

    def select_sql(self, table: StoredTable) -> str:
        """The canonical rows of one table: fields cast to their types, constants filled in,
        wide layouts unpivoted, and every unmapped column kept under its folded name."""
        return _select(*self._select_items(table))

    def provided(self, table: StoredTable) -> set[str]:
        """The columns of a table's canonical rows that can hold values (not always NULL)."""
        items, _ = self._select_items(table)
        return {_name(n) for e, n in items if not e.startswith(_NULL)}

    def _select_items(self, table: StoredTable) -> tuple[list[tuple[str, str]], str]:
        mapping = table.mapping
        dataset = DATASETS[mapping.dataset] if mapping.dataset else None
        if dataset is None:
            raise ValueError(f"{table.name} is not mapped to a dataset")
        by_field = {f: col for col, f in mapping.mapping.items() if f}
        source = quote_ident(table.name)
        segment_expr = None
        if mapping.unpivot is not None:
            wide = ", ".join(quote_ident(c) for c in mapping.unpivot.columns)
            keep = [c for c in table.columns if c not in mapping.unpivot.columns]
            inner = ", ".join(
                [quote_ident(c) for c in keep]
                + [
                    f"TRY_CAST({quote_ident(c)} AS DOUBLE) AS {quote_ident(c)}"
                    for c in mapping.unpivot.columns
                ]
            )
            source = (
                f"(UNPIVOT (SELECT {inner} FROM {source}) ON {wide} "
                f"INTO NAME __segment VALUE __value)"
            )
            segment_expr = "__segment"
        items = []
        time_field = TIME_FIELDS[dataset.name]
        dated = time_field in by_field or time_field in mapping.constants
        covered = None if dated else report_range(table.loaded)
        for f in dataset.fields:
            sql_type = _SQL_TYPES[f.type]
            if f.name == time_field and covered is not None:
                expr = f"DATE {sql_literal(covered[0].isoformat())}"
            elif f.name in by_field:
                expr = f"TRY_CAST({quote_ident(by_field[f.name])} AS {sql_type})"
            elif mapping.unpivot is not None and f.name == "segment":
                expr = segment_expr
            elif mapping.unpivot is not None and f.name == "followers":
                expr = "TRY_CAST(__value AS BIGINT)"
            elif mapping.unpivot is not None and f.name == "dimension":
                expr = sql_literal(mapping.unpivot.dimension)
            elif f.name == "platform" and mapping.platform:
                expr = sql_literal(mapping.platform)
            elif f.name in mapping.constants:
                expr = f"TRY_CAST({sql_literal(mapping.constants[f.name])} AS {sql_type})"
            else:
                expr = f"{_NULL}{sql_type})"
            items.append((expr, f.name))
        taken = set(dataset.field_names)
        if dataset.name in RANGED_DATASETS:
            # The last day a row covers: the report's range end, when its rows carry no date.
            ends = [c for c, f in mapping.mapping.items() if not f and normalise(c) in RANGE_ENDS]
            if RANGE_END in mapping.constants:
                end = f"TRY_CAST({sql_literal(mapping.constants[RANGE_END])} AS DATE)"
            elif ends and time_field in by_field:
                end = f"TRY_CAST({quote_ident(ends[0])} AS DATE)"  # Meta's "Reporting ends"
            elif covered is not None:
                end = f"DATE {sql_literal(covered[1].isoformat())}"
            else:
                end = f"{_NULL}DATE)"
            items.append((end, RANGE_END))
            taken.add(RANGE_END)
        skip = set(mapping.unpivot.columns) if mapping.unpivot else set()
        for column, target in mapping.mapping.items():
            if target or column in skip:
                continue
            extra = normalise(column) or "column"
            while extra in taken or extra.startswith("__"):
                extra += "_raw"
            taken.add(extra)
            items.append((quote_ident(column), quote_ident(extra)))
        return items, source

    def preview(self, table: StoredTable, rows: int = 10) -> pd.DataFrame:
        """The first canonical rows one table contributes, as the person will see them in KPIs."""
        return self.con.execute(f"SELECT * FROM ({self.select_sql(table)}) LIMIT {int(rows)}").df()

    def remap(self, table_name: str, dataset: str | None) -> TableMapping:
        """A fresh proposal for a table read as `dataset` (the person picked it), or none."""
        table = self.table(table_name)
        if dataset is None:
            return TableMapping(None, 0.0, None, dict.fromkeys(table.columns), source="person")
        return recognise_loaded(table.loaded, only=dataset)

    def distinct_values(self, field_name: str, limit: int = 500) -> list[str]:
        """The values a field takes across every dataset that has it (for filter pickers)."""
        parts = [
            f"SELECT CAST({field_name} AS VARCHAR) AS v FROM {name} WHERE {field_name} IS NOT NULL"
            for name in self.datasets()
            if field_name in DATASETS[name].field_names
        ]
        if not parts:
            return []
        sql = f"SELECT DISTINCT v FROM ({' UNION ALL '.join(parts)}) ORDER BY v LIMIT {int(limit)}"
        found = self.memo.get(sql, lambda: tuple(r[0] for r in self.con.execute(sql).fetchall()))
        return list(found)

    def datasets(self) -> dict[str, int]:
        """The canonical datasets that have data, with their row counts (counted once per data
        version)."""
        return dict(self.memo.get(("datasets",), self._count_datasets))

    def _count_datasets(self) -> tuple[tuple[str, int], ...]:
        out = []
        for name in DATASETS:
            if any(t.mapping.dataset == name and self.included(t) for t in self.tables):
                count = self.con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                out.append((name, int(count)))
        return tuple(out)


def _select(items: list[tuple[str, str]], source: str) -> str:
    """The SELECT of a table's canonical rows from its (expression, quoted name) items."""
    return f"SELECT {', '.join(f'{e} AS {n}' for e, n in items)} FROM {source}"


def _name(quoted: str) -> str:
    """A canonical column's name from its quoted identifier."""
    return quoted.strip('"').replace('""', '"')


# Rows of a loaded table the session keeps in Python once the database holds them all: what
# recognising (kpi.mapping.evidence reads 500) and the Data page's previews (50) look at.
HEAD_ROWS = 1000


def _head(loaded: LoadedTable) -> pa.Table:
    """The first HEAD_ROWS rows as a table of their own (a slice would keep the whole table's
    buffers alive: the session would hold every file twice, in Arrow and in the database)."""
    return loaded.head(HEAD_ROWS)


def _new_connection(upload_folders: Sequence[str] = ()) -> duckdb.DuckDBPyConnection:
    """A session's own connection, locked down before anyone's SQL reaches it: no file system
    but its own upload folders (where a large upload's temporary copy is read from, see
    `SessionData.read`), no network, no extension installs, no reading Python variables,
    bounded memory and threads, and a spill directory of its own with a size cap (DuckDB creates
    it when a query first spills and removes it when the connection closes). Other data arrives
    as Arrow tables from the separate loader connection, which still works locked."""
    bounds = settings()
    con = duckdb.connect(
        ":memory:",
        config={
            # Operator-settable bounds (kpi.settings) so several sessions fit on one machine.
            "threads": bounds.session_threads,
            "memory_limit": f"{bounds.session_memory}B",
            "temp_directory": os.path.join(bounds.temp_dir, f"kpi-session-{uuid.uuid4().hex}"),
            "max_temp_directory_size": f"{bounds.session_temp}B",
            "python_enable_replacements": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "allow_community_extensions": False,
        },
    )
    con.execute("SET TimeZone = 'UTC'")
    if upload_folders:
        # Set before access is locked (it cannot be changed after); a trailing slash means the
        # folder and what it holds.
        folders = ", ".join(sql_literal(os.path.join(f, "")) for f in upload_folders)
        con.execute(f"SET allowed_directories = [{folders}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con
