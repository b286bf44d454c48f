"""Real exports from ../shared/data/real/ (skipped where that folder is absent): the quirks of the
issue as real platforms write them, with values checked against the files themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.compute as pc
import pytest
from loadkit import assert_consistent, column, column_type

from kpi.load import LoadResult, load_file

pytestmark = pytest.mark.shared


def _load(folder: Path, name: str) -> LoadResult:
    result = load_file(name, (folder / name).read_bytes())
    assert result.errors == []
    for table in result.tables:
        assert_consistent(table)
    return result


def test_universal_analytics_english_totals_row_with_empty_first_cells(shared_real: Path) -> None:
    (table,) = _load(shared_real, "ua_google_analytics_browser_os_english.csv").tables
    report = table.report
    assert report.header_line == 7  # below the "# ----" preamble and a blank line
    assert [(r.line, r.raw) for r in report.rejected] == [(289, ',,,"7,374"')]
    assert "total" in report.rejected[0].reason
    assert pc.sum(table.data["Sessions"]).as_py() == 7374  # the totals row's own figure


def test_universal_analytics_dutch_locale_and_a_second_table(shared_real: Path) -> None:
    browsers, days = _load(shared_real, "ua_google_analytics_browser_version_dutch.csv").tables
    assert (browsers.report.decimal, browsers.report.thousands) == (",", ".")
    first = browsers.data.slice(0, 1).to_pylist()[0]
    assert first["Sessies"] == 2546  # "2.546"
    assert first["% nieuwe sessies"] == pytest.approx(0.9988)  # "99,88%"
    assert first["Pagina's/sessie"] == pytest.approx(1.15)  # "1,15"
    assert first["Gem. sessieduur"] == 31  # 00:00:31
    assert column_type(browsers, "Doelwaarde") == "money"  # "US$ 0,00"
    assert [r.line for r in browsers.report.rejected] == [234]
    assert pc.sum(browsers.data["Sessies"]).as_py() == 7374
    assert days.report.header_line == 236
    assert column(days, "Dagindex")[:2] == [dt.date(2014, 9, 17), dt.date(2014, 9, 18)]
    assert pc.sum(days.data["Sessies"]).as_py() == 7374


def test_meta_business_suite_posts(shared_real: Path) -> None:
    (table,) = _load(shared_real, "meta_business_suite_facebook_posts_2025.csv").tables
    assert table.report.encoding == "UTF-8 with BOM"
    assert table.data.column_names[0] == "Post ID"
    assert "Views (2)" in table.data.column_names  # "Views" appears twice
    assert column_type(table, "Publish time") == "timestamp"
    assert column(table, "Publish time")[0] == dt.datetime(2025, 3, 15, 3, 6)  # 03/15/2025 03:06
    assert table.report.rows_read == 20


def test_youtube_totals_row_second_from_the_top(shared_real: Path) -> None:
    (table,) = _load(shared_real, "youtube_studio_table_data_geography_codingtrain.csv").tables
    assert [r.line for r in table.report.rejected] == [2]
    assert table.report.rejected[0].raw.startswith("Total,15503810,")
    assert column_type(table, "Average view duration") == "duration"


def test_linkedin_biff_xls_gives_both_sheets(shared_real: Path) -> None:
    result = _load(shared_real, "linkedin_page_content_proefficient_resaved.xls")
    assert [(t.report.sheet, t.report.rows_loaded) for t in result.tables] == [
        ("Metrics", 30),
        ("All posts", 8),
    ]
    assert column(result.tables[0], "Date")[0] == dt.date(2025, 2, 14)
