"""The strategy-map diagram: geometry, status in colour and words, arrows, and export."""

from __future__ import annotations

import json

from kpi.charts.strategy_map import STATUS_COLOURS, layout, strategy_map_chart
from kpi.export import chart_png, chart_spec, chart_svg
from kpi.scorecard import default_map


def _evaluated() -> dict:
    doc = {"perspectives": []}
    statuses = ["good", "warning", "bad", "none"]
    i = 0
    card = default_map()
    for p in ("financial", "customer", "internal", "learning"):
        objectives = []
        for o in card.in_perspective(p):
            objectives.append({"id": o.id, "label": o.label(), "status": statuses[i % 4],
                               "causes": o.causes, "kpis": [{"id": "posts", "label": "Posts", "status": "good"}]})  # fmt: skip
            i += 1
        doc["perspectives"].append(
            {"id": p, "label": card.perspective_label(p), "objectives": objectives}
        )
    return doc


def test_layout_bands_boxes_and_arrows() -> None:
    bands, boxes, arrows = layout(_evaluated(), 1280, 720)
    assert bands["perspective"].tolist() == ["financial", "customer", "internal", "learning"]
    assert bands["y2"].tolist() == [720, 540, 360, 180]  # financial on top, 180 px per band
    assert len(boxes) == 9 and boxes["x"].min() >= 170 and boxes["x2"].max() <= 1280
    assert len(arrows) == len(default_map().links()) == 10
    up = arrows[(arrows["source"] == "train_team") & (arrows["target"] == "communicate")].iloc[0]
    assert up["angle"] == 0.0 and up["y2"] > up["y"]  # straight up, into the box above
    side = arrows[(arrows["source"] == "attractive_content")].iloc[0]
    assert side["angle"] == -90.0  # leftwards, within the customer band
    status = dict(zip(boxes["id"], boxes["status_text"], strict=True))
    assert status["business_results"] == "✔ on target"
    assert status["brand_interaction"] == "▲ close to target"
    lines = dict(zip(boxes["id"], boxes["status_line"], strict=True))
    assert lines["business_results"] == "✔ on target · KPIs ✔1"  # one KPI, on target


def test_chart_spec_colours_words_and_export() -> None:
    chart = strategy_map_chart(_evaluated(), lang="es")
    spec = json.loads(chart_spec(chart))
    colour = next(layer["encoding"]["color"] for layer in spec["layer"]
                  if layer["mark"]["type"] == "rect" and "color" in layer.get("encoding", {}))  # fmt: skip
    assert colour["scale"]["range"] == list(STATUS_COLOURS.values())
    text = json.dumps(spec, ensure_ascii=False)
    assert "✖ fuera de objetivo" in text and "Achieve valuable" in text
    svg = chart_svg(chart)
    assert svg.startswith("<svg") and "Learning" in svg
    png = chart_png(chart, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert 1280 <= width <= 1320 and 700 <= height <= 780


def test_bare_map_draws_grey() -> None:
    _, boxes, _ = layout(default_map())
    assert set(boxes["status"]) == {"none"}
