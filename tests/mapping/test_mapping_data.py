"""The synonyms and presets are data: every field of every dataset is named in English, Spanish,
Polish and Portuguese; no name means two fields of one dataset; every preset points at fields of
its own dataset and is found from its own signature."""

from __future__ import annotations

import pytest

from kpi.mapping import SYNONYM_INDEX, normalise, recognise
from kpi.presets import PRESETS
from kpi.schema import DATASETS
from kpi.synonyms import BY_LANGUAGE, LANGUAGES

ALL_FIELDS = sorted({f.name for d in DATASETS.values() for f in d.fields})


def test_synonyms_cover_exactly_the_canonical_fields() -> None:
    assert sorted(BY_LANGUAGE) == ALL_FIELDS


@pytest.mark.parametrize("field", ALL_FIELDS)
def test_every_field_has_names_in_every_language(field: str) -> None:
    missing = [lang for lang in LANGUAGES if not BY_LANGUAGE[field].get(lang)]
    assert missing == []


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_no_name_means_two_fields_of_one_dataset(dataset: str) -> None:
    names = set(DATASETS[dataset].field_names)
    ambiguous = {k: sorted(fs & names) for k, fs in SYNONYM_INDEX.items() if len(fs & names) > 1}
    assert ambiguous == {}


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_a_table_in_canonical_names_maps_to_itself(dataset: str) -> None:
    """A name may mean different fields in different datasets (Meta's "Views" are a post's
    impressions, an audience segment's views), but never inside one dataset."""
    names = DATASETS[dataset].field_names
    assert all(SYNONYM_INDEX[normalise(n)] & set(names) == {n} for n in names)


def test_preset_ids_are_unique() -> None:
    ids = [p.id for p in PRESETS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("preset", PRESETS, ids=[p.id for p in PRESETS])
def test_preset_points_at_fields_of_its_dataset(preset) -> None:
    dataset = DATASETS[preset.dataset]
    wrong = {
        c: f for c, f in preset.columns.items() if f is not None and f not in dataset.field_names
    }
    assert wrong == {}
    assert set(preset.constants) <= set(dataset.field_names)


@pytest.mark.parametrize("preset", PRESETS, ids=[p.id for p in PRESETS])
def test_preset_is_recognised_from_its_own_signature(preset) -> None:
    mapping = recognise(list(preset.signature), "export.csv")
    assert (mapping.dataset, mapping.platform) == (preset.dataset, preset.platform)
    # two presets share `Date, Views` (YouTube Totals and Chart data): the same reading either way
    assert mapping.preset == preset.id or preset.id == "youtube_chart_data"
