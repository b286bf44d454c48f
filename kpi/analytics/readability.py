"""Readability of post text, per language detected per post, with the formula named.

- English: Flesch reading ease = 206.835 − 1.015 × words/sentences − 84.6 × syllables/words
  (higher is easier; 60–70 is plain English).
- Spanish: Fernández Huerta (1959, as corrected by Law 2011) = 206.84 − 60 × syllables/words
  − 102 × sentences/words (higher is easier); Szigriszt-Pazos perspicuity = 206.835
  − 62.3 × syllables/words − words/sentences is given too.
- Polish: FOG-PL (Gunning's fog index adapted to Polish by Pisarek's rule for hard words, as
  Jasnopis uses it) = 0.4 × (words/sentences + 100 × hard words/words), where a hard word has
  four or more syllables (lower is easier: roughly years of schooling needed).

Readability libraries for Python fetch pronunciation data at run time or lack Polish, so the
formulas are implemented here with a syllable counter per language: Spanish and Polish count
vowel nuclei (Spanish diphthongs and hiatus, Polish softening "i" before a vowel), English
counts vowel groups less a silent final "e". Language detection counts each language's common
words and letters first and asks langdetect (offline profiles, seeded so a text always gets the
same answer) only when those leave it open. A period's index is computed on the
pooled counts of its posts (a ratio of sums, never an average of per-post scores).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pandas as pd

from kpi.analytics.content import missing, where

LANGUAGES = ("en", "es", "pl")
FORMULAS = {"en": "flesch_reading_ease", "es": "fernandez_huerta", "pl": "fog_pl"}
HIGHER_IS_EASIER = {"flesch_reading_ease": True, "fernandez_huerta": True,
                    "szigriszt_pazos": True, "fog_pl": False}  # fmt: skip
MAX_POSTS = 5_000  # the newest posts of a range that are scored (text work is per post, in Python)

_NOISE = re.compile(r"https?://\S+|www\.\S+|[#@][\w.]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]+|\n+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Counts:
    """What the formulas need: sentences, words, syllables and hard (4+ syllable) words."""

    sentences: int
    words: int
    syllables: int
    hard_words: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.sentences + other.sentences, self.words + other.words,
                      self.syllables + other.syllables, self.hard_words + other.hard_words)  # fmt: skip


def _clean(text: str) -> str:
    return _NOISE.sub(" ", text or "")


# Common function words and letters of each language: enough to tell the three apart quickly in
# most posts; a text they leave undecided goes to langdetect (about 7 ms a text).
_STOPWORDS = {
    "en": set(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "for",
            "is",
            "you",
            "our",
            "with",
            "this",
            "at",
            "on",
            "it",
            "we",
            "your",
            "are",
            "be",
            "by",
            "from",
            "has",
            "have",
            "not",
            "or",
            "that",
            "was",
            "will",
            "just",
            "new",
            "now",
            "all",
        ]
    ),
    "es": set(
        [
            "el",
            "la",
            "de",
            "que",
            "en",
            "los",
            "las",
            "un",
            "una",
            "por",
            "con",
            "para",
            "es",
            "del",
            "al",
            "lo",
            "se",
            "tu",
            "nuestro",
            "nuestra",
            "más",
            "como",
            "su",
            "sus",
            "muy",
            "hoy",
            "ya",
            "os",
        ]
    ),
    "pl": set(
        [
            "na",
            "się",
            "nie",
            "że",
            "jest",
            "jak",
            "po",
            "za",
            "dla",
            "od",
            "ale",
            "czy",
            "co",
            "tak",
            "są",
            "już",
            "przez",
            "który",
            "nasz",
            "nasza",
            "naszej",
            "oraz",
        ]
    ),
}
_LETTERS = {"es": set("ñ¿¡áéíóú"), "pl": set("ąćęłńśźż")}


def _quick_language(words: list[str]) -> str | None:
    folded = [w.lower() for w in words]
    scores = {lang: sum(w in stop for w in folded) for lang, stop in _STOPWORDS.items()}
    for lang, letters in _LETTERS.items():
        scores[lang] += sum(1 for w in folded for ch in w if ch in letters)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 2 and top >= 2 * second + 1 else None


@lru_cache(maxsize=65_536)
def detect_language(text: str) -> str | None:
    """en, es or pl for a text in one of them; None when it is too short or in another language."""
    cleaned = _clean(text)
    words = _WORD.findall(cleaned)
    if len(words) < 3:
        return None
    quick = _quick_language(words)
    if quick is not None:
        return quick
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0
    try:
        guesses = detect_langs(cleaned)
    except LangDetectException:
        return None
    best = guesses[0] if guesses else None
    return best.lang if best is not None and best.lang in LANGUAGES else None


_ES_VOWELS = set("aeiouáéíóúü")
_ES_STRONG = set("aeoáéó") | set("íú")  # an accented i/u breaks a diphthong (hiatus)
_PL_VOWELS = set("aąeęioóuy")


def _syllables_es(word: str) -> int:
    count, previous = 0, ""
    for i, ch in enumerate(word):
        if ch == "y" and (i == len(word) - 1) and i > 0 and word[i - 1] in _ES_VOWELS:
            ch = "i"  # "hoy", "muy": y closes a diphthong
        if ch not in _ES_VOWELS:
            previous = ""
            continue
        if not previous or (previous in _ES_STRONG and ch in _ES_STRONG):
            count += 1
        previous = ch
    return max(count, 1)


def _syllables_pl(word: str) -> int:
    count = 0
    for i, ch in enumerate(word):
        if ch in _PL_VOWELS:
            softening = ch == "i" and i + 1 < len(word) and word[i + 1] in _PL_VOWELS
            count += 0 if softening else 1
    return count  # "w", "z": prepositions without a vowel have no syllable of their own


def _syllables_en(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make", "time"
    elif word.endswith("le") and len(word) > 2 and word[-3] in "aeiouy" and count > 1:
        count -= 1  # "whale", "mile"
    if (
        word.endswith(("es", "ed"))
        and count > 1
        and not word.endswith(("ted", "ded", "ses", "zes", "ces", "ges"))
    ):
        count -= 1  # "likes", "liked"
    return max(count, 1)


_COUNTERS = {"en": _syllables_en, "es": _syllables_es, "pl": _syllables_pl}


def syllables(word: str, lang: str) -> int:
    """The syllables of one word in a language (en, es or pl)."""
    return _COUNTERS[lang](word.lower())


def counts(text: str, lang: str) -> Counts:
    """Sentences, words, syllables and hard words of a text (links, hashtags, mentions dropped;
    a line break ends a sentence, as posts use them)."""
    cleaned = _clean(text)
    sentences = [s for s in _SENTENCE_END.split(cleaned) if _WORD.search(s)]
    words = _WORD.findall(cleaned)
    per_word = [syllables(w, lang) for w in words]
    return Counts(len(sentences), len(words), sum(per_word), sum(1 for s in per_word if s >= 4))


def score(c: Counts, formula: str) -> float | None:
    """A formula's value on counts (None without words or sentences)."""
    if not c.words or not c.sentences:
        return None
    wps, spw = c.words / c.sentences, c.syllables / c.words
    if formula == "flesch_reading_ease":
        return 206.835 - 1.015 * wps - 84.6 * spw
    if formula == "fernandez_huerta":
        return 206.84 - 60 * spw - 102 * c.sentences / c.words
    if formula == "szigriszt_pazos":
        return 206.835 - 62.3 * spw - wps
    if formula == "fog_pl":
        return 0.4 * (wps + 100 * c.hard_words / c.words)
    raise ValueError(f"unknown readability formula {formula!r}")


