"""Showing a load report: what was read, loaded and rejected, how, and the rejected rows."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from kpi.i18n import t
from kpi.load.report import RejectedRow, SkippedLine
from kpi.store import StoredTable
from ui.downloads import table_downloads
from ui.safe import md


def lines_frame(rows: Sequence[RejectedRow | SkippedLine]) -> pd.DataFrame:
    """Rejected or skipped lines as a frame: line, reason, raw text."""
    return pd.DataFrame(
        {
            t("rej.line"): [r.line for r in rows],
            t("rej.reason"): [r.reason for r in rows],
            t("rej.raw"): [r.raw for r in rows],
        }
    )


def show_table_report(table: StoredTable) -> None:
    """One loaded table: counts, how it was read, its columns, skipped lines and rejected rows."""
    report = table.loaded.report
    mapping = table.mapping
    cols = st.columns(4)
    cols[0].metric(t("data.rows_read"), f"{report.rows_read:,}")
    cols[1].metric(t("data.rows_loaded"), f"{report.rows_loaded:,}")
    cols[2].metric(t("data.rows_rejected"), f"{report.rows_rejected:,}")
    cols[3].metric(t("data.dataset"), md(mapping.dataset or t("data.dataset_none")))
    facts = {
        t("data.encoding"): report.encoding,
        t("data.delimiter"): report.delimiter,
        t("data.decimal"): {",": t("sep.comma"), ".": t("sep.point")}.get(
            report.decimal or "", report.decimal
        ),
        t("data.header_line"): report.header_line,
    }
    st.caption(" · ".join(f"{k}: **{md(v)}**" for k, v in facts.items() if v is not None))
    for note in report.notes:
        st.info(md(note), icon=":material/info:")
    with st.expander(t("data.columns"), expanded=False):
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.source"): [c.source_name for c in report.columns],
                    t("col.name"): [c.name for c in report.columns],
                    t("col.type"): [c.type for c in report.columns],
                    t("col.detail"): [c.detail for c in report.columns],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    if report.skipped:
        with st.expander(f"{t('data.skipped')} ({len(report.skipped)})"):
            st.dataframe(lines_frame(report.skipped), hide_index=True, width="stretch")
    if report.rejected:
        with st.expander(f"{t('data.rejected')} ({report.rows_rejected:,})", expanded=True):
            frame = lines_frame(report.rejected)
            st.dataframe(frame.head(1000), hide_index=True, width="stretch")
            st.caption(t("data.download_rejected"))
            table_downloads(frame, f"{table.name}_rejected")
    with st.expander(t("data.preview")):
        st.dataframe(table.loaded.data.slice(0, 50).to_pandas(), hide_index=True, width="stretch")
