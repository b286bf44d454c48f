"""Deciding what a file is from its bytes: its kind (by magic bytes, not the extension),
its text encoding and its delimiter."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from kpi.errors import FileRefused
from kpi.i18n import t, tn

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PARQUET_MAGIC = b"PAR1"

# Magic bytes of files people drop by mistake, with the catalog key of their kind: naming the
# kind makes the message useful (read when refusing, in the language of that run).
_FOREIGN_MAGIC = [
    (b"%PDF", "load.kind.pdf"),
    (b"\x89PNG", "load.kind.png"),
    (b"\xff\xd8\xff", "load.kind.jpeg"),
    (b"GIF8", "load.kind.gif"),
    (b"\x7fELF", "load.kind.elf"),
    (b"MZ", "load.kind.exe"),
    (b"\x1f\x8b", "load.kind.gzip"),
    (b"Rar!", "load.kind.rar"),
    (b"7z\xbc\xaf", "load.kind.7z"),
    (b"SQLite format 3", "load.kind.sqlite"),
]

_EXPORT_HINT = "load.export_hint"


@dataclass(frozen=True)
class FileKind:
    """What a file really is: `text`, `json`, `xlsx`, `xlsb`, `ods`, `xls`, `parquet` or
    `spreadsheetml`."""

    kind: str


def detect_kind(name: str, data: bytes) -> FileKind:
    """Decide the file's kind from its content; refuse empty, binary and encrypted files."""
    if _blank(_without_bom(data)):
        raise FileRefused(name, t("load.empty"))
    head = data[:16]
    if head.startswith(PARQUET_MAGIC):
        return FileKind("parquet")
    if head.startswith(ZIP_MAGIC):
        return FileKind(_zip_kind(name, data))
    if head.startswith(OLE2_MAGIC):
        if _utf16(b"EncryptedPackage") in data or _utf16(b"EncryptionInfo") in data:
            raise FileRefused(
                name,
                t("load.encrypted_xls"),
            )
        return FileKind("xls")
    for magic, what in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise FileRefused(name, t("load.not_a_table", what=t(what), hint=t(_EXPORT_HINT)))
    sample = data[:4096].lstrip(b"\xef\xbb\xbf")
    if sample.lstrip().startswith(b"<?xml") or sample.lstrip().startswith(b"<Workbook"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:65536]:
            return FileKind("spreadsheetml")
        raise FileRefused(name, t("load.xml_document", hint=t(_EXPORT_HINT)))
    if _looks_binary(data[:65536]):
        raise FileRefused(name, t("load.binary", hint=t(_EXPORT_HINT)))
    stripped = sample.lstrip()
    if stripped[:1] in (b"{", b"["):
        return FileKind("json")
    return FileKind("text")


def _blank(data: bytes) -> bool:
    """Only spaces, line breaks and NULs, judged chunk by chunk (no copy of a large file)."""
    view = memoryview(data)
    return not any(
        bytes(view[i : i + (1 << 20)]).strip(b" \t\r\n\x00") for i in range(0, len(data), 1 << 20)
    )


