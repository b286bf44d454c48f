"""Showing a load report: what was read, loaded and rejected, how, and the rejected rows."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from kpi.i18n import format_count, has_text, t, tn
from kpi.load.report import ColumnInfo, RejectedRow, SkippedLine
from kpi.store import StoredTable
from ui.downloads import table_downloads
from ui.safe import md

# The loader's own English words in a report (a skipped line's reason, a column's reading),
# shown in the person's language: the loader keeps them as plain text, the catalog has each.
_SKIP_REASONS = {
    "blank line": "load.skip.blank_line",
    "comment line": "load.skip.comment_line",
    "title line above the header": "load.skip.title_line",
    "second header row with column descriptions": "load.skip.description_row",
}
_DELIMITERS = {
    "comma": "load.delimiter.comma",
    "semicolon": "load.delimiter.semicolon",
    "tab": "load.delimiter.tab",
    "pipe": "load.delimiter.pipe",
}
_DETAILS = {
    "yes/no": "load.detail.yes_no",
    "h:mm:ss, stored as seconds": "load.detail.seconds",
    ", converted to UTC": "load.detail.utc",
    " (day and month both ≤ 12 everywhere: assumed from the locale)": "load.detail.ambiguous",
}


def dataset_words(dataset: str | None) -> str:
    """A dataset as people read it (`Publicaciones`); none: the catalog's word for none."""
    if not dataset:
        return t("data.dataset_none")
    key = f"explore.dataset.{dataset}"
    return t(key) if has_text(key) else dataset


# Each reason an order is not counted (kpi.order_status.REASONS), with its count: "9 cancelled".
_NOT_COUNTED = {
    "cancelled": lambda n: tn("data.not_counted.cancelled", n),
    "refunded": lambda n: tn("data.not_counted.refunded", n),
    "failed": lambda n: tn("data.not_counted.failed", n),
    "pending": lambda n: tn("data.not_counted.pending", n),
}


def not_counted_words(reasons: dict[str, int]) -> str | None:
    """The orders left out of purchases and revenue, in the person's language ("12 orders were
    not counted as purchases or as revenue: 9 cancelled, 3 refunded. …"), or None if none."""
    total = sum(reasons.values())
    if not total:
        return None
    parts = [_NOT_COUNTED[r](n) for r, n in reasons.items() if r in _NOT_COUNTED and n]
    return tn("data.not_counted", total, reasons=", ".join(parts))


def delimiter_words(delimiter: str | None) -> str | None:
    """The field separator's name (`comma`, `tab`) in the person's language."""
    key = _DELIMITERS.get(delimiter or "")
    return t(key) if key else delimiter


def reason_words(reason: str) -> str:
    """A skipped line's reason in the person's language (a reason it does not know: as is)."""
    key = _SKIP_REASONS.get(reason)
    return t(key) if key else reason


def column_words(column: ColumnInfo) -> tuple[str, str]:
    """A column's type and reading (`date`, `dd/mm/yyyy, converted to UTC`) in the person's
    language; the formats themselves (`dd/mm/yyyy`, a currency code) stay as written."""
    kind = f"col.kind.{column.type}"
    detail = column.detail
    for english, key in _DETAILS.items():
        detail = detail.replace(english, t(key))
    return (t(kind) if has_text(kind) else column.type), detail


def lines_frame(rows: Sequence[RejectedRow | SkippedLine]) -> pd.DataFrame:
    """Rejected or skipped lines as a frame: line, reason, raw text."""
    return pd.DataFrame(
        {
            t("rej.line"): [r.line for r in rows],
            t("rej.reason"): [reason_words(r.reason) for r in rows],
            t("rej.raw"): [r.raw for r in rows],
        }
    )


def show_table_report(table: StoredTable) -> None:
    """One loaded table: counts, how it was read, its columns, skipped lines and rejected rows."""
    report = table.loaded.report
    mapping = table.mapping
    cols = st.columns(4)
    cols[0].metric(t("data.rows_read"), format_count(report.rows_read))
    cols[1].metric(t("data.rows_loaded"), format_count(report.rows_loaded))
    cols[2].metric(t("data.rows_rejected"), format_count(report.rows_rejected))
    cols[3].metric(t("data.dataset"), md(dataset_words(mapping.dataset)))
    facts = {
        t("data.encoding"): report.encoding,
        t("data.delimiter"): delimiter_words(report.delimiter),
        t("data.decimal"): {",": t("sep.comma"), ".": t("sep.point")}.get(
            report.decimal or "", report.decimal
        ),
        t("data.header_line"): report.header_line,
    }
    st.caption(" · ".join(f"{k}: **{md(v)}**" for k, v in facts.items() if v is not None))
    for note in report.notes:
        st.info(md(note), icon=":material/info:")
    with st.expander(t("data.columns"), expanded=False):
        words = [column_words(c) for c in report.columns]
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.source"): [c.source_name for c in report.columns],
                    t("col.name"): [c.name for c in report.columns],
                    t("col.type"): [kind for kind, _ in words],
                    t("col.detail"): [detail for _, detail in words],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    if report.skipped:
        with st.expander(f"{t('data.skipped')} ({len(report.skipped)})"):
            st.dataframe(lines_frame(report.skipped), hide_index=True, width="stretch")
    if report.rejected:
        with st.expander(
            f"{t('data.rejected')} ({format_count(report.rows_rejected)})", expanded=True
        ):
            frame = lines_frame(report.rejected)
            st.dataframe(frame.head(1000), hide_index=True, width="stretch")
            st.caption(t("data.download_rejected"))
            table_downloads(frame, f"{table.name}_rejected")
    with st.expander(t("data.preview")):
        st.dataframe(table.loaded.data.slice(0, 50).to_pandas(), hide_index=True, width="stretch")
