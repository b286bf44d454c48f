"""Recognising what a loaded table is (dataset, platform, a field per column, with reasons).

`recognise(columns, file_name, types, sheet, only=None, data=None, titles=())` is the entry
point; `recognise_loaded(table)` calls it with everything a loaded table carries.
"""

from kpi.mapping.core import (
    FUZZY_CUTOFF,
    MIN_CONFIDENCE,
    REVIEW_BELOW,
    TableMapping,
    Unpivot,
)
from kpi.mapping.index import SYNONYM_INDEX
from kpi.mapping.names import clean_header, match_keys, normalise, platform_from_name
from kpi.mapping.reading import recognise, recognise_loaded

__all__ = [
    "FUZZY_CUTOFF",
    "MIN_CONFIDENCE",
    "REVIEW_BELOW",
    "SYNONYM_INDEX",
    "TableMapping",
    "Unpivot",
    "clean_header",
    "match_keys",
    "normalise",
    "platform_from_name",
    "recognise",
    "recognise_loaded",
]
