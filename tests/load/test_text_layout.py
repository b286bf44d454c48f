"""Delimited text: encodings, where the header is, description and totals rows, rejected rows
with their exact line numbers, and several tables stacked in one file."""

from __future__ import annotations

import datetime as dt

import pytest
from loadkit import column, csv_bytes, load_one, only_table

TSV = "City\tClicks\nGenève\t3\nŁódź\t4\n"
WESTERN = "City;Clicks\nGenève;3\nZürich;4\n"
CENTRAL = "City;Clicks\nŁódź;3\nKraków;4\n"


@pytest.mark.parametrize(
    ("text", "data", "encoding", "delimiter"),
    [
        (TSV, b"\xff\xfe" + TSV.encode("utf-16-le"), "UTF-16 LE", "\t"),
        (TSV, b"\xfe\xff" + TSV.encode("utf-16-be"), "UTF-16 BE", "\t"),
        (TSV, TSV.encode("utf-16-le"), "UTF 16 LE", "\t"),  # no BOM: told by the NUL bytes
        (TSV, TSV.encode("utf-16-be"), "UTF 16 BE", "\t"),
        (TSV, TSV.encode("utf-8-sig"), "UTF-8 with BOM", "\t"),
        (TSV, TSV.encode("utf-8"), "UTF-8", "\t"),
        ("City;Clicks\nGenève;3\n", "City;Clicks\nGenève;3\n".encode("cp1252"), "cp1252", ";"),
        (WESTERN, WESTERN.encode("cp1252"), "cp1252", ";"),
        (
            "City,Clicks\nSão Paulo,3\nBogotá,4\n",
            "City,Clicks\nSão Paulo,3\nBogotá,4\n".encode("latin-1"),
            "cp1252",
            ",",
        ),
        ("City;Clicks\nŁódź;3\n", "City;Clicks\nŁódź;3\n".encode("cp1250"), "cp1250", ";"),
        (CENTRAL, CENTRAL.encode("cp1250"), "cp1250", ";"),
    ],
)
def test_encodings_are_detected_and_reported(
    text: str, data: bytes, encoding: str, delimiter: str
) -> None:
    table = only_table("cities.csv", data)
    assert table.report.encoding is not None
    assert table.report.encoding.startswith(encoding)
    assert table.report.delimiter == {"\t": "tab", ";": "semicolon", ",": "comma"}[delimiter]
    assert table.data.column_names == ["City", "Clicks"]  # no BOM left in the first name
    rows = [line.split(delimiter) for line in text.splitlines()[1:]]
    assert column(table, "City") == [r[0] for r in rows]
    assert column(table, "Clicks") == [int(r[1]) for r in rows]


@pytest.mark.parametrize(
    ("lines", "header_line", "skipped"),
    [
        (["# Exported 2024-01-31", "# Page: Acme", "Date,Reach", "2024-01-01,5"], 3, 2),
        (["Facebook Insights", "", "Date,Reach", "2024-01-01,5"], 3, 2),
        (
            ["Acme – posts report", "1 Jan 2024 – 31 Jan 2024", "", "Date,Reach", "2024-01-01,5"],
            4,
            3,
        ),
        (["", "", "Date,Reach", "2024-01-01,5"], 3, 2),
        (["# ----", "# Sessions", "# ----", "", "Date,Reach", "2024-01-01,5"], 5, 4),
        (["Date,Reach", "2024-01-01,5"], 1, 0),
    ],
)
def test_header_row_found_below_comments_titles_and_blank_lines(
    lines: list[str], header_line: int, skipped: int
) -> None:
    table = only_table("report.csv", csv_bytes(*lines))
    report = table.report
    assert report.header_line == header_line
    assert len(report.skipped) == skipped
    assert [s.line for s in report.skipped] == list(range(1, skipped + 1))
    assert table.data.column_names == ["Date", "Reach"]
    assert column(table, "Date") == [dt.date(2024, 1, 1)]
    assert column(table, "Reach") == [5]
    assert report.rows_read == 1


