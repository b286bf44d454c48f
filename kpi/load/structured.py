"""Files that carry their own structure: Parquet (typed columns, loaded as they are) and
JSON / NDJSON (records, read through the same typing as text so dates and numbers are found)."""

from __future__ import annotations

import io
import json
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from kpi.errors import FileRefused
from kpi.i18n import t
from kpi.load.excel import cell_text
from kpi.load.finish import Grid
from kpi.load.layout import unique_names
from kpi.load.limits import check_columns
from kpi.load.report import ColumnInfo, LoadedTable, LoadReport, RejectedRow
from kpi.load.sniff import Decoded
from kpi.load.values import NumberStyle


def read_parquet(file: str, data: bytes) -> LoadedTable:
    """A Parquet file as it is: its types are already right."""
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
    except Exception:
        raise FileRefused(file, t("load.parquet_damaged")) from None
    check_columns(file, len(parquet.schema_arrow), "the Parquet file")  # from its footer alone
    try:
        table = parquet.read()
    except Exception:
        raise FileRefused(file, t("load.parquet_damaged")) from None
    source = table.column_names
    names = unique_names(source)
    table = table.rename_columns(names)
    report = LoadReport(file=file, rows_loaded=table.num_rows)
    report.columns = [
        ColumnInfo(src, name, _kind(field.type), str(field.type))
        for src, name, field in zip(source, names, table.schema, strict=True)
    ]
    return LoadedTable(table, report)


def _kind(arrow_type: pa.DataType) -> str:
    """A Parquet column's Arrow type in the report's own words (integer, decimal, date, …)."""
    t = pa.types
    for test, kind in (
        (t.is_boolean, "bool"),
        (t.is_integer, "integer"),
        (lambda x: t.is_floating(x) or t.is_decimal(x), "decimal"),
        (t.is_date, "date"),
        (t.is_timestamp, "timestamp"),
        (t.is_duration, "duration"),
    ):
        if test(arrow_type):
            return kind
    return "text"


def _records(file: str, text: str) -> tuple[list[tuple[int, Any]], list[RejectedRow], str]:
    """Records with their line numbers, from a JSON array, an object holding one, or NDJSON."""
    stripped = text.strip()
    try:
        parsed = json.loads(stripped)
    except json.JSONDecodeError:
        parsed = None
    except RecursionError:  # "[[[[…" thousands deep: no export nests like that
        raise FileRefused(file, t("load.json_deep")) from None
    if parsed is not None:
        if isinstance(parsed, dict):
            lists = [v for v in parsed.values() if isinstance(v, list)]
            parsed = lists[0] if len(lists) == 1 else [parsed]
        if not isinstance(parsed, list):
            raise FileRefused(file, t("load.json_no_records"))
        return [(i + 1, r) for i, r in enumerate(parsed)], [], "JSON"
    records: list[tuple[int, Any]] = []
    rejects: list[RejectedRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except RecursionError:
            rejects.append(RejectedRow(number, "nested too deeply to be a record.", line[:500]))
        except json.JSONDecodeError as exc:
            rejects.append(
                RejectedRow(
                    number, f"not valid JSON ({exc.msg}). Fix or remove the line.", line[:500]
                )
            )
    if not records:
        raise FileRefused(file, t("load.not_json"))
    return records, rejects, "NDJSON"


def read_json(file: str, decoded: Decoded) -> Grid:
    """JSON or NDJSON records as a grid of text cells, keeping the keys' first-seen order."""
    records, rejects, flavour = _records(file, decoded.text)
    keys: dict[str, None] = {}
    good: list[tuple[int, dict[str, Any]]] = []
    for number, record in records:
        if isinstance(record, dict):
            keys.update(dict.fromkeys(record))
            good.append((number, record))
        else:
            rejects.append(
                RejectedRow(
                    number, "not a record (an object with named fields).", json.dumps(record)[:500]
                )
            )
    names = list(keys)
    check_columns(file, len(names), "the JSON records")
    cells = pa.table(
        {
            f"c{i}": pa.array([_json_cell(r.get(k)) for _, r in good], pa.string())
            for i, k in enumerate(names)
        }
    )
    lines = [n for n, _ in good]
    report = LoadReport(file=file, encoding=decoded.encoding, delimiter=None)
    report.notes.append(t("load.note.read_as", flavour=flavour))
    return Grid(
        cells=cells,
        names=unique_names(names),
        source_names=names,
        report=report,
        line_of=lambda ordinals: {o: lines[o] for o in ordinals},
        raw_of=lambda values: json.dumps(
            dict(zip(names, values, strict=False)), ensure_ascii=False
        ),
        style=NumberStyle(".", ","),
        typed_cells=True,
        parser_rejects=rejects,
    )


def _json_cell(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return cell_text(value)
