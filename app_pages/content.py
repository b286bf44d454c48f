"""Content: posts per period by platform, the best and worst posts by engagement rate, hashtags
and mentions, and reach against engagement rate per post — all under the shared controls
(`kpi.views.content`)."""

from __future__ import annotations

import streamlit as st

from kpi.analytics import content as analytics
from kpi.i18n import t
from kpi.slides import page_slides
from kpi.views import VIEWS
from kpi.views.common import context
from kpi.views.content import MIN_IMPRESSIONS
from ui.page import header, setup
from ui.render import draw_sections
from ui.slides_button import slides_button

THRESHOLD_KEY = "content_min_impressions"

data, ctl = setup()


def _options() -> dict:
    return {"min_impressions": st.session_state.get(THRESHOLD_KEY, MIN_IMPRESSIONS)}


slides_button("content", lambda: page_slides("content", data, ctl, **_options()), ctl.present)
header(t("content.title"), data, ctl)
view = VIEWS["content"](context(data, ctl, **_options()))


def threshold() -> None:
    """The ranking's minimum impressions (a slide shows the threshold set before)."""
    st.number_input(
        t("content.min_impressions"),
        min_value=0,
        value=MIN_IMPRESSIONS,
        step=50,
        help=t("content.min_impressions_help"),
        key=THRESHOLD_KEY,
    )


ignored = analytics.where(data.con, "posts", "published_at", ctl.start, ctl.end, ctl.filters)[2]
if ignored and not ctl.present:
    st.caption(t("content.filters_ignored", fields=", ".join(ignored)))
draw_sections(view, ctl.present, hooks={"threshold": threshold})
