"""The weekly or monthly report as ONE self-contained HTML document: inline CSS, charts as inline
SVG rendered offline by vl-convert, no script, no font file, no external address of any kind.

Every value that comes from the person's files (post texts, platform names, file names) is
HTML-escaped; every word goes through `t()` and every number through `format_value`."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import duckdb
import pandas as pd

from kpi import charts
from kpi.catalog import BY_ID, Kpi
from kpi.engine import Need, Request, Result, available_fields, comparison_range, run
from kpi.errors import KpiError
from kpi.export import chart_svg
from kpi.i18n import format_change, format_date, format_value, row_currency, t
from kpi.store import SessionData

# Always shown (or listed under "KPIs that need data").
CORE = (
    "impressions",
    "engagement_rate",
    "followers",
    "new_followers",
    "sessions",
    "leads",
    "spend",
    "roas",
)
# Shown when the period has data for them.
EXTRA = (
    "reach",
    "social_sessions",
    "bounce_rate",
    "cost_per_lead",
    "brand_mentions",
    "first_response_time_median",
)
HEADLINE: tuple[str, ...] = tuple(k for k in (*CORE, *EXTRA) if k in BY_ID)
PERIODS = ("last-week", "last-month")
TOP_POSTS = 5
_TEXT_CHARS = 180  # a post's text is cut to this many characters in the table

_COLOURS = {"good": "#1a7f37", "bad": "#b42318", "neutral": "#555", "warning": "#b54708"}


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
        return t("report.title_month", lang, month=start.strftime("%B %Y"))
    return t("report.title_range", lang, start=format_date(start, lang), end=format_date(end, lang))


# --- data -------------------------------------------------------------------------------------

TOP_POSTS_SQL = """
SELECT
    coalesce(text, post_id, '') AS text,
    platform,
    CAST(published_at AS DATE) AS day,
    impressions,
    coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) AS engagements,
    (coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0))
        / nullif(impressions, 0) AS engagement_rate
