"""What the browser tests share: a `streamlit run` of the app on a free loopback port, and
the selector that says the app has finished a run."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]  # fmt: skip


def free_port() -> int:
    """A TCP port nobody listens on now, on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run app.py` on a free port, until the block ends; yields its URL. The
    process is reachable as the URL's `.proc` attribute through `streamlit_process`."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    _PROCESSES[url] = proc
    try:
        for _ in range(120):
            try:
                if health(url):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start within 60 s")
        yield url
    finally:
        _PROCESSES.pop(url, None)
        proc.terminate()
        proc.wait(timeout=20)


_PROCESSES: dict[str, subprocess.Popen] = {}


def streamlit_process(url: str) -> subprocess.Popen:
    """The server process behind a URL that `streamlit_server` yielded."""
    return _PROCESSES[url]


def health(url: str) -> bool:
    """Whether the server answers its health check."""
    return urllib.request.urlopen(f"{url}/_stcore/health", timeout=5).read() == b"ok"


def idle(page, timeout: int = 90_000) -> None:
    """Wait until the page's script run is over and the connection is up."""
    page.wait_for_selector(IDLE, timeout=timeout)


def upload(page, *paths, attempts: int = 3) -> None:
    """Give files to the page's first uploader and wait until the browser sends them.

    A synthetic change event on a dropzone React has just re-rendered at the end of a run
    sometimes asks the server for upload URLs with no file names and sends nothing; a
    person's file dialog cannot be that fast. So the files are given again until their PUT
    goes out."""
    dropzone = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    for attempt in range(attempts):
        try:
            with page.expect_request(
                lambda r: "/_stcore/upload_file/" in r.url and r.method == "PUT", timeout=5_000
            ):
                dropzone.set_input_files([str(p) for p in paths])
            return
        except Exception:  # playwright's TimeoutError; the next attempt gives the files again
            if attempt == attempts - 1:
                raise
            page.wait_for_timeout(500)
