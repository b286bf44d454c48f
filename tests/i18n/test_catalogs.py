"""The gettext catalogs: every key the code uses has English text, no English entry is unused,
every compiled `.mo` is what its `.po` compiles to, the languages share one set of keys, and
every English text (each plural entry with all its forms) has its Spanish and Polish text."""

from __future__ import annotations

import ast
import re
import string

import pytest

from kpi.i18n import dynamic, has_text, t, tn
from kpi.i18n.extract import keys_in_source, plural_keys_in_source, template
from kpi.i18n.messages import SOURCE_LANGUAGE, catalog_path, plural_id
from kpi.i18n.migrate import catalog_languages, compiled, read_catalog
from kpi.i18n.names import PLATFORM_NAMES
from tests.conftest import ROOT

KEYWORDS = ("t", "tm")  # as `make messages` passes to pybabel
CODE = [
    ROOT / "app.py",
    *(p for d in ("app_pages", "ui", "kpi") for p in sorted((ROOT / d).rglob("*.py"))),
]


def _active(lang: str) -> dict[str, str]:
    """A catalog's live entries (not the obsolete `#~` ones): key → text."""
    return {m.id: m.string for m in read_catalog(lang) if m.id and isinstance(m.id, str)}


def _plurals(lang: str) -> dict[str, tuple[str, ...]]:
    """A catalog's live plural entries (counts' messages): key → its forms."""
    return {m.id[0]: tuple(m.string) for m in read_catalog(lang) if isinstance(m.id, tuple)}


ENGLISH = _active(SOURCE_LANGUAGE)
ENGLISH_PLURALS = _plurals(SOURCE_LANGUAGE)
TRANSLATED = ("es", "pl")
FORMS = {"en": 2, "es": 2, "pl": 3}  # the languages' plural forms (gettext's nplurals)


def _calls() -> list[tuple[str, int, ast.expr]]:
    """The first argument of every `t()` / `tm()` call in the app's code, with its place."""
    found = []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in KEYWORDS:
                    found.append((str(path.relative_to(ROOT)), node.lineno, node.args[0]))
    return found


def _used_keys() -> set[str]:
    return {
        key
        for path in CODE
        for _, key in keys_in_source(path.read_text(), KEYWORDS, ENGLISH, str(path))
    }


def test_every_literal_key_has_english_text():
    missing = [
        f"{where}:{line}: {arg.value}"
        for where, line, arg in _calls()
        if isinstance(arg, ast.Constant) and not ENGLISH.get(arg.value)
    ]
    assert not missing, "keys with no English text:\n" + "\n".join(missing)


def test_every_key_built_at_run_time_is_declared_with_its_values():
    undeclared = [
        f"{where}:{line}: {template(arg)}"
        for where, line, arg in _calls()
        if isinstance(arg, ast.JoinedStr) and template(arg) not in dynamic.TEMPLATES
    ]
    assert not undeclared, "declare these in kpi/i18n/dynamic.py:\n" + "\n".join(undeclared)


@pytest.mark.parametrize("name", sorted(dynamic.TEMPLATES))
def test_every_known_value_of_a_template_has_english_text(name):
    keys = dynamic.template_keys(name)
    if keys is None:  # open: its values come from data, and fall back to the data's spelling
        prefix = name.split("{}")[0]
        assert any(k.startswith(prefix) for k in ENGLISH), f"no key starts with {prefix}"
        return
    assert keys, name
    missing = [k for k in keys if not ENGLISH.get(k)]
    assert not missing, f"{name}: no English text for {missing}"


def test_the_navigation_enumerates_every_page():
    assert {f"nav.{p.stem}" for p in (ROOT / "app_pages").glob("*.py")} <= set(ENGLISH)
    assert dynamic.template_keys("grain.{}") == [
        "grain.day",
        "grain.week",
        "grain.month",
        "grain.quarter",
    ]


