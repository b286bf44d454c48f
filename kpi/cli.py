"""The command line: `python -m kpi COMMAND FILE…`, the same engine without a browser.

Whatever happens, the person reads one sentence on stderr (and, with `--json`, an
`{"error": {"code", "message"}}` document on stdout), never a traceback; every DuckDB
connection is closed before the interpreter exits, so DuckDB prints nothing of its own."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import math
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from kpi import cli_start  # first of the project: Ctrl-C while importing
from kpi.catalog import BY_ID, CATALOG
from kpi.cli_files import date_argument, load_exports
from kpi.engine import COMPARISONS, GRAINS, Request, data_end, data_start, run
from kpi.errors import KpiError
from kpi.guard import QueryRefused
from kpi.i18n import format_count, format_value, row_currency, t
from kpi.load import LoadedTable, LoadResult
from kpi.mapping import TableMapping, recognise_loaded
from kpi.sql import MAX_QUERY_ROWS, QUERY_ROWS, run_sql
from kpi.store import SessionData
from kpi.workspace import Workspace
from kpi.xmlsafe import xml_safe

log = logging.getLogger("kpi.cli")
# Every session a command opens, closed in `main` whatever way the command ends.
_OPEN: list[SessionData] = []


class UsageError(KpiError):
    """The command line itself is wrong (exit status 2)."""


class NothingLoaded(KpiError):
    """None of the files given could be loaded (exit status 1)."""

    def __init__(self) -> None:
        super().__init__("Nothing could be loaded from the files given.")


class CannotWrite(KpiError):
    """The output file cannot be written where the person asked (exit status 2)."""


def _recognise(table: LoadedTable) -> TableMapping:
    return recognise_loaded(table)


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
            t("cli.rows", read=format_count(r.rows_read), loaded=format_count(r.rows_loaded),
              rejected=format_count(r.rows_rejected), dataset=mapping.dataset or "—")
            + (t("cli.recognised", platform=mapping.platform,
                 confidence=f"{mapping.confidence:.0%}") if mapping.dataset else "")
        )  # fmt: skip
        how = [
            t("cli.encoding", encoding=r.encoding) if r.encoding else "",
            t("cli.delimiter", delimiter=r.delimiter) if r.delimiter else "",
            t("cli.decimal", decimal=r.decimal) if r.decimal else "",
            t("cli.header_line", line=r.header_line) if r.header_line else "",
        ]
        print("  " + " · ".join(h for h in how if h))
        for c in r.columns:
            print(f"    {c.name}: {c.type}{' (' + c.detail + ')' if c.detail else ''}")
        for note in r.notes:
            print(t("cli.note", note=note))
        for rej in r.rejected[:20]:
            print(t("cli.rejected", line=rej.line, reason=rej.reason))
        if r.rows_rejected > 20:
            print(t("cli.more_rejected", n=format_count(r.rows_rejected - 20)))


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


def _max_rows(text: str) -> int:
    """`--max-rows`: a whole number from 1 to MAX_QUERY_ROWS (the byte cap still applies)."""
    try:
        rows = int(text)
    except ValueError:
        rows = 0
    if not 1 <= rows <= MAX_QUERY_ROWS:
        raise argparse.ArgumentTypeError(
            f"--max-rows must be a whole number from 1 to {MAX_QUERY_ROWS:,}, not {text!r}"
        )
    return rows


def _session(files: Sequence[str], workspace: str | None) -> tuple[SessionData, LoadResult]:
    data = SessionData()
    _OPEN.append(data)
    if workspace:
        data.workspace = Workspace.from_json(Path(workspace).read_text(encoding="utf-8"))
    result = load_exports(files)
    for error in result.errors:
        print(f"{error.file}: {error.message}", file=sys.stderr)
    data.add(result)
    return data, result


def _compute(args: argparse.Namespace) -> int:
    data, result = _session(args.files, args.workspace)
    if not result.tables:
        raise NothingLoaded()
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
        row.update(_qualifiers(r))
        rows.append(row)
    needs = [
        {"kpi": n.kpi, "missing": list(n.missing), "hint": n.hint, "reason": n.reason}
        for n in res.needs
    ]
    if args.json:
        notes = [{"kpi": n.kpi, "kind": n.kind, "message": n.message} for n in res.notes]
        _dump({"rows": rows, "needs": needs, "notes": notes})
    else:
        formats = {k.id: k.format for k in (*CATALOG, *extra)}
        for row in rows:
            keys = " ".join(str(row[b]) for b in by)
            fmt = formats[row["kpi"]]
            previous = row["previous"]
            code = row_currency(row)
            shown = format_value(row["value"], fmt, currency=code)
            change = (
                ""
                if previous is None
                else t("cli.before", value=format_value(previous, fmt, currency=code))
            )
            print(f"{row['kpi']:<28} {row['period_start']} {keys:<12} {shown}{change}")
        for need in needs:
            print(
                t(
                    "cli.needs",
                    kpi=need["kpi"],
                    missing=", ".join(need["missing"]),
                    hint=need["hint"],
                )
            )
    return 0


def _report(args: argparse.Namespace) -> int:
    """`report`: the period's report as one self-contained HTML file."""
    from kpi.i18n import format_date, t
    from kpi.report import HEADLINE, PERIODS, build_report, period_for

    text = args.period.strip()
    if text not in PERIODS:
        period_for(text, None)  # a bad period is a usage error before any file is read
    out = Path(args.out)
    _check_writable(out)  # before minutes of loading, not after
    data, result = _session(args.files, args.workspace)
    if not result.tables:
        raise NothingLoaded()
    start, end = period_for(text, data_end(data.con, HEADLINE))
    html = build_report(data, start, end, lang=args.lang)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise _cannot_write(out, exc.strerror) from None
    print(t("report.cli_written", start=format_date(start), end=format_date(end), out=args.out))
    return 0


