"""Read strictly, never guess (issue 8): each way finance writes a period, an amount unit, a negative, a
number format or a CSV, with its expected outcome — the value read, or the problem code naming the cell."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from dashboard.domain import Period, amount_unit_from_text, amount_unit_problem
from dashboard.i18n import describe
from dashboard.i18n.messages import PROBLEMS
from dashboard.ingest import ParsedUpload, ReadOptions, read_upload
from dashboard.ingest.periods import read_period
from dashboard.ingest.styles import classify_format
from tests.workbooks import HEADER, UNITS, csv_bytes, flash, rewrite_part


def codes(parsed: ParsedUpload) -> list[str]:
    return [p.code for p in parsed.problems]


def ytd(parsed: ParsedUpload, unit: str, metric: str = "revenue") -> Decimal | None:
    return next(f.ytd for f in parsed.figures if f.unit_code == unit and f.metric == metric)


# --------------------------------------------------------------------------- periods

PERIODS: list[tuple[str, Period | str]] = [
    ("2023Q2", Period(2023, 2)),
    ("2023-Q2", Period(2023, 2)),
    ("2023年Q2", Period(2023, 2)),
    ("2023年第2季度", Period(2023, 2)),
    ("2023年二季度", Period(2023, 2)),
    ("2023 年 第 2 季度", Period(2023, 2)),
    ("2023年度第二季度", Period(2023, 2)),  # was 2023Q4: "2023年度" matched the full-year pattern first
    ("2023年度Q2", Period(2023, 2)),
    ("2023年度1-6月", Period(2023, 2)),
    ("2023年第二季度（1-6月）", Period(2023, 2)),  # two statements that agree
    ("2023年第二季度（2023年4月1日至2023年6月30日）", Period(2023, 2)),  # a span states its end date
    ("2023年1月1日至2023年9月30日", Period(2023, 3)),  # year to date as a span
    ("2023年第二季度（2023年1月1日至2023年9月30日）", "ambiguous_period"),  # the span ends in Q3
    ("2023年1-6月", Period(2023, 2)),
    ("2023年1月至6月", Period(2023, 2)),
    ("2023年一至九月", Period(2023, 3)),
    ("2023年上半年", Period(2023, 2)),
    ("2023年半年报", Period(2023, 2)),
    ("2023年三季报", Period(2023, 3)),
    ("2023年前三季度", Period(2023, 3)),
    ("2023年度", Period(2023, 4)),  # the full year alone
    ("2023年全年", Period(2023, 4)),
    ("Q2 2023", Period(2023, 2)),
    ("FY2023 Q2", Period(2023, 2)),
    ("2023/06/30", Period(2023, 2)),
    ("2023-12-31", Period(2023, 4)),
    ("2023年6月30日", Period(2023, 2)),
    ("2023.6", Period(2023, 2)),
    ("2023年6月", Period(2023, 2)),
    ("２０２３年第二季度", Period(2023, 2)),
    ("2023Q2 1-9月", "ambiguous_period"),  # disagreement
    ("2023年第二季度（1-9月）", "ambiguous_period"),
    ("2022年-2023年Q2", "ambiguous_period"),  # two different years
    ("2023年1-5月", "period_not_quarter_end"),
    ("2023/06/15", "period_not_quarter_end"),
    ("2023.5", "period_not_quarter_end"),
    ("2023年下半年", "period_not_quarter_end"),
    ("1900Q1", "period_year_range"),
    ("2999年第一季度", "period_year_range"),
    ("2023年", "unknown_period"),
    ("第二季度", "unknown_period"),
    ("下期", "unknown_period"),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_period_texts(text: str, expected: Period | str) -> None:
    reading = read_period(text)
    if isinstance(expected, Period):
        assert reading.period == expected and not reading.problem
    else:
        assert reading.period is None and reading.problem == expected


@pytest.mark.parametrize(("text", "expected"), PERIODS[::3])
def test_period_texts_through_the_reader(text: str, expected: Period | str) -> None:
    """The same outcomes through read_upload: metadata gives the figures' period, or an error naming A1."""
    parsed = read_upload(flash(title=None, meta=[[f"报告期：{text}", None, "金额单位：万元"]]), "q.xlsx")
    if isinstance(expected, Period):
        assert parsed.ok and parsed.periods == [expected], parsed.problems
    else:
        assert codes(parsed) == [expected] and parsed.errors[0].cell == "A1"


