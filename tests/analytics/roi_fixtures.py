"""Tiny CRM exports shared by the ROI analytics tests, and a helper to load them."""

from __future__ import annotations

from kpi.load import load_file
from kpi.store import SessionData

# Three leads, seven touches (days from 2026-01-01 00:00):
#   L1 converts on day 10 for 100: social d0 → email d4 → search d8
#   L2 converts on day 20 for 50:  search d13 → social d16 → search d20 (on the conversion time:
#                                   kept) → email d25 (after the conversion: never counts)
#   L3 never converts and has no touch: a one-step journey of its source channel, social.
LEADS = """lead_id,created_at,channel,platform,campaign,converted_at,revenue,customer_id
L1,2026-01-01 00:00,social,instagram,,2026-01-11 00:00,100,C1
L2,2026-01-14 00:00,organic_search,google,,2026-01-21 00:00,50,C2
L3,2026-01-05 00:00,social,facebook,spring,,,
"""
TOUCHES = """lead_id,customer_id,touched_at,channel,platform,campaign,touch_type
L1,C1,2026-01-01 00:00,social,instagram,spring,impression
L1,C1,2026-01-05 00:00,email,,,email_open
L1,C1,2026-01-09 00:00,search,google,brand,click
L2,C2,2026-01-14 00:00,search,google,,visit
L2,C2,2026-01-17 00:00,social,facebook,spring,message
L2,C2,2026-01-21 00:00,search,google,brand,click
L2,C2,2026-01-26 00:00,email,,,email_open
"""


def session(**files: str) -> SessionData:
    """A session holding each text as `<name>.csv`."""
    data = SessionData()
    for name, text in files.items():
        data.add(load_file(f"{name}.csv", text.encode()))
    return data


# Eight customers acquired on 2026-01-01 (C8 on 2026-06-01); the data ends on 2026-07-01.
#   social C1–C4: C2 churns after 31 days; saves 1, 0, 2, 1
#   other  C5–C8: C6 churns after 59 days, C7 after 120; saves 0, 0, 1, 0; C5, C6 are control
CUSTOMERS = """customer_id,acquired_at,channel,is_social,churned_at,saved_count,control_group
C1,2026-01-01,social,true,,1,false
C2,2026-01-01,social,true,2026-02-01,0,false
C3,2026-01-01,social,true,,2,false
C4,2026-01-01,social,true,,1,false
C5,2026-01-01,email,false,,0,true
C6,2026-01-01,direct,false,2026-03-01,0,true
C7,2026-01-01,organic_search,false,2026-05-01,1,false
C8,2026-06-01,direct,false,,0,false
"""
ORDERS = """order_id,customer_id,ordered_at,revenue,category
O1,C1,2026-01-05,10,coffee_beans
O2,C1,2026-02-05,50,equipment
O3,C2,2026-01-05,20,coffee_beans
O4,C3,2026-01-05,15,merch
O5,C3,2026-02-05,15,merch
O6,C4,2026-01-05,10,coffee_beans
O7,C4,2026-02-05,10,coffee_beans
O8,C4,2026-07-01,30,merch
O9,C5,2026-01-05,40,coffee_beans
O10,C6,2026-01-05,100,equipment
O11,C6,2026-02-05,20,coffee_beans
O12,C8,2026-06-05,10,coffee_beans
"""
ADS = """date,platform,campaign,spend
2026-01-01,facebook,spring,30
2026-01-01,google,search,20
"""

# Eight scored leads over two months (H has no score). Per-lead ad cost: January social 30 over
# A, B (15 each), paid_search 20 on C; February social 90 over E, G (45 each), paid_search 10 on F.
SCORED_LEADS = """lead_id,created_at,channel,score,qualified,converted_at,revenue
A,2026-01-05 10:00,social,10,false,,
B,2026-01-06 10:00,social,45,false,2026-01-20 10:00,100
C,2026-01-07 10:00,paid_search,80,true,2026-01-08 10:00,30
D,2026-01-08 10:00,organic_search,75,true,,
E,2026-02-03 10:00,social,39.9,false,2026-02-10 10:00,40
F,2026-02-04 10:00,paid_search,40,true,,
G,2026-02-05 10:00,social,70,false,2026-02-06 10:00,60
H,2026-02-06 10:00,email,,false,,
"""
SCORED_ADS = """date,platform,spend
2026-01-05,facebook,30
2026-01-06,google,20
2026-02-01,instagram,90
2026-02-02,google,10
"""

# LEADS and TOUCHES with a third converting lead, for date ranges:
#   L4 (created day 24) converts on 2026-02-10 for 80: social 2026-01-25 → email 2026-02-01
LEADS_RANGE = LEADS + "L4,2026-01-25 00:00,email,,,2026-02-10 00:00,80,C4\n"
TOUCHES_RANGE = (
    TOUCHES
    + "L4,C4,2026-01-25 00:00,social,facebook,,message\n"
    + "L4,C4,2026-02-01 00:00,email,,,email_open\n"
)
