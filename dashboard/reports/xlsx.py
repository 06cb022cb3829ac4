"""The gap report as an xlsx workbook (XlsxWriter, in memory): ``write_xlsx(report) -> bytes``.

Sheets, in order:
- 概要 / Summary: the title, the title block (meta), the headline table and the narrative paragraphs (merged
  across the table's width, wrapped, row heights set so nothing is cut when printed).
- 各单位-<指标> / Units - <metric>: one sheet per "units.<metric>" table, so each has its own frozen header and
  autofilter; status colours by conditional formatting on the status column (the word is in the cell).
- 户数统计 / Counts: the "counts.<metric>" tables, the counts section's other tables (由盈转亏 and 增亏 units) and
  the units and counts sections' paragraphs.
- 分季度 / Quarters: the "quarters.<metric>" tables, each with a native line chart of its year-to-date path
  against the target path and last year, referencing the sheet's cells.
- 说明 / Notes: the notes section's paragraphs and tables.
A sheet with nothing to show is left out. Every sheet prints A4 landscape, one page wide, with repeated header
rows and "page x of y". Amounts are stored unrounded in the report's scale (yuan ÷ ``Scale.divisor``): 182.4123
亿元 shows 182.41 and multiplying back gives the yuan.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from dashboard import config
from dashboard.i18n import TEXT, t
from dashboard.reports.content import GapReport, Kind, Section, Table
from dashboard.reports.xlsx_layout import (
    DEFAULT_WIDTH,
    ROW_POINTS,
    TITLE_POINTS,
    Formats,
    Placed,
    Widths,
    cell_number,
    display_width,
    make_formats,
    put_merged,
    put_text,
    setup_print,
    sheet_name,
    wrapped_lines,
    write_table,
)

OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
CHART_ROWS = 17  # rows a chart takes (300 px at 20 px a row, and a gap)
# the columns charted on the quarters sheet: the year's path, the target path, last year's path
_PATH_KEYS = ("ytd_actual", "ytd", "target_path", "target_path_seasonal", "last_year_ytd", "prior_ytd")
_SUMMARY, _UNITS, _COUNTS, _QUARTERS, _NOTES = "summary", "units", "counts", "quarters", "notes"
_BY_SECTION = {"headline": _SUMMARY, "narrative": _SUMMARY, "units": _COUNTS, "counts": _COUNTS, "charts": _QUARTERS}


@dataclass
class Build:
    """What every sheet builder shares: the workbook, the report, its formats, the sheet names taken, the footer."""

    book: Workbook
    report: GapReport
    fm: Formats
    routed: dict[str, list[Table]]
    footer: str
    taken: set[str] = field(default_factory=set)

    def page(self, name: str, span: int, repeat: tuple[int, int] | None) -> Page:
        """A new sheet named ``name`` (made valid and unique), printed with ``repeat`` rows on every page."""
        sheet = self.book.add_worksheet(sheet_name(name, self.taken))
        setup_print(sheet, self.report, self.footer, repeat)
        return Page(sheet, span=max(span, 6))


@dataclass
class Page:
    """One sheet being filled top to bottom; paragraphs are merged across ``span`` columns."""

    sheet: Worksheet
    span: int
    row: int = 0
    widths: Widths = field(default_factory=Widths)

    def merged(self, first_col: int, text: str, fmt: Format) -> None:
        """``text`` on the current row, merged from ``first_col`` to the span's end, wrapped; next row."""
        put_merged(self.sheet, self.row, (first_col, self.span - 1), text, fmt)
        self.widths.wrap(self.row, (first_col, self.span - 1), text)
        self.row += 1

    def finish(self) -> dict[int, float]:
        """Column widths from the content, then the rows of wrapped texts tall enough for their lines; returns
        the widths set."""
        return self.widths.apply(self.sheet)


def write_xlsx(report: GapReport) -> bytes:
    """The report as the bytes of an .xlsx workbook (see the module's docstring for its sheets)."""
    buffer = io.BytesIO()
    book = Workbook(buffer, OPTIONS)
    book.set_properties(_properties(report))
    build = Build(book, report, make_formats(book, report), _route(report), t("xlsx.footer", report.lang))
    _summary(build)
    for table in build.routed[_UNITS]:
        _units(build, table)
    for key in (_COUNTS, _QUARTERS, _NOTES):
        if build.routed[key] or _paragraphs(report, key):
            _flow(build, key)
    book.close()
    return buffer.getvalue()


