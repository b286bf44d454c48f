"""A header in Spanish, Polish or Portuguese maps as well as its English twin: the same dataset
and, column for column, the same field. The translations are by hand, in the words the platforms'
own localised exports use; no preset is involved (these are synonym readings)."""

from __future__ import annotations

import pytest

from kpi.mapping import recognise

# dataset → [(type, en, es, pl, pt)], one row per column
TWINS: dict[str, list[tuple[str, str, str, str, str]]] = {
    "posts": [
        ("timestamp", "Publish time", "Hora de publicación", "Data publikacji", "Data de publicação"),
        ("text", "Platform", "Plataforma", "Platforma", "Plataforma"),
        ("text", "Post ID", "ID de publicación", "ID posta", "ID da publicação"),
        ("text", "Post type", "Tipo de publicación", "Typ posta", "Tipo de publicação"),
        ("text", "Text", "Texto", "Treść", "Texto"),
        ("text", "Link", "Enlace", "Link", "Link"),
        ("text", "Campaign", "Campaña", "Kampania", "Campanha"),
        ("integer", "Impressions", "Impresiones", "Wyświetlenia", "Impressões"),
        ("integer", "Reach", "Alcance", "Zasięg", "Alcance"),
        ("integer", "Likes", "Me gusta", "Polubienia", "Curtidas"),
        ("integer", "Comments", "Comentarios", "Komentarze", "Comentários"),
        ("integer", "Shares", "Veces compartido", "Udostępnienia", "Compartilhamentos"),
        ("integer", "Saves", "Guardados", "Zapisania", "Salvamentos"),
        ("integer", "Link clicks", "Clics en el enlace", "Kliknięcia linku", "Cliques no link"),
        ("integer", "Video views", "Reproducciones de vídeo", "Wyświetlenia wideo", "Visualizações de vídeo"),
        ("integer", "Profile visits", "Visitas al perfil", "Odwiedziny profilu", "Visitas ao perfil"),
        ("integer", "Follows", "Seguimientos", "Obserwacje", "Seguimentos"),
    ],
    "ads": [
        ("date", "Day", "Día", "Dzień", "Dia"),
        ("text", "Campaign name", "Nombre de la campaña", "Nazwa kampanii", "Nome da campanha"),
        ("text", "Ad set name", "Nombre del conjunto de anuncios", "Nazwa zestawu reklam", "Nome do conjunto de anúncios"),
        ("text", "Ad name", "Nombre del anuncio", "Nazwa reklamy", "Nome do anúncio"),
        ("text", "Objective", "Objetivo", "Cel", "Objetivo"),
        ("text", "Currency", "Divisa", "Waluta", "Moeda"),
        ("decimal", "Amount spent", "Importe gastado", "Wydana kwota", "Valor usado"),
        ("integer", "Impressions", "Impresiones", "Wyświetlenia", "Impressões"),
        ("integer", "Reach", "Alcance", "Zasięg", "Alcance"),
        ("integer", "Link clicks", "Clics en el enlace", "Kliknięcia linku", "Cliques no link"),
        ("integer", "Landing page views", "Visitas a la página de destino", "Wyświetlenia strony docelowej", "Visualizações da página de destino"),
        ("integer", "Leads", "Clientes potenciales", "Leady", "Cadastros"),
        ("integer", "Purchases", "Compras", "Zakupy", "Compras"),
        ("integer", "Adds to cart", "Agregados al carrito", "Dodania do koszyka", "Adições ao carrinho"),
        ("decimal", "Purchases conversion value", "Valor de conversión de compras", "Wartość konwersji z zakupów", "Valor de conversão da compra"),
    ],
    "web_traffic": [
        ("date", "Date", "Fecha", "Data", "Data"),
        ("text", "Session source", "Fuente de la sesión", "Źródło sesji", "Origem da sessão"),
        ("text", "Session medium", "Medio de la sesión", "Medium sesji", "Mídia da sessão"),
        ("text", "Session default channel group", "Grupo de canales predeterminado de la sesión", "Domyślna grupa kanałów sesji", "Grupo de canais padrão da sessão"),
        ("text", "Session campaign", "Campaña de la sesión", "Kampania sesji", "Campanha da sessão"),
        ("text", "Landing page", "Página de destino", "Strona docelowa", "Página de destino"),
        ("integer", "Sessions", "Sesiones", "Sesje", "Sessões"),
        ("integer", "Total users", "Usuarios totales", "Użytkownicy łącznie", "Total de usuários"),
        ("integer", "New users", "Usuarios nuevos", "Nowi użytkownicy", "Novos usuários"),
        ("integer", "Engaged sessions", "Sesiones con interacción", "Sesje z zaangażowaniem", "Sessões engajadas"),
        ("integer", "Bounces", "Rebotes", "Odrzucenia", "Rejeições"),
        ("decimal", "User engagement", "Interacción de los usuarios", "Zaangażowanie użytkowników", "Engajamento do usuário"),
        ("integer", "Views", "Vistas", "Wyświetlenia", "Visualizações"),
        ("integer", "Add to carts", "Añadidos al carrito", "Dodania do koszyka", "Adições ao carrinho"),
        ("integer", "Key events", "Eventos clave", "Kluczowe zdarzenia", "Eventos principais"),
        ("integer", "Transactions", "Transacciones", "Transakcje", "Transações"),
        ("money", "Total revenue", "Ingresos totales", "Łączne przychody", "Receita total"),
    ],
    "account_daily": [
        ("date", "Date", "Fecha", "Data", "Data"),
        ("text", "Platform", "Plataforma", "Platforma", "Plataforma"),
        ("integer", "Followers", "Seguidores", "Obserwujący", "Seguidores"),
        ("integer", "New followers", "Nuevos seguidores", "Nowi obserwujący", "Novos seguidores"),
        ("integer", "Unfollows", "Dejaron de seguir", "Przestali obserwować", "Deixaram de seguir"),
        ("integer", "Impressions", "Impresiones", "Wyświetlenia", "Impressões"),
        ("integer", "Reach", "Alcance", "Zasięg", "Alcance"),
        ("integer", "Profile visits", "Visitas al perfil", "Odwiedziny profilu", "Visitas ao perfil"),
        ("integer", "Page views", "Visitas a la página", "Wyświetlenia strony", "Visualizações da página"),
        ("integer", "Messages", "Mensajes", "Wiadomości", "Mensagens"),
        ("integer", "Mentions", "Menciones", "Wzmianki", "Menções"),
        ("integer", "Tags", "Etiquetas", "Oznaczenia", "Marcações"),
        ("integer", "Website clicks", "Clics en el sitio web", "Kliknięcia w witrynę", "Cliques no site"),
    ],
}  # fmt: skip

LANGUAGES = {"es": 2, "pl": 3, "pt": 4}
CASES = [(dataset, lang) for dataset in TWINS for lang in LANGUAGES]


def _read(dataset: str, index: int) -> tuple[str | None, list[str | None], bool]:
    rows = TWINS[dataset]
    columns = [row[index] for row in rows]
    types = {row[index]: row[0] for row in rows}
    mapping = recognise(columns, "export.csv", types)
    return mapping.dataset, [mapping.mapping[c] for c in columns], mapping.needs_review


@pytest.mark.parametrize("dataset", list(TWINS))
def test_english_header_maps_every_column(dataset: str) -> None:
    """The English twin is the reference: its dataset, every column mapped, no review needed."""
    found, fields, review = _read(dataset, 1)
    assert found == dataset
    assert None not in fields
    assert len(set(fields)) == len(fields)
    assert not review


@pytest.mark.parametrize(("dataset", "lang"), CASES, ids=[f"{d}-{lang}" for d, lang in CASES])
def test_translated_header_maps_as_its_english_twin(dataset: str, lang: str) -> None:
    english = _read(dataset, 1)
    translated = _read(dataset, LANGUAGES[lang])
    assert translated == english
