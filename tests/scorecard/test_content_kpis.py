"""Content quality index and readability, on small tables with hand-computed values."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from kpi.analytics.quality import QualityWeights, post_quality, quality_index
from kpi.analytics.readability import (
    counts,
    detect_language,
    pooled,
    post_readability,
    readability,
    score,
    syllables,
)

EN = "The cat sat on the mat. We love fresh coffee!"
ES = "Gracias por visitar nuestro tostadero en Madrid. Hoy hay café nuevo."
PL = "Dziękujemy za odwiedziny w naszej palarni. Zapraszamy ponownie!"


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute("""CREATE TABLE posts (published_at TIMESTAMP, platform VARCHAR, post_id VARCHAR,
                 text VARCHAR, reviewed BOOLEAN, has_image BOOLEAN, has_link BOOLEAN)""")
    c.execute(
        """INSERT INTO posts VALUES
        ('2026-01-05 10:00', 'instagram', 'P1', ?, TRUE, TRUE, FALSE),
        ('2026-01-06 10:00', 'instagram', 'P2', 'Fresh beans are here.', FALSE, FALSE, TRUE),
        ('2026-01-13 10:00', 'facebook', 'P3', ?, TRUE, NULL, TRUE),
        ('2026-02-02 10:00', 'x', 'P4', ?, FALSE, FALSE, FALSE),
        ('2026-03-02 10:00', 'x', 'P5', 'ok 👍', FALSE, FALSE, FALSE)""",
        [EN, ES, PL],
    )
    yield c
    c.close()


JAN, FEB = dt.date(2026, 1, 1), dt.date(2026, 2, 28)
CUSTOM = QualityWeights(reviewed=2, illustrated=4, link=1, design=3)  # at most 10 points


def test_quality_per_post_with_custom_weights_and_design_labels(con) -> None:
    rows = post_quality(con, JAN, FEB, CUSTOM, design_posts=["P1"])
    # P1 reviewed + image + design = 2+4+3; P2 link = 1; P3 reviewed + link (image unknown) = 3.
    assert rows["score"].tolist() == [9.0, 1.0, 3.0, 0.0]
    assert rows["score_pct"].tolist() == pytest.approx([0.9, 0.1, 0.3, 0.0])


def test_quality_index_per_period(con) -> None:
    whole = quality_index(con, JAN, FEB, CUSTOM, design_posts=["P1"])
    assert whole.to_dict("records") == [
        {"period_start": JAN, "posts": 4, "index": 3.25, "index_pct": pytest.approx(0.325)}
    ]
    weekly = quality_index(con, JAN, FEB, CUSTOM, design_posts=["P1"], grain="week")
    assert weekly["period_start"].tolist() == [
        dt.date(2026, 1, 5),
        dt.date(2026, 1, 12),
        dt.date(2026, 2, 2),
    ]
    assert weekly["index"].tolist() == [5.0, 3.0, 0.0]
    # The articles' defaults (+1 reviewed, +5 illustrated, +2 link, +3 design), no design label:
    # 6 + 2 + 3 + 0 = 11 points over 4 posts, of 11 possible each.
    default = quality_index(con, JAN, FEB)
    assert default["index"].iloc[0] == 2.75 and default["index_pct"].iloc[0] == pytest.approx(0.25)
    only_x = quality_index(con, JAN, FEB, filters={"platform": ("x",)})
    assert only_x["posts"].tolist() == [1] and only_x["index"].tolist() == [0.0]


def test_weights_round_trip() -> None:
    assert QualityWeights.from_dict(CUSTOM.to_dict()) == CUSTOM
    assert QualityWeights.from_dict({"design": 4, "future": 1}) == QualityWeights(design=4)
    assert QualityWeights().total == 11


@pytest.mark.parametrize(
    ("word", "lang", "n"),
    [("coffee", "en", 2), ("likes", "en", 1), ("table", "en", 2), ("roastery", "en", 3),
     ("hoy", "es", 1), ("día", "es", 2), ("gracias", "es", 2), ("tostadero", "es", 4),
     ("que", "es", 1), ("nauka", "pl", 3), ("dziękujemy", "pl", 4), ("ponownie", "pl", 3),
     ("w", "pl", 0)],
)  # fmt: skip
def test_syllables(word: str, lang: str, n: int) -> None:
    assert syllables(word, lang) == n


def test_flesch_english_by_hand() -> None:
    # 2 sentences, 10 words, 11 syllables (coffee has two).
    c = counts(EN, "en")
    assert (c.sentences, c.words, c.syllables) == (2, 10, 11)
    result = readability(EN)
    assert result["lang"] == "en" and result["formula"] == "flesch_reading_ease"
    assert result["value"] == pytest.approx(206.835 - 1.015 * 5 - 84.6 * 1.1)  # 108.70


def test_spanish_formulas_by_hand() -> None:
    # gra-cias por vi-si-tar nues-tro tos-ta-de-ro en Ma-drid. Hoy hay ca-fé nue-vo.
    c = counts(ES, "es")
    assert (c.sentences, c.words, c.syllables) == (2, 11, 21)
    result = readability(ES)
    assert result["lang"] == "es" and result["formula"] == "fernandez_huerta"
    assert result["value"] == pytest.approx(206.84 - 60 * 21 / 11 - 102 * 2 / 11)  # 73.75
    assert result["szigriszt_pazos"] == pytest.approx(206.835 - 62.3 * 21 / 11 - 11 / 2)  # 82.40


def test_fog_pl_by_hand() -> None:
    # dzię-ku-je-my za od-wie-dzi-ny w na-szej pa-lar-ni. za-pra-sza-my po-now-nie!
    c = counts(PL, "pl")
    assert (c.sentences, c.words, c.syllables, c.hard_words) == (2, 8, 21, 3)
    result = readability(PL)
    assert result["lang"] == "pl" and result["formula"] == "fog_pl"
    assert result["value"] == pytest.approx(0.4 * (8 / 2 + 100 * 3 / 8))  # 16.6


def test_language_detection() -> None:
    assert [detect_language(t) for t in (EN, ES, PL)] == ["en", "es", "pl"]
    assert detect_language("ok 👍") is None
    assert detect_language("Bonjour à tous, merci pour votre visite aujourd'hui") is None
    assert score(counts("", "en"), "flesch_reading_ease") is None


def test_post_readability_and_pooled_index(con) -> None:
    rows = post_readability(con, JAN, FEB, languages={"P2": "en"})
    assert rows["post_id"].tolist() == ["P1", "P2", "P3", "P4"]
    assert rows["lang"].tolist() == ["en", "en", "es", "pl"]
    table = pooled(rows).set_index("lang")
    # English pooled: 3 sentences, 10 + 4 words, 11 + 4 syllables: a ratio of sums.
    assert table.loc["en", "posts"] == 2
    assert table.loc["en", "value"] == pytest.approx(206.835 - 1.015 * 14 / 3 - 84.6 * 15 / 14)
    assert table.loc["pl", "value"] == pytest.approx(16.6)
    assert post_readability(con, dt.date(2026, 3, 1), dt.date(2026, 3, 31)).empty


def test_readability_measures_on_the_map(con) -> None:
    from kpi.scorecard import KpiRef, Objective, StrategyMap, evaluate

    card = StrategyMap([Objective("o", {"en": "O"}, "internal", [], [
        KpiRef("readability_index", "leading", target=100), KpiRef("readability_fog_pl", "leading", target=12),
        KpiRef("content_quality_index", "leading", target=0.3)])])  # fmt: skip
    doc = evaluate(con, card, JAN, FEB, settings={"content_quality_weights": CUSTOM.to_dict(),
                                                  "good_design_posts": ["P1"]})  # fmt: skip
    english, polish, quality = doc["perspectives"][2]["objectives"][0]["kpis"]
    # English is the main language of January–February (P1 and P2, "Fresh beans are here.",
    # which langdetect calls English): the pooled Flesch of 3 sentences, 14 words, 15 syllables.
    assert english["value"] == pytest.approx(206.835 - 1.015 * 14 / 3 - 84.6 * 15 / 14)
    assert english["status"] == "good"
    assert polish["value"] == pytest.approx(16.6) and polish["status"] == "bad"  # lower is better
    assert quality["value"] == pytest.approx(0.325) and quality["status"] == "good"
