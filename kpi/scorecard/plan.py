"""The measurement plan: objectives → KPIs per channel → at least two tactics per KPI → targets
per KPI, channel and period → a report cadence and the report's sections.

Plain data that round-trips through dicts (versioned; unknown keys are kept). `validate` returns
issues that nudge (a KPI with fewer than two tactics, a sales KPI given to the social team…)
rather than refusing the plan; `metrics_needed` says which fields each KPI needs and which
export provides them; `targets_for` gives the engine's targets for a range; `cron_line` turns
the cadence into a crontab line for a scheduled report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kpi.errors import KpiError
from kpi.i18n import t
from kpi.i18n.messages import resolve

VERSION = 1
FREQUENCIES = ("weekly", "monthly")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
OWNERS = ("social", "shared", "sales")
SECTIONS = ("summary", "scorecard", "objectives", "tactics", "top_posts", "needs", "next_steps")
SECTION_LABELS = {
    "summary": {"en": "Summary", "es": "Resumen", "pl": "Podsumowanie"},
    "scorecard": {"en": "Strategy map", "es": "Mapa estratégico", "pl": "Mapa strategii"},
    "objectives": {"en": "Objectives and KPIs", "es": "Objetivos y KPI", "pl": "Cele i KPI"},
    "tactics": {"en": "Tactics and what they did", "es": "Tácticas y resultados",
                "pl": "Taktyki i ich efekty"},
    "top_posts": {"en": "Best and worst posts", "es": "Mejores y peores publicaciones",
                  "pl": "Najlepsze i najsłabsze posty"},
    "needs": {"en": "Data still missing", "es": "Datos que faltan", "pl": "Brakujące dane"},
    "next_steps": {"en": "Next steps", "es": "Próximos pasos", "pl": "Następne kroki"},
}  # fmt: skip
# A KPI that counts money or purchases measures sales: social media is rarely its only cause.
SALES_FIELDS = {"revenue", "conversion_value", "purchases", "transactions", "converted_at"}
SALES_DATASETS = {"orders", "customers"}
SALES_ADVICE = {
    "en": "{label} is a sales result: price, stock, the website and the sales team move it as "
    "much as social media does. Report it as a shared result and give the social team the "
    "leading KPIs it controls (qualified interactions, social leads, sessions from social).",
    "es": "{label} es un resultado de ventas: el precio, el stock, la web y el equipo comercial "
    "influyen tanto como las redes sociales. Preséntalo como resultado compartido y da al equipo "
    "de redes los KPI que controla (interacciones cualificadas, leads de redes, sesiones desde redes).",
    "pl": "{label} to wynik sprzedaży: cena, dostępność, strona i dział sprzedaży wpływają na niego "
    "tak samo jak media społecznościowe. Raportuj go jako wynik wspólny, a zespołowi social media "
    "daj KPI, na które ma wpływ (kwalifikowane interakcje, leady z social media, sesje z social media).",
}


def _split(doc: Mapping[str, Any], known: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    mine = {k: doc[k] for k in known if k in doc}
    return mine, {k: v for k, v in doc.items() if k not in known}


@dataclass
class Target:
    """A target for a KPI, optionally on one channel and for one period: `2026-11` (a month),
    `2026-W45` (an ISO week), `2026-Q4`, `2026-11-01..2026-11-30`, or None for any period."""

    value: float
    channel: str | None = None
    period: str | None = None
    other: dict[str, Any] = field(default_factory=dict)

    def covers(self, start: dt.date, end: dt.date) -> bool:
        """Whether the range [start, end] lies inside the target's period."""
        if self.period is None:
            return True
        first, last = period_bounds(self.period)
        return first <= start and end <= last

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {**self.other, "value": self.value, "channel": self.channel, "period": self.period}

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Target:
        """Read a target; a value that is not a number raises KpiError."""
        mine, other = _split(doc, ("value", "channel", "period"))
        try:
            value = float(mine["value"])
        except (KeyError, TypeError, ValueError):
            raise KpiError(t("error.plan_target", value=mine.get("value"))) from None
        period = mine.get("period") or None
        if period is not None:
            period_bounds(str(period))
        return cls(
            value, mine.get("channel") or None, None if period is None else str(period), other
        )


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a plan period (see `Target`); KpiError for another text."""
    text = period.strip()
    try:
        if ".." in text:
            a, b = text.split("..", 1)
            return dt.date.fromisoformat(a), dt.date.fromisoformat(b)
        if m := re.fullmatch(r"(\d{4})-W(\d{1,2})", text):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
            first = dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
            return first, _month_end(dt.date(int(m[1]), 3 * int(m[2]), 1))
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            first = dt.date(int(m[1]), int(m[2]), 1)
            return first, _month_end(first)
    except ValueError:
        pass
    raise KpiError(t("error.plan_period", period=period))


def _month_end(first: dt.date) -> dt.date:
    nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass
class PlanKpi:
    """A KPI of an objective: the channels it is measured on (none: all together), its tactics,
    its targets, and who answers for it (the social team, shared, or sales)."""

    kpi: str
    channels: list[str] = field(default_factory=list)
    tactics: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    owner: str = "social"
    other: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {**self.other, "kpi": self.kpi, "channels": list(self.channels),
                "tactics": list(self.tactics), "targets": [t.to_dict() for t in self.targets],
                "owner": self.owner}  # fmt: skip

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> PlanKpi:
        """Read a plan KPI."""
        mine, other = _split(doc, ("kpi", "channels", "tactics", "targets", "owner"))
        if not mine.get("kpi"):
            raise KpiError(t("error.plan_kpi_id"))
        return cls(str(mine["kpi"]), [str(c) for c in mine.get("channels") or []],
                   [str(t) for t in mine.get("tactics") or []],
                   [Target.from_dict(t) for t in mine.get("targets") or []],
                   str(mine.get("owner") or "social"), other)  # fmt: skip


@dataclass
class PlanObjective:
    """A business objective of the plan and the KPIs that show progress on it."""

    id: str
    labels: dict[str, str]
    kpis: list[PlanKpi] = field(default_factory=list)
    other: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str | None = None) -> str:
        """The label in a language (English when that language has none)."""
        lang = resolve(lang)
        return self.labels.get(lang) or self.labels.get("en") or self.id

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {**self.other, "id": self.id, "labels": dict(self.labels),
                "kpis": [k.to_dict() for k in self.kpis]}  # fmt: skip

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> PlanObjective:
        """Read a plan objective (a plain `label` is taken as English)."""
        mine, other = _split(doc, ("id", "labels", "label", "kpis"))
        if not mine.get("id"):
            raise KpiError(t("error.plan_objective_id"))
        labels = {str(k): str(v) for k, v in (mine.get("labels") or {}).items()}
        if mine.get("label"):
            labels.setdefault("en", str(mine["label"]))
        kpis = [PlanKpi.from_dict(k) for k in mine.get("kpis") or []]
        return cls(str(mine["id"]), labels or {"en": str(mine["id"])}, kpis, other)


@dataclass
class Cadence:
    """When the report goes out: weekly on a weekday or monthly on a day, at an hour."""

    frequency: str = "weekly"
    weekday: str = "monday"
    day_of_month: int = 1
    hour: int = 8
    other: dict[str, Any] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """What is wrong with the cadence (empty when it can be scheduled)."""
        out = []
        if self.frequency not in FREQUENCIES:
            out.append(f"the report cadence must be weekly or monthly, not {self.frequency!r}")
        if self.weekday not in WEEKDAYS:
            out.append(f"{self.weekday!r} is not a weekday (monday … sunday)")
        if not 1 <= self.day_of_month <= 28:
            out.append("the monthly report day must be 1–28, so it comes every month")
        if not 0 <= self.hour <= 23:
            out.append("the report hour must be 0–23")
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {**self.other, "frequency": self.frequency, "weekday": self.weekday,
                "day_of_month": self.day_of_month, "hour": self.hour}  # fmt: skip

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any] | None) -> Cadence:
        """Read a cadence (missing parts take the defaults)."""
        mine, other = _split(doc or {}, ("frequency", "weekday", "day_of_month", "hour"))
        base = cls()
        try:
            return cls(str(mine.get("frequency", base.frequency)).lower(),
                       str(mine.get("weekday", base.weekday)).lower(),
                       int(mine.get("day_of_month", base.day_of_month)),
                       int(mine.get("hour", base.hour)), other)  # fmt: skip
        except (TypeError, ValueError):
            raise KpiError(t("error.plan_cadence")) from None


@dataclass
class Plan:
    """Objectives → KPIs per channel → tactics and targets, a report cadence and sections."""

    objectives: list[PlanObjective] = field(default_factory=list)
    cadence: Cadence = field(default_factory=Cadence)
    sections: list[str] = field(default_factory=lambda: list(SECTIONS))
    other: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain, versioned data for the workspace file; unknown keys read earlier come back."""
        return {**self.other, "version": VERSION,
                "objectives": [o.to_dict() for o in self.objectives],
                "cadence": self.cadence.to_dict(), "sections": list(self.sections)}  # fmt: skip

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Plan:
        """Read a plan saved by `to_dict` (this version or a newer one)."""
        if not isinstance(doc, Mapping):
            raise KpiError(t("error.plan_damaged"))
        mine, other = _split(doc, ("version", "objectives", "cadence", "sections"))
        objectives = mine.get("objectives") or []
        if not isinstance(objectives, list):
            raise KpiError(t("error.plan_objectives"))
        sections = mine.get("sections")
        return cls([PlanObjective.from_dict(o) for o in objectives],
                   Cadence.from_dict(mine.get("cadence")),
                   list(SECTIONS) if sections is None else [str(s) for s in sections], other)  # fmt: skip


