"""The work one upload may cost, in one place: named limits and the checker every reader calls.

Each limit has its own problem code (``budget_*`` in ``dashboard.i18n.messages``) with the place it was
reached. The numbers are chosen so that every legitimate flash report passes with a wide margin — the
benchmark workbook (2,000 units × 8 quarters: 16,004 rows, 144,000 cells, 310,000 XML elements, one 6.5 MB
sheet part that compresses 7:1, 1.6 s of CPU to read) uses at most a third of any of them, a real quarter's
report (a few hundred units) a hundredth — while the largest file they allow is still answered within the
product's bar of 30 s and 512 MB (48,000 rows: see ``benchmarks/bench_hostile.py``). A hostile file is
stopped early: a zip bomb by its compression ratio, row or element count within the first megabyte, a
giant text by the run of bytes without markup, and anything slow by the CPU deadline.

>>> from dashboard.ingest.grid import CellKind
>>> budget = Budget(Limits(cells=2))
>>> rows = budget.guard([SheetSource("数据", True, lambda limit: iter([(1, {1: Cell(CellKind.TEXT, "a")}),
...     (2, {1: Cell(CellKind.TEXT, "b"), 2: Cell(CellKind.TEXT, "c")})]))])
>>> try:
...     list(rows[0].read(None))
... except BudgetExceeded as exc:
...     print(exc.problem.code, exc.problem.sheet, exc.problem.cell)
budget_cells 数据 B2
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from dashboard.domain import Problem, error
from dashboard.ingest.grid import Cell, Row, SheetSource, address, column_letter, row_range

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Every limit on one upload; the defaults are the product's (see the module docstring for why)."""

    file_bytes: int = 50 * MIB  # the upload itself
    members: int = 1_000  # zip members; Excel writes 10–30, a workbook with many sheets and pictures a few hundred
    part_bytes: int = 100 * MIB  # one decompressed part, counted as read (the benchmark's sheet: 6.5 MB)
    total_bytes: int = 200 * MIB  # every part read for one upload, re-reads included
    ratio: int = 100  # decompressed : compressed; Excel's parts compress 2–20:1, a bomb ~1,000:1
    ratio_after: int = MIB // 2  # the ratio is judged once a part has produced this much (small parts vary)
    shared_strings: int = 100_000  # distinct texts; a workbook of the benchmark's 2,000 units has about 4,000
    elements: int = 1_500_000  # XML elements in one part (the benchmark's sheet: 310,000)
    rows: int = 50_000  # rows of one sheet, empty ones included (the benchmark: 16,004)
    cells: int = 500_000  # cells of one sheet (the benchmark: 144,000)
    columns: int = 16_384  # Excel's last column, XFD
    cell_chars: int = 32_767  # Excel's limit on a cell's text
    text_run_bytes: int = MIB  # bytes of a part without any markup: longer than any cell can be
    cpu_seconds: float = 20.0  # CPU time for reading the whole upload (the benchmark: 1.6 s)


LIMITS = Limits()
MAX_AMOUNT_EXPONENT = 15  # an amount must be below 10**15 yuan (a thousand trillion; the group's revenue is 4e10)
# Decimal places in yuan that are stored. Not 6: a number-typed cell is a double, and a SUM of two-decimal
# yuan amounts is written with its float noise (1234567.8900000001: 10 places in a third of such sums), which
# Excel shows as 1234567.89 — refusing it would refuse ordinary workbooks. A double of 0.001 yuan or more has
# at most 20 places (17 significant digits), so 20 accepts every such cell and still refuses 1E-30; the
# longest amount then has 36 digits, which fits the 80-character SQLite column and leaves EXACT (60 digits)
# room to sum a million figures without rounding.
AMOUNT_PLACES = 20


