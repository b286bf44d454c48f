"""Property tests: maps and plans survive the dict round-trip; an objective's status is the
worst of its KPIs'; the readability counters never go negative."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.analytics.readability import counts
from kpi.catalog import PERSPECTIVES
from kpi.scorecard import KpiRef, Objective, StrategyMap, worst
from kpi.scorecard.plan import Cadence, Plan, PlanKpi, PlanObjective, Target

ids = st.text("abcdefghij_", min_size=1, max_size=8)
texts = st.text(min_size=1, max_size=30)
numbers = st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32)
refs = st.builds(KpiRef, ids, st.sampled_from(["lagging", "leading"]), numbers, st.none() | ids,
                 st.dictionaries(st.sampled_from(["x_note", "x_weight"]), st.integers()))  # fmt: skip
objectives = st.builds(Objective, ids, st.dictionaries(st.sampled_from(["en", "es", "pl"]), texts, min_size=1),
                       st.sampled_from(PERSPECTIVES), st.lists(ids, max_size=3), st.lists(refs, max_size=4))  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(objectives, max_size=5),
    st.dictionaries(st.sampled_from(["future", "x"]), st.integers()),
)
def test_map_round_trip(objs: list[Objective], other: dict) -> None:
    card = StrategyMap(objs, other=other)
    doc = card.to_dict()
    assert StrategyMap.from_dict(doc).to_dict() == doc


targets = st.builds(Target, st.floats(allow_nan=False, allow_infinity=False, width=32), st.none() | ids,
                    st.sampled_from([None, "2026-11", "2026-W45", "2026-Q4", "2026-01-01..2026-01-31"]))  # fmt: skip
plan_kpis = st.builds(PlanKpi, ids, st.lists(ids, max_size=3), st.lists(texts, max_size=3),
                      st.lists(targets, max_size=3), st.sampled_from(["social", "shared", "sales"]))  # fmt: skip
plan_objectives = st.builds(PlanObjective, ids, st.dictionaries(st.sampled_from(["en", "es"]), texts, min_size=1),
                            st.lists(plan_kpis, max_size=3))  # fmt: skip
cadences = st.builds(Cadence, st.sampled_from(["weekly", "monthly"]),
                     st.sampled_from(["monday", "friday", "sunday"]), st.integers(1, 28), st.integers(0, 23))  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(plan_objectives, max_size=4), cadences)
def test_plan_round_trip(objs: list[PlanObjective], cadence: Cadence) -> None:
    plan = Plan(objs, cadence)
    doc = plan.to_dict()
    assert Plan.from_dict(doc).to_dict() == doc


@given(st.lists(st.sampled_from(["good", "warning", "bad", "none"]), max_size=8))
def test_worst_is_the_most_severe(statuses: list[str]) -> None:
    result = worst(statuses)
    for severe in ("bad", "warning", "good"):
        if severe in statuses:
            assert result == severe
            break
    else:
        assert result == "none"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["en", "es", "pl"]))
def test_counts_are_consistent(text: str, lang: str) -> None:
    c = counts(text, lang)
    assert min(c.sentences, c.words, c.syllables, c.hard_words) >= 0
    assert c.hard_words <= c.words and (c.words == 0 or c.sentences >= 1)
