"""The xlsx gap report, opened with openpyxl: sheets, figures to the yuan, formats, conditional formats, the chart,
print setup, and no text from a workbook or a person ever becoming a formula or a link."""

from __future__ import annotations

import dataclasses
import io
import json
import math
import re
import zipfile
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.domain import Period
from dashboard.reports.content import GapReport, Kind, Table
from dashboard.reports.writers import write
from dashboard.reports.xlsx import write_xlsx
from dashboard.reports.xlsx_layout import display_width, sheet_name

from .xlsx_fixture import GENERATED, HOSTILE, make_report

FORMATS = {Kind.AMOUNT: "#,##0.00", Kind.RATE: "0.0%", Kind.POINTS: "+0.0;-0.0;0.0", Kind.COUNT: "#,##0"}


def opened(report: GapReport) -> Workbook:
    return load_workbook(io.BytesIO(write_xlsx(report)))


def header_row(ws: Worksheet, table: Table) -> int:
    """The 1-based row holding ``table``'s header in column A onwards."""
    headers = [c.header for c in table.columns]
    for row in ws.iter_rows(min_col=1, max_col=len(headers)):
        if [c.value for c in row] == headers:
            return int(row[0].row)
    raise AssertionError(f"header of {table.key} not found on {ws.title}")


def assert_cell(cell: Any, kind: Kind, value: Any, report: GapReport) -> None:
    """The written cell holds the report's value: amounts × divisor give the yuan within 0.5, rates as fractions,
    points ×100, statuses as their word, texts as literal strings."""
    words = {s.code: s.word for s in report.statuses}
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        assert cell.value is None, cell.coordinate
    elif isinstance(value, str):
        shown = words[value] if kind is Kind.STATUS else value.replace("\r\n", "\n")  # a cell breaks lines at LF
        assert cell.data_type == "s" and cell.value == shown, cell.coordinate
    elif kind is Kind.AMOUNT:
        assert abs(Decimal(repr(cell.value)) * report.scale.divisor - value) <= Decimal("0.5"), cell.coordinate
        assert cell.number_format == FORMATS[kind]
    elif kind is Kind.POINTS:
        assert cell.value == pytest.approx(value * 100) and cell.number_format == FORMATS[kind]
    else:
        assert cell.value == pytest.approx(value) and cell.number_format == FORMATS[kind], cell.coordinate


def assert_table(ws: Worksheet, table: Table, report: GapReport) -> int:
    top = header_row(ws, table)
    for r, cells in enumerate(table.rows, start=top + 1):
        for c, (column, value) in enumerate(zip(table.columns, cells, strict=True), start=1):
            assert_cell(ws.cell(r, c), column.kind, value, report)
    return top


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_is_on_its_sheet_with_its_figures(lang: str) -> None:
    report = make_report(lang)
    wb = opened(report)
    names = {
        "zh": ["概要", "各单位-营业收入", "各单位-利润总额", "户数统计", "分季度", "说明"],
        "en": ["Summary", "Units - Operating revenue", "Units - Total profit", "Counts", "Quarters", "Notes"],
    }[lang]
    assert wb.sheetnames == names
    summary, revenue, profit, counts, quarters, notes = (wb[n] for n in names)
    assert summary["A1"].value == report.title
    assert_table(summary, report.tables("headline")[0], report)
    assert assert_table(revenue, report.tables("units.revenue")[0], report) == 3
    assert_table(profit, report.tables("units.profit")[0], report)
    for table in report.tables("counts."):
        assert_table(counts, table, report)
    for table in report.tables("quarters."):
        assert_table(quarters, table, report)
    assert_table(notes, report.tables("notes.")[0], report)