def test_title_is_read_strictly_when_it_is_the_only_source() -> None:
    ok = read_upload(flash(title="2023年度第二季度经营快报", meta=[["金额单位：万元"]]), "q.xlsx")
    assert ok.ok and ok.periods == [Period(2023, 2)]
    bad = read_upload(flash(title="2023年第二季度（1-9月）经营快报", meta=[["金额单位：万元"]]), "q.xlsx")
    assert codes(bad) == ["ambiguous_period"] and bad.errors[0].cell == "A1"
    assert "Q2" in describe(bad.errors[0], "en") and "Q3" in describe(bad.errors[0], "en")


def test_a_note_mentioning_a_year_does_not_hide_the_title() -> None:
    meta = [["说明：2023年数据未经审计"], ["2023年第二季度经营快报"], ["金额单位：万元"]]
    parsed = read_upload(flash(title=None, meta=meta), "q.xlsx")
    assert parsed.ok and parsed.periods == [Period(2023, 2)], parsed.problems


def test_year_out_of_range_is_an_error_not_a_crash() -> None:
    """1900 used to pass the reader and crash the import (its prior year 1899 is no Period)."""
    chosen = read_upload(flash(title=None, meta=[["金额单位：万元"]]), "q.xlsx", ReadOptions(period=Period(1900, 1)))
    assert codes(chosen) == ["period_year_range"]
    header = ["年度", "季度", *HEADER]
    rows = [[1900, 1, *UNITS[0]]]
    by_columns = read_upload(flash(rows=rows, header=header, title=None, meta=[["金额单位：万元"]]), "q.xlsx")
    assert codes(by_columns) == ["bad_year"] and by_columns.errors[0].cell == "A3"


# --------------------------------------------------------------------------- amount units

UNIT_TEXTS: list[tuple[str, str]] = [
    ("元", "yuan"),
    ("人民币元", "yuan"),
    ("RMB", "yuan"),
    ("千元", "thousand"),
    ("人民币千元", "thousand"),
    ("万元", "10k"),
    ("人民币万元", "10k"),
    ("万元人民币", "10k"),
    ("RMB 10k", "10k"),
    ("CNY 10k yuan", "10k"),
    ("单位：万元", "10k"),
    ("（单位：万元）", "10k"),
    ("万元（人民币）", "10k"),
    ("人民币（万元）", "10k"),
    ("单位：元", "yuan"),
    ("金额单位：万元", "10k"),
    ("百万元", "million"),
    ("亿元", "100m"),
    ("人民币亿元", "100m"),
    ("万元/元", "ambiguous_amount_unit"),
    ("元或万元", "ambiguous_amount_unit"),
    ("万美元", "unknown_amount_unit"),
    ("港币万元", "unknown_amount_unit"),
]


@pytest.mark.parametrize(("text", "expected"), UNIT_TEXTS)
def test_amount_unit_texts(text: str, expected: str) -> None:
    unit = amount_unit_from_text(text)
    if expected.endswith("amount_unit"):
        assert unit is None and amount_unit_problem(text) == expected
    else:
        assert unit is not None and unit.code == expected


