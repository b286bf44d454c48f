"""Checks and helpers for a measurement plan: issues that nudge, the sales-KPI advice, the
metrics and exports each KPI needs, and the crontab line of the report cadence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kpi.catalog import BY_ID
from kpi.i18n.messages import resolve
from kpi.schema import DATASETS, PLATFORMS, TIME_FIELDS
from kpi.scorecard.measures import MEASURES
from kpi.scorecard.plan import (
    OWNERS,
    SALES_ADVICE,
    SALES_DATASETS,
    SALES_FIELDS,
    SECTIONS,
    WEEKDAYS,
    Plan,
)

MIN_TACTICS = 2


@dataclass(frozen=True)
class Issue:
    """Something to look at in a plan: `error` (it cannot run as written) or `nudge` (advice)."""

    level: str
    where: str  # objective id, or objective/kpi
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Plain data."""
        return {
            "level": self.level,
            "where": self.where,
            "code": self.code,
            "message": self.message,
        }


def _fields(kpi_id: str, seen: set[str] | None = None) -> list[tuple[str, str]]:
    """(dataset, field) pairs a KPI reads, through derived KPIs to the ones they use."""
    seen = seen if seen is not None else set()
    if kpi_id in seen:
        return []
    seen.add(kpi_id)
    if kpi_id in MEASURES:
        return [("posts", f) for f in ("published_at", *MEASURES[kpi_id].needs)]
    k = BY_ID.get(kpi_id)
    if k is None:
        return []
    if k.kind == "derived":
        return [pair for used in k.uses for pair in _fields(used, seen)]
    dataset = k.dataset or ""
    names = [TIME_FIELDS.get(dataset, ""), *k.requires]
    return [(dataset, n) for n in dict.fromkeys(names) if n]


def is_sales_kpi(kpi_id: str) -> bool:
    """Whether a KPI measures sales: it reads revenue, purchases, conversions to customers, or
    counts customers and orders (directly or through the KPIs it is derived from)."""
    return any(f in SALES_FIELDS or d in SALES_DATASETS for d, f in _fields(kpi_id))


def _label(kpi_id: str, lang: str) -> str:
    if kpi_id in BY_ID:
        return BY_ID[kpi_id].labels.get(lang) or BY_ID[kpi_id].label
    if kpi_id in MEASURES:
        return MEASURES[kpi_id].labels.get(lang) or MEASURES[kpi_id].labels["en"]
    return kpi_id


def sales_advice(kpi_id: str, lang: str | None = None) -> str | None:
    """The advice for giving a sales KPI to the social team; None for a KPI that is not one."""
    lang = resolve(lang)
    if not is_sales_kpi(kpi_id):
        return None
    return SALES_ADVICE.get(lang, SALES_ADVICE["en"]).format(label=_label(kpi_id, lang))


def metrics_needed(kpi_id: str) -> list[dict[str, str]]:
    """Each field a KPI needs, its dataset, and which export or tool provides it."""
    return [{"dataset": d, "field": f, "provided_by": DATASETS[d].provided_by if d in DATASETS else ""}
            for d, f in dict.fromkeys(_fields(kpi_id))]  # fmt: skip


def plan_metrics(plan: Plan) -> list[dict[str, object]]:
    """One row per objective × KPI × channel: the metrics it needs and the exports providing them
    (a page's "what to export" table)."""
    rows: list[dict[str, object]] = []
    for o in plan.objectives:
        for k in o.kpis:
            needed = metrics_needed(k.kpi)
            exports = list(dict.fromkeys(m["provided_by"] for m in needed if m["provided_by"]))
            for channel in k.channels or [None]:
                rows.append({"objective": o.id, "kpi": k.kpi, "channel": channel,
                             "metrics": [f"{m['dataset']}.{m['field']}" for m in needed],
                             "exports": exports})  # fmt: skip
    return rows


