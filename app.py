"""KPI Explorer: drop your exports, see your KPIs. Entry point for `streamlit run app.py`."""

from __future__ import annotations

import streamlit as st

from kpi.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon=":material/insights:", layout="wide")

navigation = st.navigation(
    [
        st.Page(
            "pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True
        ),
        st.Page("pages/data.py", title=t("nav.data"), icon=":material/upload_file:"),
    ]
)
navigation.run()
