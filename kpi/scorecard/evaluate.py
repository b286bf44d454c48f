"""Live evaluation of a strategy map: every KPI computed by the engine for a range (per channel
where the map sets one), a status per KPI against its target, and a status per objective.

Status words: good, warning, bad (the engine's `status`, with its warning band), or none when
a KPI has no target or no data. An objective takes the worst status among its KPIs that have
one (none when none has); a perspective likewise from its objectives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from contextlib import nullcontext
from typing import Any

import duckdb

from kpi.catalog import BY_ID, PERSPECTIVES, Kpi
from kpi.engine import Request, data_end, finite_or_none, run, status
from kpi.errors import KpiError
from kpi.guard import QueryGate
from kpi.i18n.messages import resolve
from kpi.scorecard.measures import MEASURES
from kpi.scorecard.model import KpiRef, StrategyMap

STATUSES = ("good", "warning", "bad", "none")
_SEVERITY = {"good": 0, "warning": 1, "bad": 2}
DEFAULT_DAYS = 28  # the default range: the last four weeks of data


def worst(statuses: list[str]) -> str:
    """The worst of good / warning / bad; none when no status is given."""
    rated = [s for s in statuses if s in _SEVERITY]
    return max(rated, key=_SEVERITY.__getitem__) if rated else "none"


def default_range(con: duckdb.DuckDBPyConnection, card: StrategyMap) -> tuple[dt.date, dt.date]:
    """The last four weeks that have data for the map's KPIs (ending today without data)."""
    ids = [k.id for o in card.objectives for k in o.kpis if k.id in BY_ID]
    ids += ["posts"] if any(k.id in MEASURES for o in card.objectives for k in o.kpis) else []
    end = data_end(con, ids) if ids else None
    end = end or dt.date.today()
    return end - dt.timedelta(days=DEFAULT_DAYS - 1), end


def resolve_target(ref: KpiRef, targets: Mapping[str, float]) -> float | None:
    """A KPI's target: `id@channel` in `targets`, then the map's own, then `id` in `targets`."""
    for candidate in (
        targets.get(ref.key) if ref.channel else None,
        ref.target,
        targets.get(ref.id),
    ):
        if candidate is not None:
            return float(candidate)
    return None


def _catalog_values(
    con: duckdb.DuckDBPyConnection,
    refs: list[KpiRef],
    start: dt.date,
    end: dt.date,
    extra: tuple[Kpi, ...] = (),
    gate: QueryGate | None = None,
) -> dict[tuple[str, str | None], dict[str, Any]]:
    """Engine values per (KPI, channel): value, previous, the data's own target, what it needs.
    A KPI that cannot run on this data is reported with the engine's message, not raised: one
    broken formula must not blank the whole map. The person's own KPIs run one by one, each
    bounded by the session's query gate when one is given (as their formulas are elsewhere)."""
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    own = {k.id for k in extra}
    for channel in dict.fromkeys(r.channel for r in refs):
        ids = tuple(dict.fromkeys(r.id for r in refs if r.channel == channel))
        filters = {"platform": (channel,)} if channel else {}

        def request(kpis: tuple[str, ...], f: dict = filters) -> Request:
            return Request(kpis, start, end, filters=f, compare="previous", extra=extra)

        catalog = tuple(i for i in ids if i not in own)
        results = []
        singles = [i for i in ids if i in own]
        if catalog:
            try:
                results.append(run(con, request(catalog)))
            except KpiError:
                singles = list(ids)
        for kpi_id in singles:
            try:
                bound = gate.limit(con) if gate is not None and kpi_id in own else nullcontext()
                with bound:
                    results.append(run(con, request((kpi_id,))))
            except KpiError as exc:
                out[(kpi_id, channel)] = {"value": None, "previous": None, "data_target": None,
                                          "needs": [], "hint": exc.user_message}  # fmt: skip
        for result in results:
            for row in result.rows.to_dict("records"):
                out[(row["kpi"], channel)] = {
                    "value": finite_or_none(row["value"]),
                    "previous": finite_or_none(row["previous"]),
                    "data_target": finite_or_none(row["target"]),
                    "needs": [],
                    "hint": "",
                }
            for need in result.needs:
                out[(need.kpi, channel)] = {"value": None, "previous": None, "data_target": None,
                                            "needs": list(need.missing), "hint": need.hint}  # fmt: skip
    return out


