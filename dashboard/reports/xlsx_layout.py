"""The xlsx report's building blocks: cell formats, one table written as cells, column widths, sheet names and
print setup. ``dashboard.reports.xlsx`` arranges them into sheets.

Safety: every text goes through ``write_string`` (a merged range is first merged blank, then written with
``write_string``); ``write()`` never sees a text, so a unit named ``=HYPERLINK(...)`` or a comment
``{=SUM(A1:A2)}`` stays a literal string. Amounts are written unrounded in the report's scale (yuan ÷
``Scale.divisor``), their number format only rounds what is shown.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from dashboard.reports.content import GapReport, Kind, Table

MAX_TEXT = 32_767  # Excel's longest cell text
TEXT_WIDTH = 44  # a text column wider than this wraps instead
NUMBER_WIDTH = 18
MIN_WIDTH = 8.0
DEFAULT_WIDTH = 8.43  # Excel's width of a column never set
ROW_POINTS = 15.0  # the default row's height: one line of 11-point text
TITLE_POINTS = 14
HEADER_WIDTH = 12  # a long header wraps within this width rather than widening its column
_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\" + "".join(map(chr, range(32))) + "\x7f"})
_BORDER = "#bfbfbf"


@dataclass
class Formats:
    """The workbook's cell formats, made once; ``status`` maps a status word to its conditional format."""

    title: Format
    heading: Format
    label: Format
    plain: Format
    paragraph: Format
    note: Format
    header: Format
    by_kind: dict[Kind, Format]
    status: dict[str, Format]


def make_formats(book: Workbook, report: GapReport) -> Formats:
    """The formats of ``report``: amounts in its scale with its decimals, rates in %, points signed."""
    cell = {"border": 1, "border_color": _BORDER, "valign": "top"}
    decimals = "." + "0" * report.scale.decimals if report.scale.decimals > 0 else ""
    by_kind = {
        Kind.TEXT: book.add_format({**cell, "text_wrap": True}),
        Kind.AMOUNT: book.add_format({**cell, "num_format": f"#,##0{decimals}"}),
        Kind.RATE: book.add_format({**cell, "num_format": "0.0%"}),
        Kind.POINTS: book.add_format({**cell, "num_format": "+0.0;-0.0;0.0"}),
        Kind.COUNT: book.add_format({**cell, "num_format": "#,##0"}),
        Kind.STATUS: book.add_format({**cell, "align": "center"}),
    }
    return Formats(
        title=book.add_format({"bold": True, "font_size": TITLE_POINTS, "text_wrap": True, "valign": "vcenter"}),
        heading=book.add_format({"bold": True, "font_size": 12}),
        label=book.add_format({"bold": True, "valign": "top"}),
        plain=book.add_format({"valign": "top", "text_wrap": True}),
        paragraph=book.add_format({"valign": "top", "text_wrap": True}),
        note=book.add_format({"italic": True, "font_color": "#595959"}),
        header=book.add_format(
            {**cell, "bold": True, "bg_color": "#f2f2f2", "text_wrap": True, "align": "center", "valign": "vcenter"}
        ),
        by_kind=by_kind,
        status={s.word: book.add_format({"bg_color": s.fill, "font_color": s.font}) for s in report.statuses},
    )


def display_width(text: str) -> int:
    """Columns a text takes in a cell: CJK (wide and full-width) characters count double.

    >>> display_width("集团本部"), display_width("Unit A"), display_width("")
    (8, 6, 0)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\`` nor control characters, no leading or trailing ``'``, at
    most 31 characters, not "History" (reserved), unique ignoring case. Adds the name (lower-cased) to ``taken``.

    >>> taken = set(); sheet_name("各单位-利润/亏损", taken), sheet_name("各单位-利润/亏损", taken)
    ('各单位-利润_亏损', '各单位-利润_亏损 (2)')
    >>> len(sheet_name("x" * 40, set())), sheet_name("'History'", set())
    (31, 'History (2)')
    """
    base = " ".join(wanted.translate(_FORBIDDEN).split()).strip("'")[:31].strip() or "Sheet"
    name, n = base, 1
    while name.lower() in taken or name.lower() == "history":
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def _header_footer_text(text: str) -> str:
    """A text for a page header: ``&`` starts a control code there (``&P``, ``&[Picture]``), so it is doubled;
    at most 120 characters, so that doubled it stays under Excel's 255.

    >>> _header_footer_text("R&D 集团&P")
    'R&&D 集团&&P'
    """
    return text[:120].replace("&", "&&")


