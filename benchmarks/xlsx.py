"""A minimal .xlsx writer for the benchmark: one sheet, numbers as numbers, text as inline
strings (openpyxl takes minutes to write 200 000 rows; this takes seconds)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pyarrow as pa

_NS = "http://schemas.openxmlformats.org"
_MEMBERS = {
    "[Content_Types].xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_NS}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{_NS}/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_NS}/spreadsheetml/2006/main" '
        f'xmlns:r="{_NS}/officeDocument/2006/relationships"><sheets><sheet name="Posts" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{_NS}/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def xlsx_bytes(table: pa.Table) -> bytes:
    """The table as a one-sheet workbook (header row first)."""
    letters = [_letters(j) for j in range(table.num_columns)]
    numeric = [pa.types.is_integer(t) or pa.types.is_floating(t) for t in table.schema.types]
    columns = [table.column(j).to_pylist() for j in range(table.num_columns)]
    parts = ['<row r="1">']
    parts += [
        f'<c r="{letters[j]}1" t="inlineStr"><is><t>{escape(n)}</t></is></c>'
        for j, n in enumerate(table.column_names)
    ]
    parts.append("</row>")
    for i in range(table.num_rows):
        r = i + 2
        parts.append(f'<row r="{r}">')
        for j, col in enumerate(columns):
            v = col[i]
            if v is None:
                continue
            if numeric[j]:
                parts.append(f'<c r="{letters[j]}{r}"><v>{v}</v></c>')
            else:
                parts.append(
                    f'<c r="{letters[j]}{r}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
                )
        parts.append("</row>")
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="'
        f'{_NS}/spreadsheetml/2006/main"><sheetData>{"".join(parts)}</sheetData></worksheet>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in {**_MEMBERS, "xl/worksheets/sheet1.xml": sheet}.items():
            zf.writestr(name, xml)
    return buf.getvalue()
