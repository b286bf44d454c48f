"""Attribution of conversions and revenue to the channels, platforms or campaigns of lead journeys.

Rule-based models split each converted journey's one conversion and its revenue over its steps:
`first` and `last` give it all to one step, `linear` evenly, `position` 40 % / 20 % spread over
the middle / 40 % (two steps 50 / 50, one step 100 %), `time_decay` in proportion to
2^(-days before conversion / half-life). Data-driven models look at every journey:

- `markov`: a first-order absorbing Markov chain start → keys → conversion / null, estimated from
  every journey's transitions (non-converting journeys end in null). A key's removal effect is
  1 − P(conversion with the key removed) / P(conversion); credits are proportional to removal
  effects and split the total conversions and revenue.
- `shapley`: the Shapley value of the game v(S) = conversions (revenue) of converted journeys
  whose set of keys is inside S. Such a game is a sum of unanimity games, one per journey, so the
  exact Shapley value gives each journey's value in equal parts to its distinct keys; this is
  computed directly for any number of keys. `shapley_by_subsets` enumerates coalitions (at most
  MAX_SHAPLEY_KEYS keys) and exists to check that identity.

Under every model the credits add up to the real totals of converted journeys. With a date
range, the journeys are those converting in it (see `journeys.steps_sql`), touches from before
the range included, and the totals are theirs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from math import factorial

import duckdb
import numpy as np
import pandas as pd

from kpi.analytics.attribution_sql import (
    CONVERSION,
    NULL,
    START,
    credits_sql,
    matrix_from_counts,
    totals_sql,
    transition_counts_sql,
)
from kpi.analytics.journeys import Journey, require_journeys
from kpi.errors import KpiError
from kpi.i18n import t

MODELS = ("first", "last", "linear", "position", "time_decay", "markov", "shapley")
HALF_LIFE_DAYS = 7.0
MAX_SHAPLEY_KEYS = 15


@dataclass
class Attribution:
    """Credits per key under one model, the totals they add up to, and the model's workings."""

    model: str
    by: str
    rows: pd.DataFrame  # columns: <by>, conversions, revenue (largest revenue first)
    total_conversions: int
    total_revenue: float
    removal_effects: dict[str, float] | None = None  # markov only
    transitions: pd.DataFrame | None = None  # markov only: from-state rows, to-state columns
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The command line's JSON document."""
        doc: dict[str, object] = {
            "model": self.model,
            "by": self.by,
            "rows": [
                {self.by: r[self.by], "conversions": r["conversions"], "revenue": r["revenue"]}
                for r in self.rows.to_dict("records")
            ],
            "total_revenue": self.total_revenue,
            "total_conversions": self.total_conversions,
        }
        if self.removal_effects is not None:
            doc["removal_effects"] = self.removal_effects
        if self.transitions is not None:
            doc["transitions"] = {
                state: {to: p for to, p in row.items() if p}
                for state, row in self.transitions.to_dict("index").items()
            }
        if self.notes:
            doc["notes"] = self.notes
        return doc


# --- weights of one journey's steps -------------------------------------------------------------


def _first(j: Journey, _: float) -> list[float]:
    return [1.0] + [0.0] * (len(j.steps) - 1)


def _last(j: Journey, _: float) -> list[float]:
    return [0.0] * (len(j.steps) - 1) + [1.0]


def _linear(j: Journey, _: float) -> list[float]:
    return [1.0 / len(j.steps)] * len(j.steps)


def _position(j: Journey, _: float) -> list[float]:
    n = len(j.steps)
    if n == 1:
        return [1.0]
    if n == 2:
        return [0.5, 0.5]
    return [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]


def _time_decay(j: Journey, half_life: float) -> list[float]:
    raw = [2.0 ** (-d / half_life) for d in j.days_before]
    total = sum(raw)
    return [w / total for w in raw]


WEIGHTS: dict[str, Callable[[Journey, float], list[float]]] = {
    "first": _first,
    "last": _last,
    "linear": _linear,
    "position": _position,
    "time_decay": _time_decay,
}


