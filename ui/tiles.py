"""KPI tiles: value, change against the comparison period coloured by direction, a sparkline,
and what qualifies the value — the platforms a ratio covers when it leaves some out, the export
a multi-source KPI came from, and the amount's currency."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from kpi.catalog import BY_ID
from kpi.engine import Need, Note
from kpi.i18n import CATALOGS, format_change, format_value, t
from kpi.i18n.names import display_name
from kpi.model import Kpi
from ui.safe import md, tm

# The currencies of a `currency` need, as the engine words its hint.
_CURRENCIES_IN_HINT = re.compile(r"amounts in (.+?) are not added up")


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _text(value: object) -> str | None:
    """A row's text field (covers, source, currency), or None when empty or missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None


def platform_name(platform: str) -> str:
    """A platform as people write it (Facebook, LinkedIn, X); one the catalog does not know
    is shown as the data spells it."""
    return display_name(platform)


def covers_caption(row: pd.Series) -> str | None:
    """`Facebook, Instagram only`: the platforms a row's value counts (escaped for Markdown)."""
    covers = _text(row.get("covers"))
    if covers is None:
        return None
    names = [platform_name(p) for p in covers.split(", ") if p]
    return tm("tile.covers", platforms=", ".join(names)) if names else None


def source_caption(kpi: Kpi, row: pd.Series) -> str | None:
    """`from the ads export`: the dataset a KPI several datasets can supply was read from."""
    source = _text(row.get("source"))
    if not kpi.sources or source is None:
        return None
    key = f"tile.source.{source}"
    return t(key) if key in CATALOGS["en"] else tm("tile.source.other", dataset=source)


def show_tile(row: pd.Series, spark: list[float] | None = None, partial: bool = False) -> None:
    """A bordered metric for one result row; lower-is-better KPIs colour a fall green. Amounts
    are in the row's currency; `partial` (the engine noted platforms the ratio leaves out) adds
    the platforms it covers, and a multi-source KPI says which export it came from."""
    kpi = BY_ID[row["kpi"]]
    change = _number(row["change"]) if kpi.format == "percent" else _number(row["change_pct"])
    code = _text(row.get("currency"))
    currency = md(code) if code else None  # the code comes from the file
    st.metric(
        kpi.label,
        format_value(_number(row["value"]), kpi.format, currency=currency),
        delta=format_change(change, kpi.format),
        delta_color="inverse" if kpi.direction == "lower" else "normal",
        help=kpi.description,
        border=True,
        chart_data=spark or None,
        chart_type="area",
    )
    covers = covers_caption(row) if partial and kpi.denominator else None
    source = source_caption(kpi, row)
    for caption in (covers, source):
        if caption:
            st.caption(caption)
    target = _number(row.get("target"))
    if target is not None:
        icon = {"good": ":green[●]", "warning": ":orange[●]", "bad": ":red[●]"}.get(
            row.get("status") or "", ""
        )
        shown = format_value(target, kpi.format, currency=currency)
        st.caption(f"{icon} {t('tile.target', target=shown)}")


def show_tiles(
    rows: list[pd.Series],
    series: pd.DataFrame,
    per_row: int = 4,
    present: bool = False,
    notes: Sequence[Note] = (),
) -> None:
    """A grid of tiles, each with its KPI's values per period (from `series`) as a sparkline;
    on a presenter slide with more than one row of tiles the sparklines give way to the
    large type, so every tile fits a 1280×720 screen. `notes` are the tiles' result notes: a
    ratio noted for the platforms it leaves out says which it covers."""
    if present and len(rows) > 2 * per_row:
        per_row = max(per_row, 6)  # three rows of six fit a slide; five rows of four do not
    sparklines = not (present and len(rows) > per_row)
    partial = {n.kpi for n in notes if n.kind == "covers"}
    for i in range(0, len(rows), per_row):
        for col, row in zip(st.columns(per_row), rows[i : i + per_row], strict=False):
            with col:
                spark = series.loc[series["kpi"] == row["kpi"], "value"].fillna(0).tolist()
                show_tile(row, spark if sparklines else None, partial=row["kpi"] in partial)


def show_notes(notes: Sequence[Note]) -> None:
    """A result's notes (rows left out, platforms a ratio lacks, the source a KPI came from),
    each once, as caption lines; they quote the data (platforms, dates), so shown literally."""
    for message in dict.fromkeys(n.message for n in notes):
        st.caption(md(message))


def _currencies(need: Need) -> str | None:
    found = _CURRENCIES_IN_HINT.search(need.hint)
    return found.group(1) if found else None


def show_needs(need: Need) -> None:
    """A tile for a KPI without data: what it needs and which export provides it, or that it
    is shown per dimension, or per currency."""
    with st.container(border=True):
        kpi = BY_ID.get(need.kpi)
        st.markdown(f"**{kpi.label if kpi else md(need.kpi)}**")
        if need.reason == "unusable":
            st.caption(t("overview.unusable", fields=", ".join(need.missing)))
        elif need.reason == "breakdown":
            st.caption(tm("overview.needs_breakdown", fields=", ".join(need.missing)))
        elif need.reason == "currency":
            codes = _currencies(need)
            if codes:
                st.caption(tm("overview.needs_currency", currencies=codes))
            else:
                st.caption(t("overview.needs_currencies"))
        else:
            st.caption(t("overview.needs", missing=", ".join(need.missing)))
            st.caption(t("overview.needs_help", hint=need.hint))
