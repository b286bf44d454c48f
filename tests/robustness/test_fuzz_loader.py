"""Fuzzing the loader at the byte level: messy CSV text in several encodings, then damaged the way
files really get damaged (NUL bytes, cut in the middle of a character, CR/LF mixes, stray quotes,
a BOM that does not match). Whatever comes in, nothing raises, every table accounts for every
row it read, and a refused file gets one sentence.

tests/load/test_properties.py checks the row-by-row bookkeeping on well-formed text; this file
goes below the text, to bytes no exporter would write.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.load import LoadResult, load_file

SETTINGS = settings(
    max_examples=int(os.environ.get("KPI_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize="KPI_HYPOTHESIS_EXAMPLES" not in os.environ,
)
SECONDS = 10  # per file; these are a few hundred bytes

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]


def _number(value: float, decimal: str, thousands: str) -> str:
    text = f"{value:,.2f}"  # "1,234.50"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


cells = st.one_of(
    st.text(max_size=12),  # any unicode: accents, emoji, controls, surrogates are not allowed
    st.sampled_from(
        [
            "2024-01-31",
            "31/01/2024",
            "01.02.2024",
            "Jan 5",
            "12:30:00",
            "--",
            "n/a",
            "-",
            "Total",
            "#tag",
            "0012",
            "12,5 %",
            "€ 3,50",
            "(12.00)",
            "1e5",
            "true",
            "sí",
            '"',
            '""',
            'a"b',
        ]
    ),
    st.builds(
        _number,
        st.floats(-1e9, 1e9, allow_nan=False),
        st.sampled_from([".", ","]),
        st.sampled_from(["", ",", ".", " ", "\u00a0", "\u202f", "'"]),
    ),
)


@st.composite
def messy_bytes(draw: st.DrawFn) -> bytes:
    """Delimited text as an export might write it, encoded, then damaged at the byte level."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quote_all = draw(st.booleans())
    width = draw(st.integers(1, 6))
    rows = draw(
        st.lists(
            st.lists(cells, min_size=max(0, width - 2), max_size=width + 2), min_size=1, max_size=15
        )
    )

    def field(value: str) -> str:
        if quote_all or any(ch in value for ch in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [delimiter.join(field(v) for v in row) for row in rows]
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(["# Exported 2024-02-01", "Report title", "sep=;"])))
    # Line ends: one style, or a different one after each line.
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=len(lines)))
    text = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    data = draw(st.sampled_from(BOMS)) + text.encode(
        draw(st.sampled_from(ENCODINGS)), errors="replace"
    )
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        damage = draw(
            st.one_of(
                st.sampled_from([b"\x00", b"\x00" * 8, b'"', b"\r", b"\n\n", b"\xff", b"\xc3"]),
                st.binary(min_size=1, max_size=4),
            )
        )
        data = data[:at] + damage + data[at:]
    if draw(st.booleans()):
        data = data[: draw(st.integers(1, max(1, len(data))))]  # cut short, maybe mid-character
    return data


_DUMP = re.compile(r"Traceback|\b[A-Z]\w*(Error|Exception)\b|\([A-Z]\w+: ")


def check_result(name: str, result: LoadResult) -> None:
    """The invariants every load keeps, whatever the file."""
    if result.errors:
        assert len(result.errors) == 1 and result.tables == [], result.errors
        error = result.errors[0]
        assert error.file == name
        assert error.message and not _DUMP.search(error.message), error.message
    for table in result.tables:
        report = table.report
        assert report.rows_read == report.rows_loaded + report.rows_rejected
        assert table.data.num_rows == report.rows_loaded
        lines = [r.line for r in report.rejected]
        assert len(set(lines)) == len(lines), f"two rejected rows share a line: {lines}"
        assert all(line > (report.header_line or 0) for line in lines)
        assert [c.name for c in report.columns] == table.data.column_names
        assert len(set(table.data.column_names)) == len(table.data.column_names)


