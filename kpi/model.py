"""The KPI model: what a KPI is, declared as data (the declarations are in `kpi.kpis`,
the assembled catalog in `kpi.catalog`).

A KPI is one of four kinds (like MetricFlow's metric types):
- `simple`: one SQL aggregate over a dataset's canonical fields (`sum(impressions)`);
- `ratio`: numerator and denominator aggregates; the engine divides their sums per period and
  breakdown, so a ratio is never an average of ratios;
- `stock`: a level such as followers: the aggregate over the rows of the period's last day
  (or, with `level="first"`, its first day);
- `derived`: arithmetic over other KPIs' values per period (`spend / new_customers`), for
  KPIs that span datasets (CAC, LTV : CAC).
Labels and descriptions are in English, Spanish and Polish. Required fields are read from the
expressions, so they cannot drift from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp

from kpi.i18n.messages import current_language
from kpi.schema import TIME_FIELDS

FAMILIES = (
    "engagement",
    "internal",
    "popularity",
    "demographic",
    "inbound_traffic",
    "conversions",
    "paid",
    "traffic",
    "average",
    "leads",
)
FORMATS = ("count", "percent", "currency", "ratio", "duration", "decimal")
PERSPECTIVES = ("financial", "customer", "internal", "learning")


@dataclass(frozen=True)
class Scorecard:
    """Where a KPI sits on the strategy map: perspective, objective, and leading or lagging."""

    perspective: str
    objective: str
    kind: str = "lagging"


@dataclass(frozen=True)
class Source:
    """Another dataset that can supply a KPI, with its expressions there: `leads` are the CRM's
    leads, or else the leads an ads report counts. The KPI's own dataset is preferred."""

    dataset: str
    numerator: str
    denominator: str | None = None
    filter: str | None = None


@dataclass(frozen=True)
class Kpi:
    """One KPI, declared as data (see the module docstring for the kinds)."""

    id: str
    family: str
    dataset: str | None
    numerator: str
    denominator: str | None = None
    kind: str = "simple"
    labels: Mapping[str, str] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)
    format: str = "count"
    direction: str = "higher"  # higher or lower is better
    scorecard: Scorecard = Scorecard("customer", "Grow the audience")
    filter: str | None = None  # SQL condition on the dataset's rows (e.g. social sessions only)
    scale: float = 1.0  # multiplies the value (e.g. 1 000 for "per 1 000 followers")
    level: str = "last"  # for a stock: the level on the period's "last" or "first" day
    per: tuple[str, ...] = ()  # fields it only makes sense broken down by (audience dimension)
    sources: tuple[Source, ...] = ()  # other datasets that can supply it, in order of preference

    @property
    def label(self) -> str:
        """The label in the current language (`kpi.i18n.use_language`), else English."""
        return self.labels.get(current_language()) or self.labels["en"]

    @property
    def description(self) -> str:
        """The one-line description in the current language, else English."""
        return self.descriptions.get(current_language()) or self.descriptions["en"]

    @property
    def time_field(self) -> str | None:
        """The field that places the KPI's rows in time."""
        return TIME_FIELDS.get(self.dataset or "")

    @property
    def stock(self) -> bool:
        """A level (followers) rather than a flow."""
        return self.kind == "stock"

    @property
    def requires(self) -> tuple[str, ...]:
        """The canonical fields (or, for a derived KPI, the KPI ids) its expressions use."""
        names: list[str] = []
        for sql in (self.numerator, self.denominator, self.filter):
            if sql:
                for column in sqlglot.parse_one(sql, dialect="duckdb").find_all(exp.Column):
                    if column.name not in names:
                        names.append(column.name)
        return tuple(names)

    @property
    def uses(self) -> tuple[str, ...]:
        """For a derived KPI, the KPIs it is computed from."""
        return self.requires if self.kind == "derived" else ()


def kpi(
    id: str,
    family: str,
    dataset: str | None,
    numerator: str,
    denominator: str | None = None,
    *,
    en: tuple[str, str],
    es: tuple[str, str],
    pl: tuple[str, str],
    card: tuple[str, str, str],
    kind: str | None = None,
    format: str = "count",
    direction: str = "higher",
    filter: str | None = None,
    scale: float = 1.0,
    level: str = "last",
    per: tuple[str, ...] = (),
    sources: tuple[Source, ...] = (),
) -> Kpi:
    """Declare a KPI compactly: (label, description) per language and (perspective, objective,
    leading/lagging) for the scorecard; the kind defaults to ratio when there is a denominator."""
    return Kpi(
        id=id,
        family=family,
        dataset=dataset,
        numerator=numerator,
        denominator=denominator,
        kind=kind or ("ratio" if denominator else "simple"),
        labels={"en": en[0], "es": es[0], "pl": pl[0]},
        descriptions={"en": en[1], "es": es[1], "pl": pl[1]},
        format=format,
        direction=direction,
        scorecard=Scorecard(*card),
        filter=filter,
        scale=scale,
        level=level,
        per=per,
        sources=sources,
    )
