"""What exports call each canonical field, in English, Spanish, Polish and Portuguese.

`BY_LANGUAGE` is the data: canonical field → language → the names seen in exports (and a few in
other languages where a real export needs them, such as Dutch Universal Analytics). Names are
written as people see them: matching folds case, accents and punctuation, also tries a column's
name without bracketed units, and accepts near spellings. A name listed under a field applies in
every dataset that has that field, so a name must not be one that another field of the same
dataset could mean (tests check this).

Rules kept here:
- never a unit-less name for a field with a unit: `watch_seconds` takes "Watch time (seconds)",
  never "Watch time", which would also catch "Watch time (hours)";
- never a rate, an average or a ratio for a count ("Bounce rate" is not `bounces`);
- never a name that is only a column's subject ("Image" may be a URL, not `has_image`).
"""

from __future__ import annotations

LANGUAGES = ("en", "es", "pl", "pt")

# fmt: off
BY_LANGUAGE: dict[str, dict[str, tuple[str, ...]]] = {
    # --- time -------------------------------------------------------------------------------
    "published_at": {
        "en": ("published at", "publish time", "published", "posted", "posted at", "post time", "post date",
               "publish date", "publication date", "date published", "created date", "created time", "time",
               "video publish time"),
        "es": ("fecha de publicación", "hora de publicación", "fecha y hora de publicación", "publicado",
               "publicado el"),
        "pl": ("data publikacji", "czas publikacji", "godzina publikacji", "data opublikowania", "opublikowano"),
        "pt": ("data de publicação", "hora de publicação", "horário de publicação", "publicado em"),
    },
    "date": {
        "en": ("date", "day", "day index", "date (utc)", "report date", "reporting starts"),
        "es": ("fecha", "día", "inicio del informe"),
        "pl": ("data", "dzień", "początek raportowania"),
        "pt": ("data", "dia", "início dos relatórios"),
        "nl": ("datum", "dagindex"),
    },
    "snapshot_date": {
        "en": ("snapshot date", "snapshot", "as of", "as of date", "export date"),
        "es": ("fecha de la instantánea", "fecha de exportación", "a fecha de"),
        "pl": ("stan na", "data eksportu", "data migawki"),
        "pt": ("data do instantâneo", "data de exportação", "posição em"),
    },
    # --- identity and content -------------------------------------------------------------
    "platform": {
        "en": ("platform", "network", "social network", "social platform"),
        "es": ("plataforma", "red social"),
        "pl": ("platforma", "sieć", "serwis społecznościowy"),
        "pt": ("plataforma", "rede social"),
    },
    "post_id": {
        "en": ("post id", "tweet id", "content id", "video id", "media id"),
        "es": ("id de publicación", "id de la publicación", "identificador de la publicación"),
        "pl": ("id posta", "identyfikator posta", "id wpisu"),
        "pt": ("id da publicação", "id do post", "identificador da publicação"),
    },
    "post_type": {
        "en": ("type", "post type", "content type", "media type"),
        "es": ("tipo", "tipo de publicación", "tipo de contenido"),
        "pl": ("typ", "typ posta", "typ treści", "rodzaj posta"),
        "pt": ("tipo", "tipo de publicação", "tipo de conteúdo", "tipo de post"),
    },
    "text": {
        "en": ("text", "message", "post message", "tweet text", "post text", "description", "caption", "title",
               "post title", "video title"),
        "es": ("texto", "mensaje", "descripción", "título", "texto de la publicación"),
        "pl": ("treść", "tekst", "opis", "tytuł", "treść posta"),
        "pt": ("texto", "mensagem", "descrição", "legenda", "título"),
    },
    "url": {
        "en": ("url", "permalink", "link", "post link", "post url", "tweet permalink", "video link"),
        "es": ("enlace", "enlace permanente", "enlace de la publicación"),
        "pl": ("link", "odnośnik", "link do posta", "adres url"),
        "pt": ("link", "link permanente", "link da publicação"),
    },
    "campaign": {
        "en": ("campaign", "campaign name", "session campaign", "utm campaign"),
        "es": ("campaña", "nombre de la campaña", "campaña de la sesión"),
        "pl": ("kampania", "nazwa kampanii", "kampania sesji"),
        "pt": ("campanha", "nome da campanha", "campanha da sessão"),
    },
    "is_paid": {
        "en": ("is paid", "paid", "promoted", "boosted", "sponsored", "paid post"),
        "es": ("pagado", "de pago", "promocionado", "patrocinado"),
        "pl": ("płatny", "promowany", "sponsorowany"),
        "pt": ("pago", "impulsionado", "patrocinado"),
    },
    "has_image": {
        "en": ("has image", "with image", "has media"),
        "es": ("tiene imagen", "con imagen"),
        "pl": ("ma obraz", "z obrazem", "ze zdjęciem"),
        "pt": ("tem imagem", "com imagem"),
    },
    "has_link": {
        "en": ("has link", "with link", "has url"),
        "es": ("tiene enlace", "con enlace"),
        "pl": ("ma link", "z linkiem"),
        "pt": ("tem link", "com link"),
    },
    "reviewed": {
        "en": ("reviewed", "approved", "checked"),
        "es": ("revisado", "aprobado"),
        "pl": ("sprawdzony", "zatwierdzony", "zweryfikowany"),
        "pt": ("revisado", "aprovado", "revisto"),
    },
    # --- engagement -------------------------------------------------------------------------
    "impressions": {
        # Meta (2025) and TikTok call their impressions "views"
        "en": ("impressions", "impr", "total impressions", "post impressions", "impressions (total)", "views",
               "lifetime post total impressions"),
        "es": ("impresiones", "impresiones totales", "visualizaciones"),
        "pl": ("wyświetlenia", "liczba wyświetleń", "wyświetlenia łącznie"),
        "pt": ("impressões", "visualizações"),
    },
    "reach": {
        "en": ("reach", "people reached", "accounts reached", "total reach", "unique impressions",
               "lifetime post total reach"),
        "es": ("alcance", "personas alcanzadas", "cuentas alcanzadas"),
        "pl": ("zasięg", "osiągnięte osoby", "dotarcie"),
        "pt": ("alcance", "pessoas alcançadas", "contas alcançadas"),
    },
    "likes": {
        "en": ("likes", "like", "reactions", "favorites", "favourites", "total likes"),
        "es": ("me gusta", "reacciones"),
        "pl": ("polubienia", "reakcje", "lajki"),
        "pt": ("curtidas", "reações", "gostos"),
    },
    "comments": {
        "en": ("comments", "comment", "replies", "total comments", "comments added"),
        "es": ("comentarios", "respuestas"),
        "pl": ("komentarze", "odpowiedzi"),
        "pt": ("comentários", "respostas"),
    },
    "comments_positive": {
        "en": ("positive comments", "comments positive"),
        "es": ("comentarios positivos",),
        "pl": ("pozytywne komentarze", "komentarze pozytywne"),
        "pt": ("comentários positivos",),
    },
    "comments_negative": {
        "en": ("negative comments", "comments negative"),
        "es": ("comentarios negativos",),
        "pl": ("negatywne komentarze", "komentarze negatywne"),
        "pt": ("comentários negativos",),
    },
    "shares": {
        "en": ("shares", "share", "retweets", "reposts", "total shares"),
        "es": ("compartidos", "veces compartido", "veces que se compartió"),
        "pl": ("udostępnienia", "podania dalej"),
        "pt": ("compartilhamentos", "partilhas"),
    },
    "saves": {
        "en": ("saves", "saved", "bookmarks"),
        "es": ("guardados", "veces guardado"),
        "pl": ("zapisania", "zapisane", "zakładki"),
        "pt": ("salvamentos", "salvos"),
    },
    "clicks": {
        "en": ("clicks", "total clicks", "link clicks", "url clicks", "post clicks", "clicks (all)"),
        "es": ("clics", "clics totales", "clics en el enlace"),
        "pl": ("kliknięcia", "kliknięcia linku", "kliknięcia w link"),
        "pt": ("cliques", "cliques totais", "cliques no link"),
    },
    "video_views": {
        "en": ("video views", "media views", "video plays", "plays", "3-second video views"),
        "es": ("reproducciones", "reproducciones de video", "reproducciones de vídeo",
               "visualizaciones de video", "visualizaciones de vídeo"),
        "pl": ("wyświetlenia wideo", "odtworzenia", "odtworzenia wideo"),
        "pt": ("visualizações de vídeo", "reproduções"),
    },
    "profile_visits": {
        "en": ("profile visits", "user profile clicks", "profile views"),
        "es": ("visitas al perfil", "visitas de perfil"),
        "pl": ("odwiedziny profilu", "wizyty na profilu", "wyświetlenia profilu"),
        "pt": ("visitas ao perfil", "visualizações do perfil"),
    },
    "follows": {
        "en": ("follows", "new follows", "follows from post"),
        "es": ("seguimientos", "nuevos seguimientos"),
        "pl": ("obserwacje", "nowe obserwacje"),
        "pt": ("seguimentos", "novos seguimentos"),
    },
    "negative_feedback": {
        "en": ("negative feedback", "negative feedback from users"),
        "es": ("comentarios negativos de los usuarios", "opiniones negativas"),
        "pl": ("negatywne opinie", "negatywne reakcje"),
        "pt": ("feedback negativo", "comentários negativos dos usuários"),
    },
    # --- accounts and audience --------------------------------------------------------------
    "followers": {
        "en": ("followers", "total followers", "follower count", "page likes", "page followers", "fans",
               "subscribers", "lifetime total likes"),
        "es": ("seguidores", "total de seguidores", "fans", "suscriptores"),
        "pl": ("obserwujący", "liczba obserwujących", "fani", "subskrybenci"),
        "pt": ("seguidores", "total de seguidores", "fãs", "inscritos"),
    },
    "new_followers": {
        "en": ("new followers", "new follows", "follows", "followers gained", "follower gain",
               "subscribers gained", "daily new likes"),
        "es": ("nuevos seguidores", "seguidores nuevos", "seguidores ganados", "seguimientos"),
        "pl": ("nowi obserwujący", "przyrost obserwujących", "obserwacje"),
        "pt": ("novos seguidores", "seguidores ganhos", "seguimentos"),
    },
    "lost_followers": {
        "en": ("lost followers", "unfollows", "followers lost", "subscribers lost", "unlikes", "daily unlikes"),
        "es": ("seguidores perdidos", "dejaron de seguir", "dejar de seguir"),
        "pl": ("utraceni obserwujący", "przestali obserwować", "cofnięte obserwacje"),
        "pt": ("seguidores perdidos", "deixaram de seguir", "deixar de seguir"),
    },
    "page_views": {
        "en": ("page views", "page visits", "total page views", "daily logged-in page views"),
        "es": ("visitas a la página", "vistas de la página", "visualizaciones de la página"),
        "pl": ("wyświetlenia strony", "odsłony strony", "wizyty na stronie"),
        "pt": ("visualizações da página", "visitas à página"),
    },
    "private_messages": {
        "en": ("private messages", "messages", "direct messages", "dms"),
        "es": ("mensajes privados", "mensajes", "mensajes directos"),
        "pl": ("wiadomości prywatne", "wiadomości"),
        "pt": ("mensagens privadas", "mensagens", "mensagens diretas"),
    },
    "brand_mentions": {
        "en": ("brand mentions", "mentions"),
        "es": ("menciones de marca", "menciones"),
        "pl": ("wzmianki o marce", "wzmianki"),
        "pt": ("menções da marca", "menções"),
    },
    "tagged": {
        "en": ("tagged", "tags", "tagged people"),
        "es": ("etiquetados", "etiquetas", "personas etiquetadas"),
        "pl": ("oznaczenia", "oznaczone osoby"),
        "pt": ("marcações", "pessoas marcadas"),
    },
    "website_clicks": {
        "en": ("website clicks", "website taps", "clicks to website"),
        "es": ("clics en el sitio web", "clics al sitio web"),
        "pl": ("kliknięcia w witrynę", "kliknięcia strony www"),
        "pt": ("cliques no site", "toques no site"),
    },
    "dimension": {
        "en": ("dimension", "breakdown"),
        "es": ("dimensión", "desglose"),
        "pl": ("wymiar", "podział"),
        "pt": ("dimensão", "detalhamento"),
    },
    "segment": {
        "en": ("segment", "geography", "country", "city", "language", "age", "gender", "location", "region",
               "age range", "top territories"),
        "es": ("segmento", "país", "ciudad", "idioma", "edad", "sexo", "género", "ubicación", "región"),
        "pl": ("segment", "kraj", "miasto", "język", "wiek", "płeć", "lokalizacja", "region"),
        "pt": ("segmento", "país", "cidade", "idioma", "idade", "gênero", "sexo", "localização", "região"),
    },
    "views": {
        "en": ("views", "video views", "total views"),
        "es": ("visualizaciones", "reproducciones", "vistas"),
        "pl": ("wyświetlenia", "odtworzenia"),
        "pt": ("visualizações", "reproduções"),
    },
    "watch_seconds": {
        "en": ("watch time (seconds)", "watch time (s)", "seconds viewed"),
        "es": ("tiempo de visualización (segundos)", "tiempo de reproducción (segundos)"),
        "pl": ("czas oglądania (sekundy)", "czas oglądania (s)"),
        "pt": ("tempo de exibição (segundos)", "tempo de visualização (segundos)"),
    },
    # --- web analytics -----------------------------------------------------------------------
    "source": {
        "en": ("source", "session source", "traffic source", "utm source"),
        "es": ("fuente", "fuente de la sesión"),
        "pl": ("źródło", "źródło sesji"),
        "pt": ("origem", "origem da sessão"),
    },
    "medium": {
        "en": ("medium", "session medium", "utm medium"),
        "es": ("medio", "medio de la sesión"),
        "pl": ("medium", "medium sesji"),
        "pt": ("mídia", "meio", "mídia da sessão"),
    },
    "channel_group": {
        "en": ("channel group", "default channel group", "session default channel group",
               "session primary channel group", "primary channel group", "default channel grouping"),
        "es": ("grupo de canales", "grupo de canales predeterminado",
               "grupo de canales predeterminado de la sesión", "agrupación de canales predeterminada"),
        "pl": ("grupa kanałów", "domyślna grupa kanałów", "domyślna grupa kanałów sesji"),
        "pt": ("grupo de canais", "grupo de canais padrão", "grupo de canais padrão da sessão"),
    },
    "landing_page": {
        "en": ("landing page", "landing page + query string", "entrance page"),
        "es": ("página de destino", "página de entrada"),
        "pl": ("strona docelowa", "strona wejściowa"),
        "pt": ("página de destino", "página de entrada"),
    },
    "sessions": {
        "en": ("sessions", "visits", "total sessions"),
        "es": ("sesiones", "visitas"),
        "pl": ("sesje", "wizyty"),
        "pt": ("sessões", "visitas"),
        "nl": ("sessies",),
    },
    "users": {
        "en": ("users", "total users", "active users"),
        "es": ("usuarios", "usuarios totales", "usuarios activos"),
        "pl": ("użytkownicy", "użytkownicy łącznie", "aktywni użytkownicy"),
        "pt": ("usuários", "utilizadores", "total de usuários", "usuários ativos"),
        "nl": ("gebruikers",),
    },
    "new_users": {
        "en": ("new users",),
        "es": ("usuarios nuevos", "nuevos usuarios"),
        "pl": ("nowi użytkownicy",),
        "pt": ("novos usuários", "novos utilizadores"),
        "nl": ("nieuwe gebruikers",),
    },
    "engaged_sessions": {
        "en": ("engaged sessions",),
        "es": ("sesiones con interacción",),
        "pl": ("sesje z zaangażowaniem", "zaangażowane sesje"),
        "pt": ("sessões engajadas", "sessões com engajamento"),
    },
    "bounces": {
        "en": ("bounces",),
        "es": ("rebotes",),
        "pl": ("odrzucenia",),
        "pt": ("rejeições",),
    },
    "engagement_seconds": {
        # GA4 downloads "User engagement" in seconds
        "en": ("user engagement", "user engagement duration", "engagement time (seconds)"),
        "es": ("interacción de los usuarios", "duración de la interacción del usuario"),
        "pl": ("zaangażowanie użytkowników", "czas zaangażowania (sekundy)"),
        "pt": ("engajamento do usuário", "tempo de engajamento (segundos)"),
    },
    "pageviews": {
        "en": ("pageviews", "page views", "views", "screen page views"),
        "es": ("vistas", "páginas vistas", "número de páginas vistas"),
        "pl": ("odsłony", "wyświetlenia", "wyświetlenia stron"),
        "pt": ("visualizações", "visualizações de página", "exibições de página"),
    },
    "add_to_carts": {
        "en": ("add to carts", "add to cart", "adds to cart", "add-to-carts"),
        "es": ("añadidos al carrito", "agregados al carrito", "artículos agregados al carrito"),
        "pl": ("dodania do koszyka", "dodane do koszyka"),
        "pt": ("adições ao carrinho", "adicionados ao carrinho"),
    },
    "conversions": {
        "en": ("conversions", "key events", "goal completions", "all conversions"),
        "es": ("conversiones", "eventos clave", "objetivos completados"),
        "pl": ("konwersje", "kluczowe zdarzenia", "realizacje celu"),
        "pt": ("conversões", "eventos principais", "metas concluídas"),
        "nl": ("behaalde doelen", "doelvoltooiingen"),
    },
    "transactions": {
        "en": ("transactions", "purchases", "ecommerce purchases"),
        "es": ("transacciones", "compras"),
        "pl": ("transakcje", "zakupy"),
        "pt": ("transações", "compras"),
    },
    "revenue": {
        "en": ("revenue", "total revenue", "purchase revenue"),
        "es": ("ingresos", "ingresos totales", "ingresos por compras"),
        "pl": ("przychody", "przychód", "łączne przychody"),
        "pt": ("receita", "receita total", "faturamento"),
    },
    # --- search -------------------------------------------------------------------------------
    "query": {
        "en": ("query", "queries", "top queries", "search query", "search term"),
        "es": ("consulta", "consultas", "consultas principales", "término de búsqueda"),
        "pl": ("zapytanie", "zapytania", "najczęstsze zapytania", "wyszukiwane hasło"),
        "pt": ("consulta", "consultas", "principais consultas", "termo de pesquisa"),
    },
    "position": {
        "en": ("position", "average position", "avg. position"),
        "es": ("posición", "posición media"),
        "pl": ("pozycja", "średnia pozycja"),
        "pt": ("posição", "posição média"),
    },
    # --- ads --------------------------------------------------------------------------------------
    "ad_set": {
        "en": ("ad set", "ad set name", "ad group", "ad group name"),
        "es": ("conjunto de anuncios", "nombre del conjunto de anuncios", "grupo de anuncios"),
        "pl": ("zestaw reklam", "nazwa zestawu reklam", "grupa reklam"),
        "pt": ("conjunto de anúncios", "nome do conjunto de anúncios", "grupo de anúncios"),
    },
    "ad": {
        "en": ("ad", "ad name"),
        "es": ("anuncio", "nombre del anuncio"),
        "pl": ("reklama", "nazwa reklamy"),
        "pt": ("anúncio", "nome do anúncio"),
    },
    "objective": {
        "en": ("objective", "campaign objective"),
        "es": ("objetivo", "objetivo de la campaña"),
        "pl": ("cel", "cel kampanii"),
        "pt": ("objetivo", "objetivo da campanha"),
    },
    "spend": {
        "en": ("spend", "amount spent", "spent", "cost", "total spend"),
        "es": ("importe gastado", "gasto", "costo", "coste"),
        "pl": ("wydana kwota", "kwota wydana", "koszt", "wydatki"),
        "pt": ("valor usado", "valor gasto", "custo", "gasto"),
    },
    "currency": {
        "en": ("currency", "currency code"),
        "es": ("moneda", "divisa", "código de moneda"),
        "pl": ("waluta", "kod waluty"),
        "pt": ("moeda", "código da moeda"),
    },
    "landing_page_views": {
        "en": ("landing page views", "website landing page views"),
        "es": ("visitas a la página de destino", "vistas de la página de destino"),
        "pl": ("wyświetlenia strony docelowej",),
        "pt": ("visualizações da página de destino",),
    },
    "leads": {
        "en": ("leads", "website leads", "on-facebook leads"),
        "es": ("clientes potenciales", "leads"),
        "pl": ("leady", "potencjalni klienci"),
        "pt": ("leads", "cadastros"),
    },
    "purchases": {
        "en": ("purchases", "website purchases"),
        "es": ("compras", "compras en el sitio web"),
        "pl": ("zakupy",),
        "pt": ("compras",),
    },
    "conversion_value": {
        "en": ("conversion value", "conv. value", "purchases conversion value", "purchase conversion value"),
        "es": ("valor de conversión", "valor de conversión de compras"),
        "pl": ("wartość konwersji", "wartość konwersji z zakupów"),
        "pt": ("valor de conversão", "valor de conversão da compra"),
    },
    # --- CRM: leads, touchpoints, customers, orders ---------------------------------------
    "lead_id": {
        "en": ("lead id", "record id", "contact id"),
        "es": ("id del lead", "id del contacto", "id de registro"),
        "pl": ("id leada", "id kontaktu", "id rekordu"),
        "pt": ("id do lead", "id do contato", "id do registro"),
    },
    "created_at": {
        "en": ("created at", "create date", "created", "creation date", "date created", "created on"),
        "es": ("fecha de creación", "creado", "creado el"),
        "pl": ("data utworzenia", "utworzono"),
        "pt": ("data de criação", "criado em"),
    },
    "channel": {
        "en": ("channel", "original source", "lead source", "acquisition channel"),
        "es": ("canal", "fuente original", "origen del lead", "canal de adquisición"),
        "pl": ("kanał", "źródło pierwotne", "źródło leada", "kanał pozyskania"),
        "pt": ("canal", "fonte original", "origem do lead", "canal de aquisição"),
    },
    "score": {
        "en": ("score", "lead score", "hubspot score"),
        "es": ("puntuación", "puntuación del lead", "puntaje"),
        "pl": ("scoring", "ocena leada", "punktacja"),
        "pt": ("pontuação", "pontuação do lead"),
    },
    "stage": {
        "en": ("stage", "lifecycle stage", "lead stage", "deal stage", "funnel stage"),
        "es": ("etapa", "etapa del ciclo de vida", "fase del ciclo de vida"),
        "pl": ("etap", "etap cyklu życia", "etap lejka"),
        "pt": ("etapa", "estágio", "estágio do ciclo de vida", "fase do ciclo de vida"),
    },
    "qualified": {
        "en": ("qualified", "is qualified"),
        "es": ("cualificado", "calificado"),
        "pl": ("zakwalifikowany", "kwalifikowany"),
        "pt": ("qualificado",),
    },
    "qualified_type": {
        "en": ("qualified type", "qualification type", "qualification"),
        "es": ("tipo de calificación", "tipo de cualificación"),
        "pl": ("typ kwalifikacji", "rodzaj kwalifikacji"),
        "pt": ("tipo de qualificação",),
    },
    "converted_at": {
        "en": ("converted at", "conversion date", "date converted", "became a customer date"),
        "es": ("fecha de conversión", "convertido el"),
        "pl": ("data konwersji", "przekonwertowano"),
        "pt": ("data de conversão", "convertido em"),
    },
    "customer_id": {
        "en": ("customer id", "customer", "client id", "customer number"),
        "es": ("id del cliente", "cliente", "número de cliente"),
        "pl": ("id klienta", "klient", "numer klienta"),
        "pt": ("id do cliente", "cliente", "número do cliente"),
    },
    "touched_at": {
        "en": ("touched at", "touch date", "touchpoint date", "interaction date"),
        "es": ("fecha de interacción", "fecha del punto de contacto"),
        "pl": ("data interakcji", "data punktu styku"),
        "pt": ("data da interação", "data do ponto de contato"),
    },
    "touch_type": {
        "en": ("touch type", "touchpoint type", "interaction type"),
        "es": ("tipo de interacción", "tipo de punto de contacto"),
        "pl": ("typ interakcji", "rodzaj punktu styku"),
        "pt": ("tipo de interação", "tipo de ponto de contato"),
    },
    "acquired_at": {
        "en": ("acquired at", "acquisition date", "customer since", "first order date"),
        "es": ("fecha de adquisición", "cliente desde"),
        "pl": ("data pozyskania", "klient od"),
        "pt": ("data de aquisição", "cliente desde"),
    },
    "is_social": {
        "en": ("is social", "from social", "social customer"),
        "es": ("es social", "de redes sociales"),
        "pl": ("z mediów społecznościowych", "z social mediów"),
        "pt": ("é social", "de redes sociais"),
    },
    "churned_at": {
        "en": ("churned at", "churn date", "cancellation date", "cancelled at"),
        "es": ("fecha de baja", "fecha de cancelación"),
        "pl": ("data rezygnacji", "data odejścia"),
        "pt": ("data de cancelamento", "data de churn"),
    },
    "saved_count": {
        "en": ("saved count", "times saved", "customer saves", "retention saves"),
        "es": ("veces retenido", "retenciones"),
        "pl": ("liczba zatrzymań", "liczba uratowań"),
        "pt": ("vezes retido", "retenções"),
    },
    "control_group": {
        "en": ("control group", "in control group", "holdout"),
        "es": ("grupo de control",),
        "pl": ("grupa kontrolna",),
        "pt": ("grupo de controle", "grupo de controlo"),
    },
    "order_id": {
        "en": ("order id", "order", "order number"),
        "es": ("id del pedido", "pedido", "número de pedido"),
        "pl": ("id zamówienia", "zamówienie", "numer zamówienia"),
        "pt": ("id do pedido", "pedido", "número do pedido"),
    },
    "ordered_at": {
        "en": ("ordered at", "order date", "order time"),
        "es": ("fecha del pedido", "fecha de pedido"),
        "pl": ("data zamówienia",),
        "pt": ("data do pedido",),
    },
    "category": {
        "en": ("category", "product category", "product type"),
        "es": ("categoría", "categoría de producto"),
        "pl": ("kategoria", "kategoria produktu"),
        "pt": ("categoria", "categoria do produto"),
    },
    # --- conversations ---------------------------------------------------------------------------
    "conversation_id": {
        "en": ("conversation id", "thread id", "message id", "ticket id", "case id"),
        "es": ("id de la conversación", "id del mensaje"),
        "pl": ("id rozmowy", "id wiadomości"),
        "pt": ("id da conversa", "id da mensagem"),
    },
    "kind": {
        "en": ("kind", "message type", "conversation type"),
        "es": ("tipo de mensaje", "tipo de conversación"),
        "pl": ("typ wiadomości", "rodzaj rozmowy"),
        "pt": ("tipo de mensagem", "tipo de conversa"),
    },
    "received_at": {
        "en": ("received at", "received", "date received"),
        "es": ("recibido", "fecha de recepción"),
        "pl": ("otrzymano", "data otrzymania"),
        "pt": ("recebido em", "data de recebimento"),
    },
    "first_response_at": {
        "en": ("first response at", "first reply at", "first replied at"),
        "es": ("primera respuesta", "fecha de primera respuesta"),
        "pl": ("pierwsza odpowiedź", "data pierwszej odpowiedzi"),
        "pt": ("primeira resposta", "data da primeira resposta"),
    },
    "is_complaint": {
        "en": ("is complaint", "complaint"),
        "es": ("queja", "es queja", "reclamación"),
        "pl": ("skarga", "reklamacja"),
        "pt": ("reclamação", "é reclamação"),
    },
    "resolved_at": {
        "en": ("resolved at", "resolved", "resolution date", "closed at"),
        "es": ("resuelto", "fecha de resolución"),
        "pl": ("rozwiązano", "data rozwiązania"),
        "pt": ("resolvido em", "data de resolução"),
    },
    "sentiment": {
        "en": ("sentiment", "tone"),
        "es": ("sentimiento", "tono"),
        "pl": ("sentyment", "wydźwięk"),
        "pt": ("sentimento", "tom"),
    },
    # --- targets -------------------------------------------------------------------------------
    "kpi": {
        "en": ("kpi", "kpi id", "metric", "indicator"),
        "es": ("indicador", "métrica"),
        "pl": ("wskaźnik", "miernik", "metryka"),
        "pt": ("indicador", "métrica"),
    },
    "period_start": {
        "en": ("period start", "start date", "from date", "starts"),
        "es": ("inicio del período", "inicio del periodo", "fecha de inicio", "desde"),
        "pl": ("początek okresu", "data początkowa", "data od"),
        "pt": ("início do período", "data de início", "data inicial"),
    },
    "period_end": {
        "en": ("period end", "end date", "to date", "ends"),
        "es": ("fin del período", "fin del periodo", "fecha de fin", "fecha final", "hasta"),
        "pl": ("koniec okresu", "data końcowa", "data do"),
        "pt": ("fim do período", "data de término", "data final"),
    },
    "target": {
        "en": ("target", "target value", "goal"),
        "es": ("meta", "valor objetivo", "objetivo"),
        "pl": ("cel", "wartość docelowa"),
        "pt": ("meta", "valor alvo", "alvo", "objetivo"),
    },
}
# fmt: on

# The flat view `kpi.mapping` indexes: field → every name in every language.
SYNONYMS: dict[str, tuple[str, ...]] = {
    field: tuple(dict.fromkeys(name for names in languages.values() for name in names))
    for field, languages in BY_LANGUAGE.items()
}
