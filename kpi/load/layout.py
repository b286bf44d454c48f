"""Finding the table inside a sheet of rows: the header row below comment and title lines,
a second descriptive header row, and clean, unique column names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi.load.values import DATE_LAYOUTS, NULL_TOKENS, NumberStyle, parse_number

Row = tuple[int, list[str]]  # (line or sheet-row number, cells)


@dataclass
class Layout:
    """Where the table starts: the header's position, its names, and the lines skipped above it."""

    header_index: int
    header_line: int
    names: list[str]
    source_names: list[str]
    data_index: int
    skipped: list[tuple[int, str, str]] = field(default_factory=list)


def _width(cells: list[str]) -> int:
    for i in range(len(cells) - 1, -1, -1):
        if cells[i].strip():
            return i + 1
    return 0


_ANY_STYLE = (NumberStyle(".", ","), NumberStyle(",", "."))


def is_value_like(cell: str) -> bool:
    """A number, a percentage, money or a date: what data rows hold and header rows do not."""
    v = cell.strip()
    if v.lower() in NULL_TOKENS:
        return True
    if any(parse_number(v, s) is not None for s in _ANY_STYLE):
        return True
    return any(layout.regex.match(v) for layout in DATE_LAYOUTS)


def _is_comment(cells: list[str]) -> bool:
    first = cells[0].lstrip() if cells else ""
    return first.startswith("#") or first.lower().startswith("sep=")


def find_layout(rows: list[Row]) -> Layout | None:
    """Locate the header in the first rows of a table; None when no row looks like one."""
    candidates = [(i, r) for i, r in enumerate(rows) if _width(r[1]) and not _is_comment(r[1])]
    if not candidates:
        return None
    widths = [_width(r[1]) for _, r in candidates]
    typical = max(set(widths), key=lambda w: (widths.count(w), w))
    skipped: list[tuple[int, str, str]] = []
    header_pos = None
    for i, (line, cells) in enumerate(rows):
        width = _width(cells)
        if width == 0:
            skipped.append((line, "blank line", ""))
            continue
        if _is_comment(cells):
            skipped.append((line, "comment line", _raw(cells)))
            continue
        non_empty = [c for c in cells[:width] if c.strip()]
        texty = sum(1 for c in non_empty if not is_value_like(c))
        wide_enough = width >= max(2, typical * 0.5) or typical == 1
        if wide_enough and texty >= max(1, len(non_empty) * 0.5):
            header_pos = i
            break
        skipped.append((line, "title line above the header", _raw(cells)))
    if header_pos is None:
        return None
    line, cells = rows[header_pos]
    # The table's width comes from its own rows (up to a blank line), not from a table below
    # it; rows wider than the header widen the table only when they are the majority (a last
    # column without a name), else they are rows with a field too many, to be rejected.
    body_widths = []
    for _, below in rows[header_pos + 1 :]:
        if not _width(below):
            break
        body_widths.append(_width(below))
    width = _width(cells)
    if not body_widths:
        width = max(width, typical)
    wider = [w for w in body_widths if w > width]
    if 2 * len(wider) > len(body_widths):
        width = max(set(wider), key=lambda w: (wider.count(w), w))
    source = [c.strip() for c in cells[:width]] + [""] * max(0, width - len(cells))
    data_index = header_pos + 1
    if _is_description_row(rows[header_pos + 1 :], width):
        d_line, d_cells = rows[header_pos + 1]
        skipped.append((d_line, "second header row with column descriptions", _raw(d_cells)))
        data_index += 1
    return Layout(header_pos, line, unique_names(source), source, data_index, skipped)


def _raw(cells: list[str]) -> str:
    return ",".join(cells).rstrip(",")


def _is_description_row(rest: list[Row], width: int) -> bool:
    """Facebook and Business Profile exports put a sentence per column under the header."""
    if len(rest) < 2:
        return False
    first = rest[0][1]
    below = [cells for _, cells in rest[1:21]]
    numeric_cols = [
        j
        for j in range(width)
        if sum(
            1 for cells in below if j < len(cells) and cells[j].strip() and is_value_like(cells[j])
        )
        >= max(1, len(below) * 0.6)
    ]
    if not numeric_cols:
        return False
    # Descriptions are often blank under the first (label) columns: judge the filled cells only.
    filled = [j for j in numeric_cols if j < len(first) and first[j].strip()]
    described = sum(1 for j in filled if len(first[j].split()) >= 3 and not is_value_like(first[j]))
    return bool(filled) and described >= len(filled) * 0.6


_SPACE_RE = re.compile(r"\s+")


# A column name is an identifier people read; a longer "name" is text in the wrong place (a
# file that is one 5 MB line), and it would slow every name lookup and fuzzy match downstream.
MAX_NAME_CHARS = 200


def unique_names(source: list[str]) -> list[str]:
    """Column names with blanks named by position, repeats numbered (`Views`, `Views (2)`) and
    over-long ones cut to MAX_NAME_CHARS (ending in "…")."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(source):
        name = _SPACE_RE.sub(" ", raw[: 4 * MAX_NAME_CHARS].replace("\ufeff", "")).strip()
        if len(name) > MAX_NAME_CHARS:
            name = name[: MAX_NAME_CHARS - 1].rstrip() + "…"
        name = name or f"column_{i + 1}"
        key = name.lower()
        if key in seen:
            seen[key] += 1
            name = f"{name} ({seen[key]})"
            key = name.lower()
        seen[key] = seen.get(key, 1)
        names.append(name)
    return names
