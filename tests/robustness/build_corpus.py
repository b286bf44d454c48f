"""The malformed-file corpus: every classic trap a file parser falls into, built by code.

Each case is a function that returns the file's bytes, deterministically (fixed seeds, fixed zip
timestamps), so the corpus can be rebuilt and checked. Small cases are stored in `corpus/`
(``python tests/robustness/build_corpus.py`` rewrites them); the huge ones (a 5 MB line, 10 000
columns, bombs) are only ever built in memory by the tests.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

CORPUS = Path(__file__).resolve().parent / "corpus"
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

# The table most text cases carry: accents from the exports' languages, a number column.
ROWS = [
    ["Date", "Post", "Clicks"],
    ["2024-01-01", "Genève", "10"],
    ["2024-01-02", "São Paulo", "20"],
    ["2024-01-03", "Málaga, niño", "30"],
    ["2024-01-04", "Köln", "40"],
]
POSTS = [row[1] for row in ROWS[1:]]


@dataclass(frozen=True)
class Case:
    """One corpus file: its name (the extension the loader sees), what it does, its bytes."""

    name: str
    trap: str
    build: Callable[[], bytes]
    stored: bool = True  # small enough to keep in corpus/; otherwise built in memory by tests


def csv_text(rows: Sequence[Sequence[str]], delimiter: str = ",", newline: str = "\n") -> str:
    """Rows as delimited text, quoting fields that need it (like every export)."""

    def field(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(field(v) for v in row) + newline for row in rows)


TABLE = csv_text(ROWS)


# --- workbooks, written by hand so every byte is reproducible ----------------------------------


def _zip(members: Iterable[tuple[str, bytes | str]], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else compress
            zf.writestr(info, data)
    return buf.getvalue()


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 16383 → XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(row: int, col: int, value: Any) -> str:
    ref = f"{column_letters(col)}{row + 1}"
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(
    rows: Sequence[Sequence[Any]], dimension: str | None = None, prolog: str = "", extra: str = ""
) -> str:
    """A worksheet: inline strings and numbers, an optional <dimension> tag, DOCTYPE and cells."""
    body = "".join(
        f'<row r="{i + 1}">' + "".join(_cell(i, j, v) for j, v in enumerate(row)) + "</row>"
        for i, row in enumerate(rows)
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{body}{extra}</sheetData></worksheet>"
    )


def xlsx(sheets: dict[str, str], shared_strings: str | None = None) -> bytes:
    """An .xlsx package around the given worksheet XML (and an optional sharedStrings.xml)."""
    ns = "http://schemas.openxmlformats.org"
    n = len(sheets)
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(n)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(n)
    )
    if shared_strings is not None:
        types += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
        rels += (
            f'<Relationship Id="rId{n + 1}" Type="{ns}/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/>'
        )
    members: list[tuple[str, str]] = [
        (
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.sheet.main+xml"/>{types}</Types>',
        ),
        (
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ),
        (
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                for i, name in enumerate(sheets)
            )
            + "</sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
            f'relationships">{rels}</Relationships>',
        ),
    ]
    members += [(f"xl/worksheets/sheet{i + 1}.xml", xml) for i, xml in enumerate(sheets.values())]
    if shared_strings is not None:
        members.append(("xl/sharedStrings.xml", shared_strings))
    return _zip(members)


def ods(content_tables: str) -> bytes:
    """An OpenDocument spreadsheet around <table:table> elements (mimetype stored first)."""
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content xmlns:office="{office}:office:1.0" '
        f'xmlns:table="{office}:table:1.0" xmlns:text="{office}:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{content_tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<manifest:manifest xmlns:manifest="{office}:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return _zip(
        [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
            ("META-INF/manifest.xml", manifest),
        ]
    )


_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def ole(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file (the container of .xls and of password-protected Office files).
    Every stream is padded with zeros to at least 4 096 bytes, so it lives in regular 512-byte
    sectors (no mini stream); sector 0 holds the FAT, sector 1 the directory (up to three
    streams). Readers stop at a workbook's EOF record, before the padding."""
    assert 1 <= len(streams) <= 3
    padded = {
        name: data.ljust(max(4096, -(-len(data) // 512) * 512), b"\0")
        for name, data in streams.items()
    }
    fat = [_FATSECT, _END]
    starts = []
    for data in padded.values():
        first = len(fat)
        count = len(data) // 512
        starts.append(first)
        fat += [*range(first + 1, first + count), _END]
    assert len(fat) <= 128, "one FAT sector maps 128 sectors"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0, 0)
        + struct.pack("<I", _FREE) * 108
    )
    names = list(padded)

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _FREE, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, _FREE, _END, 0) + b"".join(
        entry(name, 2, _FREE, i + 2 if i + 1 < len(names) else _FREE, starts[i], len(padded[name]))
        for i, name in enumerate(names)
    )
    directory = directory.ljust(512, b"\0")
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", _FREE) * (128 - len(fat))
    return header + fat_sector + directory + b"".join(padded.values())


