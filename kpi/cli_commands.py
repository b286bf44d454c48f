"""The command line's own commands: `inspect`, `catalog`, `compute`, `report` and `sql` (the
ROI commands live in `kpi.cli_roi`, `scorecard` in `kpi.cli_scorecard`; `kpi.cli` parses the
arguments and turns every failure into one sentence). Each command returns its exit status;
every session it opens is listed in `OPEN`, for `kpi.cli` to close whatever happens."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kpi.catalog import BY_ID, CATALOG
from kpi.cli_files import load_exports
from kpi.engine import Request, data_end, data_start, finite_or_none, run
from kpi.errors import KpiError
from kpi.i18n import format_count, format_value, row_currency, t
from kpi.i18n.names import display_name, holds_names
from kpi.load import LoadedTable, LoadResult
from kpi.mapping import TableMapping, recognise_loaded
from kpi.sql import run_sql
from kpi.store import SessionData
from kpi.workspace import Workspace
from kpi.xmlsafe import xml_safe

# Every session a command opens, closed in `main` whatever way the command ends.
OPEN: list[SessionData] = []


class NothingLoaded(KpiError):
    """None of the files given could be loaded (exit status 1)."""

    def __init__(self) -> None:
        super().__init__(t("cli.nothing_loaded"))


class CannotWrite(KpiError):
    """The output file cannot be written where the person asked (exit status 2)."""


def _recognise(table: LoadedTable) -> TableMapping:
    return recognise_loaded(table)


def _inspect_json(result: LoadResult) -> dict[str, object]:
    tables = []
    for table in result.tables:
        entry = table.report.to_dict()
        entry.update(_recognise(table).to_dict())
        tables.append(entry)
    return {"tables": tables, "errors": [e.to_dict() for e in result.errors]}


def _recognised(mapping: TableMapping) -> str:
    """What follows the dataset: its platform and how sure the reading is (no platform when the
    table names none)."""
    if not mapping.dataset:
        return ""
    sure = format_value(mapping.confidence, "percent")
    if mapping.platform:
        return t("cli.recognised", platform=mapping.platform, confidence=sure)
    return t("cli.recognised_no_platform", confidence=sure)


def _print_inspect(result: LoadResult) -> None:
    for table in result.tables:
        r = table.report
        mapping = _recognise(table)
        print(f"{table.label}")
        print(
            t("cli.rows", read=format_count(r.rows_read), loaded=format_count(r.rows_loaded),
              rejected=format_count(r.rows_rejected), dataset=mapping.dataset or "—")
            + _recognised(mapping)
        )  # fmt: skip
        how = [
            t("cli.encoding", encoding=r.encoding) if r.encoding else "",
            t("cli.delimiter", delimiter=r.delimiter) if r.delimiter else "",
            t("cli.decimal", decimal=r.decimal) if r.decimal else "",
            t("cli.header_line", line=r.header_line) if r.header_line else "",
        ]
        print("  " + " · ".join(h for h in how if h))
        for c in r.columns:
            print(f"    {c.name}: {c.type}{' (' + c.detail + ')' if c.detail else ''}")
        for note in r.notes:
            print(t("cli.note", note=note))
        for rej in r.rejected[:20]:
            print(t("cli.rejected", line=rej.line, reason=rej.reason))
        if r.rows_rejected > 20:
            print(t("cli.more_rejected", n=format_count(r.rows_rejected - 20)))


def cmd_catalog(as_json: bool, lang: str = "en") -> int:
    """`catalog`: every KPI of the catalog, grouped by family, named and described in `lang`
    (or as JSON, which holds every language)."""
    kpis = [
        {
            "id": k.id,
            "family": k.family,
            "dataset": k.dataset,
            "kind": k.kind,
            "format": k.format,
            "direction": k.direction,
            "labels": dict(k.labels),
            "description": k.description,
            "requires": list(k.requires),
        }
        for k in CATALOG
    ]
    if as_json:
        dump({"kpis": kpis})
        return 0
    for family in dict.fromkeys(k["family"] for k in kpis):
        print(t(f"explore.family.{family}", lang))
        for k in CATALOG:
            if k.family == family:
                label = k.labels.get(lang) or k.label
                description = k.descriptions.get(lang) or k.description
                print(f"  {k.id:<34} {label} — {description}")
    return 0


def _session(files: Sequence[str], workspace: str | None) -> tuple[SessionData, LoadResult]:
    """A session (listed in OPEN) holding the files' tables; each file's error on stderr."""
    data = SessionData()
    OPEN.append(data)
    if workspace:
        data.workspace = Workspace.from_json(Path(workspace).read_text(encoding="utf-8"))
    result = load_exports(files)
    for error in result.errors:
        print(f"{error.file}: {error.message}", file=sys.stderr)
    data.add(result)
    return data, result


def cmd_compute(args: argparse.Namespace) -> int:
    """`compute`: the KPIs asked for, per period and breakdown, with what they still need."""
    data, result = _session(args.files, args.workspace)
    if not result.tables:
        raise NothingLoaded()
    extra = data.workspace.kpis()
    ids = tuple(k.strip() for k in args.kpi.split(",") if k.strip())
    by = tuple(b.strip() for b in args.by.split(",") if b.strip()) if args.by else ()
    end = args.to or data_end(data.con, [k for k in ids if k in BY_ID]) or dt.date.today()
    start = args.from_ or data_start(data.con, [k for k in ids if k in BY_ID]) or end
    request = Request(ids, start, end, args.grain, by, compare=args.compare, extra=extra)
    if any(k.id in ids for k in extra):  # a person's formula: bounded like their SQL
        with data.gate.limit(data.con):
            res = run(data.con, request)
    else:
        res = run(data.con, request)
    rows = []
    for r in res.rows.to_dict("records"):
        rate = (
            BY_ID.get(r["kpi"]) or next(k for k in extra if k.id == r["kpi"])
        ).format == "percent"
        row = {"kpi": r["kpi"], "period_start": str(r["period_start"])}
        row.update({b: r.get(b) for b in by})
        row.update(
            value=finite_or_none(r["value"]),
            previous=finite_or_none(r["previous"]),
            delta_pct=None if rate else finite_or_none(r["change_pct"]),
            delta_pp=finite_or_none(r["change"] * 100)
            if rate and r["change"] == r["change"]
            else None,
            target=finite_or_none(r["target"]),
            status=r["status"],
        )
        row.update(_qualifiers(r))
        rows.append(row)
    needs = [
        {"kpi": n.kpi, "missing": list(n.missing), "hint": n.hint, "reason": n.reason}
        for n in res.needs
    ]
    if args.json:
        notes = [{"kpi": n.kpi, "kind": n.kind, "message": n.message} for n in res.notes]
        dump({"rows": rows, "needs": needs, "notes": notes})
    else:
        formats = {k.id: k.format for k in (*CATALOG, *extra)}
        for row in rows:
            # platforms and channels by their names (LinkedIn); the JSON keeps the data's values
            keys = " ".join(
                display_name(row[b]) if holds_names(b) and isinstance(row[b], str) else str(row[b])
                for b in by
            )
            fmt = formats[row["kpi"]]
            previous = row["previous"]
            code = row_currency(row)
            shown = format_value(row["value"], fmt, currency=code)
            change = (
                ""
                if previous is None
                else t("cli.before", value=format_value(previous, fmt, currency=code))
            )
            print(f"{row['kpi']:<28} {row['period_start']} {keys:<12} {shown}{change}")
        for need in needs:
            print(
                t(
                    "cli.needs",
                    kpi=need["kpi"],
                    missing=", ".join(need["missing"]),
                    hint=need["hint"],
                )
            )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """`report`: the period's report as one self-contained HTML file."""
    from kpi.i18n import format_date, t
    from kpi.report import HEADLINE, PERIODS, build_report, period_for
    from kpi.views import plan_report

    text = args.period.strip() if args.period else None
    if text is not None and text not in PERIODS:
        period_for(text, None)  # a bad period is a usage error before any file is read
    out = Path(args.out)
    _check_writable(out)  # before minutes of loading, not after
    data, result = _session(args.files, args.workspace)
    if not result.tables:
        raise NothingLoaded()
    plan = plan_report.plan_of(data.workspace)  # a saved plan decides sections and period
    text = text or plan_report.default_period(plan)
    start, end = period_for(text, data_end(data.con, HEADLINE))
    if plan is not None:
        html = plan_report.build_plan_report(data, plan, start, end, lang=args.lang)
    else:
        html = build_report(data, start, end, lang=args.lang)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise _cannot_write(out, exc.strerror) from None
    print(t("report.cli_written", start=format_date(start), end=format_date(end), out=args.out))
    return 0


