"""`python -m kpi.i18n.migrate` moves words left in `en_*.py` dicts into the English catalog."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from kpi.i18n import messages, migrate


def _catalog_with(lang: str, entries: dict[str, str]) -> Catalog:
    catalog = Catalog(locale=lang, domain="messages", fuzzy=False)
    for key, text in entries.items():
        catalog.add(key, text)
    return catalog


def test_dict_entries_move_into_the_catalogs_and_the_module_goes(tmp_path, monkeypatch):
    locale, package = tmp_path / "locale", tmp_path / "pkg"
    package.mkdir()
    monkeypatch.setattr(messages, "LOCALE_DIR", locale)
    monkeypatch.setattr(migrate, "LOCALE_DIR", locale)
    monkeypatch.setattr(migrate, "PACKAGE_DIR", package)
    migrate.write_catalog(_catalog_with("en", {"a.kept": "Kept", "a.old": "Old words"}), "en")
    migrate.write_catalog(_catalog_with("es", {"a.kept": "Guardado", "a.old": ""}), "es")
    (package / "en_area.py").write_text(
        'TEXT = {"a.old": "New words", "a.added": "Added {n}", "a.kept": "Kept"}\n'
    )

    changes = migrate.migrate()

    assert changes == [
        "en_area.py: changed a.old",
        "en_area.py: added a.added",
        "deleted en_area.py",
    ]
    assert not (package / "en_area.py").exists()
    english = {m.id: m.string for m in migrate.read_catalog("en") if m.id}
    assert english == {"a.kept": "Kept", "a.old": "New words", "a.added": "Added {n}"}
    spanish = {m.id: m.string for m in migrate.read_catalog("es") if m.id}
    assert spanish == {"a.kept": "Guardado", "a.old": "", "a.added": ""}  # to translate
    for lang in ("en", "es"):
        assert messages.catalog_path(lang).read_bytes() == migrate.compiled(lang)


def test_nothing_to_move_changes_nothing_but_compiles(tmp_path, monkeypatch):
    locale, package = tmp_path / "locale", tmp_path / "pkg"
    package.mkdir()
    monkeypatch.setattr(messages, "LOCALE_DIR", locale)
    monkeypatch.setattr(migrate, "LOCALE_DIR", locale)
    monkeypatch.setattr(migrate, "PACKAGE_DIR", package)
    migrate.write_catalog(_catalog_with("en", {"a.kept": "Kept"}), "en")
    assert migrate.migrate() == []
    assert messages.catalog_path("en").is_file()
