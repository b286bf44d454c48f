"""The declarations of every KPI (the catalog's data). Kept apart from the types in
`kpi.model` so this file reads as a list: one `kpi(...)` per KPI, grouped by family.

What is not a grouped aggregate (readability and content-quality indexes, hashtags, attribution,
cohorts, lead-score buckets, growth of any KPI) lives in `kpi/analytics`, not here."""

from __future__ import annotations

from kpi.model import Kpi, Source, kpi

# Scorecard placements: (perspective, objective, leading or lagging).
_ENGAGE = ("customer", "Engage the community", "leading")
_REACH = ("customer", "Grow the audience", "lagging")
_BUZZ = ("customer", "Get people talking about the brand", "lagging")
_KNOW = ("learning", "Know the audience", "leading")
_PUBLISH = ("internal", "Publish consistently", "leading")
_CARE = ("internal", "Answer the community quickly and well", "leading")
_RESOLVE = ("internal", "Answer the community quickly and well", "lagging")
_TRAFFIC = ("customer", "Bring visitors to the website", "leading")
_SITE = ("internal", "Keep visitors on the website", "leading")
_LEADS = ("customer", "Turn the audience into leads", "leading")
_CUSTOMERS = ("customer", "Win and keep customers", "lagging")
_PAID = ("financial", "Spend ads efficiently", "leading")
_ACQUIRE = ("financial", "Acquire customers profitably", "lagging")
_REVENUE = ("financial", "Grow revenue from social", "lagging")

# Shared expressions, so related KPIs cannot drift apart.
_ENGAGEMENT = "sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0))"
_NET_FOLLOWERS = "sum(new_followers) - sum(lost_followers)"
_RESPONSE_SECONDS = "epoch(first_response_at) - epoch(received_at)"
SOCIAL_TRAFFIC = "lower(coalesce(channel_group, '')) LIKE '%social%' OR lower(coalesce(medium, '')) IN ('social', 'social-network', 'social-media', 'sm')"
_SOCIAL_LEAD = "lower(coalesce(channel, '')) LIKE '%social%'"
_OTHER_LEAD = f"NOT ({_SOCIAL_LEAD})"

