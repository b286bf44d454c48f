"""The ROI commands of `python -m kpi`: `attribution` and `groups`.

`kpi/cli.py` registers them with `add_commands(subparsers)` and runs them with `run(args)`.
Exit status follows the rest of the command line: 0 on success, 1 when nothing could be loaded
or the data an analysis needs is missing (the message names the export), 2 for a usage error
(a bad `--from`/`--to` date, or a range that ends before it starts, included).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from kpi.analytics.attribution import HALF_LIFE_DAYS, MODELS, attribution
from kpi.analytics.journeys import DIMENSIONS, UNITS, MissingData
from kpi.cli_files import date_argument, load_exports
from kpi.i18n import t
from kpi.i18n.names import display_name, holds_names
from kpi.store import SessionData
from kpi.workspace import Workspace

COMMANDS = ("attribution", "groups")


def add_commands(commands: argparse._SubParsersAction, lang: str = "en") -> None:
    """Add `attribution` and `groups` to the command line's subcommands (help texts in `lang`)."""
    from kpi.analytics.groups import METRICS, SOCIAL_BASES, SPLITS

    attr = commands.add_parser("attribution", help=t("cli.help.attribution", lang))
    attr.add_argument("files", nargs="+", help=t("cli.help.files", lang))
    attr.add_argument("--model", required=True, choices=MODELS)
    attr.add_argument("--by", default="channel", choices=DIMENSIONS)
    attr.add_argument("--unit", default="leads", choices=UNITS, help=t("cli.help.unit", lang))
    attr.add_argument(
        "--half-life", type=_positive, default=HALF_LIFE_DAYS, help=t("cli.help.half_life", lang)
    )
    _range_arguments(attr, t("cli.help.range_journeys", lang), lang)
    attr.add_argument("--workspace", help=t("cli.help.workspace_mappings", lang))
    attr.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    groups = commands.add_parser("groups", help=t("cli.help.groups", lang))
    groups.add_argument("files", nargs="+", help=t("cli.help.files", lang))
    groups.add_argument("--metric", required=True, choices=METRICS)
    groups.add_argument("--split", default="social", choices=SPLITS)
    groups.add_argument("--days", type=_days, default=90, help=t("cli.help.days", lang))
    groups.add_argument(
        "--social-by", default="auto", choices=SOCIAL_BASES, help=t("cli.help.social_by", lang)
    )
    _range_arguments(groups, t("cli.help.range_groups", lang), lang)
    groups.add_argument("--workspace", help=t("cli.help.workspace_mappings", lang))
    groups.add_argument("--json", action="store_true", help=t("cli.help.json", lang))


def _range_arguments(parser: argparse.ArgumentParser, what: str, lang: str = "en") -> None:
    parser.add_argument(
        "--from",
        dest="from_",
        type=date_argument,
        help=t("cli.help.from_what", lang, what=what),
    )
    parser.add_argument("--to", type=date_argument, help=t("cli.help.to_what", lang, what=what))


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(t("cli.bad_positive_days", value=repr(text)))
    return value


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(t("cli.bad_whole_days", value=repr(text)))
    return value


def _session(files: Sequence[str], workspace: str | None) -> SessionData | None:
    data = SessionData()
    if workspace:
        data.workspace = Workspace.from_json(Path(workspace).read_text(encoding="utf-8"))
    result = load_exports(files)  # regular files only, never a hang on a FIFO
    for error in result.errors:
        print(f"{error.file}: {error.message}", file=sys.stderr)
    if not result.tables:
        data.close()
        return None
    data.add(result)
    return data


def _fail(args: argparse.Namespace, code: str, message: str, status: int = 1) -> int:
    print(message, file=sys.stderr)
    if args.json:
        _dump({"error": {"code": code, "message": message}})
    return status


def _dump(doc: object) -> None:
    json.dump(_clean(doc), sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()


def _clean(value: object) -> object:
    """NaN and infinity become null, numpy scalars plain numbers, so the JSON stays valid."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # type: ignore[union-attr]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def run(args: argparse.Namespace) -> int:
    """Run `attribution` or `groups`; the exit status."""
    start, end = getattr(args, "from_", None), getattr(args, "to", None)
    if start and end and end < start:
        message = t("error.range_backwards", start=start, end=end)
        return _fail(args, "usage", message, 2)
    data = _session(args.files, args.workspace)
    if data is None:
        return _fail(args, "nothing_loaded", t("cli.nothing_loaded"))
    try:
        if args.command == "attribution":
            return _attribution(args, data)
        return _groups(args, data)
    except MissingData as exc:
        return _fail(args, "missing_data", exc.user_message)
    finally:
        data.close()


def _attribution(args: argparse.Namespace, data: SessionData) -> int:
    result = attribution(
        data.con, args.model, args.by, args.half_life, args.unit, args.from_, args.to
    )
    if args.json:
        _dump(result.to_dict() | _range(args))
        return 0
    print(
        t("cli.attribution", unit=args.unit, model=args.model, by=args.by, range=_range_text(args))
    )
    for row in result.rows.to_dict("records"):
        # channels and platforms by their names (LinkedIn); a campaign or "(not set)" as written
        value = row[args.by]
        name = (
            display_name(value) if holds_names(args.by) and isinstance(value, str) else str(value)
        )
        print(t("cli.attribution_row", name=f"{name:<32}", conversions=f"{row['conversions']:>10.2f}",
                revenue=f"{row['revenue']:>14,.2f}"))  # fmt: skip
    print(t("cli.attribution_row", name=f"{t('cli.total'):<32}", conversions=f"{result.total_conversions:>10d}",
            revenue=f"{result.total_revenue:>14,.2f}"))  # fmt: skip
    if result.removal_effects is not None:
        print(t("cli.removal_effects"))
        for key, effect in sorted(result.removal_effects.items(), key=lambda kv: -kv[1]):
            print(f"  {display_name(key):<32} {effect:>8.1%}")
    for note in result.notes:
        print(note)
    return 0


def _groups(args: argparse.Namespace, data: SessionData) -> int:
    from kpi.analytics.groups import compare

    result = compare(
        data.con, args.metric, args.split, days=args.days, social_by=args.social_by,
        start=args.from_, end=args.to,
    )  # fmt: skip
    if args.json:
        _dump(result.to_dict() | _range(args))
        return 0
    if args.from_ or args.to:
        print(t("cli.groups_range", range=_range_text(args)))
    print(result.sentence())
    for group in result.groups:
        print(f"  {group.group:<10} n={group.n:<8,} {group.display(result.metric)}")
    for note in result.notes:
        print(note)
    return 0


def _range(args: argparse.Namespace) -> dict[str, object]:
    """The range given, for the JSON document (nothing without one)."""
    if not (args.from_ or args.to):
        return {}
    return {"from": args.from_.isoformat() if args.from_ else None,
            "to": args.to.isoformat() if args.to else None}  # fmt: skip


def _range_text(args: argparse.Namespace) -> str:
    if not (args.from_ or args.to):
        return ""
    return t("cli.range", start=args.from_ or t("cli.the_start"), end=args.to or t("cli.the_end"))
