"""Control groups: social against other leads or customers (or a marked control group against
the rest) on one metric, with the difference, its 95 % confidence interval, a p-value and the
name of the test that gave them.

- Rates (lead conversion, retention, cross-sell): two-proportion z-test (statsmodels
  `proportions_ztest`) and a Wald interval of the difference (`confint_proportions_2indep`).
- Means of small counts (saves per customer): Welch's t-test and its interval
  (`scipy.stats.ttest_ind(equal_var=False)`).
- Revenue per customer (skewed): a seeded BCa bootstrap interval of the difference in means
  (`scipy.stats.bootstrap`) and a seeded permutation-test p-value.
- CAC is a ratio of totals (spend / new customers): no per-customer spread, so no test.

Groups are ordered so that the difference reads first − second: `social` − `other`, or
`test` − `control` (the control group is the one marked in `control_group`). A comparison with
fewer than MIN_N in a group comes back with `readable` False and a sentence saying why.

An optional date range (`start`, `end`, inclusive) keeps the leads created in it (lead metrics)
or the customers acquired in it (customer metrics; CAC also counts only the spend in it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

from kpi.analytics.journeys import MissingData, check_range, date_filter, has_values, require
from kpi.analytics.spend import ads_channel_sql
from kpi.errors import KpiError
from kpi.i18n import format_count, format_number, format_value, t

METRICS = (
    "lead_conversion_rate",
    "retention",
    "revenue_per_customer",
    "cac",
    "cross_sell_rate",
    "saves_per_customer",
)
SPLITS = ("social", "control_group")
SOCIAL_BASES = ("auto", "flag", "channel", "touch")
LABELS = {"social": ("social", "other"), "control_group": ("test", "control")}
MIN_N = 30
SEED = 20261201
RESAMPLES = 2000
MAX_CELLS = 4_000_000  # values per resampling batch (32 MB of floats)
BCA_MAX_N = 4000
_SOCIAL = "lower(coalesce(CAST({} AS VARCHAR), '')) LIKE '%social%'"


@dataclass(frozen=True)
class Group:
    """One side of a comparison: its name, size and value (plus metric-specific extras)."""

    group: str
    n: int
    value: float | None
    extra: dict[str, float] = field(default_factory=dict)

    def display(self, metric: str = "") -> str:
        """The value as a short text: a percentage for rates, two decimals otherwise."""
        return fmt(self.value, metric)


RATES = ("lead_conversion_rate", "retention", "cross_sell_rate")


def fmt(value: float | None, metric: str, signed: bool = False, lang: str | None = None) -> str:
    """A value of `metric` as text in `lang` (rates as percentages, differences of rates in
    points)."""
    if value is None:
        return "—"
    if metric in RATES and not signed:
        return format_value(value, "percent", lang)
    number = format_number(
        value * 100 if metric in RATES else value, 1 if metric in RATES else 2, lang
    )
    if signed and not number.startswith("-"):
        number = f"+{number}"
    return t("format.points", lang, value=number) if metric in RATES else number


@dataclass
class Comparison:
    """Two groups compared on one metric, the difference (first − second) and its test."""

    metric: str
    split: str
    groups: list[Group]
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    test: str
    readable: bool = True
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The command line's JSON document."""
        return {
            "metric": self.metric,
            "split": self.split,
            "groups": [
                {"group": g.group, "n": g.n, "value": g.value, **g.extra} for g in self.groups
            ],
            "difference": self.difference,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": self.p_value,
            "test": self.test,
            "readable": self.readable,
            "notes": self.notes,
        }

    def sentence(self) -> str:
        """A plain-language reading of the comparison."""
        a, b = self.groups
        m = self.metric
        head = t("groups.head", metric=m, a=a.group, a_value=a.display(m), a_n=format_count(a.n),
                 b=b.group, b_value=b.display(m), b_n=format_count(b.n))  # fmt: skip
        if self.difference is None:
            return head + "."
        text = t("groups.difference", head=head, difference=fmt(self.difference, m, signed=True))
        if self.ci_low is not None and self.ci_high is not None:
            text += t("groups.ci", low=fmt(self.ci_low, m, True), high=fmt(self.ci_high, m, True))
        if self.p_value is not None:
            verdict = t("groups.significant" if self.p_value < 0.05 else "groups.not_significant")
            shown = "< 0.001" if self.p_value < 0.001 else f"= {self.p_value:.3f}"
            text += t("groups.p_value", p=shown, test=test_name(self.test), verdict=verdict)
        return text + "."


