"""The KPI catalog: every KPI of the product, declared once as data in `kpi.kpis` over the
model of `kpi.model`, assembled here with its lookup by id and its validation."""

from __future__ import annotations

import sqlglot

from kpi.kpis import KPIS
from kpi.model import FAMILIES, FORMATS, PERSPECTIVES, Kpi, Scorecard, kpi
from kpi.schema import DATASETS

__all__ = [
    "BY_ID",
    "CATALOG",
    "FAMILIES",
    "FORMATS",
    "PERSPECTIVES",
    "Kpi",
    "Scorecard",
    "kpi",
    "validate_catalog",
]


CATALOG: tuple[Kpi, ...] = KPIS
BY_ID: dict[str, Kpi] = {k.id: k for k in CATALOG}


def validate_catalog(catalog: tuple[Kpi, ...] = CATALOG) -> list[str]:
    """Every problem in the catalog at once (unknown fields, datasets, KPI ids, formats…)."""
    problems: list[str] = []
    ids = [k.id for k in catalog]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{dup}: declared twice")
    known = set(ids)
    for k in catalog:
        where = f"{k.id}:"
        if k.family not in FAMILIES:
            problems.append(f"{where} unknown family {k.family!r}")
        if k.format not in FORMATS:
            problems.append(f"{where} unknown format {k.format!r}")
        if k.direction not in ("higher", "lower"):
            problems.append(f"{where} direction must be higher or lower")
        if k.scorecard.perspective not in PERSPECTIVES or k.scorecard.kind not in (
            "leading",
            "lagging",
        ):
            problems.append(f"{where} bad scorecard placement {k.scorecard}")
        for lang in ("en", "es", "pl"):
            if not k.labels.get(lang) or not k.descriptions.get(lang):
                problems.append(f"{where} label or description missing in {lang}")
        try:
            requires = k.requires
        except sqlglot.errors.ParseError as exc:
            problems.append(f"{where} expression does not parse ({exc})")
            continue
        if k.kind == "derived":
            problems.extend(f"{where} uses unknown KPI {u!r}" for u in requires if u not in known)
        elif k.dataset not in DATASETS:
            problems.append(f"{where} unknown dataset {k.dataset!r}")
        else:
            fields = set(DATASETS[k.dataset].field_names)
            problems.extend(
                f"{where} unknown field {f!r} in {k.dataset}" for f in requires if f not in fields
            )
            problems.extend(f"{where} per unknown field {f!r}" for f in k.per if f not in fields)
        if k.level not in ("first", "last"):
            problems.append(f"{where} level must be first or last")
        for source in k.sources:
            if source.dataset not in DATASETS:
                problems.append(f"{where} source in unknown dataset {source.dataset!r}")
                continue
            fields = set(DATASETS[source.dataset].field_names)
            used = Kpi(k.id, k.family, source.dataset, source.numerator, source.denominator,
                       filter=source.filter).requires  # fmt: skip
            problems.extend(
                f"{where} source field {f!r} not in {source.dataset}"
                for f in used
                if f not in fields
            )
    return problems
