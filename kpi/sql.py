"""A person's own SQL on their canonical views (Explore's SQL tab and `python -m kpi sql`).

What makes it safe is the session's locked connection (no files, network, extensions or setting
changes; bounded memory), not this module: here a query is checked to be exactly one SELECT so
the person gets a plain answer, run through the session's gate (one at a time, time limit), and
only the first rows are brought into Python. DuckDB's errors become sentences."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from kpi.guard import QueryGate, QueryRefused
from kpi.i18n import format_count, t
from kpi.order_status import ALL_ORDERS
from kpi.schema import DATASETS
from kpi.settings import settings
from kpi.sql_answer import fetch, json_value, to_frame
from kpi.sql_check import checked_sql

# The most rows of one result brought into Python and shown is the KPI_QUERY_ROWS setting.
MAX_QUERY_ROWS = 1_000_000  # the most a caller may ask for (the command line's --max-rows)
MAX_QUERY_CHARS = 20_000


@dataclass
class QueryResult:
    """The first rows of a query's result, and whether more rows were left behind."""

    frame: pd.DataFrame
    truncated: bool
    seconds: float
    cut_bytes: bool = False  # the byte cap, not the row cap, stopped the answer
    cut_cells: bool = False  # texts longer than the KPI_QUERY_CELL_CHARS setting were cut

    @property
    def columns(self) -> list[str]:
        """The result's column names, in order."""
        return [str(c) for c in self.frame.columns]

    def rows(self) -> list[list[object]]:
        """The rows as JSON-ready lists (dates as ISO text, missing values as None, anything
        nested as text)."""
        return [[json_value(v) for v in row] for row in self.frame.itertuples(index=False)]

    def notes(self) -> list[str]:
        """One sentence per limit that shaped this answer (rows, bytes, long texts)."""
        out = []
        if self.cut_bytes:
            megabytes = f"{settings().query_bytes / (1024 * 1024):,.0f}"
            out.append(t("sql.cut_bytes", megabytes=megabytes))
        elif self.truncated:
            out.append(t("sql.truncated", rows=format_count(len(self.frame))))
        if self.cut_cells:
            out.append(t("sql.cut_cells", chars=format_count(settings().query_cell_chars)))
        return out


def run_sql(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    gate: QueryGate,
    max_rows: int | None = None,
    seconds: float | None = None,
    max_bytes: int | None = None,
) -> QueryResult:
    """Run one SELECT on the session's connection; a refusal is a `QueryRefused` with a sentence.
    Rows and bytes default to the KPI_QUERY_ROWS and KPI_QUERY_BYTES settings."""
    max_rows = settings().query_rows if max_rows is None else max_rows
    max_bytes = settings().query_bytes if max_bytes is None else max_bytes
    started = time.perf_counter()
    # The gate comes first: while another query of this session runs, this one must not touch
    # the connection at all (not even to parse), and the answer is "still running".
    with gate.limit(con, seconds):
        statement = _one_select(con, sql)
        try:
            # Settings, paths and size-making functions are checked before anything runs.
            answer = fetch(con, checked_sql(con, statement), max_rows, max_bytes)
        except duckdb.InterruptException:
            raise  # the gate turns it into the time-limit message
        except (duckdb.Error, pa.ArrowException) as exc:
            raise QueryRefused(explain(exc)) from None
        except OSError:  # DuckDB's Arrow appender past its 2 GB string buffer
            megabytes = f"{max_bytes / (1024 * 1024):,.0f}"
            raise QueryRefused(t("sql.cut_bytes", megabytes=megabytes)) from None
    frame = to_frame(answer.table)
    return QueryResult(
        frame,
        answer.more_rows or answer.cut_bytes,
        time.perf_counter() - started,
        cut_bytes=answer.cut_bytes,
        cut_cells=answer.cut_cells,
    )


def _one_select(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    text = sql.strip()
    if not text:
        raise QueryRefused(t("sql.error.empty"))
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(
            t("sql.error.long", chars=format_count(len(text)), limit=format_count(MAX_QUERY_CHARS))
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: not text DuckDB can read
        raise QueryRefused(t("sql.error.not_text")) from None
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as exc:
        raise QueryRefused(explain(exc)) from None
    if len(statements) != 1:
        raise QueryRefused(t("sql.error.statements", n=len(statements)))
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        kind = statement.type.name.replace("_", " ")
        raise QueryRefused(t("sql.error.not_select", kind=kind))
    return statement.query.strip().rstrip(";")


_PREFIX = re.compile(r"^[A-Za-z ]+ Error: ")
# Anything shaped like an absolute path: DuckDB names the session's spill directory or the
# extension folder in some errors, and the server's paths are no one's business.
_PATH = re.compile(r"(?<![\w.])/[\w.@+-]+(?:/[\w.@+-]*)*")


def explain(exc: Exception) -> str:
    """A DuckDB error as a sentence a person can act on (no traceback, no line markers)."""
    first = _PREFIX.sub("", str(exc).strip().split("\n\n")[0]).strip()
    lines = [line for line in first.splitlines() if not line.startswith("LINE ")]
    detail = _PATH.sub("(a server path)", " ".join(lines))[:300]
    if isinstance(exc, duckdb.PermissionException):
        return t("sql.error.permission")
    if isinstance(exc, duckdb.OutOfMemoryException):
        return t("sql.error.memory")
    if isinstance(exc, duckdb.ParserException):
        return t("sql.error.syntax", detail=detail)
    if isinstance(exc, duckdb.CatalogException):
        return t("sql.error.catalog", detail=detail)
    if isinstance(exc, duckdb.BinderException):
        return t("sql.error.binder", detail=detail)
    return t("sql.error.other", detail=detail)


def schema(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """The canonical views that exist in this session, each with its columns and their types
    (and `all_orders`: every order, also those not counted as purchases)."""
    names = [*DATASETS, ALL_ORDERS]
    found = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE list_contains(?, table_name) ORDER BY table_name, ordinal_position",
        [names],
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in found:
        out.setdefault(table, []).append((column, kind))
    return {n: out[n] for n in names if n in out}