@SETTINGS
@given(data=messy_bytes(), name=st.sampled_from(["export.csv", "export.tsv", "export.txt"]))
def test_damaged_bytes_never_break_the_loader(data: bytes, name: str) -> None:
    started = time.perf_counter()
    result = load_file(name, data)  # must not raise
    assert time.perf_counter() - started < SECONDS
    check_result(name, result)


@SETTINGS
@given(
    rows=st.integers(1, 40),
    stray=st.integers(0, 39),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(ENCODINGS),
)
def test_a_stray_quote_never_swallows_the_rows_below_it(
    rows: int, stray: int, delimiter: str, encoding: str
) -> None:
    # Rows that vanished into one cell were the bug: every row is read, one is rejected at most.
    lines = ["Date", "Post", "Clicks"]
    body = [[f"2024-01-{1 + i % 28:02d}", f"post {i}", str(i)] for i in range(rows)]
    if stray < rows:
        body[stray][1] = '"post ' + str(stray)  # opens a quote, never closes it
    text = "\n".join(delimiter.join(r) for r in [lines, *body]) + "\n"
    result = load_file("stray.csv", text.encode(encoding))
    check_result("stray.csv", result)
    assert result.errors == []
    report = result.tables[0].report
    assert report.rows_read == rows
    assert report.rows_rejected <= (1 if stray < rows else 0)


# Workbooks damaged inside: mutated sheet XML and flipped bytes in a legacy .xls. Run in a fresh
# process, with a fixed seed, so that a crash of the process would fail this test, not the run.
_MUTATE = """
import json, random, sys, time
from build_corpus import ROWS, biff8, sheet_xml, xlsx
from kpi.load import load_file
rng = random.Random(int(sys.argv[1]))
pieces = ['<c r="A1">', "<v>", "</v>", '<row r="3">', 't="s"', 't="e"', 't="b"', "<f>", "<is>",
          "&amp;", "&#0;", 's="99"', 'r="ZZZ9"', 'r="A0"', 'r=""', "<c>", "</c>", "</row>", '"',
          "<", ">", "<row>", 'r="XFD5"', 'r="A1048576"', "999999999"]
base_xml = sheet_xml(ROWS)
base_xls = bytearray(biff8([["Date", "Clicks"], ["2024-01-01", 10], ["2024-01-02", 20]]))
worst, outcomes = 0.0, {"tables": 0, "errors": 0}
for i in range(int(sys.argv[2])):
    if i % 2:
        xml = base_xml
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(xml))
            roll = rng.random()
            if roll < 0.5:
                xml = xml[:at] + rng.choice(pieces) + xml[at:]
            elif roll < 0.8:
                xml = xml[:at] + xml[at + rng.randint(1, 20):]
            else:
                xml = xml[:at] + str(rng.randint(0, 2**33)) + xml[at:]
        name, data = "mutated.xlsx", xlsx({"S": xml})
    else:
        data = bytearray(base_xls)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(512, len(data))] = rng.randrange(256)
        name, data = "mutated.xls", bytes(data)
    started = time.perf_counter()
    result = load_file(name, data)
    worst = max(worst, time.perf_counter() - started)
    for table in result.tables:
        r = table.report
        assert r.rows_read == r.rows_loaded + r.rows_rejected, name
    assert len(result.errors) + bool(result.tables) == 1, (name, result.errors)
    outcomes["errors" if result.errors else "tables"] += 1
print(json.dumps({"worst_seconds": worst, **outcomes}))
"""


def test_mutated_workbooks_never_crash_the_process() -> None:
    here = Path(__file__).resolve().parent
    done = subprocess.run(
        [sys.executable, "-c", _MUTATE, "20260101", "160"],
        env={**os.environ, "PYTHONPATH": os.pathsep.join((str(here.parents[1]), str(here)))},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout)
    assert summary["worst_seconds"] < SECONDS
    assert summary["tables"] and summary["errors"]  # the mutations reach both outcomes
