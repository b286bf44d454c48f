"""GA4's acquisition cards: new users by the first user's channel group (or source, medium) are
web traffic in every language GA4 writes them, even with no sessions column beside them."""

from __future__ import annotations

import pytest

from kpi.load import load_file
from kpi.mapping import recognise_loaded


@pytest.mark.parametrize(
    ("header", "channel"),
    [
        ("First user default channel group,New users", "First user default channel group"),
        (
            "Primer grupo de canales predeterminado del usuario,Usuarios nuevos",
            "Primer grupo de canales predeterminado del usuario",
        ),
        (
            "Domyślna grupa kanałów pierwszego użytkownika,Nowi użytkownicy",
            "Domyślna grupa kanałów pierwszego użytkownika",
        ),
        ("First user source,New users", "First user source"),
    ],
)
def test_new_users_by_first_user_channel_are_web_traffic(header, channel):
    # The card as GA4's snapshot export writes it: comment lines, then a small table.
    text = (
        "# ----------------------------------------\n# Start date: 20230424\n"
        f"# End date: 20230521\n{header}\nDirect,16\nOrganic Search,1\n"
    )
    table = load_file("data-export.csv", text.encode()).tables[0]
    reading = recognise_loaded(table)
    assert reading.dataset == "web_traffic"
    field = "source" if "source" in channel else "channel_group"
    new_users = header.split(",")[1]
    assert reading.mapping == {channel: field, new_users: "new_users"}


def test_new_users_alone_anchor_web_traffic():
    text = "Date,New users\n2026-01-05,12\n2026-01-06,9\n"
    reading = recognise_loaded(load_file("ga4.csv", text.encode()).tables[0])
    assert reading.dataset == "web_traffic"
    assert reading.mapping["New users"] == "new_users"
