"""Build flash-report workbooks for tests, the way finance writes them (seeded, no randomness)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

import openpyxl
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

HEADER = [
    "单位编码",
    "单位名称",
    "营业收入（本年累计）",
    "营业收入（上年同期）",
    "利润总额（本年累计）",
    "利润总额（上年同期）",
]
UNITS = [
    ["1001", "集团本部", "1,234.56", 1000.5, "(12.30)", 10],
    [1002, "精密制造有限公司", 2000.25, "1900", 50.01, "-"],
    ["1099", "内部抵消", -100, -90, 0, 0],
]
TOTAL = ["", "合计", 3134.81, 2810.5, 37.71, 10]


def flash(
    rows: Sequence[Sequence[Any]] = (*UNITS, TOTAL),
    *,
    title: str | None = "2023年第二季度经营快报",
    meta: Sequence[Sequence[Any]] = (["报告期：2023Q2", None, "金额单位：万元"],),
    header: Sequence[str] = HEADER,
    sheet: str = "快报",
    before: Sequence[tuple[str, str]] = (),
) -> bytes:
    """An .xlsx: optional sheets ``before`` (name, state), then the data sheet with title, metadata, header, rows."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, state in before:
        other = wb.create_sheet(name)
        other.append(["说明"])
        other.sheet_state = state
    ws = wb.create_sheet(sheet)
    if title:
        ws.append([title])
    for line in meta:
        ws.append(list(line))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rewrite_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same package with one part (or every part whose name starts with ``part``) changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename.startswith(part) else content)
    return out.getvalue()


def with_cached_values(data: bytes, values: dict[str, str]) -> bytes:
    """Give formula cells the cached values a spreadsheet program would have saved (openpyxl writes none)."""

    def fill(content: bytes) -> bytes:
        text = content.decode()
        for ref, value in values.items():
            text = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)(<v\s*/>|<v></v>)', rf"\g<1><v>{value}</v>", text)
        return text.encode()

    return rewrite_part(data, "xl/worksheets/sheet", fill)


def csv_bytes(lines: Sequence[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def real_xls() -> bytes:
    book = xlwt.Workbook()
    sheet = book.add_sheet("数据")
    sheet.write(0, 0, "单位编码")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def encrypted_xlsx() -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(flash())).encrypt("secret", out)
    return out.getvalue()
