"""Audience: who follows (age × gender pyramid, top countries, cities and languages at the latest
snapshot on or before the range's end) and when they engage (weekday × hour of posts, on the
business's clock: the session's time zone) — `kpi.views.audience`."""

from __future__ import annotations

import streamlit as st

from kpi.analytics import audience as analytics
from kpi.i18n import t
from kpi.slides import page_slides
from kpi.views import VIEWS
from kpi.views.common import context
from ui.page import setup
from ui.render import draw_sections
from ui.slides_button import slides_button

MIN_POSTS_KEY = "audience_min_posts"

data, ctl = setup()


def _options() -> dict:
    return {"min_posts": st.session_state.get(MIN_POSTS_KEY, analytics.MIN_POSTS)}


slides_button("audience", lambda: page_slides("audience", data, ctl, **_options()), ctl.present)
view = VIEWS["audience"](context(data, ctl, **_options()))
st.title(view.title)
if view.caption and not ctl.present:
    st.caption(view.caption)


def min_posts() -> None:
    st.number_input(
        t("audience.min_posts"), min_value=1, max_value=100, value=analytics.MIN_POSTS, step=1,
        key=MIN_POSTS_KEY,
    )  # fmt: skip


draw_sections(view, ctl.present, hooks={"min_posts": min_posts})
