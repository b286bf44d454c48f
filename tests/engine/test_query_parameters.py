"""A query's text is written once per shape with its dates and filter values as DuckDB's named
parameters: written in, it is the literal query exactly; run, it answers as the literal query;
and a request of the same shape with other values reuses the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.catalog import BY_ID
from kpi.engine import Request, compile_dataset, periods, rollups, run
from kpi.engine import compile as compile_module
from kpi.engine.compile import DIALECT, inline_parameters, query_parameters, query_text
from tests.engine.conftest import POSTS, session

FLOWS = [k for k in BY_ID.values() if k.dataset and k.kind != "derived" and not k.stock]
SAMPLE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def shapes(draw: st.DrawFn) -> tuple:
    kpi = draw(st.sampled_from(FLOWS))
    start = dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 400)))
    end = start + dt.timedelta(days=draw(st.integers(0, 200)))
    grain = draw(st.sampled_from([None, "day", "week", "month", "quarter"]))
    by = draw(st.sampled_from([(), ("platform",)]))
    names = draw(st.lists(st.sampled_from(["x", "o'brien", "$p_first", "facebook"]), max_size=3))
    filters = {"platform": tuple(dict.fromkeys(names))} if names else {}
    prefix = draw(st.sampled_from(["p_", "c_"]))
    return kpi, periods(start, end, grain), grain, by, filters, prefix


@SAMPLE
@given(shapes())
def test_the_parameters_written_in_give_the_literal_query(shape):
    kpi, bounds, grain, by, filters, prefix = shape
    text, values = query_text(kpi.dataset, [kpi], bounds, by, filters, grain, prefix=prefix)
    literal = compile_dataset(kpi.dataset, [kpi], bounds, by, filters, grain, rendered=True)
    assert inline_parameters(text, values) == literal.sql(dialect=DIALECT)
    assert set(values) == set(query_parameters(bounds, grain, filters, prefix))


def test_hand_written_values():
    values = {"p_first": dt.date(2026, 3, 1), "p_f0_0": "o'brien", "p_f0_1": "$p_first"}
    sql = "SELECT 1 WHERE d >= $p_first AND p IN ($p_f0_0, $p_f0_1) AND q = $other"
    assert inline_parameters(sql, values) == (
        "SELECT 1 WHERE d >= CAST('2026-03-01' AS DATE) AND p IN ('o''brien', '$p_first') "
        "AND q = $other"
    )


def test_parameterised_queries_answer_as_literal_ones():
    data = session(posts=POSTS)
    try:
        chooser = rollups.chooser(data.con, "posts")
        for kpi in (k for k in FLOWS if k.dataset == "posts"):
            for grain in (None, "week"):
                bounds = periods(dt.date(2026, 1, 1), dt.date(2026, 1, 31), grain)
                filters = {"platform": ("instagram", "x")}
                text, values = query_text("posts", [kpi], bounds, ("platform",), filters, grain,
                                          chooser)  # fmt: skip
                literal = inline_parameters(text, values)
                assert data.con.execute(text, values).fetchall() == (
                    data.con.execute(literal).fetchall()
                ), kpi.id
    finally:
        data.close()


def test_another_range_or_platform_reuses_the_text(monkeypatch):
    data = session(posts=POSTS)
    calls = []
    real = compile_module.compile_dataset
    monkeypatch.setattr(
        compile_module, "compile_dataset", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    try:
        first = Request(("impressions",), dt.date(2026, 1, 1), dt.date(2026, 1, 31), "week",
                        (), {"platform": ("instagram",)})  # fmt: skip
        run(data.con, first)
        compiled = len(calls)
        assert compiled >= 1
        other = Request(("impressions",), dt.date(2026, 1, 5), dt.date(2026, 1, 25), "week",
                        (), {"platform": ("facebook",)})  # fmt: skip
        answer = run(data.con, other)
        assert len(calls) == compiled  # the same shape: the text was reused
        direct = data.con.execute(
            "SELECT sum(impressions) FROM posts WHERE platform = 'facebook' "
            "AND CAST(published_at AS DATE) BETWEEN DATE '2026-01-05' AND DATE '2026-01-25'"
        ).fetchall()[0][0]
        assert answer.rows["value"].sum() == direct
        assert (
            direct == 1000
            and "'facebook'" in answer.sql["posts"]
            and "$p_" not in answer.sql["posts"]
        )
    finally:
        data.close()