def _record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def biff8(
    rows: Sequence[Sequence[Any]],
    extra_cells: bytes = b"",
    dimensions: tuple[int, int] | None = None,
) -> bytes:
    """A legacy .xls workbook (BIFF8) with one sheet "S": LABEL and NUMBER cells, a DIMENSIONS
    record (the real extent unless `dimensions` overrides it) and any extra cell records."""
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, int | float):
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
            else:
                text = str(value).encode("latin-1")
                cells += _record(0x0204, struct.pack("<HHHHB", r, c, 0, len(text), 0) + text)
    height, width = dimensions or (len(rows), max(len(row) for row in rows))
    sheet = (
        _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
        + _record(0x0200, struct.pack("<IIHHH", 0, height, 0, width, 0))
        + cells
        + extra_cells
        + _record(0x000A, b"")
    )

    def globals_(sheet_at: int) -> bytes:
        name = b"S"
        return (
            _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
            + _record(0x0085, struct.pack("<IBBBB", sheet_at, 0, 0, len(name), 0) + name)
            + _record(0x000A, b"")
        )

    head = globals_(0)
    return ole({"Workbook": globals_(len(head)) + sheet})


def number_cell(row: int, col: int, value: float) -> bytes:
    """A BIFF8 NUMBER record: a cell anywhere the 16-bit row and column fields reach."""
    return _record(0x0203, struct.pack("<HHHd", row, col, 0, value))


def spreadsheetml(rows_xml: str, prolog: str = "") -> bytes:
    """An XML Spreadsheet 2003 file (what Facebook's legacy ".xls" exports are)."""
    return (
        '<?xml version="1.0"?>'
        f"{prolog}"
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="S"><Table>{rows_xml}</Table></Worksheet></Workbook>'
    ).encode()


def _ss_row(values: Sequence[str], index: int | None = None) -> str:
    at = f' ss:Index="{index}"' if index else ""
    cells = "".join(f'<Cell><Data ss:Type="String">{escape(v)}</Data></Cell>' for v in values)
    return f"<Row{at}>{cells}</Row>"


# --- the cases ----------------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    )
    + "]>"
)


def _xml_bomb_sheet() -> bytes:
    cells = '<row r="2"><c r="A2" t="inlineStr"><is><t>2024-01-01</t></is></c>'
    cells += '<c r="B2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return xlsx({"S": sheet_xml([["Date", "Text"]], prolog=BILLION_LAUGHS, extra=cells)})


def _xml_bomb_shared_strings() -> bytes:
    sst = (
        f'<?xml version="1.0" encoding="UTF-8"?>{BILLION_LAUGHS}'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    extra = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return xlsx({"S": sheet_xml([["Text"]], extra=extra)}, shared_strings=sst)


def _xxe() -> bytes:
    prolog = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    extra = '<row r="2"><c r="A2" t="inlineStr"><is><t>&secret;</t></is></c></row>'
    return xlsx({"S": sheet_xml([["Text"]], prolog=prolog, extra=extra)})


def _far_cell(ref: str) -> bytes:
    row = "".join(ch for ch in ref if ch.isdigit())
    extra = f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'
    return xlsx({"S": sheet_xml(ROWS, extra=extra)})


def _shared_strings_count() -> bytes:
    sst = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>Date</t>'
        "</si></sst>"
    )
    extra = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    return xlsx({"S": sheet_xml([], extra=extra)}, shared_strings=sst)


DIMENSION_LIE_ROWS = 1000


def dimension_lie() -> bytes:
    """<dimension ref="A1:B2"/> while the sheet holds a header and 1 000 rows."""
    rows = [["Date", "Clicks"]] + [
        [f"2024-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}", i] for i in range(DIMENSION_LIE_ROWS)
    ]
    return xlsx({"S": sheet_xml(rows, dimension="A1:B2")})


