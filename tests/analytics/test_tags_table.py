"""The hashtags and mentions table answers what the posts' text answers: on generated posts
(tags in any case, decomposed accents, links, e-mail addresses, digits alone, missing
counts and dimensions), any ranking (range, filters, kind, order, length) is the same from the
table as from the raw extraction; it is built with the rollups, read when it can answer, and
skipped for a filter on another field."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.analytics import content
from kpi.engine import tags
from tests.engine.conftest import session

START = dt.date(2026, 1, 1)
DAYS = 40
WORDS = ("#Café", "#Cafe\u0301", "#CAFÉ", "#madrid", "#Madrid", "#1", "#_", "@barista.lucia",
         "@Barista.Lucia", "hola@cafe.com", "https://x.com/page#frag", "@x", "hoy", "y", "#ñu",
         "#a_b", "@a.b.c", "&#39;", "café", "##dos", "#a#b", "@@x", "@a.@b", "a.@b", "x/#y", "(#par)",
         "#é\u0301", "\u0301#m", "@a..b", "@a.b.", "#", "@", "#٣", "#日本", "e#f", "_#g", "#h,#i")  # fmt: skip
PLATFORMS = ("facebook", "instagram", "x")
TYPES = ("photo", "video", "")
CAMPAIGNS = ("spring", "brand", "")

count = st.one_of(st.none(), st.integers(0, 500))
post = st.tuples(
    st.integers(0, DAYS - 1),
    st.sampled_from(PLATFORMS),
    st.sampled_from(TYPES),
    st.sampled_from(CAMPAIGNS),
    st.one_of(st.none(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)),
    count,
    count,
    count,
)
ranking = st.fixed_dictionaries(
    {
        "first": st.integers(-5, DAYS // 2),  # mostly ranges that hold posts
        "length": st.integers(0, DAYS),
        "platforms": st.lists(st.sampled_from(PLATFORMS), max_size=2, unique=True),
        "types": st.lists(st.sampled_from(("photo", "video")), max_size=1, unique=True),
        "campaigns": st.lists(st.sampled_from(("spring", "brand")), max_size=1, unique=True),
        "kind": st.sampled_from(("hashtag", "mention")),
        "order": st.sampled_from(("engagement", "posts")),
        "n": st.integers(1, 30),
    }
)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _posts_csv(rows: list[tuple]) -> str:
    lines = [
        "post_id,published_at,platform,post_type,campaign,text,impressions,likes,comments,shares"
    ]
    for i, (day, platform, kind, campaign, words, likes, comments, shares) in enumerate(rows):
        when = START + dt.timedelta(days=day)
        text = "" if words is None else '"' + " ".join(words) + '"'
        lines.append(
            f"p{i},{when} {8 + i % 12:02d}:30,{platform},{kind},{campaign},{text},100,"
            + ",".join(_cell(v) for v in (likes, comments, shares))
        )
    return "\n".join(lines) + "\n"


def _filters(drawn: dict) -> dict[str, tuple[str, ...]]:
    named = {"platform": "platforms", "post_type": "types", "campaign": "campaigns"}
    return {field: tuple(drawn[key]) for field, key in named.items() if drawn[key]}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(post, min_size=5, max_size=40), st.lists(ranking, min_size=1, max_size=4))
def test_the_tags_table_gives_what_the_text_gives(posts, drawn):
    data = session(posts=_posts_csv(posts))
    for one in drawn:
        start = START + dt.timedelta(days=one["first"])
        end = start + dt.timedelta(days=one["length"])
        args = (data.con, start, end, _filters(one), one["kind"], one["order"], one["n"])
        from_table = content.top_tags(*args)
        from_text = content.top_tags(*args, from_table=False)
        pd.testing.assert_frame_equal(from_table, from_text)
    data.close()


def test_the_table_is_built_on_first_use_once_and_read_by_the_rankings():
    data = session(
        posts=_posts_csv([(0, "x", "photo", "spring", ["#Uno", "#uno", "@ana"], 1, 2, 3)])
    )

    def tables() -> set[str]:
        return {r[0] for r in data.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}

    assert tags.TABLE not in tables()  # loading does not pay for it
    week = (START, START + dt.timedelta(days=6))
    assert content.top_tags(data.con, *week)["tag"].tolist() == ["#uno"]
    assert tags.TABLE in tables()  # the first ranking built it
    # Reading it: a tag written into the table (not in any post's text) is ranked, so the
    # next rankings read the table built once, not the text.
    data.con.execute(
        f"INSERT INTO {tags.TABLE} SELECT * REPLACE ('#dos' AS tag) FROM {tags.TABLE} "
        "WHERE kind = 'hashtag'"
    )
    ranked = content.top_tags(data.con, *week, n=5)
    assert ranked["tag"].tolist() == ["#dos", "#uno"]
    assert content.top_tags(data.con, *week, from_table=False)["tag"].tolist() == ["#uno"]
    # A filter on a field the table does not keep reads the text.
    by_id = content.top_tags(data.con, *week, {"post_id": ("p0",)})
    assert by_id["tag"].tolist() == ["#uno"]
    assert content.top_tags(data.con, *week, kind="mention").to_dict("records") == [
        {"tag": "@ana", "posts": 1, "engagement": 6}
    ]
    data.close()


def test_every_tricky_word_is_found_as_the_text_finds_it():
    """Each word alone, in pairs and glued to the next: the edges of the piece-by-piece
    extraction (a tag right after another, after `&`, `/` or `.`, at the very start)."""
    texts = [[w] for w in WORDS] + [list(pair) for pair in itertools.pairwise(WORDS)]
    texts += [["".join(pair)] for pair in zip(WORDS, WORDS[3:], strict=False)]
    rows = [(i % DAYS, "x", "photo", "spring", words, 1, 0, i) for i, words in enumerate(texts)]
    data = session(posts=_posts_csv(rows))
    span = (START, START + dt.timedelta(days=DAYS))
    for kind in ("hashtag", "mention"):
        from_table = content.top_tags(data.con, *span, kind=kind, n=500)
        assert len(from_table) > 5
        from_text = content.top_tags(data.con, *span, kind=kind, n=500, from_table=False)
        pd.testing.assert_frame_equal(from_table, from_text)
    data.close()


def test_a_ranking_is_computed_once_per_data_version():
    data = session(posts=_posts_csv([(0, "x", "photo", "spring", ["#uno"], 1, 2, 3)]))
    week = (START, START + dt.timedelta(days=6))
    first = content.top_tags(data.con, *week)
    first.loc[0, "tag"] = "#changed"  # the caller's copy: the memo keeps its own
    data.con.execute(f"DELETE FROM {tags.TABLE}")  # a rerun asks the database nothing
    assert content.top_tags(data.con, *week)["tag"].tolist() == ["#uno"]
    assert content.top_tags(data.con, *week, n=5).empty  # another question reads the table
    data.memo.bump()  # the data changed: the table is built again and asked again
    assert content.top_tags(data.con, *week)["tag"].tolist() == ["#uno"]
    assert data.con.execute(f"SELECT count(*) FROM {tags.TABLE}").fetchall()[0][0] == 1
    data.close()