def _cannot_write(out: Path, reason: str | None) -> CannotWrite:
    return CannotWrite(
        f"{out}: the report cannot be written there ({reason or 'not writable'}). "
        "Choose another folder or file name with --out."
    )


def _check_writable(out: Path) -> None:
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise _cannot_write(out, "it is a folder")
    if not folder.is_dir():
        raise _cannot_write(out, "no such folder")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise _cannot_write(out, "permission denied")


def _sql(args: argparse.Namespace) -> int:
    """`sql`: one read-only query on the canonical views, on the session's locked connection."""
    *files, query = args.items
    if not files:
        raise KpiError(t("error.sql_no_files"))
    data, result = _session(files, args.workspace)
    if not result.tables:
        raise NothingLoaded()
    answer = run_sql(data.con, query, data.gate, max_rows=args.max_rows)
    for note in answer.notes():
        print(note, file=sys.stderr)
    if args.json:
        doc = {"columns": answer.columns, "rows": answer.rows(), "truncated": answer.truncated}
        _dump(doc | {"cut_bytes": answer.cut_bytes})
    else:
        # Control characters from the data (ESC sequences) must not drive the terminal.
        print(xml_safe(answer.frame.to_string(index=False, max_colwidth=60)))
    return 0


def _qualifiers(row: dict[str, object]) -> dict[str, object]:
    """What qualifies a row's value, when the engine says: the platforms it `covers` (a list),
    the `source` dataset it came from and its `currency`."""
    out: dict[str, object] = {}
    for key in ("covers", "source", "currency"):
        value = row.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            continue
        out[key] = [p for p in str(value).split(", ") if p] if key == "covers" else str(value)
    return out


