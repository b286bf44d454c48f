"""Engagement: the engagement-family KPIs against the comparison period, engagement rate per
platform over time, new against lost followers, and every KPI by platform
(`kpi.views.engagement`)."""

from __future__ import annotations

import streamlit as st

from kpi.i18n import t
from kpi.slides import page_slides
from kpi.views import VIEWS
from kpi.views.common import context
from ui.page import setup
from ui.render import draw_sections
from ui.slides_button import slides_button

data, ctl = setup()
slides_button("engagement", lambda: page_slides("engagement", data, ctl), ctl.present)
view = VIEWS["engagement"](context(data, ctl))
st.title(view.title)
if not data.datasets():
    st.info(t("engagement.no_data"))
    st.page_link("app_pages/data.py", label=t("overview.upload_link"), icon=":material/upload:")
st.caption(view.caption)
draw_sections(view, ctl.present)
