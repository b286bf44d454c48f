"""Downloads people open in a spreadsheet: cells that a spreadsheet would run as a formula
(starting with =, +, -, @, tab or carriage return) are neutralised; real numbers stay numbers."""

from __future__ import annotations

import pandas as pd

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell that cannot run as a formula: text starting with a trigger gets a leading quote."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with BOM, so Excel reads accents) with every text cell neutralised."""
    safe = frame.rename(columns=lambda c: neutralise(str(c)))
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False).encode("utf-8-sig")