@pytest.mark.parametrize(
    ("meta", "header_suffix", "expected"),
    [
        ("金额单位：人民币万元", "", Decimal("20002500")),
        ("金额单位：人民币千元", "", Decimal("2000250")),
        ("单位：人民币亿元", "", Decimal("200025000000")),
        ("金额单位：万元/元", "", "ambiguous_amount_unit"),
        (None, "（万元/元）", "ambiguous_amount_unit"),
        (None, "（人民币万元）", Decimal("20002500")),
    ],
)
def test_amount_units_through_the_reader(meta: str | None, header_suffix: str, expected: Decimal | str) -> None:
    header = [*HEADER[:2], HEADER[2] + header_suffix, *HEADER[3:]] if header_suffix else HEADER
    if header_suffix:  # every figure column states it, so no column is left without a unit
        header = [h + header_suffix if i >= 2 else h for i, h in enumerate(HEADER)]
    lines = [["报告期：2023Q2", None, meta]] if meta else [["报告期：2023Q2"]]
    parsed = read_upload(flash(meta=lines, header=header), "q.xlsx")
    if isinstance(expected, Decimal):
        assert parsed.ok and ytd(parsed, "1002") == expected, parsed.problems
    else:
        assert expected in codes(parsed) and not parsed.ok


# --------------------------------------------------------------------------- amounts and negatives

AMOUNTS: list[tuple[object, Decimal | str | None]] = [
    ("1,234.50", Decimal("1234.50")),
    ("(1,234)", Decimal("-1234")),
    ("（1,234）", Decimal("-1234")),  # full-width brackets
    ("-1234", Decimal("-1234")),
    ("−1234", Decimal("-1234")),  # U+2212 minus
    ("－1234", Decimal("-1234")),  # full-width minus
    ("+1234", Decimal("1234")),
    ("１２３４．５", Decimal("1234.5")),  # full-width digits and point
    ("１，２３４", Decimal("1234")),
    (" 1234 ", Decimal("1234")),
    ("1\u3000234", Decimal("1234")),  # spaces of any width are dropped
    (-1234, Decimal("-1234")),
    ("-", None),
    ("—", None),
    ("N/A", None),
    ("1234-", "not_a_number"),  # a trailing minus is not read (never guessed)
    ("(-1234)", "not_a_number"),
    ("180937③", "amount_foreign_character"),  # NFKC made this 1809373
    ("1234*", "amount_foreign_character"),
    ("1234¹", "amount_foreign_character"),
    ("12³", "amount_foreign_character"),
    ("١٢٣٤", "not_a_number"),  # Arabic-Indic digits are not read as digits
    ("1_234", "amount_foreign_character"),
    ("12a", "amount_foreign_character"),
    ("约1234", "amount_foreign_character"),
    ("两千", "not_a_number"),  # no digit at all: simply not a number
    ("12%", "percent_not_amount"),
    ("12％", "percent_not_amount"),
    ("1,23,4", "not_a_number"),
]


@pytest.mark.parametrize(("value", "expected"), AMOUNTS)
def test_amount_cells(value: object, expected: Decimal | str | None) -> None:
    rows = [list(r) for r in UNITS]
    rows[1][2] = value  # 1002's revenue, cell C5
    parsed = read_upload(flash(rows=rows, meta=[["报告期：2023Q2", None, "金额单位：元"]]), "q.xlsx")
    if isinstance(expected, str):
        assert [p.code for p in parsed.errors] == [expected] and parsed.errors[0].cell == "C5"
    else:
        assert not parsed.errors, parsed.problems
        assert ytd(parsed, "1002") == expected


def test_note_marker_message_says_to_remove_it() -> None:
    rows = [list(r) for r in UNITS]
    rows[1][2] = "180937③"
    parsed = read_upload(flash(rows=rows), "q.xlsx")
    zh, en = describe(parsed.errors[0], "zh"), describe(parsed.errors[0], "en")
    assert "注释标记" in zh and "note marker" in en and "180937③" in en


# --------------------------------------------------------------------------- number formats