def targets_for(plan: Plan, start: dt.date, end: dt.date) -> dict[str, float]:
    """The plan's targets that cover [start, end], keyed `kpi` or `kpi@channel` (as the
    scorecard's `evaluate` takes them); a period-specific target beats one for any period."""
    out: dict[str, tuple[int, float]] = {}
    for o in plan.objectives:
        for k in o.kpis:
            for target in k.targets:
                if not target.covers(start, end):
                    continue
                key = f"{k.kpi}@{target.channel}" if target.channel else k.kpi
                rank = 1 if target.period else 0
                if key not in out or rank >= out[key][0]:
                    out[key] = (rank, target.value)
    return {k: v for k, (_, v) in out.items()}


def _kpi(kpi: str, channels: list[str], tactics: list[str], *targets: tuple[float, str | None],
         owner: str = "social") -> PlanKpi:  # fmt: skip
    return PlanKpi(kpi, channels, tactics, [Target(v, c) for v, c in targets], owner)


def default_plan() -> Plan:
    """The articles' three example objectives: more sales, a new customer-care channel, and
    traffic to the website, each with KPIs per channel, two or more tactics and targets."""
    meta = ["facebook", "instagram"]
    return Plan([
        PlanObjective("more_sales", {"en": "More sales", "es": "Más ventas", "pl": "Więcej sprzedaży"}, [
            _kpi("qualified_interactions", meta,
                 ["A weekly post with a sign-up offer and a tracked link",
                  "Answer product questions in comments with a link to the product page",
                  "Retarget engaged followers with a sample-pack offer"], (20, None)),
            _kpi("social_leads", meta,
                 ["Lead form on the Instagram profile", "Monthly giveaway that asks for an e-mail"],
                 (40, None)),
            _kpi("social_lead_revenue", [],
                 ["Discount code only for followers", "Share customer stories with a shop link"],
                 (1000, None), owner="shared"),
        ]),
        PlanObjective("care_channel", {"en": "A new customer-care channel",
                                       "es": "Un nuevo canal de atención al cliente",
                                       "pl": "Nowy kanał obsługi klienta"}, [
            _kpi("response_rate", ["instagram", "facebook"],
                 ["Two people on an inbox rota, weekends included", "Saved replies for the ten commonest questions"],
                 (0.95, None)),
            _kpi("first_response_time_median", ["instagram", "facebook"],
                 ["Inbox notifications on the team's phones", "Answer first, investigate after"],
                 (3600, None)),
            _kpi("complaint_resolution_rate", [],
                 ["Move complaints to private messages within the hour", "A weekly review of open complaints"],
                 (0.9, None)),
        ]),
        PlanObjective("website_traffic", {"en": "Traffic to the website", "es": "Tráfico a la web",
                                          "pl": "Ruch na stronie"}, [
            _kpi("social_sessions", [],
                 ["A link in every second post", "Blog articles cut into carousels that link back"],
                 (3000, None)),
            _kpi("avg_clicks_per_post", ["facebook", "instagram", "linkedin"],
                 ["Put the link in the first line", "Test two headlines for each article"],
                 (15, None)),
        ]),
    ])  # fmt: skip