def setup_print(sheet: Worksheet, report: GapReport, footer: str, repeat: tuple[int, int] | None) -> None:
    """A4 landscape, one page wide, the report's title in the header, "page x of y" in the footer, and the
    rows ``repeat`` (first, last) printed on every page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header("&L" + _header_footer_text(report.title), {"margin": 0.3})
    sheet.set_footer("&C" + footer, {"margin": 0.3})
    if repeat is not None:
        sheet.repeat_rows(*repeat)


@dataclass
class Widths:
    """The widest content seen per column of one sheet, and the wrapped texts whose rows need more height;
    ``apply`` sets the columns' widths, then those rows' heights (Excel does not grow a merged cell's row)."""

    chars: dict[int, float] = field(default_factory=dict)
    wrapped: set[int] = field(default_factory=set)
    texts: list[tuple[int, int, int, str]] = field(default_factory=list)  # (row, first col, last col, text)

    def see(self, col: int, width: float) -> None:
        self.chars[col] = max(self.chars.get(col, 0.0), width)

    def wrap(self, row: int, cols: tuple[int, int], text: str) -> None:
        """A wrapped text in ``row`` across ``cols`` (first, last): its row gets the height of its lines."""
        self.texts.append((row, cols[0], cols[1], text))

    def apply(self, sheet: Worksheet) -> dict[int, float]:
        """Each seen column's width (its widest content + 2, between 8 and its kind's limit), then each row
        holding a wrapped text as tall as its longest text's lines (one line: left as it is)."""
        shown: dict[int, float] = {}
        for col, chars in sorted(self.chars.items()):
            limit = TEXT_WIDTH if col in self.wrapped else NUMBER_WIDTH
            shown[col] = min(max(chars + 2, MIN_WIDTH), limit)
            sheet.set_column(col, col, shown[col])
        lines: dict[int, int] = {}
        for row, first, last, text in self.texts:
            chars = sum(shown.get(c, DEFAULT_WIDTH) for c in range(first, last + 1))
            lines[row] = max(lines.get(row, 1), wrapped_lines(text, chars))
        for row, count in sorted(lines.items()):
            if count > 1:
                sheet.set_row(row, min(409.0, ROW_POINTS * count + 3))
        return shown


def wrapped_lines(text: str, chars: float) -> int:
    """Lines ``text`` wraps to in a cell ``chars`` wide (CJK characters count double; a margin of two).

    >>> wrapped_lines("a" * 100, 48), wrapped_lines("集团" * 30, 60.0), wrapped_lines("集团", 10), wrapped_lines("", 10)
    (3, 3, 1, 1)
    >>> wrapped_lines("第一行\\n第二行", 40)
    2
    """
    usable = max(chars - 2, 1.0)
    return max(1, sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n")))


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a table landed: its title's row (None without a title), header row, first and last data rows
    (last < first when empty), the next free row."""

    title_row: int | None
    header_row: int
    first: int
    last: int
    columns: int
    next_row: int


def put_text(sheet: Worksheet, row: int, col: int, text: str, fmt: Format | None = None) -> None:
    """A text as a string cell, whatever it looks like (never a formula, link or number); CR LF and CR line ends
    become LF, the line break a cell shows."""
    sheet.write_string(row, col, text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_TEXT], fmt)


def put_merged(sheet: Worksheet, row: int, cols: tuple[int, int], text: str, fmt: Format) -> None:
    """A text in a range merged across ``cols`` (first, last): merged blank, then written as a string."""
    if cols[1] > cols[0]:
        sheet.merge_range(row, cols[0], row, cols[1], "", fmt)
    put_text(sheet, row, cols[0], text, fmt)


def write_table(
    sheet: Worksheet, row: int, table: Table, report: GapReport, fm: Formats, widths: Widths, col: int = 0
) -> Placed:
    """``table`` from ``row``: title, unit line, header, one row per data row, the note; statuses coloured by a
    conditional format per status word on each STATUS column (the word is in the cell too)."""
    title_row = row if table.title else None
    if table.title:
        put_text(sheet, row, col, table.title, fm.heading)
        row += 1
    if table.unit_line:
        put_text(sheet, row, col, table.unit_line, fm.note)
        row += 1
    header_row = row
    for i, column in enumerate(table.columns):
        put_text(sheet, row, col + i, column.header, fm.header)
        widths.see(col + i, min(display_width(column.header), HEADER_WIDTH))
        widths.wrap(row, (col + i, col + i), column.header)
        if column.kind is Kind.TEXT:
            widths.wrapped.add(col + i)
    _write_rows(sheet, row + 1, table, report, fm, widths, col)
    first, last = row + 1, row + len(table.rows)
    _colour_statuses(sheet, table, (first, last), col, fm)
    row = last + 1
    if table.note:
        put_text(sheet, row, col, table.note, fm.note)
        row += 1
    return Placed(title_row, header_row, first, last, len(table.columns), row)


def _colour_statuses(sheet: Worksheet, table: Table, rows: tuple[int, int], col: int, fm: Formats) -> None:
    """A conditional format per status word on every STATUS column: the cell equal to the word gets its colour."""
    if rows[1] < rows[0]:
        return
    for i, column in enumerate(table.columns):
        if column.kind is not Kind.STATUS:
            continue
        for word, fmt in fm.status.items():
            literal = '"' + word.replace('"', '""') + '"'
            sheet.conditional_format(
                rows[0], col + i, rows[1], col + i, {"type": "cell", "criteria": "==", "value": literal, "format": fmt}
            )


def _write_rows(
    sheet: Worksheet, row: int, table: Table, report: GapReport, fm: Formats, widths: Widths, col: int
) -> None:
    """The data rows from ``row``: texts as strings, numbers by their column's kind, missing figures blank.
    Widths: the widest text, and the smallest and largest number (shown in the column's format), per column."""
    words = {s.code: s.word for s in report.statuses}
    divisor = float(report.scale.divisor)
    kinds = [c.kind for c in table.columns]
    formats = [fm.by_kind[k] for k in kinds]
    text_width = [0.0] * len(kinds)
    low: list[float | None] = [None] * len(kinds)
    high: list[float | None] = [None] * len(kinds)
    for r, cells in enumerate(table.rows, start=row):
        for i, value in enumerate(cells[: len(kinds)]):
            kind = kinds[i]
            if isinstance(value, str):
                text = words.get(value, value) if kind is Kind.STATUS else value
                put_text(sheet, r, col + i, text, formats[i])
                width = text_width_of(text)
                text_width[i] = max(text_width[i], width)
                if width > TEXT_WIDTH / 2 or "\n" in text:
                    widths.wrap(r, (col + i, col + i), text)
                continue
            number = cell_number(value, kind, divisor)
            if number is None:
                sheet.write_blank(r, col + i, None, formats[i])
                continue
            sheet.write_number(r, col + i, number, formats[i])
            low[i] = number if low[i] is None or number < low[i] else low[i]  # type: ignore[operator]
            high[i] = number if high[i] is None or number > high[i] else high[i]  # type: ignore[operator]
    for i, kind in enumerate(kinds):
        shown = [_shown_width(n, kind, report.scale.decimals) for n in (low[i], high[i]) if n is not None]
        widths.see(col + i, max([text_width[i], *shown]))


@lru_cache(maxsize=16_384)
def text_width_of(text: str) -> int:
    """The width of a cell's text: its widest line (names repeat across metrics, hence the cache)."""
    if text.isascii() and "\n" not in text:
        return len(text)
    return max((display_width(line) for line in text.splitlines()), default=0)


def cell_number(value: Any, kind: Kind, divisor: float) -> float | None:
    """The number a cell holds: an amount in the scale (the yuan's nearest double ÷ ``divisor``, unrounded), a
    rate as a fraction, points ×100; None for a missing or non-finite value (written blank).

    >>> cell_number(Decimal("18241230000"), Kind.AMOUNT, 1e8), cell_number(-0.02, Kind.POINTS, 1)
    (182.4123, -2.0)
    >>> [cell_number(v, Kind.AMOUNT, 1) for v in (None, float("nan"), Decimal("sNaN"), Decimal("1E+400"))]
    [None, None, None, None]
    """
    if value is None or isinstance(value, bool | str) or (isinstance(value, Decimal) and not value.is_finite()):
        return None
    number = float(value)
    if kind is Kind.AMOUNT:
        number /= divisor
    elif kind is Kind.POINTS:
        number *= 100
    return number if math.isfinite(number) else None


def _shown_width(number: float, kind: Kind, decimals: int) -> float:
    """Roughly how wide the number shows in its format."""
    if kind is Kind.AMOUNT:
        return len(f"{number:,.{decimals}f}")
    if kind in (Kind.RATE, Kind.POINTS):
        return len(f"{number * (100 if kind is Kind.RATE else 1):+.1f}") + 1
    return len(f"{number:,.0f}")
