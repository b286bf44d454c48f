"""The recognition corpus: exports nobody tuned the mapping on, written as data.

Each `Case` is one table: the file it is written to under `corpus/`, the export's language, the
expected dataset, platform, row count and, column by column, the canonical field (or none). The
headers come from the platforms' published column lists (see corpus/PROVENANCE.md); the rows are
synthetic, generated from each column's kind. The expectations were written from the platforms'
semantics BEFORE the recogniser was tuned on them, and include held-out variants: other column
orders, other languages than any preset, unknown extra columns, soft hyphens and no-break spaces
in headers, a `sep=,` line, title lines, UTF-16 with tabs.

Run `python tests/mapping/corpuskit.py` to (re)write the files; they are committed.

A column spec is `Header=kind>field` (`>field` left out: the column has no canonical field).
Kinds: date, date_rep (two rows a day), date_us, ts, tsiso, life ("Lifetime"), int, dec, pct, pos,
txt (free text), title, url, id, vid (YouTube id), label:a/b/c, const:V, empty, name, email, cur,
dur, country, query, page, device, order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

_TEXTS = (
    "Pan de centeno recién salido del horno, con masa madre de tres días 🍞 #panaderia",
    "Nowy chleb na zakwasie już w sklepie! Zapraszamy od 7 rano, do wyczerpania zapasów",
    "Três pães, três massas mães. Qual é o seu favorito? Conta nos comentários 👇",
    "Frisch aus dem Ofen: unser Roggenbrot mit Sauerteig, jeden Morgen ab sieben Uhr",
    "Notre pain au levain est de retour ce week-end, venez le goûter en boutique !",
    "Il nostro pane di segale è tornato: lievito madre, farina bio e tanta pazienza",
    "Ons zuurdesembrood is terug! Elke ochtend vers gebakken, kom gerust proeven",
    "How we bake rye bread every morning — a short look behind the scenes at the bakery",
)
# fmt: off
_TITLES = ("Rye bread at dawn", "Sourdough 101", "Bakery tour", "Croissant test", "Q&A live", "Oven day", "Flour mill", "Night shift")
_QUERIES = ("panaderia acme", "pan de centeno", "sourdough near me", "bakery madrid", "masa madre receta", "croissant", "rye bread recipe", "acme bakery hours")
# fmt: on
_COUNTRIES = ("ES", "FR", "DE", "PL", "PT", "IT", "NL", "US")
_NAMES = (
    "Ana García",
    "Jan Kowalski",
    "Maria Silva",
    "Lukas Müller",
    "Chloé Martin",
    "Giulia Rossi",
    "Sven de Vries",
    "John Smith",
)
_DEVICES = ("Mobile", "Desktop", "Tablet")
_URLS = {
    "facebook": "https://www.facebook.com/613168031534769/posts/{n}",
    "instagram": "https://www.instagram.com/p/DH{n}/",
    "linkedin": "https://www.linkedin.com/feed/update/urn:li:activity:{n}",
    "tiktok": "https://www.tiktok.com/@panaderia.acme/video/{n}",
    "youtube": "https://www.youtube.com/watch?v={n}",
    "x": "https://x.com/panaderiaacme/status/{n}",
}


@dataclass(frozen=True)
class Case:
    """One table of the corpus and how it must be read."""

    file: str  # under corpus/ (or ../shared/data/real/ when `real`)
    lang: str
    dataset: str | None
    platform: str | None
    columns: str  # `Header=kind>field|…`; for a real file only `Header>field|…`
    rows: int = 6  # data rows generated, and expected loaded
    pre: tuple[str, ...] = ()  # lines above the header (title lines, `sep=,`, `#` preamble)
    lead: tuple[str, ...] = ()  # lines right under the header (YouTube's `Total` row)
    post: tuple[str, ...] = ()  # lines below the data (totals)
    encoding: str = "utf-8"
    sep: str = ","
    decimal: str = "."
    bom: bool = False
    crlf: bool = False
    part: str | None = None  # sheet / part for multi-table files
    real: bool = False
    note: str = ""  # what the case holds out

    @property
    def specs(self) -> list[tuple[str, str, str | None]]:
        """(header, kind, field) per column."""
        out = []
        for item in self.columns.split("|"):
            head, _, target = item.partition(">")
            name, _, kind = head.partition("=")
            out.append((name, kind, target or None))
        return out

    @property
    def expected(self) -> dict[str, str | None]:
        """Every column and the field it must get (None: no canonical field)."""
        return {name: target for name, _, target in self.specs}

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.file}" + (f":{self.part}" if self.part else "")


def _value(kind: str, i: int, name: str, case: Case) -> str:
    kind, _, arg = kind.partition(":")
    salt = sum(map(ord, name)) % 40
    d0 = date(2025, 3, 1)
    num = lambda x: f"{x:.2f}".replace(".", case.decimal)  # noqa: E731
    if kind == "date":
        return (d0 + timedelta(days=i)).isoformat()
    if kind == "date_rep":
        return (d0 + timedelta(days=i // 2)).isoformat()
    if kind == "date_us":
        return (d0 + timedelta(days=i)).strftime("%m/%d/%Y")
    if kind == "ts":
        return f"03/{1 + 2 * i:02d}/2025 {9 + i % 8:02d}:{(i * 7) % 60:02d}"
    if kind == "tsiso":
        return (d0 + timedelta(days=i)).isoformat() + "T00:00:00"
    if kind == "life":
        return "Lifetime"
    if kind == "int":
        return str(100 + 37 * i + salt * 3)
    if kind == "dec":
        return num(12.5 + 3.25 * i + salt / 10)
    if kind == "pct":
        return num(1.2 + 0.3 * i) + "%"
    if kind == "pos":
        return num(3.1 + 0.7 * i)
    if kind == "txt":
        return _TEXTS[i % len(_TEXTS)]
    if kind == "title":
        return _TITLES[i % len(_TITLES)]
    if kind == "url":
        return _URLS.get(arg or "facebook", arg).format(n=1110323039031123 + i)
    if kind == "id":
        return f"{arg}{17841405309211844 + 7919 * i}"
    if kind == "vid":
        return (
            "dQw4w9WgXcQ",
            "kJQP7kiw5Fk",
            "9bZkp7q19f0",
            "3JZ_D3ELwOQ",
            "L_jWHffIx5E",
            "fJ9rUzIMcZQ",
            "hT_nvWreIhg",
            "CevxZvSJLk8",
        )[i % 8]
    if kind == "label":
        options = arg.split("/")
        return options[i % len(options)]
    if kind == "const":
        return arg
    if kind == "empty":
        return ""
    if kind == "name":
        return _NAMES[i % len(_NAMES)]
    if kind == "email":
        return f"cliente{i + 1}@example.com"
    if kind == "cur":
        return arg or "EUR"
    if kind == "dur":
        return f"0:0{i % 9}:{(i * 13) % 60:02d}"
    if kind == "country":
        return _COUNTRIES[i % len(_COUNTRIES)]
    if kind == "query":
        return _QUERIES[i % len(_QUERIES)]
    if kind == "page":
        return f"https://www.panaderia-acme.es/{('', 'pan', 'tienda', 'blog/masa-madre', 'contacto', 'horario', 'nosotros', 'pedidos')[i % 8]}"
    if kind == "device":
        return _DEVICES[i % len(_DEVICES)]
    if kind == "order":
        return f"#{1001 + i}"
    raise ValueError(f"unknown kind {kind!r}")


def _cell(value: str, sep: str) -> str:
    if any(ch in value for ch in (sep, '"', "\n", ",")):
        return '"' + value.replace('"', '""') + '"'
    return value


def render(case: Case) -> bytes:
    """The bytes of a corpus file, exactly as written."""
    specs = case.specs
    lines = list(case.pre)
    lines.append(case.sep.join(_cell(n, case.sep) for n, _, _ in specs))
    lines.extend(case.lead)
    for i in range(case.rows):
        lines.append(case.sep.join(_cell(_value(k, i, n, case), case.sep) for n, k, _ in specs))
    lines.extend(case.post)
    text = ("\r\n" if case.crlf else "\n").join(lines) + ("\r\n" if case.crlf else "\n")
    if case.bom:
        text = "\ufeff" + text
    return text.encode(case.encoding)


def write_all(cases: list[Case]) -> None:
    """Write every generated case's file under corpus/."""
    for case in cases:
        if case.real:
            continue
        path = CORPUS / case.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(case))


if __name__ == "__main__":
    from corpus_cases import CASES, HOLDOUT, PUBLISHED

    write_all(CASES + HOLDOUT + PUBLISHED)
    print(f"wrote {sum(1 for c in CASES + HOLDOUT + PUBLISHED if not c.real)} files under {CORPUS}")
