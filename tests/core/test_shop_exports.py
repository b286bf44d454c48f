"""Shop and payment exports other than Shopify's count purchases and revenue right: a
WooCommerce order export (one row per item, the order's total on each) and Stripe's payments
export (one row per payment)."""

from __future__ import annotations

import datetime as dt

from kpi.engine import Request, run
from kpi.load import load_file
from kpi.store import SessionData

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
WOOCOMMERCE = (
    '"Order Number","Order Status","Order Date","Customer Note","First Name (Billing)",'
    '"Last Name (Billing)","Email (Billing)","Payment Method Title","Cart Discount Amount",'
    '"Order Subtotal Amount","Shipping Method Title","Order Shipping Amount","Order Refund Amount",'
    '"Order Total Amount","Order Total Tax Amount","SKU","Item #","Item Name","Quantity (- Refund)",'
    '"Item Cost","Coupon Code"\n'
    '"1203","Completed","2026-03-04 10:22","","Ana","Gil","ana@example.com","PayPal","0.00",'
    '"40.00","Flat rate","5.00","0.00","45.00","0.00","MUG1","1","Mug","1","15.00",""\n'
    '"1203","Completed","2026-03-04 10:22","","Ana","Gil","ana@example.com","PayPal","0.00",'
    '"40.00","Flat rate","5.00","0.00","45.00","0.00","BEAN2","2","Beans","1","25.00",""\n'
    '"1204","Processing","2026-03-06 09:00","","Bo","Li","bo@example.com","Stripe","0.00",'
    '"10.00","Flat rate","2.00","0.00","12.00","0.00","MUG1","1","Mug","1","10.00",""\n'
)
STRIPE = (
    "id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,"
    "Converted Amount Refunded,Fee,Tax,Converted Currency,Status,Statement Descriptor,Customer ID,"
    "Customer Description,Customer Email,Captured,Card ID\n"
    "ch_1,Order 1203,Payment complete.,2026-03-04 10:23:11,45.00,0.00,usd,45.00,0.00,1.55,0,usd,"
    "Paid,SHOP,cus_1,,ana@example.com,true,card_1\n"
    "ch_2,Order 1204,Payment complete.,2026-03-06 09:01:00,12.00,0.00,usd,12.00,0.00,0.60,0,usd,"
    "Paid,SHOP,cus_2,,bo@example.com,true,card_2\n"
    "ch_3,Order 1205,Payment complete.,2026-03-07 09:01:00,8.00,0.00,usd,8.00,0.00,0.60,0,usd,"
    "Paid,SHOP,cus_1,,ana@example.com,true,card_1\n"
)


def _run(name: str, text: str):
    data = SessionData()
    data.add(load_file(name, text.encode()))
    kpis = ("purchases", "order_revenue", "customers_ordering")
    rows = run(data.con, Request(kpis, *MARCH, grain="month")).rows
    return data, dict(zip(rows["kpi"], rows["value"], strict=True)), rows


def test_a_woocommerce_export_repeating_the_order_total_on_each_item_counts_it_once():
    data, values, _ = _run("orders-2026-03.csv", WOOCOMMERCE)
    assert data.tables[0].mapping.dataset == "orders"
    assert values == {"purchases": 2, "order_revenue": 45 + 12, "customers_ordering": 2}


def test_stripe_payments_are_purchases_of_their_customers():
    data, values, rows = _run("unified_payments.csv", STRIPE)
    reading = data.tables[0].mapping
    assert (reading.dataset, reading.preset) == ("orders", "stripe_payments")
    assert values == {"purchases": 3, "order_revenue": 45 + 12 + 8, "customers_ordering": 2}
    revenue = rows.loc[rows["kpi"] == "order_revenue", "currency"].item()
    assert revenue.upper() == "USD"
