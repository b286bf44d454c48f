"""An ads export is given a platform only on that platform's own words: ids every ad platform
exports (`Campaign ID`) say nothing, so a Microsoft Advertising report is not LinkedIn's."""

from __future__ import annotations

from kpi.load import load_file
from kpi.mapping import recognise_loaded


def _reading(name: str, text: str):
    return recognise_loaded(load_file(name, text.encode()).tables[0])


def test_a_campaign_id_column_does_not_make_an_ads_report_linkedin_s():
    text = (
        "Gregorian date,Campaign name,Campaign ID,Impressions,Clicks,Spend,Conversions\n"
        "2026-09-01,Brand,123,1000,50,25.50,2\n2026-09-02,Brand,123,900,45,22.00,1\n"
    )
    reading = _reading("campaign_report.csv", text)
    assert reading.dataset == "ads"
    assert reading.platform != "linkedin"
    assert reading.mapping["Gregorian date"] == "date"
    assert reading.mapping["Spend"] == "spend"


def test_meta_s_own_words_still_name_the_platform():
    text = (
        "Jour;Nom de la campagne;Montant dépensé (USD);Impressions\n"
        '01/08/2026;Looma - Broad;"1 234,56";45012\n02/08/2026;Looma - Broad;"1 002,00";39887\n'
    )
    reading = _reading("export.csv", text)
    assert (reading.dataset, reading.platform) == ("ads", "facebook")
