"""Which orders count as purchases and revenue, read from the status a shop export writes.

Shops export every order they saw, also those that never became money: cancelled, refunded,
voided, failed, declined, expired, abandoned, deleted ("trash"). Counted as purchases, they make
the revenue larger than the shop's own dashboard shows. `classify` reads a status text (in any
case, with or without accents, separators or a platform's prefix such as WooCommerce's `wc-`) in
English, Spanish, Portuguese, Polish, German, French, Italian and Dutch, and gives the reason an
order is not counted, or None when it is.

The rule, decided here once (the canonical `orders` view applies it, `kpi.store`):

- **counted** (None): paid, completed, fulfilled, processing, shipped, delivered, succeeded,
  new, open… and every status not listed below: an unknown status is counted, never dropped.
  A partial status is counted too (partially refunded, partially paid, partially cancelled):
  part of the order stayed sold. Its amount is the export's (a partial refund is not taken off).
  A dispute still open ("disputed", "needs response") is counted; a lost one is `refunded`.
- **cancelled**: cancelled/canceled, voided (Shopify), annulled, reversed by the shop, deleted
  (WooCommerce's `trash`), or a non-empty cancellation date column (Shopify's `Cancelled at`).
- **refunded**: refunded in full, returned, charged back, dispute lost.
- **failed**: failed, declined, rejected, blocked, expired, abandoned, payment error.
- **pending**: pending, awaiting payment, unpaid, uncaptured, draft, suspended (unless the
  status also says paid: "backorder (paid)"). Deliberately *not yet revenue*: no money has been
  taken, and the shops' own reports leave them out (WooCommerce's analytics exclude pending
  payment, failed and cancelled orders by default). They are listed on the Data page like the
  others, so a person who counts them differently sees it.
- **on hold and authorized are counted**, as the shops' reports count them: WooCommerce's
  analytics count on-hold orders (a bank transfer to confirm), Shopify's sales count an
  authorized payment (the card is held, the capture follows). Only when such a status also says
  the payment is still awaited ("awaiting payment", "attente paiement") is it pending.

A negation before a word ("not refunded", "no reembolsado", "nie anulowane") keeps the order
counted. The rows themselves are never deleted: `all_orders` keeps every order with its
`counted` flag and `not_counted_reason`."""

from __future__ import annotations

from collections.abc import Iterable

from kpi.mapping.names import normalise

# Why an order is not counted, in the order they are looked for (a status naming two, such as
# "cancelled, refund pending", takes the first).
REASONS = ("cancelled", "refunded", "failed", "pending")
# The views: every order with its flag, and the canonical `orders` (counted ones only).
ALL_ORDERS = "all_orders"
COUNTED = "counted"
REASON = "not_counted_reason"
# More distinct statuses than this is not a status column (free text): the rest are counted.
MAX_STATUSES = 2000

# Terms in folded form (`normalise`: no accents, lower case; ł → l, ß → ss). A term with a space
# is a phrase of whole words; "x*" is a word starting with x; "*x*" a word containing x (German
# compounds: "Zahlungsfehler", "rückerstattet"); otherwise a whole word.
_TERMS: dict[str, tuple[str, ...]] = {
    "cancelled": (
        "cancel*", "void", "voided", "voids", "annul*", "*annul*", "anul*", "storn*", "abgebrochen",
        "trash", "trashed", "deleted", "eliminad*", "eliminat*", "usuniet*", "geloscht", "supprim*",
        "verwijderd", "odwolan*", "cancellazione",
    ),
    "refunded": (
        "refund*", "reembols*", "rembours*", "rimbors*", "*erstatt*", "terugbeta*", "zwrot*",
        "zwroc*", "devolu*", "devuelt*", "devolvid*", "estorn*", "chargeback*", "charged back",
        "charge back", "returned", "retourn*", "geretourneerd", "retoure", "reso", "restituit*",
        "dispute lost", "disputed lost", "lost dispute", "lost", "reversed", "reversal",
    ),
    "failed": (
        "fail*", "fallid*", "falh*", "*fehlgeschlag*", "echou*", "echec*", "fallit*", "mislukt*",
        "nieudan*", "declin*", "rechaz*", "recusad*", "refus*", "reject*", "rejeit*", "rejet*",
        "odrzuc*", "abgelehnt*", "rifiutat*", "respint*", "geweigerd", "afgewezen", "denied",
        "denegad*", "expir*", "caducad*", "abgelaufen*", "verfallen*", "scadut*", "verlopen",
        "wygasl*", "abandon*", "abbandon*", "porzucon*", "blocked", "bloque*", "blockiert*",
        "zablokowan*", "bloccat*", "geblokkeerd", "error", "errors", "errore", "erro", "erreur",
        "*fehler*", "blad", "fout", "falla", "fallo",
    ),
    "pending": (
        "pending*", "pendient*", "pendent*", "await*", "unpaid", "not paid", "no pagado",
        "no pagada", "sin pagar", "impag*", "nao pago", "nao paga", "non pagato", "non pagata",
        "non paye", "non payee", "impaye*", "niet betaald", "onbetaald", "nicht bezahlt",
        "unbezahlt*", "nieoplacon*", "uncaptured", "requires payment method",
        "requires action", "requires capture", "requires confirmation", "incomplete", "draft",
        "borrador", "rascunho", "szkic", "entwurf", "brouillon", "bozza", "espera", "esperando",
        "aguardando", "oczekuj*", "oczekiw*", "wstrzyman*", "ausstehend*", "wartend", "warten",
        "wartestellung", "attente", "attesa", "sospes*", "afwachting", "wachtend", "suspend*",
    ),
}  # fmt: skip
# Words saying the part of an order a status speaks of, not all of it: the order stays counted.
_PARTIAL = ("partial*", "parcial*", "czesciow*", "teilweise", "teil*", "partiel*", "parzial*",
            "gedeeltelijk*", "deels")  # fmt: skip
