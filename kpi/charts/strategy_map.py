"""The strategy map as a Vega-Lite diagram: perspectives as horizontal bands (financial on top,
learning & growth at the bottom), objectives as boxes coloured by status with the status also
written in words (colour is never the only cue), and cause-and-effect arrows (a rule and a
triangle head) from each objective to those it drives. Sized for 1280×720 and exportable with
`kpi.export.chart_png` / `chart_svg`.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import altair as alt
import pandas as pd

from kpi.catalog import PERSPECTIVES
from kpi.i18n import t
from kpi.i18n.messages import languages

# Okabe–Ito bluish green, orange and vermillion, and a neutral grey: told apart with the common
# colour-vision deficiencies; each box also says its status in words and with a symbol.
STATUS_COLOURS = {"good": "#009E73", "warning": "#E69F00", "bad": "#D55E00", "none": "#BBBBBB"}
MARKS = {"good": "✔", "warning": "▲", "bad": "✖", "none": "–"}  # beside the words


class _StatusWords(Mapping[str, Mapping[str, str]]):
    """Each language's status words with their marks (`✔ on target`), read from the catalogs
    (`map.status.<status>`) when asked, so a translation reaches the map, the scorecard tables
    and the CLI alike: `STATUS_WORDS[lang][status]`."""

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        if lang not in languages():
            raise KeyError(lang)
        return {s: f"{mark} {t(f'map.status.{s}', lang)}" for s, mark in MARKS.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


STATUS_WORDS: Mapping[str, Mapping[str, str]] = _StatusWords()
SYMBOLS = {"good": "✔", "warning": "▲", "bad": "✖"}  # the KPI tally under each objective
LABEL_WIDTH = 170  # the band titles' column, in pixels
WRAP = 24  # characters per line of an objective's label
HEAD_BACK = 7.0  # pixels from an arrow's end to its head's centre


def _doc(source: Mapping[str, Any] | Any, lang: str = "en") -> Mapping[str, Any]:
    """An evaluated map (`kpi.scorecard.evaluate`) as is; a bare StrategyMap with no status."""
    if isinstance(source, Mapping):
        return source
    return {"perspectives": [
        {"id": p, "label": source.perspective_label(p, lang), "objectives": [
            {"id": o.id, "label": o.label(lang), "status": "none", "causes": list(o.causes), "kpis": []}
            for o in source.in_perspective(p)]}
        for p in PERSPECTIVES]}  # fmt: skip


def layout(
    source: Mapping[str, Any] | Any, width: int = 1280, height: int = 720, lang: str = "en"
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The diagram's geometry in pixels (y upwards): bands, boxes and arrows."""
    doc = _doc(source, lang)
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    perspectives = {p["id"]: p for p in doc["perspectives"]}
    order = [p for p in PERSPECTIVES if p in perspectives]
    band_h = height / max(len(order), 1)
    bands, boxes = [], {}
    for i, pid in enumerate(order):
        top = height - i * band_h
        p = perspectives[pid]
        bands.append({"perspective": pid, "label": "\n".join(textwrap.wrap(p["label"], 16)), "y": top - band_h, "y2": top,
                      "shade": i % 2, "label_y": top - band_h / 2})  # fmt: skip
        objectives = p["objectives"]
        n = max(len(objectives), 1)
        slot = (width - LABEL_WIDTH) / n
        box_w = min(slot - 24, 300)
        box_h = min(band_h * 0.75, 120)
        for j, o in enumerate(objectives):
            cx = LABEL_WIDTH + slot * (j + 0.5)
            cy = top - band_h / 2
            status = o.get("status") or "none"
            kpis = o.get("kpis") or []
            summary = "; ".join(
                f"{k.get('label', k['id'])}: {words.get(k.get('status') or 'none', '')}"
                for k in kpis
            )
            rated = Counter(k.get("status") for k in kpis)
            tally = " ".join(f"{SYMBOLS[st]}{rated[st]}" for st in SYMBOLS if rated[st])
            status_text = words.get(status, status)
            boxes[o["id"]] = {
                "id": o["id"], "label": "\n".join(textwrap.wrap(o["label"], WRAP)[:3]),
                "full_label": o["label"], "perspective": pid, "status": status,
                "status_text": status_text,
                "status_line": t("map.status_line", lang, status=status_text, tally=tally)
                if tally else status_text, "x": cx - box_w / 2, "x2": cx + box_w / 2,
                "y": cy - box_h / 2, "y2": cy + box_h / 2, "cx": cx, "cy": cy,
                "text_y": cy + 10, "status_y": cy - box_h / 2 + 16, "kpis": summary,
                "causes": list(o.get("causes") or []),
            }  # fmt: skip
    arrows = []
    for b in boxes.values():
        for target_id in b["causes"]:
            target = boxes.get(target_id)
            if target is None:
                continue
            if abs(target["cy"] - b["cy"]) < 1:  # same band: side to side
                direction = 1 if target["cx"] > b["cx"] else -1
                x0, y0 = (b["x2"] if direction > 0 else b["x"]), b["cy"]
                x1, y1 = (target["x"] if direction > 0 else target["x2"]), target["cy"]
            else:  # upwards (or downwards) between bands: edge to edge
                up = target["cy"] > b["cy"]
                x0, y0 = b["cx"], b["y2"] if up else b["y"]
                x1, y1 = target["cx"], target["y"] if up else target["y2"]
            # The head sits just outside the target; triangle-up points up at angle 0, clockwise.
            angle = math.degrees(math.atan2(x1 - x0, y1 - y0))
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            back = min(HEAD_BACK, length / 2)  # the head's centre, so its tip meets the box edge
            arrows.append({"source": b["id"], "target": target_id, "x": x0, "y": y0,
                           "x2": x1, "y2": y1, "angle": angle,
                           "head_x": x1 - back * (x1 - x0) / length,
                           "head_y": y1 - back * (y1 - y0) / length})  # fmt: skip
    return (
        pd.DataFrame(bands, columns=["perspective", "label", "y", "y2", "shade", "label_y"]),
        pd.DataFrame(list(boxes.values())).drop(columns=["causes"], errors="ignore"),
        pd.DataFrame(
            arrows, columns=["source", "target", "x", "y", "x2", "y2", "angle", "head_x", "head_y"]
        ),
    )


