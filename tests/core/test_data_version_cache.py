"""Nothing is recomputed on a rerun unless the data changed: a second identical request, the
filled fields and the row counts ask the connection nothing; a new upload, a removed one or
a new mapping changes the data's version, and the answers follow."""

from __future__ import annotations

import datetime as dt

from kpi.engine import Request, available_fields, run
from kpi.load import load_file
from kpi.store import SessionData, _new_connection

FIRST = """post_id,published_at,platform,impressions,likes
p1,2026-01-05 09:00,instagram,1000,40
p2,2026-01-06 09:00,facebook,500,20
"""
SECOND = """post_id,published_at,platform,impressions,likes
q1,2026-01-07 09:00,x,300,9
"""
REQUEST = Request(
    ("impressions", "engagement_rate"), dt.date(2026, 1, 1), dt.date(2026, 1, 31), "week",
    ("platform",), compare="previous",
)  # fmt: skip


class CountingConnection:
    """A session's connection that counts the statements it is asked to run, on itself or on
    its cursors (the engine runs a request's queries on cursors)."""

    def __init__(self, con=None, counter: CountingConnection | None = None) -> None:
        self._con = _new_connection() if con is None else con
        self._counter = self if counter is None else counter
        self.executed = 0

    def execute(self, *args, **kwargs):
        self._counter.executed += 1
        return self._con.execute(*args, **kwargs)

    def sql(self, *args, **kwargs):
        self._counter.executed += 1
        return self._con.sql(*args, **kwargs)

    def cursor(self):
        return CountingConnection(self._con.cursor(), self._counter)

    def __getattr__(self, name):
        return getattr(self._con, name)


def _session() -> tuple[SessionData, CountingConnection]:
    con = CountingConnection()
    data = SessionData(con=con)  # type: ignore[arg-type]
    data.add(load_file("posts.csv", FIRST.encode()), upload="first", name="posts.csv")
    return data, con


def _impressions(result) -> float:
    return result.rows[result.rows["kpi"] == "impressions"]["value"].sum()


def test_a_second_identical_request_asks_the_connection_nothing() -> None:
    data, con = _session()
    first = run(data.con, REQUEST)
    assert con.executed > 0
    before = con.executed
    again = run(data.con, REQUEST)
    assert con.executed == before
    assert again.rows.equals(first.rows)
    # Each caller gets its own copy: changing one leaves the cached answer alone.
    again.rows.loc[:, "value"] = -1.0
    assert _impressions(run(data.con, REQUEST)) == 1500
    # A request that differs does run.
    run(data.con, Request(("impressions",), dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    assert con.executed > before
    data.close()


def test_filled_fields_and_row_counts_are_counted_once_per_version() -> None:
    data, con = _session()
    fields = available_fields(data.con, "posts")
    counts = data.datasets()
    platforms = data.distinct_values("platform")
    before = con.executed
    assert available_fields(data.con, "posts") == fields
    assert data.datasets() == counts == {"posts": 2}
    assert data.distinct_values("platform") == platforms == ["facebook", "instagram"]
    assert con.executed == before
    data.close()


def test_a_new_upload_or_a_removed_one_changes_the_answer() -> None:
    data, _ = _session()
    version = data.memo.version
    assert _impressions(run(data.con, REQUEST)) == 1500
    data.add(load_file("more.csv", SECOND.encode()), upload="second", name="more.csv")
    assert data.memo.version > version
    assert _impressions(run(data.con, REQUEST)) == 1800
    assert data.datasets() == {"posts": 3}
    assert "x" in data.distinct_values("platform")
    data.remove_upload("second")
    assert _impressions(run(data.con, REQUEST)) == 1500
    assert data.datasets() == {"posts": 2}
    data.close()


def test_a_mapping_change_changes_the_answer() -> None:
    data, _ = _session()
    assert _impressions(run(data.con, REQUEST)) == 1500
    table = data.tables[0]
    mapping = table.mapping
    mapping.mapping = {**mapping.mapping, "impressions": None}  # the person unmaps the column
    data.set_mapping(table.name, mapping)
    result = run(data.con, REQUEST)
    assert [n.kpi for n in result.needs] == ["impressions", "engagement_rate"]
    data.close()