# --- who is in which group ------------------------------------------------------------------------


def _touched_social(con: duckdb.DuckDBPyConnection, id_field: str) -> str:
    """SQL: does the row's id have a social touch? FALSE without touchpoints."""
    if not has_values(con, "touchpoints", id_field):
        return "FALSE"
    return (
        f"EXISTS (SELECT 1 FROM touchpoints tp WHERE tp.{id_field} = u.{id_field} "
        f"AND {_SOCIAL.format('tp.channel')})"
    )


def group_sql(
    con: duckdb.DuckDBPyConnection, unit: str, split: str, social_by: str = "auto"
) -> str:
    """SQL of a boolean that is TRUE for the first group (`social`, or `test`) of a unit row `u`.

    Social, by `social_by`: `flag` (customers.is_social), `channel` (a social source channel),
    `touch` (any social touch in touchpoints), or `auto`: the flag where filled, else the
    channel, else (an export without channels) the touches. Control group: the unit's
    `control_group` column (TRUE = control, the second group)."""
    if split not in SPLITS:
        raise KpiError(t("error.unknown_split", split=split, splits=", ".join(SPLITS)))
    if social_by not in SOCIAL_BASES:
        raise KpiError(
            t("error.unknown_social_basis", basis=social_by, bases=", ".join(SOCIAL_BASES))
        )
    id_field = "lead_id" if unit == "leads" else "customer_id"
    if split == "control_group":
        if not has_values(con, unit, "control_group"):
            raise MissingData(unit, ("control_group",))
        return "NOT CAST(u.control_group AS BOOLEAN)"
    flag = unit == "customers" and has_values(con, "customers", "is_social")
    if social_by == "flag" and not flag:
        raise MissingData("customers", ("is_social",))
    if social_by == "channel" and not has_values(con, unit, "channel"):
        raise MissingData(unit, ("channel",))
    if social_by == "touch" and not has_values(con, "touchpoints", id_field):
        raise MissingData("touchpoints", (id_field,))
    if social_by == "touch":
        return _touched_social(con, id_field)
    if social_by == "channel" or (social_by == "auto" and has_values(con, unit, "channel")):
        derived = _SOCIAL.format("u.channel")
    else:
        derived = _touched_social(con, id_field)
    if social_by == "flag" or (social_by == "auto" and flag):
        return f"coalesce(CAST(u.is_social AS BOOLEAN), {derived})"
    return derived


# --- per-unit values ----------------------------------------------------------------------------


def _as_of(con: duckdb.DuckDBPyConnection) -> str:
    parts = ["SELECT max(acquired_at) AS t FROM customers", "SELECT max(churned_at) FROM customers"]
    if has_values(con, "orders", "ordered_at"):
        parts.append("SELECT max(ordered_at) FROM orders")
    return f"(SELECT max(t) FROM ({' UNION ALL '.join(parts)}))"


