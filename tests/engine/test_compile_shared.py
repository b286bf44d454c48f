"""The compiler's once-per-process work: formulas parsed once and shared, aggregates written
once as text. A query built from the written texts reads exactly as one built from the trees,
and no request changes the shared trees (the next request would read a changed formula)."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.catalog import BY_ID
from kpi.engine import Request, compile_dataset, periods, rollups, run
from kpi.engine.compile import DIALECT, _parsed, measure_trees
from tests.engine.conftest import POSTS, session

SPRING = periods(dt.date(2026, 1, 1), dt.date(2026, 3, 31), "week")
FLOWS = [k for k in BY_ID.values() if k.dataset and k.kind != "derived" and not k.stock]


@pytest.mark.parametrize("by", [(), ("platform",)])
def test_rendered_query_reads_as_the_tree_query(by):
    for k in FLOWS:
        tree = compile_dataset(k.dataset, [k], SPRING, by, {"platform": ("x",)}, "week")
        text = compile_dataset(
            k.dataset, [k], SPRING, by, {"platform": ("x",)}, "week", rendered=True
        )
        assert text.sql(dialect=DIALECT) == tree.sql(dialect=DIALECT), k.id


def test_rendered_rollup_measures_read_as_their_trees():
    for dataset, levels in rollups.LEVELS.items():
        for dimensions in levels:
            for k in (k for k in FLOWS if k.dataset == dataset):
                plan = rollups._kpi_plan(dataset, k, dimensions)
                if plan is None:
                    continue
                rendered = rollups.rendered_measures(*plan[:2])
                assert [m.sql(dialect=DIALECT) for m in rendered] == [
                    m.sql(dialect=DIALECT) for m in plan[0]
                ]


def test_stored_measures_are_what_planning_the_catalog_finds():
    """The read-only walk that lists a rollup's columns finds what rewriting each measure
    finds (`_plan`, which the chooser uses to read them)."""
    for dataset, levels in rollups.LEVELS.items():
        for dimensions in levels:
            expected: dict[str, str] = {}
            for kpi in BY_ID.values():
                if kpi.kind == "derived":
                    continue
                for sourced in rollups.candidates(kpi):
                    if sourced.dataset != dataset:
                        continue
                    for measure in measure_trees(dataset, sourced):
                        planned = rollups._plan(measure, dimensions)
                        if planned is not None:
                            expected.update(planned[1])
            assert rollups.stored_measures(dataset, dimensions) == expected


def test_requests_leave_the_shared_trees_unchanged():
    kpis = ("impressions", "engagement_rate", "avg_clicks_per_post", "posts")
    trees = {k: [m.sql(dialect=DIALECT) for m in measure_trees("posts", BY_ID[k])] for k in kpis}
    parsed = {k: _parsed(BY_ID[k].numerator).sql(dialect=DIALECT) for k in kpis}
    data = session(posts=POSTS)
    for grain, by, compare in (("week", ("platform",), "previous"), (None, (), None)):
        request = Request(kpis, dt.date(2026, 1, 1), dt.date(2026, 1, 31), grain, by,
                          {"platform": ("instagram",)}, compare)  # fmt: skip
        run(data.con, request)
        run(data.con, request, rollups=False)
    assert trees == {
        k: [m.sql(dialect=DIALECT) for m in measure_trees("posts", BY_ID[k])] for k in kpis
    }
    assert parsed == {k: _parsed(BY_ID[k].numerator).sql(dialect=DIALECT) for k in kpis}
