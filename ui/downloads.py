"""Download buttons under every table (CSV, XLSX) and every chart (PNG, SVG)."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import streamlit as st

from kpi.export import chart_png, chart_svg, safe_csv, safe_xlsx
from kpi.i18n import t

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "export"


def table_downloads(frame: pd.DataFrame, name: str) -> None:
    """CSV and XLSX buttons for a table (formula-looking cells neutralised)."""
    slug = _slug(name)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("dl.csv"),
        safe_csv(frame),
        f"{slug}.csv",
        "text/csv",
        key=f"csv_{slug}",
        icon=":material/download:",
    )
    right.download_button(
        t("dl.xlsx"),
        safe_xlsx(frame),
        f"{slug}.xlsx",
        _XLSX,
        key=f"xlsx_{slug}",
        icon=":material/download:",
    )


def chart_downloads(chart: alt.TopLevelMixin, name: str) -> None:
    """PNG and SVG buttons for a chart, rendered only when clicked (vl-convert, offline)."""
    slug = _slug(name)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("dl.png"),
        lambda: chart_png(chart),
        f"{slug}.png",
        "image/png",
        key=f"png_{slug}",
        icon=":material/image:",
    )
    right.download_button(
        t("dl.svg"), lambda: chart_svg(chart).encode("utf-8"), f"{slug}.svg", "image/svg+xml", key=f"svg_{slug}",
        icon=":material/image:",
    )  # fmt: skip


def show_chart(chart: alt.TopLevelMixin, name: str, present: bool = False) -> None:
    """Draw a chart (already styled) and, outside presenter mode, its download buttons."""
    st.altair_chart(chart, width="stretch", theme=None)
    if not present:
        chart_downloads(chart, name)
