"""The command line's languages: `--lang es|pl|en` for what a command writes (the report, the
catalog, the scorecard), and the language of `--help`.

The help follows `--lang` when the command line gives one, else the environment's locale
(`LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext reads them: `pl_PL.UTF-8` → Polish), else English.
What a command writes follows `--lang` only (default English): a report for someone else does not
change language with the terminal it was made in."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kpi.i18n import languages, t

SOURCE = "en"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def _known(code: str | None) -> str | None:
    """The app's language a locale name or language code means (`pl_PL.UTF-8` → `pl`), if any."""
    if not code:
        return None
    base = code.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in languages() else None


def help_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of the help texts: `--lang X` (or `--lang=X`) when it names one of the app's
    languages, else the environment's locale, else English."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if _known(value) == value and value:
            return value
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        if env.get(name):  # the first one set decides, as gettext does
            return _known(env[name]) or SOURCE
    return SOURCE


def language_argument(lang: str) -> Callable[[str], str]:
    """The argparse `type` of `--lang`: one of the app's languages, else a one-sentence error
    (in the help's language `lang`)."""

    def parse(text: str) -> str:
        if text in languages():
            return text
        raise argparse.ArgumentTypeError(
            t("cli.bad_lang", lang, value=text, languages=", ".join(languages()))
        )

    return parse


def add_lang(parser: argparse.ArgumentParser, help_key: str, lang: str) -> None:
    """Add `--lang` to a subcommand (default English), its help text from `help_key`."""
    parser.add_argument(
        "--lang", default=SOURCE, type=language_argument(lang), metavar="|".join(languages()),
        help=t(help_key, lang),
    )  # fmt: skip


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    """argparse's help formatter with its `usage:` in `lang`."""

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
            prefix = t("cli.help.usage", lang) if prefix is None else prefix
            super().add_usage(usage, actions, groups, prefix)

    return Formatter


class LocalizedParser(argparse.ArgumentParser):
    """An argparse parser whose own words (`usage:`, the headings, `-h`'s help) are in `lang`;
    argparse's error sentences stay its own (English)."""

    def __init__(self, *args: Any, lang: str = SOURCE, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter(lang))
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._positionals.title = t("cli.help.positionals", lang)
        self._optionals.title = t("cli.help.options", lang)
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help.help", lang)
        )
