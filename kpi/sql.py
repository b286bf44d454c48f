"""A person's own SQL on their canonical views (Explore's SQL tab and `python -m kpi sql`).

What makes it safe is the session's locked connection (no files, network, extensions or setting
changes; bounded memory), not this module: here a query is checked to be exactly one SELECT so
the person gets a plain answer, run through the session's gate (one at a time, time limit), and
only the first rows are brought into Python. DuckDB's errors become sentences."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import time
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd
import pyarrow as pa

from kpi.guard import QueryGate, QueryRefused
from kpi.schema import DATASETS

# Operator-settable: the most rows of one result brought into Python and shown.
QUERY_ROWS = int(os.environ.get("KPI_QUERY_ROWS", "10000"))
MAX_QUERY_CHARS = 20_000


@dataclass
class QueryResult:
    """The first rows of a query's result, and whether more rows were left behind."""

    frame: pd.DataFrame
    truncated: bool
    seconds: float

    @property
    def columns(self) -> list[str]:
        """The result's column names, in order."""
        return [str(c) for c in self.frame.columns]

    def rows(self) -> list[list[object]]:
        """The rows as JSON-ready lists (dates as ISO text, missing values as None)."""
        return [[_json_value(v) for v in row] for row in self.frame.itertuples(index=False)]


def run_sql(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    gate: QueryGate,
    max_rows: int = QUERY_ROWS,
    seconds: float | None = None,
) -> QueryResult:
    """Run one SELECT on the session's connection; a refusal is a `QueryRefused` with a sentence."""
    statement = _one_select(con, sql)
    started = time.perf_counter()
    with gate.limit(con, seconds):
        reader = None
        try:
            reader = con.sql(statement).to_arrow_reader(min(max_rows + 1, 10_000))
            table, truncated = _first_rows(reader, max_rows)
        except duckdb.InterruptException:
            raise  # the gate turns it into the time-limit message
        except (duckdb.Error, pa.ArrowException) as exc:
            raise QueryRefused(explain(exc)) from None
        finally:
            if reader is not None:
                # An open result keeps the connection busy for the session's next query.
                reader.close()
    frame = table.to_pandas()
    return QueryResult(frame, truncated, time.perf_counter() - started)


def _one_select(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    text = sql.strip()
    if not text:
        raise QueryRefused("Type a SELECT query first, for example: SELECT * FROM posts LIMIT 10")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(
            f"The query is {len(text):,} characters long, over the {MAX_QUERY_CHARS:,} limit. "
            "Shorten it."
        )
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as exc:
        raise QueryRefused(explain(exc)) from None
    if len(statements) != 1:
        raise QueryRefused(
            f"Run one query at a time: this text holds {len(statements)} statements. "
            "Keep one and remove the others and the “;” between them."
        )
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        kind = statement.type.name.replace("_", " ")
        raise QueryRefused(
            f"Only SELECT queries run here, and this is a {kind} statement. Your data cannot be "
            "changed from here, and files, settings and extensions are out of reach."
        )
    return statement.query.strip().rstrip(";")


def _first_rows(reader: pa.RecordBatchReader, max_rows: int) -> tuple[pa.Table, bool]:
    batches, count = [], 0
    for batch in reader:
        batches.append(batch)
        count += batch.num_rows
        if count > max_rows:
            break
    table = pa.Table.from_batches(batches, schema=reader.schema)
    return _plain_numbers(table.slice(0, max_rows)), count > max_rows


def _plain_numbers(table: pa.Table) -> pa.Table:
    """Decimals (what `sum` of integers returns) as ints or floats, so tables, charts and JSON
    show 1234 rather than Decimal('1234')."""
    for i, f in enumerate(table.schema):
        if not pa.types.is_decimal(f.type):
            continue
        column = table.column(i)
        try:
            plain = column.cast(pa.int64()) if f.type.scale == 0 else column.cast(pa.float64())
        except pa.ArrowInvalid:  # beyond int64: a float keeps the magnitude
            plain = column.cast(pa.float64(), safe=False)
        table = table.set_column(i, f.name, plain)
    return table


_PREFIX = re.compile(r"^[A-Za-z ]+ Error: ")


def explain(exc: Exception) -> str:
    """A DuckDB error as a sentence a person can act on (no traceback, no line markers)."""
    first = _PREFIX.sub("", str(exc).strip().split("\n\n")[0]).strip()
    lines = [line for line in first.splitlines() if not line.startswith("LINE ")]
    detail = " ".join(lines)[:300]
    if isinstance(exc, duckdb.PermissionException):
        return (
            "This query tries to reach files, the network or the server's settings, which "
            "KPI Explorer does not allow. Query the tables listed beside the editor instead."
        )
    if isinstance(exc, duckdb.OutOfMemoryException):
        return (
            "The query needed more memory than a session may use. Aggregate or filter "
            "before returning rows (GROUP BY, WHERE, LIMIT)."
        )
    if isinstance(exc, duckdb.ParserException):
        return f"The query has a syntax error: {detail}"
    if isinstance(exc, duckdb.CatalogException):
        return f"{detail} The tables you can query are listed beside the editor."
    if isinstance(exc, duckdb.BinderException):
        return f"{detail} Check the column names listed beside the editor."
    return f"The query could not run: {detail}"


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, pd.Timedelta | dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def schema(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """The canonical views that exist in this session, each with its columns and their types."""
    names = list(DATASETS)
    found = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE list_contains(?, table_name) ORDER BY table_name, ordinal_position",
        [names],
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in found:
        out.setdefault(table, []).append((column, kind))
    return {n: out[n] for n in names if n in out}