# Words saying the order is paid: a pending status that says so is counted (PrestaShop's "On
# backorder (paid)", "Pedido pendiente por falta de stock (pagado)"). Not "pago": in Spanish it is
# also "payment" ("pendiente de pago").
_PAID = ("paid", "pagado", "pagada", "pagato", "pagata", "paye", "payee", "bezahlt", "oplacon*",
         "zaplacon*", "betaald")  # fmt: skip
# On hold and authorized: counted, as the shops' own reports count them, unless the status also
# speaks of the payment still awaited (`_PAYMENT`): WooCommerce's "on-hold" in its translations
# ("En espera", "Wstrzymane (oczekujące)", "In Wartestellung", "En attente", "In sospeso",
# "Aguardando", "In de wacht"), Shopify's "authorized".
_HELD = ("hold", "onhold", "on hold", "en espera", "wstrzyman*", "wartestellung", "en attente",
         "in sospeso", "sospes*", "aguardando", "in de wacht", "authoriz*", "authoris*", "autoriz*",
         "autoris*", "autoryz*", "geautoriseerd")  # fmt: skip
_PAYMENT = ("payment*", "pago", "pagamento", "paiement", "platnos*", "platnosc*", "zahlung*",
            "betaling", "pagamento", "wplat*")  # fmt: skip
# A word before a term that negates it: "not refunded", "nie anulowane", "nicht storniert".
_NEGATIONS = {"not", "no", "non", "nie", "nicht", "kein", "keine", "niet", "nao", "sin", "never"}
# A platform's prefix that is not part of the status (WooCommerce's `wc-cancelled`).
_PREFIXES = {"wc"}
# Words of a column naming when an order was cancelled (Shopify's `Cancelled at`), beside one
# of the cancellation terms: `fecha_de_cancelacion`, `data_anulowania`, `storniert_am`.
_WHEN = {"at", "on", "date", "time", "fecha", "data", "datum", "am", "op", "le", "el", "em",
         "dia", "datetime", "timestamp"}  # fmt: skip


def _words(text: str) -> list[str]:
    words = normalise(text).split("_")
    while words and words[0] in _PREFIXES and len(words) > 1:
        words = words[1:]
    return [w for w in words if w]


def _matches(term: str, word: str) -> bool:
    if term.startswith("*") and term.endswith("*"):
        return term[1:-1] in word
    if term.endswith("*"):
        return word.startswith(term[:-1])
    return word == term


def _found(terms: Iterable[str], words: list[str]) -> bool:
    """Whether a term occurs in the words, not right after a negation."""
    for term in terms:
        parts = term.split(" ")
        for i in range(len(words) - len(parts) + 1):
            here = zip(parts, words[i : i + len(parts)], strict=True)
            negated = i > 0 and words[i - 1] in _NEGATIONS
            if not negated and all(_matches(p, w) for p, w in here):
                return True
    return False


def classify(status: str | None) -> str | None:
    """Why an order with this status is not counted (one of `REASONS`), or None when it is
    counted: also for an empty or unknown status."""
    if not status:
        return None
    words = _words(str(status))
    if not words or _found(_PARTIAL, words):
        return None
    held = _found(_HELD, words) and not _found(_PAYMENT, words)
    for reason in REASONS:
        if _found(_TERMS[reason], words):
            if reason == "pending" and (held or _found(_PAID, words)):
                return None
            return reason
    return None


def is_cancellation_column(column: str) -> bool:
    """Whether a column's name says when an order was cancelled (`Cancelled at`, `Fecha de
    cancelación`, `Data anulowania`, `Storniert am`): a value in it means the order was."""
    words = _words(column)
    if not words or not _found(_TERMS["cancelled"], words):
        return False
    return any(w in _WHEN for w in words) or words[-1].endswith("datum")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def reason_sql(statuses: Iterable[str], columns: Iterable[str]) -> str:
    """The SQL expression of an order row's reason not to count (NULL when counted): the
    statuses the data holds, each classified once here, and any cancellation date column."""
    by_reason: dict[str, list[str]] = {}
    for status in statuses:
        reason = classify(status)
        if reason is not None:
            by_reason.setdefault(reason, []).append(status)
    cases = [
        f"WHEN CAST(status AS VARCHAR) IN ({', '.join(_literal(s) for s in sorted(found))}) "
        f"THEN {_literal(reason)}"
        for reason in REASONS
        if (found := by_reason.get(reason))
    ]
    cases += [
        f"WHEN nullif(trim(CAST({_ident(c)} AS VARCHAR)), '') IS NOT NULL THEN 'cancelled'"
        for c in columns
        if c != "status" and is_cancellation_column(c)
    ]
    return f"CASE {' '.join(cases)} END" if cases else "CAST(NULL AS VARCHAR)"
