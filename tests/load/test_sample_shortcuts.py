"""The sample's shortcuts (null words found among distinct cells, the quote-after-space check on
the joined cells and the raw-text test that lets it be skipped, the sample read in one go, the
remark filter that stops on a text column) decide exactly what the
value-by-value definitions they replaced decide."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from kpi.load import fast, plan, text
from kpi.load.finish import sample_values
from kpi.load.layout import Layout
from kpi.load.values import NULL_TOKENS, NumberStyle, mostly

# Cells of every kind the shortcuts must tell apart: null words spelt any way, digits (skipped
# in C), spaces of every kind before quotes, remarks, numbers, text.
CELLS = st.one_of(
    st.sampled_from(sorted(NULL_TOKENS)),
    st.sampled_from([" N/A ", "NULL", "\tnone", "Nan", "--", " ", "", "\u00a0-", "٣", "²"]),
    st.integers(0, 10**6).map(str),
    st.sampled_from(['  "quoted"', ' "x', '\t"y', ' \u00a0"z', 'a "b"', '"c"', ' \n"d', " e"]),
    st.sampled_from(["Using campaign budget", "1,234", "12.5", "€ 5", "x", "2024-01-02"]),
    st.text(alphabet=' \t"ab1,.-\u00a0\n', max_size=6),
)
WIDTH = 3
ROWS = st.lists(st.lists(CELLS, min_size=WIDTH, max_size=WIDTH), max_size=25)


def _sample(rows: list[list[str]]) -> fast._Sample:
    names = [f"c{i}" for i in range(WIDTH)]
    layout = Layout(header_index=0, header_line=1, names=names, source_names=names, data_index=1)
    return fast._Sample(",", layout, 2, NumberStyle(".", ","), rows, True)


@SETTINGS
@given(rows=ROWS, columns=st.lists(st.integers(0, WIDTH - 1), unique=True))
def test_null_words_are_those_a_cell_by_cell_look_finds(
    rows: list[list[str]], columns: list[int]
) -> None:
    slow = {r[i] for r in rows for i in columns if r[i] and r[i].strip().lower() in NULL_TOKENS}
    assert fast.null_words(_sample(rows), columns) == sorted(slow)


@SETTINGS
@given(rows=ROWS)
def test_a_quote_after_spaces_is_found_as_cell_by_cell(rows: list[list[str]]) -> None:
    slow = any(c[:1] in (" ", "\t") and c.lstrip().startswith('"') for row in rows for c in row)
    assert fast.quote_after_space(rows) is slow


@SETTINGS
@given(cells=st.lists(st.one_of(st.none(), CELLS), max_size=40))
def test_sampled_values_drop_the_null_words_as_cell_by_cell(cells: list[str | None]) -> None:
    stripped = (v.strip() for v in cells if v is not None)
    assert sample_values(cells) == [v for v in stripped if v.lower() not in NULL_TOKENS]


@SETTINGS
@given(values=st.lists(CELLS, max_size=60))
def test_figures_are_mostly_numbers_exactly_when_the_full_filter_says_so(
    values: list[str],
) -> None:
    def parse(v: str) -> float | None:
        return plan._parse_figure(v, NumberStyle(".", ","), False)

    figures = [v for v in values if not plan.REMARK.match(v)]
    numeric = bool(figures) and mostly(figures, lambda v: parse(v) is not None)
    found, judged = plan._figures(values, parse)
    assert judged is numeric
    if numeric:
        assert found == figures  # the plan reads them all


def test_a_text_column_stops_early() -> None:
    """A text column's judgement stops at the first miss beyond those allowed: 5 % of 1 003
    values is 50.15, so the 51st value read is the last."""
    seen: list[str] = []

    def parse(v: str) -> float | None:
        seen.append(v)
        return None

    values = ["alpha", "beta", "gamma"] + [f"word{i}" for i in range(1000)]
    assert plan._figures(values, parse)[1] is False
    assert len(seen) == 51


# Raw text the csv module reads in every way: quotes opening, closing and doubled, spaces and
# tabs anywhere, line breaks in and out of quotes, and what it refuses (a CR in an unquoted cell).
RAW = st.text(alphabet=' \t"ab,;\n\r', max_size=60)


@SETTINGS
@given(raw=RAW, delimiter=st.sampled_from([",", ";", "\t"]))
def test_no_cell_starts_with_a_space_where_the_raw_text_says_none_can(
    raw: str, delimiter: str
) -> None:
    rows = fast._all_rows(raw, delimiter)
    if not fast.cell_may_start_with_space(raw, delimiter):
        assert not any(c[:1] in (" ", "\t") for row in rows for c in row)
        assert fast.quote_after_space(rows) is False


@SETTINGS
@given(rows=ROWS)
def test_written_cells_with_spaces_are_never_missed(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    parsed = fast._all_rows(out.getvalue(), ",")
    if any(c[:1] in (" ", "\t") for row in parsed for c in row):
        assert fast.cell_may_start_with_space(out.getvalue(), ",")


@SETTINGS
@given(raw=RAW, delimiter=st.sampled_from([",", ";"]))
def test_all_rows_are_the_records_read_one_by_one(raw: str, delimiter: str) -> None:
    reader = csv.reader(io.StringIO(raw), delimiter=delimiter)
    assert fast._all_rows(raw, delimiter) == text._safe_rows(reader, 1 << 30)