class BudgetExceeded(Exception):
    """A limit was reached; ``problem`` says which, where, and what to do."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def exceeded(code: str, sheet: str = "", cell: str = "", value: object = "", **params: object) -> BudgetExceeded:
    """The exception for a reached limit, its problem located like any other."""
    return BudgetExceeded(error(code, sheet, cell, value, **params))


class Budget:
    """One upload's running account: bytes read, the CPU deadline, and rows and cells of each sheet read."""

    def __init__(self, limits: Limits = LIMITS, clock: Callable[[], float] = time.thread_time) -> None:
        self.limits, self.clock = limits, clock
        self.deadline = clock() + limits.cpu_seconds
        self.total = 0

    def tick(self, sheet: str = "", cell: str = "") -> None:
        """Refuse when the CPU time for this upload is spent; call it often while reading."""
        if self.clock() > self.deadline:
            raise exceeded("budget_time", sheet, cell, limit=self.limits.cpu_seconds)

    def members(self, count: int, declared_total: int = 0) -> None:
        """Refuse a package of more members than any workbook has, or whose members declare more decompressed
        bytes in all than the limit (parts never read count too: the package as a whole is the bomb)."""
        if count > self.limits.members:
            raise exceeded("budget_members", value=count, limit=self.limits.members)
        if declared_total > self.limits.total_bytes:
            size_mb = declared_total // MIB
            raise exceeded("budget_declared_size", value=f"{size_mb} MB", limit_mb=self.limits.total_bytes // MIB)

    def part(self, name: str, declared: int) -> PartMeter:
        """A meter for one part about to be read; a declared size over the limit is refused at once."""
        if declared > self.limits.part_bytes:
            raise exceeded("budget_part_size", value=name, limit_mb=self.limits.part_bytes // MIB)
        return PartMeter(self, name)

    def shared_strings(self, count: int) -> None:
        """Refuse more shared strings than the limit."""
        if count > self.limits.shared_strings:
            raise exceeded("budget_shared_strings", value="xl/sharedStrings.xml", limit=self.limits.shared_strings)

    def text(self, text: str, sheet: str, cell: str) -> None:
        """Refuse a cell text longer than Excel allows."""
        if len(text) > self.limits.cell_chars:
            raise exceeded("budget_cell_length", sheet, cell, limit=self.limits.cell_chars)

    def guard(self, sheets: list[SheetSource]) -> list[SheetSource]:
        """The same sheets, each read checked for rows, cells, columns, cell length and the deadline."""
        return [SheetSource(s.name, s.visible, self._guarded(s), s.problems) for s in sheets]

    def _guarded(self, sheet: SheetSource) -> Callable[[int | None], Iterator[Row]]:
        return lambda limit: self._rows(sheet.name, sheet.read(limit))

    def _rows(self, name: str, rows: Iterator[Row]) -> Iterator[Row]:
        limits, count, cells = self.limits, 0, 0
        for number, row in rows:
            count, cells = count + 1, cells + len(row)
            if count > limits.rows or number > 1_048_576:
                raise exceeded("budget_rows", name, row_range(number), limit=limits.rows)
            if cells > limits.cells:
                raise exceeded("budget_cells", name, address(number, max(row)), limit=limits.cells)
            self._row(name, number, row)
            yield number, row

    def _row(self, name: str, number: int, row: dict[int, Cell]) -> None:
        if max(row) > self.limits.columns:
            where = f"{column_letter(self.limits.columns)}{number}"
            raise exceeded("budget_columns", name, where, limit=self.limits.columns)
        for column, cell in row.items():
            if len(cell.text) > self.limits.cell_chars:
                self.text(cell.text, name, address(number, column))
        if number % 256 == 0:
            self.tick(name, row_range(number))


class PartMeter:
    """Counts the real bytes of one part as they are decompressed (the declared size can lie), and the
    compressed bytes taken from the file to produce them, so the ratio is the one actually reached."""

    def __init__(self, budget: Budget, name: str) -> None:
        self.budget, self.name = budget, name
        self.size = self.compressed = 0
        self.run = 0  # bytes since the last '<'

    def add(self, chunk: bytes, compressed: int) -> None:
        """Account for the next decompressed chunk, ``compressed`` the part's compressed bytes inflated so
        far; refuse past a limit."""
        budget, limits = self.budget, self.budget.limits
        self.size += len(chunk)
        self.compressed = max(compressed, 1)
        budget.total += len(chunk)
        if self.size > limits.part_bytes:
            raise exceeded("budget_part_size", value=self.name, limit_mb=limits.part_bytes // MIB)
        if budget.total > limits.total_bytes:
            raise exceeded("budget_total_size", value=self.name, limit_mb=limits.total_bytes // MIB)
        if self.size > limits.ratio_after and self.size > limits.ratio * self.compressed:
            raise exceeded("budget_ratio", value=self.name, limit=limits.ratio)
        last = chunk.rfind(b"<")
        self.run = self.run + len(chunk) if last < 0 else len(chunk) - last - 1
        if self.run > limits.text_run_bytes:
            raise exceeded("budget_cell_length", "", self.name, limit=limits.cell_chars)
        budget.tick()


def check_lines(text: str, name: str, limits: Limits = LIMITS) -> None:
    """Before a CSV text is split into cells: at most ``rows`` lines, none longer than ``text_run_bytes``.

    >>> check_lines("a,b\\n1,2\\n", "q.csv", Limits(rows=2))  # a final newline is no row
    >>> check_lines("a,b\\n1,2\\n3,4\\n", "q.csv", Limits(rows=2))
    Traceback (most recent call last):
    ...
    dashboard.ingest.budget.BudgetExceeded: budget_rows
    """
    end = len(text)
    while end and text[end - 1].isspace():  # trailing blank lines are no rows
        end -= 1
    newline = "\n" if text.find("\n", 0, end) >= 0 else "\r"  # CR alone ends lines in "CSV (Macintosh)"
    if text.count(newline, 0, end) >= limits.rows:
        raise exceeded("budget_rows", name, row_range(limits.rows + 1), limit=limits.rows)
    if end <= limits.text_run_bytes:
        return
    start, number = 0, 1
    while start < end:  # at most ``rows`` lines: found without copying the text
        stop = text.find(newline, start, end)
        stop = end if stop < 0 else stop
        if stop - start > limits.text_run_bytes:
            raise exceeded("budget_cell_length", name, row_range(number), limit=limits.cell_chars)
        start, number = stop + 1, number + 1


def amount_problem(written: Decimal, power: int) -> str | None:
    """Why an amount as written in a unit of 10**``power`` yuan cannot be stored — too large or too precise.

    >>> wan = 4  # 万元
    >>> amount_problem(Decimal("99999999999.99"), wan), amount_problem(Decimal("100000000000"), wan)
    (None, 'amount_too_large')
    >>> amount_problem(Decimal("1E-24"), wan), amount_problem(Decimal("1E-25"), wan)
    (None, 'amount_too_precise')
    >>> amount_problem(Decimal("1.10000000000000000000000000"), 0)  # trailing zeros are free
    """
    _, digits, exponent = written.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity
        return "not_a_number"
    if exponent + power >= -AMOUNT_PLACES:  # the common case: few decimals; only the size is left to check
        return "amount_too_large" if exponent + len(digits) - 1 + power >= MAX_AMOUNT_EXPONENT and any(digits) else None
    if not any(digits):
        return None
    if exponent + len(digits) - 1 + power >= MAX_AMOUNT_EXPONENT:
        return "amount_too_large"
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if -(exponent + trailing) - power > AMOUNT_PLACES:
        return "amount_too_precise"
    return None
