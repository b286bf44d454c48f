"""The weekly or monthly report as ONE self-contained HTML document: inline CSS, charts as inline
SVG rendered offline by vl-convert, no script, no font file, no external address of any kind.

The report draws page views (`kpi.views`) — the same sections the dashboard pages and the slides
show — through Jinja2 templates (`kpi/templates/`) with autoescape: every value that comes from
the person's files (post texts, platform names, file names) is HTML-escaped; every word goes
through `t()` and every number through `format_value`."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
from babel import dates as babel_dates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kpi import charts
from kpi.catalog import BY_ID
from kpi.engine import comparison_range
from kpi.errors import KpiError
from kpi.export import chart_svg
from kpi.i18n import format_change, format_count, format_date, format_value, row_currency, t
from kpi.i18n.names import display_name, holds_names
from kpi.i18n.numbers import cldr_locale
from kpi.store import SessionData
from kpi.views import VIEWS
from kpi.views.common import label as _kpi_label
from kpi.views.common import period_context, tile_change, tone
from kpi.views.leads_settings import (  # noqa: F401 — where the page and tests import them from
    GROWTH_KPIS,
    KEPT_IN_WORKSPACE,
    SAMPLE_STAGE_VALUES,
    WORKSPACE_KEY,
    LeadsSettings,
    group_tone,
    groups_frame,
    groups_table,
    leads_defaults,
    p_text,
)
from kpi.views.model import (
    Chart,
    Columns,
    Metrics,
    Needs,
    PageView,
    Table,
    Text,
    Tiles,
    shown,
)
from kpi.views.overview import CORE, HEADLINE
from kpi.views.report_extras import TOP_POSTS, top_posts

PERIODS = ("last-week", "last-month")
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_NUMERIC = {"count", "percent", "currency", "money", "ratio", "decimal", "duration", "int"}
_KINDS = {"int": "count", "money": "currency"}
_TEXT_CLASSES = {"caption": "hint", "info": "hint", "warning": "warning", "error": "bad"}

__all__ = [
    "CORE", "HEADLINE", "PERIODS", "TOP_POSTS", "build_report", "grain_for", "inline_svg",
    "leads_section", "period_for", "period_title", "render_report", "render_view", "tile_change",
    "tone", "top_posts",
]  # fmt: skip


# --- periods ----------------------------------------------------------------------------------


def period_for(option: str, data_end_date: dt.date | None) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a report period: `last-week` is the last full Monday–Sunday week
    ending on or before the data's last day, `last-month` the last full calendar month, and
    `YYYY-MM-DD..YYYY-MM-DD` an explicit range. Raises KpiError for any other text."""
    text = option.strip()
    last = data_end_date or dt.date.today()
    if text == "last-week":
        end = last - dt.timedelta(days=(last.weekday() + 1) % 7)  # Sunday on or before
        return end - dt.timedelta(days=6), end
    if text == "last-month":
        month_end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
        end = last if last == month_end else last.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    first, sep, second = text.partition("..")
    try:
        if not sep:
            raise ValueError
        start, end = dt.date.fromisoformat(first.strip()), dt.date.fromisoformat(second.strip())
    except ValueError:
        raise KpiError(t("report.cli_bad_period", text=option)) from None
    if end < start:
        raise KpiError(t("error.period_backwards", start=start, end=end))
    return start, end


def grain_for(start: dt.date, end: dt.date) -> str:
    """A readable number of points: days for a week or two, weeks up to a quarter, else months."""
    days = (end - start).days + 1
    if days <= 14:
        return "day"
    return "week" if days <= 92 else "month"


def period_title(start: dt.date, end: dt.date, lang: str = "en") -> str:
    """The business name of the period: an ISO week, a calendar month, or a range."""
    if start.weekday() == 0 and end == start + dt.timedelta(days=6):
        return t(
            "report.title_week",
            lang,
            week=start.isocalendar().week,
            start=format_date(start, lang),
            end=format_date(end, lang),
        )
    if start.day == 1 and end == start.replace(day=calendar.monthrange(start.year, start.month)[1]):
        # CLDR's stand-alone month name: `marzec 2026`, `marzo de 2026`, `March 2026`.
        month = babel_dates.format_skeleton("yMMMM", start, locale=cldr_locale(lang))
        return t("report.title_month", lang, month=month)
    return t("report.title_range", lang, start=format_date(start, lang), end=format_date(end, lang))


# --- rendering --------------------------------------------------------------------------------

_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(chart: alt.TopLevelMixin, prefix: str) -> str:
    """A chart as an inline <svg> element: no XML prolog, no namespace addresses (HTML needs
    none), and ids prefixed so several charts in one page never share a clip path."""
    svg = chart_svg(chart)
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    ids = set(_ID.findall(svg))
    for name in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{name}"
        svg = svg.replace(f'id="{name}"', f'id="{new}"')
        svg = svg.replace(f"url(#{name})", f"url(#{new})")
        svg = svg.replace(f'href="#{name}"', f'href="#{new}"')
    return svg


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(("html", "j2")),
        trim_blocks=False,
        lstrip_blocks=False,
    )


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        return None if pd.isna(value) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _cell(text: object, cls: str = "", title: str = "", dot: bool = False) -> dict[str, Any]:
    return {"text": "" if text is None else str(text), "cls": cls, "title": title, "dot": dot}


