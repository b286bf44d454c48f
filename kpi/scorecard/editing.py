"""What the Plan and Scorecard pages need to edit a plan or a map, kept out of the pages: the KPIs
a person can pick (catalog, analysis measures, their own formulas), what each needs grouped by
the export that provides it, the sales check for their own KPIs too, targets typed into a
table, and short ids for new objectives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kpi.catalog import Kpi
from kpi.errors import KpiError
from kpi.i18n.messages import resolve
from kpi.schema import DATASETS, TIME_FIELDS
from kpi.scorecard.checks import is_sales_kpi, metrics_needed
from kpi.scorecard.plan import SALES_DATASETS, SALES_FIELDS, Target
from kpi.scorecard.tables import kpi_options


def kpi_choices(own: Sequence[Kpi] = (), lang: str | None = None) -> dict[str, str]:
    """Every KPI a plan or map can name, id → label: the catalog's, the analysis measures and
    the person's own formula KPIs."""
    lang = resolve(lang)
    options = kpi_options(lang)
    choices = dict(zip(options["id"], options["label"], strict=True))
    choices.update({k.id: k.label for k in own})
    return choices


def _own_fields(kpi: Kpi) -> list[tuple[str, str]]:
    dataset = kpi.dataset or ""
    names = [TIME_FIELDS.get(dataset, ""), *kpi.requires]
    return [(dataset, n) for n in dict.fromkeys(names) if n]


def needs_by_export(kpi_id: str, own: Sequence[Kpi] = ()) -> list[tuple[str, str]]:
    """What a KPI needs, one (fields, export) pair per export: ("sessions, medium", "a Google
    Analytics traffic-acquisition export"). The person's own KPIs read their formula's fields."""
    mine = {k.id: k for k in own}
    if kpi_id in mine:
        needed = [
            {"dataset": d, "field": f, "provided_by": DATASETS[d].provided_by if d in DATASETS else ""}
            for d, f in _own_fields(mine[kpi_id])
        ]  # fmt: skip
    else:
        needed = metrics_needed(kpi_id)
    grouped: dict[str, list[str]] = {}
    for m in needed:
        grouped.setdefault(m["provided_by"], []).append(m["field"])
    return [(", ".join(fields), export) for export, fields in grouped.items()]


def is_sales(kpi_id: str, own: Sequence[Kpi] = ()) -> bool:
    """Whether a KPI measures sales (see `is_sales_kpi`), the person's own KPIs included."""
    mine = {k.id: k for k in own}
    if kpi_id in mine:
        return any(f in SALES_FIELDS or d in SALES_DATASETS for d, f in _own_fields(mine[kpi_id]))
    return is_sales_kpi(kpi_id)


def _blank(value: object) -> bool:
    return value is None or value != value or (isinstance(value, str) and not value.strip())


def parse_targets(rows: Iterable[Mapping[str, Any]]) -> tuple[list[Target], list[str]]:
    """Targets typed into a table (value, channel, period): the valid ones, and one sentence per
    row that is not (rows without a value are skipped)."""
    targets: list[Target] = []
    problems: list[str] = []
    for n, row in enumerate(rows, start=1):
        if _blank(row.get("value")):
            continue
        doc = {
            "value": row.get("value"),
            "channel": None if _blank(row.get("channel")) else str(row["channel"]).strip(),
            "period": None if _blank(row.get("period")) else str(row["period"]).strip(),
        }
        try:
            targets.append(Target.from_dict(doc))
        except KpiError as exc:
            problems.append(f"{n}: {exc.user_message}")
    return targets, problems


def new_id(text: str, taken: Iterable[str], fallback: str = "objective") -> str:
    """A short id from a name (`More sales` → `more_sales`), not one of `taken`."""
    taken = set(taken)
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or fallback
    oid, n = base, 2
    while oid in taken:
        oid, n = f"{base}_{n}", n + 1
    return oid
