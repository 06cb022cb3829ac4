"""Read the cells of an .xlsx/.xlsm workbook straight from its XML parts.

Why not openpyxl here: we need each number exactly as written in the file (the XML text, not a float),
formulas that were never calculated told apart from empty cells, and speed on large files. The package
holds everything we need in three parts (workbook, shared strings, one sheet). Macros are never touched.
A hostile upload cannot use entity tricks: OOXML parts never declare a DTD, and a part whose prolog does
is refused before parsing (no DTD, no entities); part sizes are capped against zip bombs.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from dashboard.ingest.grid import Cell, CellKind, Row, SheetSource, column_index
from dashboard.ingest.styles import read_styles

MAX_PART_BYTES = 512 * 1024 * 1024  # uncompressed size of one XML part; larger is refused as a zip bomb
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REF = re.compile(r"([A-Z]+)(\d+)")


class WorkbookUnreadable(Exception):
    """The package is damaged or hostile; ``code`` names the reason for i18n."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def open_xlsx(data: bytes) -> list[SheetSource]:
    """The workbook's sheets in tab order, each readable on demand."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for info in archive.infolist():
            if info.file_size > MAX_PART_BYTES:
                raise WorkbookUnreadable("too_large_part", info.filename)
        sheets = _sheet_list(archive)
        strings = _shared_strings(archive)
        styles = read_styles(lambda part: _parse(archive, part), set(archive.namelist()))
    except WorkbookUnreadable:
        raise
    except Exception as exc:  # any damage in the package is the user's file, not our bug
        raise WorkbookUnreadable("damaged", type(exc).__name__) from exc

    return [SheetSource(name, visible, _reader(archive, path, strings, styles)) for name, visible, path in sheets]


def _reader(
    archive: zipfile.ZipFile, path: str, strings: list[str], styles: dict[str, str]
) -> Callable[[int | None], Iterator[Row]]:
    return lambda limit: _read_rows(archive, path, strings, limit, styles)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _open_part(archive: zipfile.ZipFile, path: str) -> IO[bytes]:
    """Open an XML part after checking that its prolog declares no DTD (so no entities can follow)."""
    with archive.open(path) as probe:
        head = probe.read(4096)
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise WorkbookUnreadable("damaged", f"{path}: DTD")
    return archive.open(path)


def _parse(archive: zipfile.ZipFile, path: str) -> Element:
    with _open_part(archive, path) as handle:
        root: Element | None = None
        for _, element in iterparse(handle, events=("end",)):
            root = element
        if root is None:
            raise WorkbookUnreadable("damaged", path)
        return root


def _sheet_list(archive: zipfile.ZipFile) -> list[tuple[str, bool, str]]:
    """(name, visible, part path) for each sheet, from workbook.xml and its relationships."""
    targets: dict[str, str] = {}
    rels_path = "xl/_rels/workbook.xml.rels"
    if rels_path in archive.namelist():
        for rel in _parse(archive, rels_path):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rel.get("Id", "")] = path
    sheets = []
    for element in _parse(archive, "xl/workbook.xml").iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = element.get(f"{{{_REL_NS}}}id") or element.get("id") or ""
        if not rel_id:  # strict OOXML uses another namespace for r:id
            rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        path = targets.get(rel_id, "")
        if path in archive.namelist():
            visible = element.get("state", "visible") == "visible"
            sheets.append((element.get("name", ""), visible, path))
    return sheets


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    path = "xl/sharedStrings.xml"
    if path not in archive.namelist():
        return []
    strings: list[str] = []
    with _open_part(archive, path) as handle:
        for _, element in iterparse(handle, events=("end",)):
            if _local(element.tag) == "si":
                strings.append(_string_item(element))
                element.clear()
    return strings


def _string_item(element: Element) -> str:
    """Text of an <si> or <is>: plain <t>, or rich-text runs; phonetic guides (<rPh>) are skipped."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _read_rows(
    archive: zipfile.ZipFile, path: str, strings: list[str], limit: int | None, styles: dict[str, str] | None = None
) -> Iterator[Row]:
    with _open_part(archive, path) as handle:
        yield from _rows(handle, strings, limit, styles or {})


def _rows(
    handle: IO[bytes], strings: list[str], limit: int | None, styles: dict[str, str] | None = None
) -> Iterator[Row]:
    """Stream the rows of a sheet part: memory stays flat however long the sheet is."""
    row_number = 0
    for _, element in iterparse(handle, events=("end",)):
        if not element.tag.endswith("}row"):
            continue
        row_number = int(element.get("r") or row_number + 1)
        if limit is not None and row_number > limit:
            return
        cells = _cells(element, strings, element.tag[:-3], styles or {})
        element.clear()  # finished rows keep only an empty shell, so memory stays flat on large sheets
        if cells:
            yield row_number, cells


def _cells(row: Element, strings: list[str], ns: str, styles: dict[str, str]) -> dict[int, Cell]:
    """The cells of a <row>; ``ns`` is the namespace prefix of its tag, e.g. ``{http://…/main}``."""
    cells: dict[int, Cell] = {}
    column = 0
    tags = (ns + "v", ns + "f", ns + "is")
    for c in row:
        ref = c.get("r")
        if ref:
            m = _REF.match(ref)
            column = column_index(m.group(1)) if m else column + 1
        else:
            column += 1
        cell = _cell(c, strings, tags, styles)
        if cell is not None:
            cells[column] = cell
    return cells


def _cell(c: Element, strings: list[str], tags: tuple[str, str, str], styles: dict[str, str]) -> Cell | None:
    kind = c.get("t", "n")
    value: str | None = None
    formula: str | None = None
    inline = ""
    v_tag, f_tag, is_tag = tags
    for child in c:
        tag = child.tag
        if tag == v_tag:
            value = child.text
        elif tag == f_tag:
            formula = child.text or "="
        elif tag == is_tag:
            inline = _string_item(child)
    if kind == "inlineStr":
        return Cell(CellKind.TEXT, inline) if inline else None
    if value is None:
        return Cell(CellKind.UNCALCULATED, f"={formula}" if formula != "=" else "=") if formula else None
    if kind == "s":
        index = int(value)
        text = strings[index] if 0 <= index < len(strings) else ""
        return Cell(CellKind.TEXT, text) if text else None
    if kind == "str":
        return Cell(CellKind.TEXT, value) if value else None
    if kind == "e":
        return Cell(CellKind.ERROR, value)
    if kind == "b":
        return Cell(CellKind.BOOL, value)
    if kind == "d":  # an ISO 8601 date cell: text, marked as a date so that an amount column refuses it
        return Cell(CellKind.TEXT, value, "date")
    if styles and (fmt := styles.get(c.get("s") or "")):  # the format shows a date, a percentage …
        return Cell(CellKind.NUMBER, value.strip(), fmt)
    return Cell(CellKind.NUMBER, value.strip())
