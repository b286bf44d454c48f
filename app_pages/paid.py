"""Paid: what the ads cost and return — cost per result tiles against the comparison period,
spend and ROAS per period, and every campaign side by side — under the shared controls
(`kpi.views.paid`)."""

from __future__ import annotations

import streamlit as st

from kpi.slides import page_slides
from kpi.views import VIEWS
from kpi.views.common import context
from ui.page import setup
from ui.render import draw_sections
from ui.slides_button import slides_button

data, ctl = setup()
slides_button("paid", lambda: page_slides("paid", data, ctl), ctl.present)
view = VIEWS["paid"](context(data, ctl))
st.title(view.title)
st.caption(view.caption)
draw_sections(view, ctl.present)
