"""Numbers put into the views' sentences and metrics are written as the person's language writes
them: a signed lift (+1 234 in Polish), counts and ratios; no view formats them the English way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kpi.i18n import format_signed

VIEWS = Path(__file__).resolve().parents[2] / "kpi" / "views"


@pytest.mark.parametrize(
    ("lang", "value", "written"),
    [
        ("en", 1234.4, "+1,234"),
        ("es", 1234.4, "+1.234"),
        ("es", 12345.0, "+12.345"),
        ("pl", 12345.0, "+12\u00a0345"),
        ("en", -56.0, "-56"),
        ("en", 0.0, "0"),
    ],
)
def test_a_signed_number_as_each_language_writes_it(lang, value, written):
    assert format_signed(value, 0, lang) == written


def test_no_view_writes_numbers_the_english_way():
    # f"{x:,}", f"{x:+,.0f}", f"{x:.1%}" ignore the language: views format through kpi.i18n.
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(VIEWS.glob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if 'f"' in line and re.search(r"\{[^{}]*:[+]?[,.][^{}]*\}", line)
    ]
    assert found == [], found
