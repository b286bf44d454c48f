"""Bounds on the queries a person starts (their own SQL and formula KPIs): one at a time per
session, and stopped at a time limit with DuckDB's `interrupt()`, after which the connection
is usable again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from kpi.errors import KpiError
from kpi.i18n import t
from kpi.settings import settings


class QueryRefused(KpiError):
    """A person's query was not run, or was stopped; the message says why and what to do."""


class QueryGate:
    """One per session: lets a single query through at a time and stops it at the time limit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        """Whether a query of this session is running now."""
        return self._lock.locked()

    @contextmanager
    def limit(self, con: duckdb.DuckDBPyConnection, seconds: float | None = None) -> Iterator[None]:
        """Run the block as this session's only query, interrupted after `seconds`.

        A second query while one runs is refused rather than queued: the person clicked twice,
        and a queue of slow queries would hold the connection for everyone's next click."""
        seconds = settings().query_seconds if seconds is None else seconds
        if not self._lock.acquire(blocking=False):
            raise QueryRefused(t("sql.error.busy"))
        timer = threading.Timer(seconds, con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield
        except duckdb.InterruptException:
            raise QueryRefused(t("sql.error.timeout", seconds=f"{seconds:g}")) from None
        finally:
            # An interrupt that lands once the query is over does nothing (DuckDB ignores
            # it on an idle connection), so cancelling late is harmless.
            timer.cancel()
            self._lock.release()
