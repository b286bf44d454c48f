"""Recognition judged on a corpus of exports: every table of it gets its expected dataset,
platform and row count, and every column its expected field (or none). The corpus is
corpus_cases.py (exports built from published headers, ≥ 8 languages, with held-out variants),
the existing preset fixtures (test_mapping_presets.py) and the real exports in
../shared/data/real/ (left out, with the reason printed, where that folder is absent).

The accuracy is printed (run with `-s`): tables right, and columns right, where a column is
wrong when it gets another field than expected, or any field when it has none. The test fails
below 98 % on either."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SHARED_REAL
from corpus_cases import CASES, HOLDOUT, PUBLISHED, REAL
from corpuskit import CORPUS, Case, render
from mappingkit import FIXTURES, read_part
from test_mapping_presets import CASES as PRESET_CASES

from kpi.presets import PRESETS

MIN_ACCURACY = 0.98


@dataclass(frozen=True)
class Expect:
    """One table to judge: where it is and what it must read as."""

    path: Path
    part: str | None
    dataset: str | None
    platform: str | None
    rows: int | None
    fields: dict[str, str | None]  # every column that must get a field; others must get none
    label: str


def _expectations() -> tuple[list[Expect], list[str]]:
    out, skipped = [], []
    for case in CASES:
        out.append(
            Expect(CORPUS / case.file, case.part, case.dataset, case.platform, case.rows,
                   case.expected, case.id)
        )  # fmt: skip
    for label, cases in (("holdout", HOLDOUT), ("published", PUBLISHED)):
        for case in cases:
            out.append(
                Expect(CORPUS / case.file, case.part, case.dataset, case.platform, case.rows,
                       case.expected, f"{label}:{case.id}")
            )  # fmt: skip
    for case in PRESET_CASES:
        if case.real:
            continue  # the real files are judged below, with their row counts
        out.append(
            Expect(FIXTURES / case.file, case.part, case.dataset, case.platform, None,
                   dict(case.fields), f"fixture:{case.id}")
        )  # fmt: skip
    if SHARED_REAL.is_dir():
        for case in REAL:
            out.append(
                Expect(SHARED_REAL / case.file, case.part, case.dataset, case.platform,
                       case.rows or None, case.expected, f"real:{case.id}")
            )  # fmt: skip
    else:
        skipped.append(f"{len(REAL)} real tables: ../shared/data/real/ is not beside the project")
    return out, skipped


def _judge(expect: Expect) -> tuple[bool, int, int, list[str]]:
    """(table right, columns right, columns judged, what went wrong)."""
    read = read_part(expect.path, expect.part)
    m = read.mapping
    problems = []
    # the loader turns no-break spaces in a header into spaces: judge by the loaded name
    fields = {c.replace("\xa0", " "): f for c, f in expect.fields.items()}
    if m.dataset != expect.dataset:
        problems.append(f"dataset {m.dataset} != {expect.dataset}")
    if m.platform != expect.platform:
        problems.append(f"platform {m.platform} != {expect.platform}")
    if expect.rows is not None and read.table.report.rows_loaded != expect.rows:
        problems.append(f"rows {read.table.report.rows_loaded} != {expect.rows}")
    table_right = not problems
    right = judged = 0
    for column in read.table.data.column_names:
        want = fields.get(column)
        got = m.mapping.get(column)
        if want is None and got is None:
            continue
        judged += 1
        if got == want:
            right += 1
        else:
            problems.append(f"{column!r}: {got} != {want}")
    missing = set(fields) - set(read.table.data.column_names)
    for column in sorted(missing):
        judged += 1
        problems.append(f"{column!r}: not a column of the loaded table")
    return table_right, right, judged, problems


def test_corpus_files_are_written_from_their_cases() -> None:
    stale = [
        c.file for c in CASES + HOLDOUT + PUBLISHED if (CORPUS / c.file).read_bytes() != render(c)
    ]
    assert stale == [], "run `python tests/mapping/corpuskit.py`"


def test_corpus_covers_eight_languages_and_sixty_tables() -> None:
    assert len({c.lang for c in CASES}) >= 8
    assert len(CASES) >= 60


def test_recognition_corpus_accuracy() -> None:
    expectations, skipped = _expectations()
    tables_right = right = judged = 0
    lines = []
    groups: dict[str, list[int]] = {}
    for expect in expectations:
        ok, r, j, problems = _judge(expect)
        tables_right += ok
        right, judged = right + r, judged + j
        prefix = expect.label.split(":")[0]
        kind = prefix if prefix in ("real", "fixture", "holdout", "published") else "corpus"
        group = groups.setdefault(kind, [0, 0, 0, 0])
        group[0], group[1], group[2], group[3] = (
            group[0] + ok,
            group[1] + 1,
            group[2] + r,
            group[3] + j,
        )
        if problems:
            lines.append(f"  {expect.label}: " + "; ".join(problems))
    table_share = tables_right / len(expectations)
    column_share = right / judged
    print("\nrecognition corpus, what went wrong:")
    print("\n".join(lines) or "  nothing")
    for kind in ("corpus", "holdout", "published", "fixture", "real"):
        if kind in groups:
            t, n, r, j = groups[kind]
            print(f"  {kind}: tables {t}/{n}, columns {r}/{j}")
    for reason in skipped:
        print(f"  skipped: {reason}")
    print(
        f"  tables right: {tables_right}/{len(expectations)} = {table_share:.3f}; "
        f"columns right: {right}/{judged} = {column_share:.3f}"
    )
    assert table_share >= MIN_ACCURACY
    assert column_share >= MIN_ACCURACY


def test_every_preset_has_a_case_here_or_in_the_preset_tests() -> None:
    """Each preset reads at least one table whose every column is checked: a case of
    test_mapping_presets.py, or a corpus table it reads entirely right."""
    covered = {c.preset for c in PRESET_CASES}
    for case in CASES + HOLDOUT + PUBLISHED:
        read = read_part(CORPUS / case.file, case.part)
        ok, right, judged, _ = _judge(
            Expect(CORPUS / case.file, case.part, case.dataset, case.platform, case.rows,
                   case.expected, case.id)
        )  # fmt: skip
        if ok and right == judged:
            covered.add(read.mapping.preset)
    assert [p.id for p in PRESETS if p.id not in covered] == []


@pytest.mark.parametrize("case", REAL, ids=[c.id for c in REAL])
def test_real_export_row_counts(case: Case, shared_real: Path) -> None:
    read = read_part(shared_real / case.file, case.part)
    if case.rows:
        assert read.table.report.rows_loaded == case.rows
