"""A page view (`kpi.views`) drawn with Streamlit: its title and caption, then its sections —
one under the other, or in presenter mode one per screen (`ui.page.show_sections`) — with
tiles (`ui.tiles`), charts and their downloads (`ui.downloads`), tables (`ui.tables`) and
texts made inert for Markdown (`ui.safe`). A page's own widgets are drawn by `hooks`, callables
the page passes by the name of a `Hook` block."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import pandas as pd
import streamlit as st

from kpi import charts
from kpi.i18n import t
from kpi.views.model import (
    Block,
    Chart,
    Columns,
    Hook,
    Metrics,
    Needs,
    PageView,
    Section,
    Table,
    Text,
    Tiles,
    shown,
)
from ui import grid, page
from ui.downloads import show_chart, table_downloads
from ui.safe import md
from ui.tables import show_table
from ui.tiles import show_needs, show_notes, show_tiles

Hooks = Mapping[str, Callable[[], None]]

# How a format kind of a `Table` column shows in the data grid when `ui.grid` does not write
# it (a table too large to style).
_NUMBER_FORMATS = {
    "percent": "percent",
    "ratio": "%.2f×",
    "currency": "%.2f",
    "money": "%.2f",
    "int": "%d",
    "decimal": "%.1f",
}


def draw_view(
    view: PageView,
    present: bool,
    hooks: Hooks | None = None,
    header: bool = True,
) -> None:
    """The whole page: its title and caption (unless `header` is False: the page drew them),
    then its sections, as a scrolling page or one per screen in presenter mode."""
    if header:
        st.title(view.title)
        if view.caption:
            st.caption(view.caption)
    draw_sections(view, present, hooks)


def draw_sections(view: PageView, present: bool, hooks: Hooks | None = None) -> None:
    """The view's sections through `ui.page.show_sections` (presenter mode: one per screen)."""
    page.show_sections(
        view.id,
        [page.Section(s.title, lambda s=s: draw_section(s, present, hooks)) for s in view.sections],
        present,
    )


def draw_section(section: Section, present: bool, hooks: Hooks | None = None) -> None:
    """One section: its subheader and its blocks."""
    if section.heading:
        st.subheader(section.heading)
    draw_blocks(section.blocks, present, hooks)


def draw_blocks(blocks: Sequence[Block], present: bool, hooks: Hooks | None = None) -> None:
    for block in blocks:
        if shown(block, present):
            draw_block(block, present, hooks)


def text_markdown(block: Text) -> str:
    """A text block as Streamlit Markdown: a catalog message with the values that came from
    files escaped, or any other text shown literally."""
    if block.key is None:
        return md(block.text)
    return t(block.key, **block.values, **{k: md(v) for k, v in block.data_values.items()})


def column_config(table: Table, present: bool, written: Collection[str] = ()) -> dict[str, object]:
    """The data grid's columns: each titled and formatted from the table's labels and kinds.
    The `written` columns' cells are written in the language by the grid's Styler
    (`ui.grid`), so they get no printf format of their own, which would override it."""
    config: dict[str, object] = {}
    for name in table.frame.columns:
        kind = table.formats.get(name)
        label = table.labels.get(name)
        helps = {"help": table.helps[name]} if name in table.helps else {}
        if name in written:
            config[name] = st.column_config.Column(label, **helps)
        elif kind is None:
            if label is not None:
                config[name] = st.column_config.TextColumn(label, **helps)
        elif kind == "longtext":
            width = "medium" if present else "large"
            config[name] = st.column_config.TextColumn(label, width=width, **helps)
        elif kind == "date":
            config[name] = st.column_config.DateColumn(label, format="D MMM YYYY", **helps)
        elif kind == "link":
            config[name] = st.column_config.LinkColumn(
                label, display_text=t("content.open_link"), **helps
            )
        else:
            number = _NUMBER_FORMATS.get(kind, "localized")
            config[name] = st.column_config.NumberColumn(label, format=number, **helps)
    return config


def draw_block(block: Block, present: bool, hooks: Hooks | None = None) -> None:
    """One block, as the pages drew it before views."""
    if isinstance(block, Tiles):
        per_row = block.present_per_row if present and block.present_per_row else block.per_row
        series = (
            block.series if block.series is not None else pd.DataFrame(columns=["kpi", "value"])
        )
        rows = [r for _, r in block.rows.iterrows()]
        show_tiles(rows, series, per_row, present=present, notes=block.notes)
        if block.notes:
            show_notes(block.notes)
        if block.needs and (
            block.needs_show == "all" or (block.needs_show == "page" and not present)
        ):
            if block.needs_title:
                st.caption(block.needs_title)
            cols = st.columns(block.per_row)
            for i, need in enumerate(block.needs):
                with cols[i % block.per_row]:
                    show_needs(need)
    elif isinstance(block, Chart):
        if block.heading:
            st.markdown(f"##### {block.heading}")  # the app's own words
        show_chart(charts.styled(block.spec, present), block.name, present)
    elif isinstance(block, Table):
        styling = block.grid_formats and grid.stylable(block.frame)
        written = grid.cell_writers(block.frame, block.formats) if styling else {}
        show_table(
            block.frame,
            block.name,
            present,
            column_config=column_config(block, present, written) if block.grid_formats else None,
            rows_on_slide=block.rows_on_slide,
            style=(lambda f: grid.styled(f, block.formats)) if written else None,
        )
        if not present and block.download != "":
            frame = block.frame.rename(columns=dict(block.labels))
            if block.plain_nulls:  # empty cells as plain None: the spreadsheet writer refuses NA
                frame = frame.astype(object).where(frame.notna(), None)
            table_downloads(frame, block.download or block.name)
    elif isinstance(block, Text):
        body = text_markdown(block)
        if block.kind == "heading":
            st.markdown(f"##### {body}")
        elif block.kind == "subheader":
            st.subheader(body)
        elif block.kind == "text":
            st.markdown(body)
        elif block.kind == "label":
            st.markdown(f"**{body}**")
        elif block.kind == "header":
            st.header(body, divider="gray")
        elif block.icon:
            getattr(st, block.kind)(body, icon=block.icon)
        else:
            getattr(st, block.kind)(body)
    elif isinstance(block, Metrics):
        cols = st.columns(block.columns or len(block.items))
        for col, item in zip(cols, block.items, strict=False):
            col.metric(item.label, item.value, border=True, help=item.help)
    elif isinstance(block, Needs):
        page.show_gap(block.fields, block.hint)
    elif isinstance(block, Hook):
        if hooks and block.name in hooks:
            hooks[block.name]()
    elif isinstance(block, Columns):
        parts = block.blocks
        if (present and block.stack_when_present) or (not present and block.stack_on_page):
            places = [st.container() for _ in parts]
        else:
            places = list(st.columns(list(block.widths) if block.widths else len(parts)))
        for place, part in zip(places, parts, strict=True):
            with place:
                draw_blocks(part if isinstance(part, tuple | list) else (part,), present, hooks)