def _cannot_write(out: Path, reason: str | None) -> CannotWrite:
    return CannotWrite(t("cli.cannot_write", out=out, reason=reason or t("cli.not_writable")))


def _check_writable(out: Path) -> None:
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise _cannot_write(out, "it is a folder")
    if not folder.is_dir():
        raise _cannot_write(out, "no such folder")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise _cannot_write(out, "permission denied")


def cmd_sql(args: argparse.Namespace) -> int:
    """`sql`: one read-only query on the canonical views, on the session's locked connection."""
    *files, query = args.items
    if not files:
        raise KpiError(t("error.sql_no_files"))
    data, result = _session(files, args.workspace)
    if not result.tables:
        raise NothingLoaded()
    answer = run_sql(data.con, query, data.gate, max_rows=args.max_rows)
    for note in answer.notes():
        print(note, file=sys.stderr)
    if args.json:
        doc = {"columns": answer.columns, "rows": answer.rows(), "truncated": answer.truncated}
        dump(doc | {"cut_bytes": answer.cut_bytes})
    else:
        # Control characters from the data (ESC sequences) must not drive the terminal.
        print(xml_safe(answer.frame.to_string(index=False, max_colwidth=60)))
    return 0


def _qualifiers(row: dict[str, object]) -> dict[str, object]:
    """What qualifies a row's value, when the engine says: the platforms it `covers` (a list),
    the `source` dataset it came from and its `currency`."""
    out: dict[str, object] = {}
    for key in ("covers", "source", "currency"):
        value = row.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            continue
        out[key] = [p for p in str(value).split(", ") if p] if key == "covers" else str(value)
    return out


def dump(doc: object) -> None:
    """Print `doc` as the command line's JSON (indented, UTF-8 as it is)."""
    # allow_nan=False: NaN and Infinity are not JSON; the values are cleaned before this.
    text = json.dumps(doc, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    print(text)


def cmd_inspect(args: argparse.Namespace) -> int:
    """`inspect`: each file's load report and recognised dataset; 1 when nothing loaded."""
    result = load_exports(args.files)
    for error in result.errors:
        print(f"{error.file}: {error.message}", file=sys.stderr)
    if args.json:
        doc = _inspect_json(result)
        if not result.tables:
            doc["error"] = {"code": "nothing_loaded", "message": NothingLoaded().user_message}
        dump(doc)
    else:
        _print_inspect(result)
    return 0 if result.tables else 1
