"""Shared Streamlit pieces: session state, tiles and load-report views used by the pages."""
