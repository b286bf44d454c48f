"""The fast path's test for cells that need trimming looks at their end characters: it must
name exactly the characters DuckDB's trim() removes."""

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.load.finish import NULL_WORD_STARTS, SPACES, define_clean, spaced_sql
from kpi.load.values import NULL_TOKENS


def test_spaces_are_what_trim_removes() -> None:
    con = duckdb.connect()
    removed = con.execute(
        "SELECT list(i ORDER BY i) FROM range(1, 1114112) t(i) "
        "WHERE (i < 55296 OR i > 57343) AND length(trim(chr(i::INT) || 'a' || chr(i::INT))) = 1"
    ).fetchall()[0][0]
    assert tuple(removed) == tuple(int(x) for x in SPACES.strip("()").split(","))


@pytest.mark.parametrize("short", [False, True])
def test_end_characters_agree_with_trim(short: bool) -> None:
    con = duckdb.connect()
    words = [
        "a",
        "ab",
        "żółw",
        "",
        " ",
        "a b",
        "\u00a0x",
        "x\u3000",
        "\tx",
        "x\n",
        "e\u0301 ",
        "👍🏽",
    ]
    words += ["x\u00a0", "\u202fx", "日本 ", "żółw\u2009"]
    con.execute("CREATE TABLE w AS SELECT unnest($1) AS s", [words])
    mismatched = con.execute(
        f"SELECT s FROM w WHERE (s <> trim(s)) <> {spaced_sql('s', short)}"
    ).fetchall()
    assert mismatched == []


SPACE_CHARS = [chr(int(x)) for x in SPACES.strip("()").split(",")]
CELL_TEXT = st.text(
    st.one_of(st.sampled_from([*SPACE_CHARS, "a", "ż", "\t", "日", "👍"]), st.characters()),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELL_TEXT, min_size=1, max_size=30))
def test_both_spellings_of_the_test_are_trim(cells: list[str]) -> None:
    con = duckdb.connect()
    cells = [c for c in cells if not any(0xD800 <= ord(x) <= 0xDFFF for x in c)]
    con.execute("CREATE TABLE w AS SELECT unnest($1::VARCHAR[]) AS s", [cells])
    rows = con.execute(
        f"SELECT s, s <> trim(s), {spaced_sql('s')}, {spaced_sql('s', True)} FROM w"
    ).fetchall()
    for cell, trimmed, ends, short in rows:
        assert trimmed == ends == short, repr(cell)


def test_a_null_word_starts_with_one_of_the_listed_characters_in_any_case() -> None:
    con = duckdb.connect()
    firsts = sorted({ord(t[0]) for t in NULL_TOKENS if t})
    starting = con.execute(
        "SELECT list(i ORDER BY i) FROM (SELECT range AS i FROM range(1, 55296) "
        "UNION ALL SELECT range FROM range(57344, 1114112)) "
        f"WHERE ord(lower(chr(i::INT))) IN ({', '.join(map(str, firsts))})"
    ).fetchall()[0][0]
    assert set(starting) <= set(NULL_WORD_STARTS)


CELLS = [
    *sorted(NULL_TOKENS),
    *(t.upper() for t in NULL_TOKENS),
    *(f" {t}\u00a0" for t in NULL_TOKENS),
    "N/a",
    "nUlL",
    "NaN ",
    "\u3000none",
    "nonexistent",
    "n/a!",
    "Ünderfined",
    "12",
    " 12 ",
    "",
    " ",
    "\u2009",
    "żółw",
    "—",
    "— ",
    "--x",
    "(NOT SET)",
    "#N/A",
    "a b",
    "👍🏽",
    "undefined" * 5,
    "ünderfïned",
    " " + "ż" * 12 + " ",
]


def test_cleaning_is_trimming_then_dropping_null_words() -> None:
    con = duckdb.connect()
    define_clean(con)
    con.execute("CREATE TABLE w AS SELECT unnest($1) AS s", [CELLS])
    got = dict(con.execute("SELECT s, kpi_clean(s) FROM w").fetchall())
    for cell in CELLS:
        kept = cell.strip(" \u00a0\u3000\u2009")
        assert got[cell] == (None if kept.lower() in NULL_TOKENS else kept), cell