def _headline(block: Tiles, lang: str) -> dict[str, Any]:
    """The tiles as the report's headline table: KPI, value, change and value before, target."""
    rows = block.rows
    if rows.empty:
        return {"kind": "text", "text": t("report.no_headline", lang), "cls": ""}
    compare = block.compare
    with_targets = "target" in rows and rows["target"].notna().any()
    head = [_cell(t("report.kpi", lang)), _cell(t("report.value", lang), "num")]
    if compare:
        head += [_cell(t("report.change", lang), "num"), _cell(t("report.previous", lang), "num")]
    if with_targets:
        head += [_cell(t("report.target", lang), "num"), _cell(t("report.status", lang))]
    body = []
    for row in rows.to_dict("records"):
        kpi = BY_ID[row["kpi"]]
        currency = row_currency(row)
        description = kpi.descriptions.get(lang) or kpi.description
        cells = [
            _cell(_kpi_label(kpi.id, lang), title=description),
            _cell(format_value(_number(row["value"]), kpi.format, lang, currency), "num"),
        ]
        if compare:
            change = tile_change(row, kpi)
            text = format_change(change, kpi.format, lang) or t("report.no_change", lang)
            arrow = "" if change is None or change == 0 else ("▲ " if change > 0 else "▼ ")
            previous = _number(row.get("previous"))
            cells += [
                _cell(arrow + text, f"num {tone(change, kpi.direction)}"),
                _cell(format_value(previous, kpi.format, lang, currency), "num"),
            ]
        if with_targets:
            target = _number(row.get("target"))
            status = row.get("status") if isinstance(row.get("status"), str) else None
            shown_target = (
                format_value(target, kpi.format, lang, currency) if target is not None else ""
            )
            cells += [
                _cell(shown_target, "num"),
                _cell(
                    t(f"report.status.{status}", lang) if status else "",
                    status or "neutral",
                    dot=bool(status),
                ),
            ]
        body.append(cells)
    return {"kind": "table", "head": head, "rows": body, "caption": None}


def _table_text(value: object, kind: str | None, lang: str) -> str:
    if kind in _NUMERIC:
        return format_value(_number(value), _KINDS.get(kind, kind), lang)  # type: ignore[arg-type]
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return ""
    if kind == "date" or isinstance(value, dt.date | pd.Timestamp):
        return format_date(pd.Timestamp(value).date(), lang)  # type: ignore[arg-type]
    return str(value)


def _table(block: Table, lang: str) -> dict[str, Any]:
    """A table block: every column, titled by its label, numbers formatted and right-aligned,
    platforms and channels by their names (LinkedIn, not linkedin)."""
    classes = {c: "num" if k in _NUMERIC else "text" if k == "longtext" else "date" if k == "date"
               else "" for c, k in block.formats.items()}  # fmt: skip
    classes |= {c: "num" for c, k in block.formats.items() if k == "shown"}  # already formatted
    columns = list(block.frame.columns)
    head = [
        _cell(block.labels.get(c, c), "num" if classes.get(c) == "num" else "") for c in columns
    ]
    if not any(cell["text"] for cell in head):
        head = []
    names = {
        c for c in columns
        if block.formats.get(c) is None and (holds_names(c, lang) or holds_names(block.labels.get(c), lang))
    }  # fmt: skip
    rows = [
        [
            _cell(
                _table_text(
                    display_name(row[c], lang)
                    if c in names and isinstance(row[c], str)
                    else row[c],
                    block.formats.get(c),
                    lang,
                ),
                classes.get(c, ""),
            )
            for c in columns
        ]
        for row in block.frame.to_dict("records")
    ]
    return {"kind": "table", "head": head, "rows": rows, "caption": block.caption}


def _figure(block: Chart, caption: str, prefix: str, lang: str = "en") -> dict[str, Any]:
    chart = block.spec
    if isinstance(chart, alt.Chart | alt.LayerChart):
        chart = chart.properties(width=760)
    svg = inline_svg(charts.styled(chart, lang=lang), prefix)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{Markup.escape(caption)}"', 1)
    return {"kind": "figure", "caption": caption, "svg": Markup(svg)}  # made here by vl-convert


def _walk(blocks: Sequence[Any]) -> Iterator[Any]:
    for block in blocks:
        if isinstance(block, Columns):
            for part in block.blocks:
                yield from _walk(part if isinstance(part, tuple | list) else (part,))
        else:
            yield block


