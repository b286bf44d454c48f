"""The command line: `python -m kpi COMMAND FILE…`, the same engine without a browser."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from kpi.load import LoadedTable, LoadResult, load_paths
from kpi.mapping import TableMapping, recognise


def _recognise(table: LoadedTable) -> TableMapping:
    types = {c.name: c.type for c in table.report.columns}
    return recognise(table.data.column_names, table.report.file, types, table.report.sheet)


def _inspect_json(result: LoadResult) -> dict[str, object]:
    tables = []
    for table in result.tables:
        entry = table.report.to_dict()
        entry.update(_recognise(table).to_dict())
        tables.append(entry)
    return {"tables": tables, "errors": [e.to_dict() for e in result.errors]}


def _print_inspect(result: LoadResult) -> None:
    for table in result.tables:
        r = table.report
        mapping = _recognise(table)
        print(f"{table.label}")
        print(
            f"  rows read {r.rows_read:,} · loaded {r.rows_loaded:,} · rejected {r.rows_rejected:,}"
            f" · dataset {mapping.dataset or '—'}"
            + (f" ({mapping.platform}, {mapping.confidence:.0%} sure)" if mapping.dataset else "")
        )
        how = [
            f"encoding {r.encoding}" if r.encoding else "",
            f"delimiter {r.delimiter}" if r.delimiter else "",
            f"decimal '{r.decimal}'" if r.decimal else "",
            f"header on line {r.header_line}" if r.header_line else "",
        ]
        print("  " + " · ".join(h for h in how if h))
        for c in r.columns:
            print(f"    {c.name}: {c.type}{' (' + c.detail + ')' if c.detail else ''}")
        for note in r.notes:
            print(f"  note: {note}")
        for rej in r.rejected[:20]:
            print(f"  rejected line {rej.line}: {rej.reason}")
        if r.rows_rejected > 20:
            print(f"  … and {r.rows_rejected - 20} more rejected rows (use --json for all)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; 0 on success, 1 when nothing could be loaded, 2 for a usage error."""
    parser = argparse.ArgumentParser(
        prog="python -m kpi", description="KPI Explorer from the command line."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="load files and print their load reports")
    inspect.add_argument("files", nargs="+", help="export files or folders of them")
    inspect.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    if args.command == "inspect":
        result = load_paths(args.files)
        for error in result.errors:
            print(f"{error.file}: {error.message}", file=sys.stderr)
        if args.json:
            json.dump(_inspect_json(result), sys.stdout, ensure_ascii=False, indent=2, default=str)
            print()
        else:
            _print_inspect(result)
        return 0 if result.tables else 1
    return 2  # pragma: no cover - argparse rejects unknown commands first
