"""Slides as a PDF: one 1280×720 page per slide, its title on top and its charts (rendered to PNG
offline by vl-convert) laid out below with Pillow. Nothing here needs a browser or the network.

`view_slides` draws a page view (`kpi.views`): one slide per section, with its tiles as a
chart-drawn table, its charts, its tables and what it lacks — the sections the page shows in
presenter mode."""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import altair as alt
import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from kpi import charts
from kpi.catalog import BY_ID
from kpi.export import chart_png
from kpi.i18n import format_change, format_date, format_value, row_currency, t
from kpi.i18n.names import display_name, holds_names
from kpi.store import SessionData
from kpi.views import VIEWS, Chart, Columns, Needs, PageView, Table, Text, Tiles, shown
from kpi.views.common import context, needs_text, period_context, tile_change, tone

WIDTH, HEIGHT = 1280, 720
MARGIN = 48
TITLE_SIZE = 40
TITLE_BAND = 112  # the title's height band at the top of each slide
GAP = 24
_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)
_TONES = {"good": "#1a7f37", "bad": "#b42318", "neutral": "#57606a"}

Slide = tuple[str, list[alt.TopLevelMixin]]


@cache
def _title_font(size: int = TITLE_SIZE) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _fit(image: Image.Image, width: int, height: int) -> Image.Image:
    scale = min(width / image.width, height / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _page(title: str, pictures: Sequence[alt.TopLevelMixin]) -> Image.Image:
    page = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(page)
    font = _title_font()
    text = title
    while draw.textlength(text, font=font) > WIDTH - 2 * MARGIN and len(text) > 1:
        text = text[:-2].rstrip() + "…"
    draw.text((MARGIN, MARGIN), text, font=font, fill="#1f2328")
    draw.line((MARGIN, TITLE_BAND - 8, WIDTH - MARGIN, TITLE_BAND - 8), fill="#d0d7de", width=2)
    if not pictures:
        return page
    columns = 1 if len(pictures) == 1 else 2
    rows = math.ceil(len(pictures) / columns)
    box_w = (WIDTH - 2 * MARGIN - GAP * (columns - 1)) // columns
    box_h = (HEIGHT - TITLE_BAND - MARGIN - GAP * (rows - 1)) // rows
    for i, chart in enumerate(pictures):
        image = Image.open(io.BytesIO(chart_png(chart, scale=2.0))).convert("RGB")
        image = _fit(image, box_w, box_h)
        col, row = i % columns, i // columns
        x = MARGIN + col * (box_w + GAP) + (box_w - image.width) // 2
        y = TITLE_BAND + row * (box_h + GAP) + (box_h - image.height) // 2
        page.paste(image, (x, y))
    return page


def slides_pdf(pages: Sequence[Slide]) -> bytes:
    """A PDF with one 1280×720 page per (title, charts) slide; at least one slide is needed."""
    if not pages:
        raise ValueError("A slide deck needs at least one slide.")
    images = [_page(title, list(pictures)) for title, pictures in pages]
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=96.0,
        title="KPI Explorer",
    )
    return buffer.getvalue()


def tiles_chart(rows: pd.DataFrame, lang: str = "en", compare: bool = True) -> alt.HConcatChart:
    """Headline KPIs as a chart-drawn table: label, value and change (coloured by direction)."""
    records = []
    for i, row in enumerate(rows.to_dict("records")):
        kpi = BY_ID[row["kpi"]]
        change = tile_change(row, kpi) if compare else None
        value = row["value"]
        records.append(
            {
                "row": i,
                "label": kpi.labels.get(lang) or kpi.label,
                "value": format_value(
                    None if pd.isna(value) else float(value),
                    kpi.format,
                    lang,
                    currency=row_currency(row),
                ),
                "change": (format_change(change, kpi.format, lang) or "—") if compare else "",
                "tone": tone(change, kpi.direction),
            }
        )
    frame = pd.DataFrame(records, columns=["row", "label", "value", "change", "tone"])
    height = max(60, 40 * len(frame))
    y = alt.Y("row:O", axis=None)

    def column(field: str, title: str, width: int, align: str) -> alt.Chart:
        base = alt.Chart(
            frame, title=alt.TitleParams(title, anchor="start" if align == "left" else "end")
        )
        mark = base.mark_text(
            align=align, baseline="middle", fontSize=22, x=0 if align == "left" else width
        )
        encoding: dict = {"y": y, "text": f"{field}:N"}
        if field == "change":
            encoding["color"] = alt.Color(
                "tone:N",
                scale=alt.Scale(domain=list(_TONES), range=list(_TONES.values())),
                legend=None,
            )
        return mark.encode(**encoding).properties(width=width, height=height)

    return (
        alt.hconcat(
            column("label", t("report.kpi", lang), 460, "left"),
            column("value", t("report.value", lang), 220, "right"),
            column("change", t("report.change", lang) if compare else "", 220, "right"),
            spacing=30,
        )
        .configure_view(strokeWidth=0)
        .configure_title(fontSize=20, color="#57606a")
    )


