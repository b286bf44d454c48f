"""The fast path for delimited text: Python decides from a sample, DuckDB parses and types the
whole file in bulk.

From the first megabyte Python decides what the careful path (`kpi.load.text`) would: the
encoding, the delimiter, the header row, title and description rows above the data, the number
style. The bytes are then written once to a temporary UTF-8 file (transcoded in chunks when the
file is UTF-16 or a Windows code page, never decoded whole), starting at the first data line,
and read by DuckDB's `read_csv` on the trusted loader connection with exactly that dialect, as
text; `kpi.load.finish` types every column in SQL from there, as for any grid.

A session may offer its own connection (`Host`): a large file is then read straight into the
session's database, and the typed cells become its table in place (no second copy anywhere).

Whatever the fast path cannot reproduce exactly it hands back (returns None), and the careful
path reads the file: several tables, blank or comment lines, rows of another width, quotes that
never close, invalid UTF-8, NUL bytes, lone CR line ends, a file cut off without a final line
break. Most are seen in the sample; the rest make DuckDB's strict reader fail, or show in the
line count after reading (a blank line anywhere leaves one more line break than rows).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import TypeVar

import duckdb
import numpy as np

from kpi.load.finish import (
    Grid,
    define_clean,
    finish,
    null_word_sql,
    sample_rows,
    sample_values,
    spaced_sql,
)
from kpi.load.layout import Layout, find_layout
from kpi.load.plan import ColumnPlan, plan_column, sql_str
from kpi.load.report import LoadedTable, LoadReport, SkippedLine
from kpi.load.sniff import DELIMITER_NAMES, _decode, _utf16_without_bom, detect_delimiter
from kpi.load.text import (
    SNIFF_CHARS,
    SNIFF_MAX_CHARS,
    SNIFF_MIN_LINES,
    _offset_of_line,
    _sniff_rows,
    _table_end,
    style_values,
)
from kpi.load.values import NumberStyle, detect_number_style, null_words_among
from kpi.settings import settings

_DISABLED = False  # set by `disabled()`; the KPI_LOADER_FAST setting can turn it off too
# Writes the upload's copy and counts its lines beside the planning (I/O and numpy, which let go
# of the interpreter); shared by every load in the process.
_WORKERS = ThreadPoolExecutor(2, thread_name_prefix="kpi-load-copy")
SAMPLE_BYTES = 1 << 20  # what Python reads to decide; ≥ the careful path's 256 K characters
CHUNK_BYTES = 1 << 24  # transcoding step: bounded memory whatever the file's size
# DuckDB's reader buffer: its default (16 × the 2 MB longest line) held ~90 MB more at the peak
# of a 1 M-row read and read no faster on two cores; 8 MB still takes the longest line DuckDB
# accepts (max_line_size) four times over.
READ_BUFFER_BYTES = 1 << 23
COUNT_BYTES = 1 << 25  # line-counting step (a byte of scratch memory per byte counted)
TABLE = "fast_cells"
_T = TypeVar("_T")


@contextmanager
def disabled() -> Iterator[None]:
    """Within this block every text file takes the careful path (tests compare the two)."""
    global _DISABLED
    before, _DISABLED = _DISABLED, True
    try:
        yield
    finally:
        _DISABLED = before


@dataclass(frozen=True)
class _Encoding:
    codec: str
    label: str
    bom: int


def _encoding(data: bytes) -> _Encoding | None:
    """The encoding as the careful path would name it, decided from the first bytes only."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _Encoding("utf-8", "UTF-8 with BOM", 3)
    if data.startswith(b"\xff\xfe"):
        return _Encoding("utf-16-le", "UTF-16 LE", 2)
    if data.startswith(b"\xfe\xff"):
        return _Encoding("utf-16-be", "UTF-16 BE", 2)
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return _Encoding(utf16, utf16.upper().replace("-", " ", 1).replace("-", " "), 0)
    head = data[:SAMPLE_BYTES]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(data) <= SAMPLE_BYTES)
        return _Encoding("utf-8", "UTF-8", 0)
    except UnicodeDecodeError:
        pass
    decoded = _decode(head)  # a Windows code page, judged on the sample
    codec = {"cp1252": "cp1252", "cp1250": "cp1250", "latin-1": "latin-1"}.get(
        decoded.encoding.split(" ")[0]
    )
    return _Encoding(codec, decoded.encoding, 0) if codec and not decoded.note else None


