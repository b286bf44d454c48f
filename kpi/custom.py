"""KPIs the person makes: "average A per B" from two pickers, and formulas they type.

A typed formula (`sum(shares) / nullif(sum(impressions), 0)`) is parsed with a real SQL parser
and accepted only when it is arithmetic over aggregates of known columns, using functions from
a short allow-list; anything else is refused with a message that points at the offending part.
This is validation for people, not a security boundary: the formula still runs on the session's
locked-down connection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from kpi.errors import KpiError
from kpi.i18n import t
from kpi.model import Kpi, Scorecard
from kpi.schema import DATASETS, TIME_FIELDS

MAX_FORMULA_CHARS = 500
MAX_DEPTH = 40
AGGREGATES = {"sum", "count", "avg", "min", "max", "median"}
SCALARS = {"nullif", "coalesce", "abs", "round", "greatest", "least"}
_ID = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


def _function_name(node: exp.Expression) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower()
    return (node.sql_name() if hasattr(node, "sql_name") else type(node).__name__).lower()


_ALLOWED_NODES = (
    exp.Column, exp.Identifier, exp.Literal, exp.Paren, exp.Add, exp.Sub, exp.Mul, exp.Div,
    exp.Neg, exp.Star, exp.Distinct, exp.Null,
)  # fmt: skip
_AGG_TYPES = (exp.Sum, exp.Count, exp.Avg, exp.Min, exp.Max, exp.Median)
_SCALAR_TYPES = (exp.Nullif, exp.Coalesce, exp.Abs, exp.Round, exp.Greatest, exp.Least)


def _depth(node: exp.Expression) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in current.iter_expressions())
    return deepest


def validate_formula(formula: str, columns: Iterable[str]) -> exp.Expression:
    """Parse and check a person's formula; return its tree or raise KpiError saying what is wrong."""
    text = formula.strip()
    if not text:
        raise KpiError(t("error.formula_empty"))
    if len(text) > MAX_FORMULA_CHARS:
        raise KpiError(t("error.formula_long", chars=MAX_FORMULA_CHARS))
    if ";" in text:
        raise KpiError(t("error.formula_semicolon"))
    if text.count("(") > MAX_DEPTH * 2:
        raise KpiError(t("error.formula_deep", levels=MAX_DEPTH))
    try:
        tree = sqlglot.parse_one(text, dialect="duckdb")
    except (ParseError, RecursionError) as exc:
        raise KpiError(
            t("error.formula_unreadable", detail=str(exc).splitlines()[0][:200])
        ) from None
    if _depth(tree) > MAX_DEPTH:
        raise KpiError(t("error.formula_deep", levels=MAX_DEPTH))
    known = set(columns)
    aggregates = 0
    for node in tree.walk():
        if isinstance(node, exp.Select | exp.Subquery | exp.Query):
            raise KpiError(t("error.formula_subquery", sql=node.sql()[:60]))
        if isinstance(node, _AGG_TYPES):
            aggregates += 1
            continue
        if isinstance(node, (*_SCALAR_TYPES, *_ALLOWED_NODES)):
            if isinstance(node, exp.Column):
                if node.table:
                    raise KpiError(t("error.formula_table", sql=node.sql()))
                if node.name not in known:
                    raise KpiError(
                        t("error.formula_column", name=node.name, known=", ".join(sorted(known)))
                    )
                if not any(isinstance(a, _AGG_TYPES) for a in _ancestors(node)):
                    raise KpiError(t("error.formula_bare_column", name=node.name))
            continue
        if isinstance(node, exp.Func):
            raise KpiError(
                t("error.formula_function", name=_function_name(node),
                  aggregates=", ".join(sorted(AGGREGATES)), scalars=", ".join(sorted(SCALARS)))
            )  # fmt: skip
        raise KpiError(t("error.formula_node", sql=node.sql()[:60]))
    if aggregates == 0:
        raise KpiError(t("error.formula_no_aggregate"))
    return tree


def _ancestors(node: exp.Expression) -> Iterable[exp.Expression]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def custom_kpi(id: str, label: str, dataset: str, formula: str, columns: Iterable[str] | None = None,
               format: str = "decimal", direction: str = "higher") -> Kpi:  # fmt: skip
    """A KPI from a person's formula over a dataset's columns (canonical fields by default)."""
    if not _ID.match(id):
        raise KpiError(t("error.kpi_id"))
    if dataset not in DATASETS:
        raise KpiError(t("error.unknown_dataset", dataset=dataset, datasets=", ".join(DATASETS)))
    tree = validate_formula(
        formula, columns if columns is not None else DATASETS[dataset].field_names
    )
    return Kpi(
        id=id,
        family="average",
        dataset=dataset,
        numerator=tree.sql(dialect="duckdb"),
        labels={"en": label, "es": label, "pl": label},
        descriptions={
            "en": f"Your formula: {formula}",
            "es": f"Tu fórmula: {formula}",
            "pl": f"Twoja formuła: {formula}",
        },
        format=format,
        direction=direction,
        scorecard=Scorecard("learning", "Your own measures", "leading"),
    )


# Entities an additive measure can be averaged over, as denominators (None: not in the dataset).
def _entity_denominator(dataset: str, entity: str) -> tuple[str, float] | None:
    fields = set(DATASETS[dataset].field_names)
    time = TIME_FIELDS[dataset]
    per_row = {
        "posts": "post",
        "ads": "ad row",
        "leads": "lead",
        "orders": "order",
        "customers": "customer",
    }
    if entity == per_row.get(dataset) or entity == "row":
        return "count(*)", 1.0
    if entity == "day":
        return f"count(DISTINCT CAST({time} AS DATE))", 1.0
    if entity == "week":
        return f"count(DISTINCT date_trunc('week', {time}))", 1.0
    if entity in ("campaign", "platform", "channel", "source", "query", "customer_id"):
        return (f"count(DISTINCT {entity})", 1.0) if entity in fields else None
    return None


def average_per(dataset: str, measure: str, entity: str) -> Kpi:
    """ "Average A per B": an additive measure of a dataset per post, day, week, campaign, platform…"""
    if dataset not in DATASETS or measure not in DATASETS[dataset].field_names:
        raise KpiError(t("error.not_a_field", measure=measure, dataset=dataset))
    denominator = _entity_denominator(dataset, entity)
    if denominator is None:
        raise KpiError(
            t(
                "error.not_countable",
                dataset=t(f"explore.dataset.{dataset}"),
                entity=t(f"explore.entity.{entity}"),
            )
        )
    label = f"{measure.replace('_', ' ').capitalize()} per {entity}"
    return Kpi(
        id=f"{measure}_per_{entity.replace(' ', '_')}",
        family="average",
        dataset=dataset,
        numerator=f"sum({measure})",
        denominator=denominator[0],
        kind="ratio",
        labels={"en": label, "es": label, "pl": label},
        descriptions={
            "en": f"Average {measure} per {entity}.",
            "es": f"Media de {measure} por {entity}.",
            "pl": f"Średnio {measure} na {entity}.",
        },
        format="decimal",
        scorecard=Scorecard("learning", "Your own measures", "leading"),
    )


ENTITIES = ("post", "row", "day", "week", "campaign", "platform", "channel", "source", "query")
