"""The session's data: a private SessionData per browser session, starting on the sample data."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from kpi.load import LoadResult, load_files, load_paths
from kpi.store import SessionData
from ui.controls import follow_new_data

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
_KEY = "session_data"


@st.cache_resource(show_spinner=False)
def _sample_result() -> LoadResult:
    """The bundled sample files, read once per server: they are the product's, not a person's."""
    return load_paths([SAMPLE_DIR])


def session_data() -> SessionData:
    """This session's data, created on first use with the sample data loaded."""
    if _KEY not in st.session_state:
        data = SessionData()
        data.add(_sample_result())
        data.source = "sample"
        st.session_state[_KEY] = data
    return st.session_state[_KEY]


def use_sample_data() -> None:
    """Replace whatever is loaded with the sample data."""
    data = session_data()
    data.clear()
    data.add(_sample_result())
    data.source = "sample"
    st.session_state.pop("uploads_fingerprint", None)
    follow_new_data()


def use_uploads(files: list[tuple[str, bytes]]) -> bool:
    """Load the uploaded files in place of what was there; False when they were already loaded."""
    fingerprint = hashlib.sha256(
        b"".join(hashlib.sha256(name.encode() + data).digest() for name, data in files)
    ).hexdigest()
    if st.session_state.get("uploads_fingerprint") == fingerprint:
        return False
    data = session_data()
    data.clear()
    data.add(load_files(files))
    data.source = "uploads"
    st.session_state["uploads_fingerprint"] = fingerprint
    follow_new_data()
    return True
