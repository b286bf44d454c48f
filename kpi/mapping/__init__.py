"""Recognising what a loaded table is (dataset, platform, a field per column, with reasons).

`recognise(columns, file_name, types, sheet, only=None, data=None, titles=())` is the entry
point; `recognise_loaded(table, only=None)` calls it with everything a `LoadedTable` carries:
its columns, file, sheet, the loader's column types, the values (`table.data`, sampled) and the
title lines the load report skipped above the header. Callers that have a loaded table should
use `recognise_loaded`: without the values an empty column, a per-post table with a `Date`
column, links and free text cannot be told apart, and without the title lines a Meta Business
Suite chart download (`Date,Primary`) has no metric.

Modules: `names` (header cleaning, file names, links), `index` (synonym and term index),
`evidence` (what the values say), `presetmatch` (known exports in any language), `titles`
(chart titles), `core` (TableMapping, column assignment), `reading` (`recognise`).
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
