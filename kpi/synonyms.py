"""What exports call each canonical field, in English, Spanish, Polish and Portuguese.

Keys are canonical field names (a field name is its own synonym); values are the names seen in
real exports, written as people see them — matching folds case, accents and punctuation.
A synonym listed under a field applies in every dataset that has that field.
"""

from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    # time
    "published_at": (
        "publish time", "published", "posted", "post time", "created date", "time", "date published",
        "video publish time", "fecha de publicación", "hora de publicación", "publicado",
        "data publikacji", "czas publikacji", "opublikowano", "data de publicação", "publicado em",
    ),
    "date": ("day", "day index", "dagindex", "fecha", "día", "dia", "data", "dzień", "reporting starts", "date (utc)"),
    "segment": (
        "geography", "country", "city", "language", "age", "gender", "país", "ciudad", "idioma", "edad",
        "sexo", "kraj", "miasto", "język", "wiek", "płeć", "cidade", "idade", "gênero", "location",
    ),
    "views": ("video views", "reproducciones", "wyświetlenia", "visualizações"),
    "watch_seconds": ("watch time (seconds)", "tiempo de visualización"),
    "created_at": ("create date", "created", "fecha de creación", "data utworzenia", "data de criação"),
    "snapshot_date": ("snapshot", "as of"),
    # identity
    "platform": ("network", "social network", "red social", "plataforma", "platforma", "sieć", "rede social"),
    "post_id": ("post id", "tweet id", "id de publicación", "id posta", "id da publicação", "content id"),
    "post_type": ("type", "post type", "tipo", "tipo de publicación", "typ posta", "tipo de post", "content type"),
    "text": (
        "post message", "message", "tweet text", "post text", "description", "caption", "title",
        "texto", "mensaje", "descripción", "treść", "tekst", "opis", "legenda", "mensagem",
    ),
    "url": ("permalink", "link", "post link", "tweet permalink", "enlace", "odnośnik", "link do posta"),
    "campaign": (
        "campaign name", "campaña", "nombre de la campaña", "kampania", "nazwa kampanii", "campanha",
        "nome da campanha", "session campaign",
    ),
    # engagement
    "impressions": (
        "impr", "impresiones", "wyświetlenia", "impressões", "views", "post impressions",
        "impressions (total)", "lifetime post total impressions",
    ),
    "reach": ("alcance", "zasięg", "people reached", "lifetime post total reach", "unique impressions"),
    "likes": (
        "reactions", "reacciones", "me gusta", "polubienia", "reakcje", "curtidas", "reações",
        "gostos", "favorites",
    ),
    "comments": ("replies", "comentarios", "komentarze", "comentários"),
    "shares": ("share", "retweets", "reposts", "compartidos", "veces compartido", "udostępnienia", "compartilhamentos"),
    "saves": ("bookmarks", "guardados", "zapisane", "salvamentos"),
    "clicks": ("total clicks", "link clicks", "url clicks", "clics", "kliknięcia", "cliques"),
    "video_views": ("video views", "media views", "reproducciones", "wyświetlenia wideo", "visualizações de vídeo"),
    "profile_visits": ("user profile clicks", "profile views", "visitas al perfil", "odwiedziny profilu", "visitas ao perfil"),
    "follows": ("new follows", "follows from post", "seguimientos", "obserwacje", "seguidores ganhos"),
    "negative_feedback": ("negative feedback from users", "comentarios negativos de usuarios"),
    "followers": ("total followers", "page likes", "seguidores", "obserwujący", "fans"),
    "new_followers": (
        "new followers", "follower gain", "daily new likes", "nuevos seguidores", "nowi obserwujący",
        "novos seguidores", "subscribers gained",
    ),
    "lost_followers": ("unfollows", "daily unlikes", "seguidores perdidos", "utraceni obserwujący"),
    # web
    "source": ("session source", "fuente", "źródło", "origem"),
    "medium": ("session medium", "medio", "medium", "meio"),
    "channel_group": ("session default channel group", "default channel group", "grupo de canales"),
    "landing_page": ("landing page", "página de destino", "strona docelowa"),
    "sessions": ("sesiones", "sesje", "sessões", "sessies", "visits"),
    "users": ("total users", "usuarios", "użytkownicy", "usuários"),
    "new_users": ("new users", "nuevos usuarios", "nowi użytkownicy", "novos usuários", "nieuwe gebruikers"),
    "engaged_sessions": ("engaged sessions", "sesiones con interacción"),
    "pageviews": ("views", "page views", "screen page views", "páginas vistas", "odsłony"),
    "revenue": ("total revenue", "purchase revenue", "ingresos", "przychody", "receita"),
    "transactions": ("purchases", "transacciones", "transakcje", "transações"),
    "conversions": ("key events", "conversiones", "konwersje", "conversões"),
    "add_to_carts": ("add to carts", "adds to cart", "añadidos al carrito", "dodania do koszyka"),
    # search
    "query": ("top queries", "queries", "search query", "consulta", "zapytanie", "consultas"),
    "position": ("average position", "avg. position", "posición", "pozycja", "posição"),
    # ads
    "spend": (
        "amount spent", "cost", "importe gastado", "gasto", "koszt", "wydana kwota", "valor usado",
        "custo",
    ),
    "currency": ("currency code", "moneda", "waluta", "moeda"),
    "ad_set": ("ad set name", "ad set", "conjunto de anuncios", "zestaw reklam", "conjunto de anúncios"),
    "ad": ("ad name", "anuncio", "reklama", "anúncio"),
    "objective": ("objetivo", "cel", "campaign objective"),
    "leads": ("leads", "clientes potenciales", "potencjalni klienci"),
    "conversion_value": ("conv. value", "conversion value", "purchase conversion value", "valor de conversión"),
    # crm
    "lead_id": ("record id", "contact id", "id del contacto"),
    "stage": ("lifecycle stage", "lead status", "etapa del ciclo de vida", "etap"),
    "channel": ("original source", "fuente original", "canal", "kanał"),
    "customer_id": ("customer", "cliente", "klient"),
}  # fmt: skip
