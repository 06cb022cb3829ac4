"""The blank template follows the upload contract: filled in, it reads back exactly; it is reproducible."""

from __future__ import annotations

import datetime as dt
import io
import time
import types
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from dashboard.domain import DEFAULT_METRICS, FigureKind, MetricDef, Period
from dashboard.ingest import ParsedUpload, read_upload
from dashboard.ingest.template import (
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    ZIP_TIME,
    build_template,
    reproducible_xlsx,
)

UNIT_ROWS: list[list[object]] = [
    ["1101", "衡川机电装备有限公司", None, 1234.56, 1100.5, 56.78, 50],
    ["1201", "衡川精密铸造有限公司", "1101", "2,000.25", "-", -12.3, "(1.20)"],
]
TOTALS = [3234.81, 1100.5, 44.48, 48.8]


def fill(template: bytes, *, metadata_in_key_cell: bool = False, prefilled: bool = False) -> bytes:
    """Fill the template as finance would: period, two unit rows, and the 合计 row as plain numbers
    (formulas written by openpyxl have no cached value, which the reader rightly refuses)."""
    wb = openpyxl.load_workbook(io.BytesIO(template))
    ws = wb[DATA_SHEET]
    if metadata_in_key_cell:
        ws["A2"], ws["D2"] = "报告期：2023Q2", "金额单位：万元"
    else:
        ws["B2"] = "2023Q2"  # E2 holds the preset 万元
    ws["B3"], ws["E3"] = "衡川机电集团有限公司", "张三"
    for row, values in enumerate(UNIT_ROWS, start=5):
        for col, value in enumerate(values, start=1):
            if not (prefilled and col <= 3):
                ws.cell(row, col, value)
    total_row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value == "合计")
    for col, value in enumerate(TOTALS, start=4):
        assert str(ws.cell(total_row, col).value).startswith("=SUM(")
        ws.cell(total_row, col, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def figure(parsed: ParsedUpload, unit: str, metric: str) -> tuple[Decimal | None, Decimal | None]:
    found = next(f for f in parsed.figures if f.unit_code == unit and f.metric == metric)
    return found.ytd, found.prior_ytd


def assert_reads_exactly(parsed: ParsedUpload) -> None:
    assert parsed.ok and not parsed.warnings, parsed.problems
    assert parsed.sheet == DATA_SHEET and parsed.header_row == 4
    assert parsed.periods == [Period(2023, 2)]
    assert set(parsed.units) == {"1101", "1201"}  # the 合计 row is checked, not stored
    assert parsed.units["1201"].parent_code == "1101" and parsed.units["1201"].kind == "tertiary"
    assert figure(parsed, "1101", "revenue") == (Decimal("12345600"), Decimal("11005000"))
    assert figure(parsed, "1101", "profit") == (Decimal("567800"), Decimal("500000"))
    assert figure(parsed, "1201", "revenue") == (Decimal("20002500"), None)  # "-" is not reported, not zero
    assert figure(parsed, "1201", "profit") == (Decimal("-123000"), Decimal("-12000"))


def test_filled_template_reads_back_exactly() -> None:
    assert_reads_exactly(read_upload(fill(build_template()), "filled.xlsx"))


def test_filled_template_reads_back_with_metadata_in_one_cell() -> None:
    """Everything else in the template (header, 合计 row, formats) reads as the contract says."""
    assert_reads_exactly(read_upload(fill(build_template(), metadata_in_key_cell=True), "filled.xlsx"))


def test_template_prefilled_with_units() -> None:
    units = [("1101", "衡川机电装备有限公司", ""), ("1201", "衡川精密铸造有限公司", "1101")]
    wb = openpyxl.load_workbook(io.BytesIO(build_template(units=units)))
    ws = wb[DATA_SHEET]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=6, max_col=3)] == [
        ["1101", "衡川机电装备有限公司", None],
        ["1201", "衡川精密铸造有限公司", "1101"],
    ]
    assert ws["B7"].value == "合计" and ws["D7"].value == "=SUM(D5:D6)" and ws["G7"].value == "=SUM(G5:G6)"
    filled = fill(build_template(units=units), metadata_in_key_cell=True, prefilled=True)
    assert_reads_exactly(read_upload(filled, "prefilled.xlsx"))


def test_template_layout() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_template()))
    assert wb.sheetnames == [DATA_SHEET, INSTRUCTIONS_SHEET] and wb.active.title == DATA_SHEET
    ws = wb[DATA_SHEET]
    assert ws["A1"].value == "____年第__季度经营快报" and "A1:G1" in ws.merged_cells
    metadata = (ws["A2"].value, ws["B2"].value, ws["D2"].value, ws["E2"].value)
    assert metadata == ("报告期：", None, "金额单位：", "万元")
    assert (ws["A3"].value, ws["D3"].value) == ("填报单位：", "填报人：")
    assert [c.value for c in ws[4]] == [
        "单位编码",
        "单位名称",
        "上级单位编码",
        "营业收入（本年累计）",
        "营业收入（上年同期）",
        "利润总额（本年累计）",
        "利润总额（上年同期）",
    ]
    assert ws["D4"].font.b and ws["D4"].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws.freeze_panes == "A5"
    assert ws["A5"].number_format == "@" and ws["D12"].number_format == "#,##0.00"
    assert ws["B20"].value == "合计" and ws["D20"].value == "=SUM(D5:D19)"  # 15 blank rows
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"元,千元,万元,百万元,亿元"' and str(validation.sqref) == "E2"


def test_header_and_instructions_follow_the_metrics() -> None:
    net = MetricDef(
        "net_profit",
        "净利润",
        "Net profit",
        aliases={
            FigureKind.YTD: ("净利润（本年累计）", "net profit ytd"),
            FigureKind.PRIOR_YTD: ("净利润（上年同期）",),
        },
    )
    wb = openpyxl.load_workbook(io.BytesIO(build_template((*DEFAULT_METRICS, net))))
    assert [c.value for c in wb[DATA_SHEET][4]][-2:] == ["净利润（本年累计）", "净利润（上年同期）"]
    text = "\n".join(str(v) for row in wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True) for v in row if v)
    for alias in ("净利润（本年累计） / net profit ytd", "营业收入（本季） / revenue quarter", "单位代码"):
        assert alias in text
    for phrase in ("2023年1-6月", "N/A", "(1,234)", "合计", "WPS", ".xlsx", "no silent default"):
        assert phrase in text


def test_template_is_byte_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_template()
    assert build_template() == first
    later = dt.datetime(2031, 5, 6, 7, 8, 9)
    fake_datetime = type("FakeDatetime", (dt.datetime,), {"now": classmethod(lambda cls, tz=None: later)})
    monkeypatch.setattr(
        "openpyxl.writer.excel.datetime", types.SimpleNamespace(datetime=fake_datetime, timezone=dt.timezone)
    )
    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    assert build_template() == first  # another day, the same bytes
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
    core = archive.read("docProps/core.xml").decode()
    assert core.count("2023-01-01T00:00:00Z") == 2 and "2031" not in core


def test_reproducible_xlsx_keeps_content() -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "内容"
    data = reproducible_xlsx(wb)
    assert openpyxl.load_workbook(io.BytesIO(data)).active["A1"].value == "内容"
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