def _route(report: GapReport) -> dict[str, list[Table]]:
    """Each table's sheet: by its key's prefix ("headline", "units", "counts", "quarters"), else by its section."""
    routed: dict[str, list[Table]] = {k: [] for k in (_SUMMARY, _UNITS, _COUNTS, _QUARTERS, _NOTES)}
    prefixes = {"headline": _SUMMARY, "units": _UNITS, "counts": _COUNTS, "quarters": _QUARTERS}
    for section in report.sections:
        for table in section.tables:
            prefix = table.key.split(".", 1)[0]
            routed[prefixes.get(prefix) or _BY_SECTION.get(section.key, _NOTES)].append(table)
    return routed


def _sections(report: GapReport, sheet: str) -> list[Section]:
    return [s for s in report.sections if _BY_SECTION.get(s.key, _NOTES) == sheet]


def _paragraphs(report: GapReport, sheet: str) -> list[str]:
    return [p for s in _sections(report, sheet) for p in s.paragraphs]


def _summary(build: Build) -> None:
    """Title, title block, headline table(s), then every summary section's paragraphs (the narrative)."""
    report, fm, tables = build.report, build.fm, build.routed[_SUMMARY]
    page = build.page(t("xlsx.sheet.summary", report.lang), _span(tables), (0, 0))
    put_merged(page.sheet, 0, (0, page.span - 1), report.title, fm.title)
    page.row = 2
    for label, value in report.meta:
        put_text(page.sheet, page.row, 0, label, fm.label)
        page.widths.see(0, min(display_width(label), 16))
        page.merged(1, value, fm.plain)
    page.row += 1
    for table in tables:
        page.row = write_table(page.sheet, page.row, table, report, fm, page.widths).next_row + 1
    for section in _sections(report, _SUMMARY):
        _section_text(page, section, fm, _narrative(report, section))
    shown = page.finish()
    chars = sum(shown.get(c, DEFAULT_WIDTH) for c in range(page.span)) * ROW_POINTS / TITLE_POINTS
    page.sheet.set_row(0, TITLE_POINTS * 1.5 * wrapped_lines(report.title, chars) + 4)  # the title wraps, never cut


def _narrative(report: GapReport, section: Section) -> tuple[str, ...]:
    """The narrative section's paragraphs; the report's narrative (metric → paragraph) when the section has none."""
    if section.key == "narrative" and not section.paragraphs:
        return tuple(report.narrative.values())
    return section.paragraphs


def _section_text(page: Page, section: Section, fm: Formats, paragraphs: tuple[str, ...]) -> None:
    """A section's title and paragraphs, each merged across the page's span and wrapped."""
    if not paragraphs:
        return
    put_text(page.sheet, page.row, 0, section.title, fm.heading)
    page.row += 1
    for text in paragraphs:
        page.merged(0, text, fm.paragraph)
    page.row += 1


def _units(build: Build, table: Table) -> None:
    """One member-units table on its own sheet: the header and the leading text columns (code, name) frozen,
    autofilter, the header repeated on every printed page."""
    report = build.report
    metric = table.key.split(".", 1)[1] if "." in table.key else table.key
    name = t("xlsx.sheet.units", report.lang, metric=report.metric_name(metric))
    header_row = int(bool(table.title)) + int(bool(table.unit_line))
    page = build.page(name, len(table.columns), (header_row, header_row))
    placed = write_table(page.sheet, 0, table, report, build.fm, page.widths)
    names = next((i for i, c in enumerate(table.columns) if c.kind is not Kind.TEXT), len(table.columns))
    page.sheet.freeze_panes(placed.header_row + 1, min(names, 3))  # the header and the code and name columns
    page.sheet.autofilter(placed.header_row, 0, max(placed.last, placed.header_row), max(placed.columns - 1, 0))
    page.finish()


def _span(tables: list[Table]) -> int:
    return max((len(x.columns) for x in tables), default=0)


