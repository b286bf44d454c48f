"""Bringing a person's query answer into Python without breaking anything: every value becomes
something a table, a chart, a download and JSON can hold, and no more rows or bytes than the
operator allows cross from DuckDB into Python.

The work happens in DuckDB, around the person's statement: values pandas, Altair or JSON cannot
hold (lists, structs, maps, unions, intervals, blobs, bits, …) are cast to text there, very long
texts are cut there, and a running byte count (a streaming window, so order is kept and nothing
is materialised) lets only the rows that fit the byte cap through. Python then reads at most the
row cap plus one row."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kpi.settings import settings

# Operator-settable (kpi.settings): the most bytes of one answer brought into Python
# (KPI_QUERY_BYTES), and the most characters of one text cell (KPI_QUERY_CELL_CHARS): longer
# ones are cut, with "…".
# Types that pandas, st.dataframe, Altair and JSON all take as they are.
_KEEP = {
    "boolean", "tinyint", "smallint", "integer", "bigint", "utinyint", "usmallint",
    "uinteger", "ubigint", "float", "double", "decimal", "hugeint", "uhugeint", "varchar",
    "time", "enum",
}  # fmt: skip
_TIMES = {"date", "timestamp", "timestamp_s", "timestamp_ms", "timestamp_ns"}
_TIMES_TZ = {"timestamp with time zone"}
_FIXED_BYTES = {
    "boolean": 1,
    "tinyint": 1,
    "smallint": 2,
    "integer": 4,
    "date": 4,
    "bigint": 8,
    "double": 8,
    "timestamp": 8,
}  # others: 16, the widest fixed-size value
_HELPERS = ("__cut", "__b", "__cum")  # columns the wrapper adds; dropped before anyone sees them
_EXACT_FLOAT = 2**53  # beyond this a float64 no longer holds every integer


@dataclass
class Answer:
    """The rows that crossed into Python and why the rest, if any, did not."""

    table: pa.Table
    more_rows: bool  # the row cap left rows behind
    cut_bytes: bool  # the byte cap stopped the answer
    cut_cells: bool  # some texts were longer than the KPI_QUERY_CELL_CHARS setting and were cut


def _id(kind: duckdb.sqltype) -> str:
    return str(kind.id).lower()


def _is_text(kind: duckdb.sqltype) -> bool:
    """Whether the column reaches Python as text (it is text, or it is cast to text)."""
    kid = _id(kind)
    return kid in ("varchar", "enum") or (kid not in _KEEP and kid not in _TIMES | _TIMES_TZ)


def _converted(column: str, kind: duckdb.sqltype) -> str:
    """The column as a value every consumer can hold (text for anything unusual)."""
    kid = _id(kind)
    if kid in _TIMES | _TIMES_TZ:
        # ±infinity and dates beyond year 9999 have no Python, pandas or JavaScript equivalent:
        # they are shown as empty rather than break the table.
        return (
            f"CASE WHEN isfinite({column}) AND year({column}) BETWEEN 1 AND 9999 THEN {column} END"
        )
    if kid in _KEEP and kid != "enum":
        return column
    # Lists, structs, maps, unions, arrays, intervals, blobs, bits, uuids, enums, …: DuckDB's
    # own text for them reads like JSON ([1, 2], {'a': 1}, {1=2}) and never fails.
    return f"CAST({column} AS VARCHAR)"


def _long(column: str) -> str:
    # strlen (bytes) is free; length (characters) is only counted for the rare long text.
    chars = settings().query_cell_chars
    return f"coalesce(strlen({column}) > {chars} AND length({column}) > {chars}, false)"


def wrapped_sql(rel: duckdb.DuckDBPyRelation, statement: str, max_rows: int, max_bytes: int) -> str:
    """The person's statement inside the query that converts, cuts and counts bytes.

    Columns are renamed by position (`AS __q(__c0, …)`), so duplicate or odd names do not
    matter; the newline before the closing parenthesis keeps a trailing `--` comment inside.
    The running sum is a streaming window: it keeps the rows' order and materialises nothing,
    and the filter lets through the rows that fit plus the one that crosses the cap, emptied
    (so Python knows the answer was cut)."""
    kinds = list(rel.types)
    names = [f"__c{i}" for i in range(len(kinds))]
    texts = [n for n, k in zip(names, kinds, strict=True) if _is_text(k)]
    converted = ", ".join(f"{_converted(n, k)} AS {n}" for n, k in zip(names, kinds, strict=True))
    cut = ", ".join(
        f"CASE WHEN {_long(n)} THEN left({n}, {settings().query_cell_chars}) || '…' ELSE {n} END AS {n}"
        if n in texts
        else n
        for n in names
    )
    long_cells = " OR ".join(_long(n) for n in texts) or "false"
    size = " + ".join(
        f"coalesce(strlen({n}), 0) + 4" if n in texts else str(_FIXED_BYTES.get(_id(k), 16))
        for n, k in zip(names, kinds, strict=True)
    )
    # The row that crosses the cap only says so: its cells are NULL, so a single huge row
    # (thousands of long columns) never reaches Arrow either.
    fitting = ", ".join(f"CASE WHEN __cum <= {int(max_bytes)} THEN {n} END AS {n}" for n in names)
    return (
        f"SELECT {fitting}, __cut, __b, __cum FROM "
        "(SELECT *, sum(__b) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
        f" AS __cum FROM (SELECT *, {size} AS __b FROM (SELECT {cut}, {long_cells} AS __cut FROM "
        f"(SELECT {converted} FROM (\n{statement}\n) AS __q({', '.join(names)}) "
        f"LIMIT {int(max_rows) + 1}))))"
        f" WHERE __cum - __b <= {int(max_bytes)}"
    )


def fetch(
    con: duckdb.DuckDBPyConnection, statement: str, max_rows: int, max_bytes: int | None = None
) -> Answer:
    """Run `statement` (one checked SELECT) and bring in at most `max_rows` rows and about
    `max_bytes` bytes (the KPI_QUERY_BYTES setting by default), with the original column names."""
    max_bytes = settings().query_bytes if max_bytes is None else max_bytes
    rel = con.sql(statement)
    columns = list(rel.columns)
    reader = con.sql(wrapped_sql(rel, statement, max_rows, max_bytes)).to_arrow_reader(1024)
    try:
        table = reader.read_all()
    finally:
        # An open result keeps the connection busy for the session's next query.
        reader.close()
    cut_bytes = table.num_rows > 0 and table.column("__cum")[-1].as_py() > max_bytes
    if cut_bytes:
        table = table.slice(0, table.num_rows - 1)
    more_rows = not cut_bytes and table.num_rows > max_rows
    table = table.slice(0, max_rows)
    cut_cells = table.num_rows > 0 and bool(pc.any(table.column("__cut")).as_py())
    table = table.drop_columns(list(_HELPERS)).rename_columns(columns)
    return Answer(table, more_rows, cut_bytes, cut_cells)


def to_frame(table: pa.Table) -> pd.DataFrame:
    """The answer as a DataFrame; a column pandas cannot take becomes text instead of an error."""
    data = {}
    for i in range(table.num_columns):
        column = _plain_number(table.column(i))
        try:
            data[i] = column.to_pandas()
        except (pa.ArrowException, ValueError, TypeError, OverflowError):
            data[i] = pd.Series([None if v is None else str(v) for v in _as_py(column)])
    frame = pd.DataFrame(data)
    frame.columns = [str(f.name) for f in table.schema]
    return frame


def _as_py(column: pa.ChunkedArray) -> list[object]:
    """The column's values for a text fallback, whatever they are."""
    for attempt in (column.to_pylist, lambda: column.cast(pa.string()).to_pylist()):
        try:
            return attempt()
        except (pa.ArrowException, ValueError, TypeError, OverflowError):
            continue
    return [None] * len(column)


def _plain_number(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Decimals and HUGEINTs (what `sum` of integers returns) as ints or floats, so tables,
    charts and JSON show 1234 rather than Decimal('1234'); numbers a float64 cannot hold
    exactly are kept as exact text instead of losing digits."""
    if not pa.types.is_decimal(column.type):
        return column
    if column.type.scale == 0:
        try:
            return column.cast(pa.int64())
        except pa.ArrowInvalid:
            return column.cast(pa.string())
    floats = column.cast(pa.float64(), safe=False)
    biggest = pc.max(pc.abs(floats)).as_py()
    if biggest is not None and biggest >= _EXACT_FLOAT:
        return column.cast(pa.string())
    return floats


def json_value(value: object) -> object:
    """One cell as a JSON value: dates as ISO text, missing as None, infinities as text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value if math.isfinite(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, pd.Timestamp | dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return json_value(float(value))
    if isinstance(value, pd.Timedelta | dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, np.ndarray):
        return [json_value(v) for v in value.tolist()]
    return str(value)
