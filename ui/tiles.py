"""KPI tiles: value, change against the previous period coloured by direction, and a sparkline."""

from __future__ import annotations

import streamlit as st

from kpi.engine import Missing, TileValue
from kpi.i18n import format_change, format_value, t


def show_tile(tile: TileValue, spark: list[float] | None = None) -> None:
    """A bordered metric; lower-is-better KPIs colour a fall green."""
    kpi = tile.kpi
    st.metric(
        kpi.label,
        format_value(tile.value, kpi.format),
        delta=format_change(tile.change, kpi.format),
        delta_color="inverse" if kpi.direction == "lower" else "normal",
        help=kpi.description,
        border=True,
        chart_data=spark or None,
        chart_type="area",
    )


def show_needs(missing: Missing) -> None:
    """A tile for a KPI without data: what it needs and which export provides it."""
    with st.container(border=True):
        st.markdown(f"**{missing.kpi.label}**")
        st.caption(t("overview.needs", missing=", ".join(missing.missing)))
        st.caption(t("overview.needs_help", hint=missing.hint))
