"""The command line: `python -m kpi COMMAND FILE…`, the same engine without a browser."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from kpi.catalog import BY_ID, CATALOG
from kpi.engine import COMPARISONS, GRAINS, Request, data_end, data_start, run
from kpi.errors import KpiError
from kpi.i18n import format_value
from kpi.load import LoadedTable, LoadResult, load_paths
from kpi.mapping import TableMapping, recognise
from kpi.sql import QUERY_ROWS, run_sql
from kpi.store import SessionData
from kpi.workspace import Workspace


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


def _catalog(as_json: bool) -> int:
    kpis = [
        {
            "id": k.id,
            "family": k.family,
            "dataset": k.dataset,
            "kind": k.kind,
            "format": k.format,
            "direction": k.direction,
            "labels": dict(k.labels),
            "description": k.description,
            "requires": list(k.requires),
        }
        for k in CATALOG
    ]
    if as_json:
        _dump({"kpis": kpis})
        return 0
    for family in dict.fromkeys(k["family"] for k in kpis):
        print(family)
        for k in (k for k in kpis if k["family"] == family):
            print(f"  {k['id']:<34} {k['labels']['en']} — {k['description']}")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD"
        ) from None


def _session(files: Sequence[str], workspace: str | None) -> tuple[SessionData, LoadResult]:
    data = SessionData()
    if workspace:
        data.workspace = Workspace.from_json(Path(workspace).read_text(encoding="utf-8"))
    result = load_paths(files)
    for error in result.errors:
        print(f"{error.file}: {error.message}", file=sys.stderr)
    data.add(result)
    return data, result


def _compute(args: argparse.Namespace) -> int:
    data, result = _session(args.files, args.workspace)
    if not result.tables:
        print("Nothing could be loaded from the files given.", file=sys.stderr)
        return 1
    extra = data.workspace.kpis()
    ids = tuple(k.strip() for k in args.kpi.split(",") if k.strip())
    by = tuple(b.strip() for b in args.by.split(",") if b.strip()) if args.by else ()
    end = args.to or data_end(data.con, [k for k in ids if k in BY_ID]) or dt.date.today()
    start = args.from_ or data_start(data.con, [k for k in ids if k in BY_ID]) or end
    request = Request(ids, start, end, args.grain, by, compare=args.compare, extra=extra)
    if any(k.id in ids for k in extra):  # a person's formula: bounded like their SQL
        with data.gate.limit(data.con):
            res = run(data.con, request)
    else:
        res = run(data.con, request)
    rows = []
    for r in res.rows.to_dict("records"):
        rate = (
            BY_ID.get(r["kpi"]) or next(k for k in extra if k.id == r["kpi"])
        ).format == "percent"
        row = {"kpi": r["kpi"], "period_start": str(r["period_start"])}
        row.update({b: r.get(b) for b in by})
        row.update(
            value=_clean(r["value"]),
            previous=_clean(r["previous"]),
            delta_pct=None if rate else _clean(r["change_pct"]),
            delta_pp=_clean(r["change"] * 100) if rate and r["change"] == r["change"] else None,
            target=_clean(r["target"]),
            status=r["status"],
        )
        rows.append(row)
    needs = [{"kpi": n.kpi, "missing": list(n.missing), "hint": n.hint} for n in res.needs]
    if args.json:
        _dump({"rows": rows, "needs": needs})
    else:
        formats = {k.id: k.format for k in (*CATALOG, *extra)}
        for row in rows:
            keys = " ".join(str(row[b]) for b in by)
            fmt = formats[row["kpi"]]
            previous = row["previous"]
            change = "" if previous is None else f"  (before: {format_value(previous, fmt)})"
            print(
                f"{row['kpi']:<28} {row['period_start']} {keys:<12} {format_value(row['value'], fmt)}{change}"
            )
        for need in needs:
            print(f"{need['kpi']}: needs {', '.join(need['missing'])} — {need['hint']}")
    return 0


def _report(args: argparse.Namespace) -> int:
    """`report`: the period's report as one self-contained HTML file."""
    from kpi.i18n import format_date, t
    from kpi.report import HEADLINE, PERIODS, build_report, period_for

    text = args.period.strip()
    if text not in PERIODS:
        period_for(text, None)  # a bad period is a usage error before any file is read
    data, result = _session(args.files, args.workspace)
    if not result.tables:
        print("Nothing could be loaded from the files given.", file=sys.stderr)
        return 1
    start, end = period_for(text, data_end(data.con, HEADLINE))
    Path(args.out).write_text(build_report(data, start, end, lang=args.lang), encoding="utf-8")
    print(t("report.cli_written", start=format_date(start), end=format_date(end), out=args.out))
    return 0