def formatted(number_format: str | None, value: object = 45107) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(flash()))
    cell = wb["快报"]["C5"]
    cell.value = value
    if number_format is not None:
        cell.number_format = number_format
    wb["快报"]["D5"].number_format = "yyyy/m/d"  # a date-formatted empty neighbour is harmless
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("number_format", "value", "expected"),
    [
        ("yyyy/m/d", 45107, "amount_formatted_date"),
        ("mm-dd-yy", 45107, "amount_formatted_date"),  # built-in id 14
        ('yyyy"年"m"月"d"日"', 45107, "amount_formatted_date"),
        ("h:mm:ss", 0.5, "amount_formatted_date"),
        ("[h]:mm", 1.5, "amount_formatted_date"),
        ("0.00%", 0.1534, "amount_formatted_percent"),  # built-in id 10
        ("0%", 0.15, "amount_formatted_percent"),
        ('"是";"是";"否"', 1, "amount_formatted_literal"),
        ("#,##0.00", 2000.25, Decimal("20002500")),
        ('#,##0.00"万元"', 2000.25, Decimal("20002500")),
        ("[Red]#,##0.00;(#,##0.00)", 2000.25, Decimal("20002500")),
        ("General", 2000.25, Decimal("20002500")),
        ("0.0\\%", 2000.25, Decimal("20002500")),  # an escaped % is literal text, not a percentage
    ],
)
def test_number_formats_in_amount_columns(number_format: str, value: object, expected: Decimal | str) -> None:
    parsed = read_upload(formatted(number_format, value), "q.xlsx")
    if isinstance(expected, str):
        assert [p.code for p in parsed.errors] == [expected] and parsed.errors[0].cell == "C5"
    else:
        assert parsed.ok and ytd(parsed, "1002") == expected, parsed.problems


def test_a_date_formatted_year_column_is_not_an_amount_problem() -> None:
    """Only amount columns care: the code column may be formatted any way."""
    wb = openpyxl.load_workbook(io.BytesIO(flash()))
    wb["快报"]["A5"].number_format = "0.00%"
    out = io.BytesIO()
    wb.save(out)
    assert read_upload(out.getvalue(), "q.xlsx").ok


def test_boolean_cell_in_an_amount_column() -> None:
    parsed = read_upload(formatted(None, True), "q.xlsx")
    assert [p.code for p in parsed.errors] == ["amount_is_boolean"] and parsed.errors[0].cell == "C5"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("yyyy-mm-dd", "date"),
        ("[$-804]aaaa", "date"),
        ("0.00E+00", ""),
        ('"m"0', ""),
        ("上午/下午h时", "date"),
        (";;;", "literal"),
    ],
)
def test_classify_format(code: str, expected: str) -> None:
    assert classify_format(code) == expected


# --------------------------------------------------------------------------- CSV

CSV_HEADER = "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"
CSV_ROWS = ["1001,集团本部,1234.5,12", "1002,精密制造有限公司,2000.25,50"]


def csv_of(delimiter: str, rows: list[str] | None = None, encoding: str = "utf-8") -> bytes:
    lines = ["报告期：2023Q2", "金额单位：万元", CSV_HEADER, *(rows if rows is not None else CSV_ROWS)]
    return csv_bytes([line.replace(",", delimiter) for line in lines], encoding)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_delimiters_and_encodings_are_accepted(delimiter: str, encoding: str) -> None:
    parsed = read_upload(csv_of(delimiter, encoding=encoding), "q2.csv")
    assert parsed.ok, parsed.problems
    assert ytd(parsed, "1002") == Decimal("20002500")


def test_semicolon_csv_with_decimal_commas_in_quotes_is_read() -> None:
    lines = ["报告期：2023Q2", "金额单位：万元", CSV_HEADER.replace(",", ";"), '1001;集团本部;"1,234.5";12']
    parsed = read_upload(csv_bytes(lines), "q2.csv")
    assert parsed.ok and ytd(parsed, "1001") == Decimal("12345000")


def test_unquoted_thousands_comma_is_an_error_naming_the_row() -> None:
    rows = ["1001,集团本部,309,543.99,12", "1002,精密制造有限公司,2000.25,50"]
    parsed = read_upload(csv_of(",", rows), "q2.csv")
    assert codes(parsed) == ["csv_row_width"] and parsed.errors[0].cell == "4:4"
    assert "309,543.99" in describe(parsed.errors[0], "en") and parsed.errors[0].params["found"] == 5


