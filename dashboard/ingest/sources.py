"""Decide the file's period and each figure column's amount unit from every place they may be stated.

Period: metadata, the title row (read only when nothing else states it), year/quarter columns, or the
uploader's choice. Amount unit: metadata, the header suffix, or the uploader's choice. Two sources that
disagree are an error naming both; no source at all is an error. There is no silent default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from dashboard.domain import AmountUnit, Period, Problem, amount_unit_from_text, amount_unit_problem, error, warning
from dashboard.ingest.columns import Role
from dashboard.ingest.grid import address, row_range
from dashboard.ingest.layout import Layout
from dashboard.ingest.periods import MAX_YEAR, MIN_YEAR, parse_period_text, read_period

T = TypeVar("T")
UPLOADER = "--period / 上传时选择"
UPLOADER_UNIT = "--amount-unit / 上传时选择"


@dataclass(frozen=True, slots=True)
class PeriodSource:
    """The file-level period (None when rows carry their own in year/quarter columns)."""

    period: Period | None
    where: str  # the cell or option it came from, for conflict messages
    by_columns: bool


def _stated(
    layout: Layout,
    key: str,
    parse: Callable[[str], T | None],
    explain: Callable[[str], tuple[str, dict[str, str]]],
    problems: list[Problem],
) -> list[tuple[T, str]] | None:
    """What the metadata states for ``key`` (once, or twice when written twice), each with its cell;
    None after an error (code from ``explain``) when a stated value cannot be read as exactly one value."""
    stated: list[tuple[T, str]] = []
    for meta in (layout.metadata.get(key), layout.metadata.get(f"{key}#2")):
        if meta is None:
            continue
        value = parse(meta.value)
        if value is None:
            code, params = explain(meta.value)
            problems.append(error(code, layout.sheet, meta.cell, meta.value, **params))
            return None
        stated.append((value, f"{layout.sheet}!{meta.cell}"))
    return stated


def resolve_period(layout: Layout, chosen: Period | None, problems: list[Problem]) -> PeriodSource | None:
    """The period the file states, or None after adding the reason to ``problems``."""
    sheet = layout.sheet
    stated = _stated(layout, "period", parse_period_text, _period_problem, problems)
    if stated is None:
        return None
    if chosen is not None and not MIN_YEAR <= chosen.year <= MAX_YEAR:
        problems.append(error("period_year_range", "", "", str(chosen.year)))
        return None
    if chosen is not None:
        stated.append((chosen, UPLOADER))
    for period, where in stated[1:]:
        if period != stated[0][0]:
            problems.append(
                error(
                    "period_conflict",
                    sheet,
                    "",
                    f"{stated[0][0]} / {period}",
                    first=stated[0][1],
                    second=where,
                )
            )
            return None
    by_columns = layout.of_role(Role.YEAR) is not None and layout.of_role(Role.QUARTER) is not None
    if stated:
        _note_title(layout, stated[0][0], problems)
        return PeriodSource(stated[0][0], stated[0][1], by_columns)
    if by_columns:
        return PeriodSource(None, "", True)
    if layout.title is not None:
        title_period = parse_period_text(layout.title.value)
        if title_period is None:
            code, params = _period_problem(layout.title.value)
            problems.append(error(code, sheet, layout.title.cell, layout.title.value, **params))
            return None
        return PeriodSource(title_period, f"{sheet}!{layout.title.cell}", False)
    problems.append(error("no_period", sheet))
    return None


def _period_problem(text: str) -> tuple[str, dict[str, str]]:
    reading = read_period(text)
    return reading.problem or "unknown_period", {"readings": reading.readings}


def _unit_problem(text: str) -> tuple[str, dict[str, str]]:
    return amount_unit_problem(text), {}


def _note_title(layout: Layout, period: Period, problems: list[Problem]) -> None:
    """A title that names another period is ignored by the contract, but worth a warning."""
    if layout.title is None:
        return
    title_period = parse_period_text(layout.title.value)
    if title_period is not None and title_period != period:
        problems.append(
            warning(
                "title_period_differs",
                layout.sheet,
                layout.title.cell,
                layout.title.value,
                period=str(period),
            )
        )


def resolve_units(layout: Layout, chosen: AmountUnit | None, problems: list[Problem]) -> dict[int, AmountUnit]:
    """The amount unit of each figure column (by column index); columns left out have an error."""
    sheet = layout.sheet
    file_level = _stated(layout, "amount_unit", amount_unit_from_text, _unit_problem, problems)
    if file_level is None:
        return {}
    if chosen is not None:
        file_level.append((chosen, UPLOADER_UNIT))
    if not file_level and not any(c.unit or c.unknown_unit for c in layout.figures()):
        problems.append(error("no_amount_unit", sheet, row_range(1, layout.header_row)))
        return {}
    units: dict[int, AmountUnit] = {}
    for column in layout.figures():
        where = address(layout.header_row, column.index)
        if column.unknown_unit:
            problems.append(error(amount_unit_problem(column.unknown_unit), sheet, where, column.header))
            continue
        stated = list(file_level)
        if column.unit is not None:
            stated.append((column.unit, f"{sheet}!{where}"))
        if not stated:
            problems.append(error("no_amount_unit_column", sheet, where, column.header))
            continue
        conflict = next(((u, w) for u, w in stated[1:] if u.code != stated[0][0].code), None)
        if conflict is not None:
            shown = f"{stated[0][0].name_zh} / {conflict[0].name_zh}"
            problems.append(error("amount_unit_conflict", sheet, where, shown, first=stated[0][1], second=conflict[1]))
            continue
        units[column.index] = stated[0][0]
    return units
