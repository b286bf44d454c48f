"""A worksheet's extent is scanned with a faster row-tag pattern when the text holds no
namespaced tag, and its cell references are read with numpy: on any text each must find exactly
what its pattern finds, and a sheet's extent must come out the same either way."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kpi.load import excel, sheet_xml

NOISE = [b"<", b">", b"/>", b" ", b"\n", b"row", b"=", b'"', b"'", b"x", b"<c", b"</row>", b"7"]
row_tag = st.builds(
    lambda name, before, space, quote, number, after, close: b"".join(
        [b"<", name, before, b" r", space, b"=", space, quote, number, quote, after, close]
    ),
    st.sampled_from([b"row", b"rows", b"row\t", b"ro"]),
    st.sampled_from([b"", b' spans="1:3"', b" x=>"]),
    st.sampled_from([b"", b" "]),
    st.sampled_from([b'"', b"'"]),
    st.integers(0, 10**6).map(lambda n: str(n).encode()),
    st.sampled_from([b"", b' ht="15"', b"<"]),
    st.sampled_from([b">", b"/>", b""]),
)
# About half the texts hold tags that match (a generated tag breaks a rule now and then).
text = st.lists(st.one_of(row_tag, st.sampled_from(NOISE)), max_size=30).map(b"".join)


@given(text)
def test_the_plain_pattern_finds_what_the_full_one_finds_without_prefixes(text):
    assert b":row" not in text
    assert excel._PLAIN_ROW_REF.findall(text) == excel._ROW_REF.findall(text)


def test_a_namespaced_sheet_is_still_scanned_with_the_full_pattern():
    sheet = (
        b'<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
        b'<x:row r="7"></x:row></x:sheetData></x:worksheet>'
    )
    extent = excel.scan_sheet(io.BytesIO(sheet))
    assert (extent.rows, extent.columns, extent.values) == (7, 1, 1)


def test_a_plain_sheet_extent():
    sheet = (
        b'<worksheet><sheetData><row r="1" spans="1:3"><c r="C1" t="s"><v>0</v></c></row>'
        b'<row r="4"><c r="B4"><v>2</v></c></row><row r="9"/></sheetData></worksheet>'
    )
    extent = excel.scan_sheet(io.BytesIO(sheet))
    assert (extent.rows, extent.columns, extent.values) == (4, 3, 2)


# --- cell references: the vectorised reading against the pattern it follows -------------------

SPACE = st.sampled_from([b"", b"", b"", b" ", b"\t", b"\n", b"\r\n", b"\x0b", b"\x0c"])
QUOTE = st.sampled_from([b'"', b'"', b"'"])
LETTERS = st.one_of(
    st.sampled_from([b"A", b"Z", b"AA", b"XFD", b"xfd", b"aZ", b"ZZ", b"AAA"]),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcz", min_size=0, max_size=20).map(str.encode),
)
DIGITS = st.one_of(
    st.integers(1, 1_048_576).map(lambda n: str(n).encode()),
    st.sampled_from([b"0009", b"007", b"0", b"99", b"100000"]),  # leading zeros read smaller
    st.text("0123456789", min_size=0, max_size=22).map(str.encode),
)
# Letters and digits, sometimes alternating ("A1B2": not a reference).
BODY = st.lists(st.tuples(LETTERS, DIGITS).map(b"".join), min_size=1, max_size=3).map(b"".join)


def cell_refs(space: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """A reference's attribute, often broken, with `space` around its "="."""
    return st.builds(
        lambda name, s1, s2, q1, body, q2: b"".join([name, s1, b"=", s2, q1, body, q2]),
        st.sampled_from([b"<c r", b" r", b"r", b" header", b" ref", b"<row r", b"x"]),
        space,
        space,
        QUOTE,
        BODY,
        st.sampled_from([b'"', b"'", b"", b"1", b"A", b"=", b"/>"]),
    )


cell_ref = cell_refs(SPACE)
XML_NOISE = [b"<v>1</v>", b"</c>", b'"', b"'", b"=", b"r", b"r=", b'r="', b"A1", b"9", b">"]
# Spelled as workbooks write it (no whitespace next to "=", the vectorised reading's own case),
# and with any spacing XML allows (the pattern's case).
plain_text = st.lists(
    st.one_of(cell_refs(st.just(b"")), st.sampled_from(XML_NOISE)), max_size=40
).map(b"".join)
spaced_text = st.lists(
    st.one_of(cell_ref, st.sampled_from([*XML_NOISE, b" ", b"\n"])), max_size=40
).map(b"".join)
sheet_text = st.one_of(plain_text, spaced_text)


@example(b'<c r="A1B2"/><c r="C3"/>', 0)
@example(b'<c r="A0009"/><c r="B99"/>', 0)
@given(sheet_text, st.integers(0, 40))
def test_cell_extent_equals_the_pattern_on_any_spelling(text, cut):
    assert sheet_xml.cell_extent(text) == sheet_xml.regex_cell_extent(text)
    # A chunk may end anywhere, inside a reference too.
    assert sheet_xml.cell_extent(text[:-cut]) == sheet_xml.regex_cell_extent(text[:-cut])


def test_many_references_too_long_for_the_window_are_read_by_the_pattern():
    refs = [f'<c r="ABCDEFGHIJKLM{n:020d}"/>'.encode() for n in range(sheet_xml._MAX_ODD + 5)]
    text = b'<c r="A7"/>' + b"".join(refs)
    assert sheet_xml.cell_extent(text) == (
        sheet_xml._MAX_ODD + 4,
        sheet_xml.column_number(b"ABCDEFGHIJKLM"),
    )


def test_the_extent_of_far_references():
    text = b'<c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c><c r="aa007"/>'
    assert sheet_xml.cell_extent(text) == (1_048_576, 16_384)
    long = b'<c r="ABCDEFGHIJKLMN123456789012345678901"/>'  # beyond int64 in numpy
    expected = (123456789012345678901, sheet_xml.column_number(b"ABCDEFGHIJKLMN"))
    assert sheet_xml.cell_extent(long) == expected


@given(st.lists(st.one_of(cell_ref, st.sampled_from(XML_NOISE)), max_size=60), st.integers(8, 64))
def test_a_sheet_scanned_in_small_chunks_has_the_patterns_extent(parts, chunk):
    sheet = b"<worksheet><sheetData>" + b"".join(parts) + b"</sheetData></worksheet>"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(excel, "_SCAN_CHUNK", chunk)
        fast = excel.scan_sheet(io.BytesIO(sheet))
        patch.setattr(excel, "cell_extent", sheet_xml.regex_cell_extent)
        reference = excel.scan_sheet(io.BytesIO(sheet))
    assert fast == reference
