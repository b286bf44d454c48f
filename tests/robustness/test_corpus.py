"""Every file of the malformed corpus either loads, with every row accounted for, or is refused
with one sentence naming the file and saying what to do; within generous time and memory bounds,
and nothing raises. The bounds are ceilings against hangs and blow-ups, not speed targets."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from build_corpus import BY_NAME, CASES, CORPUS, DIMENSION_LIE_ROWS, POSTS, WIDE, Case

from kpi.load import LoadResult, load_file
from kpi.settings import settings

SECONDS = 30  # per file: loading any of them takes well under a few seconds here
MEGABYTES = 400  # Python allocations per file (tracemalloc), the 5 MB cases included
BOMB_MEGABYTES = 64  # for files that must be refused before anything is unpacked or parsed

# Advice words: a refusal says what to do, not only what went wrong.
ADVICE = ("export", "download", "remove", "split", "unzip", "save", "check", "delete", "keep")


@dataclass(frozen=True)
class Loads:
    """The file loads: one table with this many rows read (and maybe these values)."""

    rows: int
    rejected: int = 0
    columns: list[str] | None = None
    values: dict[str, list[Any]] = field(default_factory=dict)
    note: str = ""  # a word one of the table's notes must hold


@dataclass(frozen=True)
class Refused:
    """The file is refused with a message holding these words."""

    words: tuple[str, ...]
    bomb: bool = False  # refused before unpacking: little memory


def _columns_over(count: int) -> tuple[str, ...]:
    return (f"{count:,} columns", f"{settings().max_columns:,} limit", "KPI_MAX_COLUMNS")


TABLE = ["Date", "Post", "Clicks"]
EXPECTED: dict[str, Loads | Refused] = {
    "utf8_bom.csv": Loads(4, columns=TABLE, values={"Post": POSTS}),
    "utf16le_bom.csv": Loads(4, columns=TABLE, values={"Post": POSTS, "Clicks": [10, 20, 30, 40]}),
    "utf16be_bom.csv": Loads(4, columns=TABLE, values={"Post": POSTS}),
    "utf16le_nobom.tsv": Loads(4, columns=TABLE, values={"Post": POSTS}),
    "utf16be_nobom.csv": Loads(4, columns=TABLE, values={"Post": POSTS}),
    "cp1252.csv": Loads(5, values={"Post": [*POSTS, "“Café” €5"]}),
    "latin1.csv": Loads(4, values={"Post": POSTS}),
    "bom_only.csv": Refused(("empty",)),
    "nul_in_field.csv": Loads(4, values={"Post": POSTS}, note="NUL"),
    "nul_padding.csv": Loads(4, values={"Post": POSTS}, note="NUL"),
    "nul_every_byte.csv": Refused(("binary",)),
    "cr_only.csv": Loads(4, values={"Post": POSTS}),
    "mixed_line_ends.csv": Loads(3, values={"Clicks": [1, 2, 3]}),
    "quoted_newlines.csv": Loads(
        4,
        values={
            "Post": ["line one\nline two", 'crlf\ninside "quotes"', "one\n\nblank line", "plain"]
        },
    ),
    "ragged_rows.csv": Loads(6, rejected=1, values={"Clicks": [1, None, None, 5, 6]}),
    "unterminated_quote.csv": Loads(5, rejected=1, values={"Post": ["a", "c", "d", "e"]}),
    "unterminated_quote_last_line.csv": Loads(3, values={"Post": ["a", "b", "c,3"]}),
    "duplicate_headers.csv": Loads(
        2, columns=["Date", "Clicks", "Clicks (2)", "date (2)", "Clicks (3)"]
    ),
    "empty_headers.csv": Loads(2, columns=["Date", "column_2", "Clicks", "column_4"]),
    "header_only.csv": Loads(0, columns=TABLE),
    "sep_line.csv": Loads(1, columns=["Date", "Clicks"]),
    # Loaded as the text it is: formulas are a danger when exporting, not when reading.
    "formula_injection.csv": Loads(
        3, values={"Post": ["=cmd|' /C calc'!A0", "@SUM(1+1)", '=HYPERLINK("http://x")']}
    ),
    "empty.csv": Refused(("empty",)),
    "blank_lines_only.csv": Refused(("empty",)),
    "binary_garbage.csv": Refused(("binary",)),
    "elf_program.csv": Refused(("program",)),
    "windows_program.csv": Refused(("program",)),
    "gzip.csv": Refused(("gzip",)),
    "xlsx_named.csv": Loads(4, columns=TABLE, values={"Post": POSTS}, note="xlsx"),
    "double_spaced.csv": Loads(200),
    "many_tables.csv": Refused(("more than 100", "tables", "KPI_MAX_TABLES")),
    "encrypted.xlsx": Refused(("password-protected",)),
    "empty_workbook.xlsx": Refused(("no table", "empty")),
    "dimension_lie.xlsx": Loads(
        DIMENSION_LIE_ROWS, values={"Clicks": list(range(DIMENSION_LIE_ROWS))}
    ),
    "xml_bomb.xlsx": Refused(("damaged",), bomb=True),
    "xml_bomb_shared_strings.xlsx": Refused(("damaged",), bomb=True),
    "xxe.xlsx": Refused(("damaged",), bomb=True),
    "far_cell.xlsx": Refused(_columns_over(16_384), bomb=True),
    "far_row.xlsx": Refused(("1,048,576 rows", "too large", "Delete the empty rows"), bomb=True),
    "shared_strings_count.xlsx": Refused(("4,000,000,000 entries",), bomb=True),
    "fake_xlsb.xlsx": Refused(("could not be opened",)),
    "small.ods": Loads(2, values={"Clicks": [10, 20]}),
    "ods_repeat_bomb.ods": Refused(("1,000,001 rows", "too large"), bomb=True),
    "legacy.xls": Loads(2, values={"Clicks": [10, 20]}),
    "xls_far_cell.xls": Refused(("could not be opened", "too large to open safely"), bomb=True),
    "xls_dimension_lie.xls": Refused(("could not be opened",), bomb=True),
    "spreadsheetml_entities.xml": Refused(("entities",), bomb=True),
    "spreadsheetml_index_bomb.xls": Refused(("999,999,999 rows", "too large"), bomb=True),
    "five_mb_line.csv": Loads(0),
    "five_mb_of_fields.csv": Refused(("at least", "columns", f"{settings().max_columns:,} limit")),
    "five_mb_cell.csv": Loads(1, columns=["Date", "Text", "Clicks"]),
    "ten_thousand_columns.csv": Refused(_columns_over(WIDE)),
    "ten_thousand_columns.xlsx": Refused(_columns_over(WIDE)),
    "zip_bomb.xlsx": Refused(("1,024 MB", "zip bomb"), bomb=True),
    "lying_zip_sizes.xlsx": Refused(("damaged",), bomb=True),
    "lying_styles.xlsx": Refused(("could not be opened",), bomb=True),
    "unterminated_quote_big.csv": Loads(10_001, rejected=1),
    "deep_nesting.json": Refused(("nested too deeply",)),
    "double_spaced_big.csv": Loads(50_000),
}


def test_every_case_has_an_expected_outcome() -> None:
    assert set(EXPECTED) == {case.name for case in CASES}


def test_the_stored_corpus_is_what_the_generator_builds() -> None:
    # Rebuild with `python tests/robustness/build_corpus.py` after changing a case.
    stored = {case.name for case in CASES if case.stored}
    assert {p.name for p in CORPUS.iterdir()} == stored
    for name in sorted(stored):
        assert (CORPUS / name).read_bytes() == BY_NAME[name].build(), name
    assert sum(p.stat().st_size for p in CORPUS.iterdir()) < 200 * 1024  # commit-sized


def _bytes_of(case: Case) -> bytes:
    return (CORPUS / case.name).read_bytes() if case.stored else case.build()


def _load_measured(name: str, data: bytes) -> tuple[LoadResult, float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load_file(name, data)  # must not raise, whatever the file
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1024**2
        tracemalloc.stop()
    return result, elapsed, peak


_DUMP = re.compile(r"Traceback|\b[A-Z]\w*(Error|Exception)\b|\([A-Z]\w+: |\bpyo3|\bpanicked\b")


def assert_clear_refusal(result: LoadResult, name: str, words: tuple[str, ...]) -> None:
    """One error, for this file, a sentence (not an exception dump) that says what to do."""
    assert result.tables == []
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    assert error.file == name
    message = error.message
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    assert not _DUMP.search(message), message
    assert message[0].isalpha() and message.rstrip().endswith("."), message
    assert any(w in message.lower() for w in ADVICE), message
    assert len(message) < 400, message


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_file_loads_or_is_refused_clearly(case: Case) -> None:
    expected = EXPECTED[case.name]
    result, elapsed, peak = _load_measured(case.name, _bytes_of(case))
    assert elapsed < SECONDS, f"{case.name} took {elapsed:.1f} s"
    ceiling = BOMB_MEGABYTES if isinstance(expected, Refused) and expected.bomb else MEGABYTES
    assert peak < ceiling, f"{case.name} peaked at {peak:.0f} MB of Python memory"
    for table in result.tables:  # the accounting holds for every table, whatever is expected
        report = table.report
        assert report.rows_read == report.rows_loaded + report.rows_rejected
        assert table.data.num_rows == report.rows_loaded
    if isinstance(expected, Refused):
        assert_clear_refusal(result, case.name, expected.words)
        return
    assert result.errors == [], result.errors
    assert len(result.tables) == 1, [t.label for t in result.tables]
    table = result.tables[0]
    assert table.report.rows_read == expected.rows
    assert table.report.rows_rejected == expected.rejected
    if expected.columns is not None:
        assert table.data.column_names == expected.columns
    for column, values in expected.values.items():
        assert table.data.column(column).to_pylist() == values, column
    if expected.note:
        assert any(expected.note in note for note in table.report.notes), table.report.notes


def test_the_dimension_tag_does_not_decide_the_row_count() -> None:
    # <dimension ref="A1:B2"/> says two rows; the sheet holds 1 000 and all of them count.
    result = load_file("dimension_lie.xlsx", (CORPUS / "dimension_lie.xlsx").read_bytes())
    report = result.tables[0].report
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (1000, 1000, 0)
    assert report.header_line == 1


def test_a_quote_never_closed_costs_one_row_not_the_rest_of_the_file() -> None:
    result = load_file("q.csv", (CORPUS / "unterminated_quote.csv").read_bytes())
    report = result.tables[0].report
    assert [r.line for r in report.rejected] == [3]
    assert "never closed" in report.rejected[0].reason
    assert report.rejected[0].raw == '2024-01-02,"never closed,2'


def test_a_workbook_named_csv_is_read_as_a_workbook() -> None:
    result = load_file("xlsx_named.csv", (CORPUS / "xlsx_named.csv").read_bytes())
    table = result.tables[0]
    assert table.report.sheet == "S"
    assert table.report.encoding is None  # a workbook has no text encoding
    assert "content is xlsx" in " ".join(table.report.notes)


# Files that, read in this process before the hardening, aborted it (calamine asked for up to
# 40 TB), panicked, or took gigabytes: load them all in a fresh process and watch its peak.
DANGEROUS = [
    "far_cell.xlsx", "far_row.xlsx", "shared_strings_count.xlsx", "xml_bomb.xlsx",
    "xml_bomb_shared_strings.xlsx", "xxe.xlsx", "ods_repeat_bomb.ods", "xls_far_cell.xls",
    "xls_dimension_lie.xls", "spreadsheetml_index_bomb.xls", "zip_bomb.xlsx",
    "lying_zip_sizes.xlsx", "lying_styles.xlsx", "fake_xlsb.xlsx",
]  # fmt: skip
_PROBE = """
import json, resource, sys, time
from build_corpus import BY_NAME
from kpi.load import load_file
files = {name: BY_NAME[name].build() for name in sys.argv[1:]}  # before the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = {}
for name, data in files.items():
    started = time.perf_counter()
    result = load_file(name, data)
    out[name] = [time.perf_counter() - started, [e.message for e in result.errors]]
out["_rss_mb"] = [before / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
print(json.dumps(out))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX")
def test_hostile_workbooks_neither_crash_nor_balloon_a_fresh_process() -> None:
    here = Path(__file__).resolve().parent
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *DANGEROUS],
        env={**os.environ, "PYTHONPATH": os.pathsep.join((str(here.parents[1]), str(here)))},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]  # an abort would end the process here
    out = json.loads(done.stdout)
    before, after = out.pop("_rss_mb")
    for name, (seconds, errors) in out.items():
        assert len(errors) == 1, (name, errors)
        assert seconds < SECONDS, (name, seconds)
    # Unpacked, parsed or laid out in memory, any of them would take gigabytes.
    assert after - before < 200, f"peak RSS grew by {after - before:.0f} MB"
