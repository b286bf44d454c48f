"""The HTML report, its period names, the `report` command and the slide PDF, on the bundled
sample data and on tiny hand-made files (expected values computed by hand or straight in SQL)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from kpi.catalog import BY_ID
from kpi.engine import Request, run
from kpi.errors import KpiError
from kpi.i18n import format_value
from kpi.load import load_paths
from kpi.report import CORE, build_report, inline_svg, period_for, period_title, top_posts
from kpi.schema import DATASETS
from kpi.slides import overview_slides, slides_pdf, tiles_chart
from kpi.store import SessionData
from tests.conftest import load_sample

ROOT = Path(__file__).resolve().parents[2]
OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.fixture(scope="module")
def sample() -> SessionData:
    data = SessionData()
    data.add(load_sample())
    return data


@pytest.fixture(scope="module")
def october(sample: SessionData) -> str:
    return build_report(sample, *OCTOBER)


def _tiny_posts(tmp_path: Path) -> SessionData:
    """Four posts by hand: engagements 60, 10, 30 (the <script> one) and one outside the range."""
    path = tmp_path / "posts.csv"
    path.write_text(
        "published_at,platform,post_id,text,impressions,likes,comments,shares\n"
        "2026-03-02 10:00,instagram,p1,Plain post,1000,40,10,10\n"
        "2026-03-03 10:00,facebook,p2,Quiet post,500,5,3,2\n"
        '2026-03-04 10:00,instagram,p3,"<script>alert(1)</script> & <b>bold</b>",300,20,5,5\n'
        "2026-02-20 10:00,instagram,p4,Too early,9999,999,99,99\n",
        encoding="utf-8",
    )
    data = SessionData()
    data.add(load_paths([str(path)]))
    assert "posts" in data.datasets()
    return data


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "last_day", "expected"),
    [
        # Wednesday 28 Oct 2026: the last full week is Mon 19 – Sun 25 Oct.
        ("last-week", dt.date(2026, 10, 28), (dt.date(2026, 10, 19), dt.date(2026, 10, 25))),
        # A Sunday closes its own week.
        ("last-week", dt.date(2026, 10, 25), (dt.date(2026, 10, 19), dt.date(2026, 10, 25))),
        # A Monday: the week before.
        ("last-week", dt.date(2026, 10, 19), (dt.date(2026, 10, 12), dt.date(2026, 10, 18))),
        # Across a year end: Thu 1 Jan 2026 → Mon 22 – Sun 28 Dec 2025.
        ("last-week", dt.date(2026, 1, 1), (dt.date(2025, 12, 22), dt.date(2025, 12, 28))),
        ("last-month", dt.date(2026, 10, 31), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
        ("last-month", dt.date(2026, 10, 30), (dt.date(2026, 9, 1), dt.date(2026, 9, 30))),
        ("last-month", dt.date(2024, 3, 15), (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("last-month", dt.date(2026, 1, 10), (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
        ("2026-01-05..2026-02-03", None, (dt.date(2026, 1, 5), dt.date(2026, 2, 3))),
        ("2026-01-05..2026-01-05", None, (dt.date(2026, 1, 5), dt.date(2026, 1, 5))),
    ],
)
def test_period_for(option, last_day, expected):
    assert period_for(option, last_day) == expected


@pytest.mark.parametrize(
    "option", ["nonsense", "", "last-year", "2026-13-01..2026-12-31", "2026-02-01..2026-01-01"]
)
def test_period_for_refuses_bad_text(option):
    with pytest.raises(KpiError):
        period_for(option, dt.date(2026, 10, 31))


def test_period_titles():
    assert "week 43" in period_title(dt.date(2026, 10, 19), dt.date(2026, 10, 25))
    assert "October 2026" in period_title(*OCTOBER)
    assert "3 Oct 2026" in period_title(dt.date(2026, 10, 3), dt.date(2026, 10, 12))


# --- the report on the sample data --------------------------------------------------------------


def test_headline_labels_and_values(sample, october):
    rows = run(sample.con, Request(CORE, *OCTOBER, compare="previous")).rows
    assert set(rows["kpi"]) == set(CORE)
    for row in rows.to_dict("records"):
        kpi = BY_ID[row["kpi"]]
        assert kpi.label in october
        assert format_value(row["value"], kpi.format) in october, kpi.id
    rate = rows.set_index("kpi").loc["engagement_rate"]
    assert f"{rate['change'] * 100:+.1f} pp" in october  # percentage points for a rate


def test_headline_values_match_plain_sql(sample, october):
    impressions = sample.con.execute(
        "SELECT sum(impressions) FROM posts WHERE published_at::DATE BETWEEN ? AND ?", list(OCTOBER)
    ).fetchone()[0]
    assert format_value(float(impressions), "count") in october
    spend = sample.con.execute(
        "SELECT sum(spend) FROM ads WHERE date BETWEEN ? AND ?", list(OCTOBER)
    ).fetchone()[0]
    assert format_value(float(spend), "currency") in october


def test_report_is_self_contained(october):
    assert october.startswith("<!DOCTYPE html>")
    assert october.count("<svg") >= 3
    lowered = october.lower()
    for banned in ("http://", "https://", "<script", "<link", "@import", "@font-face", "//cdn"):
        assert banned not in lowered, banned
    assert "Monthly report · October 2026" in october


def test_charts_keep_their_ids_apart(october):
    ids = re.findall(r'\bid="([^"]+)"', october)
    assert len(ids) == len(set(ids))


def test_top_posts_of_the_sample(sample, october):
    top = top_posts(sample.con, *OCTOBER)
    assert len(top) == 5
    assert list(top["engagements"]) == sorted(top["engagements"], reverse=True)
    for text in top["text"]:
        assert text[:40].replace("&", "&amp;") in october or len(text) > 180


def test_targets_show_with_status(sample):
    before = sample.workspace.targets
    sample.workspace.targets = {"impressions": 1.0, "spend": 1.0}  # impressions beat, spend over
    try:
        html = build_report(sample, *OCTOBER)
    finally:
        sample.workspace.targets = before
    assert "Target" in html
    assert "on target" in html and "off target" in html


# --- escaping and missing data ------------------------------------------------------------------


def test_post_text_is_escaped(tmp_path):
    data = _tiny_posts(tmp_path)
    html = build_report(data, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_top_posts_by_hand(tmp_path):
    data = _tiny_posts(tmp_path)
    top = top_posts(data.con, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert list(top["text"].str[:5]) == ["Plain", "<scri", "Quiet"]
    assert list(top["engagements"]) == [60, 30, 10]
    assert list(top["engagement_rate"]) == pytest.approx([0.06, 0.1, 0.02])
    assert len(top_posts(data.con, dt.date(2026, 3, 2), dt.date(2026, 3, 8), n=1)) == 1
    assert top_posts(data.con, dt.date(2025, 1, 1), dt.date(2025, 1, 7)).empty
    assert top_posts(SessionData().con, dt.date(2026, 3, 2), dt.date(2026, 3, 8)).empty


def test_missing_datasets_are_listed_with_hints(tmp_path):
    data = _tiny_posts(tmp_path)
    html = build_report(data, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    section = html.split("KPIs that need data", 1)[1]
    for kpi, dataset in (("sessions", "web_traffic"), ("spend", "ads"), ("leads", "leads")):
        assert BY_ID[kpi].label in section
        hint = DATASETS[dataset].provided_by.replace("&", "&amp;").replace("'", "&#x27;")
        assert hint in section
    # Impressions has data: a value, not a need.
    assert format_value(1800.0, "count") in html.split("KPIs that need data", 1)[0]


def test_report_without_any_data_still_renders():
    html = build_report(SessionData(), dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert "KPIs that need data" in html and "No posts in this period." in html
    assert "http://" not in html and "https://" not in html


def test_inline_svg_prefixes_ids():
    frame = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
    chart = alt.Chart(frame).mark_line(clip=True).encode(x="x:Q", y="y:Q")
    a, b = inline_svg(chart, "a"), inline_svg(chart, "b")
    assert "xmlns" not in a and a.startswith("<svg")
    ids_a, ids_b = set(re.findall(r'id="([^"]+)"', a)), set(re.findall(r'id="([^"]+)"', b))
    assert not ids_a & ids_b
    for name in ids_a:
        assert name.startswith("a-")


# --- the command --------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kpi", "report", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_cli_writes_the_report(tmp_path):
    out = tmp_path / "report.html"
    done = _cli("sample_data", "--out", str(out), "--period", "last-month")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "https://" not in html
    assert "Monthly report" in html


def test_cli_usage_errors(tmp_path):
    out = tmp_path / "report.html"
    done = _cli("sample_data", "--out", str(out), "--period", "nonsense")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "nonsense" in done.stderr
    assert not out.exists()


def test_cli_nothing_loaded(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    done = _cli(str(empty), "--out", str(tmp_path / "r.html"))
    assert done.returncode == 1
    assert "Nothing could be loaded" in done.stderr


# --- slides -------------------------------------------------------------------------------------


def _bar(n: int) -> alt.Chart:
    frame = pd.DataFrame({"k": list("abc"), "v": [n, n + 1, n + 2]})
    return alt.Chart(frame).mark_bar().encode(x="v:Q", y="k:N")


def test_slides_pdf_pages():
    pdf = slides_pdf([("One", [_bar(1)]), ("Two", [_bar(2), _bar(3), _bar(4)]), ("Empty", [])])
    assert pdf.startswith(b"%PDF")
    assert _pages(pdf) == 3
    assert _pages(slides_pdf([("Only", [_bar(1)])])) == 1
    with pytest.raises(ValueError):
        slides_pdf([])


def test_overview_slides(sample):
    slides = overview_slides(sample, *OCTOBER, "previous")
    assert [title.split(",")[0] for title, _ in slides] == [
        "Headline KPIs",
        "Impressions per period",
        "Engagement rate by platform",
    ]
    assert all(len(pictures) == 1 for _, pictures in slides)
    pdf = slides_pdf(slides)
    assert pdf.startswith(b"%PDF") and _pages(pdf) == 3


def test_tiles_chart_text(sample):
    rows = run(sample.con, Request(("impressions", "spend"), *OCTOBER, compare="previous")).rows
    spec = tiles_chart(rows).to_dict()
    values = spec["datasets"][next(iter(spec["datasets"]))]
    by_label = {v["label"]: v for v in values}
    impressions = rows.set_index("kpi").loc["impressions"]
    assert by_label["Impressions"]["value"] == format_value(impressions["value"], "count")
    assert by_label["Ad spend"]["tone"] in ("good", "bad", "neutral")
    assert by_label["Impressions"]["change"] == f"{impressions['change_pct'] * 100:+.1f}%"