def _fake_xlsb() -> bytes:
    return _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.bin", b"\x83\x01\x00" * 40)])


def _ods_repeat_bomb() -> bytes:
    """One row "repeated" a million times: 1 KB that means 2 000 000 cells."""
    header = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Date</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>Clicks</text:p>'
        "</table:table-cell></table:table-row>"
    )
    bomb = (
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="2" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row>"
    )
    return ods(f'<table:table table:name="S">{header}{bomb}</table:table>')


def _ods_small() -> bytes:
    def cell(v: Any) -> str:
        if isinstance(v, int):
            return (
                f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'

    rows = [["Date", "Clicks"], ["2024-01-01", 10], ["2024-01-02", 20]]
    body = "".join("<table:table-row>" + "".join(map(cell, r)) + "</table:table-row>" for r in rows)
    return ods(f'<table:table table:name="S">{body}</table:table>')


def _garbage(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _nul_every_few_bytes() -> bytes:
    return bytes(b for ch in TABLE.encode() for b in (ch, 0, 0))[:-1] + b"\x01\x02"


def _double_spaced(rows: int) -> bytes:
    lines = ["Date,Post,Clicks"] + [f"2024-01-{1 + i % 28:02d},post {i},{i}" for i in range(rows)]
    return ("\n\n".join(lines) + "\n").encode()


def _many_tables(blocks: int) -> bytes:
    two = "Date,Clicks\n2024-01-01,1\n\n"
    three = "Date,Clicks,Views\n2024-01-01,1,2\n\n"
    return "".join(two if i % 2 else three for i in range(blocks)).encode()


def five_mb_line() -> bytes:
    """One line of 5 MB, no delimiter, no newline."""
    return b"x" * (5 * 1024**2)


def five_mb_of_fields() -> bytes:
    """One line of 5 MB that is 2.6 million comma-separated fields."""
    return b"a," * (5 * 1024**2 // 2)


def five_mb_cell() -> bytes:
    """A header, then a row whose quoted text is 5 MB long."""
    return b'Date,Text,Clicks\n2024-01-01,"' + b"lorem ipsum " * (5 * 1024**2 // 12) + b'",1\n'


WIDE = 10_000


def wide_csv() -> bytes:
    """10 000 columns: a header and three rows."""
    header = ",".join(f"metric_{i}" for i in range(WIDE))
    row = ",".join(str(i) for i in range(WIDE))
    return f"{header}\n{row}\n{row}\n{row}\n".encode()


def wide_xlsx() -> bytes:
    """10 000 columns in a workbook: a header and two rows."""
    return xlsx(
        {
            "S": sheet_xml(
                [[f"metric_{i}" for i in range(WIDE)], list(range(WIDE)), list(range(WIDE))]
            )
        }
    )


ZIP_BOMB_BYTES = 1024**3


def zip_bomb() -> bytes:
    """A workbook whose sheet unpacks to 1 GiB of spaces from about 1 MB. After a full flush
    deflate starts afresh, so every 1 MB block of spaces compresses to the same bytes: the
    stream is built by repeating them, in milliseconds."""
    head, tail = sheet_xml(ROWS).split("<sheetData>")
    start, end, chunk = (head + "<sheetData>").encode(), tail.encode(), b" " * 1024**2
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = co.compress(start) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    assert co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH) == block
    blocks = ZIP_BOMB_BYTES // len(chunk)
    body += block * blocks + co.compress(end) + co.flush()
    crc = zlib.crc32(start)
    for _ in range(blocks):
        crc = zlib.crc32(chunk, crc)
    size = len(start) + ZIP_BOMB_BYTES + len(end)
    return _replace_member(
        xlsx({"S": sheet_xml(ROWS)}), "xl/worksheets/sheet1.xml", body, zlib.crc32(end, crc), size
    )


def lying_zip_sizes() -> bytes:
    """A workbook whose sheet declares the size and checksum of a small sheet, but whose data
    unpacks to 50 MB: the declared sizes pass the zip-bomb check, the real ones must not."""
    small = sheet_xml(ROWS).encode()
    big = small.replace(b"<sheetData>", b"<sheetData>" + b" " * (50 * 1024**2))
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = co.compress(big) + co.flush()
    return _replace_member(
        xlsx({"S": sheet_xml(ROWS)}),
        "xl/worksheets/sheet1.xml",
        body,
        zlib.crc32(small),
        len(small),
    )


def lying_styles() -> bytes:
    """The same lie in xl/styles.xml, a part only calamine reads (the checks before it do not):
    calamine must stop at the declared size too, not unpack the 50 MB."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    small = f'<styleSheet xmlns="{ns}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>'
    big = small.replace("<cellXfs", " " * (50 * 1024**2) + "<cellXfs").encode()
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    base = zipfile.ZipFile(io.BytesIO(xlsx({"S": sheet_xml(ROWS)})))
    package = _zip([*((n, base.read(n)) for n in base.namelist()), ("xl/styles.xml", small)])
    return _replace_member(
        package,
        "xl/styles.xml",
        co.compress(big) + co.flush(),
        zlib.crc32(small.encode()),
        len(small),
    )


def _replace_member(package: bytes, member: str, deflated: bytes, crc: int, declared: int) -> bytes:
    """Rewrite a zip with one member's deflated data, checksum and declared size set by hand."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    central = []
    for info in source.infolist():
        name = info.filename.encode()
        if info.filename == member:
            data, member_crc, length = deflated, crc, declared
        else:
            raw = source.read(info.filename)
            co = zlib.compressobj(9, zlib.DEFLATED, -15)
            data, member_crc, length = co.compress(raw) + co.flush(), zlib.crc32(raw), len(raw)
        offset = out.tell()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                8,
                0,
                0x5821,
                member_crc,
                len(data),
                length,
                len(name),
                0,
            )
            + name
            + data
        )
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x5821,
                member_crc,
                len(data),
                length,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    out.write(b"".join(central))
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0
        )
    )
    return out.getvalue()


