"""Read a CSV upload (UTF-8 with or without BOM, or GB18030) into the same grid as a workbook.

The delimiter comes from the header line (the first of the first 20 lines that holds a unit-code header):
a comma, a semicolon or a tab, whichever it holds outside quotes; a header line holding several is an
error. Every line under the header must have the header's number of fields: an unquoted ``309,543.99``
adds a field and would shift every later column, so such a line is an error naming it, never read. Blank
lines and one-field lines (a note such as ``注：…``, which can hold no figures) are let through.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice

from dashboard.domain import Problem, error, normalise_text
from dashboard.ingest.budget import LIMITS, check_lines, exceeded
from dashboard.ingest.columns import ROLE_ALIASES, Role
from dashboard.ingest.grid import Cell, CellKind, Row, SheetSource, row_range

DELIMITERS = {",": "逗号 comma", ";": "分号 semicolon", "\t": "制表符 tab"}
SCAN_LINES = 20
_CODE_HEADERS = frozenset(normalise_text(alias) for alias in ROLE_ALIASES[Role.CODE])


class CsvRefused(Exception):
    """The CSV cannot be read without guessing; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def open_csv(data: bytes, encoding: str, name: str) -> list[SheetSource]:
    """One sheet, named after the file; every cell is text (numbers are parsed later, exactly).

    Lines of the wrong width are left out of the rows and reported in the sheet's ``problems`` when the
    whole sheet is read (``read(None)``).
    """
    text = data.decode(encoding)
    check_lines(text, name)  # rows and line length bounded before the csv module splits anything
    delimiter = _header_delimiter(text, name)
    problems: list[Problem] = []

    def read(limit: int | None) -> Iterator[Row]:
        width, number = 0, 0
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        while limit is None or number < limit:
            number += 1
            try:
                record = next(records)
            except StopIteration:
                return
            except csv.Error as exc:  # an unclosed quote, a field over csv's limit …
                if "field limit" in str(exc):  # the csv module's own limit (128 KiB): a too-long cell, not damage
                    raise exceeded("budget_cell_length", name, row_range(number), limit=LIMITS.cell_chars) from exc
                raise CsvRefused(error("csv_malformed", name, row_range(number), str(exc)[:80], row=number)) from exc
            if not width and number <= SCAN_LINES and _is_header(record):
                width = len(record)
            elif width and len(record) not in (width, 1) and any(value.strip() for value in record):
                if limit is None:
                    found, expected = len(record), width
                    problems.append(
                        error("csv_row_width", name, row_range(number), row=number, found=found, expected=expected)
                    )
                continue
            cells = {col: Cell(CellKind.TEXT, value) for col, value in enumerate(record, start=1) if value.strip()}
            if cells:
                yield number, cells

    return [SheetSource(name, True, read, problems)]


def _fields(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _is_header(fields: list[str]) -> bool:
    return len(fields) > 1 and any(normalise_text(f) in _CODE_HEADERS for f in fields)


def _header_delimiter(text: str, name: str) -> str:
    """The delimiter of the header line; a comma when no line holds a unit-code header (the layout then
    reports the missing header)."""
    for number, raw in enumerate(islice(io.StringIO(text, newline=""), SCAN_LINES), start=1):
        line = raw.rstrip("\r\n")
        for delimiter in DELIMITERS:
            if _is_header(_fields(line, delimiter)):
                present = [d for d in DELIMITERS if d in _unquoted(line)]
                if len(present) > 1:
                    shown = "、".join(DELIMITERS[d] for d in present)
                    raise CsvRefused(error("csv_delimiter_ambiguous", name, row_range(number), shown, row=number))
                return delimiter
    return ","


def _unquoted(line: str) -> str:
    """The line without its double-quoted parts.

    >>> _unquoted('a,"b;c",d')
    'a,,d'
    """
    return "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)
