"""Byte-level builders for the bad-input corpus: deterministic workbooks, CSVs, damaged and hostile packages.

Everything here is seeded or fixed: the same call gives the same bytes on any machine (zip timestamps and
the workbook's document properties are frozen), so ``make corpus`` rewrites the committed files unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from tests.workbooks import HEADER, TOTAL, UNITS

FIXED_TIME = (2023, 7, 1, 0, 0, 0)
FIXED_ISO = "2023-07-01T00:00:00Z"
META = (["报告期：2023Q2", None, "金额单位：万元"],)
SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"


def freeze(data: bytes) -> bytes:
    """The same package with fixed member timestamps and document dates (openpyxl stamps 'now')."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_ISO.encode(), content)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def book(
    rows: Sequence[Sequence[Any]] = (*UNITS, TOTAL),
    *,
    title: str | None = "2023年第二季度经营快报",
    meta: Sequence[Sequence[Any]] = META,
    header: Sequence[str] = HEADER,
    sheet: str = "快报",
    tweak: Callable[[Worksheet], None] | None = None,
    extra: Sequence[tuple[str, str, Sequence[Sequence[Any]]]] = (),
) -> bytes:
    """A frozen .xlsx like tests.workbooks.flash; ``tweak`` edits the data sheet (formats, odd values);
    ``extra`` adds sheets after it as (name, state, rows)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet(sheet)
    if title:
        ws.append([title])
    for line in meta:
        ws.append(list(line))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    if tweak:
        tweak(ws)
    for name, state, lines in extra:
        other = wb.create_sheet(name)
        for line in lines:
            other.append(list(line))
        other.sheet_state = state
    wb.properties.creator = "corpus"
    wb.properties.created = wb.properties.modified = dt.datetime(2023, 7, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return freeze(buffer.getvalue())


def with_value(row: int, col: int, value: Any, **kwargs: Any) -> bytes:
    """The standard book with one unit cell (0-based unit row, 0-based column) replaced."""
    rows = [list(r) for r in UNITS]
    rows[row][col] = value
    return book(rows=[*rows, TOTAL], **kwargs)


def replace_parts(
    data: bytes, changes: dict[str, Callable[[bytes], bytes] | None], add: dict[str, bytes] | None = None
) -> bytes:
    """The package with parts changed (a function of the old bytes), removed (None) or added; frozen times."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in changes and changes[info.filename] is None:
                continue
            content = source.read(info.filename)
            change = changes.get(info.filename)
            if change is not None:
                content = change(content)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
        for name, content in (add or {}).items():
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


SST_NS = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
SST_REL = (
    b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def with_shared_strings(data: bytes, sst: bytes, cells: dict[str, int] | None = None) -> bytes:
    """The package with a shared-strings part (registered as Excel does) and ``cells`` pointing into it
    (openpyxl writes inline strings; Excel writes shared ones)."""
    changes: dict[str, Callable[[bytes], bytes] | None] = {
        "xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", SST_REL),
        "[Content_Types].xml": lambda x: x.replace(b"</Types>", SST_TYPE),
    }
    out = replace_parts(data, changes, add={STRINGS_PART: sst})
    for ref, index in (cells or {}).items():
        out = set_cell_xml(out, ref, f'<c r="{ref}" t="s"><v>{index}</v></c>')
    return out


def set_cell_xml(data: bytes, ref: str, xml: str) -> bytes:
    """Replace one cell element of the first sheet by raw XML (what no spreadsheet program would write)."""

    def change(content: bytes) -> bytes:
        text = content.decode()
        pattern = rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)'
        assert re.search(pattern, text), ref
        return re.sub(pattern, xml, text, count=1).encode()

    return replace_parts(data, {SHEET_PART: change})


def streamed(data: bytes, part: str, chunks: Callable[[], Iterator[bytes]], extra: Sequence[str] = ()) -> bytes:
    """The package with ``part`` (and each name in ``extra``) written from a generator of chunks: bombs are
    built without holding their decompressed size in memory."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename == part:
                continue
            target.writestr(
                zipfile.ZipInfo(info.filename, FIXED_TIME), source.read(info.filename), zipfile.ZIP_DEFLATED
            )
        for name in (part, *extra):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w", force_zip64=True) as handle:
                for chunk in chunks():
                    handle.write(chunk)
    return out.getvalue()


def sheet_xml(body: bytes, prolog: bytes = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>') -> bytes:
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return prolog + b"<worksheet " + ns + b"><sheetData>" + body + b"</sheetData></worksheet>"


SHEET_TAIL = b"</sheetData></worksheet>"
SHEET_HEAD = sheet_xml(b"")[: -len(SHEET_TAIL)]  # the prolog and <worksheet><sheetData>


def repeat(head: bytes, unit: bytes, count: int, tail: bytes, block: int = 1 << 16) -> Callable[[], Iterator[bytes]]:
    """Chunks of ``head``, ``unit`` × ``count``, ``tail``."""

    def gen() -> Iterator[bytes]:
        yield head
        left = count
        chunk = unit * block
        while left >= block:
            yield chunk
            left -= block
        yield unit * left
        yield tail

    return gen


def lie_about_size(data: bytes, part: str, size: int) -> bytes:
    """Patch the uncompressed size a member declares (local header and central directory) to ``size``."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(part)
    out = bytearray(data)
    local = info.header_offset
    out[local + 22 : local + 26] = size.to_bytes(4, "little")
    name = part.encode()
    central = out.find(b"PK\x01\x02", out.find(b"PK\x01\x02"))
    while central != -1:
        name_len = int.from_bytes(out[central + 28 : central + 30], "little")
        if bytes(out[central + 46 : central + 46 + name_len]) == name:
            out[central + 24 : central + 28] = size.to_bytes(4, "little")
            break
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def many_members(data: bytes, count: int) -> bytes:
    """The package plus ``count`` tiny stored members."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(
                zipfile.ZipInfo(info.filename, FIXED_TIME), source.read(info.filename), zipfile.ZIP_DEFLATED
            )
        for i in range(count):
            target.writestr(zipfile.ZipInfo(f"x/{i:05d}", FIXED_TIME), b"", zipfile.ZIP_STORED)
    return out.getvalue()


def plain_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def csv_text(lines: Sequence[str], encoding: str = "utf-8", newline: str = "\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def seeded_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def flip_byte(data: bytes, offset: int) -> bytes:
    out = bytearray(data)
    out[offset] ^= 0xFF
    return bytes(out)


def member_data_offset(data: bytes, part: str) -> int:
    """Where a member's compressed bytes start (after its local header)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    local = info.header_offset
    name_len = int.from_bytes(data[local + 26 : local + 28], "little")
    extra_len = int.from_bytes(data[local + 28 : local + 30], "little")
    return local + 30 + name_len + extra_len


def zip_version_needed(data: bytes, version: int) -> bytes:
    """The package with the first central-directory entry asking for zip ``version`` (e.g. 235 = 23.5) to
    extract: Python's zipfile raises NotImplementedError, not BadZipFile (found by tests/test_fuzz_ingest.py)."""
    out = bytearray(data)
    central = out.find(b"PK\x01\x02")
    out[central + 6 : central + 8] = version.to_bytes(2, "little")
    return bytes(out)
