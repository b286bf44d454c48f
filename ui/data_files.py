"""The Data page's files: tables grouped by the file they came from, with totals and whether
the file needs the person (rejected rows, an unsure reading) — so 33 uploads stay one screen."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kpi.i18n import t
from kpi.store import SessionData, StoredTable
from ui.load_report import dataset_words


@dataclass
class FileGroup:
    """One uploaded (or sample) file and the tables it gave."""

    name: str
    upload: str  # the upload key; empty for the bundled sample files
    tables: list[StoredTable] = field(default_factory=list)
    # tables whose guessed reading waits for the person: in no view or KPI until confirmed
    pending: list[StoredTable] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Rows read across the file's tables."""
        return sum(x.loaded.report.rows_read for x in self.tables)

    @property
    def rows_loaded(self) -> int:
        """Rows loaded across the file's tables."""
        return sum(x.loaded.report.rows_loaded for x in self.tables)

    @property
    def rows_rejected(self) -> int:
        """Rows rejected across the file's tables."""
        return sum(x.loaded.report.rows_rejected for x in self.tables)

    @property
    def unsure(self) -> int:
        """Tables whose reading the person should confirm."""
        return sum(1 for x in self.tables if x.mapping.needs_review and x.mapping.dataset)

    @property
    def needs_attention(self) -> bool:
        """Whether the file is opened by default: rows were rejected, a reading is unsure, or a
        table waits for the person to confirm it."""
        return self.rows_rejected > 0 or self.unsure > 0 or bool(self.pending)

    @property
    def status_icon(self) -> str:
        """⚠️ for a file that needs the person, ✅ otherwise."""
        return "⚠️" if self.needs_attention else "✅"

    @property
    def status_label(self) -> str:
        """The status in words, for the summary table (its grid has no emoji font)."""
        return t("data.status_check") if self.needs_attention else t("data.status_ok")

    @property
    def datasets(self) -> str:
        """The datasets its tables were read as, in order, without repeats."""
        names = dict.fromkeys(dataset_words(x.mapping.dataset) for x in self.tables)
        return ", ".join(names)


def file_groups(data: SessionData) -> list[FileGroup]:
    """The session's tables grouped by file, in upload order, with the tables still pending."""
    groups: dict[str, FileGroup] = {}
    pending = {t.name for t in data.pending()}
    for table in data.tables:
        key = table.upload or table.loaded.report.file
        name = data.uploads.get(table.upload, table.loaded.report.file)
        group = groups.setdefault(key, FileGroup(name, table.upload))
        group.tables.append(table)
        if table.name in pending:
            group.pending.append(table)
    return list(groups.values())


def files_frame(groups: list[FileGroup]) -> pd.DataFrame:
    """One row per file for the summary table (shown as data, never as Markdown)."""
    return pd.DataFrame(
        {
            t("data.col_status"): [g.status_label for g in groups],
            t("data.col_file"): [g.name for g in groups],
            t("data.col_tables"): [len(g.tables) for g in groups],
            t("data.rows_read"): [g.rows_read for g in groups],
            t("data.rows_loaded"): [g.rows_loaded for g in groups],
            t("data.rows_rejected"): [g.rows_rejected for g in groups],
            t("data.dataset"): [g.datasets for g in groups],
        }
    )
