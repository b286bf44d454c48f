"""The fast path turns a time read with its offset into the UTC time from its microseconds
(`_UTC_TIME`), not through the time zone calendar: it must give what the cast gives on a UTC
connection, for any instant and offset, dates too, and for infinite values."""

from __future__ import annotations

import datetime as dt

import duckdb
from hypothesis import given
from hypothesis import strategies as st

from kpi.load.fast import _UTC_TIME

CON = duckdb.connect()
CON.execute("SET TimeZone = 'UTC'")


def _both(text: str) -> tuple:
    fast = _UTC_TIME.replace("__C__", "c")
    return CON.execute(
        f"SELECT {fast}, CAST(c AS TIMESTAMP), CAST({fast} AS DATE), "
        "CAST(CAST(c AS TIMESTAMP) AS DATE) FROM (SELECT CAST(? AS TIMESTAMPTZ) AS c)",
        [text],
    ).fetchall()[0]


@given(
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    st.integers(-14 * 60, 14 * 60),
)
def test_the_utc_time_from_microseconds_equals_the_cast(moment, minutes):
    sign, offset = ("+" if minutes >= 0 else "-"), abs(minutes)
    text = f"{moment.isoformat(sep=' ')}{sign}{offset // 60:02d}:{offset % 60:02d}"
    fast, cast, fast_day, cast_day = _both(text)
    assert fast == cast and fast_day == cast_day


def test_hand_checked_values():
    assert _both("2026-03-29 01:30:00+02:00")[0] == dt.datetime(2026, 3, 28, 23, 30)
    assert _both("2026-03-29 01:30:00+02:00")[2] == dt.date(2026, 3, 28)
    fast, cast, *_ = _both("infinity")
    assert fast == cast  # no microseconds: cast as before
