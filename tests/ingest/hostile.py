"""Hostile uploads, built compactly in code (seeded): zip and size bombs, giant texts, huge counts.

Shared by ``tests/ingest/test_budget.py`` and ``benchmarks/bench_hostile.py``; each builder returns the
file's bytes and is cached, so a test session builds each file once. Each entry of ``HOSTILE`` names the
problem code the file must be refused with.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable, Iterable
from functools import cache

from tests.workbooks import flash, rewrite_part

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>'.encode()
_TAIL = b"</sheetData></worksheet>"


def _with_parts(parts: dict[str, Iterable[bytes]], base: bytes | None = None, level: int = 1) -> bytes:
    """``base`` (the test flash report) with some parts replaced or added, each written as a stream of chunks."""
    source = zipfile.ZipFile(io.BytesIO(base or flash()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info.filename, source.read(info.filename))
        for name, chunks in parts.items():
            with target.open(name, "w", force_zip64=True) as handle:
                for chunk in chunks:
                    handle.write(chunk)
    return out.getvalue()


def _sheet(body: Iterable[bytes]) -> Iterable[bytes]:
    """The test flash report's sheet (header and three units), then ``body`` inside its ``<sheetData>``."""
    xml = zipfile.ZipFile(io.BytesIO(flash())).read(SHEET)
    head, tail = xml.split(b"</sheetData>")
    yield head
    yield from body
    yield b"</sheetData>" + tail


def _batched(pieces: Iterable[str], size: int = 50_000) -> Iterable[bytes]:
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) == size:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode()