def _view(view: PageView, counter: Iterator[int]) -> dict[str, Any]:
    """A view as the templates draw it: its sections' blocks turned into tables, figures and
    paragraphs (what the scrolling page shows; presenter-only blocks are left out)."""
    lang = view.lang
    sections = []
    for section in view.sections:
        title = section.heading or section.title
        out: list[dict[str, Any]] = []
        for block in _walk(section.blocks):
            if not shown(block, present=False):
                continue
            if isinstance(block, Tiles):
                out.append(_headline(block, lang))
            elif isinstance(block, Chart):
                caption = block.caption or block.heading or title
                figure = _figure(block, caption, f"c{next(counter)}", lang)
                if caption == title:  # the section's heading already names it
                    figure["caption"] = None
                out.append(figure)
            elif isinstance(block, Table):
                out.append(_table(block, lang))
            elif isinstance(block, Text):
                cls = _TEXT_CLASSES.get(block.kind, "")
                out.append({"kind": "text", "text": block.text, "cls": cls})
            elif isinstance(block, Metrics):
                rows = [
                    [_cell(m.label, title=m.help or ""), _cell(m.value, "num")] for m in block.items
                ]
                out.append({"kind": "table", "head": [], "rows": rows, "caption": None})
            elif isinstance(block, Needs):
                text = t("content.needs", lang, missing=", ".join(block.fields), hint=block.hint)
                out.append({"kind": "text", "text": text, "cls": "hint"})
        sections.append({"title": title, "blocks": out})
    return {"id": view.id, "title": view.title, "caption": view.caption, "sections": sections}


def _needs(views: Sequence[PageView]) -> list[dict[str, str]]:
    """The KPIs of the views' tiles that have no data: what each needs and which export has it."""
    seen: dict[str, dict[str, str]] = {}
    for view in views:
        for block in view.blocks():
            if not isinstance(block, Tiles):
                continue
            for need in block.needs:
                if need.kpi in seen:
                    continue
                name = _kpi_label(need.kpi, view.lang) if need.kpi in BY_ID else need.kpi
                seen[need.kpi] = {
                    "label": name,
                    "text": t("report.needs_item", view.lang, missing=", ".join(need.missing)),
                    "hint": t("report.needs_hint", view.lang, hint=need.hint) if need.hint else "",
                }
    return list(seen.values())


def render_view(view: PageView) -> str:
    """One view as a `<section>` of the report (an HTML fragment)."""
    return (
        _environment().get_template("view.html.j2").render(view=_view(view, iter(range(1, 10**6))))
    )


def render_report(
    views: Sequence[PageView],
    *,
    title: str = "KPI Explorer",
    meta: Sequence[str] = (),
    sources: Sequence[str] = (),
    lang: str = "en",
) -> str:
    """Views as one self-contained HTML document: a section per view, a subsection per section,
    then the KPIs that need data and the files read (see the module docstring)."""
    counter = iter(range(1, 10**6))
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            lang=lang,
            title=title,
            meta=list(meta),
            css=Markup((_TEMPLATES / "report.css").read_text(encoding="utf-8")),  # the app's own
            views=[_view(v, counter) for v in views],
            needs=_needs(views),
            needs_title=t("report.needs", lang),
            sources=list(sources),
            sources_title=t("report.sources", lang),
        )
    )


# --- the document -----------------------------------------------------------------------------


def _sources(data: SessionData, lang: str) -> list[str]:
    items = [
        t(
            "report.source_row",
            lang,
            file=table.loaded.label,
            loaded=format_count(table.loaded.report.rows_loaded, lang),
            rejected=format_count(table.loaded.report.rows_rejected, lang),
        )
        for table in data.tables
    ]
    return items + [
        t("report.source_error", lang, file=e.file, message=e.message) for e in data.errors
    ]


def build_report(
    data: SessionData,
    start: dt.date,
    end: dt.date,
    lang: str = "en",
    compare: str | None = "previous",
    today: dt.date | None = None,
) -> str:
    """The report of [start, end] as one self-contained HTML document: the Overview (headline
    KPIs, trend, engagement by platform), sessions and the top posts, and Leads & ROI."""
    from kpi.views.leads_report import leads_report_view
    from kpi.views.report_extras import report_extras

    if end < start:
        raise KpiError(t("error.period_backwards", lang, start=start, end=end))
    ctx = period_context(data, start, end, compare, grain_for(start, end), lang=lang)
    views = [
        VIEWS["overview"](ctx),
        report_extras(ctx),
        leads_report_view(data, lang=lang, start=start, end=end),
    ]
    meta = []
    if compare:
        c_start, c_end = comparison_range(start, end, compare)
        meta.append(t("report.compared", lang, start=format_date(c_start, lang),
                      end=format_date(c_end, lang)))  # fmt: skip
    meta.append(t("report.generated", lang, date=format_date(today or dt.date.today(), lang)))
    return render_report(
        views,
        title=period_title(start, end, lang),
        meta=meta,
        sources=_sources(data, lang) if data.tables or data.errors else (),
        lang=lang,
    )


def leads_section(
    data: SessionData,
    settings: LeadsSettings | None = None,
    lang: str = "en",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The report's Leads & ROI section as an HTML fragment (see `kpi.views.leads_report`)."""
    from kpi.views.leads_report import leads_report_view

    return render_view(leads_report_view(data, settings, lang, start, end))
