"""Near spellings are found once per header for all datasets (`core.close_keys`), and give
each dataset exactly the two words difflib's get_close_matches gives over its own keys."""

from __future__ import annotations

import difflib
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.mapping import core

SETTINGS = settings(
    max_examples=int(os.environ.get("KPI_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize="KPI_HYPOTHESIS_EXAMPLES" not in os.environ,
)
DATASETS = sorted(core._DATASET_KEYS)
KEYS = sorted(core._ALL_KEYS)


def _plain(key: str, dataset: str) -> list[str]:
    return difflib.get_close_matches(
        key, core._DATASET_KEYS[dataset], n=2, cutoff=core.FUZZY_CUTOFF
    )


@st.composite
def near_keys(draw: st.DrawFn) -> str:
    """A synonym key misspelt: a letter dropped, doubled, changed or two swapped, up to twice."""
    key = list(draw(st.sampled_from(KEYS)))
    for _ in range(draw(st.integers(0, 2))):
        if not key:
            break
        i = draw(st.integers(0, len(key) - 1))
        edit = draw(st.sampled_from(["drop", "double", "change", "swap"]))
        if edit == "drop":
            del key[i]
        elif edit == "double":
            key.insert(i, key[i])
        elif edit == "change":
            key[i] = draw(st.sampled_from("aeiosnrt_"))
        elif i + 1 < len(key):
            key[i], key[i + 1] = key[i + 1], key[i]
    return "".join(key)


@SETTINGS
@given(key=st.one_of(near_keys(), st.text(alphabet="abcdeilnorstu_", max_size=14)))
def test_close_keys_are_get_close_matches_over_the_dataset(key: str) -> None:
    for dataset in DATASETS:
        assert core.close_keys(key, dataset) == _plain(key, dataset), dataset


@pytest.mark.parametrize(
    "key",
    [
        "",
        "a",
        "impresions",
        "sesions",
        "clics",
        "spend",
        "amount_spnt",
        "engagment_rate",
        "impr-esions",
        "sessões",
    ],
)
def test_close_keys_of_these(key: str) -> None:
    for dataset in DATASETS:
        assert core.close_keys(key, dataset) == _plain(key, dataset), dataset