def test_quoted_thousands_comma_is_read() -> None:
    rows = ['1001,集团本部,"309,543.99",12', *CSV_ROWS[1:]]
    parsed = read_upload(csv_of(",", rows), "q2.csv")
    assert parsed.ok and ytd(parsed, "1001") == Decimal("3095439900")


def test_short_row_is_an_error_too_and_blank_lines_are_skipped() -> None:
    parsed = read_upload(csv_of(",", ["1001,集团本部,1234.5", ",,,", "", *CSV_ROWS[1:]]), "q2.csv")
    assert codes(parsed) == ["csv_row_width"] and parsed.errors[0].cell == "4:4"


def test_a_note_line_under_the_table_is_not_a_width_error() -> None:
    parsed = read_upload(csv_of(",", [*CSV_ROWS, "注：本表为快报数"]), "q2.csv")
    assert parsed.ok, parsed.problems


def test_iso_date_cell_in_an_amount_column() -> None:
    data = rewrite_part(
        formatted(None, 777.5),
        "xl/worksheets/sheet",
        lambda b: b.replace(b"<v>777.5</v>", b"<v>2023-06-30</v>").replace(b'r="C5" t="n"', b'r="C5" t="d"'),
    )
    parsed = read_upload(data, "q.xlsx")
    assert [p.code for p in parsed.errors] == ["amount_formatted_date"] and parsed.errors[0].cell == "C5"


@pytest.mark.parametrize(
    "tail",
    ['1001,集团本部,"12,34', "1001,集团本部,12\r3,4", '1001,"集团"本部",1,2'],
)
def test_malformed_csv_lines_get_a_located_answer(tail: str) -> None:
    """An unclosed quote or a bare CR: never 'file damaged' (it was, with a traceback in the log)."""
    parsed = read_upload(csv_of(",", [CSV_ROWS[0], tail]), "q2.csv")
    assert "file_damaged" not in codes(parsed)


def test_unclosed_quote_names_the_line() -> None:
    parsed = read_upload(csv_of(",", [CSV_ROWS[0], '1002,"精密制造,1,2']), "q2.csv")
    assert codes(parsed) == ["csv_row_width"] and parsed.errors[0].cell == "5:5"


def test_a_field_over_the_csv_limit_is_a_located_error() -> None:
    parsed = read_upload(csv_of(",", [CSV_ROWS[0], '1002,"' + "x" * 200_000 + '",1,2']), "q2.csv")
    assert codes(parsed) == ["budget_cell_length"] and parsed.errors[0].cell == "5:5"


def test_header_line_with_several_delimiters_is_refused() -> None:
    data = csv_bytes(
        ["报告期：2023Q2", "单位编码;单位名称,营业收入（本年累计，万元）;利润总额（本年累计，万元）", "1001;a;1;2"]
    )
    parsed = read_upload(data, "q2.csv")
    assert codes(parsed) == ["csv_delimiter_ambiguous"] and parsed.errors[0].cell == "2:2"


BIG5_CSV = "\n".join(
    [
        "報告期：2023Q2,,,",
        "金額單位：萬元,,,",
        "單位編碼,單位名稱,營業收入（本年累計）,利潤總額（本年累計）",
        "1001,集團本部,1234.5,12",
        "1002,精密製造有限公司,2000.25,50",
        "1003,機電研究院,300,30",
    ]
)


def test_big5_csv_is_refused_naming_big5() -> None:
    data = BIG5_CSV.encode("big5")
    data.decode("gb18030")  # the trap: it decodes without error, as mojibake
    parsed = read_upload(data, "q2.csv")
    assert codes(parsed) == ["file_csv_big5"] and not parsed.units
    assert "Big5" in describe(parsed.errors[0], "en") and "CSV UTF-8" in describe(parsed.errors[0], "en")


