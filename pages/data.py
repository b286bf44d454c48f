"""Data: upload files, and see every loaded table with its load report and rejected rows."""

from __future__ import annotations

import streamlit as st

from kpi.i18n import t
from ui.load_report import show_table_report
from ui.state import session_data, use_sample_data, use_uploads

data = session_data()
st.title(t("data.title"))
st.write(t("data.intro"))

uploaded = st.file_uploader(t("data.uploader"), accept_multiple_files=True, key="uploader")
if uploaded:
    files = [(f.name, f.getvalue()) for f in uploaded]
    with st.spinner(t("data.loading", n=len(files))):
        use_uploads(files)
elif data.source == "uploads":
    use_sample_data()

if data.source == "sample":
    st.caption(t("data.sample_note"))
else:
    st.caption(t("data.uploads_note"))

for error in data.errors:
    st.error(t("data.file_error", file=error.file, message=error.message), icon=":material/error:")

st.subheader(t("data.tables"))
if not data.tables:
    st.info(t("data.no_tables"))
for table in data.tables:
    report = table.loaded.report
    status = "⚠️ " if report.rows_rejected else ""
    title = f"{status}{table.loaded.label} — {report.rows_loaded:,} / {report.rows_read:,}"
    with st.container(border=True):
        st.markdown(f"#### {title}")
        show_table_report(table)
