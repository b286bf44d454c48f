"""The error family of KPI Explorer: every error a person may see carries a plain message."""

from __future__ import annotations


class KpiError(Exception):
    """Base of every expected error; `user_message` says what happened and what to do."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class FileRefused(KpiError):
    """A whole file could not be read (empty, binary, encrypted, damaged, too large)."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.reason = message
