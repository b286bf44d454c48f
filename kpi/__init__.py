"""KPI Explorer's pure core: loading exports, canonical data, KPIs and charts.

Nothing in this package imports Streamlit, so the command line and the tests use it directly.
"""
