"""The strategy map: four perspectives, objectives with lagging and leading KPIs, targets and
cause-and-effect links, as plain data that round-trips through dicts (the workspace stores it).

A map is versioned; keys a newer version adds are kept in `other` and written back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kpi.catalog import CATALOG, PERSPECTIVES
from kpi.errors import KpiError
from kpi.i18n import t
from kpi.i18n.messages import resolve

VERSION = 1
ROLES = ("lagging", "leading")
LANGS = ("en", "es", "pl")

PERSPECTIVE_LABELS: dict[str, dict[str, str]] = {
    "financial": {
        "en": "Stakeholders & financial",
        "es": "Accionistas y finanzas",
        "pl": "Interesariusze i finanse",
    },
    "customer": {"en": "Customer", "es": "Cliente", "pl": "Klient"},
    "internal": {"en": "Internal processes", "es": "Procesos internos", "pl": "Procesy wewnętrzne"},
    "learning": {
        "en": "Learning & growth",
        "es": "Aprendizaje y crecimiento",
        "pl": "Rozwój i uczenie się",
    },
}


def _label(labels: Mapping[str, str], lang: str) -> str:
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()), "")


@dataclass
class KpiRef:
    """A KPI on an objective: lagging (outcome) or leading (performance), with an optional target
    and an optional channel (platform) it is measured on."""

    id: str
    role: str = "lagging"
    target: float | None = None
    channel: str | None = None
    other: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The KPI and its channel, `engagement_rate@instagram` (targets can be keyed so)."""
        return f"{self.id}@{self.channel}" if self.channel else self.id

    def to_dict(self) -> dict[str, Any]:
        """Plain data; unknown keys read earlier come back."""
        doc = dict(self.other)
        doc.update(id=self.id, role=self.role, target=self.target, channel=self.channel)
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> KpiRef:
        """Read a KPI reference; a bad target or role raises KpiError."""
        doc = dict(doc)
        try:
            kpi_id = str(doc.pop("id"))
        except KeyError:
            raise KpiError(t("error.scorecard_kpi_id")) from None
        role = str(doc.pop("role", "lagging") or "lagging")
        if role not in ROLES:
            raise KpiError(t("error.scorecard_role", kpi=kpi_id, role=role))
        target = doc.pop("target", None)
        try:
            target = None if target in (None, "") else float(target)
        except (TypeError, ValueError):
            raise KpiError(t("error.scorecard_target", kpi=kpi_id, target=target)) from None
        channel = doc.pop("channel", None) or None
        return cls(kpi_id, role, target, None if channel is None else str(channel), doc)


@dataclass
class Objective:
    """One objective of the map: where it sits, what it drives (`causes`) and its KPIs."""

    id: str
    labels: dict[str, str]
    perspective: str
    causes: list[str] = field(default_factory=list)
    kpis: list[KpiRef] = field(default_factory=list)
    other: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str | None = None) -> str:
        """The label in a language (English when that language has none)."""
        lang = resolve(lang)
        return _label(self.labels, lang)

    def to_dict(self) -> dict[str, Any]:
        """Plain data; unknown keys read earlier come back."""
        doc = dict(self.other)
        doc.update(
            id=self.id,
            labels=dict(self.labels),
            perspective=self.perspective,
            causes=list(self.causes),
            kpis=[k.to_dict() for k in self.kpis],
        )
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Objective:
        """Read an objective; a plain `label` string is taken as the English label."""
        doc = dict(doc)
        oid = str(doc.pop("id", "") or "")
        if not oid:
            raise KpiError(t("error.scorecard_objective_id"))
        labels = doc.pop("labels", None) or {}
        if "label" in doc:
            labels = {"en": str(doc.pop("label")), **labels}
        if not isinstance(labels, Mapping):
            raise KpiError(t("error.scorecard_labels", objective=oid))
        perspective = str(doc.pop("perspective", "") or "")
        causes = doc.pop("causes", []) or []
        kpis = doc.pop("kpis", []) or []
        if not isinstance(causes, list) or not isinstance(kpis, list):
            raise KpiError(t("error.scorecard_causes", objective=oid))
        return cls(
            oid,
            {str(k): str(v) for k, v in labels.items()} or {"en": oid},
            perspective,
            [str(c) for c in causes],
            [KpiRef.from_dict(k) for k in kpis],
            doc,
        )