def _measure_values(
    con: duckdb.DuckDBPyConnection,
    refs: list[KpiRef],
    start: dt.date,
    end: dt.date,
    settings: Mapping[str, Any],
) -> dict[tuple[str, str | None], dict[str, Any]]:
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    length = end - start + dt.timedelta(days=1)
    for ref in refs:
        if (ref.id, ref.channel) in out:
            continue
        m = MEASURES[ref.id]
        value = m.compute(con, start, end, ref.channel, settings)
        previous = m.compute(con, start - length, end - length, ref.channel, settings)
        out[(ref.id, ref.channel)] = {
            "value": finite_or_none(value),
            "previous": finite_or_none(previous),
            "data_target": None,
            "needs": [] if value is not None else list(m.needs),
            "hint": "" if value is not None else m.hint,
        }
    return out


def _meta(kpi_id: str, lang: str, extra: Mapping[str, Kpi]) -> tuple[str, str, str]:
    if kpi_id in BY_ID:
        k = BY_ID[kpi_id]
        return k.labels.get(lang) or k.label, k.format, k.direction
    if kpi_id in MEASURES:
        m = MEASURES[kpi_id]
        return m.labels.get(lang) or m.labels["en"], m.format, m.direction
    if kpi_id in extra:
        k = extra[kpi_id]
        return k.label, k.format, k.direction
    return kpi_id, "decimal", "higher"


def evaluate(
    con: duckdb.DuckDBPyConnection,
    card: StrategyMap,
    start: dt.date | None = None,
    end: dt.date | None = None,
    targets: Mapping[str, float] | None = None,
    lang: str | None = None,
    settings: Mapping[str, Any] | None = None,
    extra: tuple[Kpi, ...] = (),
    gate: QueryGate | None = None,
) -> dict[str, Any]:
    """The map with live values: `{"start", "end", "perspectives": [{"id", "label", "status",
    "objectives": [{"id", "label", "status", "causes", "kpis": [{"id", "label", "role",
    "channel", "value", "previous", "target", "status", "format", "direction", "needs",
    "hint"}]}]}]}`. `targets` maps a KPI id (or `id@channel`) to a target, over the map's own;
    `settings` holds the person's choices the analysis KPIs use (quality weights…);
    `extra` the person's own KPIs (custom formulas) the map may name, each run within `gate`'s
    time limit when a gate is given."""
    lang = resolve(lang)
    if start is None or end is None:
        default_start, default_end = default_range(con, card)
        start, end = start or default_start, end or default_end
    targets = targets or {}
    extras = {k.id: k for k in extra}
    refs = [k for o in card.objectives for k in o.kpis]
    engine_refs = [r for r in refs if r.id in BY_ID or r.id in extras]
    values = (
        _catalog_values(con, engine_refs, start, end, tuple(extra), gate) if engine_refs else {}
    )
    values.update(
        _measure_values(con, [r for r in refs if r.id in MEASURES], start, end, settings or {})
    )
    perspectives = []
    for p in PERSPECTIVES:
        objectives = []
        for o in card.in_perspective(p):
            kpis = []
            for ref in o.kpis:
                label, fmt, direction = _meta(ref.id, lang, extras)
                got = values.get((ref.id, ref.channel))
                if got is None:
                    got = {"value": None, "previous": None, "data_target": None,
                           "needs": [], "hint": f"{ref.id} is not a KPI of the catalog"}  # fmt: skip
                target = resolve_target(ref, targets)
                target = got["data_target"] if target is None else target
                kpi_status = status(got["value"], target, direction) or "none"
                kpis.append({"id": ref.id, "label": label, "role": ref.role,
                             "channel": ref.channel, "value": got["value"],
                             "previous": got["previous"], "target": target,
                             "status": kpi_status, "format": fmt, "direction": direction,
                             "needs": got["needs"], "hint": got["hint"]})  # fmt: skip
            objectives.append({"id": o.id, "label": o.label(lang),
                               "status": worst([k["status"] for k in kpis]),
                               "causes": list(o.causes), "kpis": kpis})  # fmt: skip
        perspectives.append({"id": p, "label": card.perspective_label(p, lang),
                             "status": worst([o["status"] for o in objectives]),
                             "objectives": objectives})  # fmt: skip
    return {"start": start.isoformat(), "end": end.isoformat(), "perspectives": perspectives}
