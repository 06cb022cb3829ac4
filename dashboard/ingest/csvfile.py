"""Read a CSV upload (UTF-8 with or without BOM, or GB18030) into the same grid as a workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from dashboard.ingest.budget import check_lines
from dashboard.ingest.grid import Cell, CellKind, Row, SheetSource


def open_csv(data: bytes, encoding: str, name: str) -> list[SheetSource]:
    """One sheet, named after the file; every cell is text (numbers are parsed later, exactly)."""
    text = data.decode(encoding)
    check_lines(text, name)  # rows and line length bounded before the csv module splits anything
    dialect = _dialect(text[:4096])

    def read(limit: int | None) -> Iterator[Row]:
        for number, record in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if limit is not None and number > limit:
                return
            cells = {col: Cell(CellKind.TEXT, value) for col, value in enumerate(record, start=1) if value.strip()}
            if cells:
                yield number, cells

    return [SheetSource(name, True, read)]


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel
