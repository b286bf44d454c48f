"""Every page's slides: a slide per section the page shows, one PDF page per slide, and no error
without data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from kpi.slides import (
    audience_slides,
    content_slides,
    engagement_slides,
    paid_slides,
    slides_pdf,
    traffic_slides,
)
from kpi.store import SessionData
from tests.conftest import load_sample


@dataclasses.dataclass(frozen=True)
class Ctl:
    start: dt.date = dt.date(2026, 10, 5)
    end: dt.date = dt.date(2026, 10, 31)
    grain: str = "week"
    compare: str | None = "previous"
    filters: dict = dataclasses.field(default_factory=dict)


# The sections each page shows on the sample data (see app_pages/*.py).
BUILDERS = {
    "engagement": (engagement_slides, 4),
    "audience": (audience_slides, 4),
    "content": (content_slides, 5),
    "traffic": (traffic_slides, 4),
    "paid": (paid_slides, 3),
}


@pytest.fixture(scope="module")
def sample() -> SessionData:
    data = SessionData()
    data.add(load_sample())
    return data


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("page", list(BUILDERS))
def test_page_slides_on_sample_data(sample: SessionData, page: str) -> None:
    build, sections = BUILDERS[page]
    slides = build(sample, Ctl())
    assert len(slides) == sections
    assert all(title and pictures for title, pictures in slides)
    pdf = slides_pdf(slides)
    assert pdf.startswith(b"%PDF")
    assert _pages(pdf) == sections


@pytest.mark.parametrize("page", list(BUILDERS))
def test_page_slides_without_data(page: str) -> None:
    build, _ = BUILDERS[page]
    slides = build(SessionData(), Ctl())
    assert slides
    assert all(title for title, _ in slides)
    assert _pages(slides_pdf(slides)) == len(slides)