FROM posts
WHERE CAST(published_at AS DATE) BETWEEN ? AND ?
ORDER BY engagements DESC, published_at, post_id
LIMIT ?
"""


def top_posts(
    con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, n: int = TOP_POSTS
) -> pd.DataFrame:
    """The `n` posts of [start, end] with the most engagements (likes + comments + shares):
    text, platform, day, impressions, engagements, engagement_rate. Empty without posts."""
    columns = ["text", "platform", "day", "impressions", "engagements", "engagement_rate"]
    if available_fields(con, "posts") is None:
        return pd.DataFrame(columns=columns)
    return con.execute(TOP_POSTS_SQL, [start, end, n]).df()


def headline(
    data: SessionData,
    start: dt.date,
    end: dt.date,
    compare: str | None = "previous",
    filters: Mapping[str, tuple[str, ...]] | None = None,
) -> Result:
    """One value per headline KPI over the period, with change, target and status; KPIs outside
    the core list are dropped when they have no value in the period."""
    request = Request(
        HEADLINE,
        start,
        end,
        None,
        compare=compare,
        filters=dict(filters or {}),
        targets=dict(data.workspace.targets),
    )
    result = run(data.con, request)
    rows = result.rows
    keep = rows["kpi"].isin(CORE) | rows["value"].notna()
    result.rows = rows[keep].reset_index(drop=True)
    return result


def _chart_rows(rows: pd.DataFrame) -> pd.DataFrame:
    # vl-convert needs JSON: dates become timestamps (a datetime.date is not serialisable).
    return rows.assign(period_start=pd.to_datetime(rows["period_start"]))


def trend_chart(
    data: SessionData,
    kpi_id: str,
    start: dt.date,
    end: dt.date,
    compare: str | None = "previous",
    grain: str | None = None,
    filters: Mapping[str, tuple[str, ...]] | None = None,
    lang: str = "en",
) -> alt.Chart | None:
    """A KPI per period against the comparison period, or None when the period has no data."""
    kpi = BY_ID[kpi_id]
    request = Request(
        (kpi_id,),
        start,
        end,
        grain or grain_for(start, end),
        compare=compare,
        filters=dict(filters or {}),
    )
    result = run(data.con, request)
    if result.needs or result.rows.empty or result.rows["value"].isna().all():
        return None
    chart = charts.trend_with_comparison(
        _chart_rows(result.rows), _label(kpi, lang), charts.number_format(kpi.format)
    )
    # One legend for colour and dash: both scales get the same domain, in the same order.
    series = [t("chart.current", lang), t("chart.previous", lang)]
    series = series[:1] if result.rows["previous"].isna().all() else series
    legend = alt.Legend(orient="top", labelLimit=0)
    return chart.encode(
        color=alt.Color(
            "series:N",
            title=None,
            legend=legend,
            scale=alt.Scale(domain=series, range=charts.PALETTE[:2]),
        ),
        strokeDash=alt.StrokeDash(
            "series:N",
            title=None,
            legend=legend,
            scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]][: len(series)]),
        ),
    )


def platform_chart(
    data: SessionData,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, tuple[str, ...]] | None = None,
    lang: str = "en",
) -> alt.Chart | None:
    """Engagement rate per platform over the period, or None without per-platform data."""
    request = Request(
        ("engagement_rate",), start, end, None, ("platform",), filters=dict(filters or {})
    )
    result = run(data.con, request)
    rows = result.rows
    if result.needs or rows.empty or rows["value"].isna().all():
        return None
    rows = rows[rows["value"].notna()].reset_index(drop=True)
    return charts.bar_by(
        _chart_rows(rows), "platform", _label(BY_ID["engagement_rate"], lang), percent=True
    )


# --- formatting -------------------------------------------------------------------------------


def _label(kpi: Kpi, lang: str) -> str:
    return kpi.labels.get(lang) or kpi.label


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        return None if pd.isna(value) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def tile_change(row: Mapping[str, object], kpi: Kpi) -> float | None:
    """The change a tile shows: percentage points for a rate, relative change otherwise."""
    return _number(row.get("change") if kpi.format == "percent" else row.get("change_pct"))


def tone(change: float | None, direction: str) -> str:
    """good, bad or neutral for a change, respecting whether higher or lower is better."""
    if change is None or change == 0:
        return "neutral"
    better = change > 0 if direction == "higher" else change < 0
    return "good" if better else "bad"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


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


# --- the document -----------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #1f2328; margin: 0 auto; max-width: 1040px; padding: 24px 32px 48px; line-height: 1.45; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
p.meta { color: #57606a; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.text { max-width: 460px; overflow-wrap: anywhere; }
td.date { white-space: nowrap; }
.good { color: #1a7f37; } .bad { color: #b42318; } .neutral { color: #555; } .warning { color: #b54708; }
.dot { font-weight: 700; }
figure { margin: 12px 0 24px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: 6px; }
ul.needs li, ul.sources li { margin: 4px 0; }
.hint { color: #57606a; }
@media print { body { padding: 0; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
"""


