"""Tables on the page: a data grid normally; on a presenter slide the same grid enlarged so its
text reads from the back of a room (the grid draws on a canvas, so CSS zoom is what scales it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

_ZOOM = 1.4
PRESENTER_TABLE_CSS = (
    f'[class*="st-key-ptable-"] {{ zoom: {_ZOOM}; width: {100 / _ZOOM:.1f}% !important; }}'
)


def show_table(
    frame: pd.DataFrame,
    name: str,
    present: bool = False,
    column_config: Mapping[str, object] | None = None,
    rows_on_slide: int = 5,
    style: Callable[[pd.DataFrame], object | None] | None = None,
) -> None:
    """A table; on a slide only its first `rows_on_slide` rows, at presenter size. `style`
    turns the rows shown into what the grid draws (a Styler writing the cells in the
    language, `ui.grid`), or None to draw them as they are."""
    options = {"hide_index": True, "width": "stretch", "column_config": column_config}
    shown = frame if not present else frame.head(rows_on_slide)
    drawn = style(shown) if style else None
    data = shown if drawn is None else drawn
    if not present:
        st.dataframe(data, **options)
        return
    with st.container(key=f"ptable-{name}"):
        st.dataframe(data, **options)
