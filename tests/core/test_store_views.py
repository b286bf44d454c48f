"""Canonical views: several files unioned, overlaps merged (newest file wins), unmapped columns
kept, wide layouts unpivoted, and mappings saved to and recalled from the workspace."""

from __future__ import annotations

import json

import pytest

from kpi.errors import KpiError
from kpi.load import load_file
from kpi.mapping import recognise
from kpi.store import SessionData
from kpi.workspace import Workspace, layout_signature


def _add(data: SessionData, name: str, text: str) -> None:
    data.add(load_file(name, text.encode()))


def test_overlapping_exports_are_merged_newest_file_wins():
    data = SessionData()
    _add(
        data,
        "instagram_jan.csv",
        "post_id,published_at,impressions,mood\n1,2026-01-05 10:00,100,a\n2,2026-01-20 10:00,50,b\n",
    )
    _add(
        data,
        "instagram_feb.csv",
        "post_id,published_at,impressions,mood\n2,2026-01-20 10:00,80,c\n3,2026-02-03 10:00,70,d\n",
    )
    rows = data.con.execute(
        "SELECT post_id, impressions, mood FROM posts ORDER BY post_id"
    ).fetchall()
    assert rows == [("1", 100, "a"), ("2", 80, "c"), ("3", 70, "d")]
    assert data.duplicates == {"posts": 1}


def test_posts_without_ids_are_never_merged():
    data = SessionData()
    _add(
        data,
        "twitter_a.csv",
        "published_at,impressions\n2026-01-05 10:00,100\n2026-01-06 10:00,100\n",
    )
    _add(data, "twitter_b.csv", "published_at,impressions\n2026-01-05 10:00,100\n")
    assert data.datasets() == {"posts": 3}
    assert data.duplicates == {}


def test_unmapped_columns_stay_usable_in_the_view():
    data = SessionData()
    _add(
        data,
        "tiktok_posts.csv",
        "published_at,impressions,Watch time (hours),Sound used\n2026-01-05 10:00,100,1.5,song\n2026-01-06 10:00,10,0.5,other\n",
    )
    # Two of four columns known: a 67 % guess waits for the person, who confirms it.
    (table,) = data.pending()
    data.set_mapping(table.name, table.mapping)
    row = data.con.execute(
        "SELECT platform, watch_time_hours, sound_used FROM posts ORDER BY published_at"
    ).fetchall()[0]
    assert row == ("tiktok", 1.5, "song")


def test_age_gender_columns_are_unpivoted_into_audience():
    text = "Date,F.18-24,F.25-34,M.18-24,M.25-34,U.25-34\n2026-01-31,10,20,5,15,1\n"
    data = SessionData()
    _add(data, "facebook_audience.csv", text)
    table = data.tables[0]
    assert table.mapping.dataset == "audience" and table.mapping.unpivot.dimension == "age_gender"
    rows = data.con.execute(
        "SELECT platform, dimension, segment, followers, snapshot_date::VARCHAR FROM audience ORDER BY segment"
    ).fetchall()
    assert rows[0] == ("facebook", "age_gender", "F.18-24", 10, "2026-01-31")
    assert sum(r[3] for r in rows) == 51


def test_a_changed_mapping_is_remembered_and_recalled_next_time():
    text = "published_at,impressions,reach\n2026-01-05 10:00,100,70\n2026-01-06 10:00,200,90\n"
    data = SessionData()
    _add(data, "linkedin_posts.csv", text)
    table = data.tables[0]
    mapping = table.mapping
    mapping.mapping.update({"impressions": None, "reach": "impressions"})
    data.set_mapping(table.name, mapping)
    assert data.con.execute("SELECT sum(impressions) FROM posts").fetchall()[0][0] == 160
    saved = Workspace.from_json(data.workspace.to_json())
    again = SessionData(workspace=saved)
    _add(again, "linkedin_posts_next_week.csv", text)
    assert again.tables[0].mapping.source == "saved"
    assert again.con.execute("SELECT sum(impressions) FROM posts").fetchall()[0][0] == 160


def test_workspace_keeps_unknown_keys_and_refuses_other_json():
    doc = {"kpi_explorer_workspace": 1, "mappings": {}, "targets": {"roas": 3}}
    ws = Workspace.from_json(json.dumps(doc))
    assert json.loads(ws.to_json())["targets"] == {"roas": 3}
    with pytest.raises(KpiError, match="not a KPI Explorer workspace"):
        Workspace.from_json('{"a": 1}')
    with pytest.raises(KpiError, match="not JSON"):
        Workspace.from_json("nope")


def test_layout_signature_ignores_case_and_accents():
    assert layout_signature(["Impresiónes", "Fecha"]) == layout_signature(["impresiones", "FECHA"])
    assert layout_signature(["a", "b"]) != layout_signature(["b", "a"])


def test_recognition_refuses_a_table_it_does_not_understand():
    assert recognise(["foo", "bar"], "notes.csv").dataset is None


def test_custom_kpis_are_saved_in_the_workspace_and_refused_when_bad():
    ws = Workspace()
    ws.add_custom_kpi(
        "likes_per_share", "Likes per share", "posts", "sum(likes) / nullif(sum(shares), 0)"
    )
    again = Workspace.from_json(ws.to_json())
    (kpi,) = again.kpis()
    assert kpi.id == "likes_per_share" and "SUM(likes)" in kpi.numerator
    with pytest.raises(KpiError, match="not allowed"):
        ws.add_custom_kpi("bad", "Bad", "posts", "read_csv('/etc/passwd')")
    assert [k["id"] for k in ws.custom_kpis] == ["likes_per_share"]


def test_the_session_keeps_the_rows_in_its_database_and_only_a_head_in_arrow():
    from kpi.store import HEAD_ROWS

    lines = [f"p{i},2026-01-{1 + i % 28:02d} 10:00,{i}" for i in range(HEAD_ROWS * 5)]
    result = load_file(
        "posts.csv", ("post_id,published_at,impressions\n" + "\n".join(lines) + "\n").encode()
    )
    whole = result.tables[0].data
    data = SessionData()
    data.add(result)
    kept = data.tables[0].loaded.data
    assert data.con.execute("SELECT count(*) FROM posts").fetchall()[0][0] == HEAD_ROWS * 5
    assert kept.num_rows == HEAD_ROWS and kept.column_names == whole.column_names
    assert kept.to_pylist() == whole.slice(0, HEAD_ROWS).to_pylist()
    # Its own buffers, not a window on the whole table's (which would stay alive with it).
    assert kept.get_total_buffer_size() < whole.get_total_buffer_size() / 3
    assert data.tables[0].loaded.report.rows_loaded == HEAD_ROWS * 5
    data.close()