def _headline_table(result: Result, lang: str, compare: bool) -> str:
    if result.rows.empty:
        return f"<p>{_e(t('report.no_headline', lang))}</p>"
    with_targets = result.rows["target"].notna().any()
    head = [
        f"<th>{_e(t('report.kpi', lang))}</th>",
        f'<th class="num">{_e(t("report.value", lang))}</th>',
    ]
    if compare:
        head += [
            f'<th class="num">{_e(t("report.change", lang))}</th>',
            f'<th class="num">{_e(t("report.previous", lang))}</th>',
        ]
    if with_targets:
        head += [
            f'<th class="num">{_e(t("report.target", lang))}</th>',
            f"<th>{_e(t('report.status', lang))}</th>",
        ]
    body = []
    for row in result.rows.to_dict("records"):
        kpi = BY_ID[row["kpi"]]
        currency = row_currency(row)
        cells = [
            f'<td title="{_e(kpi.descriptions.get(lang) or kpi.description)}">'
            f"{_e(_label(kpi, lang))}</td>",
            f'<td class="num">{_e(format_value(_number(row["value"]), kpi.format, lang, currency))}</td>',
        ]
        if compare:
            change = tile_change(row, kpi)
            text = format_change(change, kpi.format, lang) or t("report.no_change", lang)
            arrow = "" if change is None or change == 0 else ("▲ " if change > 0 else "▼ ")
            cells += [
                f'<td class="num {tone(change, kpi.direction)}">{_e(arrow + text)}</td>',
                f'<td class="num">{_e(format_value(_number(row["previous"]), kpi.format, lang, currency))}</td>',
            ]
        if with_targets:
            target = _number(row.get("target"))
            status = row.get("status") if isinstance(row.get("status"), str) else None
            cells += [
                f'<td class="num">{_e(format_value(target, kpi.format, lang, currency) if target is not None else "")}</td>',
                f'<td class="{_e(status or "neutral")}">'
                + (
                    f'<span class="dot">●</span> {_e(t(f"report.status.{status}", lang))}'
                    if status
                    else ""
                )
                + "</td>",
            ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure(chart: alt.Chart | None, caption: str, prefix: str, lang: str) -> str:
    if chart is None:
        return (
            f"<figure><figcaption>{_e(caption)}</figcaption>"
            f'<p class="hint">{_e(t("report.no_chart", lang))}</p></figure>'
        )
    svg = inline_svg(charts.styled(chart.properties(width=760)), prefix)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{_e(caption)}"', 1)
    return f"<figure><figcaption>{_e(caption)}</figcaption>{svg}</figure>"


def _posts_table(posts: pd.DataFrame, lang: str) -> str:
    if posts.empty:
        return f"<p>{_e(t('report.no_posts', lang))}</p>"
    head = (
        f"<th>{_e(t('report.post', lang))}</th><th>{_e(t('report.platform', lang))}</th>"
        f"<th>{_e(t('report.date', lang))}</th>"
        f'<th class="num">{_e(t("report.impressions", lang))}</th>'
        f'<th class="num">{_e(t("report.engagements", lang))}</th>'
        f'<th class="num">{_e(t("report.engagement_rate", lang))}</th>'
    )
    body = []
    for row in posts.to_dict("records"):
        text = str(row["text"] or "")
        if len(text) > _TEXT_CHARS:
            text = text[: _TEXT_CHARS - 1].rstrip() + "…"
        day = row["day"]
        day_text = format_date(pd.Timestamp(day).date(), lang) if not pd.isna(day) else ""
        platform = row["platform"] if isinstance(row["platform"], str) else ""
        body.append(
            "<tr>"
            f'<td class="text">{_e(text)}</td><td>{_e(platform)}</td><td class="date">{_e(day_text)}</td>'
            f'<td class="num">{_e(format_value(_number(row["impressions"]), "count", lang))}</td>'
            f'<td class="num">{_e(format_value(_number(row["engagements"]), "count", lang))}</td>'
            f'<td class="num">{_e(format_value(_number(row["engagement_rate"]), "percent", lang))}</td>'
            "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _needs_list(needs: Sequence[Need], lang: str) -> str:
    items = []
    for need in needs:
        kpi = BY_ID.get(need.kpi)
        label = _label(kpi, lang) if kpi else need.kpi
        hint = (
            f' <span class="hint">{_e(t("report.needs_hint", lang, hint=need.hint))}</span>'
            if need.hint
            else ""
        )
        items.append(
            f"<li><strong>{_e(label)}</strong>: "
            f"{_e(t('report.needs_item', lang, missing=', '.join(need.missing)))}.{hint}</li>"
        )
    return f'<ul class="needs">{"".join(items)}</ul>'


def _sources(data: SessionData, lang: str) -> str:
    items = [
        t(
            "report.source_row",
            lang,
            file=table.loaded.label,
            loaded=f"{table.loaded.report.rows_loaded:,}",
            rejected=f"{table.loaded.report.rows_rejected:,}",
        )
        for table in data.tables
    ]
    items += [t("report.source_error", lang, file=e.file, message=e.message) for e in data.errors]
    return '<ul class="sources">' + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def build_report(
    data: SessionData,
    start: dt.date,
    end: dt.date,
    lang: str = "en",
    compare: str | None = "previous",
    today: dt.date | None = None,
) -> str:
    """The report of [start, end] as one self-contained HTML document (see the module docstring)."""
    if end < start:
        raise KpiError(t("error.period_backwards", lang, start=start, end=end))
    title = period_title(start, end, lang)
    tiles = headline(data, start, end, compare)
    doc: list[str] = []

    def add(*chunks: str) -> None:
        doc.extend(chunks)

    add(
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
        # Nothing may load from anywhere: the file works offline and leaks nothing when opened.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>",
    )
    if compare:
        c_start, c_end = comparison_range(start, end, compare)
        add(
            f'<p class="meta">{_e(t("report.compared", lang, start=format_date(c_start, lang), end=format_date(c_end, lang)))}</p>'
        )
    add(
        f'<p class="meta">{_e(t("report.generated", lang, date=format_date(today or dt.date.today(), lang)))}</p>'
        "</header>",
        f"<section><h2>{_e(t('report.headline', lang))}</h2>",
        _headline_table(tiles, lang, compare is not None),
        "</section>",
        f"<section><h2>{_e(t('report.charts', lang))}</h2>",
    )
    shown = set(tiles.rows["kpi"]) if not tiles.rows.empty else set()
    trend_kpi = "impressions" if "impressions" in shown else next(iter(sorted(shown)), None)
    if trend_kpi is not None:
        label = _label(BY_ID[trend_kpi], lang)
        add(
            _figure(
                trend_chart(data, trend_kpi, start, end, compare, lang=lang),
                t("report.trend", lang, kpi=label),
                "c1",
                lang,
            )
        )
    add(
        _figure(
            platform_chart(data, start, end, lang=lang), t("report.by_platform", lang), "c2", lang
        ),
        _figure(
            trend_chart(data, "sessions", start, end, compare, lang=lang),
            t("report.sessions", lang),
            "c3",
            lang,
        ),
        "</section>",
        f"<section><h2>{_e(t('report.top_posts', lang, n=TOP_POSTS))}</h2>",
        _posts_table(top_posts(data.con, start, end), lang),
        "</section>",
    )
    add(leads_section(data, lang=lang, start=start, end=end))
    if tiles.needs:
        add(
            f"<section><h2>{_e(t('report.needs', lang))}</h2>",
            _needs_list(tiles.needs, lang),
            "</section>",
        )
    if data.tables or data.errors:
        add(
            f"<section><h2>{_e(t('report.sources', lang))}</h2>", _sources(data, lang), "</section>"
        )
    add("</body></html>")
    return "\n".join(doc)


# --- Leads & ROI ------------------------------------------------------------------------------
# The page (app_pages/leads.py), its slides and this section share these settings and tables.

GROWTH_KPIS = tuple(
    k
    for k in (
        "leads", "social_leads", "qualified_leads", "converted_leads", "lead_conversion_rate",
        "social_lead_revenue", "new_customers", "order_revenue", "revenue_per_customer",
        "sessions", "spend",
    )
    if k in BY_ID
)  # fmt: skip
# What the sample business (Café Aurora) says a lead, a qualified lead and a customer are worth
# and what its community team costs a month; a person's own data starts from zero.
SAMPLE_STAGE_VALUES = {"value_lead": 5.0, "value_qualified": 25.0, "value_customer": 120.0,
                       "staff_cost": 1000.0}  # fmt: skip


@dataclass(frozen=True)
class LeadsSettings:
    """What the person sets on the Leads & ROI page; all but the campaign dates are saved in
    the workspace under `WORKSPACE_KEY`."""

    by: str = "channel"
    measure: str = "revenue"
    half_life: float = 7.0
    retention_days: int = 90
    slow_below: float = 40.0
    fast_from: float = 70.0
    value_lead: float = 0.0
    value_qualified: float = 0.0
    value_customer: float = 0.0
    staff_cost: float = 0.0
    kpi: str = "leads"
    lift_from: dt.date | None = None
    lift_to: dt.date | None = None


WORKSPACE_KEY = "leads"
KEPT_IN_WORKSPACE = frozenset(
    ("by", "measure", "half_life", "retention_days", "slow_below", "fast_from", "value_lead",
     "value_qualified", "value_customer", "staff_cost", "kpi")
)  # fmt: skip


def leads_defaults(data: SessionData, start: dt.date, end: dt.date) -> LeadsSettings:
    """Starting settings: what the workspace saved, else on the sample data the sample
    business's stage values and staff cost; the campaign marked is the chosen date range."""
    extra: dict[str, object] = dict(SAMPLE_STAGE_VALUES) if data.source == "sample" else {}
    saved = data.workspace.other.get(WORKSPACE_KEY)
    if isinstance(saved, dict):
        kinds = {f: type(getattr(LeadsSettings(), f)) for f in KEPT_IN_WORKSPACE}
        for key, value in saved.items():
            if (
                key in kinds
                and isinstance(value, int | float | str)
                and not isinstance(value, bool)
            ):
                extra[key] = kinds[key](value)
    return LeadsSettings(lift_from=start, lift_to=end, **extra)


def _status(c: object) -> str:
    from kpi.analytics.groups import Comparison

    assert isinstance(c, Comparison)
    if not c.readable:
        return "not_readable"
    if c.p_value is None:
        return "no_test"
    return "significant" if c.p_value < 0.05 else "not_significant"


def group_tone(c: object) -> str | None:
    """good or bad for social when a readable comparison's difference is significant (a lower
    CAC is the better one), else None: no colour for chance or for too few."""
    if _status(c) != "significant":
        return None
    difference = getattr(c, "difference", None) or 0.0
    better = difference < 0 if getattr(c, "metric", "") == "cac" else difference > 0
    return "good" if better else "bad"


def groups_table(results: Sequence[object], lang: str = "en") -> pd.DataFrame:
    """One row per control-group comparison (social − other): both groups' n and value, the
    difference, its 95 % interval, the p-value, the test and the reading ("not yet readable"
    below the minimum sample). A comparison whose data is missing says what it needs."""
    from kpi.analytics.groups import Comparison, fmt

    rows = []
    for c in results:
        if not isinstance(c, Comparison):
            rows.append({t("leads.col.metric", lang): "", t("leads.col.reading", lang): str(c)})
            continue
        a, b = c.groups
        m = c.metric
        ci = (
            f"[{fmt(c.ci_low, m, True)}, {fmt(c.ci_high, m, True)}]"
            if c.ci_low is not None and c.ci_high is not None
            else "—"
        )
        rows.append(
            {
                t("leads.col.metric", lang): t(f"leads.metric.{m}", lang),
                t("leads.col.n_social", lang): a.n,
                t("leads.col.social", lang): fmt(a.value, m),
                t("leads.col.n_other", lang): b.n,
                t("leads.col.other", lang): fmt(b.value, m),
                t("leads.col.difference", lang): fmt(c.difference, m, True),
                t("leads.col.ci", lang): ci,
                t("leads.col.p_value", lang): c.p_value,
                t("leads.col.reading", lang): t(f"leads.status.{_status(c)}", lang),
                t("leads.col.test", lang): c.test,
            }
        )
    return pd.DataFrame(rows)


def p_text(value: object) -> str:
    """A p-value as people read it: < 0.001, 0.012, or empty without a test."""
    if value is None or value != value:
        return ""
    return "< 0.001" if float(value) < 0.001 else f"{float(value):.3f}"


def groups_frame(results: Sequence[object]) -> pd.DataFrame:
    """The comparisons for the chart of differences: metric_key, metric_label, difference,
    ci_low, ci_high (rates in percentage points), status."""
    from kpi.analytics.groups import RATES, Comparison

    rows = []
    for c in results:
        if not isinstance(c, Comparison) or c.difference is None:
            continue
        scale = 100.0 if c.metric in RATES else 1.0
        unit = t("leads.unit.pp") if c.metric in RATES else t("leads.unit.money")
        if c.metric == "saves_per_customer":
            unit = t("leads.unit.saves")
        rows.append(
            {
                "metric_key": c.metric,
                "metric_label": f"{t(f'leads.metric.{c.metric}')} ({unit})",
                "difference": c.difference * scale,
                "ci_low": None if c.ci_low is None else c.ci_low * scale,
                "ci_high": None if c.ci_high is None else c.ci_high * scale,
                "status": _status(c),
            }
        )
    columns = ["metric_key", "metric_label", "difference", "ci_low", "ci_high", "status"]
    return pd.DataFrame(rows, columns=columns)


def _frame_table(frame: pd.DataFrame, kinds: Mapping[str, str | None], lang: str) -> str:
    """A small frame as an HTML table; `kinds` maps a column to its format (None for text)."""
    head = "".join(
        f'<th class="{"num" if kinds.get(c) else ""}">{_e(c)}</th>' for c in frame.columns
    )
    body = []
    for row in frame.to_dict("records"):
        cells = []
        for c in frame.columns:
            kind, value = kinds.get(c), row[c]
            if kind:
                text = format_value(_number(value), kind, lang)
                cells.append(f'<td class="num">{_e(text)}</td>')
            else:
                cells.append(f"<td>{_e('' if value is None or value != value else value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def leads_section(
    data: SessionData,
    settings: LeadsSettings | None = None,
    lang: str = "en",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The report's Leads & ROI section: attribution under every model, the roles of each
    channel, social against other customers, lead-score buckets and the ROI of social. A part
    whose data is missing says which export provides it. With `start`/`end` (the report's
    period) every part follows it: journeys converting, leads created and customers acquired
    in it; without, every lead and customer loaded."""
    from kpi.analytics import attribution as attr
    from kpi.analytics import cohorts, groups, journeys, lead_scores, stages
    from kpi.charts import roi

    s = settings or leads_defaults(data, start or dt.date.today(), end or dt.date.today())
    con = data.con
    span = {"start": start, "end": end}
    by_title = t(f"leads.by.{s.by}", lang)
    out = [f'<section id="leads"><h2>{_e(t("leads.title", lang))}</h2>']
    if start is not None and end is not None:
        scope = t("leads.report_range", lang, start=format_date(start, lang),
                  end=format_date(end, lang))  # fmt: skip
        out.append(f'<p class="hint">{_e(scope)}</p>')

    def part(title: str, build: Callable[[], str]) -> None:
        out.append(f"<h3>{_e(title)}</h3>")
        try:
            out.append(build())
        except KpiError as exc:
            out.append(f'<p class="hint">{_e(exc.user_message)}</p>')

    def models() -> str:
        frame = attr.compare_models(con, s.by, s.half_life, **span)
        markov = attr.attribution(con, "markov", s.by, **span)
        if frame.empty:
            raise KpiError(t("leads.no_journeys_in_range", lang))
        intro = t(
            "leads.models_caption", lang,
            conversions=format_value(markov.total_conversions, "count", lang),
            revenue=format_value(markov.total_revenue, "currency", lang),
            measure=t(f"leads.measure.{s.measure}", lang).lower(),
            total=format_value(markov.total_revenue if s.measure == "revenue" else markov.total_conversions,
                               "currency" if s.measure == "revenue" else "count", lang),
        )  # fmt: skip
        wide = roi.models_table(frame, s.measure, by_title)
        kind = "currency" if s.measure == "revenue" else "decimal"
        kinds = {c: kind for c in wide.columns[1:]}
        chart = roi.models_bars(frame, s.measure, by_title)
        return (
            f"<p>{_e(intro)}</p>"
            + _figure(chart, t("leads.models_title", lang), "l1", lang)
            + _frame_table(wide, kinds, lang)
        )

    def roles() -> str:
        totals = journeys.role_totals(con, s.by, **span)
        notes = "".join(
            "<p>"
            + _e(
                t(
                    "leads.assister_plain", lang, name=r["key"],
                    assists=f"{int(r['assist']):,}", converts=f"{int(r['converting']):,}",
                )
            )
            + "</p>"
            for r in roi.assisters(totals).head(2).to_dict("records")
        )  # fmt: skip
        shown = totals.rename(
            columns={"key": by_title, **{r: t(f"leads.role.{r}", lang) for r in journeys.ROLES},
                     "assists_per_conversion": t("leads.col.assists_per_conversion", lang)}
        )  # fmt: skip
        kinds = {c: "count" for c in shown.columns[1:4]} | {shown.columns[4]: "decimal"}
        return notes + _frame_table(shown, kinds, lang)

    def control() -> str:
        results = []
        for metric in groups.METRICS:
            try:
                results.append(
                    groups.compare(con, metric, "social", days=int(s.retention_days), **span)
                )
            except KpiError as exc:
                results.append(exc.user_message)
        if not any(isinstance(r, groups.Comparison) for r in results):
            raise KpiError(next(r for r in results if isinstance(r, str)))
        frame = groups_table(results, lang)
        p = t("leads.col.p_value", lang)
        frame[p] = [p_text(v) for v in frame[p]]
        kinds = {t("leads.col.n_social", lang): "count", t("leads.col.n_other", lang): "count"}
        return (
            f'<p class="hint">{_e(t("leads.groups_caption", lang, n=groups.MIN_N))}</p>'
            + _frame_table(frame, kinds, lang)
        )

    def buckets() -> str:
        totals = lead_scores.bucket_totals(con, s.slow_below, s.fast_from, **span)
        shown = totals.assign(bucket=[t(f"leads.bucket.{b}", lang) for b in totals["bucket"]])
        shown = shown.rename(columns={c: t(f"leads.col.{c}", lang) for c in totals.columns})
        kinds = {
            t("leads.col.leads", lang): "count", t("leads.col.social_leads", lang): "count",
            t("leads.col.conversions", lang): "count", t("leads.col.cost", lang): "currency",
            t("leads.col.conversion_rate", lang): "percent",
            t("leads.col.cost_per_conversion", lang): "currency",
        }  # fmt: skip
        caption = t("leads.buckets_report", lang, slow=f"{s.slow_below:g}", fast=f"{s.fast_from:g}")
        return f"<p>{_e(caption)}</p>" + _frame_table(shown, kinds, lang)

    def social_roi() -> str:
        values = stages.StageValues(s.value_lead, s.value_qualified, s.value_customer)
        r = stages.social_roi(con, values, s.staff_cost, **span)
        items = [
            ("leads.social_value", format_value(r["value"], "currency", lang)),
            ("leads.social_revenue", format_value(r["revenue"], "currency", lang)),
            ("leads.social_cost", format_value(r["cost"], "currency", lang)),
            ("leads.social_roi", format_value(r["roi_value"], "percent", lang)),
            ("leads.social_roi_revenue", format_value(r["roi_revenue"], "percent", lang)),
        ]
        rows = "".join(
            f'<tr><td>{_e(t(k, lang))}</td><td class="num">{_e(v)}</td></tr>' for k, v in items
        )
        return f"<table><tbody>{rows}</tbody></table>"

    def customers() -> str:
        frame = cohorts.cac_and_ltv(con, **span)
        shown = frame.rename(columns={c: t(f"leads.col.{c}", lang) for c in frame.columns})
        kinds = {t(f"leads.col.{c}", lang): k for c, k in (
            ("spend", "currency"), ("customers", "count"), ("cac", "currency"), ("ltv", "currency"),
            ("ltv_to_cac", "ratio"), ("months_covered", "decimal"))}  # fmt: skip
        return _frame_table(shown, kinds, lang)

    part(t("leads.models_title", lang), models)
    part(t("leads.roles_title", lang), roles)
    part(t("leads.groups_title", lang), control)
    part(t("leads.cac_by_channel", lang), customers)
    part(t("leads.buckets_title", lang), buckets)
    part(t("leads.stages_title", lang), social_roi)
    out.append("</section>")
    return "".join(out)
