"""Decide what a file really is from its first bytes, never from its name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """``kind`` is 'xlsx', 'xlsm' or 'csv' when readable; otherwise a refusal code for i18n."""

    kind: str
    readable: bool
    encoding: str = ""


def sniff(data: bytes) -> Sniffed:
    """Classify a file by content.

    >>> sniff(b"").kind, sniff(b"%PDF-1.7 ...").kind, sniff("单位编码,单位名称\\n".encode()).kind
    ('empty', 'pdf', 'csv')
    """
    if not data.strip():
        return Sniffed("empty", False)
    if data.startswith(ZIP_MAGIC):
        return _sniff_zip(data)
    if data.startswith(OLE_MAGIC):
        return _sniff_ole(data)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return Sniffed("pdf", False)
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        return Sniffed("html", False)
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
        return Sniffed("xml2003", False)
    encoding = _text_encoding(data)
    if encoding in ("utf-8-sig", "gb18030"):
        return Sniffed("csv", True, encoding)
    if encoding:  # text, but in an encoding we do not read: 'big5' or 'unlikely'
        return Sniffed("csv_big5", False) if encoding == "big5" else Sniffed("csv_encoding", False)
    return Sniffed("unknown", False)


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):  # e.g. "zip file version 23.5"
        return Sniffed("broken_zip", False)
    if "xl/workbook.xml" in names:
        return Sniffed("xlsm" if "xl/vbaProject.bin" in names else "xlsx", True)
    if "xl/workbook.bin" in names:
        return Sniffed("xlsb", False)
    if "mimetype" in names:
        mimetype = _head(zipfile.ZipFile(io.BytesIO(data)), "mimetype")
        if b"opendocument.spreadsheet" in mimetype:
            return Sniffed("ods", False)
    if "word/document.xml" in names:
        return Sniffed("docx", False)
    return Sniffed("zip", False)


def _head(archive: zipfile.ZipFile, name: str) -> bytes:
    """The first bytes of a member, never more: a bomb named "mimetype" is not inflated (issue 8's budget)."""
    info = archive.getinfo(name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return b""
    try:
        with archive.open(info) as handle:
            return handle.read(256)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        return b""


def _sniff_ole(data: bytes) -> Sniffed:
    # Directory entry names are UTF-16LE; finding them in the raw bytes is enough to tell the kinds apart.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return Sniffed("encrypted", False)
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return Sniffed("xls", False)
    if "WordDocument".encode("utf-16-le") in data:
        return Sniffed("doc", False)
    return Sniffed("ole", False)


def _text_encoding(data: bytes) -> str:
    """'utf-8-sig' or 'gb18030' when the bytes are plausible text in it; 'big5' or 'unlikely' when they look
    like delimited text that is neither (or GB18030 that reads as rare characters); else ''.

    Tried strictly in order: UTF-8 (with or without BOM), then GB18030. A Big5 file decodes as GB18030 without
    error but into rare characters (mojibake), so GB18030 text must be mostly common (GB2312) characters.

    >>> _text_encoding("单位编码,单位名称".encode("gb18030"))
    'gb18030'
    >>> _text_encoding("單位編碼,單位名稱,營業收入".encode("big5"))
    'big5'

    """
    if b"\x00" in data[:65536]:
        return ""
    try:
        text = data.decode("utf-8-sig")
        return "utf-8-sig" if _few_controls(text) else ""
    except UnicodeDecodeError:
        pass
    looks_delimited = any(d in data[:8192] for d in (b",", b";", b"\t")) and _few_controls(
        data[:8192].decode("latin-1")
    )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return _not_gb18030(data) if looks_delimited else ""
    if not _few_controls(text):
        return ""
    return "gb18030" if not _rare_share_high(text) else _not_gb18030(data)


def _not_gb18030(data: bytes) -> str:
    """'big5' when the bytes decode cleanly as Big5, else 'unlikely'."""
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return "unlikely"
    return "big5"


def _few_controls(text: str) -> bool:
    """At most one character in twenty a control (other than tab, CR, LF): binary data has far more, while a
    short report with an escape sequence pasted into a name still reads as text, so that the reader can name
    the cell that holds it (text_control) instead of refusing the whole file unlocated."""
    sample = text[:8192]
    return sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n") <= len(sample) // 20


def _rare_share_high(text: str, limit: float = 0.2) -> bool:
    """True when more than ``limit`` of the non-ASCII characters are outside GB2312 (the common simplified
    characters): real GB18030 reports have a handful at most (a rare character in a name); Big5 read as
    GB18030 has about half."""
    wide = [ch for ch in text[:65536] if ord(ch) > 0x7F]
    if len(wide) < 4:
        return False
    rare = sum(1 for ch in wide if not _in_gb2312(ch))
    return rare > limit * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
