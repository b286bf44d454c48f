"""Platforms and channels by people's names (`kpi.i18n.names`) outside the app's charts too:
the HTML report's tables, the slides' tables, the scorecard's channel column and the command
line's text output show "LinkedIn", never the data's "linkedin"."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi import cli
from kpi.cli_scorecard import _print as print_scorecard
from kpi.i18n import t
from kpi.i18n.names import holds_names
from kpi.load import load_files
from kpi.report import build_report
from kpi.slides import table_chart
from kpi.store import SessionData
from kpi.views.scorecard import kpi_table, platform_label

POSTS = (
    b"published_at,platform,post_id,text,impressions,likes,comments,shares\n"
    b"2026-01-05 10:00,linkedin,p1,Hiring news,1000,40,5,5\n"
    b"2026-01-06 11:00,tiktok,p2,Dance clip,2000,90,6,4\n"
)
START, END = dt.date(2026, 1, 1), dt.date(2026, 1, 31)


def _session() -> SessionData:
    data = SessionData()
    data.add(load_files([("posts.csv", POSTS)]))
    return data


def test_the_reports_top_posts_name_their_platforms():
    data = _session()
    try:
        html = build_report(data, START, END, compare=None)
    finally:
        data.close()
    assert "<td>LinkedIn</td>" in html and "<td>TikTok</td>" in html
    assert ">linkedin<" not in html and ">tiktok<" not in html


def _texts(chart) -> list[str]:
    return [r["text"] for rows in chart.to_dict()["datasets"].values() for r in rows if "text" in r]


def test_slide_tables_name_platforms_by_column_or_by_title():
    frame = pd.DataFrame({"platform": ["linkedin", "x"], "posts": [3, 4]})
    chart = table_chart(frame, {"platform": ("Platform", None), "posts": ("Posts", "count")})
    texts = _texts(chart)
    assert "LinkedIn" in texts and "linkedin" not in texts
    # a view that names its columns for people already: known by the column's title
    titled = frame.rename(columns={"platform": t("leads.by.platform", "es")})
    name = titled.columns[0]
    texts = _texts(table_chart(titled, {name: (name, None)}, lang="es"))
    assert "LinkedIn" in texts and "linkedin" not in texts


def test_slide_tables_leave_other_text_columns_as_written():
    frame = pd.DataFrame({"campaign": ["linkedin"]})
    assert _texts(table_chart(frame, {"campaign": ("Campaign", None)})) == ["linkedin"]


def test_the_scorecards_channel_column_names_the_platform():
    objective = {
        "kpis": [
            {"id": "reach", "label": "Reach", "role": "lagging", "channel": "linkedin",
             "value": 10.0, "previous": None, "target": None, "status": "none", "format": "count"},
            {"id": "reach", "label": "Reach", "role": "leading", "channel": None,
             "value": 12.0, "previous": None, "target": None, "status": "none", "format": "count"},
        ]
    }  # fmt: skip
    table = kpi_table(objective, "pl")
    channels = list(table[t("scorecard.col.channel", "pl")])
    assert channels == ["LinkedIn", t("scorecard.all_channels", "pl")]
    # one definition for platforms and channels: GA4's channel groups too
    assert platform_label("organic_social", "en") == "Organic Social"
    assert platform_label("Instagram ", "en") == "Instagram"


def test_name_columns_by_field_or_by_title():
    assert holds_names("platform") and holds_names("channel_group")
    assert holds_names(t("engagement.platform_col", "pl"), "pl")
    assert not holds_names("campaign") and not holds_names(None)


def test_cli_compute_text_names_the_platforms(tmp_path, capsys):
    posts = tmp_path / "posts.csv"
    posts.write_bytes(POSTS)
    argv = ["compute", str(posts), "--kpi", "impressions", "--by", "platform", "--grain", "month"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "LinkedIn" in out and "TikTok" in out
    assert "linkedin" not in out and "tiktok" not in out


def test_cli_compute_json_keeps_the_datas_values(tmp_path, capsys):
    posts = tmp_path / "posts.csv"
    posts.write_bytes(POSTS)
    argv = ["compute", str(posts), "--kpi", "impressions", "--by", "platform", "--json"]
    assert cli.main(argv) == 0
    assert '"platform": "linkedin"' in capsys.readouterr().out  # the stable JSON is data


def test_cli_scorecard_text_names_a_kpis_channel(capsys):
    doc = {
        "start": "2026-01-01",
        "end": "2026-01-31",
        "perspectives": [
            {"label": "Customer", "status": "none", "objectives": [
                {"label": "Reach people", "status": "none", "causes": [], "kpis": [
                    {"id": "reach", "label": "Reach", "role": "lagging", "channel": "linkedin",
                     "value": 10.0, "target": None, "status": "none", "format": "count",
                     "needs": []},
                ]},
            ]},
        ],
    }  # fmt: skip
    print_scorecard(doc, "en")
    out = capsys.readouterr().out
    assert "Reach (LinkedIn)" in out and "linkedin" not in out
