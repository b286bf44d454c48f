"""Ctrl-C for `python -m kpi`: one sentence and exit status 130, whatever the command is doing.

Imported by `kpi.cli` before pandas, DuckDB and Arrow, it blocks SIGINT in the main thread, so
every thread those libraries start inherits the block, and waits for it in a helper thread.
Otherwise the signal may land on a library thread while the main thread sits in DuckDB's C
code (a query pulled through an Arrow reader), where Python's handler only runs once the time
limit stops the query. The helper leaves at once while nothing is open yet; once `main` runs,
it interrupts DuckDB (`interrupt()` on each open connection) and the main thread (a
KeyboardInterrupt), and `main` closes everything and prints the sentence."""

from __future__ import annotations

import _thread
import os
import signal
import sys
import threading
from collections.abc import Callable

STOPPED = "Stopped before the end (Ctrl-C); nothing was written."
_pressed = threading.Event()
_on_ctrl_c: list[Callable[[], None]] = []


def is_command_line() -> bool:
    """Whether this process is `python -m kpi` (not a test or the app importing kpi.cli)."""
    return bool(sys.argv) and sys.argv[0].endswith(os.path.join("kpi", "__main__.py"))


def pressed() -> bool:
    """Whether Ctrl-C was pressed while a command ran."""
    return _pressed.is_set()


def watch_ctrl_c(interrupt: Callable[[], None]) -> None:
    """From now on, Ctrl-C calls `interrupt` (which stops DuckDB) and raises KeyboardInterrupt
    in the main thread, instead of leaving at once."""
    _on_ctrl_c.append(interrupt)


def _leave_now(signum: int = 0, frame: object = None) -> None:
    print(STOPPED, file=sys.stderr, flush=True)
    os._exit(130)


def _wait() -> None:
    signal.sigwait({signal.SIGINT})
    if not _on_ctrl_c:  # still importing: no connection, no file written yet
        _leave_now()
    _pressed.set()
    _thread.interrupt_main()  # raised as soon as the main thread is back in Python
    for interrupt in _on_ctrl_c:
        interrupt()


if is_command_line():
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        threading.Thread(target=_wait, name="kpi-ctrl-c", daemon=True).start()
    else:  # no POSIX signal masks: at least the imports end with the sentence
        signal.signal(signal.SIGINT, _leave_now)
