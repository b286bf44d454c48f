"""Data: upload files, and see every loaded table with its load report and rejected rows."""

from __future__ import annotations

import streamlit as st

from kpi.errors import KpiError
from kpi.i18n import t
from kpi.workspace import Workspace
from ui.load_report import show_table_report
from ui.mapping_editor import show_mapping_editor
from ui.page import setup
from ui.state import use_sample_data, use_uploads

data, _ = setup()
st.title(t("data.title"))
st.write(t("data.intro"))

uploaded = st.file_uploader(t("data.uploader"), accept_multiple_files=True, key="uploader")
# The uploader forgets its files when the person visits another page; the loaded data stays
# until new files arrive or the person goes back to the sample data.
if uploaded:
    files = [(f.name, f.getvalue()) for f in uploaded]
    with st.spinner(t("data.loading", n=len(files))):
        use_uploads(files)

if data.source == "sample":
    st.caption(t("data.sample_note"))
else:
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(t("data.uploads_note"))
    if right.button(t("data.use_sample"), key="use_sample"):
        use_sample_data()
        st.rerun()

with st.expander(t("data.workspace")):
    st.download_button(
        t("data.workspace_download"),
        data.workspace.to_json().encode("utf-8"),
        file_name="kpi_workspace.json",
        mime="application/json",
    )
    workspace_file = st.file_uploader(
        t("data.workspace_upload"), type=["json"], key="workspace_upload"
    )
    if (
        workspace_file is not None
        and st.session_state.get("workspace_id") != workspace_file.file_id
    ):
        try:
            data.use_workspace(Workspace.from_json(workspace_file.getvalue()))
            st.session_state["workspace_id"] = workspace_file.file_id
            st.success(t("data.workspace_loaded"))
        except KpiError as exc:
            st.error(exc.user_message)

for dataset, count in data.duplicates.items():
    st.info(t("data.duplicates", n=count, dataset=dataset), icon=":material/merge:")

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
    with st.expander(
        t("map.expander", table=table.loaded.label), expanded=table.mapping.needs_review
    ):
        show_mapping_editor(data, table)