@dataclass
class _Sample:
    delimiter: str
    layout: Layout
    data_line: int  # the first data row's line number in the file
    style: NumberStyle
    rows: list[list[str]]  # the data rows the sample holds whole
    complete: bool  # the sample is the whole file


# A cell that starts with a space or tab and, after any white space, a quote, in cells each
# led by a NUL (which no sampled text holds): `\s` is the white space `str.lstrip` removes.
_QUOTE_AFTER_SPACE = re.compile(r'\x00[ \t]\s*"')


def cell_may_start_with_space(text: str, delimiter: str) -> bool:
    """False only when no cell parsed from `text` can start with a space or tab: such a cell's
    first character stands at the text's start or after a delimiter, a line break or a quote
    (a quoted cell's first character follows its opening quote, or a closing one: `"" x`).
    A few literal searches over the raw text, instead of joining every parsed cell."""
    if text[:1] in (" ", "\t"):
        return True
    return any(lead + space in text for lead in {delimiter, "\n", '"'} for space in " \t")


def quote_after_space(rows: list[list[str]]) -> bool:
    """Whether a cell starts with a space or tab and then, after any white space, a quote
    (DuckDB's reader unquotes it, the careful path keeps it). One search over the joined
    cells, and only where a cell starts with a space or tab at all."""
    joined = "\x00".join(chain(("",), chain.from_iterable(rows)))
    return ("\x00 " in joined or "\x00\t" in joined) and bool(_QUOTE_AFTER_SPACE.search(joined))


def _analyse(text: str, complete: bool) -> _Sample | None:
    """What the careful path would decide for this file, from its first characters; None when
    the sample shows something only the careful path handles."""
    if "\x00" in text:
        return None
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        return None  # CR-only line ends
    if not complete:
        text = text[: text.rfind("\n") + 1]  # whole lines only
    delimiter = detect_delimiter(text)
    window = SNIFF_CHARS
    while text.count("\n", 0, window) < SNIFF_MIN_LINES and window < min(
        len(text), SNIFF_MAX_CHARS
    ):
        window *= 4
    sniff = _sniff_rows(text[:window], delimiter, 1)
    layout = find_layout(sniff)
    if layout is None or layout.data_index >= len(sniff):
        return None
    width = len(layout.names)
    most = settings().max_columns
    if width > most or any(len(cells) > most for _, cells in sniff):
        return None  # the careful path words the refusal
    data_line = sniff[layout.data_index][0]
    start = _offset_of_line(text, 0, 1, data_line)
    if _table_end(text, start, delimiter, width) != len(text):
        return None  # a blank or comment line ends the table inside the sample
    rows = _all_rows(text[start:], delimiter)
    if not complete:
        rows = rows[:-1]  # the last record may be cut by the sample's end
    if any(n != width for n in set(map(len, rows))):
        return None  # short or long rows: padded or rejected by the careful path
    if cell_may_start_with_space(text[start:], delimiter) and quote_after_space(rows):
        return None  # a quote after spaces: DuckDB unquotes it, the careful path keeps it
    style = detect_number_style(style_values(text, delimiter), delimiter)
    return _Sample(delimiter, layout, data_line, style, rows, complete)


