"""Explore's SQL tab: an editor, the canonical views and their columns beside it, and the result
as a table, a chart and downloads. Queries go through `kpi.sql` on the session's locked
connection; a refusal is shown as the sentence it carries."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi.charts import styled
from kpi.charts.results import MAX_POINTS, CannotChart, default_axes, is_number, result_chart
from kpi.guard import QueryRefused
from kpi.i18n import format_count, t, tn
from kpi.order_status import ALL_ORDERS
from kpi.settings import settings
from kpi.sql import QueryResult, run_sql, schema
from kpi.store import SessionData
from ui.downloads import show_chart, table_downloads

_RESULT = "_sql_result"  # the QueryResult of the last successful run
_TEXT = "_sql_text"


def show_sql_editor(data: SessionData, present: bool = False) -> None:
    """The SQL tab: type a query, run it, read the result."""
    if not present:
        st.caption(t("sql.intro"))
    editor, tables = st.columns([3, 2], gap="large")
    with tables:
        _show_tables(data)
    with editor:
        # The text outlives the tab: widget state is dropped while the other tab is open.
        query = st.text_area(
            t("sql.query"),
            value=st.session_state.get(_TEXT, t("sql.example")),
            key="explore_sql",
            height=200,
        )
        st.session_state[_TEXT] = query
        st.caption(
            t(
                "sql.limits",
                seconds=f"{settings().query_seconds:g}",
                rows=format_count(settings().query_rows),
                megabytes=f"{settings().query_bytes / (1024 * 1024):,.0f}",
            )
        )
        clicked = st.button(
            t("sql.run"),
            key="explore_sql_run",
            type="primary",
            icon=":material/play_arrow:",
            disabled=data.gate.busy,
        )
    if clicked:
        try:
            st.session_state[_RESULT] = run_sql(data.con, query, data.gate)
            for key in ("sql_x", "sql_y"):  # the new result's columns decide the chart anew
                st.session_state.pop(key, None)
        except QueryRefused as exc:
            st.session_state.pop(_RESULT, None)
            st.error(exc.user_message)
            return
    if _RESULT in st.session_state:
        _show_result(st.session_state[_RESULT], present)


def _show_tables(data: SessionData) -> None:
    st.markdown(f"**{t('sql.tables')}**")
    views = schema(data.con)
    if not views:
        st.info(t("sql.no_tables"))
        return
    counts = data.datasets()
    if "orders" in counts:  # every order, the counted ones and those left out
        counts[ALL_ORDERS] = counts["orders"] + sum(data.not_counted.values())
    for name, columns in views.items():
        rows = counts.get(name, 0)
        with st.expander(tn("sql.table_rows", rows, name=name, rows=format_count(rows))):
            listed = pd.DataFrame(columns, columns=[t("sql.col.column"), t("sql.col.type")])
            st.dataframe(listed, hide_index=True, width="stretch")


def _show_result(result: QueryResult, present: bool) -> None:
    frame = result.frame
    st.subheader(t("sql.result"))
    st.caption(
        t(
            "sql.result_caption",
            rows=format_count(len(frame)),
            columns=format_count(len(frame.columns)),
            seconds=f"{result.seconds:.2f}",
        )
    )
    for note in result.notes():  # the row cap, the byte cap, cut texts: one sentence each
        st.warning(note)
    if frame.empty:
        st.info(t("sql.empty"))
        return
    # st.dataframe shows names and values as text, never as HTML.
    st.dataframe(frame, hide_index=True, width="stretch")
    if not present:
        table_downloads(frame, t("sql.table_name"))
    _show_chart(frame, present)


def _show_chart(frame: pd.DataFrame, present: bool) -> None:
    st.subheader(t("sql.chart"))
    axes = default_axes(frame)
    if axes is None or frame.columns.duplicated().any():
        st.info(t("sql.no_chart"))
        return
    columns = [str(c) for c in frame.columns]
    left, right = st.columns(2)
    x = left.selectbox(t("sql.x"), columns, index=columns.index(axes[0]), key="sql_x")
    values = [c for c in columns if c != x and is_number(frame[c])]
    if not values:
        st.info(t("sql.no_chart"))
        return
    y = right.selectbox(
        t("sql.y"),
        values,
        index=values.index(axes[1]) if axes[1] in values else 0,
        key="sql_y",
    )
    try:
        chart = styled(result_chart(frame, x, y), present)
    except CannotChart:
        st.info(t("sql.cannot_chart"))
        return
    if len(frame) > MAX_POINTS:
        st.caption(t("sql.chart_rows", rows=format_count(MAX_POINTS)))
    show_chart(chart, t("sql.chart_name"), present)
