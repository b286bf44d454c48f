"""Traffic & conversions: website KPI tiles, sessions from social against other channels,
branded search, and the funnel from post impressions to new customers (`kpi.views.traffic`)."""

from __future__ import annotations

import streamlit as st

from kpi.analytics import traffic as analytics
from kpi.i18n import t
from kpi.slides import page_slides
from kpi.views import VIEWS
from kpi.views.common import context
from kpi.views.traffic import MEASURES, brand_terms
from ui.page import header, setup
from ui.render import draw_sections
from ui.slides_button import slides_button

TERMS_KEY = "traffic_brand_terms"
MEASURE_KEY = "traffic_search_measure"

data, ctl = setup()


def _options() -> dict:
    return {"measure": st.session_state.get(MEASURE_KEY) or "clicks"}


slides_button("traffic", lambda: page_slides("traffic", data, ctl, **_options()), ctl.present)
header(t("traffic.title"), data, ctl)
view = VIEWS["traffic"](context(data, ctl, **_options()))


def _save_terms() -> None:
    data.workspace.other["brand_terms"] = analytics.parse_terms(st.session_state[TERMS_KEY])


def search_controls() -> None:
    """The brand terms and the measure the chart shows (not on a slide)."""
    terms = brand_terms(context(data, ctl))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        t("traffic.brand_terms"),
        value=", ".join(terms),
        key=TERMS_KEY,
        on_change=_save_terms,
        help=t("traffic.brand_terms_help"),
    )
    right.segmented_control(
        t("traffic.search_measure"),
        MEASURES,
        default="clicks",
        format_func=lambda m: t(f"traffic.measure.{m}"),
        key=MEASURE_KEY,
    )


draw_sections(view, ctl.present, hooks={"search_controls": search_controls})
