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
    lang: str = "en"
    sample: bool = False  # the bundled sample data is shown, not the person's files
    options: Mapping[str, Any] = field(default_factory=dict)  # a page's own picks (Explore's KPI)


@dataclass(frozen=True)
class Tiles:
    """KPI tiles: one engine result row per KPI (whole range) and their series for sparklines."""

    rows: pd.DataFrame
    series: pd.DataFrame | None = None
    notes: tuple[EngineNote, ...] = ()
    needs: tuple[Need, ...] = ()
    compare: bool = True


@dataclass(frozen=True)
class Chart:
    """An Altair chart; `name` is the file stem of its downloads; `kpis` the KPI ids it shows."""

    spec: alt.TopLevelMixin
    name: str
    kpis: tuple[str, ...] = ()
    caption: str | None = None


@dataclass(frozen=True)
class Table:
    """A table: a frame, a format kind per column ("count", "percent", "money", "date", …)."""

    frame: pd.DataFrame
    name: str
    formats: Mapping[str, str | None] = field(default_factory=dict)
    caption: str | None = None


@dataclass(frozen=True)
class Text:
    """A sentence for the person: a caption, an info box or a warning."""

    text: str
    kind: Literal["caption", "info", "warning", "success"] = "caption"


@dataclass(frozen=True)
class Needs:
    """What a section lacks and which export provides it."""

    fields: tuple[str, ...]
    hint: str


Block = Tiles | Chart | Table | Text | Needs


@dataclass(frozen=True)
class Section:
    """One part of a page (one slide in presenter mode and in the slides)."""

    id: str
    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class PageView:
    """A whole page: its title, a caption (the period), and its sections in order."""

    id: str
    title: str
    caption: str | None = None
    sections: tuple[Section, ...] = ()

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def kpis(self) -> set[str]:
        """Every KPI id the page shows in tiles or charts (what the renderers must all hold)."""
        found: set[str] = set()
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Tiles) and "kpi" in block.rows:
                    found.update(block.rows["kpi"].astype(str))
                elif isinstance(block, Chart):
                    found.update(block.kpis)
        return found

    def charts(self) -> list[str]:
        """The names of the page's charts, in order."""
        return [b.name for s in self.sections for b in s.blocks if isinstance(b, Chart)]
