"""The fast path's test for cells that need trimming looks at their end characters: it must
name exactly the characters DuckDB's trim() removes."""

import duckdb

from kpi.load.fast import _SPACES, spaced_sql


def test_spaces_are_what_trim_removes() -> None:
    con = duckdb.connect()
    removed = con.execute(
        "SELECT list(i ORDER BY i) FROM range(1, 1114112) t(i) "
        "WHERE (i < 55296 OR i > 57343) AND length(trim(chr(i::INT) || 'a' || chr(i::INT))) = 1"
    ).fetchall()[0][0]
    assert tuple(removed) == tuple(int(x) for x in _SPACES.strip("()").split(","))


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