def _without_bom(data: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def _utf16(ascii_name: bytes) -> bytes:
    return ascii_name.decode().encode("utf-16-le")


def _zip_kind(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "xl/workbook.bin" in names:
                return "xlsb"
            if "content.xml" in names and "mimetype" in names:
                mimetype = zf.read("mimetype")
                if b"spreadsheet" in mimetype:
                    return "ods"
    except zipfile.BadZipFile:
        raise FileRefused(
            name,
            t("load.damaged_zip"),
        ) from None
    raise FileRefused(name, t("load.zip_archive"))


def _looks_binary(chunk: bytes) -> bool:
    if chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(chunk):
        return False
    # A few stray NUL bytes, or NUL padding after the text (a copy cut short), do not make a
    # text file binary: `decode` drops them and says so. Many of them do.
    text = chunk.rstrip(b"\x00")
    if not text or text.count(0) > max(4, len(text) // 1000):
        return True
    control = sum(1 for b in text if b < 9 or 13 < b < 32)
    return control > len(text) * 0.05


def _utf16_without_bom(chunk: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    if len(chunk) < 4:
        return None
    even, odd = chunk[0::2], chunk[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


# Letters that real exports in our languages contain; a decoding that yields them is more likely.
_WESTERN = set("áéíóúñüçãõâêôàèìòùäöëïßÁÉÍÓÚÑÜÇÃÕÂÊÔÀÈÌÒÙÄÖ¿¡ºª€")
_CENTRAL = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻčďěňřšťůžČĎĚŇŘŠŤŮŽ")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding a person would recognise and any repairs."""

    text: str
    encoding: str
    note: str = ""


def decode(name: str, data: bytes) -> Decoded:
    """Decode bytes: BOMs first, then strict UTF-8, then the likeliest single-byte code page.
    NUL characters are dropped (with a note): no export means them, and they end strings in C."""
    decoded = _decode(data)
    nuls = decoded.text.count("\x00")
    if not nuls:
        return decoded
    note = tn("load.note.nul_bytes", nuls)
    return Decoded(
        decoded.text.replace("\x00", ""),
        decoded.encoding,
        f"{decoded.note}; {note}" if decoded.note else note,
    )


def _decode(data: bytes) -> Decoded:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict_or_lenient(data[3:], "utf-8", "UTF-8 with BOM")
    if data.startswith(b"\xff\xfe"):
        return _strict_or_lenient(data[2:], "utf-16-le", "UTF-16 LE")
    if data.startswith(b"\xfe\xff"):
        return _strict_or_lenient(data[2:], "utf-16-be", "UTF-16 BE")
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return _strict_or_lenient(data, utf16, utf16.upper().replace("-", " ", 1).replace("-", " "))
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (seen in real Facebook exports): keep UTF-8, say so.
    multibyte = len(re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", data))
    broken = data.decode("utf-8", errors="replace").count("\ufffd")
    if multibyte > broken * 4:
        return Decoded(
            data.decode("utf-8", errors="replace"),
            "UTF-8",
            f"{broken} invalid UTF-8 byte(s) replaced by �",
        )
    best: tuple[float, str, str] | None = None
    for codec, label in (
        ("cp1252", "cp1252 (Windows Western)"),
        ("cp1250", "cp1250 (Windows Central European)"),
    ):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, label)
    if best is not None:
        return Decoded(best[1], best[2])
    return Decoded(data.decode("latin-1"), "latin-1")


def _strict_or_lenient(data: bytes, codec: str, label: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), label)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        return Decoded(text, label, f"{text.count(chr(0xFFFD))} undecodable byte(s) replaced by �")


def _plausibility(text: str) -> float:
    score = 0.0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        inside = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        if ch in _WESTERN or ch in _CENTRAL:
            score += 2
        elif ch.isalpha():
            score += 0.5
        elif inside:
            score -= 3
        elif ch.isprintable():
            score -= 0.5
        else:
            score -= 3
    return score


DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def detect_delimiter(text: str) -> str:
    """The delimiter whose split gives the most consistent, widest rows in the file's first lines."""
    first = text.split("\n", 1)[0].strip().lower()
    if first.startswith("sep=") and len(first) >= 5:
        return first[4]
    lines = [
        ln
        for ln in text[:65536].splitlines()[:200]
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    sample = "\n".join(lines[:100])
    best, best_score = ",", (-1.0, 0)
    for delim in DELIMITERS:
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim)]
        if not widths:
            continue
        split = [w for w in widths if w >= 2]  # title lines have one field whatever the delimiter
        if not split:
            continue
        mode = max(set(split), key=lambda w: (split.count(w), -w))
        # Rows with a field too many still agree with the delimiter; rows with fewer do not.
        share = sum(1 for w in widths if w >= mode) / len(widths)
        score = (share, mode)
        if score > best_score:
            best, best_score = delim, score
    return best