def unit_values(
    con: duckdb.DuckDBPyConnection,
    metric: str,
    split: str,
    days: int = 90,
    social_by: str = "auto",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """One row per lead or customer: `first` (in the first group?) and `value` of the metric
    (0/1 for rates; for cross-sell also `extra_revenue`, the revenue of orders in categories
    other than the customer's first, and `repeat_revenue`, of every order after the first).
    With a range, the leads created (customers acquired) in it."""
    ranged = start is not None or end is not None
    if metric == "lead_conversion_rate":
        require(con, "leads", ("lead_id",) + (("created_at",) if ranged else ()))
        first = group_sql(con, "leads", split, social_by)
        sql = f"""SELECT {first} AS first, CAST(u.converted_at IS NOT NULL AS INT) AS value
                  FROM leads u WHERE u.lead_id IS NOT NULL
                  AND {date_filter("u.created_at", start, end)}"""
        return con.execute(sql).df()
    require(con, "customers", ("customer_id", "acquired_at"))
    first = group_sql(con, "customers", split, social_by)
    inside = date_filter("u.acquired_at", start, end)
    if metric == "retention":
        if has_values(con, "customers", "churned_at"):
            kept = (
                f"u.churned_at IS NULL OR u.churned_at > u.acquired_at + INTERVAL {int(days)} DAY"
            )
        elif has_values(con, "orders", "ordered_at"):
            kept = (
                "EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = u.customer_id AND "
                f"o.ordered_at >= u.acquired_at + INTERVAL {int(days)} DAY)"
            )
        else:
            raise MissingData("customers", ("churned_at",))
        sql = f"""SELECT {first} AS first, CAST({kept} AS INT) AS value FROM customers u
                  WHERE u.acquired_at + INTERVAL {int(days)} DAY <= {_as_of(con)} AND {inside}"""
        return con.execute(sql).df()
    if metric == "saves_per_customer":
        require(con, "customers", ("saved_count",))
        sql = f"""SELECT {first} AS first, CAST(coalesce(u.saved_count, 0) AS DOUBLE) AS value
                  FROM customers u WHERE {inside}"""
        return con.execute(sql).df()
    require(con, "orders", ("customer_id", "revenue"))
    if metric == "revenue_per_customer":
        sql = f"""SELECT {first} AS first, coalesce((SELECT sum(CAST(o.revenue AS DOUBLE))
                  FROM orders o WHERE o.customer_id = u.customer_id), 0.0) AS value
                  FROM customers u WHERE {inside}"""
        return con.execute(sql).df()
    if metric == "cross_sell_rate":
        require(con, "orders", ("category", "ordered_at"))
        sql = f"""
            WITH o AS (
                SELECT customer_id, category, CAST(revenue AS DOUBLE) AS revenue,
                       first_value(category) OVER w AS first_category,
                       row_number() OVER w AS nth
                FROM orders WHERE customer_id IS NOT NULL AND category IS NOT NULL
                WINDOW w AS (PARTITION BY customer_id ORDER BY ordered_at, order_id)
            ), per AS (
                SELECT customer_id, count(DISTINCT category) AS categories,
                       coalesce(sum(revenue) FILTER (WHERE category <> first_category), 0.0)
                           AS extra_revenue,
                       coalesce(sum(revenue) FILTER (WHERE nth > 1), 0.0) AS repeat_revenue
                FROM o GROUP BY customer_id
            )
            SELECT {first} AS first, CAST(per.categories >= 2 AS INT) AS value, per.extra_revenue,
                   per.repeat_revenue
            FROM customers u JOIN per USING (customer_id) WHERE {inside}"""
        return con.execute(sql).df()
    raise KpiError(t("error.unknown_metric", metric=metric, metrics=", ".join(METRICS)))


# --- the comparison ----------------------------------------------------------------------------


def _rate_test(a: np.ndarray, b: np.ndarray) -> tuple[float | None, float | None, float | None]:
    c1, n1, c2, n2 = int(a.sum()), len(a), int(b.sum()), len(b)
    if not (n1 and n2):
        return None, None, None
    low, high = confint_proportions_2indep(c1, n1, c2, n2, method="wald", compare="diff")
    if c1 + c2 in (0, n1 + n2):  # both groups all 0 or all 1: no spread to test
        return None, float(low), float(high)
    _, p = proportions_ztest([c1, c2], [n1, n2])
    return float(p), float(low), float(high)


def _welch(a: np.ndarray, b: np.ndarray) -> tuple[float | None, float | None, float | None]:
    if len(a) < 2 or len(b) < 2 or (a.var() == 0 and b.var() == 0):
        return None, None, None
    res = stats.ttest_ind(a, b, equal_var=False)
    ci = res.confidence_interval(0.95)
    return float(res.pvalue), float(ci.low), float(ci.high)


def _mean_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def _bootstrap(a: np.ndarray, b: np.ndarray) -> tuple[float | None, float | None, float | None]:
    if len(a) < 2 or len(b) < 2:
        return None, None, None
    n = len(a) + len(b)
    batch = max(1, min(RESAMPLES, MAX_CELLS // n))  # resamples held in memory at once
    # BCa's jackknife holds n × n values: above BCA_MAX_N the percentile interval is used.
    method = "BCa" if n <= BCA_MAX_N else "percentile"
    boot = stats.bootstrap(
        (a, b), _mean_difference, n_resamples=RESAMPLES, vectorized=True, method=method,
        batch=batch, rng=np.random.default_rng(SEED),
    )  # fmt: skip
    perm = stats.permutation_test(
        (a, b), _mean_difference, n_resamples=RESAMPLES, vectorized=True, batch=batch,
        rng=np.random.default_rng(SEED),
    )  # fmt: skip
    low, high = boot.confidence_interval
    low = None if np.isnan(low) else float(low)
    high = None if np.isnan(high) else float(high)
    return float(perm.pvalue), low, high


# A test's English name is its identifier (the CLI's JSON `test`); people read it through
# `test_name`, in their language.
_TEST_KEYS = {
    "two-proportion z-test": "test.z_two_proportions",
    "Welch's t-test": "test.welch",
    "none (a ratio of totals has no per-customer spread)": "test.none_ratio",
}
_BOOTSTRAP = "bootstrap "


def test_name(test: str, lang: str | None = None) -> str:
    """A comparison's test (its English name, `Comparison.test`) as `lang` names it."""
    if test in _TEST_KEYS:
        return t(_TEST_KEYS[test], lang)
    if test.startswith(_BOOTSTRAP):
        method = "test.method_bca" if "BCa" in test else "test.method_percentile"
        return t("test.bootstrap", lang, method=t(method, lang), n=format_count(RESAMPLES, lang))
    return test


TESTS = {
    "lead_conversion_rate": ("two-proportion z-test", _rate_test),
    "retention": ("two-proportion z-test", _rate_test),
    "cross_sell_rate": ("two-proportion z-test", _rate_test),
    "saves_per_customer": ("Welch's t-test", _welch),
    "revenue_per_customer": (
        f"bootstrap BCa interval and permutation test ({RESAMPLES:,} resamples, seeded)",
        _bootstrap,
    ),
}


def compare(
    con: duckdb.DuckDBPyConnection,
    metric: str,
    split: str = "social",
    days: int = 90,
    min_n: int = MIN_N,
    social_by: str = "auto",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Comparison:
    """Compare the two groups of `split` on `metric` (see the module's docstring); `social_by`
    chooses how a lead or customer counts as social (see `group_sql`); `start`/`end` keep the
    leads created or customers acquired in that range (inclusive)."""
    check_range(start, end)
    if metric not in METRICS:
        raise KpiError(t("error.unknown_metric", metric=metric, metrics=", ".join(METRICS)))
    if split not in SPLITS:
        raise KpiError(t("error.unknown_split", split=split, splits=", ".join(SPLITS)))
    if days < 1:
        raise KpiError(t("error.retention_days"))
    if metric == "cac":
        return _cac(con, split, min_n, social_by, start, end)
    frame = unit_values(con, metric, split, days, social_by, start, end)
    names = LABELS[split]
    parts = [frame[frame["first"].fillna(False).astype(bool) == side] for side in (True, False)]
    values = [p["value"].to_numpy(dtype=float) for p in parts]
    groups = []
    for name, part, v in zip(names, parts, values, strict=True):
        extra = {}
        if metric == "cross_sell_rate":
            cross, repeat = float(part["extra_revenue"].sum()), float(part["repeat_revenue"].sum())
            extra = {
                "additional_revenue": cross,
                "additional_revenue_per_customer": cross / len(v) if len(v) else None,
                "repeat_revenue": repeat,
            }

        groups.append(Group(name, len(v), float(v.mean()) if len(v) else None, extra))
    test, run = TESTS[metric]
    p, low, high = run(*values)
    if metric == "revenue_per_customer" and sum(map(len, values)) > BCA_MAX_N:
        test = test.replace("BCa", "percentile")
    difference = (
        groups[0].value - groups[1].value
        if groups[0].value is not None and groups[1].value is not None
        else None
    )
    result = Comparison(metric, split, groups, difference, low, high, p, test)
    if metric == "retention":
        result.notes.append(t("groups.retention_note", days=days))
    small = [g for g in groups if g.n < min_n]
    if small:
        result.readable = False
        result.notes.append(
            t("groups.too_few", groups=", ".join(t("groups.has", group=g.group, n=g.n) for g in small),
              min_n=min_n)
        )  # fmt: skip
    return result


def _cac(
    con: duckdb.DuckDBPyConnection,
    split: str,
    min_n: int,
    social_by: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Comparison:
    """Spend per new customer: social ad spend over new social customers, other spend over the
    other new customers, both within the days the ads export covers (and the range, if any)."""
    names = LABELS[split]
    test = "none (a ratio of totals has no per-customer spread)"
    if split != "social":
        return Comparison(
            "cac", split, [Group(n, 0, None) for n in names], None, None, None, None, test,
            readable=False,
            notes=["Ad spend cannot be split into a control group: compare CAC with --split social."],
        )  # fmt: skip
    require(con, "customers", ("customer_id", "acquired_at"))
    try:
        require(con, "ads", ("date", "spend"))
    except MissingData as exc:
        return Comparison(
            "cac", split, [Group(n, 0, None) for n in names], None, None, None, None, test,
            readable=False, notes=[f"No ad spend to divide: {exc.user_message}"],
        )  # fmt: skip
    first = group_sql(con, "customers", "social", social_by)
    social_ad = f"{ads_channel_sql()} = 'social'"
    spend = con.execute(
        f"""SELECT min(date), max(date),
                   coalesce(sum(spend) FILTER (WHERE {social_ad}), 0),
                   coalesce(sum(spend) FILTER (WHERE NOT ({social_ad})), 0)
            FROM ads WHERE spend IS NOT NULL AND {date_filter("date", start, end)}"""
    ).fetchall()[0]
    start, end, social_spend, other_spend = spend
    if start is None:
        return Comparison(
            "cac", split, [Group(n, 0, None) for n in names], None, None, None, None, test,
            readable=False, notes=["No ad spend in the chosen dates."],
        )  # fmt: skip
    counts = con.execute(
        f"""SELECT count(*) FILTER (WHERE {first}), count(*) FILTER (WHERE NOT ({first}))
            FROM customers u WHERE CAST(u.acquired_at AS DATE) BETWEEN ? AND ?""",
        [start, end],
    ).fetchall()[0]
    groups = [
        Group(name, int(n), float(s) / n if n else None, {"spend": float(s)})
        for name, n, s in zip(names, counts, (social_spend, other_spend), strict=True)
    ]
    difference = (
        groups[0].value - groups[1].value
        if None not in (groups[0].value, groups[1].value)
        else None
    )
    result = Comparison("cac", split, groups, difference, None, None, None, test)
    result.notes.append(t("groups.cac_note", start=start, end=end))
    if any(g.n < min_n for g in groups):
        result.readable = False
        result.notes.append(t("groups.too_few_customers", min_n=min_n))
    return result