def strategy_map_chart(
    source: Mapping[str, Any] | Any, width: int = 1280, height: int = 720, lang: str = "en"
) -> alt.LayerChart:
    """The strategy map diagram of an evaluated map (or of a bare map, all grey)."""
    bands, boxes, arrows = layout(source, width, height, lang)
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])  # the legend says the status in words
    x_scale = alt.Scale(domain=[0, width], nice=False, zero=False)
    y_scale = alt.Scale(domain=[0, height], nice=False, zero=False)
    x = alt.X("x:Q", axis=None, scale=x_scale)
    y = alt.Y("y:Q", axis=None, scale=y_scale)
    status_scale = alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))
    shaded = bands.assign(x=0, x2=width, opacity=[0.9 if v == 0 else 0.35 for v in bands["shade"]])
    band_layer = (
        alt.Chart(shaded)
        .mark_rect(color="#EDEDED")
        .encode(
            x=x,
            x2="x2:Q",
            y=y,
            y2="y2:Q",
            opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
        )
    )
    band_text = alt.Chart(bands.assign(x=12)).mark_text(
        align="left", baseline="middle", fontSize=15, fontWeight="bold", color="#333333", lineBreak="\n"
    ).encode(x=x, y=alt.Y("label_y:Q", axis=None, scale=y_scale), text="label:N")  # fmt: skip
    layers: list[alt.Chart] = [band_layer, band_text]
    if not arrows.empty:
        layers.append(alt.Chart(arrows).mark_rule(strokeWidth=2, color="#555555").encode(
            x=x, y=y, x2="x2:Q", y2="y2:Q"))  # fmt: skip
        layers.append(alt.Chart(arrows).mark_point(shape="triangle-up", filled=True, size=180,
                                                   color="#555555", opacity=1).encode(
            x=alt.X("head_x:Q", axis=None, scale=x_scale), y=alt.Y("head_y:Q", axis=None, scale=y_scale),
            angle=alt.Angle("angle:Q", scale=None)))  # fmt: skip
    if not boxes.empty:
        tooltip = [alt.Tooltip("full_label:N", title=t("map.objective", lang)),
                   alt.Tooltip("status_text:N", title=t("map.status", lang)),
                   alt.Tooltip("kpis:N", title=t("map.kpis", lang))]  # fmt: skip
        layers.append(alt.Chart(boxes).mark_rect(cornerRadius=8, stroke="#333333", strokeWidth=1).encode(
            x=x, x2="x2:Q", y=y, y2="y2:Q",
            color=alt.Color("status:N", scale=status_scale, title=t("map.status", lang),
                            legend=alt.Legend(orient="bottom", direction="horizontal",
                                              labelExpr=f"{json.dumps(words)}[datum.label]")),
            tooltip=tooltip))  # fmt: skip
        layers.append(alt.Chart(boxes).mark_text(fontSize=14, lineBreak="\n", color="#000000",
                                                 fontWeight="bold", baseline="middle").encode(
            x=alt.X("cx:Q", axis=None, scale=x_scale), y=alt.Y("text_y:Q", axis=None, scale=y_scale),
            text="label:N", tooltip=tooltip))  # fmt: skip
        layers.append(alt.Chart(boxes).mark_text(fontSize=13, color="#000000", baseline="middle").encode(
            x=alt.X("cx:Q", axis=None, scale=x_scale), y=alt.Y("status_y:Q", axis=None, scale=y_scale),
            text="status_line:N"))  # fmt: skip
    return (
        alt.layer(*layers).properties(width=width, height=height - 40).configure_view(strokeWidth=0)
    )