def deep_json() -> bytes:
    """A JSON array nested 100 000 deep."""
    return b"[" * 100_000 + b"]" * 100_000


def _encrypted_workbook() -> bytes:
    # What Office writes for a workbook saved with a password: an OLE2 container holding
    # "EncryptionInfo" and "EncryptedPackage" streams instead of a zip.
    info = struct.pack("<HHI", 4, 4, 0x40) + b"\x04" * 120
    return ole({"EncryptionInfo": info, "EncryptedPackage": _garbage(11, 4096)})


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + _garbage(12, 2000)


def _mz() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + _garbage(13, 2000)


CASES: list[Case] = [
    # Text encodings.
    Case("utf8_bom.csv", "UTF-8 with a byte-order mark", lambda: b"\xef\xbb\xbf" + TABLE.encode()),
    Case("utf16le_bom.csv", "UTF-16 LE with BOM", lambda: b"\xff\xfe" + TABLE.encode("utf-16-le")),
    Case("utf16be_bom.csv", "UTF-16 BE with BOM", lambda: b"\xfe\xff" + TABLE.encode("utf-16-be")),
    Case(
        "utf16le_nobom.tsv",
        "UTF-16 LE without BOM, tab-separated (Google Ads style)",
        lambda: csv_text(ROWS, "\t").encode("utf-16-le"),
    ),
    Case("utf16be_nobom.csv", "UTF-16 BE without BOM", lambda: TABLE.encode("utf-16-be")),
    Case(
        "cp1252.csv",
        "Windows-1252: curly quotes and the euro sign",
        lambda: (TABLE + "2024-01-05,“Café” €5,50\n").encode("cp1252"),
    ),
    Case("latin1.csv", "ISO-8859-1 (latin-1)", lambda: TABLE.encode("latin-1")),
    Case("bom_only.csv", "nothing but a UTF-8 BOM", lambda: b"\xef\xbb\xbf"),
    # Bytes that end strings in C.
    Case(
        "nul_in_field.csv",
        "one NUL byte inside a field",
        lambda: TABLE.replace("Köln", "Kö\x00ln").encode(),
    ),
    Case(
        "nul_padding.csv",
        "the table, then 4 096 NUL bytes",
        lambda: TABLE.encode() + b"\x00" * 4096,
    ),
    Case("nul_every_byte.csv", "a NUL after every byte: binary", _nul_every_few_bytes),
    # Line ends and quoting.
    Case(
        "cr_only.csv", "old Mac line ends (CR only)", lambda: csv_text(ROWS, newline="\r").encode()
    ),
    Case(
        "mixed_line_ends.csv",
        "CRLF, LF and CR in one file",
        lambda: b"Date,Post,Clicks\r\n2024-01-01,a,1\n2024-01-02,b,2\r2024-01-03,c,3\r\n",
    ),
    Case(
        "quoted_newlines.csv",
        "quoted fields holding LF, CRLF, a blank line and doubled quotes",
        lambda: csv_text(
            [
                ROWS[0],
                ["2024-01-01", "line one\nline two", "1"],
                ["2024-01-02", 'crlf\r\ninside "quotes"', "2"],
                ["2024-01-03", "one\n\nblank line", "3"],
                ["2024-01-04", "plain", "4"],
            ]
        ).encode(),
    ),
    Case(
        "ragged_rows.csv",
        "rows with fewer and with more fields than the header",
        lambda: (
            b"Date,Post,Clicks\n2024-01-01,a,1\n2024-01-02,b\n2024-01-03,c,3,extra\n"
            b"2024-01-04\n2024-01-05,e,5,,\n2024-01-06,f,6\n"
        ),
    ),
    Case(
        "unterminated_quote.csv",
        "a quote opened in row 2 and never closed",
        lambda: (
            b'Date,Post,Clicks\n2024-01-01,a,1\n2024-01-02,"never closed,2\n2024-01-03,c,3\n'
            b"2024-01-04,d,4\n2024-01-05,e,5\n"
        ),
    ),
    Case(
        "unterminated_quote_last_line.csv",
        "a quote opened on the last line",
        lambda: b'Date,Post,Clicks\n2024-01-01,a,1\n2024-01-02,b,2\n2024-01-03,"c,3\n',
    ),
    # Headers.
    Case(
        "duplicate_headers.csv",
        "the same column name three times (twice in another case)",
        lambda: b"Date,Clicks,Clicks,date,Clicks\n2024-01-01,1,2,x,3\n2024-01-02,4,5,y,6\n",
    ),
    Case(
        "empty_headers.csv",
        "blank column names",
        lambda: b"Date,,Clicks,\n2024-01-01,a,1,b\n2024-01-02,c,2,d\n",
    ),
    Case("header_only.csv", "a header and no rows", lambda: b"Date,Post,Clicks\n"),
    Case(
        "sep_line.csv", 'Excel\'s "sep=;" first line', lambda: b"sep=;\nDate;Clicks\n2024-01-01;1\n"
    ),
    Case(
        "formula_injection.csv",
        "cells that spreadsheets would run as formulas",
        lambda: (
            b"Date,Post,Clicks\n2024-01-01,=cmd|' /C calc'!A0,1\n2024-01-02,@SUM(1+1),2\n"
            b'2024-01-03,"=HYPERLINK(""http://x"")",3\n'
        ),
    ),
    # Nothing, or not a table at all.
    Case("empty.csv", "zero bytes", lambda: b""),
    Case("blank_lines_only.csv", "only blank lines", lambda: b"\n\n \r\n\t\n"),
    Case("binary_garbage.csv", "4 KB of random bytes", lambda: _garbage(7, 4096)),
    Case("elf_program.csv", "a Linux program renamed .csv", _elf),
    Case("windows_program.csv", "a Windows program (MZ) renamed .csv", _mz),
    Case(
        "gzip.csv", "a gzip archive renamed .csv", lambda: b"\x1f\x8b\x08\x00" + _garbage(14, 200)
    ),
    Case("xlsx_named.csv", "a workbook renamed .csv", lambda: xlsx({"S": sheet_xml(ROWS)})),
    Case(
        "double_spaced.csv",
        "a blank line after every row (200 rows)",
        lambda: _double_spaced(200),
    ),
    Case("many_tables.csv", "101 tables stacked in one file", lambda: _many_tables(101)),
    # Workbooks.
    Case(
        "encrypted.xlsx",
        "a password-protected workbook (OLE2 with EncryptionInfo)",
        _encrypted_workbook,
    ),
    Case(
        "empty_workbook.xlsx",
        "a workbook whose only sheet has no rows",
        lambda: xlsx({"S": sheet_xml([])}),
    ),
    Case("dimension_lie.xlsx", '<dimension ref="A1:B2"/> over 1 000 rows', dimension_lie),
    Case("xml_bomb.xlsx", "billion laughs in the sheet XML", _xml_bomb_sheet),
    Case(
        "xml_bomb_shared_strings.xlsx",
        "billion laughs in sharedStrings.xml",
        _xml_bomb_shared_strings,
    ),
    Case("xxe.xlsx", "an external entity pointing at /etc/passwd", _xxe),
    Case(
        "far_cell.xlsx",
        "a lone value in XFD1048576 (the last cell)",
        lambda: _far_cell("XFD1048576"),
    ),
    Case(
        "far_row.xlsx",
        "a lone value in J1048576 (10 million empty cells)",
        lambda: _far_cell("J1048576"),
    ),
    Case(
        "shared_strings_count.xlsx",
        'sharedStrings claims uniqueCount="4000000000"',
        _shared_strings_count,
    ),
    Case("fake_xlsb.xlsx", "a binary workbook (xl/workbook.bin) of garbage", _fake_xlsb),
    Case("small.ods", "a good OpenDocument spreadsheet", _ods_small),
    Case("ods_repeat_bomb.ods", "one ODS row repeated 1 000 000 times", _ods_repeat_bomb),
    Case(
        "legacy.xls",
        "a good legacy BIFF8 workbook",
        lambda: biff8([["Date", "Clicks"], ["2024-01-01", 10], ["2024-01-02", 20]]),
    ),
    Case(
        "xls_far_cell.xls",
        "a BIFF8 cell in column 65 535 (legal field, impossible sheet)",
        lambda: biff8([["Date", "Clicks"], ["2024-01-01", 10]], number_cell(65535, 65535, 1.0)),
    ),
    Case(
        "xls_dimension_lie.xls",
        "a BIFF8 DIMENSIONS record claiming 4 000 000 000 rows",
        lambda: biff8([["Date", "Clicks"], ["2024-01-01", 10]], dimensions=(4_000_000_000, 256)),
    ),
    Case(
        "spreadsheetml_entities.xml",
        "an XML Spreadsheet 2003 with an entity declaration",
        lambda: spreadsheetml(_ss_row(["Date", "&lol9;"]).replace("&amp;", "&"), BILLION_LAUGHS),
    ),
    Case(
        "spreadsheetml_index_bomb.xls",
        'an XML Spreadsheet 2003 row with ss:Index="999999999"',
        lambda: spreadsheetml(
            _ss_row(["Date", "Clicks"]) + _ss_row(["2024-01-01", "1"], 999999999)
        ),
    ),
    # Huge: built in memory by the tests, never stored.
    Case("five_mb_line.csv", "one 5 MB line, no delimiter", five_mb_line, stored=False),
    Case(
        "five_mb_of_fields.csv",
        "one 5 MB line of 2.6 million fields",
        five_mb_of_fields,
        stored=False,
    ),
    Case("five_mb_cell.csv", "a 5 MB quoted cell", five_mb_cell, stored=False),
    Case("ten_thousand_columns.csv", "10 000 columns", wide_csv, stored=False),
    Case("ten_thousand_columns.xlsx", "10 000 columns in a workbook", wide_xlsx, stored=False),
    Case("zip_bomb.xlsx", "a sheet that unpacks to 1 GiB", zip_bomb, stored=False),
    Case(
        "lying_zip_sizes.xlsx",
        "a sheet bigger than its declared size",
        lying_zip_sizes,
        stored=False,
    ),
    Case(
        "lying_styles.xlsx",
        "styles bigger than their declared size (a part only calamine reads)",
        lying_styles,
        stored=False,
    ),
    Case(
        "unterminated_quote_big.csv",
        "a quote never closed, then 250 KB of rows",
        lambda: (
            b'Date,Post,Clicks\n2024-01-01,"stray,1\n'
            + "".join(f"2024-01-{1 + i % 28:02d},post {i},{i}\n" for i in range(10_000)).encode()
        ),
        stored=False,
    ),
    Case("deep_nesting.json", "JSON nested 100 000 deep", deep_json, stored=False),
    Case(
        "double_spaced_big.csv",
        "a blank line after each of 50 000 rows",
        lambda: _double_spaced(50_000),
        stored=False,
    ),
]
BY_NAME = {case.name: case for case in CASES}


def write_corpus(folder: Path = CORPUS) -> list[Path]:
    """Write every stored case into `folder` (removing files no case names any more)."""
    folder.mkdir(exist_ok=True)
    keep = {case.name for case in CASES if case.stored}
    for stale in folder.iterdir():
        if stale.name not in keep:
            stale.unlink()
    written = []
    for case in CASES:
        if case.stored:
            path = folder / case.name
            path.write_bytes(case.build())
            written.append(path)
    return written


if __name__ == "__main__":
    paths = write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} files, {total / 1024:,.0f} KB, into {paths[0].parent}")
