"""The workbook contract (shared/spec/upload-format.md), clause by clause."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.domain import AMOUNT_UNITS, Period
from dashboard.i18n import describe
from dashboard.ingest import ParsedUpload, ReadOptions, read_upload
from tests.workbooks import HEADER, TOTAL, UNITS, csv_bytes, flash, rewrite_part, with_cached_values


def codes(parsed: ParsedUpload) -> list[str]:
    return [p.code for p in parsed.problems]


def ytd(parsed: ParsedUpload, unit: str, metric: str = "revenue") -> Decimal | None:
    return next(f.ytd for f in parsed.figures if f.unit_code == unit and f.metric == metric)


def test_finance_workbook_imports_exactly() -> None:
    """Title row, metadata, Chinese headers, 万元, a 合计 row, text numbers: the written sum, to the last digit."""
    parsed = read_upload(flash(), "2023Q2.xlsx")
    assert parsed.ok and not parsed.warnings, parsed.problems
    assert parsed.periods == [Period(2023, 2)] and parsed.sheet == "快报" and parsed.header_row == 3
    assert set(parsed.units) == {"1001", "1002", "1099"}  # the 合计 row is not a unit
    revenue = sum((f.ytd for f in parsed.figures if f.metric == "revenue" and f.ytd is not None), Decimal(0))
    assert revenue == Decimal("3134.81") * 10_000
    assert ytd(parsed, "1001", "profit") == Decimal("-123000")  # (12.30) 万元
    assert parsed.units["1099"].kind == "elimination"


def test_not_reported_is_not_zero() -> None:
    parsed = read_upload(flash(), "q2.xlsx")
    profit = next(f for f in parsed.figures if f.unit_code == "1002" and f.metric == "profit")
    assert profit.prior_ytd is None and profit.ytd == Decimal("500100")


def test_english_headers_full_width_and_bracket_styles() -> None:
    header = [
        "Unit Code",
        "UNIT NAME",
        "Revenue YTD (10k yuan)",
        "ＲＥＶＥＮＵＥ　ＰＲＩＯＲ　ＹＴＤ (10k yuan)",
        "利润总额(本年累计，万元)",
        "利润总额【上年同期】（万元）",
    ]
    parsed = read_upload(flash(header=header, meta=[["period: 2023-Q2"]]), "en.xlsx")
    assert parsed.ok, parsed.problems
    assert ytd(parsed, "1002") == Decimal("20002500")


@pytest.mark.parametrize(
    ("meta", "title", "expected"),
    [
        ([["报告期：2023Q2", None, "金额单位：万元"]], None, Period(2023, 2)),
        (
            [["报告期", "2023年1-6月", "单位", "万元"]],
            None,
            Period(2023, 2),
        ),  # key and value in adjacent cells
        ([["填报单位：机电集团    金额单位：万元    报告期：2023年第三季度"]], None, Period(2023, 3)),
        ([["金额单位：万元"]], "2023年第二季度经营快报", Period(2023, 2)),  # the title is the only source
        ([["Reporting period: 2023年二季度", "Amount unit: 10k yuan"]], None, Period(2023, 2)),
    ],
)
def test_period_and_metadata_forms(meta: list[list[str]], title: str | None, expected: Period) -> None:
    parsed = read_upload(flash(meta=meta, title=title), "q.xlsx")
    assert parsed.ok, parsed.problems
    assert parsed.periods == [expected]


def test_metadata_is_kept() -> None:
    parsed = read_upload(
        flash(meta=[["填报单位：机电集团", "填报人：张三", "金额单位：万元", "报告期：2023Q2"]]), "q.xlsx"
    )
    assert parsed.metadata["entity"] == "机电集团" and parsed.metadata["preparer"] == "张三"


def test_period_chosen_by_uploader() -> None:
    parsed = read_upload(flash(title=None, meta=[["金额单位：万元"]]), "q.xlsx", ReadOptions(period=Period(2023, 1)))
    assert parsed.ok and parsed.periods == [Period(2023, 1)]


def test_no_period_anywhere_is_an_error() -> None:
    parsed = read_upload(flash(title="经营快报", meta=[["金额单位：万元"]]), "q.xlsx")
    assert codes(parsed) == ["no_period"] and not parsed.figures


def test_unknown_period_names_the_cell() -> None:
    parsed = read_upload(flash(meta=[["报告期：下半年", None, "金额单位：万元"]]), "q.xlsx")
    assert codes(parsed) == ["period_not_quarter_end"]
    assert parsed.errors[0].cell == "A2" and parsed.errors[0].value == "下半年"


def test_conflicting_periods_name_both() -> None:
    parsed = read_upload(flash(), "q.xlsx", ReadOptions(period=Period(2023, 3)))
    assert codes(parsed) == ["period_conflict"]
    message = describe(parsed.errors[0], "en")
    assert "快报!A2" in message and "--period" in message


def test_title_naming_another_period_is_a_warning() -> None:
    parsed = read_upload(flash(title="2023年第一季度经营快报"), "q.xlsx")
    assert parsed.ok and codes(parsed) == ["title_period_differs"]


def test_amount_unit_must_be_stated() -> None:
    parsed = read_upload(flash(meta=[["报告期：2023Q2"]]), "q.xlsx")
    assert codes(parsed) == ["no_amount_unit"]
    chosen = read_upload(flash(meta=[["报告期：2023Q2"]]), "q.xlsx", ReadOptions(amount_unit=AMOUNT_UNITS["yuan"]))
    assert chosen.ok and ytd(chosen, "1002") == Decimal("2000.25")


def test_unknown_amount_unit() -> None:
    parsed = read_upload(flash(meta=[["报告期：2023Q2", "金额单位：万美元"]]), "q.xlsx")
    assert codes(parsed) == ["unknown_amount_unit"] and parsed.errors[0].cell == "B2"


def test_amount_unit_conflict_between_metadata_and_header() -> None:
    header = [*HEADER[:2], "营业收入（本年累计，元）", *HEADER[3:]]
    parsed = read_upload(flash(header=header), "q.xlsx")
    assert codes(parsed) == ["amount_unit_conflict"] and parsed.errors[0].cell == "C3"


@pytest.mark.parametrize("unit", ["元", "千元", "万元", "百万元", "亿元"])
def test_every_amount_unit_converts_exactly(unit: str) -> None:
    parsed = read_upload(flash(meta=[["报告期：2023Q2", f"金额单位：{unit}"]]), "q.xlsx")
    factor = next(u.factor for u in AMOUNT_UNITS.values() if u.name_zh == unit)
    assert ytd(parsed, "1001") == Decimal("1234.56") * factor


def test_missing_columns() -> None:
    no_code = read_upload(flash(header=["单位名称", *HEADER[2:]], rows=[r[1:] for r in UNITS]), "q.xlsx")
    assert codes(no_code) == ["header_incomplete"]
    assert "unit code" in describe(no_code.errors[0], "en")
    no_profit = read_upload(flash(header=HEADER[:4], rows=[r[:4] for r in UNITS]), "q.xlsx")
    assert codes(no_profit) == ["missing_metric_column"]
    assert "利润总额（本年累计）" in describe(no_profit.errors[0], "zh")
    no_name = read_upload(flash(header=[HEADER[0], *HEADER[2:]], rows=[[r[0], *r[2:]] for r in UNITS]), "q.xlsx")
    assert "missing_name_column" in codes(no_name)


def test_header_not_in_first_20_rows() -> None:
    parsed = read_upload(flash(meta=[["金额单位：万元"]] + [["…"]] * 20), "q.xlsx")
    assert codes(parsed) == ["no_header_row"]


def test_duplicate_unit_codes_name_both_rows() -> None:
    parsed = read_upload(flash(rows=[*UNITS, ["1001", "集团本部", 1, 1, 1, 1]]), "q.xlsx")
    assert "duplicate_unit" in codes(parsed)
    problem = next(p for p in parsed.errors if p.code == "duplicate_unit")
    assert problem.cell == "A7" and problem.params["first_row"] == 4


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("12a", "amount_foreign_character"),
        ("12%", "percent_not_amount"),
        ("#REF!", "error_value"),
        ("#DIV/0!", "error_value"),
        (True, "amount_is_boolean"),
    ],
)
def test_bad_cells_name_the_cell(value: object, code: str) -> None:
    rows = [list(r) for r in UNITS]
    rows[1][4] = value
    parsed = read_upload(flash(rows=rows), "q.xlsx")
    assert codes(parsed) == [code]
    assert parsed.errors[0].sheet == "快报" and parsed.errors[0].cell == "E5"
    assert "E5" in describe(parsed.errors[0], "zh", "q.xlsx")


def test_formula_without_cached_value_is_an_error_and_with_one_is_read() -> None:
    rows = [*UNITS, ["", "合计", "=SUM(C4:C6)", 2810.5, 37.71, 10]]
    parsed = read_upload(flash(rows=rows), "q.xlsx")
    assert codes(parsed) == ["formula_not_calculated"] and parsed.errors[0].cell == "C7"
    cached = read_upload(with_cached_values(flash(rows=rows), {"C7": "3134.81"}), "q.xlsx")
    assert cached.ok and not cached.warnings, cached.problems


def test_total_mismatch_is_a_warning_naming_column_expected_and_found() -> None:
    parsed = read_upload(flash(rows=[*UNITS, ["", "合计", 3000, 2810.5, 37.71, 10]]), "q.xlsx")
    assert parsed.ok and codes(parsed) == ["total_mismatch"]
    text = describe(parsed.warnings[0], "en")
    assert "营业收入（本年累计）" in text and "3,134.81" in text and "3,000" in text


def test_negative_revenue_warns_except_on_eliminations() -> None:
    rows = [list(r) for r in UNITS]
    rows[0][2] = -5
    parsed = read_upload(flash(rows=rows), "q.xlsx")
    assert codes(parsed) == ["negative_amount"] and parsed.warnings[0].cell == "C4"


def test_rows_without_code_or_figures() -> None:
    rows = [*UNITS, ["1003", "光电科技有限公司"], ["", "其中：军品", 5, 5, 1, 1], ["注：本表数据未经审计"]]
    parsed = read_upload(flash(rows=rows), "q.xlsx")
    assert codes(parsed) == ["no_figures", "missing_code"]
    assert parsed.errors[0].cell == "A8"


def test_subtotal_rows_are_not_units() -> None:
    rows = [UNITS[0], ["", "小计", 1, 1, 1, 1], *UNITS[1:]]
    parsed = read_upload(flash(rows=rows), "q.xlsx")
    assert parsed.ok and set(parsed.units) == {"1001", "1002", "1099"}


def test_hidden_sheets_are_ignored_and_the_named_sheet_wins() -> None:
    data = flash(before=[("隐藏", "hidden"), ("封面", "visible")], sheet="数据")
    parsed = read_upload(data, "q.xlsx")
    assert parsed.ok and parsed.sheet == "数据"


def test_first_visible_sheet_with_a_header_is_used() -> None:
    data = flash(before=[("封面", "visible")], sheet="Sheet2")
    parsed = read_upload(data, "q.xlsx")
    assert parsed.ok and parsed.sheet == "Sheet2"


def test_multi_period_file() -> None:
    header = ["年度", "季度", *HEADER]
    rows = [[2023, q, f"10{u}", f"单位{u}", 100 * q, 90 * q, 10 * q, 9 * q] for q in (1, 2) for u in (1, 2)]
    rows.append([2023, "Q2", "", "合计", 400, 360, 40, 36])
    parsed = read_upload(flash(header=header, rows=rows, title=None, meta=[["金额单位：万元"]]), "multi.xlsx")
    assert parsed.ok and not parsed.warnings, parsed.problems
    assert parsed.periods == [Period(2023, 1), Period(2023, 2)] and len(parsed.figures) == 8


def test_multi_period_file_disagreeing_with_metadata() -> None:
    header = ["年度", "季度", *HEADER]
    rows = [[2023, 1, "1001", "A", 1, 1, 1, 1], [2023, 2, "1001", "A", 2, 2, 2, 2]]
    parsed = read_upload(flash(header=header, rows=rows), "multi.xlsx")
    assert codes(parsed) == ["period_conflict"] and parsed.errors[0].cell == "B4"


def test_bad_year_and_quarter_cells() -> None:
    header = ["年度", "季度", *HEADER]
    rows = [[20, 1, "1001", "A", 1, 1, 1, 1], [2023, 5, "1002", "B", 2, 2, 2, 2]]
    parsed = read_upload(flash(header=header, rows=rows, title=None, meta=[["金额单位：万元"]]), "m.xlsx")
    assert codes(parsed) == ["bad_year", "bad_quarter"]


def test_single_quarter_columns_are_kept_for_conversion() -> None:
    header = ["单位编码", "单位名称", "营业收入（本季）", "利润总额（本季）"]
    parsed = read_upload(flash(header=header, rows=[["1001", "A", 100, 10]]), "q.xlsx")
    assert parsed.ok
    figure = parsed.figures[0]
    assert figure.quarter == Decimal("1000000") and figure.ytd is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding(encoding: str) -> None:
    lines = [
        "报告期：2023Q2",
        "金额单位：万元",
        ",".join(HEADER),
        '1001,集团本部,"1,234.56",1000.5,(12.30),10',
        "1002,精密制造有限公司,２０００.２５,1900,50.01,-",
        "合计,,3234.81,2900.5,37.71,10",
    ]
    parsed = read_upload(csv_bytes(lines, encoding), "q2.csv")
    assert parsed.file_kind == "csv" and parsed.ok and not parsed.warnings, parsed.problems
    assert ytd(parsed, "1002") == Decimal("20002500")


def test_every_problem_is_collected_not_just_the_first() -> None:
    rows = [list(r) for r in UNITS]
    rows[0][2], rows[1][3], rows[2][4] = "x", "#REF!", "1..2"
    parsed = read_upload(flash(rows=[*rows, TOTAL]), "q.xlsx")
    assert [p.cell for p in parsed.errors] == ["C4", "D5", "E6"]


def test_header_without_rows_and_repeated_or_half_period_columns() -> None:
    assert codes(read_upload(flash(rows=[]), "q.xlsx")) == ["no_data_rows"]
    repeated = read_upload(flash(header=[*HEADER, "营业收入（累计）"], rows=[[*r, 1] for r in UNITS]), "q.xlsx")
    assert codes(repeated) == ["duplicate_column"] and repeated.errors[0].params["first"] == "C3"
    half = read_upload(flash(header=["年度", *HEADER], rows=[[2023, *r] for r in UNITS]), "q.xlsx")
    assert codes(half) == ["year_quarter_pair"] and half.errors[0].cell == "A3"


def test_no_visible_sheet() -> None:
    hidden = rewrite_part(flash(), "xl/workbook.xml", lambda xml: xml.replace(b'state="visible"', b'state="hidden"'))
    assert codes(read_upload(hidden, "q.xlsx")) == ["no_visible_sheet"]