def _used_plural_keys() -> set[str]:
    return {key for path in CODE for _, key in plural_keys_in_source(path.read_text())}


def test_every_count_message_is_a_plural_entry_with_its_english_forms():
    used = _used_plural_keys()
    assert used, "the code counts with tn()"
    assert used == set(ENGLISH_PLURALS), "run `make messages`"
    assert not used & set(ENGLISH), "a key is either a plain text or a count's message"
    for key, forms in ENGLISH_PLURALS.items():
        assert len(forms) == 2 and all(f.strip() for f in forms), key
    plural_ids = {m.id[1] for m in read_catalog("en") if isinstance(m.id, tuple)}
    assert plural_ids == {plural_id(key) for key in ENGLISH_PLURALS}


def test_no_english_entry_is_unused():
    unused = sorted(set(ENGLISH) - _used_keys())
    assert not unused, "entries no code uses (remove them, or run make messages):\n" + "\n".join(
        unused
    )


def test_every_english_entry_has_text():
    assert not [k for k, text in ENGLISH.items() if not text.strip()]


@pytest.mark.parametrize("lang", catalog_languages())
def test_each_compiled_catalog_is_what_its_po_compiles_to(lang):
    # The app reads the .mo: one left behind by an edit of the .po would show old words.
    assert catalog_path(lang).read_bytes() == compiled(lang), f"run `make messages` ({lang})"


def test_every_language_has_the_english_keys():
    for lang in catalog_languages():
        assert set(_active(lang)) == set(ENGLISH), f"run `make messages` ({lang})"
        assert set(_plurals(lang)) == set(ENGLISH_PLURALS), f"run `make messages` ({lang})"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_english_text_has_its_translation(lang):
    assert lang in catalog_languages()
    missing = [key for key in ENGLISH if not _active(lang).get(key, "").strip()]
    assert not missing, f"{lang}: no translation for {missing}"
    incomplete = [
        key
        for key, forms in _plurals(lang).items()
        if len(forms) != FORMS[lang] or not all(form.strip() for form in forms)
    ]
    assert not incomplete, f"{lang}: plural entries without all {FORMS[lang]} forms: {incomplete}"
    fuzzy = [m.id for m in read_catalog(lang) if m.id and m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy entries are not shown: {fuzzy}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_plural_form_fills_in_the_same_values_as_english(lang):
    wrong = [
        key
        for key, forms in _plurals(lang).items()
        for form in forms
        if _fields(form) != _fields(ENGLISH_PLURALS[key][1])
    ]
    assert not wrong, f"{lang}: placeholders differ from English in {wrong}"


@pytest.mark.parametrize(
    ("n", "form"), [(1, 0), (2, 1), (5, 2), (22, 1), (25, 2), (112, 2), (0, 2), (1234, 1)]
)
def test_polish_counts_take_their_three_forms(n, form):
    forms = _plurals("pl")["data.read_files"]
    assert tn("data.read_files", n, "pl") == forms[form].format(n=f"{n:,}".replace(",", "\xa0"))


@pytest.mark.parametrize(("n", "form"), [(1, 0), (2, 1), (0, 1)])
def test_spanish_and_english_counts_take_their_two_forms(n, form):
    for lang in ("es", "en"):
        forms = _plurals(lang)["data.read_files"]
        assert tn("data.read_files", n, lang) == forms[form].format(n=n)


def test_count_messages_read_right_for_one_and_many():
    assert tn("data.read_files", 1, "en") == "1 file read."
    assert tn("data.read_files", 2, "en") == "2 files read."
    assert tn("data.read_files", 5, "pl") == "Odczytano 5 plików."
    assert tn("data.read_files", 22, "pl") == "Odczytano 22 pliki."
    assert tn("data.read_files", 1, "es") == "1 archivo leído."
    assert tn("sql.table_rows", 1, "en", name="posts", rows="1") == "posts · 1 row"


def test_the_template_catalog_holds_every_english_key():
    from babel.messages.pofile import read_po

    with (catalog_path(SOURCE_LANGUAGE).parents[2] / "messages.pot").open("rb") as file:
        pot = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    assert pot == set(ENGLISH) | set(ENGLISH_PLURALS), "run `make messages`"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in catalog_languages() if lang != "en"])
