"""Characters XML forbids, in any text of a file, never take the process down: vl-convert
aborts on them, so charts, the report and the slides are built from cleaned text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kpi.xmlsafe import REPLACEMENT, xml_safe, xml_safe_tree

ROOT = Path(__file__).resolve().parents[2]
CONTROLS = "".join(chr(c) for c in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)])
CSV = (
    "published_at,platform,post_type,text,impressions,likes,comments,shares\n"
    "2026-01-05 10:00,insta\x01gram,re\x0bel,caf\x1fé \x02\x1b,1000,50,5,5\n"
    "2026-01-06 10:00,facebook,photo,ok,2000,10,1,1\n"
    "2026-01-13 10:00,facebook,photo,ok,1500,20,2,2\n"
)


def test_xml_safe_replaces_exactly_the_characters_xml_forbids():
    assert xml_safe(f"a{CONTROLS}\t\n\rb") == "a" + REPLACEMENT * len(CONTROLS) + "\t\n\rb"
    assert xml_safe_tree({"k\x01": ["v\x02", 1, None]}) == {
        f"k{REPLACEMENT}": [f"v{REPLACEMENT}", 1, None]
    }


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    (tmp_path / "posts.csv").write_text(CSV, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_the_report_and_the_slides_survive_control_characters(tmp_path):
    code = f"""
import datetime as dt
from kpi.load import load_paths
from kpi.report import build_report
from kpi.slides import overview_slides, slides_pdf
from kpi.store import SessionData
data = SessionData()
data.add(load_paths([{str(tmp_path)!r}]))
html = build_report(data, dt.date(2026, 1, 5), dt.date(2026, 1, 18))
pdf = slides_pdf(overview_slides(data, dt.date(2026, 1, 5), dt.date(2026, 1, 18), "previous"))
platforms = data.distinct_values("platform")
print(len(platforms) == 2, any("\\x01" in p for p in platforms), len(html) > 1000, pdf[:4] == b"%PDF")
"""
    done = _run(code, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "True", "True", "True"]


def test_chart_downloads_survive_control_characters(tmp_path):
    code = """
import altair as alt, pandas as pd
from kpi.export import chart_png, chart_svg
frame = pd.DataFrame({"platform": ["insta\\x01gram", "x\\x0b"], "value": [1, 2]})
chart = alt.Chart(frame, title="t\\x1f").mark_bar().encode(x="platform:N", y="value:Q")
print(chart_png(chart)[:4] == b"\\x89PNG", chart_svg(chart).startswith("<svg"))
"""
    done = _run(code, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "True"]


def test_the_report_command_on_a_control_character_file_exits_cleanly(tmp_path):
    out = tmp_path / "report.html"
    (tmp_path / "posts.csv").write_text(CSV, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kpi", "report", str(tmp_path / "posts.csv"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<svg" in out.read_text(encoding="utf-8")
