"""What goes wrong on the command line is said in the person's language: argparse's own
sentences (`invalid choice`, `the following arguments are required`, `unrecognized arguments`,
`expected one argument`, `error:`) and the CLI's failure sentences, in the language of `--lang`
or of the environment's locale; English stays argparse's own words."""

from __future__ import annotations

import argparse
import inspect

import pytest

from kpi import cli
from kpi.cli_lang import LocalizedParser, argparse_language, argparse_texts
from kpi.i18n import current_language

ENGLISH = (
    "invalid choice", "the following arguments are required", "unrecognized arguments",
    "expected one argument", "is not a date", "See `",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def _stderr(capsys, argv: list[str]) -> str:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    ("argv", "polish"),
    [
        (["compute", "x.csv", "--kpi", "reach", "--grain", "year", "--lang", "pl"],
         "nieprawidłowy wybór: 'year' (do wyboru: 'day'"),
        (["compute", "x.csv", "--lang", "pl"], "Brakuje wymaganych argumentów: --kpi."),
        (["catalog", "--lang", "pl", "--bogus"], "Nierozpoznane argumenty: --bogus."),
        (["compute", "x.csv", "--kpi", "reach", "--from", "2026-13-01", "--lang", "pl"],
         "'2026-13-01' nie jest datą: zapisz ją jako RRRR-MM-DD"),
        (["compute", "x.csv", "--kpi", "--lang", "pl"], "oczekiwano jednego argumentu"),
        (["sql", "--max-rows", "0", "select 1", "--lang", "pl"], "od 1 do 1\u00a0000\u00a0000"),
    ],
)  # fmt: skip
def test_argparse_s_sentences_follow_lang(capsys, argv, polish):
    err = _stderr(capsys, argv)
    assert polish in err and "Zobacz `" in err
    assert not [e for e in ENGLISH if e in err], err
    assert current_language() == "en"  # the language was the run's only


def test_argparse_s_sentences_follow_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    err = _stderr(capsys, ["nope"])
    assert "opción no válida: 'nope' (elige entre 'inspect'" in err and "Consulta `" in err


def test_english_keeps_argparse_s_words(capsys):
    err = _stderr(capsys, ["compute", "x.csv", "--grain", "year"])
    assert "invalid choice: 'year'" in err and "See `" in err


def test_a_count_of_values_and_the_error_prefix_in_polish(capsys):
    parser = LocalizedParser(prog="kpi", lang="pl")
    parser.add_argument("--pair", nargs=2)
    with pytest.raises(SystemExit):
        parser.parse_args(["--pair", "a"])
    err = capsys.readouterr().err
    assert "kpi: błąd: argument --pair: oczekiwano 2 argumentów" in err
    # The lookups are argparse's own again once the parse is over.
    assert argparse._("expected one argument") == "expected one argument"  # type: ignore[attr-defined]


def test_lookups_nest_and_restore():
    before = argparse._  # type: ignore[attr-defined]
    with argparse_language("es"):
        with argparse_language("pl"):
            assert argparse._("expected one argument") == "oczekiwano jednego argumentu"  # type: ignore[attr-defined]
        assert argparse._("expected one argument") == "se esperaba un argumento"  # type: ignore[attr-defined]
    assert argparse._ is before  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["es", "pl"])
def test_every_translated_sentence_is_one_argparse_writes_with_its_placeholders(lang):
    source = inspect.getsource(argparse)
    for english, text in argparse_texts(lang).items():
        assert repr(english)[1:-1] in source or english in source, english
        for placeholder in ("%s", "%r", "%(", "\\n"):
            assert english.count(placeholder) == text.count(placeholder), (english, text)


def test_failure_sentences_in_the_person_s_language(capsys, monkeypatch, tmp_path):
    out = str(tmp_path / "r.html")
    assert cli.main(["report", "/nonexistent-dir/x.csv", "--out", out, "--lang", "pl"]) == 1
    err = capsys.readouterr().err
    assert "x.csv: nie można otworzyć (" in err and "Sprawdź ścieżkę." in err
    assert "Z podanych plików nie udało się nic wczytać." in err
    # A failure outside the command speaks the terminal's language.
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")
    monkeypatch.setattr(cli, "_run", lambda argv: 1 / 0)
    assert cli.main(["catalog"]) == 1
    err = capsys.readouterr().err
    assert "Polecenie nieoczekiwanie się nie powiodło (ZeroDivisionError)" in err
    assert "unexpectedly" not in err


def test_a_file_that_is_not_a_regular_one_is_said_in_polish(capsys, tmp_path):
    out = str(tmp_path / "r.html")
    assert cli.main(["report", "/dev/null", "--out", out, "--lang", "pl"]) == 1
    assert "nie jest zwykłym plikiem" in capsys.readouterr().err
