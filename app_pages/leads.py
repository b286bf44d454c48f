"""Leads & ROI: attribution under seven models, social against other customers, customers over
time, lead-score buckets, the value of the lead cycle and the growth and lift of a KPI — all from
`kpi.analytics`, drawn under the shared controls, one section per slide in presenter mode
(`kpi.views.leads`). The page keeps the person's settings and each analysis per data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from kpi.catalog import BY_ID
from kpi.i18n import t
from kpi.slides import page_slides
from kpi.views import VIEWS
from kpi.views.common import context
from kpi.views.leads_settings import (
    GROWTH_KPIS,
    KEPT_IN_WORKSPACE,
    WORKSPACE_KEY,
    LeadsSettings,
    leads_defaults,
)
from ui.language import date_input_format
from ui.page import setup
from ui.render import draw_sections
from ui.slides_button import slides_button

T = TypeVar("T")
_SAVED = "_leads_settings"  # the person's settings, kept while widgets of other pages are shown
_MEMO = "_leads_memo"
_MEMO_SIZE = 48

data, ctl = setup()
defaults = leads_defaults(data, ctl.start, ctl.end)
# Every analysis follows the shared dates: journeys converting (leads created, customers
# acquired) in them. A half-picked range (one day so far) is read as that day.
START: dt.date | None = ctl.start if isinstance(ctl.start, dt.date) else None
END: dt.date | None = ctl.end if isinstance(ctl.end, dt.date) else None


def _saved() -> dict:
    # The person's thresholds, stage values and staff cost travel with the workspace file, so
    # next week's upload (and the report) use them; the campaign dates stay in the session.
    return data.workspace.other.setdefault(WORKSPACE_KEY, {})


def _session_saved() -> dict:
    return st.session_state.setdefault(_SAVED, {})


def _setting(key: str) -> object:
    """The current value of a setting: its widget's, else the saved one, else the default."""
    store = _saved() if key in KEPT_IN_WORKSPACE else _session_saved()
    value = st.session_state.get(f"leads_{key}", store.get(key, getattr(defaults, key)))
    store[key] = value
    return value


def _widget(key: str) -> str:
    """Seed a setting's widget from the saved value; returns the widget key."""
    name = f"leads_{key}"
    if name not in st.session_state:
        store = _saved() if key in KEPT_IN_WORKSPACE else _session_saved()
        st.session_state[name] = store.get(key, getattr(defaults, key))
    return name


settings = LeadsSettings(**{f: _setting(f) for f in LeadsSettings.__dataclass_fields__})


def _fingerprint() -> str:
    return repr([(tb.name, tb.mapping) for tb in data.tables])


def memo(name: str, build: Callable[[], T], *args: object) -> T:
    """`build()` once per data, analysis and arguments in this session: the page reruns on every
    widget change, and the analyses take a second or two each."""
    store = st.session_state.setdefault(_MEMO, {})
    key = (name, *args)
    if store.get("__data") != (fp := _fingerprint()):
        store.clear()
        store["__data"] = fp
    if key not in store:
        if len(store) > _MEMO_SIZE:
            store.clear()
            store["__data"] = fp
        store[key] = build()
    return store[key]


slides_button(
    "leads", lambda: page_slides("leads", data, ctl, settings=settings, memo=memo), ctl.present
)
view = VIEWS["leads"](context(data, ctl, settings=settings, memo=memo))
st.title(view.title)
if not ctl.present:
    st.caption(view.caption)


# --- the page's own controls, drawn inside their sections (never on a slide) --------------------


def attribution_controls() -> None:
    left, middle, right = st.columns(3)
    left.segmented_control(
        t("leads.by_label"), ("channel", "platform", "campaign"),
        format_func=lambda b: t(f"leads.by.{b}"), key=_widget("by"), required=True,
    )  # fmt: skip
    middle.segmented_control(
        t("leads.measure_label"), ("revenue", "conversions"),
        format_func=lambda m: t(f"leads.measure.{m}"), key=_widget("measure"), required=True,
    )  # fmt: skip
    right.number_input(
        t("leads.half_life"), min_value=0.5, max_value=365.0, step=0.5,
        key=_widget("half_life"), help=t("leads.half_life_help"),
    )  # fmt: skip


def retention_days() -> None:
    st.columns([1, 3])[0].number_input(
        t("leads.retention_days"), min_value=1, max_value=730, step=1,
        key=_widget("retention_days"), help=t("leads.retention_days_help"),
    )  # fmt: skip


def thresholds() -> None:
    left, right, _ = st.columns([1, 1, 2])
    left.number_input(t("leads.slow_below"), step=1.0, key=_widget("slow_below"))
    right.number_input(t("leads.fast_from"), step=1.0, key=_widget("fast_from"))


def stage_values() -> None:
    cols = st.columns(4)
    for col, key in zip(
        cols, ("value_lead", "value_qualified", "value_customer", "staff_cost"), strict=True
    ):
        col.number_input(t(f"leads.{key}"), min_value=0.0, step=5.0, key=_widget(key))  # fmt: skip


def kpi_picker() -> None:
    st.columns([1, 2])[0].selectbox(
        t("leads.kpi"), GROWTH_KPIS, format_func=lambda k: BY_ID[k].label, key=_widget("kpi")
    )


def lift_dates() -> None:
    left, right, _ = st.columns([1, 1, 2])
    left.date_input(t("leads.lift_from"), key=_widget("lift_from"), format=date_input_format())
    right.date_input(t("leads.lift_to"), key=_widget("lift_to"), format=date_input_format())


draw_sections(
    view,
    ctl.present,
    hooks={
        "attribution": attribution_controls,
        "retention_days": retention_days,
        "thresholds": thresholds,
        "stage_values": stage_values,
        "kpi": kpi_picker,
        "lift_dates": lift_dates,
    },
)