# --- every page as slides: one slide per section of its view (kpi.views) ---------------------


class SlideControls(Protocol):
    """What a page's slides need from its controls (ui.controls.Controls has all of it)."""

    start: dt.date
    end: dt.date
    grain: str
    compare: str | None
    filters: Mapping[str, tuple[str, ...]]


TABLE_ROWS = 12  # rows of a table slide; more would not be readable on a 1280×720 page


def _big(chart: alt.TopLevelMixin, width: int = 1000, lang: str = "en") -> alt.TopLevelMixin:
    return charts.styled(chart.properties(width=width), present=True, lang=lang)


def note_chart(text: str) -> alt.Chart:
    """A short text (what a section needs, or why it is empty) drawn as a chart for a slide."""
    lines = textwrap.wrap(text, 60) or [""]
    frame = pd.DataFrame({"row": range(len(lines)), "line": lines})
    return (
        alt.Chart(frame)
        .mark_text(align="left", baseline="middle", fontSize=24, color="#57606a", x=0)
        .encode(y=alt.Y("row:O", axis=None), text="line:N")
        .properties(width=900, height=max(60, 40 * len(lines)))
        .configure_view(strokeWidth=0)
    )


def _cell(value: object, kind: str | None, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return "—"
    if kind is not None and isinstance(value, int | float):
        return format_value(float(value), kind, lang)
    if isinstance(value, dt.date | pd.Timestamp):
        return format_date(pd.Timestamp(value).date(), lang)
    text = str(value)
    return text if len(text) <= 48 else text[:47].rstrip() + "…"


def table_chart(
    frame: pd.DataFrame,
    columns: Mapping[str, tuple[str, str | None]],
    lang: str = "en",
    rows: int = TABLE_ROWS,
) -> alt.HConcatChart:
    """A table drawn as a chart: `columns` maps a column to its (title, KPI format or None for
    text); the first `rows` rows are shown, text left-aligned and numbers right-aligned, and
    platforms and channels by their names (LinkedIn, not linkedin)."""
    shown = frame.head(rows).reset_index(drop=True)
    height = max(60, 34 * len(shown))
    parts = []
    for name, (title, kind) in columns.items():
        names = kind is None and (holds_names(name, lang) or holds_names(title, lang))
        values = [display_name(v, lang) if names and isinstance(v, str) else v
                  for v in shown[name]] if name in shown else []  # fmt: skip
        texts = [_cell(v, kind, lang) for v in values]
        column = pd.DataFrame({"row": range(len(texts)), "text": texts})
        align = "left" if kind is None else "right"
        longest = max([len(title), *(len(x) for x in texts)]) if texts else len(title)
        width = min(520, max(90, 11 * longest))
        parts.append(
            alt.Chart(
                column, title=alt.TitleParams(title, anchor="start" if align == "left" else "end")
            )
            .mark_text(
                align=align, baseline="middle", fontSize=18, x=0 if align == "left" else width
            )
            .encode(y=alt.Y("row:O", axis=None), text="text:N")
            .properties(width=width, height=height)
        )
    return (
        alt.hconcat(*parts, spacing=24)
        .configure_view(strokeWidth=0)
        .configure_title(fontSize=18, color="#57606a")
    )


_TABLE_KINDS = {"int": "count", "money": "currency", "longtext": None, "link": None, "date": None,
                "shown": None}  # fmt: skip


def _pictures(blocks: Sequence[object], lang: str) -> list[alt.TopLevelMixin]:
    """A section's blocks as a slide's pictures (what a presenter screen shows; its figures
    beside a chart, `Metrics`, stay on the screen: a slide keeps the chart at full size)."""
    out: list[alt.TopLevelMixin] = []
    for block in blocks:
        if isinstance(block, Columns):
            for part in block.blocks:
                if shown(block, present=True):
                    out += _pictures(part if isinstance(part, tuple | list) else (part,), lang)
            continue
        if not shown(block, present=True):  # type: ignore[arg-type]
            continue
        if isinstance(block, Tiles):
            if block.rows.empty:
                text = needs_text(block.needs, lang) if block.needs else t("overview.no_data", lang)
                out.append(note_chart(text))
            else:
                out.append(tiles_chart(block.rows, lang, block.compare))
        elif isinstance(block, Chart):
            chart = block.spec
            title = block.caption or block.heading
            if title and isinstance(chart, alt.Chart | alt.LayerChart):
                chart = chart.properties(title=title)
            if isinstance(chart, alt.Chart | alt.LayerChart):
                out.append(_big(chart, block.slide_width, lang))
            else:
                out.append(charts.styled(chart, present=True, lang=lang))
        elif isinstance(block, Table):
            names = block.slide_columns or tuple(block.frame.columns)
            columns = {
                c: (block.labels.get(c, c), _TABLE_KINDS.get(k, k) if k else None)
                for c in names
                for k in (block.formats.get(c),)
            }
            out.append(table_chart(block.frame, columns, lang, rows=block.slide_rows))
        elif isinstance(block, Text):
            if block.kind in ("info", "warning", "error", "success"):
                out.append(note_chart(block.text))
        elif isinstance(block, Needs):
            text = t("content.needs", lang, missing=", ".join(block.fields), hint=block.hint)
            out.append(note_chart(text))
    return out


def view_slides(view: PageView) -> list[Slide]:
    """A page view as slides: one per section, titled as on a presenter screen, its blocks as
    pictures — tiles as a chart-drawn table, charts at slide size, tables drawn as charts, and
    a note for what a section lacks."""
    return [
        (section.slide_title or section.title, _pictures(section.blocks, view.lang))
        for section in view.sections
    ]


def page_slides(
    page: str, data: SessionData, c: SlideControls, lang: str = "en", **options: object
) -> list[Slide]:
    """The slides of a registered page (`kpi.views.VIEWS`) under the controls `c`."""
    return view_slides(VIEWS[page](context(data, c, lang, present=True, **options)))


def overview_slides(
    data: SessionData,
    start: dt.date,
    end: dt.date,
    compare: str | None = "previous",
    *,
    grain: str | None = None,
    filters: Mapping[str, tuple[str, ...]] | None = None,
    lang: str = "en",
) -> list[Slide]:
    """The Overview as slides: the headline tiles, the trend against the comparison period, and
    engagement rate by platform."""
    from kpi.report import grain_for

    ctx = period_context(data, start, end, compare, grain or grain_for(start, end), filters, lang)
    return view_slides(VIEWS["overview"](ctx))


def engagement_slides(data: SessionData, c: SlideControls, lang: str = "en") -> list[Slide]:
    """The Engagement page: tiles; then, when any tile has a value, the engagement rate per
    platform over time, new against lost followers, and every KPI by platform."""
    return page_slides("engagement", data, c, lang)


def audience_slides(data: SessionData, c: SlideControls, lang: str = "en") -> list[Slide]:
    """The Audience page: age × gender pyramid, countries and cities, languages, and the
    weekday × hour heatmap of posts."""
    return page_slides("audience", data, c, lang)


def content_slides(data: SessionData, c: SlideControls, lang: str = "en") -> list[Slide]:
    """The Content page: posts per period by platform, the best and worst posts, hashtags,
    mentions, and reach against engagement rate per post."""
    return page_slides("content", data, c, lang)


def traffic_slides(data: SessionData, c: SlideControls, lang: str = "en") -> list[Slide]:
    """The Traffic page: website tiles, sessions from social against other channels, branded
    search clicks, and the funnel from post impressions to new customers."""
    return page_slides("traffic", data, c, lang)


def paid_slides(data: SessionData, c: SlideControls, lang: str = "en") -> list[Slide]:
    """The Paid page: cost per result tiles; then, when there is ad spend, spend and ROAS per
    period and every campaign side by side with its ROAS."""
    return page_slides("paid", data, c, lang)


def leads_slides(
    data: SessionData, c: SlideControls, settings: object = None, lang: str = "en"
) -> list[Slide]:
    """The Leads & ROI page: attribution models, the Markov chain, campaign-history roles, the
    control groups, cohort retention, LTV and CAC, lead-score buckets, the value of the lead
    cycle and the growth and lift of a KPI; a slide whose data is missing says which export
    provides it. Every analysis follows the slides' dates, as the page does."""
    options = {"settings": settings} if settings is not None else {}
    return page_slides("leads", data, c, lang, **options)
