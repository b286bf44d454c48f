"""A HubSpot contacts export in Spanish or Polish is the CRM's leads, with its record id, source
and creation date read, as in English."""

from __future__ import annotations

import pytest

from kpi.load import load_file
from kpi.mapping import recognise_loaded

EXPORTS = {
    "es": "ID de registro,Nombre,Apellidos,Correo,Etapa del ciclo de vida,Estado del lead,"
    "Fuente original,Fecha de creación\n"
    "101,Ana,Gil,a@x.es,Cliente,Nuevo,Redes sociales,2026-03-02 10:00\n"
    "102,Luis,Paz,l@x.es,Lead,Abierto,Búsqueda orgánica,2026-03-05 11:00\n",
    "pl": "Identyfikator rekordu,Imię,Nazwisko,E-mail,Etap cyklu życia,Status leada,"
    "Oryginalne źródło,Data utworzenia\n"
    "101,Anna,Nowak,a@x.pl,Klient,Nowy,Media społecznościowe,2026-03-02 10:00\n"
    "102,Jan,Kowal,j@x.pl,Lead,Otwarty,Wyszukiwanie organiczne,2026-03-05 11:00\n",
}


@pytest.mark.parametrize("lang", sorted(EXPORTS))
def test_hubspot_contacts_in_spanish_and_polish_are_leads(lang):
    text = EXPORTS[lang]
    reading = recognise_loaded(
        load_file("hubspot-crm-exports-contacts.csv", text.encode()).tables[0]
    )
    assert reading.dataset == "leads"
    header = text.split("\n", 1)[0].split(",")
    fields = {reading.mapping[header[i]] for i in (0, 4, 6, 7)}
    assert fields == {"lead_id", "stage", "channel", "created_at"}
