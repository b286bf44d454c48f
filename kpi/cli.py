"""The command line: `python -m kpi COMMAND FILE…`, the same engine without a browser.

Whatever happens, the person reads one sentence on stderr (and, with `--json`, an
`{"error": {"code", "message"}}` document on stdout), never a traceback; every DuckDB
connection is closed before the interpreter exits, so DuckDB prints nothing of its own."""

from __future__ import annotations

import argparse
import functools
import gc
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from kpi import cli_start  # first of the project: Ctrl-C while importing
from kpi.cli_commands import (
    OPEN,
    CannotWrite,
    NothingLoaded,
    cmd_catalog,
    cmd_compute,
    cmd_inspect,
    cmd_report,
    cmd_sql,
    dump,
)
from kpi.cli_files import date_argument
from kpi.cli_lang import LocalizedParser, add_lang, help_language
from kpi.engine import COMPARISONS, GRAINS
from kpi.errors import KpiError
from kpi.guard import QueryRefused
from kpi.i18n import format_count, t, use_language
from kpi.i18n.messages import SOURCE_LANGUAGE
from kpi.memory import tune_malloc
from kpi.settings import SettingError, settings
from kpi.sql import MAX_QUERY_ROWS

log = logging.getLogger("kpi.cli")


class UsageError(KpiError):
    """The command line itself is wrong (exit status 2)."""


def _max_rows(text: str) -> int:
    """`--max-rows`: a whole number from 1 to MAX_QUERY_ROWS (the byte cap still applies)."""
    try:
        rows = int(text)
    except ValueError:
        rows = 0
    if not 1 <= rows <= MAX_QUERY_ROWS:
        raise argparse.ArgumentTypeError(
            t("cli.bad_max_rows", limit=format_count(MAX_QUERY_ROWS), value=repr(text))
        )
    return rows


class _Parser(LocalizedParser):
    """argparse that raises a `UsageError` (one sentence) instead of printing and exiting, its
    help in a language (`lang=`)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sentence = f"{message[:1].upper()}{message[1:]}"
        raise UsageError(t("cli.see_help", self.lang, message=sentence, prog=self.prog))


def _parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line's parser, its help texts in `lang` (see `kpi.cli_lang`)."""

    # `kpi` when run as the installed console script, else `python -m kpi`.
    prog = "kpi" if Path(sys.argv[0]).name == "kpi" else "python -m kpi"
    parser = _Parser(prog=prog, description=t("cli.help.description", lang), lang=lang)
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=functools.partial(_Parser, lang=lang)
    )
    inspect = commands.add_parser("inspect", help=t("cli.help.inspect", lang))
    inspect.add_argument("files", nargs="+", help=t("cli.help.files", lang))
    inspect.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    catalog = commands.add_parser("catalog", help=t("cli.help.catalog", lang))
    catalog.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    add_lang(catalog, "cli.help.lang_catalog", lang)
    compute = commands.add_parser("compute", help=t("cli.help.compute", lang))
    compute.add_argument("files", nargs="+", help=t("cli.help.files", lang))
    compute.add_argument("--kpi", required=True, help=t("cli.help.kpi", lang))
    compute.add_argument("--grain", choices=GRAINS)
    compute.add_argument("--by", help=t("cli.help.by", lang))
    compute.add_argument("--from", dest="from_", type=date_argument, help=t("cli.help.from", lang))
    compute.add_argument("--to", type=date_argument, help=t("cli.help.to", lang))
    compute.add_argument("--compare", choices=COMPARISONS)
    compute.add_argument("--workspace", help=t("cli.help.workspace_kpis", lang))
    compute.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    report = commands.add_parser("report", help=t("cli.help.report", lang))
    report.add_argument("files", nargs="+", help=t("cli.help.files", lang))
    report.add_argument("--out", required=True, help=t("cli.help.out", lang))
    report.add_argument("--period", help=t("cli.help.period", lang))
    report.add_argument("--workspace", help=t("cli.help.workspace_plan", lang))
    add_lang(report, "cli.help.lang_report", lang)
    sql = commands.add_parser("sql", help=t("cli.help.sql", lang))
    sql.add_argument(
        "items",
        nargs="+",
        metavar=t("cli.help.sql_items_metavar", lang),
        help=t("cli.help.sql_items", lang),
    )
    sql.add_argument(
        "--max-rows",
        type=_max_rows,
        default=settings().query_rows,
        help=t("cli.help.max_rows", lang),
    )
    sql.add_argument("--workspace", help=t("cli.help.workspace_mappings", lang))
    sql.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    from kpi import cli_roi  # after cli_start has taken Ctrl-C: it imports SciPy

    cli_roi.add_commands(commands, lang)  # `attribution` and `groups` live in kpi/cli_roi.py
    from kpi import cli_scorecard  # `scorecard` lives in kpi/cli_scorecard.py

    cli_scorecard.add_command(commands, lang)
    return parser