def rule_credits(
    paths: Sequence[Journey], model: str, half_life: float = HALF_LIFE_DAYS
) -> dict[str, tuple[float, float]]:
    """(conversions, revenue) credited to each key under a rule-based model."""
    if half_life <= 0:
        raise KpiError(t("error.half_life"))
    weigh = WEIGHTS[model]
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for j in paths:
        for key in j.steps:
            out[key]  # every key that appears gets a row, even with no credit
        if not j.converted:
            continue
        for key, w in zip(j.steps, weigh(j, half_life), strict=True):
            out[key][0] += w
            out[key][1] += w * j.revenue
    return {k: (v[0], v[1]) for k, v in out.items()}


# --- Markov --------------------------------------------------------------------------------------


def transition_matrix(paths: Sequence[Journey]) -> pd.DataFrame:
    """Transition probabilities of the chain start → keys → conversion / null, estimated from
    every journey (rows: start and keys; columns: keys, conversion, null; rows sum to 1)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for j in paths:
        for a, b in pairwise([START, *j.steps, CONVERSION if j.converted else NULL]):
            counts[(a, b)] += 1
    frame = pd.DataFrame(
        [(a, b, n) for (a, b), n in counts.items()], columns=["from_state", "to_state", "n"]
    )
    return matrix_from_counts(frame)


def conversion_probability(matrix: pd.DataFrame, removed: str | None = None) -> float:
    """P(reaching conversion from start); with `removed`, every step into that key goes to null."""
    states = list(matrix.index)  # start and keys: the transient states
    q = matrix[states[1:]].to_numpy(copy=True)  # transient → key
    r = matrix[CONVERSION].to_numpy(copy=True)
    q = np.hstack([np.zeros((len(states), 1)), q])  # nothing returns to start
    if removed is not None:
        i = states.index(removed)
        q[:, i] = 0.0  # flows into the removed key are lost (they end in null)
        q[i, :] = 0.0
        r[i] = 0.0
    absorbed = np.linalg.solve(np.eye(len(states)) - q, r)
    return float(absorbed[0])


def removal_effects(matrix: pd.DataFrame) -> dict[str, float]:
    """Each key's removal effect: 1 − P(conversion without it) / P(conversion); 0 when nothing converts."""
    base = conversion_probability(matrix)
    keys = list(matrix.index[1:])
    if base <= 0:
        return dict.fromkeys(keys, 0.0)
    return {k: max(0.0, 1.0 - conversion_probability(matrix, k) / base) for k in keys}


# --- Shapley -------------------------------------------------------------------------------------


def shapley_credits(paths: Sequence[Journey]) -> dict[str, tuple[float, float]]:
    """Exact Shapley values of v(S) = conversions (revenue) of converted journeys whose keys all
    lie in S: each journey's value split evenly over its distinct keys."""
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for j in paths:
        distinct = sorted(set(j.steps))
        for key in distinct:
            out[key]
        if j.converted:
            for key in distinct:
                out[key][0] += 1.0 / len(distinct)
                out[key][1] += j.revenue / len(distinct)
    return {k: (v[0], v[1]) for k, v in out.items()}


def shapley_by_subsets(
    paths: Sequence[Journey], max_keys: int = MAX_SHAPLEY_KEYS
) -> dict[str, tuple[float, float]]:
    """The same Shapley values by enumerating every coalition (2^n of them): refused beyond
    `max_keys` keys. Kept to check `shapley_credits` against the definition."""
    keys = sorted({k for j in paths for k in j.steps})
    n = len(keys)
    if n > max_keys:
        raise KpiError(t("error.too_many_keys", n=n, most=max_keys))
    sets = [(frozenset(j.steps), j.revenue) for j in paths if j.converted]

    def value(coalition: frozenset[str]) -> tuple[float, float]:
        inside = [rev for s, rev in sets if s <= coalition]
        return float(len(inside)), float(sum(inside))

    out: dict[str, tuple[float, float]] = {}
    for key in keys:
        others = [k for k in keys if k != key]
        conv = rev = 0.0
        for size in range(n):
            weight = factorial(size) * factorial(n - size - 1) / factorial(n)
            for combo in combinations(others, size):
                s = frozenset(combo)
                with_c, with_r = value(s | {key})
                without_c, without_r = value(s)
                conv += weight * (with_c - without_c)
                rev += weight * (with_r - without_r)
        out[key] = (conv, rev)
    return out