def test_facebook_description_row_under_the_header_is_skipped() -> None:
    data = csv_bytes(
        "Date,Lifetime Total Likes,Daily New Likes",
        ",Lifetime: The total number of people who have liked your Page. (Unique Users),"
        "Daily: The number of new people who have liked your Page (Unique Users)",
        "2024-01-01,100,3",
        "2024-01-02,103,4",
        "2024-01-03,103,0",
    )
    table = only_table("facebook.csv", data)
    report = table.report
    assert report.header_line == 1
    assert [s.line for s in report.skipped] == [2]
    assert "description" in report.skipped[0].reason
    assert column(table, "Lifetime Total Likes") == [100, 103, 103]
    assert column(table, "Daily New Likes") == [3, 4, 0]
    assert report.rows_read == 3


@pytest.mark.parametrize(
    ("lines", "total_line", "kept"),
    [
        (["Campaign,Clicks,Spend", "A,10,1.5", "B,20,2.5", "Total,30,4.0"], 4, [10, 20]),
        (["Campaign,Clicks,Spend", "A,10,1.5", "B,20,2.5", "Grand total,30,4.0"], 4, [10, 20]),
        (["Campaign,Clicks,Spend", "A,10,1.5", "B,20,2.5", "TOTAL: all,30,4.0"], 4, [10, 20]),
        (["Kampania;Kliknięcia", "A;10", "B;20", "Razem;30"], 4, [10, 20]),
        (
            ["Campaign,Date,Clicks", 'A,2024-01-01,"3,000"', 'B,2024-01-02,"4,374"', ',,"7,374"'],
            4,
            [3000, 4374],
        ),
        (["Campaign,Clicks,Spend", "A,10,1.5", "B,20,2.5", ",30,4.0"], 4, [10, 20]),
        (["Campaign,Clicks,Spend", "Total,30,4.0", "A,10,1.5", "B,20,2.5"], 2, [10, 20]),
    ],
)
def test_totals_row_is_kept_out_and_reported(
    lines: list[str], total_line: int, kept: list[int]
) -> None:
    table = only_table("campaigns.csv", csv_bytes(*lines))
    report = table.report
    assert report.rows_read == len(lines) - 1
    assert report.rows_loaded == len(kept)
    assert [r.line for r in report.rejected] == [total_line]
    assert "total" in report.rejected[0].reason.lower()
    assert report.rejected[0].raw == lines[total_line - 1]
    clicks = table.data.column_names[-2 if "Spend" in lines[0] else -1]
    assert column(table, clicks) == kept


def test_a_row_with_an_empty_first_cell_mid_table_is_data_not_totals() -> None:
    table = only_table(
        "posts.csv", csv_bytes("Post,Clicks", "a,1", ",2", "b,3", "c,4", "d,5", "e,6", "f,7")
    )
    assert table.report.rows_rejected == 0
    assert column(table, "Clicks") == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("lines", "bad_line"),
    [
        (["Name,Clicks,Note", "A,1,x", "B,2,x,extra", "C,3,ok"], 3),
        # the quoted newline in row A makes row B start on line 4, not on record 3
        (["Name,Clicks,Note", 'A,1,"multi', 'line"', "B,2,x,extra", "C,3,ok"], 4),
        (["Name,Clicks,Note", 'A,1,"one', "", 'three"', "B,2,x,extra", "C,3,ok"], 5),
        (["# comment", "Title", "Name,Clicks,Note", "A,1,x", "B,2,x,extra", "C,3,ok"], 5),
        (["Name,Clicks,Note", "A,1,x", "", "C,3,ok", "B,2,x,extra"], 5),  # blank line in between
        (["Name;Clicks;Note", 'A;1;"a;b"', "B;2;x;extra", "C;3;ok"], 3),
    ],
)
def test_row_with_too_many_fields_is_rejected_with_its_line(
    lines: list[str], bad_line: int
) -> None:
    table = only_table("posts.csv", csv_bytes(*lines))
    report = table.report
    assert report.rows_read == 3
    assert report.rows_loaded == 2
    assert len(report.rejected) == 1
    rejected = report.rejected[0]
    assert rejected.line == bad_line
    assert lines[bad_line - 1] == rejected.raw
    assert "4 fields" in rejected.reason and "3" in rejected.reason
    assert sorted(column(table, "Clicks")) == [1, 3]