def test_translations_fill_in_the_same_values_as_english(lang):
    wrong = [
        key
        for key, text in _active(lang).items()
        if text and _fields(text) != _fields(ENGLISH[key])
    ]
    assert not wrong, f"{lang}: placeholders differ from English in {wrong}"


def test_a_language_without_a_translation_falls_back_to_english():
    assert t("data.uploads_note", "de") == "Showing your files."
    assert t("data.file_error", "de", file="a.csv", message="empty") == (
        "**a.csv** could not be read: empty"
    )
    assert tn("data.read_files", 3, "de") == "3 files read."
    assert tn("no.such.count", 3) == "no.such.count"
    assert t("no.such.key") == "no.such.key"
    assert has_text("platform.linkedin") and not has_text("platform.myspace")


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        ('t("data.title")', {"data.title"}),
        ('tm("a.b" if x else "c.d", n=1)', {"a.b", "c.d"}),
        ('t(f"grain.{g}")', {"grain.day", "grain.week", "grain.month", "grain.quarter"}),
        (
            'key = f"platform.{p}"',
            {f"platform.{p}" for p in ("facebook", "instagram", "x", "linkedin")}
            | {f"platform.{p}" for p in ("tiktok", "youtube", "google", "email")}
            | {f"platform.{p}" for p in PLATFORM_NAMES},  # names of kpi.i18n.names too
        ),
        ('tiles = (("leads.social_value", v),)', {"leads.social_value"}),
        ('print("leads.social_value_typo")', set()),
    ],
)
def test_the_extractor_finds_keys_however_the_code_names_them(source, keys):
    assert {key for _, key in keys_in_source(source, KEYWORDS, ENGLISH)} == keys


def test_the_extractor_refuses_a_template_it_cannot_enumerate():
    with pytest.raises(ValueError, match=re.escape("declare its values in kpi/i18n/dynamic.py")):
        list(keys_in_source('t(f"mystery.{x}")', KEYWORDS, ENGLISH, "page.py"))


def test_babel_cfg_extracts_with_the_key_extractor_from_the_app_s_code():
    text = (ROOT / "babel.cfg").read_text()
    assert "kpi_keys = kpi.i18n.extract:extract_keys" in text
    assert {"[kpi_keys: app.py]", "[kpi_keys: kpi/**.py]", "[kpi_keys: ui/**.py]"} <= set(
        text.splitlines()
    )


KEY_LIKE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
# File names that happen to look like keys (templates, downloads).
FILE_SUFFIXES = ("css", "csv", "html", "j2", "json", "pdf", "png", "svg", "xml")


def test_a_literal_that_looks_like_a_key_is_in_the_catalog():
    # Keys handed over in a variable (`("leads.social_value", …)` then `t(key)`) escape the
    # call checks above: a typo there would show the key itself to a person.
    known = set(ENGLISH) | set(ENGLISH_PLURALS)
    namespaces = {key.split(".")[0] for key in known}
    wrong = []
    for path in CODE:
        tree = ast.parse(path.read_text())
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if (
                isinstance(text, str)
                and id(node) not in parts
                and KEY_LIKE.match(text)
                and text.split(".")[0] in namespaces
                and text not in known
                and text.rsplit(".", 1)[-1] not in FILE_SUFFIXES
            ):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text}")
    assert not wrong, "not in the English catalog:\n" + "\n".join(wrong)


def test_no_placeholder_is_named_as_a_parameter_of_t():
    # t(key, lang, **values): a text with {key} or {lang} could never be filled in.
    clash = [k for k, text in ENGLISH.items() if _fields(text) & {"key", "lang"}]
    assert not clash
