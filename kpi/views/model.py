"""A page as data: sections of blocks that the Streamlit pages, the slides and the HTML report
all draw, so each page is described once.

A view builds a `PageView` from a `ViewContext` (the session's connection and workspace, and
the shared controls' choices). Views call the engine, analytics and `kpi.charts`; they import
neither Streamlit nor any renderer. Text in blocks is plain text (renderers escape it), never
Markdown or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import altair as alt
import duckdb
import pandas as pd

from kpi.engine import Need
from kpi.engine import Note as EngineNote
from kpi.i18n.messages import current_language

# Where a block is drawn: everywhere, only on the scrolling page and in the HTML report ("page"),
# or only on a presenter screen and in the PDF slides ("present").
Show = Literal["all", "page", "present"]


@dataclass(frozen=True)
class ViewContext:
    """What a view needs to build itself: the data and the shared controls' choices."""

    con: duckdb.DuckDBPyConnection
    workspace: Any  # kpi.workspace.Workspace (targets, mappings, plan, scorecard)
    start: dt.date
    end: dt.date
    compare: str | None = "previous"
    grain: str = "week"
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    present: bool = False
    lang: str = field(default_factory=current_language)  # default: the run's language
    sample: bool = False  # the bundled sample data is shown, not the person's files
    timezone: str = "UTC"  # the business's clock (the session's time zone)
    options: Mapping[str, Any] = field(default_factory=dict)  # a page's own picks (Explore's KPI)


@dataclass(frozen=True)
class Tiles:
    """KPI tiles: one engine result row per KPI (whole range) and their series for sparklines."""

    rows: pd.DataFrame
    series: pd.DataFrame | None = None
    notes: tuple[EngineNote, ...] = ()
    needs: tuple[Need, ...] = ()
    compare: bool = True
    per_row: int = 4
    present_per_row: int | None = None  # tiles per row on a presenter screen (default per_row)
    needs_title: str | None = None  # the caption above the needs tiles
    needs_show: Show = "page"  # where the needs tiles are drawn
    show: Show = "all"


@dataclass(frozen=True)
class Chart:
    """An Altair chart; `name` is the file stem of its downloads; `kpis` the KPI ids it shows."""

    spec: alt.TopLevelMixin
    name: str
    kpis: tuple[str, ...] = ()
    caption: str | None = None  # under the chart on the page; the chart's title on a slide
    heading: str | None = None  # a small heading above the chart (and its title on a slide)
    slide_width: int = 1000  # the chart's width on a 1280×720 slide (two side by side: 480)
    show: Show = "all"


@dataclass(frozen=True)
class Table:
    """A table: a frame, a format kind per column ("count", "percent", "money", "date", …)."""

    frame: pd.DataFrame
    name: str
    formats: Mapping[str, str | None] = field(default_factory=dict)
    caption: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)  # column → the title people read
    helps: Mapping[str, str] = field(default_factory=dict)  # column → its help text
    download: str | None = None  # the downloads' file stem (default `name`); "" for none
    rows_on_slide: int = 5  # rows on a presenter screen
    slide_rows: int = 12  # rows on a PDF slide
    slide_columns: tuple[str, ...] | None = None  # the columns a PDF slide has room for
    grid_formats: bool = True  # False: the page's data grid keeps its own column formats
    plain_nulls: bool = False  # downloads write empty cells as None (a spreadsheet refuses NA)
    show: Show = "all"


@dataclass(frozen=True)
class Text:
    """A sentence for the person: a caption, an info box or a warning."""

    text: str
    kind: Literal[
        "caption", "text", "info", "warning", "error", "success", "heading", "subheader"
    ] = "caption"
    # The catalog message it was made from, for Streamlit's Markdown: `values` are the app's own
    # words (shown as they are), `data_values` come from files (shown literally, escaped).
    key: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    data_values: Mapping[str, object] = field(default_factory=dict)
    show: Show = "all"
    icon: str | None = None  # an info box's icon (":material/info:")


@dataclass(frozen=True)
class Needs:
    """What a section lacks and which export provides it."""

    fields: tuple[str, ...]
    hint: str
    show: Show = "all"


@dataclass(frozen=True)
class Metric:
    """A figure that is not a catalog KPI (a ROI, a lift): its label, value as shown, help."""

    label: str
    value: str
    help: str | None = None


@dataclass(frozen=True)
class Metrics:
    """Figures side by side as bordered metrics, `columns` to a row."""

    items: tuple[Metric, ...]
    columns: int | None = None  # default: one column per figure
    show: Show = "all"


@dataclass(frozen=True)
class Hook:
    """Where a page draws its own widgets (a form, a picker) inside a section; only the Streamlit
    renderer draws it, with the callable the page passes under `name`."""

    name: str
    show: Show = "all"


@dataclass(frozen=True)
class Columns:
    """Blocks side by side (one column each); on a presenter screen one under the other when
    `stack_when_present`."""

    blocks: tuple[Any, ...]
    stack_when_present: bool = False
    stack_on_page: bool = (
        False  # one under the other on the scrolling page, side by side on a slide
    )
    widths: tuple[int, ...] | None = None  # relative column widths (default: equal)
    show: Show = "all"


Block = Tiles | Chart | Table | Text | Needs | Metrics | Hook | Columns


@dataclass(frozen=True)
class Section:
    """One part of a page (one slide in presenter mode and in the slides)."""

    id: str
    title: str  # short: the presenter's position line and the slide's title
    blocks: tuple[Block, ...] = ()
    heading: str | None = None  # the subheader on the page and in the report (None: none)
    slide_title: str | None = None  # a PDF slide's title when it differs from `title`


@dataclass(frozen=True)
class PageView:
    """A whole page: its title, a caption (the period), and its sections in order."""

    id: str
    title: str
    caption: str | None = None
    sections: tuple[Section, ...] = ()
    lang: str = field(default_factory=current_language)

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def kpis(self) -> set[str]:
        """Every KPI id the page shows in tiles or charts (what the renderers must all hold)."""
        found: set[str] = set()
        for block in self.blocks():
            if isinstance(block, Tiles) and "kpi" in block.rows:
                found.update(block.rows["kpi"].astype(str))
            elif isinstance(block, Chart):
                found.update(block.kpis)
        return found

    def charts(self) -> list[str]:
        """The names of the page's charts, in order."""
        return [b.name for b in self.blocks() if isinstance(b, Chart)]

    def blocks(self, section: Section | None = None) -> list[Block]:
        """Every block of the page (or of one section), the ones in `Columns` included, in order."""
        out: list[Block] = []

        def walk(blocks: Sequence[Block]) -> None:
            for block in blocks:
                if isinstance(block, Columns):
                    for part in block.blocks:
                        walk(part if isinstance(part, tuple | list) else (part,))
                else:
                    out.append(block)

        for s in (section,) if section is not None else self.sections:
            walk(s.blocks)
        return out


def shown(block: Block, present: bool) -> bool:
    """Whether a block is drawn on a presenter screen or slide (`present`) or on the page/report."""
    return block.show == "all" or block.show == ("present" if present else "page")
