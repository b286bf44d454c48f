"""The server settings a hosted team instance relies on, read from .streamlit/config.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import streamlit

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_server_protections_are_on_and_static_serving_is_off():
    server = tomllib.loads(CONFIG.read_text())["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["enableStaticServing"] is False
    assert server["maxUploadSize"] >= 1024  # MB: exports of a year run to hundreds of MB


def test_streamlit_is_a_release_past_the_published_advisories():
    # The advisories we know of were fixed by 1.37 (path traversal on Windows static serving,
    # and earlier XSS fixes); the pinned release is far beyond that.
    major, minor = (int(p) for p in streamlit.__version__.split(".")[:2])
    assert (major, minor) >= (1, 37)
