"""The fast path's test for cells that need trimming looks at their end characters: it must
name exactly the characters DuckDB's trim() removes."""

import duckdb

from kpi.load.finish import NULL_WORD_STARTS, SPACES, define_clean, spaced_sql
from kpi.load.values import NULL_TOKENS


def test_spaces_are_what_trim_removes() -> None:
    con = duckdb.connect()
    removed = con.execute(
        "SELECT list(i ORDER BY i) FROM range(1, 1114112) t(i) "
        "WHERE (i < 55296 OR i > 57343) AND length(trim(chr(i::INT) || 'a' || chr(i::INT))) = 1"
    ).fetchall()[0][0]
    assert tuple(removed) == tuple(int(x) for x in SPACES.strip("()").split(","))


def test_end_characters_agree_with_trim() -> None:
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
        f"SELECT s FROM w WHERE (s <> trim(s)) <> {spaced_sql('s')}"
    ).fetchall()
    assert mismatched == []


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
]


def test_cleaning_is_trimming_then_dropping_null_words() -> None:
    con = duckdb.connect()
    define_clean(con)
    con.execute("CREATE TABLE w AS SELECT unnest($1) AS s", [CELLS])
    got = dict(con.execute("SELECT s, kpi_clean(s) FROM w").fetchall())
    for cell in CELLS:
        kept = cell.strip(" \u00a0\u3000\u2009")
        assert got[cell] == (None if kept.lower() in NULL_TOKENS else kept), cell
