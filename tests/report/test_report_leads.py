"""The Leads & ROI section of the HTML report and the page's slides: built from the same
analytics as the page, on the sample data and on an empty session."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from kpi.analytics import attribution, lead_scores
from kpi.report import build_report, leads_section
from kpi.slides import leads_slides, slides_pdf
from kpi.store import SessionData
from tests.conftest import load_sample
from ui.controls import Controls

CONTROLS = Controls(dt.date(2026, 10, 5), dt.date(2026, 10, 31), "week", "previous")


@pytest.fixture(scope="module")
def sample() -> SessionData:
    data = SessionData()
    data.add(load_sample())
    data.source = "sample"
    yield data
    data.close()


def test_the_report_holds_the_leads_section(sample):
    html = build_report(
        sample, dt.date(2026, 10, 1), dt.date(2026, 10, 31), today=dt.date(2026, 11, 2)
    )
    assert '<section id="leads"><h2>Leads &amp; ROI</h2>' in html
    section = html[html.index('<section id="leads">') :]
    section = section[: section.index("</section>")]
    for heading in ("Seven attribution models side by side", "Who originates, assists and converts",
                    "Social against other leads and customers", "Leads per score bucket",
                    "Value created and cost per stage, by channel"):  # fmt: skip
        assert heading in section
    october = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 10, 31)}
    markov = attribution.attribution(sample.con, "markov", "channel", **october)
    every = attribution.attribution(sample.con, "markov", "channel")
    assert markov.total_conversions < every.total_conversions, "the report's month only"
    assert f"€{markov.total_revenue:,.0f}" in section, "the real total revenue of October"
    assert "converting, leads created and customers acquired from 1 Oct 2026" in section
    assert section.count("<svg") == 1, "the models chart, inline"
    assert "two-proportion z-test" in section and "Welch" in section
    assert "social assists far more than it converts" in section
    assert "http" not in section.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_bucket_table_matches_the_analytics(sample):
    section = leads_section(sample)
    totals = lead_scores.bucket_totals(sample.con)
    for n in totals["leads"]:
        assert f'<td class="num">{n:,}</td>' in section


def test_the_section_follows_the_range_it_is_given(sample):
    october = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 10, 31)}
    section = leads_section(sample, **october)
    totals = lead_scores.bucket_totals(sample.con, **october)
    for n in totals["leads"]:
        assert f'<td class="num">{n:,}</td>' in section
    markov = attribution.attribution(sample.con, "markov", "channel", **october)
    assert f"{markov.total_conversions:,} converted journeys" in section


def test_slides_follow_the_controls_dates(sample, monkeypatch):
    from kpi.analytics import groups, stages

    seen = []
    for module, name in ((attribution, "compare_models"), (attribution, "attribution"),
                         (groups, "compare"), (stages, "stage_value")):  # fmt: skip
        real = getattr(module, name)

        def spy(*args, _real=real, _name=name, **kw):
            # start/end however they are passed (one analysis calls another positionally)
            bound = inspect.signature(_real).bind(*args, **kw).arguments
            seen.append((_name, bound.get("start"), bound.get("end")))
            return _real(*args, **kw)

        monkeypatch.setattr(module, name, spy)
    leads_slides(sample, CONTROLS)
    assert {n for n, _, _ in seen} == {"compare_models", "attribution", "compare", "stage_value"}
    assert all((start, end) == (CONTROLS.start, CONTROLS.end) for _, start, end in seen), seen


def test_an_empty_session_gets_the_needs_not_an_error():
    data = SessionData()
    try:
        section = leads_section(data)
    finally:
        data.close()
    assert "This needs `leads`: load a CRM contacts or deals export" in section
    assert "This needs `customers`" in section
    assert "<table" not in section


def test_slides_build_one_per_section(sample):
    slides = leads_slides(sample, CONTROLS)
    titles = [title for title, _ in slides]
    assert titles[:3] == ["Attribution models", "Markov chain", "Campaign-history roles"]
    assert len(slides) == 12
    assert all(pictures for _, pictures in slides)
    pdf = slides_pdf(slides[:2])
    assert pdf.startswith(b"%PDF")


def test_slides_of_an_empty_session_are_notes():
    data = SessionData()
    try:
        slides = leads_slides(data, CONTROLS)
    finally:
        data.close()
    assert len(slides) == 12
    assert all(len(pictures) == 1 for _, pictures in slides)


def test_dates_without_any_journey_say_so(sample):
    empty = {"start": dt.date(2030, 1, 1), "end": dt.date(2030, 1, 31)}
    section = leads_section(sample, **empty)
    assert "No journey converts" in section
    slides = dict(leads_slides(sample, Controls(empty["start"], empty["end"], "week", "previous")))
    assert len(slides) == 12 and all(slides.values())