def test_short_rows_and_empty_extra_fields_are_padded_not_rejected() -> None:
    table = only_table("short.csv", csv_bytes("Name,Clicks,Note", "A,1", "B,2,x,", "C,3,ok"))
    assert table.report.rows_rejected == 0
    assert column(table, "Note") == [None, "x", "ok"]
    assert any("padded" in n for n in table.report.notes)


@pytest.mark.parametrize(
    ("lines", "line", "column_name", "value"),
    [
        (["Name,Clicks", "A,1", "B,2", "C,abc", "D,4", "E,5"], 4, "Clicks", "abc"),
        (["Name;Spend", "A;1,5", "B;2,5", "C;3,5", "D;12x", "E;5,5"], 5, "Spend", "12x"),
        (
            ["Name,Date", "A,2024-01-01", "B,2024-01-02", "C,soon", "D,2024-01-04"],
            4,
            "Date",
            "soon",
        ),
        (
            ["# note", "Name,Clicks,Note", 'A,1,"multi', 'line"', "B,2,x", "C,oops,x", "D,4,x"],
            6,
            "Clicks",
            "oops",
        ),
    ],
)
def test_bad_value_in_a_typed_column_is_rejected_with_line_column_and_raw_text(
    lines: list[str], line: int, column_name: str, value: str
) -> None:
    table = only_table("values.csv", csv_bytes(*lines))
    report = table.report
    assert [r.line for r in report.rejected] == [line]
    rejected = report.rejected[0]
    assert column_name in rejected.reason
    assert repr(value) in rejected.reason
    assert rejected.raw == lines[line - 1]
    assert report.rows_loaded == report.rows_read - 1
    kinds = {c.name: c.type for c in report.columns}
    assert kinds[column_name] != "text"


@pytest.mark.parametrize(
    ("text", "widths", "headers"),
    [
        (  # Universal Analytics style: different widths, blank line between
            "Source,Sessions\ngoogle,10\nbing,5\n\nDevice,Users,Bounce rate\ndesktop,3,0.5\nmobile,4,0.25\n",
            [2, 3],
            [1, 5],
        ),
        (  # the same width: the second header row of names still starts a new table
            "Source,Sessions\ngoogle,10\nbing,5\n\nDevice,Users\ndesktop,3\nmobile,4\n",
            [2, 2],
            [1, 5],
        ),
        (  # comment separators, as Universal Analytics writes them
            "# ----\n# Acquisition\n# ----\nSource,Sessions\ngoogle,10\nbing,5\n\n# ----\n"
            "# Devices\n# ----\nDevice,Users,Bounce rate\ndesktop,3,0.5\nmobile,4,0.25\n",
            [2, 3],
            [4, 11],
        ),
    ],
)
def test_stacked_tables_become_separate_tables(
    text: str, widths: list[int], headers: list[int]
) -> None:
    result = load_one("analytics.csv", text.encode())
    assert result.errors == []
    assert [t.data.num_columns for t in result.tables] == widths
    assert [t.report.header_line for t in result.tables] == headers
    first, second = result.tables
    assert column(first, "Source") == ["google", "bing"]
    assert column(first, "Sessions") == [10, 5]
    assert column(second, "Device") == ["desktop", "mobile"]
    assert column(second, "Users") == [3, 4]
    assert first.label != second.label


def test_hashtags_in_the_first_column_are_data_not_comments() -> None:
    table = only_table(
        "hashtags.csv", csv_bytes("Hashtag,Posts", "#summer,10", "#winter,5", "#sale,3")
    )
    assert column(table, "Hashtag") == ["#summer", "#winter", "#sale"]
    assert table.report.rows_read == 3


