"""Turn the data rows under the header into unit records and exact figure records, collecting problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from dashboard.domain import (
    EXACT,
    AmountUnit,
    FigureKind,
    MetricDef,
    Period,
    Problem,
    canonical,
    error,
    infer_unit_kind,
    normalise_text,
    warning,
)
from dashboard.ingest.budget import AMOUNT_PLACES, amount_problem
from dashboard.ingest.columns import Column, Role
from dashboard.ingest.grid import Cell, CellKind, Row, address, row_range
from dashboard.ingest.layout import Layout
from dashboard.ingest.periods import parse_quarter, parse_year
from dashboard.ingest.sources import PeriodSource
from dashboard.ingest.values import ValueProblem, cell_text, parse_amount
from dashboard.safe_text import control_character

GRAND_TOTALS = frozenset({"合计", "总计", "全集团", "全集团合计", "集团合计", "total", "grandtotal"})
SUBTOTALS = frozenset({"小计", "subtotal"})
_ZERO = Decimal(0)
CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._\-/]{0,39}")
# widths of the columns the texts are stored in (dashboard/storage/tables.py: units, figures.source_cell)
NAME_WIDTH, CODE_WIDTH, SOURCE_CELL_WIDTH = 200, 40, 120
MAX_PERIODS = 50  # uploads.periods is String(400): "2023Q1," is 7 characters, and 50 periods fill 349


@dataclass(frozen=True, slots=True)
class UnitRecord:
    code: str
    name: str
    name_en: str
    parent_code: str
    kind: str
    row: int
    numeric: bool = False  # the code cell was a number (leading zeros may be lost): see dashboard.unit_codes
    code_cell: str = ""  # where the code was read, e.g. "A12" (for problems about the code)
    parent_given: bool = True  # the file has a parent-code column (without one, a known unit keeps its parent)


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """One metric of one unit in one period, in yuan; None means "not reported"."""

    unit_code: str
    period: Period
    metric: str
    ytd: Decimal | None
    prior_ytd: Decimal | None
    quarter: Decimal | None
    row: int
    cells: dict[FigureKind, str]  # where each figure was read, e.g. {"ytd": "数据!D12"}


@dataclass
class _Total:
    row: int
    period: Period | None
    written: dict[int, Decimal | None]


class RowReader:
    """Reads the rows of one sheet once; results in ``units``, ``figures`` and the shared ``problems``."""

    def __init__(
        self,
        layout: Layout,
        period: PeriodSource,
        units: dict[int, AmountUnit],
        metrics: tuple[MetricDef, ...],
        problems: list[Problem],
    ) -> None:
        self.layout, self.period, self.problems = layout, period, problems
        self.metrics = {m.code: m for m in metrics}
        self.code_col = layout.of_role(Role.CODE)
        self.name_col, self.name_en_col = layout.of_role(Role.NAME), layout.of_role(Role.NAME_EN)
        self.parent_col = layout.of_role(Role.PARENT)
        self.year_col, self.quarter_col = layout.of_role(Role.YEAR), layout.of_role(Role.QUARTER)
        self.figure_cols = layout.figures()
        self.units: dict[str, UnitRecord] = {}
        self.figures: list[FigureRecord] = []
        self.seen: dict[tuple[str, Period], int] = {}
        self.periods: set[Period] = set()
        # per figure column: its amount unit (None when unknown: an error was reported) and the negative check
        self.plan = [(c, units.get(c.index), self.metrics[c.metric].warn_negative) for c in self.figure_cols]
        self.power_of = {c.index: unit.power for c, unit, _ in self.plan if unit is not None}
        self.totals: list[_Total] = []

    def read(self, rows: Iterable[Row]) -> None:
        """Read every row under the header; a sheet name too long to cite in a stored figure is refused first."""
        sheet = self.layout.sheet
        if len(sheet) + len("!XFD1048576") > SOURCE_CELL_WIDTH:
            limit = SOURCE_CELL_WIDTH - len("!XFD1048576")
            self.problems.append(
                error("text_too_long", sheet, "", sheet, header="工作表名 / sheet name", length=len(sheet), limit=limit)
            )
            return
        for number, cells in rows:
            if number > self.layout.header_row and any(c.text.strip() for c in cells.values()):
                self._row(number, cells)
        self._reconcile_totals()

    def _where(self, row: int, column: Column | None) -> str:
        return address(row, column.index) if column else row_range(row)

    def _row(self, number: int, cells: dict[int, Cell]) -> None:
        invalid = [column for column, cell in cells.items() if cell.kind is CellKind.INVALID]
        for column in invalid:  # a damaged cell in any column: named, never read as text or skipped
            self.problems.append(error("cell_invalid", self.layout.sheet, address(number, column), cells[column].text))
        if invalid:
            return
        code = cell_text(cells.get(self.code_col.index)) if self.code_col else ""
        name = cell_text(cells.get(self.name_col.index), fold=False) if self.name_col else ""
        written = self._written(number, cells)
        reported = any(v is not None for v in written.values())
        label = normalise_text(name or code)
        if label in GRAND_TOTALS or label in SUBTOTALS:
            if label in GRAND_TOTALS:
                self.totals.append(_Total(number, self._period(number, cells, quiet=True), written))
            return
        if not code:
            if reported:
                self.problems.append(error("missing_code", self.layout.sheet, self._where(number, self.code_col)))
            return
        if not CODE.fullmatch(code):
            if reported:  # a note row ("注：…") without figures is not a unit
                self.problems.append(error("bad_code", self.layout.sheet, self._where(number, self.code_col), code))
            return
        period = self._period(number, cells)
        if period is None:
            return
        self._unit_row(number, cells, code, name, period, written, reported)

    def _unit_row(
        self,
        number: int,
        cells: dict[int, Cell],
        code: str,
        name: str,
        period: Period,
        written: dict[int, Decimal | None],
        reported: bool,
    ) -> None:
        sheet = self.layout.sheet
        if period not in self.periods and not self._new_period(number, period):
            return
        first = self.seen.setdefault((code, period), number)
        if first != number:
            where = self._where(number, self.code_col)
            self.problems.append(error("duplicate_unit", sheet, where, code, first_row=first, period=str(period)))
            return
        if not name:
            self.problems.append(error("missing_name", sheet, self._where(number, self.name_col), code))
            return
        if not reported:
            self.problems.append(warning("no_figures", sheet, self._where(number, self.code_col), code))
            return
        unit = self.units.get(code)
        if unit is None:
            parent = cell_text(cells.get(self.parent_col.index)) if self.parent_col else ""
            name_en = cell_text(cells.get(self.name_en_col.index), fold=False) if self.name_en_col else ""
            texts = ((self.name_col, name, NAME_WIDTH), (self.name_en_col, name_en, NAME_WIDTH))
            if not self._storable(number, (*texts, (self.parent_col, parent, CODE_WIDTH))):
                return
            code_cell = cells.get(self.code_col.index) if self.code_col else None
            numeric = code_cell is not None and code_cell.kind is CellKind.NUMBER
            kind = infer_unit_kind(name, bool(parent))
            where = self._where(number, self.code_col)
            given = self.parent_col is not None
            unit = UnitRecord(code, name, name_en, parent, kind, number, numeric, where, parent_given=given)
            self.units[code] = unit
        self._add_figures(number, code, period, unit.kind, written)

    def _add_figures(
        self, number: int, code: str, period: Period, kind: str, written: dict[int, Decimal | None]
    ) -> None:
        found: dict[str, dict[FigureKind, tuple[Decimal, str]]] = {}
        for column, unit, warn_negative in self.plan:
            value = written[column.index]
            if value is None or unit is None or column.kind is None:  # not reported, or its unit is in error
                continue
            where = address(number, column.index)
            found.setdefault(column.metric, {})[column.kind] = (
                unit.to_yuan(value),
                f"{self.layout.sheet}!{where}",
            )
            if warn_negative and value < 0 and kind != "elimination" and column.kind is not FigureKind.PRIOR_YTD:
                self.problems.append(warning("negative_amount", self.layout.sheet, where, value, metric=column.metric))
        for metric, figures in found.items():
            ytd, prior, quarter = (figures.get(k) for k in (FigureKind.YTD, FigureKind.PRIOR_YTD, FigureKind.QUARTER))
            self.figures.append(
                FigureRecord(
                    code,
                    period,
                    metric,
                    ytd[0] if ytd else None,
                    prior[0] if prior else None,
                    quarter[0] if quarter else None,
                    number,
                    {k: v[1] for k, v in figures.items()},
                )
            )

    def _new_period(self, number: int, period: Period) -> bool:
        """Admit one more period, up to what the upload log can name; said once, at the first row beyond."""
        if len(self.periods) < MAX_PERIODS:
            self.periods.add(period)
            return True
        if len(self.periods) == MAX_PERIODS:
            where = self._where(number, self.quarter_col)
            self.problems.append(error("too_many_periods", self.layout.sheet, where, str(period), limit=MAX_PERIODS))
            self.periods.add(period)
        return False

    def _storable(self, number: int, texts: tuple[tuple[Column | None, str, int], ...]) -> bool:
        """Each text fits its database column and holds no control character; problems for those that do not."""
        fine = True
        for column, text, width in texts:
            if column is None or not text:
                continue
            where, header = address(number, column.index), column.header
            if len(text) > width:
                self.problems.append(
                    error("text_too_long", self.layout.sheet, where, text, header=header, length=len(text), limit=width)
                )
                fine = False
            elif found := control_character(text):  # never part of a name, and NUL breaks PostgreSQL
                char = f"U+{ord(found):04X}"
                self.problems.append(error("text_control", self.layout.sheet, where, text, header=header, char=char))
                fine = False
        return fine

    def _period(self, number: int, cells: dict[int, Cell], quiet: bool = False) -> Period | None:
        if not self.period.by_columns or self.year_col is None or self.quarter_col is None:
            return self.period.period
        sheet = self.layout.sheet
        year_cell, quarter_cell = cells.get(self.year_col.index), cells.get(self.quarter_col.index)
        year = parse_year(cell_text(year_cell)) if year_cell else None
        quarter = parse_quarter(cell_text(quarter_cell)) if quarter_cell else None
        if quiet:
            return Period(year, quarter) if year and quarter else self.period.period
        if year is None:
            self.problems.append(error("bad_year", sheet, address(number, self.year_col.index), cell_text(year_cell)))
            return None
        if quarter is None:
            where = address(number, self.quarter_col.index)
            self.problems.append(error("bad_quarter", sheet, where, cell_text(quarter_cell)))
            return None
        period = Period(year, quarter)
        stated = self.period.period
        if stated is not None and period != stated:
            where = address(number, self.quarter_col.index)
            self.problems.append(
                error(
                    "period_conflict",
                    sheet,
                    where,
                    f"{stated} / {period}",
                    first=self.period.where,
                    second=f"{sheet}!{where}",
                )
            )
            return None
        return period

    def _written(self, number: int, cells: dict[int, Cell]) -> dict[int, Decimal | None]:
        """Each figure column's value as written (before unit conversion); problems for bad cells."""
        written: dict[int, Decimal | None] = {}
        for column in self.figure_cols:
            cell = cells.get(column.index)
            try:
                value = written[column.index] = parse_amount(cell)
                power = self.power_of.get(column.index)
                code = amount_problem(value, power) if value is not None and power is not None else None
                if code is not None:  # beyond what is stored: refused here, before any arithmetic
                    raise ValueProblem(code)
            except ValueProblem as exc:
                assert cell is not None
                where = address(number, column.index)
                params = {"header": column.header, "places": AMOUNT_PLACES}
                self.problems.append(error(exc.code, self.layout.sheet, where, cell.text, **params))
                written[column.index] = None
        return written

    def _reconcile_totals(self) -> None:
        """Each total row must equal the sum of the unit rows of its period, column by column (in yuan, exactly)."""
        if not self.totals:
            return
        sums: dict[tuple[Period, str, FigureKind], Decimal] = {}
        for f in self.figures:
            for kind, value in (
                (FigureKind.YTD, f.ytd),
                (FigureKind.PRIOR_YTD, f.prior_ytd),
                (FigureKind.QUARTER, f.quarter),
            ):
                if value is not None:
                    key = (f.period, f.metric, kind)
                    sums[key] = EXACT.add(sums.get(key, _ZERO), value)
        for total in self.totals:
            for column, unit, _ in self.plan:
                found = total.written.get(column.index)
                if found is None or total.period is None or unit is None or column.kind is None:
                    continue
                expected = sums.get((total.period, column.metric, column.kind), _ZERO).scaleb(-unit.power, EXACT)
                if EXACT.compare(found, expected) != 0:
                    where = address(total.row, column.index)
                    self.problems.append(
                        warning(
                            "total_mismatch",
                            self.layout.sheet,
                            where,
                            found,
                            header=column.header,
                            found=found,
                            expected=canonical(expected),
                        )
                    )