def _clean(value: object) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _dump(doc: object) -> None:
    # allow_nan=False: NaN and Infinity are not JSON; the values are cleaned before this.
    text = json.dumps(doc, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    print(text)


class _Parser(argparse.ArgumentParser):
    """argparse that raises a `UsageError` (one sentence) instead of printing and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message[:1].upper()}{message[1:]}. See `{self.prog} --help`.")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m kpi", description="KPI Explorer from the command line.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    compute.add_argument("--from", dest="from_", type=date_argument, help="first day, YYYY-MM-DD")
    compute.add_argument("--to", type=date_argument, help="last day, YYYY-MM-DD")
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
    sql.add_argument(
        "--max-rows", type=_max_rows, default=QUERY_ROWS, help="rows to return at most"
    )
    sql.add_argument("--workspace", help="a workspace file (saved mappings)")
    sql.add_argument("--json", action="store_true", help="machine-readable output")
    from kpi import cli_roi  # after cli_start has taken Ctrl-C: it imports SciPy

    cli_roi.add_commands(commands)  # `attribution` and `groups` live in kpi/cli_roi.py
    from kpi import cli_scorecard  # `scorecard` lives in kpi/cli_scorecard.py

    cli_scorecard.add_command(commands)
    return parser


def _inspect(args: argparse.Namespace) -> int:
    result = load_exports(args.files)
    for error in result.errors:
        print(f"{error.file}: {error.message}", file=sys.stderr)
    if args.json:
        doc = _inspect_json(result)
        if not result.tables:
            doc["error"] = {"code": "nothing_loaded", "message": NothingLoaded().user_message}
        _dump(doc)
    else:
        _print_inspect(result)
    return 0 if result.tables else 1


def _check_text(argv: Sequence[str]) -> None:
    """Arguments that are not UTF-8 arrive as lone surrogates; DuckDB and the output cannot
    take them, so they are a usage error up front."""
    for position, arg in enumerate(argv, start=1):
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            raise UsageError(
                f"Argument {position} is not valid UTF-8 text. Rename the file or retype the query."
            )


# Each failure's short code for `--json`, and its exit status.
_CODES: list[tuple[type[BaseException], str, int]] = [
    (UsageError, "usage", 2),
    (NothingLoaded, "nothing_loaded", 1),
    (CannotWrite, "cannot_write", 2),
    (QueryRefused, "query_refused", 2),
    (KpiError, "invalid_request", 2),
]


def _fail(message: str, code: str, as_json: bool) -> None:
    print(message, file=sys.stderr)
    if as_json:
        _dump({"error": {"code": code, "message": message}})


def _run(argv: Sequence[str]) -> int:
    _check_text(argv)
    args = _parser().parse_args(argv)
    from kpi import cli_roi

    if args.command in cli_roi.COMMANDS:
        return cli_roi.run(args)
    from kpi import cli_scorecard

    if args.command == cli_scorecard.COMMAND:
        return cli_scorecard.run(args)
    if args.command == "catalog":
        return _catalog(args.json)
    if args.command == "compute":
        return _compute(args)
    if args.command == "report":
        return _report(args)
    if args.command == "sql":
        return _sql(args)
    return _inspect(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; 0 on success, 1 when nothing could be loaded (or on an unexpected
    failure), 2 for a usage error or a refused query, 130 when stopped with Ctrl-C."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C is KeyboardInterrupt again
    cli_start.watch_ctrl_c(_interrupt_all)
    if os.environ.get("KPI_LOG", "").lower() == "debug":
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in argv
    try:
        return _run(argv)
    except BaseException as exc:
        if isinstance(exc, SystemExit):  # --help
            raise
        return _failure(exc, as_json)
    finally:
        _close_all()


def _failure(exc: BaseException, as_json: bool) -> int:
    """One sentence on stderr (and JSON on stdout with --json) for `exc`; the exit status."""
    interrupted = isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()
    if cli_start.pressed() or isinstance(exc, KeyboardInterrupt) or interrupted:
        # DuckDB itself turns Ctrl-C during execute() into RuntimeError("Query interrupted").
        _fail(cli_start.STOPPED, "interrupted", as_json)
        return 130
    if isinstance(exc, KpiError):
        code, status = next((c, s) for kind, c, s in _CODES if isinstance(exc, kind))
        _fail(exc.user_message, code, as_json)
        return status
    if isinstance(exc, BrokenPipeError):  # `… | head`: the reader left; nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    if isinstance(exc, OSError):
        log.debug("file error", exc_info=exc)
        name = exc.filename or "A file"
        _fail(
            f"{name}: cannot be read ({exc.strerror or 'unknown reason'}).", "cannot_read", as_json
        )
        return 2
    log.debug("unexpected failure", exc_info=exc)
    _fail(
        f"The command failed unexpectedly ({type(exc).__name__}). "
        "Run it again with KPI_LOG=debug for the details.",
        "internal",
        as_json,
    )
    return 1


def _interrupt_all() -> None:
    for data in list(_OPEN):
        try:
            data.con.interrupt()
        except Exception:  # a connection already closed: nothing to stop
            log.debug("interrupt failed", exc_info=True)


def _close_all() -> None:
    """Close every session's connection and free what still points at DuckDB objects (results
    and relations held by tracebacks), so the interpreter exits without DuckDB's leak report."""
    while _OPEN:
        try:
            _OPEN.pop().close()
        except Exception:  # closing is best effort; the answer is already out
            log.debug("closing a session failed", exc_info=True)
    gc.collect()
