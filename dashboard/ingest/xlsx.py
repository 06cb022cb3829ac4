"""Read the cells of an .xlsx/.xlsm workbook straight from its XML parts.

Why not openpyxl here: we need each number exactly as written in the file (the XML text, not a float),
formulas that were never calculated told apart from empty cells, and speed on large files. The package
holds everything we need in three parts (workbook, shared strings, one sheet). Macros are never touched.

Every part is streamed in chunks through the upload's ``Budget`` (real decompressed bytes, ratio, text
runs, CPU deadline) and through a guard parser that refuses a DTD or entity declaration anywhere in the
part, in whatever encoding (expat decodes UTF-16 first); OOXML never declares one, so no entity can be
expanded. Element, row and cell counts are checked while parsing, so memory stays bounded.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser
from xml.parsers import expat

from dashboard.ingest.budget import LIMITS, Budget, BudgetExceeded, Limits, exceeded
from dashboard.ingest.grid import Cell, CellKind, Row, SheetSource, column_index, row_range
from dashboard.ingest.styles import read_styles

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REF = re.compile(r"([A-Z]+)(\d+)")
_CHUNK = 16 * 1024  # small enough that the compressed bytes behind each chunk are known closely


class WorkbookUnreadable(Exception):
    """The package is damaged or hostile; ``code`` names the reason for i18n."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


class _Source(io.BytesIO):
    """The upload's bytes, counting what the zip reader takes: the compressed bytes behind each chunk."""

    taken = 0

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        self.taken += len(data)
        return data


class _Declaration(Exception):
    """A DOCTYPE or ENTITY declaration seen by the guard parser."""


def open_xlsx(data: bytes, budget: Budget | None = None) -> list[SheetSource]:
    """The workbook's sheets in tab order, each readable on demand, every read within ``budget``."""
    budget = budget or Budget(LIMITS)
    try:
        archive = zipfile.ZipFile(_Source(data))
        budget.members(len(archive.infolist()), sum(info.file_size for info in archive.infolist()))
        sheets = _sheet_list(archive, budget)
        strings = _shared_strings(archive, budget)
        styles = read_styles(lambda part: _parse(archive, part, budget), set(archive.namelist()))
    except (WorkbookUnreadable, BudgetExceeded):
        raise
    except Exception as exc:  # any damage in the package is the user's file, not our bug
        raise WorkbookUnreadable("damaged", type(exc).__name__) from exc

    return [
        SheetSource(name, visible, _reader(archive, name, path, strings, styles, budget))
        for name, visible, path in sheets
    ]


def _reader(
    archive: zipfile.ZipFile, name: str, path: str, strings: list[str], styles: dict[str, str], budget: Budget
) -> Callable[[int | None], Iterator[Row]]:
    return lambda limit: _rows(_batches(archive, path, budget), name, strings, limit, styles, budget)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _refuse_declaration(*_: object) -> None:
    raise _Declaration


def _guard() -> expat.XMLParserType:
    """An expat parser with no element handlers (C speed) that raises on any DTD or entity declaration."""
    guard = expat.ParserCreate()
    guard.StartDoctypeDeclHandler = _refuse_declaration
    guard.EntityDeclHandler = _refuse_declaration
    guard.UnparsedEntityDeclHandler = _refuse_declaration
    guard.NotationDeclHandler = _refuse_declaration
    return guard


def _chunks(archive: zipfile.ZipFile, path: str, budget: Budget) -> Iterator[bytes]:
    """The part's bytes as decompressed, each chunk metered and passed by the guard before anyone parses it."""
    info = archive.getinfo(path)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):  # Excel writes only these two;
        raise WorkbookUnreadable("damaged", f"{path}: compression {info.compress_type}")  # bzip2 inflates unbounded
    meter = budget.part(path, info.file_size)
    source = cast(_Source, archive.fp)
    guard = _guard()
    try:
        with archive.open(info) as handle:
            start = source.taken  # the local header is read; nothing is inflated yet
            while chunk := handle.read(_CHUNK):
                meter.add(chunk, source.taken - _unconsumed(handle) - start)
                guard.Parse(chunk, False)
                yield chunk
        guard.Parse(b"", True)
    except _Declaration:
        raise WorkbookUnreadable("dtd", path) from None
    except expat.ExpatError as exc:
        raise WorkbookUnreadable("damaged", f"{path}: {exc}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        # a bad CRC, a truncated or corrupt stream, an encrypted member or an unknown compression method
        raise WorkbookUnreadable("damaged", f"{path}: {type(exc).__name__}") from None


def _unconsumed(handle: IO[bytes]) -> int:
    """Compressed bytes read from the file but not yet inflated (zipfile keeps them in its decompressor)."""
    tail = getattr(getattr(handle, "_decompressor", None), "unconsumed_tail", b"")
    return len(tail) if isinstance(tail, bytes) else 0


def _batches(archive: zipfile.ZipFile, path: str, budget: Budget) -> Iterator[list[Element]]:
    """The elements of a part as they end (children before parents), a chunk's worth at a time, at most
    ``limits.elements`` of them."""
    parser: XMLPullParser[Element] = XMLPullParser(events=("end",))
    limit, count = budget.limits.elements, 0
    for chunk in _chunks(archive, path, budget):
        events = _feed(parser, path, chunk)
        count += len(events)
        if count > limit:
            raise exceeded("budget_elements", value=path, limit=limit)
        yield events
    yield _feed(parser, path, None)


def _feed(parser: XMLPullParser[Element], path: str, chunk: bytes | None) -> list[Element]:
    """Feed a chunk (None: the end) and return the elements it completed."""
    try:
        if chunk is None:
            parser.close()
        else:
            parser.feed(chunk)
        events = cast("list[tuple[str, Element]]", list(parser.read_events()))
        return [element for _, element in events]
    except ParseError as exc:
        raise WorkbookUnreadable("damaged", f"{path}: {exc}") from None


def _parse(archive: zipfile.ZipFile, path: str, budget: Budget) -> Element:
    root: Element | None = None
    for batch in _batches(archive, path, budget):
        root = batch[-1] if batch else root
    if root is None:
        raise WorkbookUnreadable("damaged", path)
    return root


def _sheet_list(archive: zipfile.ZipFile, budget: Budget) -> list[tuple[str, bool, str]]:
    """(name, visible, part path) for each sheet, from workbook.xml and its relationships."""
    targets: dict[str, str] = {}
    rels_path = "xl/_rels/workbook.xml.rels"
    if rels_path in archive.namelist():
        for rel in _parse(archive, rels_path, budget):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rel.get("Id", "")] = path
    sheets = []
    for element in _parse(archive, "xl/workbook.xml", budget).iter():
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


