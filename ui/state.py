"""The session's data: a private SessionData per browser session, starting on the sample data,
released (its memory and spill directory freed) when the session ends."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kpi.i18n.messages import current_language, use_language
from kpi.load import LoadResult, load_paths
from kpi.memory import return_freed_memory, tune_malloc
from kpi.store import Phase, SessionData
from ui.controls import follow_new_data

_LOG = logging.getLogger("kpi.app")
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
_KEY = "session_data"
_SAMPLE_LANG = "_sample_lang"  # the language the session's sample data was read in
T = TypeVar("T")
# The app's process: sessions' DuckDB workers would otherwise get glibc arenas of their own, and
# a file's worth of freed bytes would stay in them (kpi.memory). Set on import, before the
# first session's threads start.
tune_malloc()


@st.cache_resource(show_spinner=False)
def _sample_result(lang: str) -> LoadResult:
    """The bundled sample files, read once per server and language: they are the product's, not
    a person's, but their load report (notes, reasons) is words, so each language has its own."""
    with use_language(lang):
        return load_paths([SAMPLE_DIR])


def _add_sample(data: SessionData) -> None:
    """Put the sample data, its load report in the current language, into a cleared session."""
    lang = current_language()
    data.add(_sample_result(lang))
    data.source = "sample"
    st.session_state[_SAMPLE_LANG] = lang


@dataclass
class _Release:
    """What a session opened; closed by Streamlit when the session ends."""

    opened: list[SessionData] = field(default_factory=list)
    guard: threading.Lock = field(default_factory=threading.Lock)

    def watch(self, data: SessionData) -> None:
        with self.guard:
            if not any(d is data for d in self.opened):
                self.opened.append(data)

    def close_all(self) -> None:
        with self.guard:
            for data in self.opened:
                with data.lock:
                    data.close()
            _LOG.info("session ended: %d database(s) closed", len(self.opened))
            self.opened.clear()
        return_freed_memory()


def _close_all(release: _Release) -> None:
    release.close_all()


# Session-scoped: Streamlit calls `on_release` a few seconds after the tab closes, so a
# session's database memory and spill directory come back then, not when garbage is collected.
@st.cache_resource(scope="session", on_release=_close_all, show_spinner=False)
def _release() -> _Release:
    return _Release()


def session_data() -> SessionData:
    """This session's data, created on first use with the sample data loaded."""
    if _KEY not in st.session_state:
        data = SessionData()
        _add_sample(data)
        st.session_state[_KEY] = data
    data = st.session_state[_KEY]
    if data.source == "sample" and st.session_state.get(_SAMPLE_LANG) != current_language():
        # The person changed language: the sample's load report follows (same data, same
        # dates). Their own files keep the report they were read with.
        with data.lock:
            data.clear()
            _add_sample(data)
    _release().watch(data)
    return data


def locked(data: SessionData, build: Callable[[], T]) -> Callable[[], T]:
    """`build` made to wait for the session's page run: a download's data is built on another
    thread while the click's rerun may be using the same connection. It is built in the
    language of the run that offered it (that thread has no current language of its own)."""
    lang = current_language()

    def run() -> T:
        with data.lock, use_language(lang):
            return build()

    return run


def use_sample_data() -> None:
    """Replace whatever is loaded with the sample data."""
    data = session_data()
    data.clear()
    _add_sample(data)
    return_freed_memory()  # what the person's files took
    follow_new_data()


def upload_key(name: str, content: bytes) -> str:
    """One upload's identity: its name and content, so the same file twice is read once."""
    return hashlib.sha256(name.encode() + b"\0" + content).hexdigest()[:16]


def add_uploads(
    files: list[tuple[str, bytes]], on_phase: Phase | None = None
) -> tuple[int, list[str]]:
    """Load the files not loaded yet (the first upload replaces the sample data); returns how
    many were read and the names of those that were already there. `on_phase` hears each
    file's phases ("reading", "recognising", "summaries") as they start."""
    data = session_data()
    if data.source != "uploads":
        data.clear()
        data.source = "uploads"
    read, repeated = 0, []
    for name, content in files:
        key = upload_key(name, content)
        if key in data.uploads:
            repeated.append(name)
            continue
        if on_phase is not None:
            on_phase("reading")
        data.add(data.read(name, content), upload=key, name=name, on_phase=on_phase)
        read += 1
    return_freed_memory()  # parsing leaves freed buffers behind
    if read:
        follow_new_data()
    return read, repeated


def remove_upload(key: str) -> None:
    """Drop one uploaded file and what it brought."""
    data = session_data()
    data.remove_upload(key)
    if not data.uploads:
        use_sample_data()
    else:
        return_freed_memory()  # the file's tables, dropped
        follow_new_data()


def forget_uploaded(files: list) -> None:
    """Drop files the uploader handed over (and that were read) from Streamlit's store of the
    session's uploads: it keeps every file's bytes until the session ends, even once a fresh
    uploader replaced the widget that received them (Streamlit's chat input does the same)."""
    ctx = get_script_run_ctx()
    remove = getattr(ctx.uploaded_file_mgr, "remove_file", None) if ctx else None
    if remove is None:  # outside a script run, or a store that cannot remove one file
        return
    for file in files:
        remove(session_id=ctx.session_id, file_id=file.file_id)