# --- entry points --------------------------------------------------------------------------------


def _markov_credits(
    matrix: pd.DataFrame, conversions: int, revenue: float
) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    effects = removal_effects(matrix)
    total = sum(effects.values())
    credits = {
        k: (e / total * conversions, e / total * revenue) if total else (0.0, 0.0)
        for k, e in effects.items()
    }
    return effects, credits


def _result(
    model: str,
    by: str,
    credits: dict[str, tuple[float, float]],
    totals: tuple[int, float],
    effects: dict[str, float] | None = None,
    matrix: pd.DataFrame | None = None,
) -> Attribution:
    rows = pd.DataFrame(
        [(k, c, r) for k, (c, r) in credits.items()], columns=[by, "conversions", "revenue"]
    )
    rows = rows.sort_values(["revenue", "conversions", by], ascending=[False, False, True])
    notes = []
    if model == "shapley":
        notes.append(t("attribution.shapley_note", n=len(credits), by=by))
    return Attribution(
        model, by, rows.reset_index(drop=True), totals[0], totals[1], effects, matrix, notes
    )


def _check(model: str) -> None:
    if model not in MODELS:
        raise KpiError(t("error.unknown_model", model=model, models=", ".join(MODELS)))


def attribute(
    paths: Sequence[Journey],
    model: str,
    by: str = "channel",
    half_life: float = HALF_LIFE_DAYS,
) -> Attribution:
    """Credits of conversions and revenue under `model` for journeys already built (the
    reference implementation, in Python; `attribution` computes the same in SQL)."""
    _check(model)
    converted = [j for j in paths if j.converted]
    totals = (len(converted), float(sum(j.revenue for j in converted)))
    if model == "markov":
        matrix = transition_matrix(paths)
        effects, credits = _markov_credits(matrix, *totals)
        return _result(model, by, credits, totals, effects, matrix)
    if model == "shapley":
        return _result(model, by, shapley_credits(paths), totals)
    return _result(model, by, rule_credits(paths, model, half_life), totals)


def attribution(
    con: duckdb.DuckDBPyConnection,
    model: str,
    by: str = "channel",
    half_life: float = HALF_LIFE_DAYS,
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Attribution:
    """Credits under `model` for every journey on the session's `touchpoints` and `leads` (or
    `customers`, with unit="customers"), computed in the database; with `start`/`end`
    (inclusive), the journeys converting in that range."""
    _check(model)
    if half_life <= 0:
        raise KpiError(t("error.half_life"))
    require_journeys(con, unit)
    totals = totals_sql(con, by, unit, start, end)
    if model == "markov":
        matrix = matrix_from_counts(transition_counts_sql(con, by, unit, start, end))
        effects, credits = _markov_credits(matrix, *totals)
        return _result(model, by, credits, totals, effects, matrix)
    credits = credits_sql(con, model, by, unit, half_life, start, end)
    return _result(model, by, credits, totals)


def compare_models(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    half_life: float = HALF_LIFE_DAYS,
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Conversions and revenue per key under every model side by side (long format: model, key,
    conversions, revenue); a range selects journeys as in `attribution`."""
    frames = []
    for model in MODELS:
        result = attribution(con, model, by, half_life, unit, start=start, end=end)
        rows = result.rows.rename(columns={by: "key"})
        rows.insert(0, "model", model)
        frames.append(rows)
    return pd.concat(frames, ignore_index=True)
