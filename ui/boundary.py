"""Each page's one error boundary, and the lock that gives a page run the session's database.

Whatever goes wrong while a page is drawn, the person sees one sentence (with a reference
to find the details in the server log), never a traceback or a server path."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from kpi.errors import KpiError
from kpi.i18n import t
from kpi.settings import SettingError, settings
from kpi.store import SessionData
from ui.safe import md

_LOG = logging.getLogger("kpi.app")
# A run waits this long for the session's previous run or download to finish with the
# database before it says so and stops (the person's own queries stop at their time limit).
WAIT_SECONDS = 60.0


def settings_or_stop() -> None:
    """Check the operator settings before anything uses them; a bad one is shown as its
    sentence (naming the setting and what it accepts) and the run stops."""
    try:
        settings()
    except SettingError as exc:
        _LOG.error("bad setting: %s", exc.user_message)
        st.error(md(t("app.bad_setting", problem=exc.user_message)), icon=":material/error:")
        st.stop()


@contextmanager
def page_boundary(data: SessionData) -> Iterator[None]:
    """Run the page holding the session's database lock; turn any failure into a sentence."""
    if not data.lock.acquire(timeout=WAIT_SECONDS):
        st.info(t("app.busy"))
        st.stop()
    try:
        yield
    except KpiError as exc:
        st.error(md(exc.user_message), icon=":material/error:")
    except Exception:  # Streamlit's stop and rerun are BaseExceptions and pass through.
        reference = uuid.uuid4().hex[:8]
        _LOG.exception("page failed (reference %s)", reference)
        st.error(t("app.error", reference=reference), icon=":material/error:")
    finally:
        data.lock.release()
