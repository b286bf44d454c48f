"""What every view uses: the context from a session and its controls, engine requests under the
shared controls, KPI labels in the view's language and catalog messages as `Text` blocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from kpi.catalog import BY_ID
from kpi.engine import Need, Request
from kpi.i18n import t
from kpi.i18n.messages import resolve
from kpi.views.model import Show, Text, ViewContext


def context(
    data: Any,
    ctl: Any,
    lang: str | None = None,
    present: bool | None = None,
    **options: Any,
) -> ViewContext:
    """A view's context from a session (`kpi.store.SessionData`) and anything with the shared
    controls' fields (`ui.controls.Controls`, or the slides' and tests' stand-ins)."""
    return ViewContext(
        con=data.con,
        workspace=data.workspace,
        start=ctl.start,
        end=ctl.end,
        compare=ctl.compare,
        grain=getattr(ctl, "grain", None) or "week",
        filters=dict(getattr(ctl, "filters", None) or {}),
        present=bool(getattr(ctl, "present", False) if present is None else present),
        lang=resolve(lang),
        sample=getattr(data, "source", "") == "sample",
        timezone=getattr(data, "timezone", "UTC") or "UTC",
        options=options,
    )


def period_context(
    data: Any,
    start: dt.date,
    end: dt.date,
    compare: str | None = "previous",
    grain: str = "week",
    filters: Mapping[str, Sequence[str]] | None = None,
    lang: str | None = None,
    **options: Any,
) -> ViewContext:
    """A view's context for a period, as the report and the command line ask for one."""
    return ViewContext(
        con=data.con,
        workspace=data.workspace,
        start=start,
        end=end,
        compare=compare,
        grain=grain,
        filters=dict(filters or {}),
        lang=resolve(lang),
        sample=getattr(data, "source", "") == "sample",
        timezone=getattr(data, "timezone", "UTC") or "UTC",
        options=options,
    )


def request(
    ctx: ViewContext,
    kpis: Sequence[str],
    by: Sequence[str] = (),
    whole_range: bool = False,
    **extra: object,
) -> Request:
    """The engine request `ui.controls.Controls.request` makes, from a view's context."""
    options: dict = {"filters": dict(ctx.filters), "compare": ctx.compare, **extra}
    return Request(
        tuple(kpis), ctx.start, ctx.end, None if whole_range else ctx.grain, tuple(by), **options
    )


def targets(ctx: ViewContext) -> dict[str, float]:
    return dict(getattr(ctx.workspace, "targets", {}) or {})


def label(kpi_id: str, lang: str | None = None) -> str:
    """A KPI's label in `lang` (None: the current language; English where it has none)."""
    kpi = BY_ID[kpi_id]
    return kpi.labels.get(resolve(lang)) or kpi.label


def message(
    ctx: ViewContext,
    key: str,
    kind: str = "info",
    show: Show = "all",
    data_values: Mapping[str, object] | None = None,
    **values: object,
) -> Text:
    """A catalog message as a block: `values` are the app's own words, `data_values` come
    from files (escaped for Streamlit's Markdown)."""
    every = {**values, **(data_values or {})}
    return Text(
        t(key, ctx.lang, **every),
        kind,  # type: ignore[arg-type]
        key=key,
        values=dict(values),
        data_values=dict(data_values or {}),
        show=show,
    )


def needs_text(needs: Sequence[Need], lang: str | None = None) -> str:
    """needs: a (fields); b (fields) — the KPIs without data and what they lack."""
    parts = [
        f"{label(n.kpi, lang) if n.kpi in BY_ID else n.kpi} ({', '.join(n.missing)})" for n in needs
    ]
    return t("overview.needs", lang, missing="; ".join(parts))


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        return None if value != value else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def tile_change(row: Mapping[str, object], kpi: Any) -> float | None:
    """The change a tile shows: percentage points for a rate, relative change otherwise."""
    return _number(row.get("change") if kpi.format == "percent" else row.get("change_pct"))


def tone(change: float | None, direction: str) -> str:
    """good, bad or neutral for a change, respecting whether higher or lower is better."""
    if change is None or change == 0:
        return "neutral"
    better = change > 0 if direction == "higher" else change < 0
    return "good" if better else "bad"
