"""A worksheet's extent is scanned with a faster row-tag pattern when the text holds no
namespaced tag: on any text without `:row` it must find exactly what the full pattern finds,
and a sheet's extent must come out the same either way."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from kpi.load import excel

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
