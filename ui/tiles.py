"""KPI tiles: value, change against the comparison period coloured by direction, and a sparkline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi.catalog import BY_ID
from kpi.engine import Need
from kpi.i18n import format_change, format_value, t


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def show_tile(row: pd.Series, spark: list[float] | None = None) -> None:
    """A bordered metric for one result row; lower-is-better KPIs colour a fall green."""
    kpi = BY_ID[row["kpi"]]
    change = _number(row["change"]) if kpi.format == "percent" else _number(row["change_pct"])
    st.metric(
        kpi.label,
        format_value(_number(row["value"]), kpi.format),
        delta=format_change(change, kpi.format),
        delta_color="inverse" if kpi.direction == "lower" else "normal",
        help=kpi.description,
        border=True,
        chart_data=spark or None,
        chart_type="area",
    )
    target = _number(row.get("target"))
    if target is not None:
        icon = {"good": ":green[●]", "warning": ":orange[●]", "bad": ":red[●]"}.get(
            row.get("status") or "", ""
        )
        st.caption(f"{icon} {t('tile.target', target=format_value(target, kpi.format))}")


def show_tiles(
    rows: list[pd.Series], series: pd.DataFrame, per_row: int = 4, present: bool = False
) -> None:
    """A grid of tiles, each with its KPI's values per period (from `series`) as a sparkline;
    on a presenter slide with more than one row of tiles the sparklines give way to the
    large type, so every tile fits a 1280×720 screen."""
    sparklines = not (present and len(rows) > per_row)
    for i in range(0, len(rows), per_row):
        for col, row in zip(st.columns(per_row), rows[i : i + per_row], strict=False):
            with col:
                spark = series.loc[series["kpi"] == row["kpi"], "value"].fillna(0).tolist()
                show_tile(row, spark if sparklines else None)


def show_needs(need: Need) -> None:
    """A tile for a KPI without data: what it needs and which export provides it."""
    with st.container(border=True):
        kpi = BY_ID.get(need.kpi)
        st.markdown(f"**{kpi.label if kpi else need.kpi}**")
        if need.reason == "unusable":
            st.caption(t("overview.unusable", fields=", ".join(need.missing)))
        else:
            st.caption(t("overview.needs", missing=", ".join(need.missing)))
            st.caption(t("overview.needs_help", hint=need.hint))
