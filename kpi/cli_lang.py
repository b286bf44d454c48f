"""The command line's languages: `--lang es|pl|en` for what a command writes (the report, the
catalog, the scorecard), and the language of `--help`.

The help follows `--lang` when the command line gives one, else the environment's locale
(`LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext reads them: `pl_PL.UTF-8` → Polish), else English.
What a command writes follows `--lang` only (default English): a report for someone else does not
change language with the terminal it was made in.

argparse's own sentences (`invalid choice: …`, `the following arguments are required: …`) are
looked up in the catalogs too: argparse reads its module globals `_` and `ngettext` each time it
words one, so `LocalizedParser` puts catalog lookups there while it parses."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from kpi.i18n import languages, t, tn

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


# argparse's `ngettext` message for a fixed number of values (`nargs=2`), a catalog count message.
_EXPECTED_N = "expected %s argument"


def argparse_texts(lang: str) -> dict[str, str]:
    """argparse's own sentences (its English, as its source writes them) → their text in `lang`.
    The translations keep argparse's `%s` / `%(name)s` placeholders, which argparse fills."""
    return {
        "usage: ": t("cli.help.usage", lang),
        "positional arguments": t("cli.help.positionals", lang),
        "options": t("cli.help.options", lang),
        "show this help message and exit": t("cli.help.help", lang),
        "argument %(argument_name)s: %(message)s": t("cli.argparse.argument", lang),
        "unrecognized arguments: %s": t("cli.argparse.unrecognized", lang),
        "the following arguments are required: %s": t("cli.argparse.required", lang),
        "one of the arguments %s is required": t("cli.argparse.one_required", lang),
        "not allowed with argument %s": t("cli.argparse.not_allowed", lang),
        "ignored explicit argument %r": t("cli.argparse.ignored_explicit", lang),
        "expected one argument": t("cli.argparse.expected_one", lang),
        "expected at most one argument": t("cli.argparse.expected_at_most_one", lang),
        "expected at least one argument": t("cli.argparse.expected_at_least_one", lang),
        "ambiguous option: %(option)s could match %(matches)s": t("cli.argparse.ambiguous", lang),
        "unexpected option string: %s": t("cli.argparse.unexpected_option", lang),
        "invalid %(type)s value: %(value)r": t("cli.argparse.invalid_value", lang),
        "invalid choice: %(value)r (choose from %(choices)s)": t(
            "cli.argparse.invalid_choice", lang
        ),
        "unknown parser %(parser_name)r (choices: %(choices)s)": t(
            "cli.argparse.unknown_command", lang
        ),
        "can't open '%(filename)s': %(error)s": t("cli.argparse.cannot_open", lang),
        "%(prog)s: error: %(message)s\n": t("cli.argparse.error", lang) + "\n",
    }


@contextlib.contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """While the block runs, argparse words its sentences in `lang` (a sentence the catalogs do
    not hold stays argparse's English). The previous lookups come back after, so nested parsers
    (the subcommands') restore one another's."""
    texts = argparse_texts(lang)

    def gettext(message: str) -> str:
        return texts.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        if singular == _EXPECTED_N:
            return tn("cli.argparse.expected_n", n, lang)
        return singular if n == 1 else plural

    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class LocalizedParser(argparse.ArgumentParser):
    """An argparse parser whose own words (`usage:`, the headings, `-h`'s help) and error
    sentences (`invalid choice`, `unrecognized arguments`) are in `lang`."""

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

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        """argparse's parse, its sentences in the parser's language."""
        with argparse_language(self.lang):
            return super().parse_known_args(args, namespace)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        """argparse's parse (`unrecognized arguments` is worded here), in the parser's language."""
        with argparse_language(self.lang):
            return super().parse_args(args, namespace)
