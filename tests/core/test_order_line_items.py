"""Orders exports that write one row per line item (Shopify, WooCommerce, Etsy) count each order
once: the item rows join their order, the order's total counts once, and the Data page says how
many rows were joined."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.engine import Request, run
from kpi.load import load_file
from kpi.store import SessionData
from tests.uikit import plain

APRIL = (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
APP = str(Path(__file__).resolve().parents[2] / "app.py")

# Shopify's layout (its export's header, as written): the order's fields on its first line, the
# next lines only the item.
SHOPIFY_COLUMNS = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing City,Billing Zip,Billing Country,Shipping Name,"
    "Shipping City,Shipping Country,Notes,Cancelled at,Payment Method,Refunded Amount,Vendor,"
    "Outstanding Balance,Id,Tags,Risk Level,Source,Lineitem discount"
)
SHOPIFY_HEADER = SHOPIFY_COLUMNS.split(",")
ITEMS = [  # order, email, status, total, created, quantity, item, price
    ("#1001", "ana@example.com", "paid", "45.00", "2026-04-05 10:00:00 +0200", 1, "Mug", "15.00"),
    ("#1001", "", "", "", "2026-04-05 10:00:00 +0200", 1, "Beans", "25.00"),
    ("#1002", "bo@example.com", "paid", "12.00", "2026-04-06 11:00:00 +0200", 1, "Mug", "10.00"),
    ("#1003", "ana@example.com", "paid", "33.00", "2026-04-07 12:00:00 +0200", 2, "Beans", "15.00"),
    ("#1003", "", "", "", "2026-04-07 12:00:00 +0200", 1, "Filter", "0.00"),
    ("#1003", "", "", "", "2026-04-07 12:00:00 +0200", 1, "Sticker", "0.00"),
]


def _shopify(items=ITEMS) -> str:
    lines = [",".join(SHOPIFY_HEADER)]
    for order, email, status, total, created, quantity, item, price in items:
        cells = dict.fromkeys(SHOPIFY_HEADER, "")
        first = bool(email)
        cells.update(
            {
                "Name": order,
                "Email": email,
                "Financial Status": status,
                "Total": total,
                "Created at": created,
                "Lineitem quantity": str(quantity),
                "Lineitem name": item,
                "Lineitem price": price,
                "Vendor": "Aurora",
            }
        )
        if first:
            cells.update(
                {
                    "Currency": "EUR",
                    "Subtotal": total,
                    "Shipping": "0.00",
                    "Taxes": "0.00",
                    "Accepts Marketing": "no",
                    "Id": order[1:] + "77",
                    "Source": "web",
                    "Risk Level": "Low",
                }
            )
        lines.append(",".join(cells[h] for h in SHOPIFY_HEADER))
    return "\n".join(lines) + "\n"


SHOPIFY = _shopify()


def _session(*files: tuple[str, str]) -> SessionData:
    data = SessionData()
    for name, text in files:
        data.add(load_file(name, text.encode()))
    return data


def _values(data: SessionData, *kpis: str) -> dict[str, float]:
    rows = run(data.con, Request(kpis, *APRIL)).rows
    return dict(zip(rows["kpi"], rows["value"], strict=True))


def test_a_shopify_export_with_line_items_counts_each_order_once():
    data = _session(("orders_export.csv", SHOPIFY))
    assert data.tables[0].mapping.dataset == "orders"
    assert data.line_items == {"orders": 3}
    rows = data.con.execute(
        "SELECT order_id, customer_id, revenue, status FROM orders ORDER BY order_id"
    ).fetchall()
    assert rows == [
        ("#1001", "ana@example.com", 45.0, "paid"),
        ("#1002", "bo@example.com", 12.0, "paid"),
        ("#1003", "ana@example.com", 33.0, "paid"),
    ]
    values = _values(data, "purchases", "order_revenue", "customers_ordering")
    assert values == {"purchases": 3, "order_revenue": 45 + 12 + 33, "customers_ordering": 2}


def test_an_order_total_repeated_on_every_item_line_counts_once():
    text = (
        "Order ID,Order Date,Customer Email,Order Total\n"
        "501,2026-04-02,a@example.com,80.00\n"
        "501,2026-04-02,a@example.com,80.00\n"
        "502,2026-04-03,b@example.com,20.00\n"
    )
    data = _session(("woocommerce_orders.csv", text))
    assert data.tables[0].mapping.dataset == "orders"
    assert data.line_items == {"orders": 1}
    assert _values(data, "purchases", "order_revenue") == {"purchases": 2, "order_revenue": 100}


def test_amounts_that_differ_between_an_order_s_lines_are_added_up():
    text = (
        "Order ID,Order Date,Customer Email,Revenue\n"
        "501,2026-04-02,a@example.com,30.00\n"
        "501,2026-04-02,a@example.com,50.00\n"
        "502,2026-04-03,b@example.com,20.00\n"
        ",2026-04-04,c@example.com,5.00\n"  # no id: kept as a row of its own
    )
    data = _session(("orders.csv", text))
    assert _values(data, "purchases", "order_revenue") == {"purchases": 3, "order_revenue": 105}


def test_an_export_with_one_row_per_order_is_left_as_it_is():
    text = "Order ID,Order Date,Customer Email,Revenue\n1,2026-04-02,a@x.com,3\n2,2026-04-03,b@x.com,4\n"
    data = _session(("orders.csv", text))
    assert data.line_items == {}
    assert _values(data, "purchases", "order_revenue") == {"purchases": 2, "order_revenue": 7}


def test_two_exports_with_line_items_still_merge_on_the_order_id():
    later = _shopify([(*i[:2], "refunded", *i[3:]) if i[0] == "#1002" else i for i in ITEMS])
    data = _session(("orders_export.csv", SHOPIFY), ("orders_export (1).csv", later))
    assert data.line_items == {"orders": 6}
    # The newer export says #1002 (12.00) was refunded: no longer a purchase nor revenue.
    assert _values(data, "purchases", "order_revenue") == {"purchases": 2, "order_revenue": 78}
    status = data.con.execute(
        "SELECT status, counted FROM all_orders WHERE order_id = '#1002'"
    ).fetchall()
    assert status == [("refunded", False)]
    assert data.not_counted == {"refunded": 1}


def test_the_data_page_says_how_many_item_rows_joined_their_orders():
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value([("orders_export.csv", SHOPIFY.encode(), "text/csv")]).run()
    assert not at.exception
    shown = [plain(i.value) for i in at.info]
    assert any("3 rows of" in s and "each order counts once" in s for s in shown), shown


# Etsy's two downloads (their headers as Etsy writes them; rows made up): Sold Orders has one
# row per order, Sold Order Items one per item with the item's own total.
ETSY_ITEMS = (
    "Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,"
    "Shipping Discount,Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,"
    "Listing ID,Date Paid,Date Shipped,Ship Name,Ship Address1,Ship Address2,Ship City,"
    "Ship State,Ship Zipcode,Ship Country,Order ID,Variations,Order Type,Listings Type,"
    "Payment Type\n"
    '04/03/26,"Ceramic Mug, Speckled",janedoe,2,34.00,,,0,0,8.00,0,68.00,CAD,4001,1501,'
    "04/03/26,04/05/26,Jane Doe,12 Lane,,Kamloops,BC,V2C 1A1,Canada,9001,,online,listing,cc\n"
    "04/03/26,Soap Bar,janedoe,1,9.00,,,0,0,8.00,0,9.00,CAD,4004,1502,"
    "04/03/26,04/05/26,Jane Doe,12 Lane,,Kamloops,BC,V2C 1A1,Canada,9001,,online,listing,cc\n"
    "04/03/26,Soap Bar,janedoe,1,9.00,,,0,0,8.00,0,9.00,CAD,4005,1502,"
    "04/03/26,04/05/26,Jane Doe,12 Lane,,Kamloops,BC,V2C 1A1,Canada,9001,,online,listing,cc\n"
    "04/12/26,Soap Bar,bobsmith,3,9.00,,,0,0,6.00,0,27.00,CAD,4002,1502,"
    "04/12/26,04/14/26,Bob Smith,99 Road,,Seattle,WA,98101,United States,9002,,online,listing,cc\n"
)
ETSY_ORDERS = (
    "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,"
    "Payment Method,Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,"
    "Ship Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,"
    "Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,Order Net,"
    "Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,"
    "Order Type,Payment Type\n"
    "04/03/26,9001,1,Jane Doe,Jane,Doe,4,Credit Card,04/05/26,12 Lane,,Kamloops,BC,V2C 1A1,"
    "Canada,CAD,86.00,,,0,0,8.00,0,94.00,Completed,2.53,91.47,94.00,2.53,91.47,janedoe,online,cc\n"
    "04/12/26,9002,2,Bob Smith,Bob,Smith,3,Credit Card,04/14/26,99 Road,,Seattle,WA,98101,"
    "United States,CAD,27.00,,,0,0,6.00,0,33.00,Completed,1.16,31.84,33.00,1.16,31.84,bobsmith,"
    "online,cc\n"
)


def test_etsy_sold_order_items_add_up_each_order_s_item_totals():
    data = _session(("EtsySoldOrderItems2026-4.csv", ETSY_ITEMS))
    reading = data.tables[0].mapping
    assert reading.dataset == "orders"
    assert {reading.mapping[c] for c in ("Sale Date", "Order ID", "Item Total", "Buyer")} == {
        "ordered_at", "order_id", "revenue", "customer_id",
    }  # fmt: skip
    assert data.line_items == {"orders": 2}
    # Two soap bars of 9.00 on their own lines are two items: added up, not taken once.
    assert _values(data, "purchases", "order_revenue") == {
        "purchases": 2, "order_revenue": 68 + 9 + 9 + 27,
    }  # fmt: skip
    result = run(data.con, Request(("order_revenue",), *APRIL))
    assert result.rows["currency"].tolist() == ["CAD"]


def test_etsy_sold_orders_read_with_their_sale_date_and_buyer():
    data = _session(("EtsySoldOrders2026-4.csv", ETSY_ORDERS))
    assert data.tables[0].mapping.dataset == "orders"
    assert data.line_items == {}
    values = _values(data, "purchases", "order_revenue", "customers_ordering")
    assert values == {"purchases": 2, "order_revenue": 94 + 33, "customers_ordering": 2}
