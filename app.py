"""KPI Explorer: drop your exports, see your KPIs. Entry point for `streamlit run app.py`.

The shared controls and presenter mode live here, in the entrypoint, so they are one set of
widgets for every page (widgets created inside a page are reset when another page opens)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kpi.i18n import t
from ui import language
from ui.boundary import page_boundary, settings_or_stop
from ui.page import frame
from ui.state import session_data

language.start_run()  # first: the page's title, the navigation and every page follow it
st.set_page_config(page_title=t("app.title"), page_icon=":material/insights:", layout="wide")
settings_or_stop()  # a bad operator setting is one sentence, before anything reads it

PAGES = [
    ("overview", ":material/dashboard:"),
    ("engagement", ":material/favorite:"),
    ("audience", ":material/groups:"),
    ("content", ":material/article:"),
    ("traffic", ":material/trending_up:"),
    ("paid", ":material/payments:"),
    ("leads", ":material/paid:"),
    ("plan", ":material/flag:"),
    ("scorecard", ":material/account_tree:"),
    ("explore", ":material/query_stats:"),
    ("data", ":material/upload_file:"),
]
HERE = Path(__file__).resolve().parent

navigation = st.navigation(
    [
        st.Page(
            f"app_pages/{name}.py",
            title=t(f"nav.{name}"),
            icon=icon,
            url_path=name,
            default=name == "overview",
        )
        for name, icon in PAGES
        if (HERE / "app_pages" / f"{name}.py").exists()
    ]
)
data = session_data()
with page_boundary(data):
    frame(data, navigation.url_path)
    navigation.run()
