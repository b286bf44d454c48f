"""Header cleaning, values as evidence, title lines and reasons: the classes of failure seen on
exports nobody had tuned for, each pinned by a small hand-made table."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from kpi.load import load_file
from kpi.mapping import clean_header, match_keys, normalise, recognise, recognise_loaded
from kpi.mapping.evidence import grain, profile_table
from kpi.mapping.names import platform_from_name, platform_from_url
from kpi.mapping.titles import chart_metric


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Video\u00adtitel", "videotitel"),  # soft hyphen (YouTube Studio, German)
        ("Post\u00a0text", "post_text"),  # no-break space
        ("Im\u200bpressions", "impressions"),  # zero-width space
        ("\ufeffPost ID", "post_id"),  # a BOM left on the first name
        ("Ｖｉｅｗｓ", "views"),  # full-width letters (NFKC)
        ("J’aime", "j_aime"),  # a curly apostrophe is an apostrophe
        ("Zasięg", "zasieg"),
        ("Łączna liczba kliknięć", "laczna_liczba_klikniec"),
    ],
)
def test_headers_fold_to_one_form(raw: str, folded: str) -> None:
    assert normalise(raw) == folded


@pytest.mark.parametrize(
    ("raw", "bare"),
    [
        ("Amount spent (USD)", "amount_spent"),
        ("Importe gastado (EUR)", "importe_gastado"),
        ("Watch time (hours)", "watch_time"),
        ("Deal - Stage", "stage"),
        ("Pessoa - Pessoa criada", "pessoa_criada"),
    ],
)
def test_units_currencies_and_crm_prefixes_are_left_out_of_a_second_key(
    raw: str, bare: str
) -> None:
    assert bare in match_keys(raw)
    assert clean_header(" Amount\u00a0 spent ") == "Amount spent"


def test_callers_that_pass_no_values_still_get_a_reading() -> None:
    mapping = recognise(["Fecha", "Impresiones", "Alcance"], "export.csv", {"Fecha": "date"})
    assert (mapping.dataset, mapping.mapping["Impresiones"]) == ("account_daily", "impressions")
    assert mapping.reasons["Impresiones"] == "header matches 'impresiones' (Spanish)"


def _posts_table(empty_title: bool = True) -> pa.Table:
    texts = [
        "Pan de centeno recién salido del horno, con masa madre de tres días",
        "Tres panes, tres masas madre: ¿cuál es tu favorito? Cuéntanos abajo",
        "Así amasamos cada mañana antes de abrir la tienda a las siete en punto",
    ]
    return pa.table(
        {
            "Título": [None, None, None] if empty_title else ["a", "b", "c"],
            "Descripción": texts,
            "Fecha de publicación": [dt.datetime(2025, 3, d, 9, 30) for d in (1, 3, 5)],
            "Me gusta": [10, 20, 30],
        }
    )


def test_an_empty_column_is_not_mapped_while_a_filled_one_can_take_its_field() -> None:
    data = _posts_table()
    types = {"Título": "empty", "Descripción": "text", "Fecha de publicación": "timestamp"}
    mapping = recognise(
        data.column_names, "facebook.csv", types | {"Me gusta": "integer"}, data=data
    )
    assert mapping.dataset == "posts"
    assert mapping.mapping["Descripción"] == "text"
    assert mapping.mapping["Título"] is None


def test_a_per_post_table_with_a_date_column_and_captions_is_posts() -> None:
    data = pa.table(
        {
            "Date": [dt.date(2025, 3, 1)] * 2 + [dt.date(2025, 3, 2)] * 2,
            "Caption": [
                "Our rye bread is back this weekend, come and taste it in the shop",
                "How we bake every morning: a short look behind the scenes",
                "Three breads, three sourdough starters. Which one is your favourite?",
                "Fresh from the oven: sourdough with a three-day starter",
            ],
            "Likes": [1, 2, 3, 4],
            "Reach": [10, 20, 30, 40],
        }
    )
    types = {"Date": "date", "Caption": "text", "Likes": "integer", "Reach": "integer"}
    mapping = recognise(data.column_names, "posts.csv", types, data=data)
    assert mapping.dataset == "posts"
    assert mapping.mapping["Date"] == "published_at"
    assert grain(data.column_names, types, profile_table(data)) == "post"


def test_a_table_with_one_row_per_day_is_daily_account_data() -> None:
    data = pa.table(
        {"Date": [dt.date(2025, 3, d) for d in (1, 2, 3)], "Likes": [1, 2, 3], "Reach": [4, 5, 6]}
    )
    types = {"Date": "date", "Likes": "integer", "Reach": "integer"}
    assert grain(data.column_names, types, profile_table(data)) == "day"
    mapping = recognise(data.column_names, "facebook.csv", types, data=data)
    assert (mapping.dataset, mapping.mapping["Likes"]) == ("account_daily", "likes")


def test_links_are_urls_and_name_the_platform_whatever_the_header() -> None:
    data = pa.table(
        {
            "Publish time": [dt.datetime(2025, 3, d, 9) for d in (1, 2, 3)],
            "Enlace raro": [f"https://www.instagram.com/p/DH{i}/" for i in range(3)],
            "Likes": [1, 2, 3],
        }
    )
    types = {"Publish time": "timestamp", "Enlace raro": "text", "Likes": "integer"}
    mapping = recognise(data.column_names, "export.csv", types, data=data)
    assert (mapping.dataset, mapping.platform) == ("posts", "instagram")
    assert mapping.mapping["Enlace raro"] == "url"
    assert mapping.reasons["Enlace raro"] == "values are links"
    assert platform_from_url("https://youtu.be/abc") == "youtube"


@pytest.mark.parametrize(
    ("title", "metric", "platform"),
    [
        ("Instagram reach", "reach", "instagram"),
        ("Alcance do Instagram", "reach", "instagram"),
        ("Polubienia strony na Facebooku", "new_followers", "facebook"),
        ("Besuche der Facebook-Seite", "page_views", "facebook"),
        ("Visitas ao perfil do Instagram", "profile_visits", "instagram"),
        ("Instagram visits", "profile_visits", "instagram"),
    ],
)
def test_a_chart_title_names_the_metric_and_platform(
    title: str, metric: str, platform: str
) -> None:
    assert chart_metric([title])[:2] == (metric, platform)


def test_a_meta_chart_download_reads_its_metric_from_the_title_line() -> None:
    text = 'sep=,\n"Alcance do Instagram"\n"Date","Primary"\n"2025-03-01T00:00:00","120"\n"2025-03-02T00:00:00","130"\n'
    table = load_file("Alcance.csv", text.encode("utf-16")).tables[0]
    mapping = recognise_loaded(table)
    assert (mapping.dataset, mapping.platform) == ("account_daily", "instagram")
    assert mapping.mapping == {"Date": "date", "Primary": "reach"}
    assert "Alcance do Instagram" in mapping.reasons["Primary"]
    # without the title line the same two columns are not a known metric
    assert recognise(table.data.column_names, "Alcance.csv").mapping.get("Primary") is None


@pytest.mark.parametrize(
    ("columns", "column", "field"),
    [
        (["Data", "Polubienia strony", "Zasięg"], "Polubienia strony", "new_followers"),
        (
            ["Date", "Followers", "Difference in followers from previous day"],
            "Difference in followers from previous day",
            "new_followers",
        ),
    ],
)
def test_page_likes_and_follower_differences_are_new_followers(
    columns: list[str], column: str, field: str
) -> None:
    mapping = recognise(columns, "export.csv", {columns[0]: "date"})
    assert mapping.mapping[column] == field


def test_google_ads_conversions_and_their_value_are_mapped_in_any_language() -> None:
    for columns in (
        ["Campaign", "Currency code", "Clicks", "Impr.", "CTR", "Cost", "Avg. CPC", "Conversions", "Conv. value"],
        ["Kampagne", "Währungscode", "Klicks", "Impr.", "CTR", "Kosten", "Durchschn. CPC", "Conversions", "Conv.-Wert"],
    ):  # fmt: skip
        mapping = recognise(columns, "Campaign report.csv")
        assert (mapping.dataset, mapping.platform) == ("ads", "google")
        assert mapping.mapping[columns[7]] == "conversions"
        assert mapping.mapping[columns[8]] == "conversion_value"


def test_shopify_orders_are_orders() -> None:
    columns = ["Name", "Email", "Financial Status", "Paid at", "Currency", "Total", "Created at"]
    mapping = recognise(
        columns, "orders_export.csv", {"Created at": "timestamp", "Total": "decimal"}
    )
    assert mapping.dataset == "orders"
    assert mapping.mapping == {
        "Name": "order_id", "Email": "customer_id", "Financial Status": "status", "Paid at": None,
        "Currency": "currency", "Total": "revenue", "Created at": "ordered_at",
    }  # fmt: skip


def test_default_export_file_names_name_the_platform() -> None:
    assert platform_from_name("Tabellendaten.csv") == "youtube"
    assert platform_from_name("Dados da tabela (1).csv") == "youtube"
    assert platform_from_name("acme_followers_1742193384396.xls") == "linkedin"
    assert platform_from_name("Queries.csv") is None


def test_a_preset_found_in_another_language_says_so() -> None:
    columns = ["Berichtsbeginn", "Berichtsende", "Kampagnenname", "Ergebnisse", "Ergebnisindikator",
               "Reichweite", "Impressionen", "Kosten pro Ergebnis", "Ausgegebener Betrag (EUR)"]  # fmt: skip
    mapping = recognise(columns, "export.csv", {"Berichtsbeginn": "date"})
    assert (mapping.preset, mapping.platform, mapping.constants) == (
        "meta_ads_manager",
        "facebook",
        {"currency": "EUR"},
    )
    assert mapping.reasons["Ausgegebener Betrag (EUR)"].startswith("preset Meta Ads Manager")
    assert "matched by meaning" in mapping.why
    assert mapping.to_dict()["reasons"] == mapping.reasons


def test_a_persons_own_posts_table_is_not_a_platform_export_by_generic_words() -> None:
    columns = ["Post ID", "Date", "Text", "Link", "Impressions", "Likes", "Comments", "Shares",
               "Saves", "Profile visits"]  # fmt: skip
    mapping = recognise(columns, "posts.csv", {"Date": "date"})
    assert (mapping.preset, mapping.platform) == (None, None)


def test_distinct_ids_under_an_unknown_header_are_the_post_id() -> None:
    data = pa.table(
        {
            "Identyfikator": ["613168031534769_111", "613168031534769_112", "613168031534769_113"],
            "Publish time": [dt.datetime(2025, 3, d, 9) for d in (1, 2, 3)],
            "Views": [12_000, 15_500, 40_210],
        }
    )
    types = {"Identyfikator": "text", "Publish time": "timestamp", "Views": "integer"}
    mapping = recognise(data.column_names, "posts.csv", types, data=data)
    assert mapping.mapping["Identyfikator"] == "post_id"
    assert mapping.reasons["Identyfikator"] == "values are distinct ids"
    assert mapping.mapping["Views"] == "impressions"


def test_a_near_spelling_is_never_the_opposite_word() -> None:
    mapping = recognise(["Date", "Abonnements", "Unlike"], "export.csv", {"Date": "date"})
    assert mapping.mapping["Abonnements"] != "lost_followers"
    assert mapping.mapping["Unlike"] != "likes"
