"""Several exports of one dataset merge column-wise on its key; only the same measure for the
same key in two files is a duplicate; unconfirmed guesses stay out of every view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.engine import Request, run
from kpi.load import load_file
from kpi.store import SessionData

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))

OVERVIEW = """Date,Video Views,Profile Views,Likes,Comments,Shares
2026-01-05,1000,30,80,5,2
2026-01-06,1200,40,90,6,3
"""
FOLLOWERS = """Date,Followers,Difference in followers from previous day
2026-01-05,500,4
2026-01-06,510,10
"""
VIEWERS = """Date,Total Viewers,New Viewers,Returning Viewers
2026-01-05,700,400,300
2026-01-06,800,500,300
"""


def _session(*files: tuple[str, str]) -> SessionData:
    data = SessionData()
    for name, text in files:
        data.add(load_file(name, text.encode()))
    return data


def _value(result, kpi):
    return result.rows.loc[result.rows["kpi"] == kpi, "value"].item()


def test_three_tiktok_exports_of_the_same_days_merge_into_one_row_per_day():
    data = _session(
        ("Overview.csv", OVERVIEW), ("Follower History.csv", FOLLOWERS), ("Viewers.csv", VIEWERS)
    )
    rows = data.con.execute(
        "SELECT date::VARCHAR, platform, impressions, profile_visits, followers, reach, likes "
        "FROM account_daily ORDER BY date"
    ).fetchall()
    assert rows == [
        ("2026-01-05", "tiktok", 1000, 30, 500, 700, 80),
        ("2026-01-06", "tiktok", 1200, 40, 510, 800, 90),
    ]
    assert data.duplicates == {}  # no measure came from two files
    result = run(data.con, Request(("followers", "profile_visits"), *JAN))
    assert result.needs == []
    assert _value(result, "followers") == 510  # the last day's level, from the follower export
    assert _value(result, "profile_visits") == 30 + 40


def test_two_exports_of_the_same_report_count_the_overlap_once_newest_wins():
    first = "Date,Video Views,Profile Views,Likes,Comments,Shares\n2026-01-05,1000,30,1,1,1\n2026-01-06,1200,40,1,1,1\n"
    later = "Date,Video Views,Profile Views,Likes,Comments,Shares\n2026-01-06,1250,41,1,1,1\n2026-01-07,1300,50,1,1,1\n"
    data = _session(
        ("Overview (1).csv", first),
        ("Overview (2).csv", later),
        ("Follower History.csv", FOLLOWERS),
    )
    assert data.duplicates == {"account_daily": 1}  # 6 January, in both overview exports
    result = run(data.con, Request(("profile_visits", "followers"), *JAN))
    assert _value(result, "profile_visits") == 30 + 41 + 50
    assert data.datasets() == {"account_daily": 3}


def test_sheets_about_the_same_posts_join_on_post_id():
    data = _session(
        ("facebook_posts.csv", "post_id,published_at,impressions,likes\na,2026-01-05 10:00,100,7\nb,2026-01-06 10:00,200,3\n"),
        ("facebook_posts_reach.csv", "post_id,published_at,reach,shares\na,2026-01-05 10:00,80,1\nb,2026-01-06 10:00,150,2\n"),
    )  # fmt: skip
    rows = data.con.execute(
        "SELECT post_id, platform, impressions, reach, likes, shares FROM posts ORDER BY post_id"
    ).fetchall()
    assert rows == [("a", "facebook", 100, 80, 7, 1), ("b", "facebook", 200, 150, 3, 2)]
    assert data.duplicates == {}


def test_rows_a_single_file_repeats_stay_apart():
    text = "date,platform,campaign,spend,clicks,age\n2026-01-05,facebook,a,10,1,18-24\n2026-01-05,facebook,a,20,2,25-34\n"
    other = "date,platform,campaign,spend,clicks\n2026-01-06,facebook,a,5,1\n"
    data = _session(("ads_age.csv", text), ("ads_more.csv", other))
    assert data.con.execute("SELECT sum(spend), count(*) FROM ads").fetchall() == [(35.0, 3)]


def test_a_guess_below_the_threshold_is_used_only_once_the_person_confirms_it():
    # "date, spend" known, the rest not: a weak guess that this is an ads report
    text = "date,spend,tab views,logged in\n2026-01-05,23,5,1\n"
    data = _session(("page_tabs.csv", text))
    (table,) = data.tables
    assert table.mapping.dataset == "ads" and table.mapping.needs_review
    assert data.pending() == [table] and data.datasets() == {}
    result = run(data.con, Request(("spend",), *JAN))
    assert [n.kpi for n in result.needs] == ["spend"]  # not "Ad spend 23.00"
    data.set_mapping(table.name, table.mapping)  # the person confirms the reading
    assert data.pending() == [] and data.datasets() == {"ads": 1}
    assert _value(run(data.con, Request(("spend",), *JAN)), "spend") == pytest.approx(23)


def test_a_monthly_meta_ads_export_counts_as_the_month_it_covers():
    name = "Panaderia-Acme-Campaigns-Feb-1-2025-Feb-28-2025.csv"
    path = Path(__file__).resolve().parents[1] / "mapping" / "fixtures" / name
    data = SessionData()
    data.add(load_file(name, path.read_bytes()))
    feb = run(data.con, Request(("spend",), dt.date(2025, 2, 1), dt.date(2025, 2, 28)))
    row = feb.rows.iloc[0]
    assert (row["value"], row["currency"]) == (pytest.approx(420.03 + 251.53 + 224.02), "EUR")
    week = run(data.con, Request(("spend",), dt.date(2025, 2, 3), dt.date(2025, 2, 9)))
    assert week.rows["value"].isna().all()  # a month's spend is not one week's
    assert [n.kind for n in week.notes] == ["range"] and "3 rows" in week.notes[0].message


MEASURES = ("followers", "new_followers", "lost_followers", "profile_visits", "reach")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    days=st.lists(
        st.tuples(st.integers(1, 28), *[st.integers(0, 999) for _ in MEASURES]),
        min_size=1, max_size=12, unique_by=lambda r: r[0],
    ),
    split=st.lists(st.integers(0, 2), min_size=len(MEASURES), max_size=len(MEASURES)),
)  # fmt: skip
def test_splitting_the_columns_of_one_export_over_files_changes_nothing(days, split):
    """An account's daily measures in one file, or spread over up to three files by column,
    read as the same rows, with no duplicates."""

    def csv(names):
        lines = [",".join(["date", "platform", *names])]
        for day, *values in days:
            picked = [str(v) for n, v in zip(MEASURES, values, strict=True) if n in names]
            lines.append(",".join([f"2026-01-{day:02d}", "linkedin", *picked]))
        return "\n".join(lines) + "\n"

    whole = _session(("linkedin_daily.csv", csv(MEASURES)))
    groups = [tuple(m for m, g in zip(MEASURES, split, strict=True) if g == i) for i in range(3)]
    parts = _session(*[(f"linkedin_part{i}.csv", csv(g)) for i, g in enumerate(groups) if g])
    query = f"SELECT date, platform, {', '.join(MEASURES)} FROM account_daily ORDER BY date"
    assert parts.con.execute(query).fetchall() == whole.con.execute(query).fetchall()
    assert parts.duplicates == {}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("27 January 2026 - 23 February 2026", (dt.date(2026, 1, 27), dt.date(2026, 2, 23))),
        ("27 de enero de 2026 - 23 de febrero de 2026", (dt.date(2026, 1, 27), dt.date(2026, 2, 23))),
        ("27 stycznia 2026 - 23 lutego 2026", (dt.date(2026, 1, 27), dt.date(2026, 2, 23))),
        ("Jan 27, 2026 – Feb 23, 2026", (dt.date(2026, 1, 27), dt.date(2026, 2, 23))),
        ("2026-01-27 - 2026-02-23", (dt.date(2026, 1, 27), dt.date(2026, 2, 23))),
        ("Campaign report", None),
        ("23 February 2026 - 27 January 2026", None),  # backwards: not a range
        ("Top 10 - 20 campaigns", None),
    ],
)  # fmt: skip
def test_the_range_a_title_line_states(title, expected):
    from kpi.combine import parse_range

    assert parse_range(title) == expected