@dataclass
class StrategyMap:
    """A balanced-scorecard strategy map: objectives in the four perspectives."""

    objectives: list[Objective] = field(default_factory=list)
    perspective_labels: dict[str, dict[str, str]] = field(
        default_factory=lambda: {p: dict(v) for p, v in PERSPECTIVE_LABELS.items()}
    )
    other: dict[str, Any] = field(default_factory=dict)

    def objective(self, oid: str) -> Objective:
        """The objective with this id (KeyError when there is none)."""
        for o in self.objectives:
            if o.id == oid:
                return o
        raise KeyError(oid)

    def perspective_label(self, perspective: str, lang: str | None = None) -> str:
        """A perspective's label in a language."""
        lang = resolve(lang)
        return _label(self.perspective_labels.get(perspective, {"en": perspective}), lang)

    def in_perspective(self, perspective: str) -> list[Objective]:
        """The objectives of one perspective, in map order."""
        return [o for o in self.objectives if o.perspective == perspective]

    def links(self) -> list[tuple[str, str]]:
        """Every cause-and-effect link as (from objective, to objective)."""
        return [(o.id, c) for o in self.objectives for c in o.causes]

    def validate(self, own_kpis: Iterable[str] = ()) -> list[str]:
        """Every problem at once: unknown perspectives, KPIs or linked objectives, duplicates.
        `own_kpis` are the ids of the person's own KPIs (custom formulas), which a map may name."""
        from kpi.scorecard.measures import MEASURES

        known = {k.id for k in CATALOG} | set(MEASURES) | set(own_kpis)
        ids = [o.id for o in self.objectives]
        problems = [
            f"{d}: objective declared twice" for d in sorted({i for i in ids if ids.count(i) > 1})
        ]
        for o in self.objectives:
            if o.perspective not in PERSPECTIVES:
                problems.append(f"{o.id}: unknown perspective {o.perspective!r}")
            problems += [
                f"{o.id}: causes unknown objective {c!r}" for c in o.causes if c not in ids
            ]
            problems += [f"{o.id}: unknown KPI {k.id!r}" for k in o.kpis if k.id not in known]
            if o.id in o.causes:
                problems.append(f"{o.id}: an objective cannot cause itself")
        return problems

    def to_dict(self) -> dict[str, Any]:
        """Plain, versioned data for the workspace file; unknown keys read earlier come back."""
        doc = dict(self.other)
        doc.update(
            version=VERSION,
            perspectives=[
                {"id": p, "labels": dict(self.perspective_labels.get(p, {"en": p}))}
                for p in (
                    *PERSPECTIVES,
                    *(q for q in self.perspective_labels if q not in PERSPECTIVES),
                )
            ],
            objectives=[o.to_dict() for o in self.objectives],
        )
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> StrategyMap:
        """Read a map saved by `to_dict` (this version or a newer one; extra keys are kept)."""
        if not isinstance(doc, Mapping):
            raise KpiError(t("error.scorecard_damaged"))
        doc = dict(doc)
        doc.pop("version", None)
        labels = {p: dict(v) for p, v in PERSPECTIVE_LABELS.items()}
        for p in doc.pop("perspectives", []) or []:
            if isinstance(p, Mapping) and p.get("id"):
                labels[str(p["id"])] = {str(k): str(v) for k, v in (p.get("labels") or {}).items()}
        objectives = doc.pop("objectives", []) or []
        if not isinstance(objectives, list):
            raise KpiError(t("error.scorecard_objectives"))
        return cls([Objective.from_dict(o) for o in objectives], labels, doc)


def _o(
    oid: str,
    perspective: str,
    labels: tuple[str, str, str],
    causes: list[str],
    lagging: list[str],
    leading: list[str],
) -> Objective:
    kpis = [KpiRef(k, "lagging") for k in lagging] + [KpiRef(k, "leading") for k in leading]
    return Objective(oid, dict(zip(LANGS, labels, strict=True)), perspective, causes, kpis)


