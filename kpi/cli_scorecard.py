"""`python -m kpi scorecard FILE…`: the balanced-scorecard strategy map with live values.

The map and targets come from the workspace (`--workspace`: its `scorecard` key holds a map
saved by `StrategyMap.to_dict`, its `targets` the person's targets); without one the default map
is used. The range defaults to the last four weeks of data. Exit status: 0, 1 when nothing could
be loaded, 2 for a usage error; with --json a failure also prints {"error": {"code", "message"}}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path
from typing import Any

from kpi.cli_files import date_argument
from kpi.errors import KpiError
from kpi.i18n import t

COMMAND = "scorecard"


def add_command(commands: argparse._SubParsersAction, lang: str = "en") -> None:
    """Add `scorecard` to the command line's subcommands (help texts in `lang`)."""
    from kpi.cli_lang import add_lang
    from kpi.i18n import t

    card = commands.add_parser(COMMAND, help=t("cli.help.scorecard", lang))
    card.add_argument("files", nargs="+", help=t("cli.help.files", lang))
    card.add_argument("--workspace", help=t("cli.help.workspace_map", lang))
    card.add_argument("--from", dest="from_", type=date_argument, help=t("cli.help.from", lang))
    card.add_argument("--to", type=date_argument, help=t("cli.help.to", lang))
    add_lang(card, "cli.help.lang_scorecard", lang)
    card.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    _json_usage_errors(card)


def _json_usage_errors(parser: argparse.ArgumentParser) -> None:
    """Usage errors as one sentence on stderr, and with --json also as JSON on stdout (exit 2)."""
    parse = parser.parse_known_args
    wants_json = {"on": False}

    def parse_known_args(args: Any = None, namespace: Any = None) -> Any:
        wants_json["on"] = "--json" in (args if args is not None else sys.argv[1:])
        return parse(args, namespace)

    def error(message: str) -> None:
        sentence = message[:1].upper() + message[1:].rstrip(".") + "."
        print(f"{parser.prog}: {sentence}", file=sys.stderr)
        if wants_json["on"]:
            _dump({"error": {"code": "usage", "message": sentence}})
        raise SystemExit(2)

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign]
    parser.error = error  # type: ignore[method-assign]


def _clean(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _dump(doc: object) -> None:
    json.dump(_clean(doc), sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()


def _fail(args: argparse.Namespace, code: str, message: str, status: int) -> int:
    print(message, file=sys.stderr)
    if args.json:
        _dump({"error": {"code": code, "message": message}})
    return status


def run(args: argparse.Namespace) -> int:
    """Run `scorecard`; the exit status."""
    if args.from_ and args.to and args.to < args.from_:
        message = t("error.range_backwards", start=args.from_, end=args.to)
        return _fail(args, "usage", message, 2)
    from kpi.cli_files import load_exports
    from kpi.scorecard import saved
    from kpi.scorecard.evaluate import default_range, evaluate
    from kpi.store import SessionData
    from kpi.workspace import Workspace

    data = SessionData()
    try:
        if args.workspace:
            try:
                text = Path(args.workspace).read_text(encoding="utf-8")
            except OSError as exc:
                reason = exc.strerror or t("cli.unknown_reason")
                message = t("cli.cannot_read", name=args.workspace, reason=reason)
                return _fail(args, "usage", message, 2)
            data.workspace = Workspace.from_json(text)
        card = saved.saved_map(data.workspace)
        problems = card.validate(k.id for k in data.workspace.kpis())
        if problems:
            message = t("cli.scorecard_invalid", problem=problems[0])
            return _fail(args, "usage", message, 2)
        result = load_exports(args.files)  # regular files only, never a hang on a FIFO
        for error in result.errors:
            print(f"{error.file}: {error.message}", file=sys.stderr)
        if not result.tables:
            return _fail(args, "nothing_loaded", t("cli.nothing_loaded"), 1)
        data.add(result)
        start, end = default_range(data.con, card)
        if args.to:
            end = args.to
            start = end - (dt.timedelta(days=27))
        if args.from_:
            start = args.from_
        if end < start:
            message = t("cli.range_backwards_give_to", start=start, end=end)
            return _fail(args, "usage", message, 2)
        doc = evaluate(data.con, card, start, end, saved.targets(data.workspace, start, end),
                       args.lang, saved.settings(data.workspace), data.workspace.kpis(),
                       data.gate)  # fmt: skip
    except KpiError as exc:
        return _fail(args, "usage", exc.user_message, 2)
    finally:
        data.close()
    if args.json:
        _dump(doc)
    else:
        _print(doc, args.lang)
    return 0


def _print(doc: dict[str, Any], lang: str = "en") -> None:
    from kpi.charts.strategy_map import STATUS_WORDS
    from kpi.i18n import format_date, format_value, t
    from kpi.views.scorecard import platform_label

    marks = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    roles = {"leading": t("cli.role.leading", lang), "lagging": t("cli.role.lagging", lang)}
    width = max(len(r) for r in roles.values())

    def day(text: str) -> str:
        return format_date(dt.date.fromisoformat(str(text)), lang)

    print(t("cli.scorecard", lang, start=day(doc["start"]), end=day(doc["end"])))
    for p in doc["perspectives"]:
        print(f"\n{p['label']}  [{marks[p['status']]}]")
        for o in p["objectives"]:
            drives = f"  → {', '.join(o['causes'])}" if o["causes"] else ""
            print(f"  {o['label']}  [{marks[o['status']]}]{drives}")
            for k in o["kpis"]:
                where = f" ({platform_label(k['channel'], lang)})" if k["channel"] else ""
                value = format_value(k["value"], k["format"], lang)
                target = (
                    ""
                    if k["target"] is None
                    else t("cli.target", lang, target=format_value(k["target"], k["format"], lang))
                )
                needs = (
                    t("cli.kpi_needs", lang, missing=", ".join(k["needs"])) if k["needs"] else ""
                )
                role = roles.get(k["role"], k["role"])
                print(
                    f"    {role:<{width}} {k['label']}{where}: {value}{target}  "
                    f"[{marks[k['status']]}]{needs}"
                )
