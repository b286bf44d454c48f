"""The global controls every page shares — language, date range, grain, comparison, platform and
campaign filters, presenter mode — kept in the URL so a copied link reopens exactly the same view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import streamlit as st

from kpi.catalog import CATALOG
from kpi.engine import COMPARISONS, GRAINS, Request, data_end, data_start
from kpi.i18n import t
from kpi.i18n.names import display_name
from kpi.store import SessionData
from ui.language import date_input_format
from ui.language import picker as language_picker

# One KPI of every dataset the catalog measures: the dates follow whatever data was loaded (an
# orders or CRM export alone too), not only social and web data.
_ALL_KPIS = tuple({str(k.dataset): k.id for k in reversed(CATALOG) if k.dataset}.values())
_DEFAULT_WEEKS = 4
_EARLIEST = dt.date(2000, 1, 1)  # the picker always reaches back this far, whatever the data


@dataclass(frozen=True)
class Controls:
    """What the person chose; pages turn it into engine requests with `request()`."""

    start: dt.date
    end: dt.date
    grain: str
    compare: str | None
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    present: bool = False

    def request(
        self,
        kpis: Sequence[str],
        by: Sequence[str] = (),
        whole_range: bool = False,
        **extra: object,
    ) -> Request:
        """An engine request for these KPIs under the chosen range, grain, filters and comparison;
        `whole_range` asks for one value over the range instead of one per period."""
        options: dict = {"filters": self.filters, "compare": self.compare, **extra}
        return Request(
            tuple(kpis),
            self.start,
            self.end,
            None if whole_range else self.grain,
            tuple(by),
            **options,
        )


def _param_date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return None


def _init_from_url(data: SessionData) -> None:
    """Seed the widgets from the URL once per session (later runs keep the person's changes)."""
    widgets = (
        "ctl_range",
        "ctl_grain",
        "ctl_compare",
        "ctl_platform",
        "ctl_campaign",
        "ctl_present",
    )
    if st.session_state.get("_controls_ready"):
        # Streamlit may drop widget state between pages: restore it from our own copy.
        saved = st.session_state.get("_controls_saved", {})
        for key in widgets:
            if key not in st.session_state and key in saved:
                st.session_state[key] = saved[key]
        if all(key in st.session_state for key in widgets):
            return
    # After new data arrives the dates follow the data, not the link the session started from.
    from_url = not st.session_state.pop("_controls_follow_data", False)
    end = (
        (_param_date("to") if from_url else None)
        or data_end(data.con, _ALL_KPIS)
        or dt.date.today()
    )
    # By default the last four weeks, starting on a Monday, so no period is a stray single day.
    default_start = end - dt.timedelta(days=end.weekday() + 7 * (_DEFAULT_WEEKS - 1))
    start = (_param_date("from") if from_url else None) or default_start
    st.session_state["ctl_range"] = (start, end)
    grain = st.query_params.get("grain", "week")
    st.session_state["ctl_grain"] = grain if grain in GRAINS else "week"
    compare = st.query_params.get("compare", "previous")
    st.session_state["ctl_compare"] = compare if compare in (*COMPARISONS, "none") else "previous"
    for name in ("platform", "campaign"):
        raw = st.query_params.get(name, "")
        st.session_state[f"ctl_{name}"] = [v for v in raw.split(",") if v]
    st.session_state["ctl_present"] = st.query_params.get("present") == "1"
    st.session_state["_controls_ready"] = True


def _date_bounds(data: SessionData) -> tuple[dt.date, dt.date]:
    """The earliest and latest dates the picker offers: the data's range and the chosen one,
    whatever their years, with today and a margin around them."""
    start, end = st.session_state.get("ctl_range", (None, None))[:2] or (None, None)
    first = data_start(data.con, _ALL_KPIS)
    last = data_end(data.con, _ALL_KPIS)
    today = dt.date.today()
    dates = [d for d in (start, end, first, last, today) if isinstance(d, dt.date)]
    margin = dt.timedelta(days=366 * 5)
    return min(min(dates) - margin, _EARLIEST), max(dates) + margin


def follow_new_data() -> None:
    """New data was loaded: set the dates to its latest weeks on the next run."""
    st.session_state["_controls_ready"] = False
    st.session_state["_controls_follow_data"] = True


def controls(data: SessionData) -> Controls:
    """Draw the shared controls in the sidebar and return the choices (also written to the URL)."""
    _init_from_url(data)
    with st.sidebar:
        st.toggle(t("ctl.present"), key="ctl_present")
        # The picker's own bounds are ten years either side of its value; the data may be older.
        low, high = _date_bounds(data)
        chosen = st.date_input(
            t("ctl.range"),
            key="ctl_range",
            min_value=low,
            max_value=high,
            format=date_input_format(),
        )
        st.selectbox(t("ctl.grain"), GRAINS, format_func=lambda g: t(f"grain.{g}"), key="ctl_grain")
        st.selectbox(
            t("ctl.compare"),
            ("previous", "year", "none"),
            format_func=lambda c: t(f"compare.{c}"),
            key="ctl_compare",
        )
        filters: dict[str, tuple[str, ...]] = {}
        for name in ("platform", "campaign"):
            options = data.distinct_values(name)
            kept = [v for v in st.session_state.get(f"ctl_{name}", []) if v in options]
            st.session_state[f"ctl_{name}"] = kept
            picked = st.multiselect(
                t(f"ctl.{name}"),
                options,
                key=f"ctl_{name}",
                placeholder=t("ctl.all"),
                # TikTok for `tiktok`; the picked values stay the data's (the URL, the filter).
                format_func=display_name if name == "platform" else str,
            )
            if picked:
                filters[name] = tuple(picked)
        language_picker(data)  # last: the view's own controls keep their places
    start, end = (
        (chosen[0], chosen[-1]) if isinstance(chosen, tuple | list) and chosen else (chosen, chosen)
    )
    compare = st.session_state["ctl_compare"]
    current = Controls(
        start=start,
        end=end,
        grain=st.session_state["ctl_grain"],
        compare=None if compare == "none" else compare,
        filters=filters,
        present=bool(st.session_state["ctl_present"]),
    )
    st.session_state["_controls_saved"] = {
        key: st.session_state[key]
        for key in (
            "ctl_range",
            "ctl_grain",
            "ctl_compare",
            "ctl_platform",
            "ctl_campaign",
            "ctl_present",
        )
    }
    _write_url(current)
    return current


def _write_url(c: Controls) -> None:
    wanted = {
        "from": c.start.isoformat(),
        "to": c.end.isoformat(),
        "grain": c.grain,
        "compare": c.compare or "none",
    }
    for name in ("platform", "campaign"):
        if name in c.filters:
            wanted[name] = ",".join(c.filters[name])
    if c.present:
        wanted["present"] = "1"
    # Only our own keys: pages keep theirs (Explore's kpi, by and mode) in the same URL.
    for key in [
        k
        for k in ("from", "to", "grain", "compare", "platform", "campaign", "present")
        if k not in wanted
    ]:
        if key in st.query_params:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
