"""`--lang` on the command line: the report, the catalog and the scorecard in Spanish or Polish,
an unknown language refused in one sentence (exit 2), and help texts from the catalogs in the
language of `--lang` or of the environment's locale."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kpi.cli_lang import help_language
from kpi.i18n.messages import CATALOGS

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data"
NBSP = "\u00a0"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kpi", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip


@pytest.fixture(scope="module")
def polish_report(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("report") / "pl.html"
    done = _run("report", str(SAMPLE), "--out", str(out), "--lang", "pl")
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


def _words(document: str) -> set[str]:
    """The report's own words: text nodes outside the charts and the data cells (which hold
    what the files say: post texts, channel names)."""
    body = re.sub(r"<(style|svg|td)\b.*?</\1>", " ", document, flags=re.S)
    return {html.unescape(t).strip() for t in re.findall(r">([^<>]+)<", body)} - {""}


def _untranslated(words: set[str], lang: str) -> list[str]:
    """English catalog texts shown although `lang` has a different text for them (an English
    text that is also one of `lang`'s own texts, as Polish `Data` for a date, is not English)."""
    english, other = CATALOGS["en"], CATALOGS[lang]
    own = set(other.values())
    return sorted(
        english[key]
        for key in other
        if key in english and "{" not in english[key] and other[key] != english[key]
        and english[key] in words and english[key] not in own
    )  # fmt: skip


def test_polish_report_is_marked_polish_and_shows_no_translated_english(polish_report):
    assert '<html lang="pl">' in polish_report
    assert _untranslated(_words(polish_report), "pl") == []


def test_polish_report_names_tests_and_formats_charts_in_polish(polish_report):
    assert "test t Welcha" in polish_report and "Welch's t-test" not in polish_report
    assert "test z dla dwóch proporcji" in polish_report
    assert "0,351" in polish_report and "0.351" not in polish_report  # a p-value, Polish comma
    labels = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", polish_report)}
    assert any(re.fullmatch(r"\d{1,2} paź", label) for label in labels)  # October, Polish
    assert not any(re.search(r"\b(Oct|Sep|Nov)\b", label) for label in labels)
    assert not any(re.fullmatch(r"\d{1,3}(,\d{3})+", label) for label in labels)  # no 1,234


def test_the_untranslated_check_finds_english():
    # The check above can fail: a Polish-translated key's English text in the page is found.
    english = CATALOGS["en"]["test.method_percentile"]
    assert _untranslated({english}, "pl") == [english]


def test_catalog_in_spanish_names_kpis_in_spanish():
    done = _run("catalog", "--lang", "es")
    assert done.returncode == 0
    assert "Impresiones — " in done.stdout and "Alcance — " in done.stdout
    assert "Impressions — " not in done.stdout


def test_scorecard_in_polish():
    done = _run("scorecard", str(SAMPLE), "--lang", "pl")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Interesariusze i finanse" in out and "Osiągać wartościowe wyniki biznesowe" in out
    assert "wiodący" in out and "wynikowy" in out and "leading" not in out
    assert re.search(r"\d+,\d%", out)  # Polish decimals: 13,7%
    assert "paź 2026" in out.splitlines()[0]


@pytest.mark.parametrize("command", [("catalog",), ("report", "x.csv", "--out", "x.html"),
                                     ("scorecard", "x.csv")])  # fmt: skip
def test_an_unknown_language_is_one_sentence_and_exit_2(command):
    done = _run(*command, "--lang", "fr")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "'fr'" in lines[0] and "en, es, pl" in lines[0]
    assert done.stdout == ""


def test_help_follows_lang_then_the_environment():
    assert help_language(["report", "--lang", "pl"], {"LANG": "es_ES.UTF-8"}) == "pl"
    assert help_language(["report", "--lang=es"], {}) == "es"
    assert help_language(["report"], {"LANG": "pl_PL.UTF-8"}) == "pl"
    assert help_language(["report"], {"LC_ALL": "C", "LANG": "pl_PL.UTF-8"}) == "en"
    assert help_language(["report"], {"LC_MESSAGES": "es_MX", "LANG": "pl_PL"}) == "es"
    assert help_language(["report", "--lang", "fr"], {"LANG": "fr_FR.UTF-8"}) == "en"
    assert help_language([], {}) == "en"


def test_help_texts_in_polish():
    env = {"PATH": "/usr/bin:/bin", "LANG": "pl_PL.UTF-8", "PYTHONPATH": str(ROOT)}
    done = _run("report", "--help", env=env)
    assert done.returncode == 0
    assert done.stdout.startswith("użycie:") and "język raportu" in done.stdout
    assert "wyświetla tę pomoc" in done.stdout and "show this help" not in done.stdout
    english = _run("report", "--help", "--lang", "en", env=env)
    assert "language of the report" in english.stdout


def test_a_command_runs_in_its_language_and_leaves_english_behind(capsys):
    # In-process: KPI labels read the current language, which --lang sets for the command only.
    from kpi.cli import main
    from kpi.i18n import current_language

    assert main(["catalog", "--lang", "pl"]) == 0
    assert "Wyświetlenia" in capsys.readouterr().out
    assert current_language() == "en"
    assert main(["catalog"]) == 0
    assert "Impressions" in capsys.readouterr().out