def readability(text: str, lang: str | None = None) -> dict[str, object] | None:
    """One text's readability: language, formula, value and counts; None when the language is
    not English, Spanish or Polish (or cannot be told)."""
    lang = lang or detect_language(text)
    if lang not in LANGUAGES:
        return None
    c = counts(text, lang)
    out: dict[str, object] = {"lang": lang, "formula": FORMULAS[lang],
                              "value": score(c, FORMULAS[lang]), **c.__dict__}  # fmt: skip
    if lang == "es":
        out["szigriszt_pazos"] = score(c, "szigriszt_pazos")
    return out


def post_readability(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, tuple[str, ...]] | None = None,
    languages: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per post of the range with text in en/es/pl (the newest MAX_POSTS): post_id,
    platform, published, lang, formula, value, sentences, words, syllables, hard_words.
    `languages` maps a post id to a language the person set, overriding detection."""
    columns = ["post_id", "platform", "published", "lang", "formula", "value",
               "sentences", "words", "syllables", "hard_words"]  # fmt: skip
    if missing(con, "posts", ["published_at", "text"]) is not None:
        return pd.DataFrame(columns=columns)
    condition, params, _ = where(con, "posts", "published_at", start, end, filters)
    frame = con.execute(
        f"""SELECT post_id, platform, CAST(published_at AS DATE) AS published, text FROM posts
            WHERE {condition} AND text IS NOT NULL
            ORDER BY published_at DESC, post_id LIMIT {MAX_POSTS}""",
        params,
    ).df()
    rows = []
    for r in frame.itertuples(index=False):
        result = readability(r.text, (languages or {}).get(str(r.post_id)))
        if result is not None:
            rows.append({"post_id": r.post_id, "platform": r.platform, "published": r.published,
                         **{k: result[k] for k in columns[3:]}})  # fmt: skip
    return (
        pd.DataFrame(rows, columns=columns)
        .sort_values(["published", "post_id"])
        .reset_index(drop=True)
    )


def pooled(rows: pd.DataFrame | Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """The index per language on the pooled counts of its posts: lang, formula, posts, value."""
    frame = pd.DataFrame(rows)
    out = []
    for lang in LANGUAGES:
        part = frame[frame["lang"] == lang] if not frame.empty else frame
        if part.empty:
            continue
        c = Counts(*(int(part[f].sum()) for f in ("sentences", "words", "syllables", "hard_words")))
        out.append({"lang": lang, "formula": FORMULAS[lang], "posts": len(part),
                    "value": score(c, FORMULAS[lang])})  # fmt: skip
    return pd.DataFrame(out, columns=["lang", "formula", "posts", "value"])


def readability_by_language(
    con: duckdb.DuckDBPyConnection,
    start: dt.date,
    end: dt.date,
    filters: Mapping[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """The range's readability index per language with its formula (see `pooled`)."""
    return pooled(post_readability(con, start, end, filters))
