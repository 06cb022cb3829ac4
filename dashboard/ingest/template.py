"""The blank flash-report template (快报模板) that follows the upload contract, with an instructions sheet.

``build_template()`` returns .xlsx bytes; ``reproducible_xlsx()`` saves any openpyxl workbook so that the
same content gives the same bytes on every run (fixed timestamps in the document properties and the zip).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

import openpyxl  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped, unused-ignore]

from dashboard.domain import AMOUNT_UNITS, DEFAULT_METRICS, FigureKind, MetricDef
from dashboard.ingest.columns import ROLE_ALIASES, Role
from dashboard.safe_text import xlsx_text

DATA_SHEET = "数据"
INSTRUCTIONS_SHEET = "填报说明 Instructions"
TITLE = "____年第__季度经营快报"
HEADER_ROW = 4
BLANK_ROWS = 15
DEFAULT_UNIT = "万元"
FIXED_TIME = datetime(2023, 1, 1)
ZIP_TIME = (2023, 1, 1, 0, 0, 0)
AMOUNT_FORMAT = "#,##0.00"

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")

UnitRow = tuple[str, str, str]  # (code, name, parent code)


UNIT_HEADERS = ["单位编码", "单位名称", "上级单位编码"]


def header_row(
    metrics: Sequence[MetricDef], kinds: tuple[FigureKind, ...] = (FigureKind.YTD, FigureKind.PRIOR_YTD)
) -> list[str]:
    """The whole header of the template (unit columns, then the figure columns of ``kinds``).

    >>> header_row(DEFAULT_METRICS, (FigureKind.QUARTER,))
    ['单位编码', '单位名称', '上级单位编码', '营业收入（本季）', '利润总额（本季）']
    """
    return [*UNIT_HEADERS, *figure_headers(metrics, kinds)]


def figure_headers(
    metrics: Sequence[MetricDef], kinds: tuple[FigureKind, ...] = (FigureKind.YTD, FigureKind.PRIOR_YTD)
) -> list[str]:
    """The figure headers: for each metric, the first (Chinese) alias of each of ``kinds``.

    >>> figure_headers(DEFAULT_METRICS)
    ['营业收入（本年累计）', '营业收入（上年同期）', '利润总额（本年累计）', '利润总额（上年同期）']
    """
    headers = []
    for metric in metrics:
        for kind in kinds:
            aliases = metric.aliases.get(kind, ())
            if aliases:
                headers.append(aliases[0])
    return headers


def build_template(metrics: tuple[MetricDef, ...] = DEFAULT_METRICS, units: list[UnitRow] | None = None) -> bytes:
    """A blank flash-report workbook (.xlsx bytes): sheet 数据 to fill, sheet 填报说明 Instructions to read.

    With ``units`` (code, name, parent code) their rows are prefilled; otherwise 15 blank rows are left.
    Either way a 合计 row of ``=SUM()`` formulas closes the table (Excel/WPS calculates it on save).
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    headers = header_row(metrics)
    _title_and_metadata(ws, len(headers))
    _header(ws, headers)
    _body(ws, len(headers), units or [])
    _instructions(wb.create_sheet(INSTRUCTIONS_SHEET), metrics)
    wb.active = 0
    return reproducible_xlsx(wb)


def _title_and_metadata(ws: Worksheet, width: int) -> None:
    ws.cell(1, 1, TITLE).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 5))
    ws.row_dimensions[1].height = 28
    for row, col, key, value in (
        (2, 1, "报告期：", None),
        (2, 4, "金额单位：", DEFAULT_UNIT),
        (3, 1, "填报单位：", None),
        (3, 4, "填报人：", None),
    ):
        ws.cell(row, col, key).font = _BOLD
        ws.cell(row, col).alignment = Alignment(horizontal="right")
        cell = ws.cell(row, col + 1, value)
        cell.fill, cell.border = _INPUT_FILL, _BOX
    units = ",".join(u.name_zh for u in AMOUNT_UNITS.values())
    validation = DataValidation(type="list", formula1=f'"{units}"', allow_blank=False)
    validation.error, validation.errorTitle = f"请选择：{units}", "金额单位 / Amount unit"
    ws.add_data_validation(validation)
    validation.add("E2")