KPIS: tuple[Kpi, ...] = (
    # --- engagement ---------------------------------------------------------------------------
    kpi(
        "impressions", "engagement", "posts", "sum(impressions)",
        en=("Impressions", "Times your posts were shown."),
        es=("Impresiones", "Veces que se mostraron tus publicaciones."),
        pl=("Wyświetlenia", "Ile razy pokazano twoje posty."),
        card=_REACH,
    ),
    kpi(
        "reach", "engagement", "posts", "sum(reach)",
        en=("Reach", "People your posts reached (summed over posts)."),
        es=("Alcance", "Personas alcanzadas por tus publicaciones (suma de publicaciones)."),
        pl=("Zasięg", "Osoby, do których dotarły twoje posty (suma postów)."),
        card=_REACH,
    ),
    kpi(
        "profile_visits", "engagement", "account_daily", "sum(profile_visits)",
        en=("Profile visits", "Visits to your profiles, all platforms."),
        es=("Visitas al perfil", "Visitas a tus perfiles, todas las plataformas."),
        pl=("Odwiedziny profilu", "Odwiedziny twoich profili, wszystkie platformy."),
        card=_ENGAGE,
    ),
    kpi(
        "likes", "engagement", "posts", "sum(likes)",
        en=("Likes", "Likes and reactions on your posts."),
        es=("Me gusta", "Me gusta y reacciones en tus publicaciones."),
        pl=("Polubienia", "Polubienia i reakcje pod twoimi postami."),
        card=_ENGAGE,
    ),
    kpi(
        "followers", "engagement", "account_daily", "sum(followers)", kind="stock",
        en=("Followers", "Followers on the period's last day, all platforms."),
        es=("Seguidores", "Seguidores el último día del periodo, todas las plataformas."),
        pl=("Obserwujący", "Obserwujący ostatniego dnia okresu, wszystkie platformy."),
        card=_REACH,
    ),
    kpi(
        "new_followers", "engagement", "account_daily", "sum(new_followers)",
        en=("New followers", "Followers gained in the period."),
        es=("Nuevos seguidores", "Seguidores ganados en el periodo."),
        pl=("Nowi obserwujący", "Obserwujący zyskani w okresie."),
        card=_REACH,
    ),
    kpi(
        "net_new_followers", "engagement", "account_daily", _NET_FOLLOWERS,
        en=("Net new followers", "Followers gained minus followers lost in the period."),
        es=("Nuevos seguidores netos", "Seguidores ganados menos seguidores perdidos en el periodo."),
        pl=("Przyrost netto obserwujących", "Obserwujący zyskani minus utraceni w okresie."),
        card=_REACH,
    ),
    kpi(
        "followers_at_start", "engagement", "account_daily", "sum(followers)", kind="stock", level="first",
        en=("Followers at the start", "Followers on the period's first day, all platforms."),
        es=("Seguidores al inicio", "Seguidores el primer día del periodo, todas las plataformas."),
        pl=("Obserwujący na początku", "Obserwujący pierwszego dnia okresu, wszystkie platformy."),
        card=_REACH,
    ),
    kpi(
        "follower_growth_rate", "engagement", None, "net_new_followers / nullif(followers_at_start, 0)",
        kind="derived",
        en=("Follower growth rate", "Net new followers in the period over the followers at its start (its first day), as Sprout Social, Hootsuite and Metricool report it."),
        es=("Tasa de crecimiento de seguidores", "Nuevos seguidores netos del periodo sobre los seguidores al inicio (su primer día), como lo calculan Sprout Social, Hootsuite y Metricool."),
        pl=("Tempo wzrostu obserwujących", "Przyrost netto obserwujących w okresie względem liczby obserwujących na jego początku (pierwszego dnia), jak w Sprout Social, Hootsuite i Metricool."),
        card=_REACH, format="percent",
    ),
    kpi(
        "comments", "engagement", "posts", "sum(comments)",
        en=("Comments", "Comments on your posts."),
        es=("Comentarios", "Comentarios en tus publicaciones."),
        pl=("Komentarze", "Komentarze pod twoimi postami."),
        card=_ENGAGE,
    ),
    kpi(
        "positive_comments", "engagement", "posts", "sum(comments_positive)",
        en=("Positive comments", "Comments with a positive tone on your posts."),
        es=("Comentarios positivos", "Comentarios de tono positivo en tus publicaciones."),
        pl=("Pozytywne komentarze", "Komentarze o pozytywnym wydźwięku pod twoimi postami."),
        card=_ENGAGE,
    ),
    kpi(
        "negative_comments", "engagement", "posts", "sum(comments_negative)",
        en=("Negative comments", "Comments with a negative tone on your posts."),
        es=("Comentarios negativos", "Comentarios de tono negativo en tus publicaciones."),
        pl=("Negatywne komentarze", "Komentarze o negatywnym wydźwięku pod twoimi postami."),
        card=_ENGAGE, direction="lower",
    ),
    kpi(
        "private_messages", "engagement", "account_daily", "sum(private_messages)",
        en=("Private messages", "Private messages received by your accounts."),
        es=("Mensajes privados", "Mensajes privados recibidos en tus cuentas."),
        pl=("Wiadomości prywatne", "Wiadomości prywatne otrzymane na twoich kontach."),
        card=_ENGAGE,
    ),
    kpi(
        "shares", "engagement", "posts", "sum(shares)",
        en=("Shares", "Times your posts were shared."),
        es=("Compartidos", "Veces que se compartieron tus publicaciones."),
        pl=("Udostępnienia", "Ile razy udostępniono twoje posty."),
        card=_ENGAGE,
    ),
    kpi(
        "saves", "engagement", "posts", "sum(saves)",
        en=("Saves", "Times people saved your posts."),
        es=("Guardados", "Veces que se guardaron tus publicaciones."),
        pl=("Zapisania", "Ile razy zapisano twoje posty."),
        card=_ENGAGE,
    ),
    kpi(
        "engagement", "engagement", "posts", _ENGAGEMENT,
        en=("Engagement", "Likes, comments and shares on your posts."),
        es=("Interacciones", "Me gusta, comentarios y compartidos en tus publicaciones."),
        pl=("Zaangażowanie", "Polubienia, komentarze i udostępnienia pod twoimi postami."),
        card=_ENGAGE,
    ),
    kpi(
        "engagement_rate", "engagement", "posts", _ENGAGEMENT, "sum(impressions)",
        en=("Engagement rate", "Likes, comments and shares per impression."),
        es=("Tasa de interacción", "Me gusta, comentarios y compartidos por impresión."),
        pl=("Współczynnik zaangażowania", "Polubienia, komentarze i udostępnienia na wyświetlenie."),
        card=_ENGAGE, format="percent",
    ),
    kpi(
        "engagement_rate_by_reach", "engagement", "posts", _ENGAGEMENT, "sum(reach)",
        en=("Engagement rate by reach", "Likes, comments and shares per person reached."),
        es=("Tasa de interacción por alcance", "Me gusta, comentarios y compartidos por persona alcanzada."),
        pl=("Współczynnik zaangażowania względem zasięgu", "Polubienia, komentarze i udostępnienia na osobę w zasięgu."),
        card=_ENGAGE, format="percent",
    ),
    # --- internal -------------------------------------------------------------------------------
    kpi(
        "posts", "internal", "posts", "count(*)",
        en=("Posts", "Posts published in the period."),
        es=("Publicaciones", "Publicaciones del periodo."),
        pl=("Posty", "Posty opublikowane w okresie."),
        card=_PUBLISH,
    ),
    kpi(
        "first_response_time_median", "internal", "conversations", f"median({_RESPONSE_SECONDS})",
        en=("First response time (median)", "Typical time to the first answer to a comment or message."),
        es=("Tiempo de primera respuesta (mediana)", "Tiempo típico hasta la primera respuesta a un comentario o mensaje."),
        pl=("Czas pierwszej odpowiedzi (mediana)", "Typowy czas do pierwszej odpowiedzi na komentarz lub wiadomość."),
        card=_CARE, format="duration", direction="lower",
    ),
    kpi(
        "first_response_time_p90", "internal", "conversations", f"quantile_cont({_RESPONSE_SECONDS}, 0.9)",
        en=("First response time (90th percentile)", "Time within which 9 in 10 comments and messages get a first answer."),
        es=("Tiempo de primera respuesta (percentil 90)", "Tiempo en el que 9 de cada 10 comentarios y mensajes reciben una primera respuesta."),
        pl=("Czas pierwszej odpowiedzi (90. percentyl)", "Czas, w którym 9 na 10 komentarzy i wiadomości dostaje pierwszą odpowiedź."),
        card=_CARE, format="duration", direction="lower",
    ),
    kpi(
        "response_rate", "internal", "conversations", "count(first_response_at)", "count(*)",
        en=("Response rate", "Share of comments and messages that got an answer."),
        es=("Tasa de respuesta", "Porcentaje de comentarios y mensajes que recibieron respuesta."),
        pl=("Wskaźnik odpowiedzi", "Odsetek komentarzy i wiadomości, na które odpowiedziano."),
        card=_CARE, format="percent",
    ),
    kpi(
        "complaint_resolution_rate", "internal", "conversations", "count(resolved_at)", "count(*)",
        filter="is_complaint",
        en=("Complaint resolution rate", "Share of complaints that were resolved."),
        es=("Tasa de resolución de quejas", "Porcentaje de quejas que se resolvieron."),
        pl=("Wskaźnik rozwiązanych skarg", "Odsetek skarg, które zostały rozwiązane."),
        card=_RESOLVE, format="percent",
    ),
    # --- popularity -----------------------------------------------------------------------------
    kpi(
        "brand_mentions", "popularity", "account_daily", "sum(brand_mentions)",
        en=("Brand mentions", "Times your brand was mentioned."),
        es=("Menciones de marca", "Veces que se mencionó tu marca."),
        pl=("Wzmianki o marce", "Ile razy wspomniano o twojej marce."),
        card=_BUZZ,
    ),
    kpi(
        "tagged_people", "popularity", "account_daily", "sum(tagged)",
        en=("Tags by people", "Times people tagged your accounts in their posts or photos."),
        es=("Etiquetas de personas", "Veces que otras personas etiquetaron tus cuentas en sus publicaciones o fotos."),
        pl=("Oznaczenia przez użytkowników", "Ile razy inni oznaczyli twoje konta w swoich postach lub zdjęciach."),
        card=_BUZZ,
    ),
    # --- demographic ----------------------------------------------------------------------------
    kpi(
        "followers_by_segment", "demographic", "audience", "sum(followers)", kind="stock", per=("dimension",),
        en=("Followers by segment", "Followers per audience segment (age, gender, country…) at the latest snapshot; one dimension at a time, since every dimension counts the same people."),
        es=("Seguidores por segmento", "Seguidores por segmento de audiencia (edad, género, país…) en la última instantánea."),
        pl=("Obserwujący według segmentu", "Obserwujący w segmentach odbiorców (wiek, płeć, kraj…) według ostatniego zestawienia."),
        card=_KNOW,
    ),
    # --- inbound traffic ----------------------------------------------------------------------
    kpi(
        "sessions", "inbound_traffic", "web_traffic", "sum(sessions)",
        en=("Sessions", "Visits to your website, all sources."),
        es=("Sesiones", "Visitas a tu web, todas las fuentes."),
        pl=("Sesje", "Wizyty na twojej stronie, wszystkie źródła."),
        card=_TRAFFIC,
    ),
    kpi(
        "social_sessions", "inbound_traffic", "web_traffic", "sum(sessions)",
        filter=SOCIAL_TRAFFIC,
        en=("Sessions from social", "Website visits that came from social networks."),
        es=("Sesiones desde redes", "Visitas a la web que llegaron desde redes sociales."),
        pl=("Sesje z mediów społecznościowych", "Wizyty na stronie z mediów społecznościowych."),
        card=_TRAFFIC,
    ),
    kpi(
        "social_session_share", "inbound_traffic", "web_traffic",
        f"sum(CASE WHEN {SOCIAL_TRAFFIC} THEN sessions ELSE 0 END)", "sum(sessions)",
        en=("Social share of sessions", "Share of website visits that came from social networks."),
        es=("Cuota de sesiones desde redes", "Porcentaje de visitas a la web que llegaron desde redes sociales."),
        pl=("Udział sesji z mediów społecznościowych", "Odsetek wizyt na stronie, które przyszły z mediów społecznościowych."),
        card=_TRAFFIC, format="percent",
    ),
    kpi(
        "search_clicks", "inbound_traffic", "search_queries", "sum(clicks)",
        en=("Search clicks", "Clicks to your site from search results."),
        es=("Clics desde búsqueda", "Clics hacia tu web desde los resultados de búsqueda."),
        pl=("Kliknięcia z wyszukiwarki", "Kliknięcia do twojej strony z wyników wyszukiwania."),
        card=_TRAFFIC,
    ),
    # --- conversions ----------------------------------------------------------------------------
    kpi(
        "leads", "conversions", "leads", "count(*)", sources=(Source("ads", "sum(leads)"),),
        en=("Leads", "New leads in your CRM, or else the leads your ads report."),
        es=("Clientes potenciales", "Nuevos clientes potenciales en tu CRM, o si no los clientes potenciales que reportan tus anuncios."),
        pl=("Leady", "Nowe leady w twoim CRM, a bez niego leady raportowane przez reklamy."),
        card=_LEADS,
    ),
    kpi(
        "purchases", "conversions", "orders", "count(*)",
        sources=(Source("web_traffic", "sum(transactions)"), Source("ads", "sum(purchases)")),
        en=("Purchases", "Orders from your shop, or else the purchases web analytics or your ads report."),
        es=("Compras", "Pedidos de tu tienda, o si no las compras que reportan la analítica web o tus anuncios."),
        pl=("Zakupy", "Zamówienia z twojego sklepu, a bez nich zakupy raportowane przez analitykę lub reklamy."),
        card=_CUSTOMERS,
    ),
    kpi(
        "conversions", "conversions", "web_traffic", "sum(conversions)",
        sources=(Source("ads", "sum(conversions)"),),
        en=("Conversions", "Conversions web analytics counts, or else those your ads report."),
        es=("Conversiones", "Conversiones que cuenta la analítica web, o si no las que reportan tus anuncios."),
        pl=("Konwersje", "Konwersje liczone przez analitykę internetową, a bez niej raportowane przez reklamy."),
        card=_CUSTOMERS,
    ),
    kpi(
        "qualified_interactions", "conversions", "leads", "count(*)",
        filter=f"qualified AND ({_SOCIAL_LEAD})",
        en=("Qualified interactions", "Leads from social that qualified (a sign-up, a sales-ready contact…)."),
        es=("Interacciones cualificadas", "Clientes potenciales de redes que se cualificaron (un registro, un contacto listo para ventas…)."),
        pl=("Kwalifikowane interakcje", "Leady z mediów społecznościowych, które się zakwalifikowały (rejestracja, kontakt gotowy do sprzedaży…)."),
        card=_LEADS,
    ),
    kpi(
        "social_leads", "conversions", "leads", "count(*)", filter=_SOCIAL_LEAD,
        en=("Social leads", "New leads that came from social media."),
        es=("Clientes potenciales de redes sociales", "Nuevos clientes potenciales que llegaron desde redes sociales."),
        pl=("Leady z social media", "Nowe leady pozyskane w mediach społecznościowych."),
        card=_LEADS,
    ),
    kpi(
        "social_lead_conversion_rate", "conversions", "leads",
        "count(converted_at)", "count(*)", filter=_SOCIAL_LEAD,
        en=("Social leads converted", "Share of leads from social that became customers."),
        es=("Clientes potenciales sociales convertidos", "Porcentaje de clientes potenciales de redes que se hicieron clientes."),
        pl=("Konwersja leadów z social media", "Odsetek leadów z social media, które zostały klientami."),
        card=_REVENUE, format="percent",
    ),
    kpi(
        "non_social_lead_conversion_rate", "conversions", "leads",
        "count(converted_at)", "count(*)", filter=_OTHER_LEAD,
        en=("Other leads converted", "Share of leads from other channels that became customers, to compare with social."),
        es=("Clientes potenciales de otros canales convertidos", "Porcentaje de clientes potenciales de otros canales que se hicieron clientes, para comparar con redes."),
        pl=("Konwersja leadów z innych kanałów", "Odsetek leadów z innych kanałów, które zostały klientami (do porównania z social media)."),
        card=_REVENUE, format="percent",
    ),
    kpi(
        "social_lead_revenue", "conversions", "leads", "sum(revenue)", filter=_SOCIAL_LEAD,
        en=("Revenue from social leads", "Revenue won from leads that came from social media."),
        es=("Ingresos de clientes potenciales sociales", "Ingresos obtenidos de clientes potenciales que llegaron desde redes sociales."),
        pl=("Przychód z leadów z social media", "Przychód z leadów pozyskanych w mediach społecznościowych."),
        card=_REVENUE, format="currency",
    ),
    kpi(
        "order_revenue", "conversions", "orders", "sum(revenue)",
        en=("Order revenue", "Revenue from orders placed in the period."),
        es=("Ingresos por pedidos", "Ingresos de los pedidos realizados en el periodo."),
        pl=("Przychód z zamówień", "Przychód z zamówień złożonych w okresie."),
        card=_REVENUE, format="currency",
    ),
    # --- paid -------------------------------------------------------------------------------------
    kpi(
        "spend", "paid", "ads", "sum(spend)",
        en=("Ad spend", "Money spent on ads."),
        es=("Gasto en anuncios", "Dinero invertido en anuncios."),
        pl=("Wydatki na reklamy", "Pieniądze wydane na reklamy."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "cpm", "paid", "ads", "sum(spend)", "sum(impressions)", scale=1000,
        en=("CPM", "Ad spend per 1,000 ad impressions."),
        es=("CPM", "Gasto en anuncios por cada 1000 impresiones."),
        pl=("CPM", "Wydatki na reklamy na 1000 wyświetleń reklam."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "cost_per_click", "paid", "ads", "sum(spend)", "sum(clicks)",
        en=("Cost per visitor (CPC)", "Ad spend per click to your site."),
        es=("Coste por visitante (CPC)", "Gasto en anuncios por clic hacia tu web."),
        pl=("Koszt odwiedzin (CPC)", "Wydatki na reklamy na kliknięcie do strony."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "cost_per_lead", "paid", "ads", "sum(spend)", "sum(leads)",
        en=("Cost per lead", "Ad spend per lead from ads."),
        es=("Coste por cliente potencial", "Gasto en anuncios por cliente potencial de anuncios."),
        pl=("Koszt leada", "Wydatki na reklamy na leada z reklam."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "cost_per_follower", "paid", "ads", "sum(spend)", "sum(new_followers)",
        en=("Cost per new follower", "Ad spend per follower gained from ads."),
        es=("Coste por nuevo seguidor", "Gasto en anuncios por seguidor ganado con anuncios."),
        pl=("Koszt nowego obserwującego", "Wydatki na reklamy na obserwującego zyskanego z reklam."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "cost_per_add_to_cart", "paid", "ads", "sum(spend)", "sum(add_to_carts)",
        en=("Cost per add-to-cart", "Ad spend per product added to a cart from ads."),
        es=("Coste por añadido al carrito", "Gasto en anuncios por producto añadido al carrito desde anuncios."),
        pl=("Koszt dodania do koszyka", "Wydatki na reklamy na jedno dodanie do koszyka z reklam."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "cost_per_sale", "paid", "ads", "sum(spend)", "sum(purchases)",
        en=("Cost per sale", "Ad spend per purchase from ads."),
        es=("Coste por venta", "Gasto en anuncios por compra desde anuncios."),
        pl=("Koszt sprzedaży", "Wydatki na reklamy na jeden zakup z reklam."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "roas", "paid", "ads", "sum(conversion_value)", "sum(spend)",
        en=("ROAS", "Revenue from ads per unit of ad spend."),
        es=("ROAS", "Ingresos de anuncios por unidad de gasto."),
        pl=("ROAS", "Przychód z reklam na jednostkę wydatków."),
        card=_REVENUE, format="ratio",
    ),
    kpi(
        "roi", "paid", "ads", "sum(conversion_value) - sum(spend)", "sum(spend)",
        en=("ROI", "(Revenue − cost) / cost of ads."),
        es=("ROI", "(Ingresos − coste) / coste de los anuncios."),
        pl=("ROI", "(Przychód − koszt) / koszt reklam."),
        card=_REVENUE, format="percent",
    ),
    kpi(
        "cac", "paid", None, "spend / nullif(new_customers, 0)", kind="derived",
        en=("Customer acquisition cost (CAC)", "Ad spend per new customer."),
        es=("Coste de adquisición de cliente (CAC)", "Gasto en anuncios por cliente nuevo."),
        pl=("Koszt pozyskania klienta (CAC)", "Wydatki na reklamy na nowego klienta."),
        card=_ACQUIRE, format="currency", direction="lower",
    ),
    kpi(
        "ltv", "paid", None, "order_revenue / nullif(customers_ordering, 0)", kind="derived",
        en=("Customer lifetime value (LTV)", "Order revenue per customer who ordered."),
        es=("Valor del cliente (LTV)", "Ingresos por pedidos por cliente que compró."),
        pl=("Wartość klienta (LTV)", "Przychód z zamówień na klienta, który złożył zamówienie."),
        card=_ACQUIRE, format="currency",
    ),
    kpi(
        "ltv_cac", "paid", None, "ltv / nullif(cac, 0)", kind="derived",
        en=("LTV : CAC", "Customer value per unit of acquisition cost."),
        es=("LTV : CAC", "Valor del cliente por unidad de coste de adquisición."),
        pl=("LTV : CAC", "Wartość klienta na jednostkę kosztu pozyskania."),
        card=_ACQUIRE, format="ratio",
    ),
    # --- traffic --------------------------------------------------------------------------------
    kpi(
        "time_on_site", "traffic", "web_traffic", "sum(engagement_seconds)", "sum(sessions)",
        en=("Time on site", "Average engaged time per session."),
        es=("Tiempo en el sitio", "Tiempo medio de interacción por sesión."),
        pl=("Czas na stronie", "Średni czas zaangażowania na sesję."),
        card=_SITE, format="duration",
    ),
    kpi(
        "bounce_rate", "traffic", "web_traffic", "sum(bounces)", "sum(sessions)",
        en=("Bounce rate", "Sessions that left after one page, per session."),
        es=("Tasa de rebote", "Sesiones que salieron tras una página, por sesión."),
        pl=("Współczynnik odrzuceń", "Sesje zakończone po jednej stronie, na sesję."),
        card=_SITE, format="percent", direction="lower",
    ),
    kpi(
        "adjusted_bounce_rate", "traffic", "web_traffic",
        "sum(sessions) - sum(engaged_sessions)", "sum(sessions)",
        en=("Adjusted bounce rate", "Share of sessions that were not engaged (short, one page, no conversion)."),
        es=("Tasa de rebote ajustada", "Porcentaje de sesiones sin interacción (cortas, de una página, sin conversión)."),
        pl=("Skorygowany współczynnik odrzuceń", "Odsetek sesji bez zaangażowania (krótkich, jednostronicowych, bez konwersji)."),
        card=_SITE, format="percent", direction="lower",
    ),
    kpi(
        "pages_per_session", "traffic", "web_traffic", "sum(pageviews)", "sum(sessions)",
        en=("Pages per session", "Pages viewed per visit."),
        es=("Páginas por sesión", "Páginas vistas por visita."),
        pl=("Strony na sesję", "Liczba odsłon na wizytę."),
        card=_SITE, format="decimal",
    ),
    # --- average A per B ------------------------------------------------------------------------
    kpi(
        "avg_clicks_per_post", "average", "posts", "sum(clicks)", "count(*)",
        en=("Clicks per post", "Average clicks per published post."),
        es=("Clics por publicación", "Media de clics por publicación."),
        pl=("Kliknięcia na post", "Średnia liczba kliknięć na post."),
        card=_ENGAGE, format="decimal",
    ),
    kpi(
        "avg_comments_per_post", "average", "posts", "sum(comments)", "count(*)",
        en=("Comments per post", "Average comments per published post."),
        es=("Comentarios por publicación", "Media de comentarios por publicación."),
        pl=("Komentarze na post", "Średnia liczba komentarzy na post."),
        card=_ENGAGE, format="decimal",
    ),
    kpi(
        "avg_shares_per_post", "average", "posts", "sum(shares)", "count(*)",
        en=("Shares per post", "Average shares per published post."),
        es=("Compartidos por publicación", "Media de compartidos por publicación."),
        pl=("Udostępnienia na post", "Średnia liczba udostępnień na post."),
        card=_ENGAGE, format="decimal",
    ),
    kpi(
        "avg_shares_per_article", "average", "posts", "sum(shares)", "count(*)",
        filter="lower(post_type) IN ('link', 'article')",
        en=("Shares per article", "Average shares per link or article post."),
        es=("Compartidos por artículo", "Media de compartidos por publicación con enlace o artículo."),
        pl=("Udostępnienia na artykuł", "Średnia liczba udostępnień na post z linkiem lub artykułem."),
        card=_ENGAGE, format="decimal",
    ),
    kpi(
        "avg_likes_per_post", "average", "posts", "sum(likes)", "count(*)",
        en=("Likes per post", "Average likes per published post."),
        es=("Me gusta por publicación", "Media de me gusta por publicación."),
        pl=("Polubienia na post", "Średnia liczba polubień na post."),
        card=_ENGAGE, format="decimal",
    ),
    kpi(
        "avg_impressions_per_post", "average", "posts", "sum(impressions)", "count(*)",
        en=("Impressions per post", "Average impressions per published post."),
        es=("Impresiones por publicación", "Media de impresiones por publicación."),
        pl=("Wyświetlenia na post", "Średnia liczba wyświetleń na post."),
        card=_REACH, format="decimal",
    ),
    kpi(
        "avg_spend_per_campaign", "average", "ads", "sum(spend)", "count(DISTINCT campaign)",
        en=("Spend per campaign", "Average ad spend per campaign."),
        es=("Gasto por campaña", "Gasto medio en anuncios por campaña."),
        pl=("Wydatki na kampanię", "Średnie wydatki na reklamy na kampanię."),
        card=_PAID, format="currency", direction="lower",
    ),
    kpi(
        "avg_sessions_per_day", "average", "web_traffic", "sum(sessions)", "count(DISTINCT date)",
        en=("Sessions per day", "Average website visits per day with data."),
        es=("Sesiones por día", "Media de visitas a la web por día con datos."),
        pl=("Sesje dziennie", "Średnia liczba wizyt na stronie na dzień z danymi."),
        card=_TRAFFIC, format="decimal",
    ),
    # --- leads & customers ----------------------------------------------------------------------
    kpi(
        "qualified_leads", "leads", "leads", "count(*)", filter="qualified",
        en=("Qualified leads", "New leads marked as qualified, all channels."),
        es=("Clientes potenciales cualificados", "Nuevos clientes potenciales marcados como cualificados, todos los canales."),
        pl=("Leady zakwalifikowane", "Nowe leady oznaczone jako zakwalifikowane, wszystkie kanały."),
        card=_LEADS,
    ),
    kpi(
        "converted_leads", "leads", "leads", "count(converted_at)",
        en=("Converted leads", "New leads that became customers."),
        es=("Clientes potenciales convertidos", "Nuevos clientes potenciales que se hicieron clientes."),
        pl=("Leady przekonwertowane", "Nowe leady, które zostały klientami."),
        card=_CUSTOMERS,
    ),
    kpi(
        "lead_conversion_rate", "leads", "leads", "count(converted_at)", "count(*)",
        en=("Lead conversion rate", "Share of new leads that became customers, all channels."),
        es=("Tasa de conversión de clientes potenciales", "Porcentaje de nuevos clientes potenciales que se hicieron clientes, todos los canales."),
        pl=("Współczynnik konwersji leadów", "Odsetek nowych leadów, które zostały klientami, wszystkie kanały."),
        card=_CUSTOMERS, format="percent",
    ),
    kpi(
        "avg_lead_score", "leads", "leads", "sum(score)", "count(score)",
        en=("Average lead score", "Mean score of new scored leads."),
        es=("Puntuación media de clientes potenciales", "Puntuación media de los nuevos clientes potenciales puntuados."),
        pl=("Średnia ocena leadów", "Średnia punktacja nowych ocenionych leadów."),
        card=_LEADS, format="decimal",
    ),
    kpi(
        "new_customers", "leads", "customers", "count(*)",
        en=("New customers", "Customers acquired in the period."),
        es=("Clientes nuevos", "Clientes captados en el periodo."),
        pl=("Nowi klienci", "Klienci pozyskani w okresie."),
        card=_CUSTOMERS,
    ),
    kpi(
        "churned_customers", "leads", "customers", "count(churned_at)",
        en=("Churned customers", "Customers acquired in the period who have since left."),
        es=("Clientes perdidos", "Clientes captados en el periodo que ya se han dado de baja."),
        pl=("Utraceni klienci", "Klienci pozyskani w okresie, którzy już odeszli."),
        card=_CUSTOMERS, direction="lower",
    ),
    kpi(
        "customer_retention_rate", "leads", "customers", "count(*) - count(churned_at)", "count(*)",
        en=("Customer retention rate", "Share of customers acquired in the period who are still customers."),
        es=("Tasa de retención de clientes", "Porcentaje de clientes captados en el periodo que siguen siéndolo."),
        pl=("Wskaźnik utrzymania klientów", "Odsetek klientów pozyskanych w okresie, którzy nadal są klientami."),
        card=_CUSTOMERS, format="percent",
    ),
    kpi(
        "customer_saves", "leads", "customers", "sum(saved_count)",
        en=("Customer saves", "Times customers about to leave were kept."),
        es=("Clientes retenidos", "Veces que se retuvo a clientes a punto de irse."),
        pl=("Uratowani klienci", "Ile razy zatrzymano klientów, którzy chcieli odejść."),
        card=_CUSTOMERS,
    ),
    kpi(
        "social_customer_share", "leads", "customers",
        "sum(CASE WHEN is_social THEN 1 ELSE 0 END)", "count(*)",
        en=("Social share of new customers", "Share of new customers acquired through social media."),
        es=("Cuota social de clientes nuevos", "Porcentaje de clientes nuevos captados a través de redes sociales."),
        pl=("Udział social media w nowych klientach", "Odsetek nowych klientów pozyskanych przez media społecznościowe."),
        card=_CUSTOMERS, format="percent",
    ),
    kpi(
        "customers_ordering", "leads", "orders", "count(DISTINCT customer_id)",
        en=("Ordering customers", "Distinct customers who placed an order in the period."),
        es=("Clientes con pedidos", "Clientes distintos que hicieron un pedido en el periodo."),
        pl=("Kupujący klienci", "Różni klienci, którzy złożyli zamówienie w okresie."),
        card=_CUSTOMERS,
    ),
    kpi(
        "revenue_per_customer", "leads", "orders", "sum(revenue)", "count(DISTINCT customer_id)",
        en=("Revenue per customer", "Order revenue per customer who ordered (can be broken down by category)."),
        es=("Ingresos por cliente", "Ingresos por pedidos por cliente que compró (se puede desglosar por categoría)."),
        pl=("Przychód na klienta", "Przychód z zamówień na kupującego klienta (z możliwym podziałem na kategorie)."),
        card=_REVENUE, format="currency",
    ),
    kpi(
        "orders_per_customer", "leads", "orders", "count(*)", "count(DISTINCT customer_id)",
        en=("Orders per customer", "Orders per customer who ordered in the period."),
        es=("Pedidos por cliente", "Pedidos por cliente que compró en el periodo."),
        pl=("Zamówienia na klienta", "Liczba zamówień na klienta, który kupował w okresie."),
        card=_CUSTOMERS, format="decimal",
    ),
    kpi(
        "social_revenue_per_customer", "leads", "leads",
        "sum(revenue)", "count(DISTINCT customer_id)", filter=_SOCIAL_LEAD,
        en=("Revenue per social customer", "Revenue per customer won from a social lead."),
        es=("Ingresos por cliente de redes", "Ingresos por cliente captado a partir de un cliente potencial de redes sociales."),
        pl=("Przychód na klienta z social media", "Przychód na klienta pozyskanego z leada z mediów społecznościowych."),
        card=_REVENUE, format="currency",
    ),
    kpi(
        "non_social_revenue_per_customer", "leads", "leads",
        "sum(revenue)", "count(DISTINCT customer_id)", filter=_OTHER_LEAD,
        en=("Revenue per non-social customer", "Revenue per customer won from other channels (the control group)."),
        es=("Ingresos por cliente de otros canales", "Ingresos por cliente captado por otros canales (el grupo de control)."),
        pl=("Przychód na klienta z innych kanałów", "Przychód na klienta pozyskanego innymi kanałami (grupa kontrolna)."),
        card=_REVENUE, format="currency",
    ),
)  # fmt: skip