@pytest.mark.parametrize(
    "data",
    [
        "Unit code,Unit name,Revenue YTD (yuan)\n1001,Café Zürich,12\n".encode("cp1252"),
        "単位コード,単位名称,売上高\n1001,東京本社,12\n".encode("shift_jis"),
    ],
)
def test_csv_in_another_encoding_is_refused_with_what_to_do(data: bytes) -> None:
    parsed = read_upload(data, "q2.csv")
    assert codes(parsed) == ["file_csv_encoding"]
    assert "CSV UTF-8" in describe(parsed.errors[0], "en") and ".xlsx" in describe(parsed.errors[0], "zh")


def test_gb18030_sample_still_imports() -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "data" / "samples" / "2021Q1_经营快报.csv"
    parsed = read_upload(sample.read_bytes(), sample.name)
    assert parsed.file_kind == "csv" and parsed.ok, parsed.problems


# --------------------------------------------------------------------------- sheets


def test_two_visible_data_sheets_are_refused_naming_both() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(flash(sheet="数据")))
    copy = wb.copy_worksheet(wb["数据"])
    copy.title = "Sheet2"
    out = io.BytesIO()
    wb.save(out)
    parsed = read_upload(out.getvalue(), "q.xlsx")
    assert codes(parsed) == ["several_data_sheets"] and parsed.errors[0].value == "数据, Sheet2"
    assert not parsed.figures
    copy.sheet_state = "hidden"  # a hidden copy is ignored
    out = io.BytesIO()
    wb.save(out)
    assert read_upload(out.getvalue(), "q.xlsx").ok


def test_template_instructions_sheet_is_not_a_data_sheet() -> None:
    from dashboard.ingest.template import build_template

    wb = openpyxl.load_workbook(io.BytesIO(build_template()))
    assert len(wb.sheetnames) == 2
    parsed = read_upload(build_template(), "template.xlsx")
    assert "several_data_sheets" not in codes(parsed)


# --------------------------------------------------------------------------- messages


@pytest.mark.parametrize(
    "code",
    [
        "ambiguous_period",
        "period_not_quarter_end",
        "period_year_range",
        "ambiguous_amount_unit",
        "amount_foreign_character",
        "amount_is_boolean",
        "amount_formatted_date",
        "amount_formatted_percent",
        "amount_formatted_literal",
        "csv_delimiter_ambiguous",
        "csv_row_width",
        "file_csv_big5",
        "file_csv_encoding",
        "several_data_sheets",
        "code_leading_zeros_ambiguous",
        "code_leading_zeros_new",
    ],
)
def test_every_new_code_has_both_texts(code: str) -> None:
    zh, en = PROBLEMS[code]
    assert zh and en and zh != en


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ((b's="1" t="n"', b's="99" t="n"'), "ok"),  # a style index past cellXfs: no format, the number is read
        ((b's="1" t="n"', b's="x" t="n"'), "ok"),
        ((b'numFmtId="10"', b'numFmtId="ten"'), "ok"),  # an unreadable id counts as General
        ((b'numFmtId="10"', b'numFmtId="164"'), "amount_formatted_date"),  # the custom code overrides
        ((b'numFmtId="10"', b'numFmtId="14"'), "amount_formatted_date"),
        ((b'numFmtId="10"', b'numFmtId="9"'), "amount_formatted_percent"),
    ],
)
def test_odd_styles_parts(change: tuple[bytes, bytes], expected: str) -> None:
    old, new = change
    part = "xl/worksheets/sheet" if old.startswith(b"s=") else "xl/styles.xml"
    data = rewrite_part(formatted("0.00%", 2000.25), part, lambda b: b.replace(old, new))
    parsed = read_upload(data, "q.xlsx")
    if expected == "ok":
        assert parsed.ok and ytd(parsed, "1002") == Decimal("20002500"), parsed.problems
    else:
        assert [p.code for p in parsed.errors] == [expected]
