"""Every word shown to a person, and every number and date, goes through here, so adding a
language means adding a catalog, not hunting strings. English is the first catalog."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Mapping

from kpi.xmlsafe import xml_safe

_EN: dict[str, str] = {
    "app.title": "KPI Explorer",
    "app.busy": "Your previous request is still being worked on. Wait a moment, then try again.",
    "app.error": "Something went wrong while drawing this page, and it was stopped. "
    "Try another period or page; if it happens again, report it with the reference {reference}.",
    "app.bad_setting": "KPI Explorer cannot start because of how it is set up: {problem} "
    "Whoever runs it needs to correct the setting and restart it.",
    "app.sample_note": "Showing the bundled sample data (Café Aurora), not your files.",
    "app.sample_help": "Open Data and upload your exports to see your own KPIs for these dates.",
    "nav.overview": "Overview",
    "nav.data": "Data",
    "nav.engagement": "Engagement",
    "nav.audience": "Audience",
    "nav.content": "Content",
    "nav.traffic": "Traffic & conversions",
    "nav.paid": "Paid",
    "nav.explore": "Explore",
    "overview.title": "Overview",
    "overview.sample_banner": "You are looking at sample data for a fictitious coffee roaster, Café Aurora.",
    "overview.upload_link": "Upload your own files",
    "overview.period": "{start} – {end}, compared with {compared}",
    "overview.tiles": "Headline KPIs",
    "overview.unusable": "not split or filtered by {fields}: this data has no such field",
    "overview.report": "Report (HTML)",
    "overview.slides": "Slides (PDF)",
    "overview.trend_short": "Trend",
    "overview.needs_title": "These KPIs need more data:",
    "overview.no_platform": "No per-platform engagement in this period.",
    "overview.no_data": "No data yet. Upload the files your platforms export to see your KPIs.",
    "overview.needs": "needs: {missing}",
    "overview.needs_help": "Provided by {hint}.",
    "overview.trend": "{kpi} per period, against the comparison period",
    "overview.by_platform": "Engagement rate by platform",
    "overview.no_change": "no earlier period to compare",
    "overview.period_days": "Period",
    "overview.days": "{n} days",
    "overview.show_sql": "How these numbers are computed",
    "data.title": "Data",
    "data.intro": "Drop the files your platforms, web analytics, ad accounts and CRM export. "
    "CSV, TSV, TXT, Excel (XLSX, XLSM, XLS, ODS), Parquet and JSON are read as they come.",
    "data.uploader": "Upload your own files",
    "data.use_sample": "Go back to the sample data",
    "data.sample_note": "Showing the bundled sample data. Uploading files replaces it.",
    "data.uploads_note": "Showing your files.",
    "data.file_error": "**{file}** could not be read: {message}",
    "data.tables": "Loaded tables",
    "data.no_tables": "No tables loaded.",
    "data.rows_read": "Rows read",
    "data.rows_loaded": "Rows loaded",
    "data.rows_rejected": "Rows rejected",
    "data.dataset": "Recognised as",
    "data.dataset_none": "not recognised yet",
    "data.encoding": "Encoding",
    "data.delimiter": "Delimiter",
    "data.decimal": "Decimal separator",
    "data.header_line": "Header on line",
    "data.columns": "Columns",
    "data.skipped": "Lines that are not data (skipped)",
    "data.rejected": "Rejected rows",
    "data.download_rejected": "Download the rejected rows:",
    "data.preview": "First rows",
    "data.notes": "Notes",
    "data.loading": "Reading {n} file(s)…",
    "data.reading": "Reading {file}…",
    "data.phase_reading": "{file} ({i} of {n}): reading…",
    "data.phase_recognising": "{file} ({i} of {n}): recognising the columns…",
    "data.phase_summaries": "{file} ({i} of {n}): building summaries…",
    "data.read_files": "{n} file(s) read.",
    "data.already_loaded": "Already loaded, not read again: {files}.",
    "data.remove": "Remove",
    "data.needs_you": "{n} file(s) need you: rows were rejected, or a reading is unsure.",
    "data.show_file": "The other {n} file(s) read cleanly. Show one:",
    "data.pick_file": "Pick a file to see its tables and mapping",
    "data.col_status": "Status",
    "data.status_ok": "read cleanly",
    "data.status_check": "check it",
    "data.col_file": "File",
    "data.col_tables": "Tables",
    "data.loaded_summary": "{tables} table(s) loaded from {files} file(s); {errors} file(s) could not be read.",
    "map.title": "Mapping",
    "map.expander": "Mapping of {table}",
    "map.none": "not recognised as any dataset yet: pick one below if it holds KPIs",
    "map.saved": "your saved mapping",
    "map.person": "your mapping",
    "map.by_names": "column names",
    "map.summary": "**{dataset}**, from {how} ({confidence}% sure)",
    "map.review": "Please check this reading: the columns did not match clearly. Pick the dataset and fields below.",
    "map.dataset": "Dataset",
    "map.not_used": "— not used —",
    "map.platform": "Platform",
    "map.platform_column": "from the platform column",
    "map.platform_unknown": "unknown",
    "map.apply": "Apply mapping",
    "map.duplicate": "Each field can come from one column only: {fields} is chosen twice.",
    "map.unpivot": "{n} columns (one per {dimension} segment) become rows of the audience dataset.",
    "map.preview": "How the rows read after mapping (first 10):",
    "data.duplicates": "{n} row(s) of {dataset} appeared in more than one file; the newest file's rows were kept.",
    "data.workspace": "Workspace (your mappings, to reuse next week)",
    "data.workspace_download": "Download workspace file",
    "data.workspace_upload": "Upload a workspace file",
    "data.workspace_loaded": "Workspace loaded: saved mappings applied.",
    "data.timezone": "Your business's time zone",
    "data.timezone_help": "Hours of the day and weekdays (the best time to post) are read on "
    "this clock: Facebook and Instagram export times in it already, the other platforms' UTC "
    "times are converted. Saved in your workspace file.",
    "data.pending": "**{table}** is not used in any KPI until you confirm its reading: it looks "
    "like {dataset}, but not clearly. Check the dataset and fields in its mapping below and "
    "press Apply mapping.",
    "data.pending_summary": "{n} table(s) are not used in any KPI until you confirm their "
    "reading (Apply mapping).",
    "sep.comma": "comma (1.234,5)",
    "sep.point": "point (1,234.5)",
    "dl.csv": "CSV",
    "dl.xlsx": "Excel",
    "dl.png": "PNG",
    "dl.svg": "SVG",
    "chart.current": "Selected period",
    "chart.previous": "Comparison period",
    "chart.period": "Period",
    "ctl.present": "Presenter mode",
    "present.exit": "Leave presenter mode",
    "present.previous": "Previous",
    "present.next": "Next",
    "present.position": "{n} / {total} · {title}",
    "ctl.range": "Dates",
    "ctl.grain": "Grain",
    "ctl.compare": "Compare with",
    "ctl.platform": "Platforms",
    "ctl.campaign": "Campaigns",
    "ctl.all": "All",
    "grain.day": "Day",
    "grain.week": "Week (from Monday)",
    "grain.month": "Month",
    "grain.quarter": "Quarter",
    "compare.previous": "The period before",
    "compare.year": "Same period last year",
    "compare.none": "Nothing",
    "tile.target": "target {target}",
    "tile.covers": "{platforms} only",
    "tile.source.leads": "from the CRM export",
    "tile.source.ads": "from the ads export",
    "tile.source.web_traffic": "from the web analytics export",
    "tile.source.orders": "from the shop's orders export",
    "tile.source.other": "from the {dataset} data",
    "overview.needs_breakdown": "shown per {fields}: pick a breakdown in Explore",
    "overview.needs_currency": "amounts in several currencies ({currencies}): "
    "see them per currency in Explore",
    "overview.needs_currencies": "amounts in several currencies: see them per currency in Explore",
    "platform.facebook": "Facebook",
    "platform.instagram": "Instagram",
    "platform.x": "X",
    "platform.linkedin": "LinkedIn",
    "platform.tiktok": "TikTok",
    "platform.youtube": "YouTube",
    "platform.google": "Google",
    "platform.email": "Email",
    "targets.title": "Targets",
    "targets.help": "A target per KPI for any period; tiles turn green, orange or red against it. "
    "Saved in your workspace file. Leave 0 for no target.",
    "targets.save": "Save targets",
    "col.source": "In the file",
    "col.name": "Column",
    "col.type": "Type",
    "col.detail": "Format",
    "rej.line": "Line",
    "rej.reason": "Reason",
    "rej.raw": "Raw text",
}


def _page_texts() -> None:
    """Merge every `kpi/i18n/en_*.py` module's TEXT into the English catalog (one per page area,
    so pages add their words without touching this file)."""
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("en_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            clashes = set(module.TEXT) & set(_EN)
            if clashes:
                raise ValueError(f"{info.name} redefines {sorted(clashes)}")
            _EN.update(module.TEXT)


_page_texts()
CATALOGS = {"en": _EN}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang` (English where a translation is missing), with values filled in."""
    text = CATALOGS.get(lang, _EN).get(key) or _EN.get(key) or key
    return text.format(**values) if values else text


