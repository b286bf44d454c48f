"""The command line's way to read what it is given: only regular files, never more bytes than a
file may have (so a FIFO cannot hang the command and /dev/zero cannot fill memory), and dates."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from kpi.i18n import t
from kpi.load import FileError, LoadResult, expand_paths, load_file
from kpi.settings import settings


def _size(n: int) -> str:
    return f"{n / 1024**2:,.0f} MB"


def read_export(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of one export file; `OSError` or `ValueError` (with a sentence) when it is not
    a regular file or is larger than `max_bytes` (the KPI_MAX_FILE_MB setting by default)."""
    max_bytes = settings().max_file_bytes if max_bytes is None else max_bytes
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what was opened
    # (a symlink to /dev/zero is a device, whatever its name says).
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(t("cli.not_a_regular_file"))
        if info.st_size > max_bytes:
            raise ValueError(
                t("error.file_over_limit", size=_size(info.st_size), limit=_size(max_bytes))
            )
        data = handle.read(max_bytes + 1)  # a file still growing stops at the limit too
    if len(data) > max_bytes:
        raise ValueError(t("error.file_grew_over_limit", limit=_size(max_bytes)))
    return data


def load_exports(paths: Iterable[str | Path]) -> LoadResult:
    """Load files and folders named on the command line; every unreadable one is an error
    sentence in the result, never an exception or a hang."""
    result = LoadResult()
    try:
        found = expand_paths(paths)
    except OSError as exc:
        result.errors.append(FileError(str(exc.filename or ""), _os_sentence(exc)))
        return result
    for path in found:
        try:
            data = read_export(path)
        except OSError as exc:
            result.errors.append(FileError(path.name, _os_sentence(exc)))
            continue
        except ValueError as exc:
            result.errors.append(FileError(path.name, str(exc)))
            continue
        result.extend(load_file(path.name, data))
    return result


def _os_sentence(exc: OSError) -> str:
    return t("cli.cannot_open", reason=exc.strerror or t("cli.unknown_reason"))


def date_argument(text: str) -> dt.date:
    """A command-line date, written YYYY-MM-DD; anything else is a usage error."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", value=repr(text))) from None
