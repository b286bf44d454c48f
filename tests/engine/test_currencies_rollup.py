"""The currencies a request's ad rows are in, found in a rollup keeping the currency: the
same as the rows give, for any range, grain and filter, and the same needs and values from
`run` with the rollups as without."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi.engine import Request, run
from kpi.engine.checks import currencies
from kpi.engine.rollups import table_name, with_dimensions
from tests.engine.conftest import session

ADS = (
    "date,date_end,platform,campaign,spend,clicks,currency\n"
    "2026-01-05,,facebook,spring,100,10,PLN\n"
    "2026-01-06,2026-01-12,facebook,brand,50,5,PLN\n"
    "2026-01-07,,instagram,spring,30,3,USD\n"
    "2026-01-20,,instagram,brand,10,1,\n"
    "2026-02-02,2026-02-03,x,spring,5,1,EUR\n"
)
FILTERS = ({}, {"platform": ("facebook",)}, {"campaign": ("spring",)}, {"currency": ("USD",)},
           {"platform": ("instagram", "x"), "campaign": ("brand",)})  # fmt: skip
RANGES = ((dt.date(2026, 1, 1), dt.date(2026, 1, 31)), (dt.date(2026, 1, 6), dt.date(2026, 1, 8)),
          (dt.date(2026, 1, 13), dt.date(2026, 2, 28)), (dt.date(2025, 1, 1), dt.date(2025, 1, 2)))  # fmt: skip


def test_currencies_from_the_rollup_are_those_of_the_rows():
    data = session(ads=ADS)
    assert with_dimensions(data.con, "ads", ("currency",)) == table_name(
        "ads", ("platform", "currency")
    )
    assert with_dimensions(data.con, "ads", ("currency", "campaign")) == table_name(
        "ads", ("platform", "campaign", "currency")
    )
    assert with_dimensions(data.con, "ads", ("currency", "clicks")) is None
    seen = set()
    for start, end in RANGES:
        for grain in (None, "week", "month"):
            for filters in FILTERS:
                request = Request(("spend",), start, end, grain, (), filters)
                table = with_dimensions(data.con, "ads", ("currency", *filters))
                found = currencies(data.con, "ads", request, table)
                assert found == currencies(data.con, "ads", request)
                seen.add(tuple(found))
                both = [run(data.con, request, rollups=r) for r in (True, False)]
                assert both[0].needs == both[1].needs
                pd.testing.assert_frame_equal(both[0].rows, both[1].rows)
    assert {(), ("PLN", "USD"), ("PLN",), ("USD",)} <= seen  # the cases that matter were met
    data.close()


def test_a_bare_connection_reads_the_rows():
    import duckdb

    assert with_dimensions(duckdb.connect(), "ads", ("currency",)) is None
