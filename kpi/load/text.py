"""Delimited text (CSV, TSV, TXT): find each table in the text, parse it fast with Arrow's CSV
reader, and keep an exact line number for every row that is rejected."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv

from kpi.load.finish import Grid
from kpi.load.layout import Layout, find_layout, is_value_like
from kpi.load.report import LoadReport, RejectedRow, SkippedLine
from kpi.load.sniff import DELIMITER_NAMES, Decoded, detect_delimiter
from kpi.load.values import detect_number_style

SNIFF_CHARS = 65536
_BLANK_OR_COMMENT = re.compile(r"\n[ \t\r]*(?:\n|#)")
_BLANK_LINES = re.compile(r"(?:[ \t\r]*\n)*")
_COMMENT = re.compile(r"#(?:[\s#=*-]|$)")


def read_text_tables(file: str, decoded: Decoded) -> Iterator[Grid]:
    """Every table in a decoded text file, one grid each (Universal Analytics stacks several)."""
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = detect_delimiter(text)
    # One locale per file: stacked tables share the separators the first table reveals.
    sample = csv.reader(io.StringIO(text[: SNIFF_CHARS * 4]), delimiter=delimiter)
    values = [c for row in _safe_rows(sample, 2000) for c in row if c and not c.startswith("#")]
    style = detect_number_style(values, delimiter)
    start, line0, part = 0, 1, 1
    while start < len(text) and text[start:].strip():
        grid, end = _read_one(file, text, start, line0, delimiter, decoded, part)
        if grid is None:
            return
        grid.style = style
        yield grid
        line0 += text.count("\n", start, end)
        start, part = end, part + 1


def _safe_rows(reader: Iterator[list[str]], limit: int) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows


def _sniff_rows(text: str, delimiter: str, line0: int) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start_line = line0
    try:
        for cells in reader:
            rows.append((start_line, cells))
            start_line = line0 + reader.line_num
            if len(rows) >= 200:
                break
    except csv.Error:
        pass
    return rows


def _read_one(
    file: str, text: str, start: int, line0: int, delimiter: str, decoded: Decoded, part: int
) -> tuple[Grid | None, int]:
    sniff = _sniff_rows(text[start : start + SNIFF_CHARS], delimiter, line0)
    layout = find_layout(sniff)
    if layout is None:
        return None, len(text)
    # Offset of the first data line: skip as many physical lines as the layout consumed.
    data_line = sniff[layout.data_index][0] if layout.data_index < len(sniff) else None
    if data_line is None:
        data_start = len(text)
        data_line = line0 + text.count("\n", start)
    else:
        data_start = _offset_of_line(text, start, line0, data_line)
    end = _table_end(text, data_start, delimiter, len(layout.names))
    report = LoadReport(
        file=file,
        sheet=f"table {part}" if part > 1 or end < len(text.rstrip()) else None,
        encoding=decoded.encoding,
        delimiter=DELIMITER_NAMES.get(delimiter, delimiter),
        header_line=layout.header_line,
        skipped=[SkippedLine(line, reason, raw) for line, reason, raw in layout.skipped],
    )
    if decoded.note:
        report.notes.append(decoded.note)
    body = text[data_start:end]
    grid = _parse_body(body, data_line, layout, delimiter, report)
    return grid, end


def _offset_of_line(text: str, start: int, line0: int, line: int) -> int:
    pos = start
    for _ in range(line - line0):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _table_end(text: str, data_start: int, delimiter: str, width: int) -> int:
    """Where this table stops: a blank or comment line, outside quotes, before a new header."""
    for m in _BLANK_OR_COMMENT.finditer(text, data_start):
        pos = m.start()
        if text.count('"', data_start, pos) % 2:
            continue  # inside a quoted field (a post text with an empty line)
        rest = text[m.end() - 1 :]
        rest = rest[_BLANK_LINES.match(rest).end() :]  # keep a TSV row's leading tab
        if not rest.strip():
            return len(text)
        first_line = rest.split("\n", 1)[0]
        fields = next(csv.reader([first_line], delimiter=delimiter), [])
        # "# ----", "# Date range" and a lone "#note" are comments; "#summer,10" is a data row
        # (a hashtag), and stays one even with a field too many, so it is reported, not lost.
        if _COMMENT.match(first_line) or (len(fields) == 1 < width and rest.startswith("#")):
            return pos + 1
        after_blank = m.group(0).endswith("\n")
        first_data_line = text[data_start:].split("\n", 1)[0]
        if after_blank and (  # another table: a different width, or a new row of names
            len(fields) != width or _new_header(fields, first_data_line, delimiter)
        ):
            return pos + 1
    return len(text)


def _new_header(fields: list[str], first_data_line: str, delimiter: str) -> bool:
    """After a blank line, a row of names only, where this table's first row holds values."""
    data = next(csv.reader([first_data_line], delimiter=delimiter), [])
    return all(f.strip() and not is_value_like(f) for f in fields) and any(
        c.strip() and is_value_like(c) for c in data
    )