def _check_text(argv: Sequence[str]) -> None:
    """Arguments that are not UTF-8 arrive as lone surrogates; DuckDB and the output cannot
    take them, so they are a usage error up front."""
    for position, arg in enumerate(argv, start=1):
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            raise UsageError(t("cli.not_utf8", position=position))


# Each failure's short code for `--json`, and its exit status.
_CODES: list[tuple[type[BaseException], str, int]] = [
    (UsageError, "usage", 2),
    (SettingError, "bad_setting", 2),
    (NothingLoaded, "nothing_loaded", 1),
    (CannotWrite, "cannot_write", 2),
    (QueryRefused, "query_refused", 2),
    (KpiError, "invalid_request", 2),
]


def _fail(message: str, code: str, as_json: bool) -> None:
    print(message, file=sys.stderr)
    if as_json:
        dump({"error": {"code": code, "message": message}})


def _run(argv: Sequence[str]) -> int:
    _check_text(argv)
    args = _parser(help_language(argv)).parse_args(argv)
    # What a command writes is in its --lang (English without one), whatever reads the
    # current language on the way (KPI labels, the scorecard's words, engine notes).
    with use_language(getattr(args, "lang", None) or SOURCE_LANGUAGE):
        return _dispatch(args)


def _dispatch(args: argparse.Namespace) -> int:
    """Run the parsed command."""
    from kpi import cli_roi

    if args.command in cli_roi.COMMANDS:
        return cli_roi.run(args)
    from kpi import cli_scorecard

    if args.command == cli_scorecard.COMMAND:
        return cli_scorecard.run(args)
    if args.command == "catalog":
        return cmd_catalog(args.json, args.lang)
    if args.command == "compute":
        return cmd_compute(args)
    if args.command == "report":
        return cmd_report(args)
    if args.command == "sql":
        return cmd_sql(args)
    return cmd_inspect(args)


@functools.cache
def _tune_memory() -> None:
    """glibc malloc's arenas capped and its mapping threshold fixed, as the app does on start
    (`kpi.memory`): once per process, before the first DuckDB connection starts its threads."""
    tune_malloc()


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; 0 on success, 1 when nothing could be loaded (or on an unexpected
    failure), 2 for a usage error or a refused query, 130 when stopped with Ctrl-C."""
    _tune_memory()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C is KeyboardInterrupt again
    cli_start.watch_ctrl_c(_interrupt_all)
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in argv
    # The person's language (`--lang`, else the terminal's locale) for what goes wrong; the
    # command's output follows `--lang` only (`_run`).
    with use_language(help_language(argv)):
        return _main(argv, as_json)


def _main(argv: list[str], as_json: bool) -> int:
    try:
        level = settings().log  # every setting is checked here, before any work
        if level != "off":
            logging.basicConfig(level=level.upper(), stream=sys.stderr)
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
        _fail(t("cli.stopped"), "interrupted", as_json)
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
        name = exc.filename or t("cli.a_file")
        reason = exc.strerror or t("cli.unknown_reason")
        _fail(t("cli.cannot_read", name=name, reason=reason), "cannot_read", as_json)
        return 2
    log.debug("unexpected failure", exc_info=exc)
    _fail(t("cli.failed_unexpectedly", kind=type(exc).__name__), "internal", as_json)
    return 1


def _interrupt_all() -> None:
    for data in list(OPEN):
        try:
            data.con.interrupt()
        except Exception:  # a connection already closed: nothing to stop
            log.debug("interrupt failed", exc_info=True)


def _close_all() -> None:
    """Close every session's connection and free what still points at DuckDB objects (results
    and relations held by tracebacks), so the interpreter exits without DuckDB's leak report."""
    while OPEN:
        try:
            OPEN.pop().close()
        except Exception:  # closing is best effort; the answer is already out
            log.debug("closing a session failed", exc_info=True)
    gc.collect()
