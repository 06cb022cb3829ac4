"""The neutral shape every reader produces: sheets of rows of cells, addressed as Excel does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from dashboard.domain import Problem


class CellKind(StrEnum):
    NUMBER = "n"  # text is the number exactly as written in the file, e.g. "1234.5" or "1.2E+3"
    TEXT = "s"
    BOOL = "b"
    ERROR = "e"  # text is the error value, e.g. "#REF!"
    UNCALCULATED = "f"  # a formula with no cached value; text is the formula
    INVALID = "x"  # a cell the file cannot mean: an unknown type, a shared-string index that is not one


@dataclass(frozen=True, slots=True)
class Cell:
    kind: CellKind
    text: str
    fmt: str = ""  # what a NUMBER's format shows instead of the number: "date", "percent", "literal"; "" = a number


Row = tuple[int, dict[int, Cell]]  # (1-based row number, {1-based column: cell}); empty cells absent


@dataclass(frozen=True, slots=True)
class SheetSource:
    """A sheet whose rows are read on demand (``read(limit)``), so probing 20 rows stays cheap."""

    name: str
    visible: bool
    read: Callable[[int | None], Iterator[Row]]
    problems: list[Problem] = field(default_factory=list)  # found while reading every row (CSV line widths)


@lru_cache(maxsize=4096)
def column_letter(index: int) -> str:
    """1 → 'A', 27 → 'AA'.

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=4096)
def column_index(letters: str) -> int:
    """'A' → 1, 'AA' → 27.

    >>> column_index("D"), column_index("AA")
    (4, 27)
    """
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index


def row_range(first: int, last: int | None = None) -> str:
    """Excel's reference to whole rows: ``row_range(3) == '3:3'``, ``row_range(1, 20) == '1:20'``."""
    return f"{first}:{first if last is None else last}"


def address(row: int, column: int) -> str:
    """Excel address of a cell: ``address(12, 4) == 'D12'``."""
    return f"{column_letter(column)}{row}"