def _all_rows(text: str, delimiter: str) -> list[list[str]]:
    """Every record of `text`, up to the first the csv module refuses (as `_safe_rows` reads
    them, but collected in C: the records read before an error stay in the list)."""
    rows: list[list[str]] = []
    with suppress(csv.Error):
        rows.extend(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows


def null_words(sample: _Sample, columns: list[int]) -> list[str]:
    """The null words the sample writes in these columns, spelt as written: DuckDB's reader
    must read them as NULL (each word it checks slows every cell, so only those seen)."""
    if not sample.rows or not columns:
        return []
    # Being a null word is a property of the value alone: the distinct values of all these
    # columns together are looked at once, without turning the rows into columns.
    cells = map(itemgetter(*columns), sample.rows)  # a tuple per row, or one cell for one column
    values = set(chain.from_iterable(cells) if len(columns) > 1 else cells)
    return sorted(null_words_among(values) - {""})  # an empty cell is NULL to the reader already


def _pretyped(sample: _Sample) -> tuple[list[ColumnPlan], dict[int, str], dict[int, str]] | None:
    """The plans `finish` would make (from the same rows), and the columns DuckDB can type while
    reading with the same result: plain integers and decimals, ISO dates and times. Returns
    (plans, DuckDB type per column, SQL from the read value to the final one), or None when
    the sample is too short to plan exactly as the careful path would."""
    names, n_cols = sample.layout.names, len(sample.layout.names)
    wanted = sample_rows(n_cols)
    if len(sample.rows) < wanted and not sample.complete:
        return None
    columns = list(zip(*sample.rows[:wanted], strict=True)) or [()] * n_cols
    plans = [
        plan_column(names[i], sample_values(list(columns[i])), sample.style, False)
        for i in range(n_cols)
    ]
    if any(p.detail.startswith("Month dd") for p in plans):
        return None
    types: dict[int, str] = {}
    final: dict[int, str] = {}
    for i, plan in enumerate(plans):
        if plan.kind == "integer" and plan.fast:
            types[i], final[i] = "BIGINT", "__C__"
        elif plan.kind == "decimal" and plan.fast and sample.style.decimal == ".":
            types[i], final[i] = "DOUBLE", "__C__"
        elif plan.kind == "timestamp" and plan.detail.startswith("yyyy-mm-dd"):
            # Read with its offset (UTC on the loader connection), as the careful path casts.
            types[i], final[i] = "TIMESTAMPTZ", _UTC_TIME
        elif plan.kind == "date" and plan.detail == "yyyy-mm-dd":
            types[i], final[i] = "TIMESTAMPTZ", f"CAST({_UTC_TIME} AS DATE)"
    return plans, types, final


# A time read with its offset as the UTC time it is: what CAST(… AS TIMESTAMP) gives on a UTC
# connection, from the instant's microseconds (17 times faster than the cast, which goes through
# the time zone calendar); infinite values, which have no microseconds, are cast.
_UTC_TIME = (
    "CASE WHEN isfinite(__C__) THEN make_timestamp(epoch_us(__C__)) "
    "ELSE CAST(__C__ AS TIMESTAMP) END"
)


@dataclass
class _Written:
    """The temporary copy, and its line counts: counted beside the reading (a future) or
    already known (transcoded files are counted as they are written)."""

    path: str
    counts: Future[tuple[int, bool] | None] | tuple[int, bool]

    def known(self) -> tuple[int, bool] | None:
        """(line breaks in the data part, whether CR LF pairs occur), or None when the bytes
        hold what only the careful path reads (a lone CR, a NUL byte)."""
        return self.counts.result() if isinstance(self.counts, Future) else self.counts

    @property
    def newlines(self) -> int:
        """Line breaks in the data part."""
        known = self.known()
        assert known is not None
        return known[0]

    @property
    def crlf(self) -> bool:
        """Whether the data holds CR LF pairs (inside quoted values they are normalised)."""
        known = self.known()
        assert known is not None
        return known[1]


# A memory file system: the upload's copy is written once, read once and removed right away, so
# a disk's write would only cost time. Its pages are memory while the file exists.
SHM_DIR = "/dev/shm"


def scratch_dir(size: int) -> str:
    """Where a temporary copy of `size` bytes goes: the memory file system when there is one
    with room to spare (twice the file and 256 MB more), else the configured temp folder."""
    try:
        free = os.statvfs(SHM_DIR)
        if os.access(SHM_DIR, os.W_OK) and free.f_bavail * free.f_frsize > 2 * size + (256 << 20):
            return SHM_DIR
    except OSError:
        pass  # no such file system here
    return settings().temp_dir


# A file at least this large, and no wider than HOSTED_COLUMNS, is read straight into the
# session's database when the caller offers it (`Host`): the data then exists once, not once on
# the loader's connection and again in the session's. Smaller or wider files take the loader's
# own connection (the loader's planning settings, and no cost worth saving).
HOSTED_BYTES = 16 << 20
HOSTED_COLUMNS = 64


@dataclass(frozen=True)
class Host:
    """A session's connection the fast path may read a large file into. The connection may read
    files from these two folders only (its `allowed_directories`): the memory file system's and
    the configured temp folder's, one of which receives the upload's temporary copy."""

    con: duckdb.DuckDBPyConnection
    memory_folder: str
    disk_folder: str

    def folder(self, size: int) -> str:
        """Where a temporary copy of `size` bytes goes (made when missing)."""
        folder = self.memory_folder if scratch_dir(size) == SHM_DIR else self.disk_folder
        os.makedirs(folder, mode=0o700, exist_ok=True)
        return folder


def _data_start(data: bytes, enc: _Encoding, skip_lines: int) -> int:
    """The byte offset of line `skip_lines + 1` in a UTF-8 upload."""
    start = enc.bom
    for _ in range(skip_lines):
        start = data.index(b"\n", start) + 1
    return start


def _utf8_counts(data: bytes, start: int) -> tuple[int, bool] | None:
    """Line breaks from `start` and whether CR LF pairs occur; None when a CR stands alone or a
    NUL byte occurs (only the careful path reads those). It runs in the writer's thread beside
    the planning: the line breaks are counted by numpy, which lets go of the interpreter, in a
    few large chunks (each chunk waits for the interpreter once)."""
    if data.find(b"\x00", start) >= 0:
        return None
    crs = data.count(b"\r", start) if data.find(b"\r", start) >= 0 else 0
    if crs and crs != data.count(b"\r\n", start):
        return None  # a lone CR
    view = np.frombuffer(data, np.uint8)
    newlines = sum(
        int(np.count_nonzero(view[begin : begin + COUNT_BYTES] == 10))
        for begin in range(start, len(data), COUNT_BYTES)
    )
    return newlines, bool(crs)


def _write_utf8(data: bytes, start: int, path: str) -> None:
    """The bytes from `start` into `path`, in one write without a copy (the write releases the
    GIL, so it runs beside the Python planning)."""
    with open(path, "wb") as out:
        out.write(memoryview(data)[start:])


def _transcode(data: bytes, enc: _Encoding, skip_lines: int, path: str) -> _Written | None:
    """The data lines (from line `skip_lines + 1`) transcoded to UTF-8 into `path`, in chunks;
    None when the bytes do not decode cleanly (or hold what only the careful path handles)."""
    try:
        with open(path, "wb") as out:
            decoder = codecs.getincrementaldecoder(enc.codec)()
            newlines, crs, pairs, first = 0, 0, 0, True
            for begin in range(enc.bom, len(data), CHUNK_BYTES):
                chunk = data[begin : begin + CHUNK_BYTES]
                text = decoder.decode(chunk, final=begin + CHUNK_BYTES >= len(data))
                if first:
                    first, pos = False, 0
                    for _ in range(skip_lines):
                        pos = text.index("\n", pos) + 1
                    text = text[pos:]
                if "\x00" in text:
                    return None
                newlines += text.count("\n")
                crs += text.count("\r")
                pairs += text.count("\r\n")
                out.write(text.encode("utf-8"))
            if crs != pairs:
                return None  # a lone CR (a pair split across chunks also lands here)
            return _Written(path, (newlines, bool(crs)))
    except (ValueError, UnicodeDecodeError):
        return None


def _write(
    data: bytes, enc: _Encoding, skip_lines: int, meanwhile: Callable[[], _T], folder: str
) -> tuple[_Written | None, _T]:
    """Write the data lines as UTF-8 to a temporary file in `folder` while `meanwhile` runs
    (the write is I/O in a thread of its own); returns the file, or None when the bytes need the
    careful path, and what `meanwhile` returned. A UTF-8 file's lines are counted in a thread of
    their own, beside the planning and then the reading (`_Written.known`)."""
    fd, path = tempfile.mkstemp(prefix="kpi-load-", suffix=".csv", dir=folder)
    os.close(fd)
    written: _Written | None = None
    try:
        if enc.codec == "utf-8":
            start = _data_start(data, enc, skip_lines)
            if data.find(b"\x00", start) >= 0:
                return None, meanwhile()  # a NUL byte: never given to DuckDB's reader
            job = _WORKERS.submit(_write_utf8, data, start, path)
            counts = _WORKERS.submit(_utf8_counts, data, start)
            done = meanwhile()
            job.result()
            written = _Written(path, counts)
        else:
            job = _WORKERS.submit(_transcode, data, enc, skip_lines, path)
            done = meanwhile()
            written = job.result()
    finally:
        if written is None:
            os.unlink(path)
    return written, done


def _head_text(data: bytes, enc: _Encoding) -> str | None:
    head = data[enc.bom : enc.bom + SAMPLE_BYTES]
    try:
        return codecs.getincrementaldecoder(enc.codec)().decode(head, final=False)
    except UnicodeDecodeError:
        return None


def load_text_fast(
    name: str, data: bytes, con: duckdb.DuckDBPyConnection, host: Host | None = None
) -> list[LoadedTable] | None:
    """The file's table read by DuckDB in bulk, or None to let the careful path read it. It is
    read on `con` (the loader's), or straight into `host`'s database when one is offered and the
    file is large and not wide (see HOSTED_BYTES): then the table's source lives there."""
    if _DISABLED or not settings().loader_fast:
        return None
    enc = _encoding(data)
    final = {"utf-16-le": b"\n\x00", "utf-16-be": b"\x00\n"}.get(enc.codec if enc else "", b"\n")
    if enc is None or not data.endswith(final):
        return None  # no final line break: the last row may be cut off (see truncated)
    head = _head_text(data, enc)
    if head is None:
        return None
    complete = len(data) - enc.bom <= SAMPLE_BYTES
    sample = _analyse(head, complete)
    if sample is None:
        return None
    width = len(sample.layout.names)
    if host is not None and len(data) >= HOSTED_BYTES and width <= HOSTED_COLUMNS:
        con, folder = host.con, host.folder(len(data))
    else:
        folder = scratch_dir(len(data))
    # Planning needs only the sample: it runs while the bytes are written out.
    written, planned = _write(data, enc, sample.data_line - 1, lambda: _pretyped(sample), folder)
    if written is None:
        return None
    try:
        return _read(name, enc, sample, written, planned, con)
    finally:
        os.unlink(written.path)
        con.execute(f"DROP TABLE IF EXISTS {TABLE}")


def _clean_in_place(
    con: duckdb.DuckDBPyConnection,
    columns: list[int],
    short: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Trim text cells and set null words to NULL, touching only the cells that need it (most
    need nothing: a scan, not a second copy of every text column). `short`: the columns whose
    sampled cells are short, tested the way that is faster there (the same answer)."""
    define_clean(con)
    if not columns:
        return
    spaced = {i: spaced_sql(f"c{i}", i in short) for i in columns}
    null_word = {i: null_word_sql(f"c{i}") for i in columns}
    # One scan for all columns; separate aggregates run faster than one OR of both tests.
    checks = ", ".join(f"bool_or({spaced[i]}), bool_or({null_word[i]})" for i in columns)
    flags = con.execute(f"SELECT {checks} FROM {TABLE}").fetchall()[0]
    for k, i in enumerate(columns):
        if flags[2 * k] or flags[2 * k + 1]:
            con.execute(
                f"UPDATE {TABLE} SET c{i} = kpi_clean(c{i}) WHERE {spaced[i]} OR {null_word[i]}"
            )


# A text column whose sampled cells all have at most this many characters is "short" for the
# clean scan (see `finish.spaced_sql`); longer ones (post texts) are tested by their ends.
SHORT_CELL = 64


def _short_columns(sample: _Sample, columns: list[int]) -> set[int]:
    """The columns among `columns` whose sampled cells are all short (SHORT_CELL)."""
    if not sample.rows:
        return set()
    cells = list(zip(*sample.rows, strict=True))
    return {i for i in columns if max(map(len, cells[i]), default=0) <= SHORT_CELL}


def _file_lines(path: str, wanted: list[int], total: int) -> dict[int, str]:
    """Lines of the temporary file by index: the last ones from its tail (summary rows sit
    at the bottom), the others by reading forward."""
    if not wanted:
        return {}
    out: dict[int, str] = {}
    with open(path, "rb") as f:
        size = f.seek(0, os.SEEK_END)
        start = max(0, size - (1 << 22))
        f.seek(start)
        tail = f.read().split(b"\n")[:-1]  # the file ends with a line break
        if start:
            tail = tail[1:]  # a partial first line
        first_in_tail = total - len(tail)
        rest = sorted(i for i in wanted if i < first_in_tail)
        for i in wanted:
            if i >= first_in_tail:
                out[i] = tail[i - first_in_tail].decode("utf-8")
        if rest:
            f.seek(0)
            for i, line in enumerate(f):
                if i in rest:
                    out[i] = line.rstrip(b"\n").decode("utf-8")
                if i >= rest[-1]:
                    break
    return out


def _newline_count_sql(columns: list[int]) -> str:
    """Line breaks inside the values of a row (only text columns can hold them)."""
    return (
        " + ".join(
            f"coalesce(length(c{i}) - length(replace(c{i}, chr(10), '')), 0)" for i in columns
        )
        or "0"
    )


def _read_csv(
    con: duckdb.DuckDBPyConnection,
    path: str,
    delimiter: str,
    width: int,
    types: dict[int, str],
    nulls: list[str] | None = None,
) -> bool:
    """Read the data lines into TABLE with exactly the sampled dialect; False when DuckDB's
    strict reader refuses them (rows of another width, a quote never closed, invalid UTF-8, a
    value that does not fit a column typed from the sample)."""
    columns = "{" + ", ".join(f"'c{i}': '{types.get(i, 'VARCHAR')}'" for i in range(width)) + "}"
    delim = {"\t": "\\t"}.get(delimiter, delimiter)
    # A null word in a typed column must read as NULL (in a text column too it becomes NULL,
    # as cleaning would make it); any other would stop the typed read.
    nullstr = f", nullstr=[{', '.join(sql_str(t) for t in ['', *nulls])}]" if nulls else ""
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {TABLE} AS SELECT * FROM read_csv("
            f"{sql_str(path)}, auto_detect=false, header=false, delim='{delim}', quote='\"', "
            f"escape='\"', columns={columns}, strict_mode=true, null_padding=false{nullstr}, "
            f"buffer_size={READ_BUFFER_BYTES})"
        )
    except duckdb.Error:
        return False
    return True


def _read(
    name: str,
    enc: _Encoding,
    sample: _Sample,
    written: _Written,
    planned: tuple[list[ColumnPlan], dict[int, str], dict[int, str]] | None,
    con: duckdb.DuckDBPyConnection,
) -> list[LoadedTable] | None:
    layout, width = sample.layout, len(sample.layout.names)
    types, final = (planned[1], planned[2]) if planned else ({}, {})
    nulls = null_words(sample, list(types))
    if not (types and _read_csv(con, written.path, sample.delimiter, width, types, nulls)):
        types, final = {}, {}
        if not _read_csv(con, written.path, sample.delimiter, width, {}):
            return None  # the careful path reads it, and says what is wrong
    if written.known() is None:
        return None  # a lone CR or a NUL byte: only the careful path reads those
    rows = int(con.execute(f"SELECT count(*) FROM {TABLE}").fetchall()[0][0])
    text_cols = [i for i in range(width) if i not in types]
    embedded = 0
    if written.newlines != rows:
        embedded = con.execute(
            f"SELECT sum({_newline_count_sql(text_cols)}) FROM {TABLE}"
        ).fetchall()
        embedded = int(embedded[0][0] or 0)
        if written.newlines != rows + embedded:
            return None  # blank lines somewhere: they may end the table (careful path)
    first_is_text = 0 not in types
    if (
        first_is_text
        and con.execute(f"SELECT count(*) FROM {TABLE} WHERE starts_with(c0, '#')").fetchall()[0][0]
    ):
        return None  # a comment line, or a hashtag row the careful path reads line by line
    if embedded and written.crlf and text_cols:  # the careful path reads CR LF in a value as LF
        sets = ", ".join(f"c{i} = replace(c{i}, chr(13) || chr(10), chr(10))" for i in text_cols)
        con.execute(f"UPDATE {TABLE} SET {sets}")
    if types:
        _clean_in_place(con, text_cols, _short_columns(sample, text_cols))

    def line_of(ordinals: list[int]) -> dict[int, int]:
        if not embedded:
            return {o: sample.data_line + o for o in ordinals}
        ids = ", ".join(map(str, ordinals))
        found = con.execute(
            f"SELECT r, before FROM (SELECT rowid AS r, coalesce(sum({_newline_count_sql(text_cols)}) "
            f"OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before "
            f"FROM {TABLE}) WHERE r IN ({ids})"
        ).fetchall()
        return {int(r): sample.data_line + int(r) + int(before) for r, before in found}

    def raw_of(cells: list[str | None]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=sample.delimiter, lineterminator="")
        writer.writerow([c or "" for c in cells])
        return out.getvalue()

    def raw_cells(ordinals: list[int]) -> dict[int, list[str | None]]:
        """The rows' cells as the file writes them (typed columns hold values, not text)."""
        starts = line_of(sorted({*ordinals, *(o + 1 for o in ordinals if o + 1 < rows)}))
        first = sample.data_line
        spans = {
            o: (starts[o] - first, starts.get(o + 1, first + written.newlines) - first)
            for o in ordinals
        }
        lines = _file_lines(written.path, [i for a, b in spans.values() for i in range(a, b)],
                            written.newlines)  # fmt: skip
        out: dict[int, list[str | None]] = {}
        for o, (a, b) in spans.items():
            record = "\n".join(lines.get(i, "").removesuffix("\r") for i in range(a, b))
            cells = next(csv.reader(io.StringIO(record), delimiter=sample.delimiter), [])
            out[o] = (list(cells) + [""] * width)[:width]
        return out

    report = LoadReport(
        file=name,
        encoding=enc.label,
        delimiter=DELIMITER_NAMES.get(sample.delimiter, sample.delimiter),
        header_line=layout.header_line,
        skipped=[SkippedLine(line, reason, raw) for line, reason, raw in layout.skipped],
    )
    grid = Grid(
        cells=None,
        names=layout.names,
        source_names=layout.source_names,
        report=report,
        line_of=line_of,
        raw_of=raw_of,
        style=sample.style,
        relation=TABLE,
        plans=planned[0] if types else None,
        pretyped=final,
        raw_cells=raw_cells if types else None,
        clean=bool(types),
    )
    return [finish(grid, con)]
