"""Write the bad-input corpus: tests/data/bad/*.{xlsx,csv,…} and tests/data/bad/manifest.json.

Run ``python tests/data/make_bad_corpus.py`` (or ``make corpus``). Seeded and deterministic: a re-run rewrites the
same bytes. Each manifest entry says what the dashboard must do with the file, as issue 8's Deliver section
requires (not necessarily what it does today):

- ``expect``: "rejected" (exit 2, at least one error, zh and en messages, nothing stored, the attempt logged),
  "accepted" (exit 0 and exactly ``figures``), or "duplicate" (exit 0, nothing new stored).
- ``code``: the problem code expected among the errors, or null for "any code" (many codes are being added).
- ``sheet`` / ``cell`` / ``row``: where the message must point when a cell or row is at fault.
- ``mentions``: texts the error output must contain (a sheet name, the file name).
- ``options``: read options (``period``, ``amount_unit``; ``user`` for the command line only).
- ``setup``: imports to run first (file and options), each expected to end with exit 0.
- ``alternative``: a second acceptable outcome where the issue allows two readings ("read, or refuse").
- ``upload_name``: the name the file is uploaded under (default: its file name); ``max_seconds``: the budget.
- ``cli_only`` / ``web_only``: the case exists on one path only (a bad ``--user``; a 301-character upload name).
- ``logged``: false where the refusal comes before any upload attempt (a bad command-line argument).
- ``names``: unit names that must be stored exactly; ``no_raw``: texts `status`/`history` must never print raw.
Files too large to commit (a 1-million-row CSV, a 50 MB workbook) are listed under ``generated``: the test and
the benchmarks build them at run time with ``build_generated``.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from tests.data.corpus_parts import (  # noqa: E402
    SHEET_HEAD,
    SHEET_PART,
    SHEET_TAIL,
    STRINGS_PART,
    book,
    csv_text,
    flip_byte,
    lie_about_size,
    many_members,
    member_data_offset,
    plain_zip,
    repeat,
    replace_parts,
    seeded_bytes,
    set_cell_xml,
    streamed,
    with_shared_strings,
    with_value,
    zip_version_needed,
)
from tests.workbooks import HEADER, UNITS, real_xls  # noqa: E402

OUT = Path(__file__).resolve().parent / "bad"
BOMB_SECONDS = 2
FILE_SECONDS = 30

# The standard rows (tests.workbooks.UNITS) as stored, in yuan, per 1 of the file's amount unit.
_BASE = [
    ("1001", "revenue", "1234.56", "1000.5"),
    ("1001", "profit", "-12.30", "10"),
    ("1002", "revenue", "2000.25", "1900"),
    ("1002", "profit", "50.01", None),
    ("1099", "revenue", "-100", "-90"),
    ("1099", "profit", "0", "0"),
]
STD_CSV_ROWS = [
    ",".join(HEADER),
    '1001,集团本部,"1,234.56",1000.5,(12.30),10',
    "1002,精密制造有限公司,2000.25,1900,50.01,-",
    "1099,内部抵消,-100,-90,0,0",
    ",合计,3134.81,2810.5,37.71,10",
]
STD_CSV_META = ["报告期：2023Q2", "金额单位：万元"]
SST_OK = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>集团本部</t></si></sst>'.encode()

Entry = dict[str, Any]
ENTRIES: list[tuple[Entry, Callable[[], bytes]]] = []


def _yuan(text: str | None, scale: int) -> str | None:
    return None if text is None else format(Decimal(text) * scale, "f")


def base_figures(period: str = "2023Q2", scale: int = 10_000, units: tuple[str, ...] = ()) -> list[list[Any]]:
    """[unit, period, metric, ytd, prior_ytd] of the standard rows, in yuan."""
    return [[u, period, m, _yuan(y, scale), _yuan(p, scale)] for u, m, y, p in _BASE if not units or u in units]


def add(name: str, cls: str, why: str, build: Callable[[], bytes], expect: str, **fields: Any) -> None:
    entry: Entry = {"file": name, "class": cls, "why": why, "expect": expect}
    entry.update({k: v for k, v in fields.items() if v is not None})
    entry.setdefault("max_seconds", FILE_SECONDS)
    ENTRIES.append((entry, build))


def refused(name: str, cls: str, why: str, build: Callable[[], bytes], **fields: Any) -> None:
    fields.setdefault("code", None)
    add(name, cls, why, build, "rejected", **fields)


def accepted(
    name: str, cls: str, why: str, build: Callable[[], bytes], figures: list[list[Any]], **fields: Any
) -> None:
    add(name, cls, why, build, "accepted", figures=figures, **fields)


def at(cell: str, sheet: str = "快报") -> dict[str, str]:
    return {"sheet": sheet, "cell": cell}


def csv_file(rows: list[str], meta: list[str] = STD_CSV_META, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: csv_text([*meta, *rows], encoding)


def csv_with(row_index: int, line: str) -> Callable[[], bytes]:
    rows = list(STD_CSV_ROWS)
    rows[row_index] = line
    return csv_file(rows)


def fmt(cell: str, value: Any, number_format: str) -> Callable[[Worksheet], None]:
    def tweak(ws: Worksheet) -> None:
        ws[cell] = value
        ws[cell].number_format = number_format

    return tweak


# --------------------------------------------------------------------------- breaking values
def breaking() -> None:
    c = "breaking"
    refused(
        "amount_1e30_yuan.xlsx",
        c,
        "1E+30 yuan in a numeric cell",
        lambda: with_value(0, 2, 1e30, meta=[["报告期：2023Q2", None, "金额单位：元"]]),
        **at("C4"),
    )
    refused(
        "amount_27_digits_wanyuan.xlsx",
        c,
        "a 27-digit 万元 text amount",
        lambda: with_value(0, 2, "123456789012345678901234567"),
        **at("C4"),
    )
    refused(
        "amount_1e308_numeric.xlsx",
        c,
        "1E+308 typed in a numeric cell",
        lambda: set_cell_xml(book(), "C5", '<c r="C5"><v>1E+308</v></c>'),
        **at("C5"),
    )
    refused(
        "amount_negative_1e30.xlsx",
        c,
        "-1E+30 in a numeric cell",
        lambda: set_cell_xml(book(), "E4", '<c r="E4"><v>-1E+30</v></c>'),
        **at("E4"),
    )
    refused(
        "amount_over_1e15_yuan.xlsx",
        c,
        "1,000,000,000,000,001 yuan: above any sensible maximum",
        lambda: with_value(1, 2, "1000000000000001", meta=[["报告期：2023Q2", None, "金额单位：元"]]),
        **at("C5"),
    )
    refused(
        "amount_1e30_text.csv",
        c,
        "1E+30 as CSV text",
        csv_with(1, "1001,集团本部,1E+30,1000.5,(12.30),10"),
        sheet="amount_1e30_text.csv",
        row=4,
    )
    refused(
        "amount_70_decimals.xlsx",
        c,
        "more digits than any column stores",
        lambda: with_value(0, 3, "1." + "0" * 69 + "1"),
        **at("D4"),
    )
    refused(
        "amount_inf_nan.xlsx",
        c,
        "INF and NaN in numeric cells",
        lambda: set_cell_xml(set_cell_xml(book(), "C4", '<c r="C4"><v>INF</v></c>'), "D4", '<c r="D4"><v>NaN</v></c>'),
        **at("C4"),
    )
    accepted(
        "amount_large_but_sensible.xlsx",
        c,
        "99,999,999.99 万元 (under 10^15 yuan) is fine",
        lambda: with_value(0, 2, "99,999,999.99"),
        [["1001", "2023Q2", "revenue", "999999999900", "10005000"]],
    )


# --------------------------------------------------------------------------- misreads
def misreads() -> None:
    c = "misread"
    q2 = base_figures()
    for name, text in (
        ("period_niandu_dierjidu.xlsx", "报告期：2023年度第二季度"),
        ("period_niandu_q2.xlsx", "报告期：2023年度Q2"),
        ("period_niandu_1_6.xlsx", "报告期：2023年度1-6月"),
    ):
        refused(
            name,
            c,
            f"{text} must never be read as the full year",
            lambda t=text: book(meta=[[t, None, "金额单位：万元"]], title=None),
            **at("A1"),
            alternative={"expect": "accepted", "figures": q2},
        )
    refused(
        "period_title_niandu_dierjidu.xlsx",
        c,
        "title 2023年度第二季度经营快报 as the only period",
        lambda: book(title="2023年度第二季度经营快报", meta=[["金额单位：万元"]]),
        **at("A1"),
        alternative={"expect": "accepted", "figures": q2},
    )
    refused(
        "footnote_circled_3.xlsx",
        c,
        "180937③: a footnote marker is not a digit",
        lambda: with_value(0, 2, "180937③"),
        **at("C4"),
    )
    refused(
        "footnote_superscript.xlsx", c, "1809¹ (superscript footnote)", lambda: with_value(1, 2, "1809¹"), **at("C5")
    )
    refused("footnote_circled_only.xlsx", c, "① alone as an amount", lambda: with_value(2, 4, "①"), **at("E6"))
    refused("fullwidth_point_roman.xlsx", c, "Roman numeral Ⅻ as an amount", lambda: with_value(0, 3, "Ⅻ"), **at("D4"))
    accepted("fullwidth_digits.xlsx", c, "full-width digits are folded", lambda: with_value(0, 2, "１２３４.５６"), q2)
    refused(
        "date_formatted_amount.xlsx",
        c,
        "45107 formatted yyyy/m/d (shows 2023/6/30)",
        lambda: book(tweak=fmt("C4", 45107, "yyyy/m/d")),
        **at("C4"),
    )
    refused(
        "date_builtin_format_amount.xlsx",
        c,
        "45107 with the built-in date format 14",
        lambda: book(tweak=fmt("D5", 45107, "mm-dd-yy")),
        **at("D5"),
    )
    refused(
        "percent_formatted_amount.xlsx",
        c,
        "0.1534 formatted 0.00% (shows 15.34 %)",
        lambda: book(tweak=fmt("E4", 0.1534, "0.00%")),
        **at("E4"),
    )
    refused(
        "time_formatted_amount.xlsx",
        c,
        "0.5 formatted h:mm (shows 12:00)",
        lambda: book(tweak=fmt("C5", 0.5, "h:mm")),
        **at("C5"),
    )
    refused("boolean_amount.xlsx", c, "TRUE in an amount column", lambda: with_value(0, 2, True), **at("C4"))
    refused(
        "csv_unquoted_thousands.csv",
        c,
        "unquoted 309,543.99 shifts the columns",
        csv_with(1, "1001,集团本部,309,543.99,1000.5,(12.30),10"),
        sheet="csv_unquoted_thousands.csv",
        row=4,
    )
    refused(
        "csv_short_row.csv",
        c,
        "a row narrower than the header",
        csv_with(2, "1002,精密制造有限公司,2000.25"),
        sheet="csv_short_row.csv",
        row=5,
    )
    refused(
        "space_grouped_amount.xlsx",
        c,
        "1 234,56 (space groups, decimal comma)",
        lambda: with_value(0, 2, "1 234,56"),
        **at("C4"),
    )
    refused("european_amount.xlsx", c, "1.234,56 (European)", lambda: with_value(0, 2, "1.234,56"), **at("C4"))
    refused(
        "misgrouped_amount.xlsx",
        c,
        "1,23,456 (grouping not in threes)",
        lambda: with_value(0, 2, "1,23,456"),
        **at("C4"),
    )
    refused("two_points_amount.xlsx", c, "12.3.4", lambda: with_value(1, 4, "12.3.4"), **at("E5"))
    refused("currency_sign_amount.xlsx", c, "¥1,234 (currency sign)", lambda: with_value(0, 2, "¥1,234"), **at("C4"))
    refused(
        "unit_word_in_amount.xlsx",
        c,
        "1234万 (a unit inside the amount)",
        lambda: with_value(0, 2, "1234万"),
        **at("C4"),
    )
    refused("exponent_text_amount.xlsx", c, "1e3 typed as text", lambda: with_value(0, 2, "1e3"), **at("C4"))
    refused(
        "two_visible_data_sheets.xlsx",
        c,
        "a second visible sheet with a header and figures",
        lambda: book(extra=[("快报(2)", "visible", [HEADER, ["2001", "第二公司", 5, 4, 1, 1]])]),
        mentions=["快报(2)"],
        alternative={"expect": "accepted", "figures": [*q2, ["2001", "2023Q2", "revenue", "50000", "40000"]]},
    )
    refused(
        "two_sheets_data_named.xlsx",
        c,
        "数据 and 快报 both hold a header",
        lambda: book(
            sheet="数据",
            extra=[
                ("快报", "visible", [["报告期：2023Q2", "金额单位：万元"], HEADER, ["2002", "第三公司", 7, 6, 1, 1]])
            ],
        ),
        mentions=["快报"],
        alternative={"expect": "accepted", "figures": [*q2, ["2002", "2023Q2", "revenue", "70000", "60000"]]},
    )
    accepted(
        "hidden_second_sheet.xlsx",
        c,
        "a hidden sheet with a header is ignored",
        lambda: book(extra=[("旧版", "hidden", [HEADER, ["2003", "隐藏公司", 5, 4, 1, 1]])]),
        q2,
    )
    big5 = [
        "period: 2023Q2",
        "amount unit: 10k yuan",
        "unit code,unit name,revenue ytd,profit ytd",
        "1001,集團本部,1234.56,10",
        "1002,精密製造有限公司,2000.25,50.01",
    ]
    refused(
        "big5_names.csv",
        c,
        "Big5 text decodes as GB18030 mojibake",
        lambda: csv_text(big5, "big5"),
        mentions=["big5_names.csv"],
    )
    cp1252 = [
        "period: 2023Q2",
        "amount unit: 10k yuan",
        "unit code,unit name,revenue ytd,profit ytd",
        "1001,Société Générale,1234.56,10",
    ]
    refused(
        "cp1252_names.csv",
        c,
        "Windows-1252 text decodes as GB18030 nonsense",
        lambda: csv_text(cp1252, "cp1252"),
        mentions=["cp1252_names.csv"],
    )
    refused(
        "utf16_csv.csv",
        c,
        "a UTF-16 CSV (not a supported encoding)",
        lambda: csv_text([*STD_CSV_META, *STD_CSV_ROWS], "utf-16"),
        mentions=["utf16_csv.csv"],
    )
    accepted("gb18030_csv.csv", c, "GB18030 CSV (supported)", csv_file(STD_CSV_ROWS, encoding="gb18030"), q2)
    accepted(
        "utf8_bom_csv.csv", c, "UTF-8 with BOM", lambda: b"\xef\xbb\xbf" + csv_text([*STD_CSV_META, *STD_CSV_ROWS]), q2
    )
    accepted("crlf_csv.csv", c, "CRLF line ends", lambda: csv_text([*STD_CSV_META, *STD_CSV_ROWS], newline="\r\n"), q2)
    # Unit codes typed as numbers: the registered text code is kept (setup registers 00731 as text).
    setup_row = [["00731", "零零七三一公司", 1, 1, 1, 1]]
    accepted(
        "code_text_00731.xlsx",
        c,
        "registers unit 00731 (text) for 2023Q1",
        lambda: book(rows=setup_row, meta=[["报告期：2023Q1", None, "金额单位：万元"]], title=None),
        [["00731", "2023Q1", "revenue", "10000", "10000"]],
    )
    accepted(
        "code_number_731.xlsx",
        c,
        "731 typed as a number matches the registered 00731",
        lambda: book(rows=[[731, "零零七三一公司", 2, 2, 1, 1]], title=None),
        [["00731", "2023Q2", "revenue", "20000", "20000"]],
        setup=[{"file": "code_text_00731.xlsx", "options": {}}],
        alternative={"expect": "rejected", "sheet": "快报", "cell": "A3"},
    )
    refused(
        "code_number_ambiguous_732.xlsx",
        c,
        "732 as a number where 0732 and 00732 are both registered",
        lambda: book(rows=[[732, "某公司", 2, 2, 1, 1]], title=None),
        sheet="快报",
        row=3,
        setup=[{"file": "code_text_0732_00732.xlsx", "options": {}}],
    )
    accepted(
        "code_text_0732_00732.xlsx",
        c,
        "registers 0732 and 00732 (text)",
        lambda: book(
            rows=[["0732", "甲公司", 1, 1, 1, 1], ["00732", "乙公司", 1, 1, 1, 1]],
            meta=[["报告期：2023Q1", None, "金额单位：万元"]],
            title=None,
        ),
        [["0732", "2023Q1", "revenue", "10000", "10000"], ["00732", "2023Q1", "revenue", "10000", "10000"]],
    )


# --------------------------------------------------------------------------- corrections
def corrections() -> None:
    c = "correction"
    no_unit = lambda: book(meta=[["报告期：2023Q3"]], title=None)  # noqa: E731
    accepted(
        "correction_amount_unit.xlsx",
        c,
        "same bytes, --amount-unit 元 then 万元: a new upload",
        no_unit,
        base_figures("2023Q3"),
        options={"amount_unit": "万元"},
        # read as 元 first: every figure 10⁴ too small, a scale error acknowledged to be stored (then corrected)
        setup=[
            {
                "file": "correction_amount_unit.xlsx",
                "options": {"amount_unit": "元", "accept_warning": "amount_scale_suspect"},
            }
        ],
    )
    no_period = lambda: book(meta=[["金额单位：万元"]], title=None)  # noqa: E731
    accepted(
        "correction_period.xlsx",
        c,
        "same bytes, --period 2022Q3 then 2022Q4: a new upload",
        no_period,
        base_figures("2022Q4"),
        options={"period": "2022Q4"},
        setup=[{"file": "correction_period.xlsx", "options": {"period": "2022Q3"}}],
    )
    no_unit_csv = csv_file(STD_CSV_ROWS, meta=["报告期：2023Q3"])
    accepted(
        "correction_unit_csv.csv",
        c,
        "a CSV re-read with 千元 after 亿元",
        no_unit_csv,
        base_figures("2023Q3", 1000),
        options={"amount_unit": "千元"},
        setup=[
            {
                "file": "correction_unit_csv.csv",
                "options": {"amount_unit": "亿元", "accept_warning": "amount_scale_suspect"},
            }
        ],
    )
    add(
        "same_bytes_same_options.xlsx",
        c,
        "the same bytes and options again: already imported, nothing changes",
        lambda: book(meta=[["报告期：2021Q2", None, "金额单位：万元"]], title=None),
        "duplicate",
        setup=[{"file": "same_bytes_same_options.xlsx", "options": {}}],
    )


# --------------------------------------------------------------------------- bombs
def bombs() -> None:
    c = "bomb"
    b = {"max_seconds": BOMB_SECONDS}
    base = book()
    sheet = zipfile.ZipFile(io.BytesIO(base)).read(SHEET_PART)
    rows = sheet[sheet.index(b"<sheetData>") + 11 : sheet.index(b"</sheetData>")]  # the real rows come first
    head = SHEET_HEAD + rows
    refused(
        "bomb_whitespace_sheet.xlsx",
        c,
        "the real rows, then 400 MB of spaces in the sheet part (ratio ~1000:1)",
        lambda: streamed(base, SHEET_PART, repeat(head, b" ", 400 << 20, SHEET_TAIL)),
        **b,
    )
    refused(
        "bomb_empty_rows.xlsx",
        c,
        "the real rows, then 30 million empty <row/> elements",
        lambda: streamed(base, SHEET_PART, repeat(head, b"<row/>", 30_000_000, SHEET_TAIL)),
        **b,
    )
    refused(
        "bomb_cells_one_row.xlsx",
        c,
        "the real rows, then one row of 20 million cells",
        lambda: streamed(
            base, SHEET_PART, repeat(head + b"<row>", b"<c><v>1</v></c>", 20_000_000, b"</row>" + SHEET_TAIL)
        ),
        **b,
    )
    with_sst = with_shared_strings(base, SST_OK)
    refused(
        "bomb_shared_strings.xlsx",
        c,
        "10 million shared strings",
        lambda: streamed(
            with_sst,
            STRINGS_PART,
            repeat(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                b"<si><t>a</t></si>",
                10_000_000,
                b"</sst>",
            ),
        ),
        **b,
    )
    token = repeat(
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
        b"A",
        150 << 20,
        b"</t></si></sst>",
    )
    refused(
        "bomb_huge_token_name.xlsx",
        c,
        "a unit name that is one 150 MB token",
        lambda: streamed(with_shared_strings(base, SST_OK, {"B4": 0}), STRINGS_PART, token),
        **b,
    )
    refused(
        "bomb_total_size.xlsx",
        c,
        "three unread parts of 300 MB each (no part over 512 MB, 900 MB in total)",
        lambda: streamed(
            base,
            "customXml/item1.xml",
            repeat(b"<a>", b"\0", 300 << 20, b"</a>"),
            extra=("customXml/item2.xml", "customXml/item3.xml"),
        ),
        **b,
    )
    refused(
        "bomb_lying_size_small.xlsx",
        c,
        "the sheet part declares 100 bytes but holds more",
        lambda: lie_about_size(base, SHEET_PART, 100),
        **b,
    )
    refused(
        "bomb_lying_size_huge.xlsx",
        c,
        "a part declares 4 GB",
        lambda: lie_about_size(base, "xl/styles.xml", 0xFFFFFFF0),
        **b,
    )
    refused("bomb_many_members.xlsx", c, "10,500 members in the package", lambda: many_members(base, 10_500), **b)
    comment = b"<!--" + b"x" * 5000 + b"-->"
    levels = b"".join(b'<!ENTITY %s "%s">' % (bytes([n]), (b"&%s;" % bytes([n - 1])) * 10) for n in b"bcdef")
    laughs = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + levels + b"]>"
    laughs = laughs.replace(b"]>", b'<!ENTITY x "\xe9\x9b\x86\xe5\x9b\xa2\xe6\x9c\xac\xe9\x83\xa8">]>')  # x = 集团本部
    named = sheet.replace("集团本部".encode(), b"&x;")
    refused(
        "dtd_after_4kb_sheet.xlsx",
        c,
        "a DTD (entities, one naming a unit) after a 5 KB comment in the sheet part",
        lambda: replace_parts(
            base, {SHEET_PART: lambda _: b'<?xml version="1.0" encoding="UTF-8"?>' + comment + laughs + named}
        ),
        **b,
    )
    strings_dtd = (
        b'<?xml version="1.0"?>'
        + comment
        + b'<!DOCTYPE sst [<!ENTITY x "boom">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>'
    )
    refused(
        "dtd_after_4kb_strings.xlsx",
        c,
        "a DTD after 4 KB in sharedStrings.xml",
        lambda: with_shared_strings(base, strings_dtd, {"B4": 0}),
        **b,
    )
    utf16 = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE worksheet [<!ENTITY x "集团本部">]>' + named.decode()
    ).encode("utf-16")
    refused(
        "dtd_utf16_sheet.xlsx",
        c,
        "a UTF-16 sheet part declaring an entity",
        lambda: replace_parts(base, {SHEET_PART: lambda _: utf16}),
        **b,
    )
    xxe = b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>'
    refused(
        "dtd_external_entity.xlsx",
        c,
        "an external entity (file:///etc/passwd) in sharedStrings.xml",
        lambda: with_shared_strings(base, xxe, {"B4": 0}),
        **b,
    )
    refused(
        "dtd_in_workbook_part.xlsx",
        c,
        "a DTD in workbook.xml",
        lambda: replace_parts(base, {"xl/workbook.xml": lambda x: b'<!DOCTYPE workbook [<!ENTITY x "y">]>' + x}),
        **b,
    )
    nested = repeat(head, b"<row>", 2_000_000, b"")
    refused(
        "bomb_deep_nesting.xlsx",
        c,
        "2 million nested unclosed <row> elements",
        lambda: streamed(base, SHEET_PART, nested),
        **b,
    )
    refused(
        "csv_one_huge_line.csv",
        c,
        "a CSV unit name of 100,000 characters (one token)",
        csv_with(1, "1001," + "名" * 100_000 + ",1,1,1,1"),
        sheet="csv_one_huge_line.csv",
        row=4,
    )


# --------------------------------------------------------------------------- PostgreSQL / SQLite disagreements
def widths() -> None:
    c = "database"
    refused(
        "name_over_width.xlsx",
        c,
        "a 201-character unit name (the column holds 200)",
        lambda: with_value(0, 1, "长" * 201),
        **at("B4"),
    )
    refused(
        "code_over_width.xlsx",
        c,
        "a 41-character unit code (the column holds 40)",
        lambda: with_value(1, 0, "C" * 41),
        **at("A5"),
    )
    refused(
        "name_with_nul.xlsx",
        c,
        "a raw NUL character in a unit name (not even well-formed XML)",
        lambda: set_cell_xml(
            book(), "B4", '<c r="B4" t="inlineStr"><is><t>集团&#0;本部</t></is></c>'.replace("&#0;", "\x00")
        ),
        mentions=["name_with_nul.xlsx"],
    )
    refused(
        "name_with_nul.csv",
        c,
        "a NUL byte in a CSV unit name",
        csv_with(1, '1001,集团\x00本部,"1,234.56",1000.5,(12.30),10'),
        mentions=["name_with_nul.csv"],
    )
    filler = [f"F{i:05d},填充公司{i},1,1,1,1" for i in range(3000)]  # past the 64 KB the sniffer reads
    refused(
        "name_with_nul_late.csv",
        c,
        "a NUL byte in a unit name 70 KB into a CSV (stored by SQLite, refused by PostgreSQL)",
        csv_file([*STD_CSV_ROWS, *filler, "7777,集团\x00本部,1,1,1,1"]),
        sheet="name_with_nul_late.csv",
        row=3008,
    )
    rows = [[y, q, "1201", "历年公司", y - 1990 + q, "-", q, "-"] for y in range(1994, 2024) for q in range(1, 5)]
    accepted(
        "periods_120.xlsx",
        c,
        "one file of 120 periods (1994Q1–2023Q4): stored the same on both databases, or refused on both",
        lambda: book(rows=rows, header=["年度", "季度", *HEADER], title=None, meta=[["金额单位：万元"]]),
        [
            ["1201", "1994Q1", "revenue", "50000", None],
            ["1201", "2023Q4", "revenue", "370000", None],
            ["1201", "2023Q4", "profit", "40000", None],
        ],
        alternative={"expect": "rejected"},
    )
    refused(
        "long_user.xlsx",
        c,
        "--user of 101 characters (the column holds 100)",
        lambda: book(meta=[["报告期：2020Q2", None, "金额单位：万元"]]),
        options={"user": "u" * 101},
        cli_only=True,
        logged=False,
    )
    refused(
        "filename_over_width.xlsx",
        c,
        "uploaded under a 301-character name (the column holds 300)",
        lambda: book(meta=[["报告期：2020Q3", None, "金额单位：万元"]]),
        upload_name="名" * 296 + ".xlsx",
        web_only=True,
        alternative={"expect": "accepted", "figures": base_figures("2020Q3")},
    )


# --------------------------------------------------------------------------- unsafe output
def unsafe() -> None:
    c = "output"
    for i, name in enumerate(
        ("=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0")
    ):
        code = f"31{i}"
        accepted(
            f"formula_name_{i}.xlsx",
            c,
            f"unit name {name!r}: stored as text, written back as text",
            lambda n=name, k=code: book(rows=[[k, n, 1, 1, 1, 1]], meta=[["报告期：2022Q1", None, "金额单位：万元"]]),
            [[code, "2022Q1", "revenue", "10000", "10000"]],
            names={code: name},
            alternative={"expect": "rejected", "sheet": "快报", "cell": "B4"},
        )
    accepted(
        "formula_name.csv",
        c,
        "=HYPERLINK(...) as a CSV unit name",
        csv_file(
            [
                "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）",
                '320,"=HYPERLINK(""http://evil.example"",""x"")",5,1',
            ]
        ),
        [["320", "2023Q2", "revenue", "50000", None]],
        names={"320": '=HYPERLINK("http://evil.example","x")'},
        alternative={"expect": "rejected", "sheet": "formula_name.csv", "row": 4},
    )
    ansi = "集团\x1b[2J\x1b[31m红色"
    accepted(
        "ansi_in_name.csv",
        c,
        "ANSI escapes in a unit name must not reach a terminal raw",
        csv_file(["单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）", f"330,{ansi},5,1"]),
        [["330", "2023Q2", "revenue", "50000", None]],
        no_raw=["\x1b"],
        alternative={"expect": "rejected", "mentions": ["ansi_in_name.csv"]},  # refused as not text: safe too
    )
    accepted(
        "newline_in_name.csv",
        c,
        "a newline forging an output line",
        csv_file(
            ["单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）", '331,"集团本部\nWARNING forged line",5,1']
        ),
        [["331", "2023Q2", "revenue", "50000", None]],
        no_raw=["\nWARNING forged line"],
        alternative={"expect": "rejected", "sheet": "newline_in_name.csv"},
    )
    accepted(
        "ansi_in_filename.csv",
        c,
        "ANSI escapes in the uploaded file name",
        csv_file(["单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）", "332,正常公司,5,1"]),
        [["332", "2023Q2", "revenue", "50000", None]],
        upload_name="q2\x1b[31mred\x1b[0m.csv",
        no_raw=["\x1b"],
    )
    accepted(
        "xml_escaped_control.xlsx",
        c,
        "_x001B_ (Excel's escape for ESC) in a name",
        lambda: book(
            rows=[["333", "集团_x001B_[31m本部", 1, 1, 1, 1]], meta=[["报告期：2022Q1", None, "金额单位：万元"]]
        ),
        [["333", "2022Q1", "revenue", "10000", "10000"]],
        no_raw=["\x1b"],
        alternative={"expect": "rejected", "sheet": "快报", "cell": "B4"},
    )


# --------------------------------------------------------------------------- damaged parts
def damaged() -> None:
    c = "damaged"
    base = book()
    refused(
        "truncated_zip.xlsx",
        c,
        "the first 60 % of a workbook",
        lambda: base[: len(base) * 6 // 10],
        mentions=["truncated_zip.xlsx"],
    )
    refused(
        "zip_version_unsupported.xlsx",
        c,
        "a central directory asking for zip version 23.5 (zipfile raises NotImplementedError; found by fuzzing)",
        lambda: zip_version_needed(base, 235),
        mentions=["zip_version_unsupported.xlsx"],
    )
    refused(
        "sheet_xml_truncated.xlsx",
        c,
        "the sheet part cut in the middle of a row",
        lambda: replace_parts(base, {SHEET_PART: lambda x: x[: len(x) // 2]}),
        mentions=["truncated"],
    )
    refused(
        "strings_malformed.xlsx",
        c,
        "sharedStrings.xml that is not XML",
        lambda: with_shared_strings(base, SST_OK.replace(b"<si>", b"<si<", 1), {"B4": 0}),
        mentions=["strings_malformed.xlsx"],
    )
    refused(
        "workbook_part_missing.xlsx",
        c,
        "no xl/workbook.xml (renamed)",
        lambda: replace_parts(plain_zip({"xl/workbook2.xml": b"<x/>"}), {}),
        mentions=["workbook_part_missing.xlsx"],
    )
    refused(
        "sheet_part_missing.xlsx",
        c,
        "the relationship points to a missing sheet part",
        lambda: replace_parts(base, {SHEET_PART: None}),
        mentions=["sheet_part_missing.xlsx"],
    )
    refused(
        "sheet_crc_damaged.xlsx",
        c,
        "a flipped byte in the compressed sheet part",
        lambda: flip_byte(base, member_data_offset(base, SHEET_PART) + 40),
        mentions=["sheet_crc_damaged.xlsx"],
    )
    refused(
        "string_index_out_of_range.xlsx",
        c,
        "a shared-string index past the end",
        lambda: with_shared_strings(base, SST_OK, {"B4": 9999}),
        **at("B4"),
    )
    refused(
        "string_index_not_number.xlsx",
        c,
        "a shared-string index that is not a number",
        lambda: set_cell_xml(with_shared_strings(base, SST_OK), "B5", '<c r="B5" t="s"><v>abc</v></c>'),
        **at("B5"),
    )
    refused(
        "numeric_cell_garbage.xlsx",
        c,
        "a numeric cell holding 12abc",
        lambda: set_cell_xml(base, "C4", '<c r="C4"><v>12abc</v></c>'),
        **at("C4"),
    )
    refused(
        "cell_ref_garbage.xlsx",
        c,
        "a cell reference far past Excel's last column",
        lambda: set_cell_xml(base, "C4", '<c r="ZZZZZZZZ4"><v>1</v></c>'),
        mentions=["cell_ref_garbage.xlsx"],
    )
    refused(
        "row_number_huge.xlsx",
        c,
        "a row numbered 99,999,999,999",
        lambda: replace_parts(base, {SHEET_PART: lambda x: x.replace(b'<row r="5"', b'<row r="99999999999"', 1)}),
        mentions=["row_number_huge.xlsx"],
    )
    refused(
        "row_number_negative.xlsx",
        c,
        "a row numbered -5",
        lambda: replace_parts(base, {SHEET_PART: lambda x: x.replace(b'<row r="5"', b'<row r="-5"', 1)}),
        mentions=["row_number_negative.xlsx"],
    )
    refused(
        "styles_damaged.xlsx",
        c,
        "styles.xml that is not XML (number formats cannot be known)",
        lambda: replace_parts(base, {"xl/styles.xml": lambda x: x[: len(x) // 3]}),
        mentions=["styles_damaged.xlsx"],
    )
    refused(
        "cell_type_unknown.xlsx",
        c,
        'a cell of type t="q"',
        lambda: set_cell_xml(base, "C4", '<c r="C4" t="q"><v>1</v></c>'),
        **at("C4"),
    )


# --------------------------------------------------------------------------- year 1900 and other periods
def years() -> None:
    c = "period"
    refused(
        "period_1900.xlsx",
        c,
        "报告期：1900Q2 (crashed with exit 1)",
        lambda: book(meta=[["报告期：1900Q2", None, "金额单位：万元"]], title=None),
        **at("A1"),
    )
    refused(
        "year_column_1900.xlsx",
        c,
        "a year column holding 1900",
        lambda: book(
            header=["年度", "季度", *HEADER], rows=[[1900, 2, *UNITS[0]]], title=None, meta=[["金额单位：万元"]]
        ),
        **at("A3"),
    )
    refused(
        "period_year_0.xlsx",
        c,
        "报告期：0000Q1",
        lambda: book(meta=[["报告期：0000Q1", None, "金额单位：万元"]], title=None),
        **at("A1"),
    )
    refused(
        "period_h1.xlsx",
        c,
        "2023H1 (half year) is not a quarter statement",
        lambda: book(meta=[["报告期：2023H1", None, "金额单位：万元"]], title=None),
        **at("A1"),
    )
    accepted(
        "period_conflict_title.xlsx",
        c,
        "title says Q3, metadata Q2: the spec ignores the title when metadata states the period",
        lambda: book(title="2023年第三季度经营快报", meta=[["报告期：2023Q2", None, "金额单位：万元"]]),
        base_figures(),
        alternative={"expect": "rejected", "sheet": "快报"},
    )
    refused(
        "unit_conflict_header.xlsx",
        c,
        "metadata 万元, header suffix 元",
        lambda: book(header=[*HEADER[:2], "营业收入（本年累计，元）", *HEADER[3:]]),
    )
    accepted(
        "period_2023_nian_di2_jidu.xlsx",
        c,
        "2023年第2季度",
        lambda: book(meta=[["报告期：2023年第2季度", None, "金额单位：万元"]], title=None),
        base_figures(),
    )
    accepted(
        "header_unit_suffix.xlsx",
        c,
        "the unit in the header suffix",
        lambda: book(
            meta=[["报告期：2023Q2"]],
            header=[
                *HEADER[:2],
                "营业收入（本年累计，万元）",
                "营业收入（上年同期，万元）",
                "利润总额（本年累计，万元）",
                "利润总额（上年同期，万元）",
            ],
        ),
        base_figures(),
    )


# --------------------------------------------------------------------------- valid files refused today
def valid() -> None:
    c = "valid"
    q2 = base_figures()
    semi = [r.replace('"1,234.56"', "1234.56").replace(",", ";") for r in STD_CSV_ROWS]
    accepted("semicolon.csv", c, "a ;-separated CSV", csv_file(semi), q2)
    tab = [r.replace('"1,234.56"', "1234.56").replace(",", "\t") for r in STD_CSV_ROWS]
    accepted("tab_separated.csv", c, "a tab-separated CSV", csv_file(tab), q2)
    accepted(
        "tab_separated.txt",
        c,
        "tab-separated text saved by Excel as .txt",
        lambda: csv_text(["报告期：2023Q2", "金额单位：万元", *tab], "utf-16"),
        q2,
        alternative={"expect": "rejected"},
    )
    accepted(
        "renminbi_wanyuan.xlsx",
        c,
        "金额单位：人民币万元",
        lambda: book(meta=[["报告期：2023Q2", None, "金额单位：人民币万元"]]),
        q2,
    )
    accepted(
        "renminbi_qianyuan.xlsx",
        c,
        "金额单位：人民币千元",
        lambda: book(meta=[["报告期：2023Q2", None, "金额单位：人民币千元"]]),
        base_figures(scale=1000),
    )
    accepted(
        "renminbi_yuan.xlsx",
        c,
        "金额单位：人民币元 (accepted today)",
        lambda: book(meta=[["报告期：2023Q2", None, "金额单位：人民币元"]]),
        base_figures(scale=1),
    )
    accepted(
        "unit_key_danwei.xlsx",
        c,
        "单位：万元 as the amount-unit key",
        lambda: book(meta=[["报告期：2023Q2", None, "单位：万元"]]),
        q2,
    )
    accepted(
        "negatives_all_forms.xlsx",
        c,
        "−1234 (U+2212), (1,234) and -1234",
        lambda: book(rows=[["340", "负数公司", "−1234", "(1,234)", "-1234", "-"]], title=None),
        [["340", "2023Q2", "revenue", "-12340000", "-12340000"], ["340", "2023Q2", "profit", "-12340000", None]],
    )
    accepted(
        "not_reported_marks.xlsx",
        c,
        "-, —, --, /, N/A mean not reported",
        lambda: book(rows=[["341", "未报公司", 1, "—", "--", "/"], ["342", "未报二", 1, "N/A", "-", ""]], title=None),
        [["341", "2023Q2", "revenue", "10000", None], ["342", "2023Q2", "revenue", "10000", None]],
    )


# --------------------------------------------------------------------------- classic refusals
def classic() -> None:
    c = "format"
    refused("empty.xlsx", c, "an empty file", lambda: b"", code="file_empty", mentions=["empty.xlsx"])
    refused(
        "whitespace_only.csv",
        c,
        "only spaces and newlines",
        lambda: b"  \r\n\t\n",
        code="file_empty",
        mentions=["whitespace_only.csv"],
    )
    refused("random_bytes.xlsx", c, "3,000 random bytes", lambda: seeded_bytes(3, 3000), mentions=["random_bytes.xlsx"])
    refused(
        "xls_renamed.xlsx", c, "a real .xls renamed .xlsx", real_xls, code="file_xls", mentions=["xls_renamed.xlsx"]
    )
    refused(
        "encrypted.xlsx",
        c,
        "a password-protected workbook",
        _encrypted,
        code="file_encrypted",
        mentions=["encrypted.xlsx"],
    )
    refused(
        "html_table.xls",
        c,
        "an HTML table saved as .xls",
        lambda: "<html><body><table><tr><td>单位编码</td></tr></table></body></html>".encode(),
        code="file_html",
        mentions=["html_table.xls"],
    )
    refused(
        "pdf_renamed.xlsx",
        c,
        "a PDF renamed .xlsx",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + seeded_bytes(4, 200),
        code="file_pdf",
        mentions=["pdf_renamed.xlsx"],
    )
    refused(
        "ods_renamed.xlsx",
        c,
        "an OpenDocument spreadsheet",
        lambda: plain_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
        code="file_ods",
        mentions=["ods_renamed.xlsx"],
    )
    refused(
        "docx_renamed.xlsx",
        c,
        "a Word document",
        lambda: plain_zip({"word/document.xml": b"<x/>", "[Content_Types].xml": b"<x/>"}),
        code="file_docx",
        mentions=["docx_renamed.xlsx"],
    )
    refused(
        "plain_zip.xlsx",
        c,
        "a zip of text files",
        lambda: plain_zip({"readme.txt": b"hello"}),
        code="file_zip",
        mentions=["plain_zip.xlsx"],
    )
    refused(
        "xlsb_renamed.xlsx",
        c,
        "a binary workbook",
        lambda: plain_zip({"xl/workbook.bin": b"\0" * 16}),
        code="file_xlsb",
        mentions=["xlsb_renamed.xlsx"],
    )
    xml2003 = (
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>'
    )
    refused(
        "xml2003.xml",
        c,
        "an Excel 2003 XML spreadsheet",
        lambda: xml2003.encode(),
        code="file_xml2003",
        mentions=["xml2003.xml"],
    )
    refused(
        "png_renamed.csv",
        c,
        "a PNG image renamed .csv",
        lambda: b"\x89PNG\r\n\x1a\n" + seeded_bytes(5, 500),
        mentions=["png_renamed.csv"],
    )
    refused(
        "header_only.csv", c, "a header and no data rows", csv_file([",".join(HEADER)]), mentions=["header_only.csv"]
    )
    refused("header_only.xlsx", c, "a workbook with a header and no rows", lambda: book(rows=[]), sheet="快报")
    refused(
        "no_header.xlsx",
        c,
        "no recognisable header row",
        lambda: book(header=["甲", "乙", "丙"], rows=[[1, 2, 3]]),
        mentions=["no_header.xlsx"],
    )
    refused(
        "no_amount_unit.xlsx",
        c,
        "the amount unit stated nowhere",
        lambda: book(meta=[["报告期：2023Q2"]]),
        sheet="快报",
    )
    refused(
        "no_period.xlsx",
        c,
        "the period stated nowhere",
        lambda: book(meta=[["金额单位：万元"]], title="经营快报", rows=UNITS[:2]),
        sheet="快报",
    )
    refused(
        "duplicate_codes.xlsx",
        c,
        "the same unit code twice",
        lambda: book(rows=[*UNITS, ["1001", "集团本部", 1, 1, 1, 1]]),
        **at("A7"),
    )
    refused("formula_uncalculated.xlsx", c, "a formula never calculated", lambda: with_value(0, 4, "=E5*2"), **at("E4"))
    refused("error_value.xlsx", c, "#VALUE! in an amount cell", lambda: with_value(2, 3, "#VALUE!"), **at("D6"))
    refused("text_amount.xlsx", c, "两千 as an amount", lambda: with_value(1, 2, "两千"), **at("C5"))


def _encrypted() -> bytes:
    """A password-protected workbook; msoffcrypto's salts and container times are fixed so the bytes repeat."""
    import datetime as dt
    import io

    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class FixedTime(dt.datetime):
        @classmethod
        def now(cls, tz: Any = None) -> FixedTime:
            return cls(2023, 7, 1)

    stream = iter(seeded_bytes(7, 1 << 16))
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = lambda size: bytes(next(stream) for _ in range(size))
    ecma376_encrypted.datetime = FixedTime
    try:
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(book())).encrypt("secret", out)
        return out.getvalue()
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved


# --------------------------------------------------------------------------- generated at run time
GENERATED: list[Entry] = [
    {
        "file": "million_rows.csv",
        "class": "bomb",
        "why": "1,000,000 unit rows (built at run time)",
        "expect": "rejected",
        "code": None,
        "max_seconds": FILE_SECONDS,
    },
    {
        "file": "fifty_mb.xlsx",
        "class": "bomb",
        "why": "a workbook of 50 MB of incompressible names, 1,000 characters each (built at run time)",
        "expect": "rejected",
        "code": None,
        "max_seconds": FILE_SECONDS,
    },
]


def build_generated(name: str) -> bytes:
    """The large files of ``GENERATED``, built on demand (never committed)."""
    if name == "million_rows.csv":
        lines = [*STD_CSV_META, "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"]
        lines += [f"{900000 + i},公司{i},{i % 9973}.5,{i % 97}" for i in range(1_000_000)]
        return csv_text(lines)
    if name == "fifty_mb.xlsx":
        noise = seeded_bytes(11, 25 << 20).hex()  # 50 MB of text, about 25 MB zipped
        rows = [[f"9{i:06d}", noise[i * 1000 : (i + 1) * 1000], 1, 1, 1, 1] for i in range(len(noise) // 1000)]
        return book(rows=rows)
    raise KeyError(name)


def iter_entries() -> Iterator[tuple[Entry, Callable[[], bytes]]]:
    for group in (breaking, misreads, corrections, bombs, widths, unsafe, damaged, years, valid, classic):
        group()
    yield from ENTRIES


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        if old.is_file():
            old.unlink()
    manifest: list[Entry] = []
    names: set[str] = set()
    for entry, build in iter_entries():
        assert entry["file"] not in names, entry["file"]
        names.add(entry["file"])
        data = build()
        assert len(data) <= 1_100_000, (entry["file"], len(data))
        (OUT / entry["file"]).write_bytes(data)
        entry["bytes"] = len(data)
        manifest.append(entry)
    document = {"files": manifest, "generated": GENERATED}
    (OUT / "manifest.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(e["bytes"] for e in manifest)
    print(f"{len(manifest)} files ({total / 2**20:.1f} MB) and manifest.json in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