def default_map() -> StrategyMap:
    """The map the articles describe: train the team → communicate → personal brand interaction
    → valuable business results, with content, paid reach and customer knowledge feeding in."""
    return StrategyMap(
        [
            _o("business_results", "financial",
               ("Achieve valuable business results", "Lograr resultados de negocio valiosos",
                "Osiągać wartościowe wyniki biznesowe"),
               [], ["social_lead_revenue", "roi"],
               ["social_lead_conversion_rate", "cost_per_lead"]),
            _o("brand_interaction", "customer",
               ("Personal brand interaction", "Interacción personal con la marca",
                "Osobista interakcja z marką"),
               ["business_results"], ["qualified_interactions", "brand_mentions"],
               ["engagement_rate", "comments", "private_messages"]),
            _o("attractive_content", "customer",
               ("Attractive content", "Contenido atractivo", "Atrakcyjne treści"),
               ["brand_interaction"], ["engagement_rate_by_reach", "social_sessions"],
               ["avg_shares_per_post", "saves"]),
            _o("communicate", "internal",
               ("Communicate with social media users", "Comunicarse con los usuarios de redes",
                "Komunikować się z użytkownikami mediów społecznościowych"),
               ["brand_interaction"], ["response_rate", "complaint_resolution_rate"],
               ["first_response_time_median"]),
            _o("publish", "internal",
               ("Publish attractive content", "Publicar contenido atractivo",
                "Publikować atrakcyjne treści"),
               ["attractive_content"], ["avg_clicks_per_post"],
               ["posts", "content_quality_index", "readability_index"]),
            _o("paid_reach", "internal",
               ("Reach a wider audience through paid ads",
                "Llegar a más público con anuncios de pago",
                "Docierać do szerszej publiczności dzięki płatnym reklamom"),
               ["brand_interaction"], ["new_followers", "cost_per_follower"],
               ["cpm", "cost_per_click"]),
            _o("train_team", "learning",
               ("Train the team to interact", "Formar al equipo para interactuar",
                "Szkolić zespół w prowadzeniu interakcji"),
               ["communicate"], ["first_response_time_p90"], ["positive_comments"]),
            _o("learn_tactics", "learning",
               ("Learn the tactics that work for us", "Aprender las tácticas que nos funcionan",
                "Poznawać taktyki, które u nas działają"),
               ["publish", "paid_reach"], ["engagement"], ["avg_impressions_per_post"]),
            _o("customer_profile", "learning",
               ("Understand the customer profile", "Entender el perfil del cliente",
                "Rozumieć profil klienta"),
               ["publish", "paid_reach"], ["followers_by_segment"], ["profile_visits"]),
        ]
    )  # fmt: skip


def catalog_objectives() -> dict[str, list[str]]:
    """The objective names the catalog places KPIs under, per perspective, in catalog order."""
    out: dict[str, list[str]] = {p: [] for p in PERSPECTIVES}
    for k in CATALOG:
        names = out[k.scorecard.perspective]
        if k.scorecard.objective not in names:
            names.append(k.scorecard.objective)
    return out


def objective_id(name: str) -> str:
    """The id of a catalog objective (its English name, as `kpi/kpis.py` writes it)."""
    return "_".join(name.lower().replace(",", "").split())


def catalog_objective_ids() -> list[str]:
    """The ids of every catalog objective, in catalog order."""
    return [objective_id(n) for names in catalog_objectives().values() for n in names]


def objective_labels(name: str) -> dict[str, str]:
    """A catalog objective's label in every language (catalog texts `objective.<id>`)."""
    key = f"objective.{objective_id(name)}"
    return {lang: t(key, lang) for lang in LANGS}


def map_from_catalog() -> StrategyMap:
    """A map with one objective per catalog objective and every catalog KPI placed as the catalog
    says (leading or lagging): the long form behind the default map."""
    objectives: dict[str, Objective] = {}
    for k in CATALOG:
        card = k.scorecard
        oid = objective_id(card.objective)
        if oid not in objectives:
            objectives[oid] = Objective(oid, objective_labels(card.objective), card.perspective)
        objectives[oid].kpis.append(KpiRef(k.id, card.kind))
    order = {p: i for i, p in enumerate(PERSPECTIVES)}
    return StrategyMap(sorted(objectives.values(), key=lambda o: order[o.perspective]))
