"""Data: upload files, and see every loaded file with its tables, load reports and mappings —
the files that need a decision open, the others one pick away."""

from __future__ import annotations

import time
import zoneinfo

import streamlit as st

from kpi.errors import KpiError
from kpi.i18n import format_count, t, tn
from kpi.workspace import Workspace
from ui.data_files import FileGroup, file_groups, files_frame
from ui.language import adopt_workspace_language
from ui.load_report import dataset_words, not_counted_words, show_table_report
from ui.mapping_editor import show_mapping_editor
from ui.page import setup
from ui.safe import md, tm
from ui.state import add_uploads, forget_uploaded, remove_upload, use_sample_data

data, _ = setup()
st.title(t("data.title"))
st.write(t("data.intro"))

# A fresh uploader after every batch: the uploader would otherwise keep every file's bytes
# and hand all of them back on each upload. What was read stays listed below.
generation = st.session_state.setdefault("uploader_generation", 0)
uploaded = st.file_uploader(
    t("data.uploader"), accept_multiple_files=True, key=f"uploader_{generation}"
)
# Files this large take more than a second to read: their progress shows from the start.
SHOW_PROGRESS_BYTES = 5 * 1024**2


class _Progress:
    """The upload's progress bar, naming each file's phase; shown only once the work has taken
    more than a second (or from the start for a large file), so small uploads do not flicker."""

    def __init__(self, files: list, total_bytes: int) -> None:
        self.files, self.index, self.bar = files, 0, None
        self.started = time.monotonic()
        self.eager = total_bytes >= SHOW_PROGRESS_BYTES

    def phase(self, name: str) -> None:
        done = self.index + {"reading": 0, "recognising": 1, "summaries": 2}.get(name, 0) / 3
        if self.bar is None and not self.eager and time.monotonic() - self.started < 1.0:
            return
        text = tm(
            f"data.phase_{name}",
            file=self.files[self.index].name,
            i=self.index + 1,
            n=len(self.files),
        )
        fraction = min(done / len(self.files), 1.0)
        if self.bar is None:
            self.bar = st.progress(fraction, text=text)
        else:
            self.bar.progress(fraction, text=text)


if uploaded:
    progress = _Progress(uploaded, sum(f.size for f in uploaded))
    read, repeated = 0, []
    for i, file in enumerate(uploaded):
        progress.index = i
        done, again = add_uploads([(file.name, file.getvalue())], on_phase=progress.phase)
        read, repeated = read + done, repeated + again
        forget_uploaded([file])  # read: its bytes need not wait for the session's end
    st.session_state["uploader_generation"] = generation + 1
    st.session_state["data_flash"] = (read, repeated)
    st.rerun()

flash = st.session_state.pop("data_flash", None)
if flash:
    read, repeated = flash
    if read:
        st.success(tn("data.read_files", read), icon=":material/check:")
    if repeated:
        st.info(tm("data.already_loaded", files=", ".join(repeated)), icon=":material/info:")

if data.source == "sample":
    st.caption(t("data.sample_note"))
else:
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(t("data.uploads_note"))
    if right.button(t("data.use_sample"), key="use_sample"):
        use_sample_data()
        st.rerun()

ZONES = sorted(zoneinfo.available_timezones() | {"UTC"})


def _save_timezone() -> None:
    """The picked zone becomes the workspace's (saved in its file); the pages read hours and
    weekdays on it from the next run, which this change starts."""
    picked = st.session_state.get("data_timezone")
    if picked and picked != data.timezone:
        data.workspace.set_timezone(picked)


with st.expander(t("data.workspace")):
    # The picker follows the session (a workspace file uploaded with another zone moves it).
    if st.session_state.get("data_timezone") != data.timezone:
        st.session_state["data_timezone"] = data.timezone
    st.selectbox(
        t("data.timezone"),
        ZONES,
        key="data_timezone",
        on_change=_save_timezone,
        help=t("data.timezone_help"),
    )
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
            workspace = Workspace.from_json(workspace_file.getvalue())
            data.use_workspace(workspace)
            adopt_workspace_language(workspace.language)
            st.session_state["workspace_id"] = workspace_file.file_id
            st.session_state["data_flash_workspace"] = True
            st.rerun()  # the picker and the tables follow the workspace's decisions
        except KpiError as exc:
            st.error(md(exc.user_message))
    if st.session_state.pop("data_flash_workspace", False):
        st.success(t("data.workspace_loaded"))

for dataset, count in data.duplicates.items():
    st.info(
        tn("data.duplicates", count, dataset=md(dataset_words(dataset))), icon=":material/merge:"
    )
for dataset, count in data.line_items.items():
    st.info(
        tn("data.line_items", count, dataset=md(dataset_words(dataset))), icon=":material/merge:"
    )
if not_counted := not_counted_words(data.not_counted):
    st.info(not_counted, icon=":material/remove_shopping_cart:")

for error in data.errors:
    st.error(tm("data.file_error", file=error.file, message=error.message), icon=":material/error:")


def show_group(group: FileGroup) -> None:
    """One file: its name and totals, every table's report and mapping, and a way to remove it."""
    with st.container(border=True):
        head, action = st.columns([5, 1], vertical_alignment="center")
        head.markdown(f"#### {group.status_icon} {md(group.name)}")
        if group.upload and action.button(
            t("data.remove"), key=f"remove_{group.upload}", icon=":material/delete:"
        ):
            remove_upload(group.upload)
            st.rerun()
        for table in group.tables:
            report = table.loaded.report
            st.markdown(
                f"##### {md(table.loaded.label)} — {format_count(report.rows_loaded)}"
                f" / {format_count(report.rows_read)}"
            )
            if table.name in {p.name for p in group.pending}:
                st.warning(
                    tm("data.pending", table=table.loaded.label, dataset=table.mapping.dataset),
                    icon=":material/pause_circle:",
                )
            show_table_report(table)
            with st.expander(
                tm("map.expander", table=table.loaded.label), expanded=table.mapping.needs_review
            ):
                show_mapping_editor(data, table)


st.subheader(t("data.tables"))
groups = file_groups(data)
if not groups:
    st.info(t("data.no_tables"))
else:
    st.dataframe(files_frame(groups), hide_index=True, width="stretch")
    attention = [g for g in groups if g.needs_attention]
    if attention:
        st.markdown(f"**{tn('data.needs_you', len(attention))}**")
        waiting = sum(len(g.pending) for g in attention)
        if waiting:
            st.caption(tn("data.pending_summary", waiting))
        for group in attention:
            show_group(group)
    others = [g for g in groups if not g.needs_attention]
    if others:
        picked = st.selectbox(
            tn("data.show_file", len(others)),
            range(len(others)),
            index=None,
            format_func=lambda i: others[i].name,
            placeholder=t("data.pick_file"),
            key="data_show_file",
        )
        if picked is not None and picked < len(others):
            show_group(others[picked])
