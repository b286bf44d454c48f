"""Property tests: on generated messy files every data row is accounted for (loaded or rejected
with its line), and no input makes the loader raise."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loadkit import assert_consistent

from kpi.load import load_file

# 60 fixed examples keep the suite fast and repeatable; to hunt for new failures, run with
# KPI_HYPOTHESIS_EXAMPLES=3000 (then the examples are random, not derandomized).
SETTINGS = settings(
    max_examples=int(os.environ.get("KPI_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize="KPI_HYPOTHESIS_EXAMPLES" not in os.environ,
)

HEADER = ["Post", "Date", "Clicks", "Spend", "Rate"]
# Texts a post column holds: accents (all in cp1252), delimiters, quotes, newlines, hashtags.
POSTS = [
    "Hello",
    "Café crème",
    "multi\nline post",
    "one\n\ntwo paragraphs",
    "a, b; c | d\te",
    'say "hi"',
    "#hashtag",
    "#summer sale",
    "Total recall (film)",
    "",
]
BAD_VALUES = ["abc", "12x", "n.a.", "1O"]


@dataclass
class MessyCsv:
    data: bytes
    delimiter: str
    encoding: str
    data_rows: int  # rows below the header, totals row included
    row_lines: list[int]  # first line of every data row
    too_many: list[int]  # lines of the rows with a non-empty field too many


def _number(value: float, decimal: str, thousands: str, places: int) -> str:
    text = f"{value:,.{places}f}"  # "1,234.50"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


@st.composite
def messy_csvs(draw: st.DrawFn) -> MessyCsv:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    decimal = draw(st.sampled_from([".", ","]))
    thousands = draw(st.sampled_from(["", "\u00a0", " ", "," if decimal == "." else "."]))
    lines: list[list[str] | str] = []
    lines += draw(
        st.lists(
            st.sampled_from(["# Exported by Acme", "# Range: 2024-01-01 - 2024-01-31", "#"]),
            max_size=3,
        )
    )
    if draw(st.booleans()):
        lines += ["Acme posts report", ""]
    lines.append(HEADER)
    first_data = len(lines)
    n = draw(st.integers(min_value=1, max_value=25))
    kinds = draw(
        st.lists(st.sampled_from(["good"] * 6 + ["too_many", "bad_value"]), min_size=n, max_size=n)
    )
    clicks_total, spend_total = 0, 0.0
    for i, kind in enumerate(kinds):
        clicks = draw(st.integers(0, 50_000))
        spend = draw(st.integers(0, 10**7)) / 100
        empty = draw(st.lists(st.booleans(), min_size=5, max_size=5))
        cells = [
            draw(st.sampled_from(POSTS)),
            f"2024-01-{i % 28 + 1:02d}",
            _number(clicks, decimal, thousands, 0),
            _number(spend, decimal, thousands, 2),
            _number(draw(st.integers(0, 1000)) / 10, decimal, "", 1)
            + draw(st.sampled_from(["%", " %"])),
        ]
        cells = [
            "" if (drop and draw(st.integers(0, 3)) == 0) else c
            for c, drop in zip(cells, empty, strict=True)
        ]
        if not any(cells):
            cells[0] = "Hello"
        if kind == "bad_value":
            cells[2] = draw(st.sampled_from(BAD_VALUES))
        if kind == "too_many":
            cells.append("extra")
        clicks_total += clicks
        spend_total += spend
        lines.append(cells)
    totals = draw(st.booleans())
    if totals:
        lines.append(
            ["Total", "", _number(clicks_total, decimal, thousands, 0),
             _number(spend_total, decimal, thousands, 2), ""]
        )  # fmt: skip

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    starts: list[int] = []
    too_many: list[int] = []
    line = 1
    for index, item in enumerate(lines):
        if isinstance(item, str):
            out.write(item + "\n")
            line += 1
            continue
        before = out.tell()
        writer.writerow(item)
        if index >= first_data:
            starts.append(line)
            if len(item) > len(HEADER):
                too_many.append(line)
        line += out.getvalue()[before:].count("\n")
    return MessyCsv(
        data=out.getvalue().encode(encoding),
        delimiter=delimiter,
        encoding=encoding,
        data_rows=n + totals,
        row_lines=starts,
        too_many=too_many,
    )


@SETTINGS
@given(messy_csvs())
def test_every_generated_row_is_loaded_or_rejected(messy: MessyCsv) -> None:
    result = load_file("messy.csv", messy.data)
    assert result.errors == []
    assert len(result.tables) == 1, [t.label for t in result.tables]
    table = result.tables[0]
    report = table.report
    assert_consistent(table)
    assert report.rows_read == report.rows_loaded + report.rows_rejected
    assert table.data.num_rows == report.rows_loaded
    assert report.rows_read == messy.data_rows
    assert (
        report.delimiter
        == {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[messy.delimiter]
    )
    # every rejected row points at the first line of a generated row
    assert {r.line for r in report.rejected} <= set(messy.row_lines)
    # rows with a field too many are rejected on their own line (while they are the exception)
    if 2 * len(messy.too_many) < len(messy.row_lines):
        assert set(messy.too_many) <= {r.line for r in report.rejected}
        assert table.data.column_names == HEADER


@SETTINGS
@given(
    name=st.sampled_from(["x.csv", "x.tsv", "x.xlsx", "x.json", "x.ndjson", "x.parquet", "x.xls"]),
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(str.encode),
        st.lists(
            st.lists(
                st.sampled_from(["a", "1", "1,5", "#x", '"', "", "2024-01-01", "\n"]), max_size=6
            ),
            max_size=8,
        ).map(lambda rows: "\n".join(",".join(r) for r in rows).encode()),
    ),
)
def test_no_input_makes_the_loader_raise(name: str, data: bytes) -> None:
    result = load_file(name, data)  # must not raise
    if result.errors:
        assert len(result.errors) == 1 and result.tables == []
        assert result.errors[0].file == name and result.errors[0].message
    for table in result.tables:
        assert_consistent(table)
