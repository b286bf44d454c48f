"""The lead cycle's value over a period with no leads (or no spend) is an empty answer, not a
failure: an empty side of the merge has no types of its own."""

from __future__ import annotations

import datetime as dt

from kpi.analytics import stages
from tests.analytics import roi_fixtures as fx


def test_a_period_without_leads_or_spend_gives_no_rows():
    data = fx.session(leads=fx.LEADS)
    frame = stages.stage_value(
        data.con, stages.StageValues(), start=dt.date(2030, 1, 1), end=dt.date(2030, 1, 31)
    )
    assert frame.empty
    assert {"leads", "spend"} <= set(frame.columns)
    data.close()
