"""Header names folded for matching, and what file names and title lines say about a table.

Exports write the same word many ways: `Video­titel` with an invisible soft hyphen, `Post text`
with a no-break space, `Amount spent (EUR)` with its currency, `J’aime` with a curly apostrophe,
`Deal - Stage` with the entity in front. Matching sees one folded form of each.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM, left-to-right marks
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u3000"), " ")
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u00b4`"), "'")
_BRACKETS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_BRACKET_TEXT = re.compile(r"[\(\[]([^\)\]]*)[\)\]]")
_CURRENCY_CODE = re.compile(r"^\s*[A-Z]{3}\s*$")
# CRM exports put the record type in front: `Deal - Stage`, `Pessoa - Nome`
_ENTITY_PREFIX = re.compile(
    r"^\s*(deal|person|organi[sz]ation|lead|activity|neg[oó]cio|pessoa|organiza[cç][aã]o|persona|trato|"
    r"organizaci[oó]n|affaire|personne|kontakt|osoba|transakcja|contact)\s+-\s+",
    re.IGNORECASE,
)


def clean_header(name: str) -> str:
    """A header as people read it: NFKC, no invisible characters, plain spaces, trimmed."""
    text = unicodedata.normalize("NFKC", name).translate(_INVISIBLE).translate(_SPACES)
    text = text.translate(_APOSTROPHES)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """A column name folded for matching: no accents, lower case, words joined by `_`."""
    name = clean_header(name).replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


def match_keys(name: str) -> list[str]:
    """The forms a column name is matched by: whole, then without units or currencies in
    brackets (`Amount spent (USD)`, `Watch time (hours)`), then without a CRM entity prefix."""
    return list(_match_keys(name))


@lru_cache(maxsize=1 << 16)
def _match_keys(name: str) -> tuple[str, ...]:
    clean = clean_header(name)
    keys = [normalise(clean)]
    for variant in (_BRACKETS.sub("", clean), _ENTITY_PREFIX.sub("", clean)):
        key = normalise(variant)
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


@lru_cache(maxsize=1 << 16)
def qualifier(name: str) -> str | None:
    """The folded words in a header's brackets, if any (a currency code is not a qualifier)."""
    found = _BRACKET_TEXT.search(clean_header(name))
    if not found or _CURRENCY_CODE.match(found.group(1)):
        return None
    return normalise(found.group(1)) or None


_PLATFORM_ALIASES = {
    "facebook": "facebook", "fb": "facebook", "meta": "facebook", "instagram": "instagram",
    "ig": "instagram", "x": "x", "twitter": "x", "tweet": "x", "tweets": "x", "linkedin": "linkedin",
    "tiktok": "tiktok", "youtube": "youtube", "yt": "youtube",
}  # fmt: skip

# Default file names of exports, in the languages the platforms write them.
_FILE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), platform)
    for p, platform in (
        (r"^(table_data|tabellendaten|datos_de_la_tabla|dados_da_tabela|donnees_du_tableau|"
         r"dati_della_tabella|tabelgegevens|dane_tabeli)(_\d+)?_csv$", "youtube"),
        (r"^(chart_data|diagrammdaten|datos_del_grafico|dados_do_grafico|donnees_du_graphique|"
         r"dati_del_grafico|diagramgegevens|dane_wykresu)(_\d+)?_csv$", "youtube"),
        (r"^(totals|summen|gesamtwerte|totales|totais|totaux|totali|totalen|sumy)(_\d+)?_csv$", "youtube"),
        (r"^(daily_)?tweet_activity_metrics_", "x"),
        (r"^account_(overview_)?analytics", "x"),
        (r"_(content|followers|visitors)_\d{13}(_\d+)?(_xlsx?)?_(xlsx?|csv)$", "linkedin"),
        (r"campaign_performance_report", "linkedin"),
        (r"^follower(history|activity|gender|topterritories)(_\d+)?_csv$", "tiktok"),
    )
)  # fmt: skip


def platform_from_name(file_name: str) -> str | None:
    """The platform a file name mentions (`instagram_posts_march.csv` → instagram) or whose
    default export name it carries (`Tabellendaten.csv` → youtube)."""
    key = normalise(file_name)
    words = key.split("_")
    found = {_PLATFORM_ALIASES[w] for w in words if w in _PLATFORM_ALIASES and w != "x"}
    if len(found) == 1:
        return found.pop()
    if found:
        return None
    for pattern, platform in _FILE_PATTERNS:
        if pattern.search(key):
            return platform
    return None


_URL_HOSTS = (
    ("facebook.com", "facebook"), ("fb.com", "facebook"), ("fb.watch", "facebook"),
    ("instagram.com", "instagram"), ("linkedin.com", "linkedin"), ("lnkd.in", "linkedin"),
    ("tiktok.com", "tiktok"), ("youtube.com", "youtube"), ("youtu.be", "youtube"),
    ("x.com", "x"), ("twitter.com", "x"),
)  # fmt: skip
_HOST = re.compile(r"^https?://(?:www\.|m\.|mobile\.)?([^/\s:]+)", re.IGNORECASE)


def platform_from_url(url: str) -> str | None:
    """The platform a post's link is on (`https://www.instagram.com/p/…` → instagram)."""
    found = _HOST.match(url.strip())
    if not found:
        return None
    host = found.group(1).lower()
    for suffix, platform in _URL_HOSTS:
        if host == suffix or host.endswith("." + suffix):
            return platform
    return None
