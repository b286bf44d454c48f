"""What every Leads & ROI section shares: the chosen dates and settings, the page's memo, and
how a section names its charts and tables for downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from kpi.catalog import BY_ID
from kpi.errors import KpiError
from kpi.i18n import format_change, t
from kpi.model import Kpi
from kpi.views.common import label
from kpi.views.leads_settings import LeadsSettings
from kpi.views.model import Block, Chart, Table, Text, ViewContext

GROUP_COLUMNS = ("metric", "social", "other", "difference", "ci", "reading")  # on a PDF slide

Memo = Callable[..., Any]  # memo(name, build, *args): the page keeps each analysis per arguments


def run_now(name: str, build: Callable[[], Any], *args: object) -> Any:
    """The memo of a view built outside the page: every analysis runs."""
    return build()


def _needs(exc: KpiError) -> Block:
    """What a section lacks, and which export provides it (never an error)."""
    return Text(exc.user_message, "info", icon=":material/info:")


def period_floor(day: pd.Timestamp, grain: str) -> pd.Timestamp:
    """The start of the period (of `grain`) that holds `day`."""
    if grain == "week":
        return day - pd.Timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
    return day


def _pct(value: object) -> str:
    """A signed share as the current language writes it (+12.5% · +12,5 %)."""
    return "—" if value is None or value != value else str(format_change(float(value), "count"))


@dataclass
class LeadsParts:
    """The page's shared state; the section builders (`leads_journeys`, `leads_customers`)
    are its methods."""

    ctx: ViewContext
    s: LeadsSettings
    memo: Memo = run_now
    lang: str = field(init=False)
    con: duckdb.DuckDBPyConnection = field(init=False)
    present: bool = field(init=False)
    start: dt.date | None = field(init=False)
    end: dt.date | None = field(init=False)
    span: dict[str, dt.date | None] = field(init=False)
    by_title: str = field(init=False)
    kpi: Kpi = field(init=False)
    kpi_name: str = field(init=False)

    def __post_init__(self) -> None:
        ctx = self.ctx
        self.lang, self.con, self.present = ctx.lang, ctx.con, ctx.present
        # A half-picked range (one day so far) is read as that day.
        self.start = ctx.start if isinstance(ctx.start, dt.date) else None
        self.end = ctx.end if isinstance(ctx.end, dt.date) else None
        self.span = {"start": self.start, "end": self.end}
        self.by_title = t(f"leads.by.{self.s.by}", self.lang)
        self.kpi = BY_ID[self.s.kpi]
        self.kpi_name = label(self.kpi.id, self.lang)

    def chart(self, spec: Any, name: str, **more: Any) -> Chart:
        """A chart block whose downloads are named in the page's words."""
        return Chart(spec, t(f"leads.file.{name}", self.lang), **more)

    def table(self, frame: pd.DataFrame, name: str, formats: dict, **more: Any) -> Table:
        """A table block with a format per column and a download named in the page's words."""
        kinds = {c: formats.get(c) for c in frame.columns}
        download = t(f"leads.file.{name}", self.lang)
        return Table(frame, name, formats=kinds, download=download, plain_nulls=True, **more)
