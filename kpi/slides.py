"""Slides as a PDF: one 1280×720 page per slide, its title on top and its charts (rendered to PNG
offline by vl-convert) laid out below with Pillow. Nothing here needs a browser or the network."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import altair as alt
import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from kpi import charts
from kpi.catalog import BY_ID
from kpi.export import chart_png
from kpi.i18n import format_change, format_date, format_value, t
from kpi.report import headline, platform_chart, tile_change, tone, trend_chart
from kpi.store import SessionData

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
                "value": format_value(None if pd.isna(value) else float(value), kpi.format, lang),
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
    engagement rate by platform (a slide is left out when its chart has no data)."""
    period = {"start": format_date(start, lang), "end": format_date(end, lang)}
    tiles = headline(data, start, end, compare, filters)
    slides: list[Slide] = [
        (
            t("slides.tiles", lang, **period),
            [tiles_chart(tiles.rows, lang, compare is not None)] if not tiles.rows.empty else [],
        )
    ]
    shown = list(tiles.rows["kpi"])
    trend_kpi = "impressions" if "impressions" in shown else (shown[0] if shown else None)
    if trend_kpi is not None:
        trend = trend_chart(data, trend_kpi, start, end, compare, grain, filters, lang)
        if trend is not None:
            label = BY_ID[trend_kpi].labels.get(lang) or BY_ID[trend_kpi].label
            slides.append(
                (
                    t("slides.trend", lang, kpi=label),
                    [charts.styled(trend.properties(width=1000, height=440), present=True)],
                )
            )
    platforms = platform_chart(data, start, end, filters, lang)
    if platforms is not None:
        slides.append(
            (
                t("slides.by_platform", lang),
                [charts.styled(platforms.properties(width=1000), present=True)],
            )
        )
    return slides
