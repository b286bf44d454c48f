"""Vectorised scans of a worksheet's XML text for `kpi.load.excel.scan_sheet`: how far its cell
references reach and how many value tags it holds, computed with numpy over the whole chunk.

Each function gives exactly what its regular-expression or `bytes.count` definition gives on
the same text (a property test compares them); where the text is spelled in a way the vectorised
reading does not cover (whitespace around "=", a reference too long for its window) it uses the
definition itself, so a hostile spelling costs time, never safety."""

from __future__ import annotations

import re

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# Any spelling XML allows (spaces around "=", single quotes). It starts with a literal "r", which
# the regex engine finds fast; an attribute merely ending in "r" can only widen the extent.
CELL_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]+)([0-9]+)["']""")

# The bytes after `r="` read per reference: "XFD1048576" and its closing quote take 11.
_WINDOW = 16
# Letters beyond this many would overflow int64 in numpy (26**13 < 2**63 < 26**14); digits stay
# within the window (at most 14), far from int64's 18.
_MAX_LETTERS = 12
# References outside the window's reach are matched one by one; many of them (only a hostile
# sheet writes such references) and the whole text goes to the regex at once.
_MAX_ODD = 256
_PAD = bytes(_WINDOW + 2)
_SPACE = np.zeros(256, dtype=bool)
_SPACE[[9, 10, 11, 12, 13, 32]] = True  # what `\s` matches in a bytes pattern
# Row k: the booleans of the window's first k bytes set, as two 8-byte words.
_PREFIX = (np.arange(_WINDOW) < np.arange(_WINDOW + 1)[:, None]).view(np.uint64)
_EQUALS, _R, _QUOTE, _APOSTROPHE = ord("="), ord("r"), ord('"'), ord("'")


def column_number(letters: bytes) -> int:
    """A column's 1-based number from its letters ("A" is 1, "AA" is 27), in any case."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def regex_cell_extent(text: bytes) -> tuple[int, int]:
    """The last row and column any `CELL_REF` match in `text` names (0, 0 without a match): the
    definition `cell_extent` follows."""
    rows = columns = 0
    letters = set()
    for column, row in CELL_REF.findall(text):
        rows = max(rows, int(row))
        letters.add(column)
    if letters:
        columns = max(map(column_number, letters))
    return rows, columns


def _quoted(values: np.ndarray) -> np.ndarray:
    return (values == _QUOTE) | (values == _APOSTROPHE)


def cell_extent(text: bytes) -> tuple[int, int]:
    """The last row and column any `CELL_REF` match in `text` names (0, 0 without a match).

    A match cannot start inside another one (its letters and digits are followed by a quote,
    never by "="), so the matches are exactly the places where the pattern matches anchored at an
    "r". Without whitespace next to any "=", each is `r`, `=`, a quote, then the reference: it
    is read from a fixed window after the quote."""
    size = len(text)
    chars = np.frombuffer(text + _PAD, dtype=np.uint8)
    equals = np.flatnonzero(chars[:size] == _EQUALS)
    before, after = chars[equals - 1], chars[equals + 1]  # index -1 is the padding's 0
    if _SPACE[before].any() or _SPACE[after].any():
        return regex_cell_extent(text)
    starts = equals[(before == _R) & _quoted(after)] + 2
    if not starts.size:
        return 0, 0
    # Past the text's end the window holds the padding's zeros: no letter, digit or quote.
    window = sliding_window_view(chars, _WINDOW)[starts]
    letter = ((window | 0x20) - ord("a")) < 26  # uint8 arithmetic wraps below "a"
    digit = (window - ord("0")) < 10
    lines = np.arange(len(starts))
    n_letters = letter.argmin(axis=1)
    alnum = letter | digit
    end = alnum.argmin(axis=1)  # the first byte that is neither
    # A run filling the window (argmin found no end) is read by the regex.
    odd = letter[lines, n_letters] | alnum[lines, end] | (n_letters > _MAX_LETTERS)
    # Letters then digits: among the bytes before the end, the letters are the first ones. Each
    # row's 16 booleans are read as two words and compared with the prefix of that length.
    letter_words = letter.view(np.uint64)
    plain = (letter_words & _PREFIX[end] == _PREFIX[n_letters]).all(axis=1)
    closed = _quoted(window[lines, end])
    n_digits = np.where(plain & closed & ~odd & (n_letters > 0), end - n_letters, 0)
    if np.count_nonzero(odd) > _MAX_ODD:
        return regex_cell_extent(text)
    rows = columns = 0
    for start in starts[odd]:
        found = CELL_REF.match(text, int(start) - 3)
        if found:
            rows = max(rows, int(found.group(2)))
            columns = max(columns, column_number(found.group(1)))
    match = n_digits > 0
    if match.any():
        rows = max(rows, _last_row(window, n_letters, n_digits, match))
        columns = max(columns, _last_column(window, np.where(match, n_letters, 0)))
    return rows, columns


def _last_row(window: np.ndarray, n_letters: np.ndarray, n_digits: np.ndarray, match) -> int:
    """The largest row number among the matched references (digits from `n_letters` on)."""
    first_digit = window[np.arange(len(window)), n_letters]
    if (first_digit[match] == ord("0")).any():
        # A leading zero: every number is read, digit by digit.
        window, n_letters, n_digits = window[match], n_letters[match], n_digits[match]
        lines = np.arange(len(window))
        value = np.zeros(len(window), dtype=np.int64)
        for k in range(int(n_digits.max())):
            at = np.minimum(n_letters + k, _WINDOW - 1)
            digit = window[lines, at].astype(np.int64) - ord("0")
            value = np.where(k < n_digits, value * 10 + digit, value)
        return int(value.max())
    # Without one, the longest numbers are the largest: only they are read, grouped by where
    # they start, as columns of the window.
    longest = n_digits == n_digits.max()
    width = int(n_digits.max())
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    best = 0
    starts = np.bincount(n_letters[longest], minlength=_MAX_LETTERS + 1)
    for offset in np.flatnonzero(starts):
        block = window[longest & (n_letters == offset), offset : offset + width]
        best = max(best, int(((block - ord("0")).astype(np.int64) @ powers).max()))
    return best


def _last_column(window: np.ndarray, n_letters: np.ndarray) -> int:
    """The largest column number among references of `n_letters` letters (0: not a reference):
    more letters always name a later column (ZZ is 702, AAA 703), so only the longest are read."""
    longest = n_letters == n_letters.max()
    window = window[longest]
    value = np.zeros(len(window), dtype=np.int64)
    for k in range(int(n_letters.max())):
        value = value * 26 + (window[:, k] & 0xDF).astype(np.int64) - 64
    return int(value.max())