def test_summary_holds_the_title_block_and_narrative_wrapped_across_the_table() -> None:
    report = make_report()
    ws = opened(report)["概要"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for label, value in report.meta:
        assert label in texts and value in texts
    for paragraph in report.narrative.values():
        cell = next(c for row in ws.iter_rows() for c in row if c.value == paragraph)
        merged = next(m for m in ws.merged_cells.ranges if cell.coordinate in m)
        assert merged.min_col == 1 and merged.max_col == len(report.tables("headline")[0].columns)
        assert cell.alignment.wrap_text
        assert ws.row_dimensions[cell.row].height > 15  # a long paragraph gets the lines it needs
    assert ws["A1"].alignment.wrap_text and ws.row_dimensions[1].height >= 21


def test_a_long_title_wraps_rather_than_being_cut() -> None:
    report = make_report()
    short = opened(report)["概要"].row_dimensions[1].height
    long = opened(dataclasses.replace(report, title=report.title * 4))["概要"].row_dimensions[1].height
    assert long > short


def test_units_sheet_is_filterable_frozen_and_coloured_by_status() -> None:
    report = make_report()
    ws = opened(report)["各单位-营业收入"]
    table = report.tables("units.revenue")[0]
    last = 3 + len(table.rows)
    assert ws.freeze_panes == "B4"
    assert ws.auto_filter.ref == f"A3:I{last}"
    statuses = [
        (rule.type, rule.operator, rule.formula[0], rule.dxf.fill.bgColor.rgb)
        for cf in ws.conditional_formatting
        if str(cf.sqref) == f"G4:G{last}"
        for rule in cf.rules
    ]
    assert sorted(r[2] for r in statuses) == ['"关注"', '"正常"', '"落后"']
    assert {r[0] for r in statuses} == {"cellIs"} and {r[1] for r in statuses} == {"equal"}
    assert {str(r[3])[-6:].lower() for r in statuses} == {"2e7d32", "f9a825", "c62828"}
    words = [ws.cell(r, 7).value for r in range(4, last + 1)]
    assert words[:4] == ["落后", "关注", "正常", None]  # the word is in the cell, not only its colour


def test_a_native_line_chart_per_metric_references_the_quarters_cells() -> None:
    report = make_report()
    data = write_xlsx(report)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/_rels/drawing1.xml.rels"} <= names
        rels = z.read("xl/drawings/_rels/drawing1.xml.rels").decode()
        assert "../charts/chart1.xml" in rels and "../charts/chart2.xml" in rels
        chart = z.read("xl/charts/chart1.xml").decode()
        sheet_rels = [n for n in names if n.startswith("xl/worksheets/_rels/")]
        assert any("drawing1.xml" in z.read(n).decode() for n in sheet_rels)
    assert "<c:lineChart>" in chart
    refs = re.findall(r"<c:f>([^<]+)</c:f>", chart)
    table = report.tables("quarters.")[0]
    top = header_row(opened(report)["分季度"], table)
    rows = f"${top + 1}:${top + 4}"
    assert {f"分季度!$B{rows.replace(':', ':$B')}", f"分季度!$C{rows.replace(':', ':$C')}"} <= set(refs)
    assert f"分季度!$D{rows.replace(':', ':$D')}" in refs  # last year
    assert f"分季度!$A{rows.replace(':', ':$A')}" in refs  # the quarters on the category axis
    assert f"分季度!$E{rows.replace(':', ':$E')}" not in refs  # single quarters are not the path
    assert f"分季度!$F{rows.replace(':', ':$F')}" not in refs  # nor last year's single quarters
    assert f"分季度!$B${top}" in refs  # each series is named by its header cell
    assert f"分季度!$A${top - 2}" in refs  # the title is the table's title cell, never a text parsed as a formula


def test_a_chart_title_that_looks_like_a_reference_stays_text() -> None:
    report = make_report(metrics=("Sheet1!A1",))
    ws = opened(report)["分季度"]
    assert ws["A3"].value == "Sheet1!A1分季度" and ws["A3"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(write_xlsx(report))) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "<c:f>分季度!$A$3</c:f>" in chart and "<c:f>Sheet1!A1" not in chart
    assert "亿元" in chart  # the value axis says the unit
    assert '<c:numFmt formatCode="#,##0" sourceLinked="0"/>' in chart  # 90…380 亿元: no decimals on the axis


def test_print_setup_on_every_sheet() -> None:
    wb = opened(make_report())
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1 is the default
        assert ws.print_title_rows, ws.title
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert ws.oddHeader.left.text == "《某集团2023年1—6月经营目标完成情况及缺口分析》"
    assert wb["各单位-营业收入"].print_title_rows == "$3:$3"  # the header row repeats on every page
    en = opened(make_report("en"))
    assert en["Summary"].oddFooter.center.text == "Page &P of &N"


def test_no_text_from_a_workbook_or_a_person_becomes_a_formula_or_link() -> None:
    report = make_report()
    data = write_xlsx(report)
    wb = load_workbook(io.BytesIO(data))
    found: set[str] = set()
    for ws in wb.worksheets:
        assert not ws._hyperlinks, ws.title
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    found.add(cell.value)
    assert {h.replace("\r\n", "\n") for h in HOSTILE} <= found  # each hostile name and comment is there, literally
    assert "+张三" in found and "@SUM(1)" in found and "=cmd|' /C calc'!A0.xlsx" in found
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode() and "<f " not in z.read(name).decode()
        assert not any("hyperlink" in z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))


def test_workbook_properties_and_the_same_bytes_each_time() -> None:
    report = make_report()
    wb = opened(report)
    assert wb.properties.title == report.title
    assert wb.properties.creator == report.summary["prepared_by"]
    assert wb.properties.created == GENERATED.replace(tzinfo=None)
    assert write_xlsx(report) == write_xlsx(report) == write(report, "xlsx")