# Currencies written with a symbol before the amount (€1,234), and after it (1,234 zł); any
# other code follows the amount (1,234 COP).
CURRENCY_PREFIXES = {"EUR": "€", "USD": "$", "GBP": "£"}
CURRENCY_SUFFIXES = {"PLN": "zł"}


def row_currency(row: Mapping[str, object]) -> str | None:
    """A result row's currency code as text safe for any output (charts, PDF), or None."""
    value = row.get("currency")
    if not isinstance(value, str):
        return None
    return xml_safe(value).strip()[:12] or None


def format_money(amount: str, currency: str | None = None) -> str:
    """An amount already written as digits, with its currency (ISO code; None: euros)."""
    code = (currency or "EUR").strip()
    if code.upper() in CURRENCY_PREFIXES:
        return f"{CURRENCY_PREFIXES[code.upper()]}{amount}"
    if code.upper() in CURRENCY_SUFFIXES:
        return f"{amount} {CURRENCY_SUFFIXES[code.upper()]}"
    return f"{amount} {code}" if code else amount


def format_value(
    value: float | None, kind: str, lang: str = "en", currency: str | None = None
) -> str:
    """A KPI value as a person reads it: 12,345 · 4.2% · €1,234 · $1,234 · 1,234 COP · 2.35× ·
    1h 05m. `currency` is the amount's ISO code (None: euros, as the sample's)."""
    if value is None:
        return "—"
    if kind == "percent":
        return f"{value * 100:,.1f}%"
    if kind == "currency":
        amount = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
        return format_money(amount, currency)
    if kind == "ratio":
        return f"{value:,.2f}×"
    if kind == "duration":
        minutes, seconds = divmod(round(value), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m {seconds:02d}s"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.1f}k"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.2f}"


def format_count(value: int, lang: str = "en") -> str:
    """An exact count, as people write it in `lang` (English: 10,000), never shortened."""
    return f"{value:,}"


def format_change(change: float | None, kind: str, lang: str = "en") -> str | None:
    """A change for a tile: percentage points for a percent KPI, relative change otherwise."""
    if change is None:
        return None
    if kind == "percent":
        return f"{change * 100:+.1f} pp"
    return f"{change * 100:+.1f}%"


def format_date(value: dt.date, lang: str = "en") -> str:
    """A date as people write it in `lang` (English: 3 Mar 2026)."""
    return f"{value.day} {value.strftime('%b %Y')}"
