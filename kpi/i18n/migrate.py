"""Moves English texts still kept in Python dicts into the English gettext catalog.

Before the catalogs were gettext, each page area kept its words in a `TEXT` dict in a module
`kpi/i18n/en_<area>.py`. A branch started then may still add one, or add keys to one: after
merging it, run `python -m kpi.i18n.migrate`. It adds every entry to
`locale/en/LC_MESSAGES/messages.po` (a text that differs from the catalog's replaces it: the
dict is the newer edit), deletes the modules, adds the new keys, untranslated, to every other
language's catalog, and compiles the `.mo` files. Then run `make messages` and the tests."""

from __future__ import annotations

import argparse
import importlib.util
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from kpi.i18n.messages import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE, catalog_path

PACKAGE_DIR = Path(__file__).parent
PO_WIDTH = 100  # as the code's line length; `make messages` passes the same to pybabel


def dict_modules() -> list[Path]:
    """The `en_*.py` modules still holding English texts, by name."""
    return sorted(PACKAGE_DIR.glob("en_*.py"))


def read_texts(path: Path) -> dict[str, str]:
    """The `TEXT` dict of one `en_*.py` module, loaded from its file (not as part of the package,
    which no longer merges such modules)."""
    spec = importlib.util.spec_from_file_location(f"_migrating_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = getattr(module, "TEXT", None)
    if not isinstance(texts, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in texts.items()
    ):
        raise SystemExit(f"{path.name}: expected a TEXT dict of str to str")
    return texts


def read_catalog(lang: str) -> Catalog:
    """The `.po` catalog of `lang`, or a new empty one."""
    path = catalog_path(lang, ".po")
    if not path.is_file():
        return Catalog(locale=lang, domain=DOMAIN, project="KPI Explorer", fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def write_catalog(catalog: Catalog, lang: str) -> None:
    """Write the `.po` of `lang`, sorted by key so that merges and diffs stay small."""
    path = catalog_path(lang, ".po")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=PO_WIDTH, sort_output=True, omit_header=False)


def compiled(lang: str) -> bytes:
    """The `.mo` bytes that `pybabel compile` makes from the `.po` of `lang`."""
    with catalog_path(lang, ".po").open("rb") as file:
        catalog = read_po(file, locale=lang)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def catalog_languages() -> list[str]:
    """Every language with a `.po` catalog, English first."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


def migrate(delete: bool = True) -> list[str]:
    """Move every `en_*.py` dict into the English catalog; return one line per change made."""
    english = read_catalog(SOURCE_LANGUAGE)
    changes: list[str] = []
    added: list[str] = []
    for path in dict_modules():
        for key, text in read_texts(path).items():
            message = english.get(key)
            if message is None:
                english.add(key, text)
                added.append(key)
                changes.append(f"{path.name}: added {key}")
            elif message.string != text:
                message.string = text
                changes.append(f"{path.name}: changed {key}")
    write_catalog(english, SOURCE_LANGUAGE)
    for lang in catalog_languages()[1:]:
        other = read_catalog(lang)
        for key in added:
            if key not in other:
                other.add(key, "")
        write_catalog(other, lang)
    for lang in catalog_languages():
        catalog_path(lang).write_bytes(compiled(lang))
    if delete:
        for path in dict_modules():
            path.unlink()
            changes.append(f"deleted {path.name}")
    return changes


def main(argv: list[str] | None = None) -> int:
    """`python -m kpi.i18n.migrate [--keep]`: print what moved."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="leave the en_*.py modules in place")
    args = parser.parse_args(argv)
    for line in migrate(delete=not args.keep):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