def _shared_strings(archive: zipfile.ZipFile, budget: Budget) -> list[str]:
    path = "xl/sharedStrings.xml"
    if path not in archive.namelist():
        return []
    strings: list[str] = []
    for element in (e for batch in _batches(archive, path, budget) for e in batch):
        if _local(element.tag) == "si":
            text = _string_item(element)
            element.clear()
            strings.append(text)
            if len(text) > budget.limits.cell_chars:
                budget.text(text, "", f"{path} #{len(strings)}")
            budget.shared_strings(len(strings))
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


def _rows(
    batches: Iterator[list[Element]],
    sheet: str,
    strings: list[str],
    limit: int | None,
    styles: dict[str, str],
    budget: Budget,
) -> Iterator[Row]:
    """Stream the rows of a sheet part: memory stays flat however long the sheet is.

    Rows and cells are counted as their elements end — empty ones too — so a part of millions of empty
    rows, or one row of millions of cells, is refused before it costs memory.
    """
    limits = budget.limits
    row_number = rows = cells = in_row = 0
    for batch in batches:
        for element in batch:
            tag = element.tag
            if tag.endswith("}c"):
                cells, in_row = cells + 1, in_row + 1
                if in_row > limits.columns or cells > limits.cells:
                    raise _too_many_cells(sheet, row_number + 1, in_row, limits)
            elif tag.endswith("}row"):
                row_number, rows, in_row = _row_number(element.get("r"), row_number), rows + 1, 0
                if rows > limits.rows or row_number > 1_048_576:
                    raise exceeded("budget_rows", sheet, row_range(row_number), limit=limits.rows)
                if limit is not None and row_number > limit:
                    return
                found = _cells(element, strings, tag[:-3], styles)
                element.clear()  # finished rows keep only an empty shell, so memory stays flat on large sheets
                if found:
                    yield row_number, found
            elif tag.endswith("}sheetData"):
                return  # what follows the cells (merges, formats, page setup) is never needed


def _too_many_cells(sheet: str, row: int, in_row: int, limits: Limits) -> BudgetExceeded:
    if in_row > limits.columns:
        return exceeded("budget_columns", sheet, row_range(row), limit=limits.columns)
    return exceeded("budget_cells", sheet, row_range(row), limit=limits.cells)


def _row_number(text: str | None, previous: int) -> int:
    if not text:
        return previous + 1
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # "⁷" is a digit to str.isdigit
        raise WorkbookUnreadable("damaged", f"row {text[:20]}")
    return int(text)


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
        if not (value.isascii() and value.isdigit()) or int(value) >= len(strings):
            return Cell(CellKind.INVALID, value[:40])  # no such shared string: the part is damaged here
        text = strings[int(value)]
        return Cell(CellKind.TEXT, text) if text else None
    if kind == "str":
        return Cell(CellKind.TEXT, value) if value else None
    if kind == "e":
        return Cell(CellKind.ERROR, value)
    if kind == "b":
        return Cell(CellKind.BOOL, value)
    if kind == "d":  # an ISO 8601 date cell: text, marked as a date so that an amount column refuses it
        return Cell(CellKind.TEXT, value, "date")
    if kind != "n":  # not a type OOXML defines: never guess what the value means
        return Cell(CellKind.INVALID, f't="{kind[:20]}"')
    if styles and (fmt := styles.get(c.get("s") or "")):  # the format shows a date, a percentage …
        return Cell(CellKind.NUMBER, value.strip(), fmt)
    return Cell(CellKind.NUMBER, value.strip())