def validate(plan: Plan, lang: str | None = None, own: Iterable[str] = ()) -> list[Issue]:
    """Every issue of the plan at once; errors first, then nudges, in plan order. `own` are the
    ids of the person's own formula KPIs, which a plan may name."""
    lang = resolve(lang)
    issues: list[Issue] = []
    known = set(BY_ID) | set(MEASURES) | set(own)
    ids = [o.id for o in plan.objectives]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        issues.append(
            Issue("error", dup, "duplicate_objective", f"The objective {dup} is declared twice.")
        )
    if not plan.objectives:
        issues.append(
            Issue("nudge", "plan", "no_objectives", "Add at least one business objective.")
        )
    for o in plan.objectives:
        if not o.kpis:
            issues.append(Issue("nudge", o.id, "no_kpis",
                                f"“{o.label(lang)}” has no KPI yet: add one that shows progress."))  # fmt: skip
        for k in o.kpis:
            where = f"{o.id}/{k.kpi}"
            if k.kpi not in known:
                issues.append(Issue("error", where, "unknown_kpi",
                                    f"{k.kpi} is not a KPI: `python -m kpi catalog` lists them."))  # fmt: skip
                continue
            if len(k.tactics) < MIN_TACTICS:
                issues.append(Issue("nudge", where, "few_tactics",
                                    f"{_label(k.kpi, lang)} has {len(k.tactics)} tactic(s): plan at "
                                    f"least {MIN_TACTICS}, so you learn which one works."))  # fmt: skip
            if not k.targets:
                issues.append(Issue("nudge", where, "no_target",
                                    f"{_label(k.kpi, lang)} has no target: without one it shows no status."))  # fmt: skip
            for c in k.channels:
                if c not in PLATFORMS:
                    issues.append(Issue("nudge", where, "unknown_channel",
                                        f"{c!r} is not a platform the exports name ({', '.join(PLATFORMS)})."))  # fmt: skip
            if k.owner not in OWNERS:
                issues.append(
                    Issue(
                        "error",
                        where,
                        "bad_owner",
                        f"The owner must be one of {', '.join(OWNERS)}.",
                    )
                )
            elif k.owner == "social" and (advice := sales_advice(k.kpi, lang)):
                issues.append(Issue("nudge", where, "sales_kpi", advice))
    for problem in plan.cadence.problems():
        issues.append(
            Issue("error", "cadence", "bad_cadence", problem[0].upper() + problem[1:] + ".")
        )
    for s in plan.sections:
        if s not in SECTIONS:
            issues.append(
                Issue("nudge", "sections", "unknown_section", f"{s!r} is not a report section.")
            )
    return sorted(issues, key=lambda i: i.level != "error")


def cron_line(plan: Plan, command: str) -> str:
    """The crontab line running `command` on the plan's cadence (minute 0 of its hour): weekly on
    its weekday, or monthly on its day. `%` is escaped, as cron would cut the line there."""
    problems = plan.cadence.problems()
    if problems:
        raise ValueError(problems[0])
    c = plan.cadence
    when = (f"0 {c.hour} * * {(WEEKDAYS.index(c.weekday) + 1) % 7}" if c.frequency == "weekly"
            else f"0 {c.hour} {c.day_of_month} * *")  # fmt: skip
    return f"{when} {command.replace('%', chr(92) + '%')}"


def report_command(
    plan: Plan,
    files: list[str],
    workspace: str | None = None,
    out: str = "report.html",
    python: str = "python",
) -> str:
    """The command a scheduled report runs: `python -m kpi report FILES --out OUT --period
    last-week|last-month [--workspace W]`, the period following the plan's cadence; every
    argument shell-quoted, ready for `cron_line`."""
    import shlex

    period = "last-week" if plan.cadence.frequency == "weekly" else "last-month"
    parts = [python, "-m", "kpi", "report", *files, "--out", out, "--period", period]
    if workspace:
        parts += ["--workspace", workspace]
    return shlex.join(parts)
