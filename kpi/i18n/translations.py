"""Writes a translator's work into a language's gettext catalog and compiles it.

Translators get the English texts as one JSON object (`{key: text}`) and give back the same keys
in their language; a count's message (a plural entry, `kpi.i18n.messages.tn`) takes a list of
its forms in the order of the language's plural rule (Polish: one, few, many). Usage:
`python -m kpi.i18n.translations pl /path/to/pl.json`. A key the catalog no longer has is
dropped (the code changed since the texts were sent); a plain text given for a plural entry is
left out (it cannot say which form it is), and both are counted in what the command prints."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kpi.i18n.messages import catalog_path
from kpi.i18n.migrate import compiled, read_catalog, write_catalog


@dataclass
class Imported:
    """What an import did: texts written, keys dropped, plural entries left as they were."""

    written: int = 0
    dropped: list[str] = field(default_factory=list)
    not_plural: list[str] = field(default_factory=list)


def import_texts(lang: str, texts: Mapping[str, object]) -> Imported:
    """Write `texts` into the `.po` of `lang` (a translated text clears a `fuzzy` mark) and
    compile its `.mo`."""
    catalog = read_catalog(lang)
    done = Imported()
    for key, text in texts.items():
        message = catalog.get(key)
        if message is None or not message.id:
            done.dropped.append(key)
            continue
        plural = isinstance(message.id, tuple | list)
        if plural:
            if not (
                isinstance(text, list)
                and len(text) == catalog.num_plurals
                and all(isinstance(form, str) and form.strip() for form in text)
            ):
                done.not_plural.append(key)
                continue
            message.string = tuple(text)
        elif isinstance(text, str) and text.strip():
            message.string = text
        else:
            done.not_plural.append(key)
            continue
        message.flags.discard("fuzzy")
        done.written += 1
    write_catalog(catalog, lang)
    catalog_path(lang).write_bytes(compiled(lang))
    return done


def main(argv: list[str] | None = None) -> int:
    """`python -m kpi.i18n.translations LANG FILE.json`: import and say what happened."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang", help="the catalog's language (es, pl)")
    parser.add_argument("file", type=Path, help="a JSON object of key → text (or list of forms)")
    args = parser.parse_args(argv)
    texts = json.loads(args.file.read_text(encoding="utf-8"))
    if not isinstance(texts, dict):
        raise SystemExit(f"{args.file}: expected a JSON object of key → text")
    done = import_texts(args.lang, texts)
    print(f"{args.lang}: {done.written} texts written, {len(done.dropped)} keys no longer used")
    for key in done.dropped:
        print(f"  dropped {key}")
    for key in done.not_plural:
        print(f"  left out {key}: a plural entry needs its forms as a list (or the text is empty)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