def _with_shared_strings(items: Iterable[bytes]) -> bytes:
    def part() -> Iterable[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode()
        yield from items
        yield b"</sst>"

    types = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    types += 'spreadsheetml.sharedStrings+xml"/></Types>'
    base = rewrite_part(flash(), "[Content_Types].xml", lambda x: x.replace(b"</Types>", types.encode()))
    return _with_parts({"xl/sharedStrings.xml": part()}, base)


@cache
def empty_rows_bomb() -> bytes:
    """A million numbered empty rows under the data: 17 MB of XML in a 2.4 MB file, compressing only 7:1."""
    return _with_parts({SHEET: _sheet(_batched(f'<row r="{i}"/>' for i in range(10, 1_000_010)))})


@cache
def repeated_rows_bomb() -> bytes:
    """Ten million identical empty rows (``<row/>``): 60 MB of XML in 60 KB, compressing 1,000:1."""
    return _with_parts({SHEET: _sheet(b"<row/>" * 100_000 for _ in range(100))}, level=9)


def huge_shared_string(megabytes: int = 90) -> bytes:
    """One shared string of 90 MB of 'A' (under the part limit) in a file of 90 KB: compresses 1,000:1."""
    return _with_shared_strings([b"<si><t>", *(b"A" * (1 << 20) for _ in range(megabytes)), b"</t></si>"])


@cache
def giant_shared_string() -> bytes:
    """One shared string of 120 MB, declared as such: refused before a byte is read."""
    return huge_shared_string(120)


def token_cell(megabytes: int = 150, mixed: bool = False) -> bytes:
    """A unit name that is one 150 MB token; ``mixed``: of two random letters, so it compresses only 5:1."""
    rng = random.Random(8)
    table = bytes(b"ab"[i & 1] for i in range(256))

    def body() -> Iterable[bytes]:
        yield b'<row r="8"><c r="A8" t="inlineStr"><is><t>1002</t></is></c><c r="B8" t="inlineStr"><is><t>'
        for _ in range(megabytes):
            yield rng.randbytes(1 << 20).translate(table) if mixed else b"a" * (1 << 20)
        yield b'</t></is></c><c r="C8"><v>1</v></c></row>'

    return _with_parts({SHEET: _sheet(body())})


@cache
def token_under_part_limit() -> bytes:
    """A 20 MB token: under the part limit and compressing 5:1, so only the text-run check stops it."""
    return token_cell(20, mixed=True)


@cache
def token_csv() -> bytes:
    """A CSV whose unit name is a 40 MB token."""
    head = "报告期：2023Q2,金额单位：万元\n单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）\n"
    return (head + "1001," + "a" * (40 << 20) + ",1,2\n").encode()


@cache
def markup_bomb() -> bytes:
    """80 MB of ``<x/>`` inside the sheet data in an 80 KB file: compresses 1,000:1."""
    return _with_parts({SHEET: _sheet(b"<x/>" * (1 << 20) for _ in range(20))}, level=9)


@cache
def many_members() -> bytes:
    """The flash report with 10,000 extra (empty) members."""
    return _with_parts({f"xl/media/image{i}.png": [b""] for i in range(10_000)})


@cache
def many_shared_strings() -> bytes:
    """Two million distinct shared strings (distinct, so the part compresses only about 5:1)."""
    return _with_shared_strings(_batched(f"<si><t>{i}</t></si>" for i in range(2_000_000)))


@cache
def wide_row() -> bytes:
    """One row of 20,000 cells, past Excel's last column."""
    cells = b"".join(f"<c><v>{i}</v></c>".encode() for i in range(20_000))
    return _with_parts({SHEET: _sheet([b'<row r="1">', cells, b"</row>"])})


@cache
def million_row_csv() -> bytes:
    """A CSV of a header and one million unit rows (about 30 MB)."""
    head = "单位编码,单位名称,营业收入（本年累计）,营业收入（上年同期）,利润总额（本年累计）,利润总额（上年同期）\n"
    rows = "".join([f"U{i},单位{i},{i}.5,{i},1,2\n" for i in range(1_000_000)])
    return ("报告期：2023Q2,金额单位：万元\n" + head + rows).encode()


@cache
def bzip2_bomb() -> bytes:
    """The sheet compressed with bzip2, which zipfile inflates a whole block at a time: 50 MB in 1 KB."""
    source = zipfile.ZipFile(io.BytesIO(flash()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
        sheet = zipfile.ZipInfo(SHEET)
        sheet.compress_type = zipfile.ZIP_BZIP2
        with target.open(sheet, "w", force_zip64=True) as handle:
            for _ in range(50):
                handle.write(b" " * (1 << 20))
    return out.getvalue()


@cache
def lying_size() -> bytes:
    """A sheet whose central-directory entry declares 1 KB while its stream inflates to 60 MB."""
    data = repeated_rows_bomb()
    return _declare_size(data, SHEET, 1024)


def _declare_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``name`` in the central directory (its 32-bit field)."""
    out = bytearray(data)
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + length] == name.encode():
            assert data[position + 24 : position + 28] != b"\xff\xff\xff\xff", "zip64 sizes are not rewritten"
            struct.pack_into("<I", out, position + 24, size)
            return bytes(out)
        position = data.find(b"PK\x01\x02", position + 4)
    raise KeyError(name)


HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    # name: (builder, file name, the code it must be refused with)
    "empty rows bomb": (empty_rows_bomb, "rows.xlsx", "budget_rows"),
    "repeated rows bomb": (repeated_rows_bomb, "repeated.xlsx", "budget_rows"),
    "markup bomb": (markup_bomb, "markup.xlsx", "budget_ratio"),
    "90 MB shared string": (huge_shared_string, "sst.xlsx", "budget_ratio"),
    "120 MB shared string": (giant_shared_string, "sst120.xlsx", "budget_part_size"),
    "150 MB token cell": (token_cell, "token.xlsx", "budget_part_size"),
    "20 MB token cell": (token_under_part_limit, "token20.xlsx", "budget_cell_length"),
    "40 MB token in a CSV": (token_csv, "token.csv", "budget_cell_length"),
    "10,000 members": (many_members, "members.xlsx", "budget_members"),
    "2 million shared strings": (many_shared_strings, "strings.xlsx", "budget_shared_strings"),
    "20,000-cell row": (wide_row, "wide.xlsx", "budget_columns"),
    "1 million CSV rows": (million_row_csv, "rows.csv", "budget_rows"),
    "lying declared size": (lying_size, "lying.xlsx", "file_damaged"),
    "bzip2 bomb": (bzip2_bomb, "bzip2.xlsx", "file_damaged"),
}
