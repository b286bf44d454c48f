"""What the lines above a header say: Meta Business Suite's chart downloads name their one metric
and platform in a title line (`sep=,`, `"Instagram reach"`, then `Date,Primary`); report titles
such as Google Ads' `Campaign report` name the platform."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kpi.mapping.names import normalise

# platform words as titles inflect them (`na Facebooku`, `do Instagram`, `Instagramie`)
_PLATFORM_WORDS = (
    (re.compile(r"\b(instagram\w*|ig)\b"), "instagram"),
    (re.compile(r"\b(facebook\w*|fb)\b"), "facebook"),
    (re.compile(r"\b(tiktok\w*)\b"), "tiktok"),
    (re.compile(r"\b(linkedin\w*)\b"), "linkedin"),
    (re.compile(r"\b(youtube\w*)\b"), "youtube"),
)

# metric → the words of chart titles that name it, most specific first (folded)
# fmt: off
_METRICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("profile_visits", ("profile visits", "visitas al perfil", "visitas ao perfil", "wizyty na profilu",
                        "odwiedziny profilu", "profilbesuche", "visites du profil", "visite al profilo",
                        "profielbezoeken")),
    ("new_followers", ("page likes", "polubienia strony", "me gusta de la pagina", "curtidas da pagina",
                       "gefallt mir angaben der seite", "j aime de la page", "mi piace alla pagina",
                       "vind ik leuks voor pagina", "new followers", "nuevos seguidores", "novos seguidores",
                       "nowi obserwujacy", "neue follower", "nouveaux abonnes", "nuovi follower", "nieuwe volgers",
                       "follows", "seguimientos", "seguimentos", "obserwacje", "abonnements", "volgacties")),
    ("page_views", ("page visits", "visits", "visitas", "wizyty", "odwiedziny", "besuche", "visites", "visite",
                    "bezoeken")),
    ("reach", ("reach", "alcance", "zasieg", "reichweite", "couverture", "portee", "copertura", "bereik")),
    ("followers", ("followers", "seguidores", "obserwujacy", "follower", "abonnes", "volgers")),
    ("website_clicks", ("link clicks", "clics en el enlace", "cliques no link", "klikniecia linku", "link klicks",
                        "clics sur le lien", "clic sul link", "linkklikken")),
    ("impressions", ("views", "visualizaciones", "visualizacoes", "wyswietlenia", "aufrufe", "vues",
                     "visualizzazioni", "weergaven", "impressions", "impresiones")),
)
# fmt: on


def _folded(title: str) -> str:
    return " " + normalise(title).replace("_", " ") + " "


def chart_metric(titles: Sequence[str]) -> tuple[str, str | None, str] | None:
    """(field, platform, the title) when a title line names a chart's metric."""
    for title in titles:
        text = _folded(title)
        platform = next((p for rx, p in _PLATFORM_WORDS if rx.search(text)), None)
        if platform is None:
            continue
        for metric, words in _METRICS:
            if any(f" {w} " in text for w in words):
                if metric == "page_views" and platform == "instagram":
                    metric = "profile_visits"  # Instagram's "visits" are profile visits
                return metric, platform, title
    return None


def report_platform(titles: Sequence[str]) -> str | None:
    """A platform a report title names outright (`Instagram reach` → instagram)."""
    for title in titles:
        text = _folded(title)
        for rx, platform in _PLATFORM_WORDS:
            if rx.search(text):
                return platform
    return None


def title_lines(skipped: Sequence[object], header_line: int | None) -> list[str]:
    """The text of the lines above the header that a load report skipped (title lines)."""
    out = []
    for line in skipped:
        raw = str(getattr(line, "raw", "")).strip().strip('"').strip()
        number = getattr(line, "line", 0)
        if raw and (header_line is None or number < header_line) and not raw.startswith("sep="):
            out.append(raw)
    return out
