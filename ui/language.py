"""The person's language: chosen once at the top of every run, before anything is drawn, from
(in order) their pick in the sidebar, a workspace they uploaded, `?lang=` in the URL, their
browser's language (`st.context.locale`), else English; kept in the URL like the rest of the view
and saved in the workspace when they pick one."""

from __future__ import annotations

import streamlit as st

from kpi.i18n import t
from kpi.i18n.messages import (
    SOURCE_LANGUAGE,
    current_language,
    known_language,
    languages,
    set_language,
)
from kpi.store import SessionData

# Each language's name in its own language: a person looks for the one they read.
NAMES = {"en": "English", "es": "Español", "pl": "Polski"}
# How a date picker writes its dates (the formats Streamlit's date_input offers): day first
# where people write it so.
DATE_INPUT_FORMATS = {"en": "YYYY/MM/DD", "es": "DD/MM/YYYY", "pl": "DD.MM.YYYY"}
WIDGET = "ctl_lang"  # the picker's widget key
_SAVED = "_lang"  # our own copy: Streamlit may drop a widget's state between pages
_PENDING = "_lang_pending"  # a workspace's language, taken at the top of the next run


def date_input_format() -> str:
    """The `format` of `st.date_input` for the current language."""
    return DATE_INPUT_FORMATS.get(current_language(), DATE_INPUT_FORMATS[SOURCE_LANGUAGE])


def from_locale(locale: object) -> str | None:
    """The app's language for a browser language tag (`pl-PL` → pl, `es-419` → es, `EN` → en),
    or None when the app does not speak it."""
    if not isinstance(locale, str):
        return None
    primary = locale.strip().replace("_", "-").split("-")[0].lower()
    return known_language(primary)


def initial_language(url: object, locale: object) -> str:
    """A new session's language: `?lang=` if the app speaks it, else the browser's, else English."""
    return known_language(url) or from_locale(locale) or SOURCE_LANGUAGE


def start_run() -> str:
    """Choose this run's language and make it the current one (call first in the entrypoint)."""
    state = st.session_state
    pending = known_language(state.pop(_PENDING, None))
    if pending:
        state[WIDGET] = pending
    lang = (
        known_language(state.get(WIDGET))
        or known_language(state.get(_SAVED))
        or initial_language(st.query_params.get("lang"), st.context.locale)
    )
    state[_SAVED] = lang
    if state.get(WIDGET) != lang:
        state[WIDGET] = lang  # the picker has not been drawn yet in this run
    set_language(lang)
    return lang


def adopt_workspace_language(lang: str | None) -> None:
    """An uploaded workspace names a language: the next run (which the caller starts) uses it."""
    if known_language(lang):
        st.session_state[_PENDING] = lang


def _picked(data: SessionData) -> None:
    # A person's own pick is one of their decisions: the workspace file carries it.
    data.workspace.language = known_language(st.session_state.get(WIDGET))


def picker(data: SessionData) -> str:
    """The language picker (call inside the sidebar); writes the language to the URL."""
    lang = st.selectbox(
        t("ctl.language"),
        languages(),
        format_func=lambda code: NAMES.get(code, code),
        key=WIDGET,
        on_change=_picked,
        args=(data,),
    )
    lang = known_language(lang) or SOURCE_LANGUAGE
    st.session_state[_SAVED] = lang
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang
