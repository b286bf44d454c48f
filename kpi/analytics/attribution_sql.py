"""Attribution in SQL: the same credits as `attribution.attribute`, computed with window functions
over the journey steps in the database, so millions of touches never become Python objects.

Rule-based weights and the Shapley split are one grouped query; the Markov chain's transition
counts are another (a `lag` over each journey's steps), and only the small matrix of states
reaches numpy. `attribution.attribute` on `Journey` lists is the reference these are tested
against.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from kpi.analytics.journeys import FIRST_STEP, LAST_STEP, with_steps
from kpi.errors import KpiError
from kpi.i18n import t

START, CONVERSION, NULL = "(start)", "(conversion)", "(null)"


def _weight(model: str, half_life: float) -> str:
    """SQL: the share of its journey's conversion one step gets under a rule-based model."""
    if model == "first":
        return f"CASE WHEN {FIRST_STEP} THEN 1.0 ELSE 0.0 END"
    if model == "last":
        return f"CASE WHEN {LAST_STEP} THEN 1.0 ELSE 0.0 END"
    if model == "linear":
        return "1.0 / steps"
    if model == "position":
        return (
            "CASE WHEN steps = 1 THEN 1.0 WHEN steps = 2 THEN 0.5 "
            f"WHEN {FIRST_STEP} OR {LAST_STEP} THEN 0.4 ELSE 0.2 / (steps - 2) END"
        )
    if model == "time_decay":
        if not half_life > 0:
            raise KpiError(t("error.half_life"))
        decay = f"pow(2.0, -days_before / {float(half_life)!r})"
        return f"{decay} / sum({decay}) OVER (PARTITION BY journey_id)"
    raise KpiError(t("error.not_rule_based", model=model))


def credits_sql(
    con: duckdb.DuckDBPyConnection,
    model: str,
    by: str = "channel",
    unit: str = "leads",
    half_life: float = 7.0,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[str, tuple[float, float]]:
    """(conversions, revenue) per key under a rule-based model or `shapley`; every key of any
    journey (selected by the range, see `journeys.steps_sql`) appears, with zero when it earned
    nothing."""
    if model == "shapley":
        weighted = """
            SELECT key, revenue, 1.0 / count(*) OVER (PARTITION BY journey_id) AS w
            FROM (SELECT DISTINCT journey_id, key, revenue FROM s WHERE converted)"""
    else:
        weighted = f"SELECT key, revenue, {_weight(model, half_life)} AS w FROM s WHERE converted"
    credited = "SELECT key, sum(w) AS conversions, sum(w * revenue) AS revenue FROM w GROUP BY key"
    sql = f"""{with_steps(con, by, unit, start, end, w=weighted, credited=credited)}
        SELECT k.key, coalesce(c.conversions, 0.0), coalesce(c.revenue, 0.0)
        FROM (SELECT DISTINCT key FROM s) k LEFT JOIN credited c USING (key)
    """
    return {key: (float(c), float(r)) for key, c, r in con.execute(sql).fetchall()}


def transition_counts_sql(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """How often each state follows another (start → first step → … → conversion or null),
    over every journey: columns from_state, to_state, n."""
    sql = f"""{with_steps(con, by, unit, start, end)}
        SELECT from_state, to_state, count(*) AS n FROM (
            SELECT coalesce(lag(key) OVER (PARTITION BY journey_id ORDER BY step), '{START}')
                       AS from_state, key AS to_state
            FROM s
            UNION ALL
            SELECT key, CASE WHEN converted THEN '{CONVERSION}' ELSE '{NULL}' END
            FROM s WHERE {LAST_STEP}
        ) GROUP BY ALL
    """
    return con.execute(sql).df()


def matrix_from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Transition probabilities (rows: start and keys; columns: keys, conversion, null)."""
    states = {START, CONVERSION, NULL}
    keys = sorted((set(counts["from_state"]) | set(counts["to_state"])) - states)
    frame = pd.DataFrame(0.0, index=[START, *keys], columns=[*keys, CONVERSION, NULL])
    totals = counts.groupby("from_state")["n"].sum()
    for a, b, n in counts[["from_state", "to_state", "n"]].itertuples(index=False):
        frame.loc[a, b] = n / totals[a]
    return frame


def totals_sql(
    con: duckdb.DuckDBPyConnection,
    by: str = "channel",
    unit: str = "leads",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[int, float]:
    """Converted journeys (converting in the range, when one is given) and their revenue."""
    sql = f"""{with_steps(con, by, unit, start, end, converted_only=True)}
              SELECT count(*), coalesce(sum(revenue), 0.0) FROM s WHERE {FIRST_STEP}"""
    n, revenue = con.execute(sql).fetchall()[0]
    return int(n), float(revenue)