def _sql(args: argparse.Namespace) -> int:
    """`sql`: one read-only query on the canonical views, on the session's locked connection."""
    *files, query = args.items
    if not files:
        raise KpiError("Name at least one export file or folder before the query.")
    data, result = _session(files, args.workspace)
    if not result.tables:
        print("Nothing could be loaded from the files given.", file=sys.stderr)
        return 1
    answer = run_sql(data.con, query, data.gate, max_rows=args.max_rows)
    if answer.truncated:
        print(
            f"Only the first {args.max_rows:,} rows are shown; add a LIMIT or aggregate.",
            file=sys.stderr,
        )
    if args.json:
        _dump({"columns": answer.columns, "rows": answer.rows(), "truncated": answer.truncated})
    else:
        print(answer.frame.to_string(index=False, max_colwidth=60))
    return 0


def _clean(value: object) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _dump(doc: object) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; 0 on success, 1 when nothing could be loaded, 2 for a usage error."""
    parser = argparse.ArgumentParser(
        prog="python -m kpi", description="KPI Explorer from the command line."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="load files and print their load reports")
    inspect.add_argument("files", nargs="+", help="export files or folders of them")
    inspect.add_argument("--json", action="store_true", help="machine-readable output")
    catalog = commands.add_parser("catalog", help="list every KPI")
    catalog.add_argument("--json", action="store_true", help="machine-readable output")
    compute = commands.add_parser("compute", help="compute KPIs on export files")
    compute.add_argument("files", nargs="+", help="export files or folders of them")
    compute.add_argument("--kpi", required=True, help="KPI ids, comma-separated (see `catalog`)")
    compute.add_argument("--grain", choices=GRAINS)
    compute.add_argument("--by", help="breakdown fields, comma-separated (e.g. platform)")
    compute.add_argument("--from", dest="from_", type=_date, help="first day, YYYY-MM-DD")
    compute.add_argument("--to", type=_date, help="last day, YYYY-MM-DD")
    compute.add_argument("--compare", choices=COMPARISONS)
    compute.add_argument("--workspace", help="a workspace file (saved mappings and your KPIs)")
    compute.add_argument("--json", action="store_true", help="machine-readable output")
    report = commands.add_parser("report", help="write the period's report as one HTML file")
    report.add_argument("files", nargs="+", help="export files or folders of them")
    report.add_argument("--out", required=True, help="the HTML file to write")
    report.add_argument(
        "--period", default="last-week", help="last-week, last-month or YYYY-MM-DD..YYYY-MM-DD"
    )
    report.add_argument("--workspace", help="a workspace file (saved mappings and targets)")
    report.add_argument("--lang", default="en", help="language of the report (en)")
    sql = commands.add_parser(
        "sql", help="run one read-only SELECT on the canonical views (posts, ads, …)"
    )
    sql.add_argument("items", nargs="+", metavar="FILE… QUERY", help="files, then the query")
    sql.add_argument("--max-rows", type=int, default=QUERY_ROWS, help="rows to return at most")
    sql.add_argument("--workspace", help="a workspace file (saved mappings)")
    sql.add_argument("--json", action="store_true", help="machine-readable output")
    from kpi import cli_roi  # `attribution` and `groups` live in kpi/cli_roi.py

    cli_roi.add_commands(commands)
    from kpi import cli_scorecard  # `scorecard` lives in kpi/cli_scorecard.py

    cli_scorecard.add_command(commands)
    args = parser.parse_args(argv)
    if args.command == cli_scorecard.COMMAND:
        return cli_scorecard.run(args)

    try:
        if args.command in cli_roi.COMMANDS:
            return cli_roi.run(args)
        if args.command == "catalog":
            return _catalog(args.json)
        if args.command == "compute":
            return _compute(args)
        if args.command == "report":
            return _report(args)
        if args.command == "sql":
            return _sql(args)
    except KpiError as exc:
        print(exc.user_message, file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{exc.filename}: cannot be read ({exc.strerror}).", file=sys.stderr)
        return 2
    result = load_paths(args.files)
    for error in result.errors:
        print(f"{error.file}: {error.message}", file=sys.stderr)
    if args.json:
        _dump(_inspect_json(result))
    else:
        _print_inspect(result)
    return 0 if result.tables else 1