def test_hashtag_row_with_a_field_too_many_is_rejected_not_taken_for_a_comment() -> None:
    table = only_table(
        "hashtags.csv", csv_bytes("Hashtag,Posts", "#summer,10", "#winter,5,x", "#sale,3")
    )
    assert [(r.line, r.raw) for r in table.report.rejected] == [(3, "#winter,5,x")]
    assert column(table, "Hashtag") == ["#summer", "#sale"]


def test_comment_line_below_the_data_is_not_a_row() -> None:
    result = load_one(
        "posts.csv", csv_bytes("Post,Likes", "hello,10", "bye,3", "#Generated by Acme")
    )
    assert result.errors == []
    assert [t.report.rows_read for t in result.tables] == [2]
    assert column(result.tables[0], "Post") == ["hello", "bye"]
    (table,) = result.tables
    assert table.report.sheet is None  # a single table is not "table 1"
    assert [(s.line, s.raw) for s in table.report.skipped] == [(4, "#Generated by Acme")]


def test_a_row_of_empty_cells_is_listed_as_skipped_not_loaded() -> None:
    result = load_one(
        "posts.csv", csv_bytes("Post,Likes,Day", "hello,10,2026-01-01", ",,", "bye,3,2026-01-02")
    )
    (table,) = result.tables
    assert (table.report.rows_read, table.report.rows_loaded) == (2, 2)
    assert [(s.line, s.reason) for s in table.report.skipped] == [(3, "empty row")]
    assert column(table, "Post") == ["hello", "bye"]


@pytest.mark.parametrize(
    ("lines", "names", "rejected"),
    [
        # most rows fill a last column the header did not name: it becomes a column
        (["Post,Likes,", "a,10,x", "b,3,y", "c,4,z"], ["Post", "Likes", "column_3"], []),
        (["Post;Likes", "a;10;x", "b;3;y", "c;4"], ["Post", "Likes", "column_3"], []),
        # one row in three is wider: that row is the odd one, rejected
        (["Post;Likes;Spend", "a;10;1,5;x", "b;3;2,5", "c;4;3,5"], ["Post", "Likes", "Spend"], [2]),
    ],
)
def test_table_width_follows_the_header_unless_most_rows_are_wider(
    lines: list[str], names: list[str], rejected: list[int]
) -> None:
    table = only_table("width.csv", csv_bytes(*lines))
    assert table.data.column_names == names
    assert [r.line for r in table.report.rejected] == rejected
    assert table.report.rows_read == 3


@pytest.mark.parametrize(
    ("lines", "delimiter"),
    [
        # commas inside unquoted decimal numbers must not win over the semicolons
        (
            ["Post;Clicks;Spend;Rate", "a;1;0,50;1,5%", "b;2;1,50;2,5%;x", "c;3;2,50;3,5%;y"],
            "semicolon",
        ),
        (["Acme report", "", "Post;Clicks;Spend", "#tag;1;0.50"], "semicolon"),
        (["Post|Clicks", "a, b and c|1", "d, e|2"], "pipe"),
        (["Post\tClicks", "a; b|c\t1", "d\t2"], "tab"),
    ],
)
def test_delimiter_detection_resists_decimals_titles_and_punctuation(
    lines: list[str], delimiter: str
) -> None:
    result = load_one("detect.csv", csv_bytes(*lines))
    assert result.errors == []
    assert result.tables[0].report.delimiter == delimiter
    assert result.tables[0].data.column_names[:2] == ["Post", "Clicks"]


def test_blank_line_inside_a_quoted_post_text_does_not_split_the_table() -> None:
    table = only_table("posts.csv", csv_bytes("Post,Likes", '"Hello', "", '# world",3', "Bye,4"))
    assert column(table, "Post") == ["Hello\n\n# world", "Bye"]
    assert column(table, "Likes") == [3, 4]


def test_crlf_line_ends_keep_line_numbers() -> None:
    data = b"# c\r\nName,Clicks\r\nA,1\r\nB,2,3\r\nC,4\r\n"
    table = only_table("crlf.csv", data)
    assert table.report.header_line == 2
    assert [r.line for r in table.report.rejected] == [4]
    assert column(table, "Clicks") == [1, 4]
