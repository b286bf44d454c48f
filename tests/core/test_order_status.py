"""Cancelled, refunded, failed and pending orders are no purchases and no revenue: the status
classifier on the spellings shops write, the KPIs and an analysis over a mixed table (expected
values by hand), every order still in `all_orders`, and the Data page saying what was left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.analytics.cohorts import lifetime_value
from kpi.engine import Request, run
from kpi.i18n.messages import use_language
from kpi.load import load_file
from kpi.order_status import classify, is_cancellation_column, reason_sql
from kpi.store import SessionData
from tests.uikit import plain
from ui.load_report import not_counted_words

APRIL = (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
APP = str(Path(__file__).resolve().parents[2] / "app.py")

NOT_COUNTED = {
    "cancelled": (
        "cancelled", "Canceled", "CANCELLED", "wc-cancelled", "trash", "voided", "Cancelado",
        "cancelada", "Anulado", "Anulowane", "anulowano", "Storniert", "Annulé", "annulée",
        "Annullato", "Geannuleerd", "order_cancelled", "Cancelled by customer",
    ),
    "refunded": (
        "refunded", "Refunded", "wc-refunded", "Reembolsado", "Devuelto", "Zwrócone", "zwrot",
        "Erstattet", "Rückerstattet", "Remboursé", "Rimborsato", "Terugbetaald", "Estornado",
        "Devolvido", "chargeback", "Dispute lost",
    ),
    "failed": (
        "failed", "Failed", "wc-failed", "declined", "Rejected", "expired", "abandoned", "Blocked",
        "Fallido", "Rechazado", "Odrzucone", "Nieudane", "Fehlgeschlagen", "Zahlungsfehler",
        "Échoué", "Payment error", "Błąd płatności", "Mislukt", "Recusado",
    ),
    "pending": (
        "pending", "wc-pending", "unpaid", "Awaiting payment", "Attente paiement",
        "Aguardando pagamento", "Wachtend op betaling", "Oczekujące na płatność", "Uncaptured", "Requires payment method", "wc-checkout-draft",
        "Pendiente de pago", "Oczekuje na płatność", "Nieopłacone", "Zahlung ausstehend",
        "En attente de paiement", "In attesa di pagamento", "In afwachting van betaling",
        "On backorder (not paid)",
    ),
}  # fmt: skip
COUNTED = (
    "paid", "Paid", "completed", "wc-completed", "wc-processing", "processing", "fulfilled",
    "shipped", "Delivered", "succeeded", "partially_refunded", "Partially refunded",
    "partially_paid", "Reembolso parcial", "Częściowo zwrócone", "Teilweise erstattet",
    "Pago aceptado", "Zrealizowane", "Wysłane", "Abgeschlossen", "Terminée", "Completato",
    "Voltooid", "Concluído", "Disputed", "On backorder (paid)",
    "Pedido pendiente por falta de stock (pagado)", "not refunded", "no reembolsado",
    "nie anulowane", "nicht storniert",
    # On hold and authorized, as WooCommerce's analytics and Shopify's sales count them.
    "wc-on-hold", "on hold", "On-hold", "authorized", "Authorised", "En espera",
    "Wstrzymane (oczekujące)", "In Wartestellung", "En attente", "In sospeso", "Aguardando",
    "In de wacht",
    # Unknown statuses are counted, never dropped.
    "whatever-xyz", "Estado 7", "", None,
)  # fmt: skip


@pytest.mark.parametrize(
    ("status", "reason"), [(s, r) for r, statuses in NOT_COUNTED.items() for s in statuses]
)
def test_a_status_that_is_no_sale_is_not_counted_with_its_reason(status, reason):
    assert classify(status) == reason


@pytest.mark.parametrize("status", COUNTED)
def test_a_sale_a_partial_refund_a_negation_or_an_unknown_status_is_counted(status):
    assert classify(status) is None


def test_cancellation_date_columns_are_recognised_by_their_names():
    for name in ("Cancelled at", "canceled_at", "Fecha de cancelación", "Data anulowania",
                 "Storniert am", "Stornodatum", "Date d'annulation"):  # fmt: skip
        assert is_cancellation_column(name), name
    for name in ("Cancel Reason", "Status", "Created at", "Paid at"):
        assert not is_cancellation_column(name), name


def test_the_sql_names_each_status_once_and_counts_a_table_without_one():
    sql = reason_sql(["paid", "Cancelado", "it's refunded"], ["order_id", "status"])
    assert "'Cancelado'" in sql and "'it''s refunded'" in sql and "'paid'" not in sql
    assert reason_sql([], ["order_id"]) == "CAST(NULL AS VARCHAR)"


# A shop export with statuses in several languages (one table may mix them: a shop that
# changed its admin language). Counted: 1001 100, 1005 40, 1007 25 (partial refund), 1010 15
# (shipped), 1011 5 (unknown status), 1012 8 (no status) = 6 orders, 193.00, 5 customers.
ORDERS = (
    "Order ID,Created at,Email,Total,Status\n"
    "1001,2026-04-02,ana@example.com,100.00,paid\n"
    "1002,2026-04-03,bo@example.com,50.00,wc-cancelled\n"
    "1003,2026-04-04,ana@example.com,30.00,Reembolsado\n"
    "1004,2026-04-05,cy@example.com,20.00,Zwrócone\n"
    "1005,2026-04-06,bo@example.com,40.00,Completado\n"
    "1006,2026-04-07,dee@example.com,70.00,Storniert\n"
    "1007,2026-04-08,cy@example.com,25.00,Teilweise erstattet\n"
    "1008,2026-04-09,ed@example.com,60.00,Échoué\n"
    "1009,2026-04-10,ana@example.com,10.00,En attente de paiement\n"
    "1010,2026-04-11,fay@example.com,15.00,Enviado\n"
    "1011,2026-04-12,gus@example.com,5.00,whatever-xyz\n"
    "1012,2026-04-13,bo@example.com,8.00,\n"
)
CUSTOMERS = (
    "customer_id,acquired_at,channel\n"
    "ana@example.com,2026-04-01,social\n"
    "bo@example.com,2026-04-01,social\n"
    "cy@example.com,2026-04-01,email\n"
    "dee@example.com,2026-04-01,email\n"
)


def _session(*files: tuple[str, str]) -> SessionData:
    data = SessionData()
    for name, text in files:
        data.add(load_file(name, text.encode()))
    return data


def _values(data: SessionData, *kpis: str) -> dict[str, float]:
    rows = run(data.con, Request(kpis, *APRIL)).rows
    return dict(zip(rows["kpi"], rows["value"], strict=True))


def test_purchases_and_revenue_leave_out_orders_that_were_no_sale():
    data = _session(("orders_export.csv", ORDERS))
    reading = data.tables[0].mapping
    assert reading.dataset == "orders" and reading.mapping["Status"] == "status"
    values = _values(
        data,
        "purchases",
        "order_revenue",
        "customers_ordering",
        "revenue_per_customer",
        "orders_per_customer",
    )
    assert values == pytest.approx(
        {
            "purchases": 6,
            "order_revenue": 193.0,
            "customers_ordering": 5,
            "revenue_per_customer": 193.0 / 5,
            "orders_per_customer": 6 / 5,
        }
    )
    assert data.not_counted == {"cancelled": 2, "refunded": 2, "failed": 1, "pending": 1}


def test_every_order_stays_in_all_orders_with_its_flag_and_reason():
    data = _session(("orders_export.csv", ORDERS))
    total = data.con.execute("SELECT count(*), sum(revenue) FROM all_orders").fetchall()
    assert total == [(12, 433.0)]
    left_out = data.con.execute(
        "SELECT order_id, not_counted_reason FROM all_orders WHERE NOT counted ORDER BY order_id"
    ).fetchall()
    assert left_out == [
        ("1002", "cancelled"),
        ("1003", "refunded"),
        ("1004", "refunded"),
        ("1006", "cancelled"),
        ("1008", "failed"),
        ("1009", "pending"),
    ]
    columns = [r[0] for r in data.con.execute("DESCRIBE orders").fetchall()]
    assert "counted" not in columns and "not_counted_reason" not in columns
    assert data.datasets()["orders"] == 6


def test_customer_lifetime_value_reads_only_counted_orders():
    data = _session(("orders_export.csv", ORDERS), ("customers.csv", CUSTOMERS))
    ltv = lifetime_value(data.con, as_of=dt.date(2026, 4, 30), by=("channel",))
    by_channel = dict(zip(ltv["channel"], ltv["revenue"], strict=True))
    # social: ana 100 (her refund and pending order left out), bo 40 + 8 (cancelled 50 left
    # out); email: cy 25 (refund of 20 left out), dee 0 (her only order was cancelled).
    assert by_channel == pytest.approx({"social": 148.0, "email": 25.0})


def test_a_cancellation_date_column_leaves_the_order_out():
    text = (
        "Name,Created at,Email,Financial Status,Total,Cancelled at\n"
        "#1,2026-04-02,a@example.com,paid,10.00,\n"
        "#2,2026-04-03,b@example.com,paid,20.00,2026-04-04 09:00:00\n"
        "#3,2026-04-04,c@example.com,voided,30.00,2026-04-05 09:00:00\n"
    )
    data = _session(("orders_export_1.csv", text))
    assert data.tables[0].mapping.dataset == "orders"
    assert _values(data, "purchases", "order_revenue") == {"purchases": 1, "order_revenue": 10}
    assert data.not_counted == {"cancelled": 2}


def test_orders_without_a_status_are_all_counted():
    text = "Order ID,Order Date,Customer Email,Revenue\n1,2026-04-02,a@x.com,3\n2,2026-04-03,b@x.com,4\n"
    data = _session(("orders.csv", text))
    assert _values(data, "purchases", "order_revenue") == {"purchases": 2, "order_revenue": 7}
    assert data.not_counted == {}
    assert data.con.execute("SELECT count(*) FROM all_orders WHERE counted").fetchall() == [(2,)]


def test_the_message_reads_in_each_language_with_its_plural_forms():
    reasons = {"cancelled": 9, "refunded": 3}
    with use_language("en"):
        assert not_counted_words(reasons).startswith(
            "12 orders were not counted as purchases or as revenue: 9 cancelled, 3 refunded."
        )
        assert not_counted_words({}) is None
    with use_language("es"):
        assert not_counted_words(reasons).startswith(
            "12 pedidos no se han contado como compras ni como ingresos: 9 cancelados, "
            "3 reembolsados."
        )
    with use_language("pl"):
        assert not_counted_words(reasons).startswith(
            "12 zamówień nie zostało policzonych jako zakupy ani przychód: 9 anulowanych, "
            "3 zwrócone."
        )
        assert not_counted_words({"pending": 1}).startswith("1 zamówienie nie zostało")


def test_the_data_page_says_which_orders_were_not_counted():
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("orders_export.csv", ORDERS.encode(), "text/csv")]).run()
    assert not at.exception
    shown = [plain(i.value) for i in at.info]
    expected = (
        "6 orders were not counted as purchases or as revenue: 2 cancelled, 2 refunded, "
        "1 failed or declined, 1 pending (not paid yet)."
    )
    assert any(s.startswith(expected) for s in shown), shown