def _parse_body(
    body: str, first_line: int, layout: Layout, delimiter: str, report: LoadReport
) -> Grid:
    width = len(layout.names)
    cols = [f"c{i}" for i in range(width)]
    rejects: list[RejectedRow] = []
    recovered: list[tuple[int, list[str]]] = []
    starts: list[int] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        # Arrow numbers records, not lines: a quoted newline earlier in the body shifts them.
        if not starts:
            starts.extend(line for line, _ in _records(body, first_line, delimiter))
        number = row.number or 0
        line = starts[number - 1] if 0 < number <= len(starts) else first_line - 1 + number
        cells = next(csv.reader(io.StringIO(row.text), delimiter=delimiter), [])
        extra = cells[width:]
        if row.actual_columns < width:
            recovered.append((line, cells + [""] * (width - len(cells))))
        elif not any(c.strip() for c in extra):
            recovered.append((line, cells[:width]))
        else:
            rejects.append(
                RejectedRow(
                    line,
                    f"{row.actual_columns} fields where the header has {width}. "
                    "Check for an unquoted delimiter in this row.",
                    row.text,
                )
            )
        return "skip"

    if body.strip():
        table = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pacsv.ReadOptions(
                column_names=cols, use_threads=False, block_size=1 << 24
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in cols},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    else:
        table = pa.table({c: pa.array([], pa.string()) for c in cols})

    lines_cache: list[int] = []

    def valid_lines() -> list[int]:
        if not lines_cache:
            lines_cache.extend(_record_lines(body, first_line, delimiter, width))
        return lines_cache

    if recovered:
        # Short rows were padded; put them back where they stood in the file.
        lines = valid_lines()
        rows = table.to_pylist()
        merged = [
            (lines[i] if i < len(lines) else first_line + i, [r[c] for c in cols])
            for i, r in enumerate(rows)
        ]
        merged += recovered
        merged.sort(key=lambda x: x[0])
        table = pa.table(
            {c: pa.array([m[1][i] for m in merged], pa.string()) for i, c in enumerate(cols)}
        )
        fixed = [m[0] for m in merged]
        lines_cache[:] = fixed
        report.notes.append(f"{len(recovered)} short row(s) padded with empty cells.")

    def line_of(ordinals: list[int]) -> dict[int, int]:
        lines = valid_lines()
        return {o: lines[o] if o < len(lines) else first_line + o for o in ordinals}

    def raw_of(cells: list[str | None]) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="").writerow([c or "" for c in cells])
        return out.getvalue()

    return Grid(
        cells=table,
        names=layout.names,
        source_names=layout.source_names,
        report=report,
        line_of=line_of,
        raw_of=raw_of,
        parser_rejects=rejects,
    )


def _records(body: str, first_line: int, delimiter: str) -> list[tuple[int, int]]:
    """(starting line, field count) of every record Arrow's reader sees (blank lines skipped)."""
    records: list[tuple[int, int]] = []
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    previous_end = 0
    try:
        for cells in reader:
            start = first_line + previous_end
            previous_end = reader.line_num
            if cells:
                records.append((start, len(cells)))
    except csv.Error:
        pass
    return records


def _record_lines(body: str, first_line: int, delimiter: str, width: int) -> list[int]:
    """The starting line of every well-formed record, as Arrow's reader would keep them."""
    return [line for line, n in _records(body, first_line, delimiter) if n == width]
