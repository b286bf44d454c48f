"""The workspace file: everything a person decided (column mappings per export layout, custom
KPIs, targets, the business's time zone, the app's language), as one small versioned JSON file they download and
upload again next week."""

from __future__ import annotations

import hashlib
import json
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from kpi.catalog import BY_ID, Kpi
from kpi.custom import custom_kpi
from kpi.engine.clock import valid_timezone
from kpi.errors import KpiError
from kpi.i18n import languages, t
from kpi.mapping import TableMapping, Unpivot, normalise

VERSION = 1


def layout_signature(columns: list[str]) -> str:
    """The identity of an export layout: its column names, folded, in order."""
    joined = "\x1f".join(normalise(c) for c in columns)
    return hashlib.sha1(joined.encode()).hexdigest()[:16]


@dataclass
class Workspace:
    """A person's decisions. Unknown keys from a newer version are kept and written back."""

    mappings: dict[str, dict[str, Any]] = field(default_factory=dict)
    custom_kpis: list[dict[str, str]] = field(default_factory=list)
    targets: dict[str, float] = field(default_factory=dict)  # KPI id → target for any period
    other: dict[str, Any] = field(default_factory=dict)
    # The business's time zone (IANA name) for hour-of-day and weekday analyses; None: the
    # one the data names, else UTC (see `SessionData.timezone`).
    timezone: str | None = None
    # The language the person picked for the app (`es`, `pl`); None: the browser's.
    language: str | None = None

    def set_timezone(self, name: str | None) -> None:
        """Set the business's time zone (checked: `Europe/Warsaw`, `America/Bogota`, `UTC`)."""
        self.timezone = valid_timezone(name) if name else None

    def add_custom_kpi(
        self, id: str, label: str, dataset: str, formula: str, format: str = "decimal"
    ) -> Kpi:
        """Validate and keep a person's formula KPI (replacing one with the same id)."""
        if id in BY_ID:
            raise KpiError(t("error.custom_id_taken", id=id, label=BY_ID[id].label))
        kpi = custom_kpi(id, label, dataset, formula, format=format)
        self.custom_kpis = [k for k in self.custom_kpis if k.get("id") != id]
        self.custom_kpis.append(
            {"id": id, "label": label, "dataset": dataset, "formula": formula, "format": format}
        )
        return kpi

    def kpis(self) -> tuple[Kpi, ...]:
        """The person's saved formula KPIs, validated again (a broken one is skipped)."""
        out = []
        for spec in self.custom_kpis:
            try:
                out.append(custom_kpi(spec["id"], spec["label"], spec["dataset"], spec["formula"],
                                      format=spec.get("format", "decimal")))  # fmt: skip
            except (KpiError, KeyError):
                continue
        return tuple(out)

    def remember(self, columns: list[str], mapping: TableMapping, label: str = "") -> None:
        """Save a table's mapping so the same layout maps itself next time."""
        self.mappings[layout_signature(columns)] = {
            "label": label,
            "columns": list(columns),
            "dataset": mapping.dataset,
            "platform": mapping.platform,
            "mapping": dict(mapping.mapping),
            "constants": dict(mapping.constants),
            "unpivot": None
            if mapping.unpivot is None
            else {"dimension": mapping.unpivot.dimension, "columns": list(mapping.unpivot.columns)},
        }

    def recall(self, columns: list[str]) -> TableMapping | None:
        """The saved mapping of this layout, or None."""
        saved = self.mappings.get(layout_signature(columns))
        if saved is None:
            return None
        by_key = {normalise(k): v for k, v in saved.get("mapping", {}).items()}
        unpivot = saved.get("unpivot")
        return TableMapping(
            dataset=saved.get("dataset"),
            confidence=1.0,
            platform=saved.get("platform"),
            mapping={c: by_key.get(normalise(c)) for c in columns},
            scores={},
            unpivot=Unpivot(unpivot["dimension"], tuple(unpivot["columns"])) if unpivot else None,
            constants=dict(saved.get("constants") or {}),
            source="saved",
        )

    def to_json(self) -> str:
        """The workspace file's text."""
        doc = dict(self.other)
        doc.update(
            {
                "kpi_explorer_workspace": VERSION,
                "mappings": self.mappings,
                "custom_kpis": self.custom_kpis,
                "targets": self.targets,
            }
        )
        if self.timezone:
            doc["timezone"] = self.timezone
        if self.language:
            doc["language"] = self.language
        return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Workspace:
        """Read a workspace file; a file that is not one raises KpiError with what to do."""
        try:
            doc = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise KpiError(t("error.workspace_not_json")) from None
        if not isinstance(doc, dict) or "kpi_explorer_workspace" not in doc:
            raise KpiError(t("error.workspace_not_ours"))
        mappings = doc.pop("mappings", {}) or {}
        if not isinstance(mappings, dict):
            raise KpiError(t("error.workspace_mappings"))
        doc.pop("kpi_explorer_workspace")
        custom = doc.pop("custom_kpis", []) or []
        if not isinstance(custom, list):
            raise KpiError(t("error.workspace_custom"))
        targets = doc.pop("targets", {}) or {}
        try:
            targets = {str(k): float(v) for k, v in targets.items()}
        except (AttributeError, TypeError, ValueError):
            raise KpiError(t("error.workspace_targets")) from None
        zone = doc.pop("timezone", None)
        if zone is not None and (not isinstance(zone, str) or zone not in _known_zones()):
            raise KpiError(t("error.workspace_timezone", zone=zone))
        # A language this version does not speak (a newer one's) is left out, not an error.
        language = doc.pop("language", None)
        language = language if isinstance(language, str) and language in languages() else None
        return cls(
            mappings=mappings,
            custom_kpis=custom,
            targets=targets,
            other=doc,
            timezone=zone,
            language=language,
        )


def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}