def _header(ws: Worksheet, headers: list[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col)
        xlsx_text(cell, text)  # a header alias an admin typed is text, never a formula
        cell.font, cell.fill, cell.border = _BOLD, _HEADER_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = (12, 32, 14)[col - 1] if col <= 3 else 20
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def _body(ws: Worksheet, width: int, units: list[UnitRow]) -> None:
    first = HEADER_ROW + 1
    count = len(units) or BLANK_ROWS
    last = first + count - 1
    for offset in range(count):
        row = first + offset
        values = units[offset] if units else ("", "", "")
        for col in range(1, width + 1):
            cell = ws.cell(row, col)
            if col <= 3 and values[col - 1]:
                xlsx_text(cell, values[col - 1])  # a unit's code or name from a file is text, never a formula
            cell.border = _BOX
            cell.number_format = "@" if col in (1, 3) else AMOUNT_FORMAT if col > 3 else "General"
    total = last + 1
    ws.cell(total, 2, "合计")
    for col in range(1, width + 1):
        cell = ws.cell(total, col)
        if col > 3:
            letter = get_column_letter(col)
            cell.value = f"=SUM({letter}{first}:{letter}{last})"
            cell.number_format = AMOUNT_FORMAT
        cell.font, cell.fill, cell.border = _BOLD, _TOTAL_FILL, _BOX


def _instructions(ws: Worksheet, metrics: tuple[MetricDef, ...]) -> None:
    ws.append(["填报说明 Instructions"])
    ws.cell(1, 1).font = Font(bold=True, size=14)
    headings: set[int] = set()
    columns_heading = ["一、各列 / Columns", "说明", "Description", "可接受的表头 / Accepted headers"]
    rules_heading = ["二、填报规则 / Rules", "说明", "Description"]
    sections = ((columns_heading, _column_rows(metrics)), (rules_heading, [list(r) for r in RULES]))
    for heading, rows in sections:
        ws.append([])
        ws.append(heading)
        headings.add(ws.max_row)
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:  # metric names and aliases an admin typed: text, never formulas
                if isinstance(cell.value, str):
                    xlsx_text(cell, cell.value)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
            if cell.column == 1 or cell.row in headings:
                cell.font = _BOLD
            if cell.row in headings:
                cell.fill = _HEADER_FILL
    for letter, width in zip("ABCD", (24, 52, 60, 44), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def _column_rows(metrics: tuple[MetricDef, ...]) -> list[list[str]]:
    rows = [
        [
            "单位编码",
            "单位的唯一编码（按文本填写，如 1101），每个单位一行，必填。",
            "The unit's code (entered as text, e.g. 1101); one row per unit; required.",
            _aliases(Role.CODE),
        ],
        ["单位名称", "单位全称，必填。", "The unit's name; required.", _aliases(Role.NAME)],
        [
            "上级单位编码",
            "三级企业填其上级（二级）单位的编码，其他单位留空。",
            "For a tertiary enterprise, the code of its parent unit; leave empty otherwise.",
            _aliases(Role.PARENT),
        ],
    ]
    for metric in metrics:
        for kind, aliases in metric.aliases.items():
            if aliases:
                zh, en = KIND_TEXT[kind]
                zh, en = f"{metric.name_zh}：{zh}。", f"{metric.name_en}: {en}."
                rows.append([aliases[0], zh, en, " / ".join(aliases)])
    return rows


KIND_TEXT: dict[FigureKind, tuple[str, str]] = {
    FigureKind.YTD: ("本年累计数（年初至本季末）", "year to date (1 January to the end of the quarter)"),
    FigureKind.PRIOR_YTD: (
        "上年同期累计数（同比基数；口径调整后的数可与上年所报不同）",
        "the same period of last year, year to date (the basis of growth; may be restated)",
    ),
    FigureKind.QUARTER: ("本季数（仅本季度，可代替本年累计）", "this quarter alone (instead of ytd)"),
}


def _aliases(role: Role) -> str:
    return " / ".join(ROLE_ALIASES[role])


RULES: tuple[tuple[str, str, str], ...] = (
    (
        "报告期 / Period",
        "在“报告期：”右侧填写，如 2023Q2、2023年第二季度、2023年1-6月（= 第二季度累计）。"
        "只写一个期间：写法前后矛盾（如 2023Q2 1-9月）会被拒绝。",
        "Fill in next to 报告期: e.g. 2023Q2, 2023年第二季度, or 2023年1-6月 (= Q2 year to date). State one "
        "period: statements that disagree (e.g. 2023Q2 1-9月) are refused.",
    ),
    (
        "金额单位 / Amount unit",
        "从下拉框选择：元、千元、万元、百万元、亿元。必须注明，系统不会默认任何单位。",
        "Choose from the list: 元, 千元, 万元 (10k), 百万元 (million), 亿元 (100m). It must be stated: "
        "there is no silent default.",
    ),
    (
        "未填报 / Not reported",
        "空白、-、—、/、N/A 表示“未填报”，不等于 0；数值为零请填 0。",
        "Empty, -, —, /, N/A mean 'not reported', which is not zero; write 0 for a zero figure.",
    ),
    (
        "负数 / Negatives",
        "负数写作 -1234 或 (1,234)；利润为负属正常，内部抵消行收入为负属正常。",
        "Write negatives as -1234 or (1,234). Negative profit is normal, and so is negative revenue "
        "on the eliminations row.",
    ),
    (
        "合计 / Totals",
        "“合计”行仅用于核对：各列合计须等于各单位之和，合计行本身不入库。",
        "The 合计 (total) row is checked, not stored: each column must equal the sum of the unit rows.",
    ),
    (
        "每单位一行 / One row per unit",
        "同一期间同一单位编码只能出现一次。增加单位时请在“合计”行上方插入行，并确认合计公式覆盖全部单位行。",
        "One row per unit: a unit code may appear only once in a period. To add units, insert rows above the "
        "合计 row and check that its formulas cover every unit row.",
    ),
    (
        "表头 / Header",
        "请勿修改第4行表头文字；表头以上各行为报告期、金额单位等信息。",
        "Do not change the header texts in row 4; the rows above it hold the period, amount unit and so on.",
    ),
    (
        "文件格式 / File format",
        "请保存为 .xlsx（Excel 工作簿）；也可上传同样列的 .csv（UTF-8 或 GB18030）。不接受 .xls、.et、加密文件。",
        "Save as .xlsx (Excel workbook); a .csv with the same columns (UTF-8 or GB18030) is also accepted. "
        ".xls, .et and password-protected files are refused.",
    ),
    (
        "公式 / Formulas",
        "公式须已计算：填好后请在 Excel 或 WPS 中打开并保存一次。",
        "Formulas must be calculated: open and save the file in Excel or WPS before uploading.",
    ),
    # ---- issue 8: read strictly
    (
        "金额格式 / Amount cells",
        "金额单元格只填数字（可带千分位逗号、负号或括号）。注释标记（①、*、上标、字母）会被拒绝，请写在表格下方；"
        "金额单元格不要设为日期、时间或百分比格式；“1234-”这样的尾部负号不被接受。",
        "Amount cells hold only a number (thousands commas, a minus or brackets allowed). Note markers (①, *, "
        "superscripts, letters) are refused: put notes below the table. Do not format amount cells as a date, "
        "time or percentage; a trailing minus such as 1234- is not accepted.",
    ),
    (
        "数据表 / Data sheet",
        "只保留一个可见的数据表；其他含表头的工作表请隐藏或删除，否则文件会被拒绝。",
        "Keep one visible data sheet; hide or delete other sheets that hold a header, or the file is refused.",
    ),
    (
        "CSV",
        "CSV 用逗号、分号或制表符分隔（以表头行为准），每行列数须与表头相同，含千分位逗号的数字须加引号；"
        "编码为 UTF-8 或 GB18030（Big5 等其他编码会被拒绝，请另存为 CSV UTF-8）。",
        "A CSV is separated by commas, semicolons or tabs (as its header line is); every line has the header's "
        "number of fields, and numbers with thousands commas are quoted. UTF-8 or GB18030 only (Big5 and other "
        "encodings are refused: save as CSV UTF-8).",
    ),
)


def reproducible_xlsx(wb: openpyxl.Workbook) -> bytes:
    """Save ``wb`` as .xlsx bytes that depend only on its content: document properties dated 2023-01-01
    and every zip member dated (2023, 1, 1, 0, 0, 0), deflated, in openpyxl's order."""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    saved = io.BytesIO()
    wb.save(saved)  # openpyxl stamps `modified` with the current time here; it is replaced below
    source = zipfile.ZipFile(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2023-01-01T00:00:00Z\g<2>", content)
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3
            member.external_attr = 0o600 << 16
            target.writestr(member, content)
    return out.getvalue()