def _flow(build: Build, key: str) -> None:
    """The counts, quarters or notes sheet: its sections' paragraphs, then its tables one under the other
    (each quarters table followed by its chart). The first row (a section title) is repeated on every page."""
    report, tables = build.report, build.routed[key]
    page = build.page(t(f"xlsx.sheet.{key}", report.lang), _span(tables), (0, 0))
    for section in _sections(report, key):
        _section_text(page, section, build.fm, section.paragraphs)
    if page.row == 0:
        put_text(page.sheet, 0, 0, report.title, build.fm.heading)
        page.row = 2
    for table in tables:
        placed = write_table(page.sheet, page.row, table, report, build.fm, page.widths)
        page.row = placed.next_row + 1
        if key == _QUARTERS and placed.last >= placed.first:
            _chart(build, page, table, placed)
    page.finish()


def _chart(build: Build, page: Page, table: Table, placed: Placed) -> None:
    """A native line chart under a quarters table: its year-to-date, target-path and last-year columns by quarter,
    every series referencing the table's cells; the value axis titled with the amount unit."""
    amounts = [i for i, c in enumerate(table.columns) if c.kind is Kind.AMOUNT]
    charted = [i for i in amounts if table.columns[i].key in _PATH_KEYS] or amounts
    if not charted:
        return
    report = build.report
    chart = build.book.add_chart({"type": "line"})
    name = page.sheet.get_name()
    for col in charted:
        chart.add_series(
            {
                "name": [name, placed.header_row, col],
                "categories": [name, placed.first, 0, placed.last, 0],
                "values": [name, placed.first, col, placed.last, col],
                "marker": {"type": "circle", "size": 5},
                "line": _line_style(table.columns[col].key),
            }
        )
    if placed.title_row is not None:  # the title cell by reference: XlsxWriter reads "x!A1" in a name as a formula
        chart.set_title({"name": [name, placed.title_row, 0], "name_font": {"size": 12}})
    largest = max((abs(v) for i in charted for v in _amounts(table, i, report)), default=0.0)
    axis = "#,##0" if largest >= 100 else "#,##0.0" if largest >= 1 else "#,##0.00"
    chart.set_y_axis({"name": report.scale.word, "num_format": axis, "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 300})
    page.sheet.insert_chart(page.row, 0, chart)
    page.row += CHART_ROWS


def _amounts(table: Table, col: int, report: GapReport) -> list[float]:
    """A column's amounts in the report's scale (for the axis's number format)."""
    divisor = float(report.scale.divisor)
    numbers = (cell_number(row[col], Kind.AMOUNT, divisor) for row in table.rows if col < len(row))
    return [n for n in numbers if n is not None]


def _line_style(key: str) -> dict[str, Any]:
    """The actual path solid and bold, a target path dashed, last year grey (no status colour: their meaning
    is a setting, red may be good)."""
    if "target" in key:
        return {"width": 1.75, "dash_type": "dash", "color": "#404040"}
    if "last_year" in key or "prior" in key:
        return {"width": 1.5, "color": "#a6a6a6"}
    return {"width": 2.5, "color": "#1f4e79"}


def _properties(report: GapReport) -> dict[str, Any]:
    """Title, author (who prepared it) and created (when it was generated): from the report's summary when it
    says, else from the title block's 编制人 / 生成时间 lines."""
    props: dict[str, Any] = {"title": report.title[:255]}
    author = report.summary.get("prepared_by") or _meta(report, "report.meta.prepared")
    if isinstance(author, str) and author:
        props["author"] = author[:255]
    created = _moment(report.summary.get("generated_at") or _meta(report, "report.meta.generated"))
    if created is not None:
        props["created"] = created
    return props


def _meta(report: GapReport, key: str) -> str | None:
    """The title block's value under the label ``key`` names (None when the key or the line is absent)."""
    words = TEXT.get(key)
    if words is None:
        return None
    label = words[0 if report.lang == "zh" else 1]
    return next((value for shown, value in report.meta if shown == label), None)


def _moment(value: object) -> datetime | None:
    """A moment as naive UTC for the workbook's properties: a datetime, or ISO text; text without a zone is the
    configured local time (what the title block shows).

    >>> _moment("2023-07-20T08:30:00+00:00"), _moment("not a time"), _moment(None)
    (datetime.datetime(2023, 7, 20, 8, 30), None, None)
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=ZoneInfo(config.get("TIMEZONE")))
    return aware.astimezone(UTC).replace(tzinfo=None)
