"""Find the data sheet, its header row, and the metadata and title above it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dashboard.domain import MetricDef, Problem, error, normalise_text
from dashboard.ingest.columns import Column, HeaderMatcher, Role, accepted_headers
from dashboard.ingest.grid import Cell, CellKind, Row, SheetSource, address, row_range
from dashboard.ingest.periods import read_period
from dashboard.ingest.values import cell_text

SCAN_ROWS = 20
DATA_SHEET_NAMES = frozenset({"数据", "快报", "data"})
METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "period": ("报告期", "期间", "period", "reporting period", "报表期间", "所属期间"),
    "amount_unit": ("金额单位", "单位", "unit", "amount unit", "计量单位"),
    "entity": ("填报单位", "reporting entity", "编制单位"),
    "preparer": ("填报人", "prepared by", "制表人"),
}
_KEYS = {normalise_text(alias): key for key, aliases in METADATA_KEYS.items() for alias in aliases}
_KEY_VALUE = re.compile(r"^\s*([^:：]{1,24}?)\s*[:：]\s*(.*?)\s*$")


@dataclass(frozen=True, slots=True)
class Stated:
    """A metadata value and the cell it was read from."""

    value: str
    cell: str


@dataclass
class Layout:
    sheet: str
    header_row: int
    columns: list[Column]
    metadata: dict[str, Stated] = field(default_factory=dict)
    title: Stated | None = None

    def of_role(self, role: Role) -> Column | None:
        return next((c for c in self.columns if c.role is role), None)

    def figures(self) -> list[Column]:
        return [c for c in self.columns if c.role is Role.FIGURE]


def find_layout(
    sheets: list[SheetSource], metrics: tuple[MetricDef, ...], problems: list[Problem]
) -> tuple[SheetSource, Layout] | None:
    """Find the one visible sheet that holds a recognised header and read its layout; on failure (no such
    sheet, or several: which to read would be a guess) add errors to ``problems`` and return None.
    Hidden sheets are ignored; so is a sheet without a header (a cover or the template's instructions)."""
    visible = [s for s in sheets if s.visible]
    if not visible:
        problems.append(error("no_visible_sheet"))
        return None
    matcher = HeaderMatcher(metrics)
    found = [
        (sheet, layout) for sheet in visible if (layout := _layout(sheet.name, list(sheet.read(SCAN_ROWS)), matcher))
    ]
    if len(found) > 1:
        names = ", ".join(sheet.name for sheet, _ in found)
        problems.append(error("several_data_sheets", found[1][0].name, "", names))
        return None
    if found:
        sheet, layout = found[0]
        problems.extend(_check_columns(layout, metrics))
        return sheet, layout
    named = [s for s in visible if normalise_text(s.name) in DATA_SHEET_NAMES]
    problems.append(_missing_header((named or visible)[0], matcher, metrics))
    return None


def _layout(sheet: str, top: list[Row], matcher: HeaderMatcher) -> Layout | None:
    for number, cells in top:
        columns = [c for i, cell in sorted(cells.items()) if (c := _match(matcher, i, cell)) is not None]
        if any(c.role is Role.CODE for c in columns) and any(c.role is Role.FIGURE for c in columns):
            layout = Layout(sheet, number, columns)
            _read_metadata(layout, [r for r in top if r[0] < number])
            return layout
    return None


def _match(matcher: HeaderMatcher, index: int, cell: Cell) -> Column | None:
    return matcher.match(index, cell.text) if cell.kind is CellKind.TEXT else None


def _check_columns(layout: Layout, metrics: tuple[MetricDef, ...]) -> list[Problem]:
    problems: list[Problem] = []
    sheet, row = layout.sheet, layout.header_row
    if layout.of_role(Role.NAME) is None:
        problems.append(error("missing_name_column", sheet, row_range(row), row=row))
    seen: dict[tuple[str, str, str], Column] = {}
    for c in layout.columns:
        key = (c.role.value, c.metric, c.kind.value if c.kind else "")
        if key in seen:
            first = address(row, seen[key].index)
            problems.append(error("duplicate_column", sheet, address(row, c.index), c.header, first=first))
        seen.setdefault(key, c)
    has_year, has_quarter = layout.of_role(Role.YEAR), layout.of_role(Role.QUARTER)
    if bool(has_year) != bool(has_quarter):
        only = has_year or has_quarter
        assert only is not None
        problems.append(error("year_quarter_pair", sheet, address(row, only.index), only.header))
    for m in metrics:
        kinds = {c.kind for c in layout.figures() if c.metric == m.code}
        if m.required and not ({"ytd", "quarter"} & {k.value for k in kinds if k}):
            problems.append(
                error(
                    "missing_metric_column", sheet, row_range(row), row=row, metric=m.code, accepted=accepted_headers(m)
                )
            )
    return problems


def _missing_header(sheet: SheetSource, matcher: HeaderMatcher, metrics: tuple[MetricDef, ...]) -> Problem:
    """Explain the best-looking row of the first 20: what it has and what it lacks."""
    best: tuple[int, list[Column]] = (0, [])
    for number, cells in sheet.read(SCAN_ROWS):
        columns = [c for i, cell in sorted(cells.items()) if (c := _match(matcher, i, cell)) is not None]
        if len(columns) > len(best[1]):
            best = (number, columns)
    expected = "单位编码 / unit code; " + "; ".join(accepted_headers(m) for m in metrics if m.required)
    if not best[1]:
        return error("no_header_row", sheet.name, row_range(1, SCAN_ROWS), expected=expected)
    number, columns = best
    has_code = any(c.role is Role.CODE for c in columns)
    lacking = "单位编码 / unit code" if not has_code else "; ".join(accepted_headers(m) for m in metrics if m.required)
    found = ", ".join(c.header for c in columns)
    return error(
        "header_incomplete", sheet.name, row_range(number), found, row=number, lacking=lacking, expected=expected
    )


def _read_metadata(layout: Layout, rows: list[Row]) -> None:
    """Metadata as ``key：value`` in a cell (several per cell allowed) or key and value in adjacent cells;
    the first other text that states a period is the title (see ``_better_title``)."""
    for number, cells in rows:
        consumed: set[int] = set()
        for col in sorted(cells):
            if col in consumed or cells[col].kind is not CellKind.TEXT:
                continue
            text, where = cells[col].text, address(number, col)
            pairs = _pairs_in(text)
            bare = _KEYS.get(normalise_text(text.rstrip(":： ")))
            if pairs:
                for key, value in pairs:
                    _remember(layout, key, Stated(value, where))
            elif bare and col + 1 in cells:
                consumed.add(col + 1)
                _remember(layout, bare, Stated(cell_text(cells[col + 1], fold=False), address(number, col + 1)))
            elif read_period(text).mentioned and _better_title(layout.title, text):
                layout.title = Stated(text.strip(), where)


def _better_title(title: Stated | None, text: str) -> bool:
    """The title is the first text that reads as a period; failing that, the first that mentions one (so that
    a title naming no clear period, when it is the only source, is an error naming its cell)."""
    return title is None or (read_period(title.value).period is None and read_period(text).period is not None)


def _pairs_in(text: str) -> list[tuple[str, str]]:
    """``key：value`` pairs in one cell; several may share a cell, separated by wide spaces.

    >>> _pairs_in("填报单位：机电集团    金额单位：万元")
    [('entity', '机电集团'), ('amount_unit', '万元')]
    >>> _pairs_in("报告期：")  # a key whose value is in the next cell
    []
    """
    pairs = []
    for segment in re.split(r"\s{2,}|\u3000+", text.strip()):
        m = _KEY_VALUE.match(segment)
        if m and m.group(2) and (key := _KEYS.get(normalise_text(m.group(1)))):
            pairs.append((key, m.group(2)))
    return pairs


def _remember(layout: Layout, key: str, stated: Stated) -> None:
    # A key stated twice keeps both: the second under "key#2" so that a conflict can name both cells.
    if key in layout.metadata and layout.metadata[key].value != stated.value:
        layout.metadata[f"{key}#2"] = stated
    else:
        layout.metadata.setdefault(key, stated)
