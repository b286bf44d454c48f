"""Care per platform and month, from a small conversations table worked out by hand."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from kpi.analytics.care import care_by_platform_month


def test_care_per_platform_and_month() -> None:
    con = duckdb.connect()
    con.execute("""CREATE TABLE conversations AS SELECT * FROM (VALUES
        ('C1', 'instagram', TIMESTAMP '2026-03-02 10:00', TIMESTAMP '2026-03-02 10:10', FALSE, NULL),
        ('C2', 'instagram', TIMESTAMP '2026-03-03 10:00', TIMESTAMP '2026-03-03 10:30', TRUE, TIMESTAMP '2026-03-04 10:00'),
        ('C3', 'instagram', TIMESTAMP '2026-03-04 10:00', NULL, TRUE, NULL),
        ('C4', 'facebook', TIMESTAMP '2026-03-05 10:00', TIMESTAMP '2026-03-05 11:00', FALSE, TIMESTAMP '2026-03-05 12:00'),
        ('C5', 'instagram', TIMESTAMP '2026-04-01 10:00', TIMESTAMP '2026-04-01 10:20', TRUE, TIMESTAMP '2026-04-02 10:00')
    ) AS t(conversation_id, platform, received_at, first_response_at, is_complaint, resolved_at)""")
    table = care_by_platform_month(con, dt.date(2026, 3, 1), dt.date(2026, 4, 30))
    rows = {(r["month"], r["platform"]): r for r in table.to_dict("records")}
    march_ig = rows[(dt.date(2026, 3, 1), "instagram")]
    assert (march_ig["conversations"], march_ig["answered"], march_ig["resolved"]) == (3, 2, 1)
    assert (march_ig["complaints"], march_ig["resolved_complaints"]) == (2, 1)
    assert march_ig["response_rate"] == pytest.approx(2 / 3)
    assert march_ig["complaint_resolution_rate"] == pytest.approx(0.5)
    assert march_ig["first_response_time_median"] == pytest.approx(
        1200
    )  # median of 600 s and 1 800 s
    assert march_ig["first_response_time_p90"] == pytest.approx(600 + 0.9 * 1200)
    march_fb = rows[(dt.date(2026, 3, 1), "facebook")]
    assert march_fb["resolved"] == 1 and march_fb["first_response_time_median"] == 3600
    april_ig = rows[(dt.date(2026, 4, 1), "instagram")]
    assert april_ig["complaint_resolution_rate"] == 1.0
    assert len(table) == 3
    con.close()
