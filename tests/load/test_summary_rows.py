"""Summary rows at the top or the bottom of a table are kept out of the data and reported."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest
from loadkit import column, csv_bytes, only_table, xlsx_bytes

META_HEADER = [
    "Reporting starts", "Reporting ends", "Ad name", "Reach", "Impressions",
    "Cost per result", "Amount spent (USD)",
]  # fmt: skip
META_ROWS = [
    ["2026-01-01", "2026-01-31", "Spring A", 30_000, 70_000, 1.2, 50_000.0],
    ["2026-01-01", "2026-01-31", "Spring B", 25_000, 50_000, 1.9, 27_818.0],
    ["2026-01-01", "2026-01-31", "Spring C", 100, 0, None, 0.0],
]
# Ads Manager's first data row sums all ads, with an empty ad name; reach is not additive.
META_SUMMARY = ["2026-01-01", "2026-01-31", None, 50_000, 120_000, 1.5, 77_818.0]


def test_an_ads_manager_summary_row_at_the_top_is_not_counted_twice() -> None:
    data = xlsx_bytes({"Ads": [META_HEADER, META_SUMMARY, *META_ROWS]})
    table = only_table("Meta-Ads-Jan-2026.xlsx", data)
    report = table.report
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 3, 1)
    assert [r.line for r in report.rejected] == [2]
    assert "summary row" in report.rejected[0].reason
    assert pc.sum(table.data["Amount spent (USD)"]).as_py() == 77_818.0


def test_the_same_summary_row_in_a_csv() -> None:
    def line(row: list[object]) -> str:
        return ",".join("" if v is None else str(v) for v in row)

    lines = [",".join(META_HEADER), line(META_SUMMARY), *map(line, META_ROWS)]
    table = only_table("ads.csv", csv_bytes(*lines))
    assert [r.line for r in table.report.rejected] == [2]
    assert table.report.rejected[0].raw == lines[1]
    assert column(table, "Ad name") == ["Spring A", "Spring B", "Spring C"]


def test_several_google_ads_total_rows_at_the_bottom() -> None:
    lines = [
        "Campaign,Clicks,Impr.,Cost",
        "Brand,10,100,1.50",
        "Generic,20,200,2.50",
        "Total: Account,30,300,4.00",
        "Total: Search,30,300,4.00",
        "Total: Campaigns,30,300,4.00",
    ]
    table = only_table("campaigns.csv", csv_bytes(*lines))
    assert [r.line for r in table.report.rejected] == [4, 5, 6]
    assert all("summary row" in r.reason and "total" in r.reason for r in table.report.rejected)
    assert column(table, "Clicks") == [10, 20]


@pytest.mark.parametrize(
    "label", ["Totals", "Gesamt", "Razem", "Suma", "Totales", "Totale", "Totaal", "Łącznie"]
)
@pytest.mark.parametrize("at_top", [True, False])
def test_totals_words_in_many_languages_at_either_edge(label: str, at_top: bool) -> None:
    rows = ["A;10;1,5", "B;20;2,5", "C;5;0,5"]
    total = f"{label};35;4,5"
    lines = ["Kampania;Kliknięcia;Koszt", *([total, *rows] if at_top else [*rows, total])]
    table = only_table("k.csv", csv_bytes(*lines))
    assert [r.line for r in table.report.rejected] == [2 if at_top else 5]
    assert column(table, "Kliknięcia") == [10, 20, 5]


def test_an_unlabelled_row_whose_figures_are_the_sum_of_the_others() -> None:
    table = only_table("t.csv", csv_bytes("Clicks,Cost", "30,4.0", "10,1.5", "20,2.5"))
    assert [r.line for r in table.report.rejected] == [2]
    assert column(table, "Clicks") == [10, 20]


@pytest.mark.parametrize(
    "lines",
    [
        # an empty label at the top, but the figures are not the sum of the rest
        ["Post,Clicks,Cost", ",31,4.0", "a,10,1.5", "b,20,2.5"],
        # zeros everywhere sum to zero: that proves nothing
        ["Post,Clicks,Cost", ",0,0", "a,0,0", "b,0,0"],
        # a labelled row (not a totals word) whose figures happen to be the sum
        ["Post,Clicks,Cost", "summer,30,4.0", "a,10,1.5", "b,20,2.5"],
        # an empty label in the middle of the table is data
        ["Post,Clicks,Cost", "a,10,1.5", ",30,4.0", "b,20,2.5", "c,1,1"],
    ],
)
def test_rows_that_are_not_summaries_stay(lines: list[str]) -> None:
    table = only_table("p.csv", csv_bytes(*lines))
    assert table.report.rows_rejected == 0
    assert table.report.rows_loaded == len(lines) - 1


@pytest.mark.parametrize("label", ["Total", "Total: Account"])
def test_a_totals_label_in_a_date_column_is_a_summary_not_a_bad_date(label: str) -> None:
    rows = [f"2024-01-{1 + i % 28:02d},post {i},{i}" for i in range(30)]
    table = only_table("daily.csv", csv_bytes("Day,Post,Clicks", *rows, f"{label},,435"))
    (rejected,) = table.report.rejected
    assert rejected.line == 32 and "summary row" in rejected.reason
    assert table.report.columns[0].type == "date"