def test_properties_fall_back_to_the_title_block(monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.reports import xlsx

    monkeypatch.setitem(xlsx.TEXT, "report.meta.prepared", ("编制人", "Prepared by"))
    monkeypatch.setitem(xlsx.TEXT, "report.meta.generated", ("生成时间", "Generated at"))
    monkeypatch.setenv("DASHBOARD_TIMEZONE", "Asia/Shanghai")
    report = make_report()
    report.summary.clear()
    meta = (*report.meta, ("生成时间", "2023-07-20 16:30"))
    wb = load_workbook(io.BytesIO(write_xlsx(dataclasses.replace(report, meta=meta))))
    assert wb.properties.creator == "+张三"
    assert wb.properties.created == datetime(2023, 7, 20, 8, 30)  # 16:30 in Shanghai is 08:30 UTC


def test_column_widths_fit_their_content_and_long_texts_wrap() -> None:
    report = make_report()
    ws = opened(report)["各单位-营业收入"]
    names = [row[0] for row in report.tables("units.revenue")[0].rows if isinstance(row[0], str)]
    assert ws.column_dimensions["A"].width >= max(display_width(n) for n in names)
    assert ws.column_dimensions["H"].width <= 46 and ws["H4"].alignment.wrap_text  # comments wrap
    assert ws.column_dimensions["B"].width >= len("0.12")
    long = 4 + 10  # unit 10's comment is long: its row is as tall as its wrapped lines, the others keep the default
    assert ws.row_dimensions[long].height >= 30 and ws.row_dimensions[long + 1].height is None
    assert ws.row_dimensions[3].height >= 30  # "较序时（个百分点）" wraps in the header


def test_sheet_names_are_valid_and_unique_whatever_the_metric_is_called() -> None:
    taken: set[str] = set()
    names = [
        sheet_name(n, taken)
        for n in ("各单位-利[润]:*?/\\", "x" * 40, "X" * 40, "'quoted'", "", "History", "a\x1bb\nc")
    ]
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\") and not name.startswith("'")
        assert name.isprintable()
    assert "history" not in {n.lower() for n in names}


def test_a_report_without_units_or_notes_still_opens() -> None:
    report = make_report(units=0, metrics=("revenue",))
    wb = opened(report)
    assert "各单位-营业收入" in wb.sheetnames
    assert wb["各单位-营业收入"].auto_filter.ref == "A3:I3"


def test_real_report_holds_the_group_ytd_of_status_json(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dashboard.reports.model")
    from dashboard.cli import main

    from .real import demo_url, real_report

    url = demo_url(tmp_path)
    capsys.readouterr()
    assert main(["status", "--year", "2023", "--json", "--db", url]) == 0
    status = json.loads(capsys.readouterr().out)
    report = real_report(url)
    assert report.model.as_of == Period.parse(status["as_of"])
    wb = opened(report)
    ws = wb[wb.sheetnames[0]]
    table = report.tables("headline")[0]
    top = header_row(ws, table)
    col = next(i for i, c in enumerate(table.columns, start=1) if c.key == "ytd_actual")
    for metric in ("revenue", "profit"):
        name = next(m.name(report.lang) for m in report.model.metrics if m.code == metric)
        r = next(i for i, row in enumerate(table.rows, start=top + 1) if name in row)
        yuan = Decimal(repr(ws.cell(r, col).value)) * report.scale.divisor
        assert abs(yuan - Decimal(repr(status["metrics"][metric]["ytd_actual"]))) <= Decimal("0.5"), metric
    units = report.tables("units.revenue")[0]
    sheet = wb[wb.sheetnames[1]]
    top = assert_table(sheet, units, report)  # every unit's cells, to the yuan
    lead = next(i for i, c in enumerate(units.columns) if c.kind is not Kind.TEXT)
    assert sheet.freeze_panes == f"{get_column_letter(min(lead, 3) + 1)}{top + 1}"  # code and name stay in view


def test_real_report_keeps_a_formula_like_unit_name_literal(tmp_path: Any) -> None:
    pytest.importorskip("dashboard.reports.model")
    from .real import HOSTILE_NAME, demo_url, real_report

    report = real_report(demo_url(tmp_path, hostile=True))
    wb = opened(report)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    named = [c for c in cells if c.value == HOSTILE_NAME]
    assert named and all(c.data_type == "s" for c in named)


def test_the_writer_never_calls_a_method_that_interprets_text() -> None:
    """``write()`` (and the row/column/formula/url writers) decide by the text what a cell becomes; the writer
    only uses write_string/write_number/write_blank, and merges blank ranges."""
    import ast
    from pathlib import Path

    import dashboard.reports.xlsx as module

    interpreting = {"write", "write_row", "write_column", "write_formula", "write_array_formula", "write_url"}
    for path in Path(module.__file__).parent.glob("xlsx*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in interpreting, f"{path.name}:{node.lineno} calls {node.func.attr}()"
                if node.func.attr == "merge_range":
                    data = node.args[4]
                    assert isinstance(data, ast.Constant) and data.value == "", f"{path.name}:{node.lineno}"
