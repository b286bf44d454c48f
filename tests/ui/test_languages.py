"""The app in the person's language: every page in Polish and in Spanish shows no English
catalog text, the picker (and the URL, the browser's language, the workspace) chooses the
language, and a refused upload is explained in the person's language."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.i18n import current_language, format_count, set_language, t, tn, use_language
from kpi.i18n.messages import SOURCE_LANGUAGE
from kpi.views.model import ViewContext
from kpi.workspace import Workspace
from tests.ui.langkit import english_leftovers, shown_texts
from tests.uikit import POSTS_CSV
from ui.language import from_locale, initial_language

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = (
    "overview", "engagement", "audience", "content", "traffic", "paid", "leads", "plan",
    "scorecard", "explore", "data",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    # AppTests in one process share a session id: start each test from clean caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def speaks():
    """Put the test's own thread in the language of the page's last run: AppTest formats each
    widget's value with the widget's format function on the test's thread when it sends the
    widgets back, and that text must be one of the options the last run drew."""
    yield set_language
    set_language(SOURCE_LANGUAGE)


def _app(lang: str | None = None, **context: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    if lang is not None:
        at.query_params["lang"] = lang
    at.context = dict(context)
    return at


def _open(at: AppTest, page: str) -> AppTest:
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["pl", "es"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_no_english_catalog_text(page, lang, speaks):
    speaks(lang)
    at = _open(_app(lang), page)
    from_files: set[str] = set()  # the files' own words (their column names) are not the app's
    if page == "data":  # and one file's load report, opened
        at.selectbox(key="data_show_file").select_index(0).run()
        assert not at.exception
        assert t("data.rows_read", lang) in [m.label for m in at.metric]
        for table in at.session_state["session_data"].tables:
            from_files.update(c.source_name for c in table.loaded.report.columns)
    texts = shown_texts(at)
    assert len(texts) > 20, "the page was read"
    left = english_leftovers(texts, lang, allowed=from_files)
    assert not left, f"{page} in {lang} shows English: {sorted(left)}"


def test_the_check_finds_english_on_an_english_page():
    # The check above must be able to fail: the English page holds plenty for it to find.
    at = _open(_app("en"), "overview")
    left = english_leftovers(shown_texts(at), "pl")
    assert {"Impressions", "Engagement rate"} <= left


def test_the_picker_changes_the_language_and_the_url(speaks):
    at = _open(_app(), "overview")
    assert at.query_params["lang"] in ("en", ["en"])
    assert "Impressions" in [m.label for m in at.metric]
    at.selectbox(key="ctl_lang").set_value("pl").run()
    speaks("pl")
    assert not at.exception
    assert at.query_params["lang"] in ("pl", ["pl"])
    labels = [m.label for m in at.metric]
    assert "Wyświetlenia" in labels and "Impressions" not in labels
    assert at.selectbox(key="ctl_lang").label == "Język"
    assert at.session_state["session_data"].workspace.language == "pl"
    # Another page keeps the language (the widget's state is kept across pages).
    at.switch_page("app_pages/scorecard.py").run()
    assert not at.exception
    assert at.query_params["lang"] in ("pl", ["pl"])
    assert t("scorecard.title", "pl") in [x.value for x in at.title]


def test_switching_language_reads_the_sample_s_load_report_again(speaks):
    at = _open(_app(), "data")
    data = at.session_state["session_data"]
    first = {table.loaded.label: table.loaded for table in data.tables}
    at.selectbox(key="ctl_lang").set_value("es").run()
    speaks("es")
    assert not at.exception
    again = {table.loaded.label: table.loaded for table in data.tables}
    assert again.keys() == first.keys()
    assert all(again[k] is not first[k] for k in first), "the Spanish reading of the sample"
    skipped = [s.reason for t_ in data.tables for s in t_.loaded.report.skipped]
    assert skipped, "the sample's web traffic export has a comment line above its header"
    at.selectbox(key="data_show_file").select_index(
        next(i for i, o in enumerate(at.selectbox(key="data_show_file").options) if "ga4" in o)
    ).run()
    reasons = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert "línea de comentario" in reasons and "comment line" not in reasons


def test_an_unknown_language_in_the_url_falls_back_to_english():
    at = _open(_app("xx"), "overview")
    assert not at.error
    assert "Impressions" in [m.label for m in at.metric]
    assert at.query_params["lang"] in ("en", ["en"])


def test_the_browser_s_language_is_the_default(speaks):
    speaks("pl")
    at = _open(_app(locale="pl-PL"), "overview")
    assert "Wyświetlenia" in [m.label for m in at.metric]
    assert at.query_params["lang"] in ("pl", ["pl"])


def test_the_url_beats_the_browser_s_language():
    at = _open(_app("en", locale="es-ES"), "overview")
    assert "Impressions" in [m.label for m in at.metric]


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("pl-PL", "pl"), ("pl", "pl"), ("es-419", "es"), ("es_MX", "es"), ("EN-gb", "en"),
     ("de-DE", None), ("", None), (None, None)],
)  # fmt: skip
def test_a_browser_locale_maps_to_one_of_the_app_s_languages(locale, lang):
    assert from_locale(locale) == lang


def test_a_new_session_s_language_url_then_browser_then_english():
    assert initial_language("es", "pl-PL") == "es"
    assert initial_language("xx", "pl-PL") == "pl"
    assert initial_language(None, "fr-FR") == "en"
    assert initial_language(["pl"], None) == "en"  # not one value: not a choice


def test_a_refused_upload_is_explained_in_polish(speaks):
    speaks("pl")
    at = _open(_app("pl"), "data")
    at.file_uploader[0].set_value(("raport.pdf", b"%PDF-1.7\n" + b"\0" * 64, "application/pdf"))
    at.run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Nie udało się odczytać pliku" in errors and t("load.kind.pdf", "pl") in errors
    assert "could not be read" not in errors


def test_an_upload_s_load_report_is_in_spanish(speaks):
    speaks("es")
    at = _open(_app("es"), "data")
    at.file_uploader[0].set_value(("posts.csv", POSTS_CSV, "text/csv")).run()
    assert not at.exception
    shown = " ".join(s.value for s in at.success)
    assert tn("data.read_files", 1, "es") in shown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("data.rows_rejected", "es")] == "1"
    reasons = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert any("impressions" in r and "abc" in r for r in reasons), reasons
    # The file's own header names are its words, not the app's.
    header = ("published_at", "platform", "impressions", "likes", "comments", "shares")
    left = english_leftovers(shown_texts(at), "es", allowed=header)
    assert not left, sorted(left)


def test_a_workspace_carries_the_language():
    ws = Workspace()
    ws.language = "pl"
    again = Workspace.from_json(ws.to_json())
    assert again.language == "pl"
    assert Workspace.from_json(Workspace().to_json()).language is None
    newer = ws.to_json().replace('"language": "pl"', '"language": "tlh"')
    assert Workspace.from_json(newer).language is None  # a language this version lacks


def test_an_uploaded_workspace_switches_the_app_to_its_language(speaks):
    at = _open(_app(), "data")
    ws = Workspace()
    ws.language = "es"
    uploader = next(u for u in at.file_uploader if u.key == "workspace_upload")
    uploader.set_value(("kpi_workspace.json", ws.to_json().encode(), "application/json")).run()
    assert not at.exception
    assert at.query_params["lang"] in ("es", ["es"])
    assert t("data.title", "es") in [x.value for x in at.title]


def test_the_current_language_is_per_context_and_defaults_to_english():
    assert current_language() == "en"
    with use_language("pl"):
        assert current_language() == "pl"
        assert t("ctl.language") == "Język"
        assert format_count(1234) == "1\u00a0234"
        assert tn("data.read_files", 5) == "Odczytano 5 plików."
        with use_language("es"):
            assert t("ctl.language") == "Idioma"
        assert current_language() == "pl"
        seen = []
        other = threading.Thread(target=lambda: seen.append(current_language()))
        other.start()
        other.join()
        assert seen == ["en"], "another session's thread keeps its own language"
    assert current_language() == "en"
    with use_language("xx"):
        assert current_language() == "en"


def test_a_view_s_language_defaults_to_the_current_one():
    import datetime as dt

    day = dt.date(2026, 3, 2)
    with use_language("es"):
        assert ViewContext(con=None, workspace=None, start=day, end=day).lang == "es"  # type: ignore[arg-type]
    assert ViewContext(con=None, workspace=None, start=day, end=day).lang == "en"  # type: ignore[arg-type]


def test_a_download_built_later_on_another_thread_keeps_the_run_s_language():
    from kpi.store import SessionData
    from ui.state import locked

    data = SessionData()
    try:
        with use_language("pl"):
            build = locked(data, lambda: (current_language(), t("ctl.language")))
        seen = []
        other = threading.Thread(target=lambda: seen.append(build()))
        other.start()
        other.join()
        assert seen == [("pl", "Język")]
    finally:
        data.close()


@pytest.mark.parametrize(
    ("lang", "shape"), [("en", "YYYY/MM/DD"), ("pl", "DD.MM.YYYY"), ("es", "DD/MM/YYYY")]
)
def test_the_date_picker_writes_dates_as_the_language_does(lang, shape):
    at = _open(_app(lang), "overview")
    (picker,) = [d for d in at.date_input if d.key == "ctl_range"]
    assert picker.proto.format == shape


def test_words_put_into_a_sentence_are_in_its_language():
    # The inserted words (a lead stage, a period) come from the catalog, not from the code's ids.
    from kpi.analytics.lift import FREQUENCIES
    from kpi.analytics.stages import StageValues
    from kpi.errors import KpiError

    with use_language("pl"), pytest.raises(KpiError) as refused:
        StageValues(qualified=-1)
    assert "lead zakwalifikowany" in refused.value.user_message
    with use_language("es"):
        assert t(f"grain_word.{FREQUENCIES['W']}") == "semana"
        assert "qualified" not in t("error.stage_value", stage=t("stage.qualified"))
