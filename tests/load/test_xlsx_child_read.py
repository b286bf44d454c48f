"""fastexcel reads a workbook in a child process while the parent checks the workbook's XML:
a sheet the checks refuse is refused as before and the child ends with nothing left behind;
a child that fails (out of memory) hands the workbook to the careful reader, which reads the
same sheets; a good workbook is read from the child's Arrow files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from loadkit import xlsx_bytes

import kpi.settings
from kpi.errors import FileRefused
from kpi.load import excel, excel_fast, load_file

ROWS = [["Day", "Campaign", "Clicks"]] + [
    [f"2024-01-{1 + i % 28:02d}", f"C{i}", i] for i in range(300)
]


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[excel_fast.SheetsRead]:
    """Every workbook of any size takes the child read, into a folder of the test's own; the
    reads started are listed."""
    started: list[excel_fast.SheetsRead] = []
    monkeypatch.setattr(excel_fast, "MIN_BYTES", 0)
    monkeypatch.setattr(excel_fast, "scratch_dir", lambda size: str(tmp_path))
    real = excel_fast.SheetsRead

    def tracked(data: bytes) -> excel_fast.SheetsRead:
        read = real(data)
        started.append(read)
        return read

    monkeypatch.setattr(excel_fast, "SheetsRead", tracked)
    return started


def _careful(name: str, data: bytes, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(excel, "FASTEXCEL", False)
        return load_file(name, data)


def _far_cell(data: bytes) -> bytes:
    """The workbook with a lone cell added at XFD1048576 (calamine's grid would be ~500 GB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                part = part.replace(b"</sheetData>", far)
            dst.writestr(info, part)
    return out.getvalue()


def test_a_good_workbook_is_read_by_the_child_as_the_careful_reader_reads_it(
    children: list[excel_fast.SheetsRead], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = xlsx_bytes({"Ads": ROWS, "Empty": []})
    quick = load_file("ads.xlsx", data)
    careful = _careful("ads.xlsx", data, monkeypatch)
    assert len(children) == 1 and children[0].process.returncode == 0
    assert [t.data.to_pylist() for t in quick.tables] == [
        t.data.to_pylist() for t in careful.tables
    ]
    assert [t.report.to_dict() for t in quick.tables] == [
        t.report.to_dict() for t in careful.tables
    ]
    assert list(tmp_path.iterdir()) == []  # the copy and the Arrow files are gone


def test_a_sheet_reaching_far_beyond_its_data_is_refused_and_the_child_ended(
    children: list[excel_fast.SheetsRead], tmp_path: Path
) -> None:
    data = _far_cell(xlsx_bytes({"Ads": ROWS}))
    with pytest.raises(FileRefused) as refused:
        list(excel.read_workbook("far.xlsx", data, "xlsx"))
    assert "Ads" in refused.value.reason
    assert len(children) == 1 and children[0].process.poll() is not None
    assert list(tmp_path.iterdir()) == []


def test_a_child_out_of_memory_hands_the_workbook_to_the_careful_reader(
    children: list[excel_fast.SheetsRead], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # 64 MB of address space: the interpreter starts, fastexcel and Arrow cannot load
    monkeypatch.setattr(kpi.settings, "_current", kpi.settings.replaced(workbook_memory_mb=64))
    monkeypatch.setattr(excel_fast, "_CHILD_BASE", 0)
    monkeypatch.setattr(excel_fast, "_CHILD_PER_XML_BYTE", 0)
    data = xlsx_bytes({"Ads": ROWS})
    quick = load_file("ads.xlsx", data)
    assert len(children) == 1 and children[0].process.returncode != 0
    careful = _careful("ads.xlsx", data, monkeypatch)
    assert [t.data.to_pylist() for t in quick.tables] == [
        t.data.to_pylist() for t in careful.tables
    ]
    assert list(tmp_path.iterdir()) == []


def test_the_childs_memory_grows_with_the_sheets_xml_within_half_the_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kpi.settings, "_current", kpi.settings.replaced(workbook_memory_mb=64))
    small, large = xlsx_bytes({"Ads": ROWS[:5]}), xlsx_bytes({"Ads": ROWS * 40})
    assert excel_fast.child_memory(large) > excel_fast.child_memory(small) > 64 << 20
    monkeypatch.setattr(excel_fast.os, "sysconf", lambda name: 1024)  # a 512 KB machine
    assert excel_fast.child_memory(large) == 64 << 20  # the setting, when it is more
