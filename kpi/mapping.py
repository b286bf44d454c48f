"""Recognising what a loaded table is: which canonical dataset, which column is which field,
and which platform it came from. Columns named like the canonical fields map themselves."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kpi.schema import DATASETS, PLATFORMS

# Below this share of a table's columns recognised, the table is not assigned to a dataset.
MIN_CONFIDENCE = 0.5


def normalise(name: str) -> str:
    """A column name folded for matching: no accents, lower case, words joined by `_`."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


@dataclass
class TableMapping:
    """The proposed reading of one table: dataset, confidence (0–1), platform and column mapping."""

    dataset: str | None
    confidence: float
    platform: str | None
    mapping: dict[str, str | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (the `dataset`, `confidence`, `platform`, `mapping` of `kpi inspect`)."""
        return {
            "dataset": self.dataset,
            "confidence": round(self.confidence, 3),
            "platform": self.platform,
            "mapping": dict(self.mapping),
        }


def platform_from_name(file_name: str) -> str | None:
    """The platform a file name mentions (`instagram_posts_march.csv` → instagram)."""
    words = set(normalise(file_name).split("_"))
    aliases = {"twitter": "x", "tweet": "x", "fb": "facebook", "ig": "instagram", "yt": "youtube"}
    found = [p for p in PLATFORMS if p in words and p != "x"]
    found += [target for alias, target in aliases.items() if alias in words]
    return found[0] if len(set(found)) == 1 else None


def recognise(columns: list[str], file_name: str) -> TableMapping:
    """Score the table against every dataset and keep the best one that has its required fields."""
    normalised = {c: normalise(c) for c in columns}
    named_platform = platform_from_name(file_name)
    best = TableMapping(None, 0.0, None, dict.fromkeys(columns))
    for dataset in DATASETS.values():
        names = set(dataset.field_names)
        mapping = {c: (n if n in names else None) for c, n in normalised.items()}
        mapped = {f for f in mapping.values() if f}
        # The platform may come from the file name instead of a column.
        present = mapped | ({"platform"} if named_platform else set())
        if not set(dataset.required) <= present:
            continue
        # Share of the table's columns explained, weighted by how much of the dataset is covered.
        confidence = len(mapped) / max(len(columns), 1)
        coverage = len(mapped) / len(names)
        if (confidence, coverage) > (best.confidence, 0.0) and confidence >= MIN_CONFIDENCE:
            best = TableMapping(dataset.name, confidence, None, mapping)
    if best.dataset and "platform" not in best.mapping.values():
        best.platform = named_platform
    return best
