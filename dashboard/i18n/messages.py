"""What each problem code means, and what to do about it — in Chinese and English.

Templates use ``str.format`` fields from ``Problem.params`` plus ``{value}`` (the value found).
A test checks that every code the code base raises has both texts here.
"""

from __future__ import annotations

PROBLEMS: dict[str, tuple[str, str]] = {
    # ---- the file itself
    "file_empty": (
        "文件是空的。请选择填好数据的 .xlsx 文件。",
        "The file is empty. Choose the filled-in .xlsx file.",
    ),
    "file_too_large": (
        "文件 {size_mb} MB，超过上限 {limit_mb} MB。请删去多余的工作表或图片后再上传。",
        "The file is {size_mb} MB, over the {limit_mb} MB limit. Remove extra sheets or pictures and upload again.",
    ),
    "file_xls": (
        "这是旧版 Excel 97-2003 工作簿（.xls），无法读取。请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再上传。",
        "This is an old Excel 97-2003 workbook (.xls), which is not read. In Excel use Save As → Excel Workbook "
        "(.xlsx) and upload that.",
    ),
    "file_xlsb": (
        "这是 Excel 二进制工作簿（.xlsb）。请“另存为” Excel 工作簿（.xlsx）后再上传。",
        "This is an Excel binary workbook (.xlsb). Save it as an Excel Workbook (.xlsx) and upload that.",
    ),
    "file_ods": (
        "这是 OpenDocument 表格（.ods）。请“另存为” Excel 工作簿（.xlsx）后再上传。",
        "This is an OpenDocument spreadsheet (.ods). Save it as an Excel Workbook (.xlsx) and upload that.",
    ),
    "file_encrypted": (
        "工作簿设置了打开密码（已加密），无法读取。请在 Excel 中“文件 → 信息 → 保护工作簿 → 用密码进行加密”清除密码，保存后再上传。",
        "The workbook is protected with a password (encrypted) and cannot be read. In Excel choose File → Info → "
        "Protect Workbook → Encrypt with Password, clear the password, save, and upload again.",
    ),
    "file_html": (
        "这是网页（HTML）文件，只是扩展名像 Excel。请用 Excel 打开并“另存为” Excel 工作簿（.xlsx）。",
        "This is a web page (HTML) with a spreadsheet's name. Open it in Excel and save it as an Excel Workbook (.xlsx).",
    ),
    "file_xml2003": (
        "这是 Excel 2003 XML 表格。请“另存为” Excel 工作簿（.xlsx）后再上传。",
        "This is an Excel 2003 XML spreadsheet. Save it as an Excel Workbook (.xlsx) and upload that.",
    ),
    "file_pdf": (
        "这是 PDF 文件，不是工作簿。请上传快报的 Excel 文件（.xlsx）。",
        "This is a PDF, not a workbook. Upload the flash report's Excel file (.xlsx).",
    ),
    "file_docx": (
        "这是 Word 文档，不是工作簿。请上传快报的 Excel 文件（.xlsx）。",
        "This is a Word document, not a workbook. Upload the flash report's Excel file (.xlsx).",
    ),
    "file_doc": (
        "这是旧版 Word 文档，不是工作簿。请上传快报的 Excel 文件（.xlsx）。",
        "This is an old Word document, not a workbook. Upload the flash report's Excel file (.xlsx).",
    ),
    "file_ole": (
        "这是旧版 Office 文件，不是可读取的工作簿。请“另存为” Excel 工作簿（.xlsx）。",
        "This is an old Office file, not a readable workbook. Save it as an Excel Workbook (.xlsx).",
    ),
    "file_zip": (
        "这是普通压缩包（zip），不是工作簿。请解压后上传其中的 .xlsx 文件。",
        "This is a plain zip archive, not a workbook. Unzip it and upload the .xlsx inside.",
    ),
    "file_broken_zip": (
        "文件已损坏（不是完整的 .xlsx）。请在 Excel 中重新保存，或重新下载后上传。",
        "The file is damaged (not a complete .xlsx). Save it again from Excel, or download it again, and upload.",
    ),
    "file_damaged": (
        "工作簿内容损坏，无法读取。请在 Excel 中打开并重新保存为 .xlsx 后再上传。",
        "The workbook's contents are damaged and cannot be read. Open it in Excel, save it again as .xlsx, and upload.",
    ),
    "file_unknown": (
        "无法识别的文件内容（既不是 .xlsx 也不是 CSV 文本）。请上传 Excel 工作簿（.xlsx）或 UTF-8/GB18030 编码的 CSV。",
        "Unrecognised content (neither .xlsx nor CSV text). Upload an Excel Workbook (.xlsx) or a UTF-8/GB18030 CSV.",
    ),
    # ---- sheet and header
    "no_visible_sheet": (
        "工作簿中没有可见的工作表。请取消隐藏数据表后再上传。",
        "The workbook has no visible sheet. Unhide the data sheet and upload again.",
    ),
    "no_header_row": (
        "前 20 行中找不到表头行。表头应包含：{expected}。请使用下载的模板。",
        "No header row in the first 20 rows. The header must hold: {expected}. Please use the downloaded template.",
    ),
    "header_incomplete": (
        "第 {row} 行像是表头（找到：{value}），但缺少：{lacking}。",
        "Row {row} looks like the header (found: {value}) but lacks: {lacking}.",
    ),
    "missing_name_column": (
        "表头第 {row} 行缺少“单位名称”列（单位名称 / unit name）。请补上该列。",
        "The header (row {row}) has no unit-name column (单位名称 / unit name). Add it.",
    ),
    "missing_metric_column": (
        "表头第 {row} 行缺少 {metric} 列。可用的表头：{accepted}。",
        "The header (row {row}) has no {metric} column. Accepted headers: {accepted}.",
    ),
    "duplicate_column": (
        "列“{value}”与 {first} 重复。请删去其中一列。",
        "Column '{value}' repeats {first}. Delete one of them.",
    ),
    "year_quarter_pair": (
        "有“{value}”列却缺少与之配对的年度/季度列。多期间文件须同时有“年度”和“季度”两列。",
        "There is a '{value}' column but not its year/quarter partner. A multi-period file needs both year and "
        "quarter columns.",
    ),
    # ---- period and amount unit
    "no_period": (
        "文件未写明报告期。请在表头上方写“报告期：2023Q2”（或“2023年第二季度”），或在上传时选择报告期。",
        "The file does not state its period. Write '报告期：2023Q2' above the header, or choose the period when uploading.",
    ),
    "unknown_period": (
        "无法识别的报告期“{value}”。请写成 2023Q2、2023年第二季度 或 2023年1-6月。",
        "Unrecognised period '{value}'. Write it as 2023Q2, 2023年第二季度 or 2023年1-6月.",
    ),
    "period_conflict": (
        "报告期前后不一致：{first} 与 {second}（{value}）。请只保留一个正确的报告期。",
        "The period is stated two different ways: {first} and {second} ({value}). Keep one correct period.",
    ),
    "title_period_differs": (
        "标题写的期间与报告期 {period} 不同；按报告期导入。请核对标题。",
        "The title names another period than {period}; the file is imported as {period}. Check the title.",
    ),
    "no_amount_unit": (
        "文件未写明金额单位。请在表头上方写“金额单位：万元”（或元/千元/百万元/亿元），或在上传时选择金额单位。",
        "The file does not state its amount unit. Write '金额单位：万元' (or 元/千元/百万元/亿元) above the header, "
        "or choose the unit when uploading.",
    ),
    "no_amount_unit_column": (
        "列“{value}”没有金额单位，而其他列写了。请在该列表头或表头上方写明金额单位。",
        "Column '{value}' has no amount unit while other columns state one. State the unit in its header or above.",
    ),
    "unknown_amount_unit": (
        "无法识别的金额单位“{value}”。可用：元、千元、万元、百万元、亿元。",
        "Unrecognised amount unit '{value}'. Use one of 元 (yuan), 千元, 万元 (10k yuan), 百万元 (million), 亿元 (100m).",
    ),
    "amount_unit_conflict": (
        "金额单位前后不一致：{first} 与 {second}（{value}）。请统一金额单位。",
        "The amount unit is stated two different ways: {first} and {second} ({value}). Make them agree.",
    ),
    # ---- cells
    "not_a_number": (
        "“{header}”中的“{value}”不是数字。请填写数字；未填报请留空或写“-”。",
        "'{value}' in '{header}' is not a number. Enter a number; leave it empty or write '-' when not reported.",
    ),
    "percent_not_amount": (
        "“{header}”中的“{value}”是百分比，此列应为金额。",
        "'{value}' in '{header}' is a percentage; this column holds amounts.",
    ),
    "error_value": (
        "单元格是错误值 {value}（公式出错）。请修正公式或改为数值后再上传。",
        "The cell holds the error value {value} (a broken formula). Fix the formula or enter the value.",
    ),
    "formula_not_calculated": (
        "公式 {value} 没有计算结果（文件保存前未计算）。请在 Excel 中打开、确认已计算并保存后再上传。",
        "The formula {value} has no calculated value (the file was saved without calculating). Open it in Excel, "
        "let it calculate, save, and upload again.",
    ),
    # ---- rows
    "missing_code": (
        "该行有数据但没有单位编码。请填写单位编码，或删除该行。",
        "This row has figures but no unit code. Fill in the unit code, or delete the row.",
    ),
    "bad_code": (
        "单位编码“{value}”格式不对（应为字母、数字）。请核对单位编码。",
        "The unit code '{value}' is malformed (letters and digits expected). Check the code.",
    ),
    "missing_name": (
        "单位 {value} 没有填写单位名称。请补上。",
        "Unit {value} has no name. Fill it in.",
    ),
    "duplicate_unit": (
        "单位编码 {value} 在 {period} 中重复出现（第 {first_row} 行和本行）。请删去重复行。",
        "Unit code {value} appears twice for {period} (row {first_row} and this row). Delete the repeated row.",
    ),
    "no_figures": (
        "单位 {value} 没有任何数据，未导入该行。",
        "Unit {value} has no figures; the row is not imported.",
    ),
    "negative_amount": (
        "{metric}为负数（{value}），请核对。",
        "{metric} is negative ({value}); please check.",
    ),
    "bad_year": (
        "年度“{value}”无法识别。请写四位年份，如 2023。",
        "Unrecognised year '{value}'. Write a four-digit year such as 2023.",
    ),
    "bad_quarter": (
        "季度“{value}”无法识别。请写 1-4 或 Q1-Q4。",
        "Unrecognised quarter '{value}'. Write 1-4 or Q1-Q4.",
    ),
    "total_mismatch": (
        "合计行“{header}”为 {found}，但各单位之和为 {expected}。请核对。",
        "The total of '{header}' is {found}, but the units add up to {expected}. Please check.",
    ),
    "no_data_rows": ("表头下面没有任何单位数据行。", "There are no unit rows under the header."),
    # ---- against what is stored
    "missing_earlier_quarter": (
        "单位 {unit} 的 {metric} 本季数需要 {needed} 的累计数才能换算为本年累计，但本文件和已存数据中都没有。"
        "请先上传 {needed}，或改报本年累计数。",
        "Unit {unit}'s single-quarter {metric} needs the year-to-date figure of {needed} to become year to date, "
        "and neither this file nor the stored data has it. Upload {needed} first, or report year to date.",
    ),
    "quarter_ytd_mismatch": (
        "单位 {unit} 的 {metric}：本年累计 {ytd} 与（上期累计 + 本季）{derived} 不一致。按本年累计导入。",
        "Unit {unit}'s {metric}: year to date {ytd} differs from (earlier YTD + this quarter) {derived}. "
        "Year to date is imported.",
    ),
    "restated_prior": (
        "单位 {unit} 的 {metric} 上年同期 {reported} 与已存的 {prior_period} 数 {stored} 不同，按报表口径调整处理（保留两者）。",
        "Unit {unit}'s {metric} prior-year figure {reported} differs from the stored {prior_period} figure "
        "{stored}; treated as a restatement (both are kept).",
    ),
    "period_locked": (
        "期间 {period} 已于 {locked_at} 被 {locked_by} 锁定，不能修改。如需更正，请联系管理员解锁。",
        "Period {period} was locked by {locked_by} on {locked_at} and cannot change. Ask an admin to unlock it.",
    ),
    "name_changed": (
        "单位 {unit} 的名称由“{old}”改为“{new}”。",
        "Unit {unit} is renamed from '{old}' to '{new}'.",
    ),
    "revert_reason_too_long": (
        "恢复上传 #{value} 的原因有 {chars} 个字，最多 {max} 个。请缩短后重试。",
        "The reason for restoring upload #{value} has {chars} characters; at most {max} are allowed. Shorten it.",
    ),
    "revert_reason_control": (
        "恢复上传 #{value} 的原因含不可见的控制字符 {char}，请删除后重试。",
        "The reason for restoring upload #{value} holds an invisible control character {char}; remove it.",
    ),
    "parent_changed": (
        "单位 {unit} 的上级单位由 {old} 改为 {new}：其数据将计入新上级的合计。如非本意，请改正上级单位编码。",
        "Unit {unit}'s parent changes from {old} to {new}: its figures will count in the new parent's totals. "
        "If that is not intended, correct the parent code.",
    ),
    "unit_name_out_of_scope": (
        "单位 {unit} 的名称“{value}”与登记的“{registered}”不同。单位财务账号不能修改单位信息：请按登记的名称填写；"
        "如需更名，请联系集团财务。",
        "Unit {unit}'s name '{value}' differs from the registered '{registered}'. A unit finance account cannot "
        "change a unit's details: write the registered name; to rename the unit, ask group finance.",
    ),
    "unit_name_en_out_of_scope": (
        "单位 {unit} 的英文名称“{value}”与登记的“{registered}”不同。单位财务账号不能修改单位信息：请按登记的英文名称"
        "填写或留空；如需修改，请联系集团财务。",
        "Unit {unit}'s English name '{value}' differs from the registered '{registered}'. A unit finance account "
        "cannot change a unit's details: write the registered English name or leave it empty; to change it, ask "
        "group finance.",
    ),
    "unit_parent_out_of_scope": (
        "单位 {unit} 的上级单位编码 {value} 与登记的 {registered} 不同。单位财务账号不能调整单位隶属关系（会改变其他单位"
        "的合计）：请按登记的上级编码填写；如需调整，请联系集团财务。",
        "Unit {unit}'s parent code {value} differs from the registered {registered}. A unit finance account cannot "
        "move a unit (that changes other units' totals): write the registered parent code; to move the unit, ask "
        "group finance.",
    ),
    "stale_preview": (
        "预览之后数据已被他人更新（上传 #{latest}）。请重新预览后再确认。",
        "The stored data changed after this preview (upload #{latest}). Preview again, then confirm.",
    ),
    # ---- issue 8: read strictly
    "ambiguous_period": (
        "报告期“{value}”可以读成不止一个期间（{readings}）。请只写一个报告期，如 2023Q2 或 2023年第二季度。",
        "The period '{value}' reads as more than one period ({readings}). Write one period only, e.g. 2023Q2 or "
        "2023年第二季度.",
    ),
    "period_not_quarter_end": (
        "“{value}”不是某季度末的累计期间（应截至 3、6、9 或 12 月末）。请写成 2023Q2、2023年第二季度 或 2023年1-6月。",
        "'{value}' is not a year-to-date period ending at a quarter end (March, June, September or December). "
        "Write it as 2023Q2, 2023年第二季度 or 2023年1-6月.",
    ),
    "period_year_range": (
        "“{value}”中的年份不在可接受的范围（1990–2100）内。请核对报告期的年份。",
        "The year in '{value}' is outside the accepted range (1990–2100). Check the period's year.",
    ),
    "ambiguous_amount_unit": (
        "金额单位“{value}”写了不止一个单位。请只写一个：元、千元、万元、百万元 或 亿元。",
        "The amount unit '{value}' names more than one unit. Write exactly one: 元, 千元, 万元, 百万元 or 亿元.",
    ),
    "amount_foreign_character": (
        "“{header}”中的“{value}”除数字外还有其他字符（如注释标记 ①、*、上标或字母）。请删去注释标记，只保留数字；"
        "注释请写在表格下方。",
        "'{value}' in '{header}' holds a character other than digits (a note marker such as ①, *, a superscript "
        "or a letter). Remove the note marker and keep only the number; put notes below the table.",
    ),
    "amount_is_boolean": (
        "“{header}”中是逻辑值 {value}（TRUE/FALSE），不是金额。请填写数字。",
        "'{header}' holds the logical value {value} (TRUE/FALSE), not an amount. Enter a number.",
    ),
    "amount_formatted_date": (
        "“{header}”中的单元格设置为日期/时间格式（显示为日期，实际值为 {value}）。请将单元格格式改为“数值”并核对金额。",
        "The cell in '{header}' is formatted as a date or time (it shows a date, but holds {value}). Format the "
        "cell as Number and check the amount.",
    ),
    "amount_formatted_percent": (
        "“{header}”中的单元格设置为百分比格式（显示为百分数，实际值为 {value}）。此列应为金额：请改为“数值”格式并填写金额。",
        "The cell in '{header}' is formatted as a percentage (it shows a percent, but holds {value}). This column "
        "holds amounts: format the cell as Number and enter the amount.",
    ),
    "amount_formatted_literal": (
        "“{header}”中单元格的数字格式不显示数字（实际值为 {value}）。请将单元格格式改为“数值”并核对金额。",
        "The cell in '{header}' has a number format that shows no digits (it holds {value}). Format the cell as "
        "Number and check the amount.",
    ),
    "csv_delimiter_ambiguous": (
        "CSV 表头行（第 {row} 行）同时含有多种分隔符（{value}），无法确定分隔符。请只用一种分隔符（逗号、分号或制表符），"
        "或另存为 Excel 工作簿（.xlsx）。",
        "The CSV header line (line {row}) holds several delimiters ({value}), so the delimiter is unclear. Use one "
        "delimiter (comma, semicolon or tab), or save the file as an Excel Workbook (.xlsx).",
    ),
    "csv_row_width": (
        "CSV 第 {row} 行有 {found} 列，而表头有 {expected} 列（常见原因：数字中的千分位逗号没有加引号，如 309,543.99）。"
        "请去掉千分位逗号或给该值加引号，或另存为 .xlsx。",
        "CSV line {row} has {found} fields but the header has {expected} (often an unquoted thousands comma, e.g. "
        "309,543.99). Remove the thousands separators or quote the value, or save the file as .xlsx.",
    ),
    "csv_malformed": (
        "CSV 第 {row} 行无法读取（{value}），常见原因是引号不成对。请在 Excel 中打开并另存为 CSV UTF-8 或 .xlsx 后再上传。",
        "CSV line {row} cannot be read ({value}), usually an unclosed quote. Open the file in Excel and save it "
        "as CSV UTF-8 or .xlsx, and upload that.",
    ),
    "file_csv_big5": (
        "这个 CSV 文件是繁体中文 Big5 编码，按 UTF-8/GB18030 读取会出现乱码。请在 Excel 中“另存为” CSV UTF-8（逗号分隔）"
        "或 Excel 工作簿（.xlsx）后再上传。",
        "This CSV is encoded as Big5 (traditional Chinese) and would read as garbled text. In Excel use Save As → "
        "CSV UTF-8 (Comma delimited) or Excel Workbook (.xlsx), and upload that.",
    ),
    "file_csv_encoding": (
        "这个 CSV 文件既不是 UTF-8 也不是 GB18030 编码（或读出的文字不合常理）。请在 Excel 中“另存为” CSV UTF-8（逗号分隔）"
        "或 Excel 工作簿（.xlsx）后再上传。",
        "This CSV is neither UTF-8 nor GB18030 (or it reads as unlikely text). In Excel use Save As → CSV UTF-8 "
        "(Comma delimited) or Excel Workbook (.xlsx), and upload that.",
    ),
    "several_data_sheets": (
        "工作簿中有多个可见的数据表（{value}），无法确定读取哪一个。请只保留一个数据表，隐藏或删除其他工作表后再上传。",
        "The workbook has several visible data sheets ({value}); which one to read is unclear. Keep one data sheet, "
        "hide or delete the others, and upload again.",
    ),
    "code_leading_zeros_ambiguous": (
        "单位编码 {value} 是数字格式（前导零已丢失），可对应多个已登记的编码（{candidates}）。请把该单元格设为文本，按登记的编码填写。",
        "The unit code {value} is typed as a number (leading zeros lost) and matches several registered codes "
        "({candidates}). Format the cell as text and enter the registered code.",
    ),
    "code_leading_zeros_new": (
        "单位编码 {value} 是数字格式，会新建单位，但已登记的编码 {registered} 只差前导零。请把该单元格设为文本并填写 {registered}；"
        "若确为新单位，请按文本填写编码。",
        "The unit code {value} is typed as a number and would create a new unit, while the registered code "
        "{registered} differs only by leading zeros. Format the cell as text and enter {registered}; if it really "
        "is a new unit, enter its code as text.",
    ),
}

PROBLEMS.update(
    {
        "unknown_upload": (
            "没有编号为 {value} 的上传记录。请用 history 命令查看编号。",
            "There is no upload #{value}. See the numbers with the history command.",
        ),
        "upload_not_stored": (
            "上传 #{value} 当时被拒绝，没有存入数据，无法恢复。",
            "Upload #{value} was rejected and stored nothing, so there is nothing to restore.",
        ),
    }
)

# ---- issue 8: workflow
PROBLEMS.update(
    {
        "internal_error": (
            "内部错误（参考号 {reference}），请联系管理员。文件未被存入。",
            "Internal error (reference {reference}); contact the administrator. Nothing was stored.",
        ),
    }
)

# ---- issue 8: budget (limits on the work one file may cost; widths; bounded figures)
PROBLEMS.update(
    {
        "file_dtd": (
            "工作簿部件 {value} 含有 DTD 或实体声明（Excel 从不写入，可能是恶意文件），已拒绝。请在 Excel 中打开并另存为 .xlsx 后再上传。",
            "The workbook part {value} declares a DTD or entities (Excel never writes one; the file may be hostile) "
            "and is refused. Open it in Excel, save it again as .xlsx, and upload that.",
        ),
        "budget_members": (
            "工作簿包含 {value} 个部件，超过上限 {limit}（疑似异常文件）。请只保留快报数据，在 Excel 中另存为新工作簿后再上传。",
            "The workbook holds {value} parts, over the limit of {limit} (the file looks abnormal). Keep only the "
            "flash-report data, save it as a new workbook in Excel, and upload that.",
        ),
        "budget_part_size": (
            "工作簿部件 {value} 解压后超过 {limit_mb} MB（疑似压缩炸弹）。请删去多余的行、列和工作表，另存后再上传。",
            "The workbook part {value} decompresses to more than {limit_mb} MB (it looks like a zip bomb). Delete "
            "unneeded rows, columns and sheets, save, and upload again.",
        ),
        "budget_total_size": (
            "读取到部件 {value} 时，工作簿解压后的总量已超过 {limit_mb} MB（疑似压缩炸弹）。请只保留快报数据，另存后再上传。",
            "By the part {value} the workbook had decompressed to more than {limit_mb} MB in all (it looks like a "
            "zip bomb). Keep only the flash-report data, save, and upload again.",
        ),
        "budget_ratio": (
            "工作簿部件 {value} 的压缩比超过 {limit}:1（Excel 文件通常在 20:1 以内，疑似压缩炸弹），已拒绝。请在 Excel 中另存后再上传。",
            "The workbook part {value} is compressed more than {limit}:1 (Excel's files stay within about 20:1; it "
            "looks like a zip bomb) and is refused. Save it again from Excel and upload that.",
        ),
        "budget_shared_strings": (
            "{value} 中的文本条目超过 {limit} 个（疑似异常文件）。请只保留快报数据，另存后再上传。",
            "{value} holds more than {limit} texts (the file looks abnormal). Keep only the flash-report data, save, "
            "and upload again.",
        ),
        "budget_elements": (
            "工作簿部件 {value} 的 XML 元素超过 {limit} 个（疑似异常文件）。请只保留快报数据，另存后再上传。",
            "The workbook part {value} holds more than {limit} XML elements (the file looks abnormal). Keep only the "
            "flash-report data, save, and upload again.",
        ),
        "budget_rows": (
            "工作表“{sheet}”超过 {limit} 行（含空行），在此行停止读取。请删去多余的行（含已设置格式的空行）或分文件上传。",
            "The sheet '{sheet}' has more than {limit} rows (empty ones included); reading stopped at this row. "
            "Delete unneeded rows (formatted empty ones too) or split the file.",
        ),
        "budget_cells": (
            "工作表“{sheet}”超过 {limit} 个单元格，在此处停止读取。请删去多余的行和列或分文件上传。",
            "The sheet '{sheet}' has more than {limit} cells; reading stopped here. Delete unneeded rows and "
            "columns or split the file.",
        ),
        "budget_columns": (
            "这一行超过 {limit} 列（Excel 的最大列数）。请删去多余的列后再上传。",
            "This row has more than {limit} columns (Excel's maximum). Delete the extra columns and upload again.",
        ),
        "budget_cell_length": (
            "这里的文本超过 {limit} 个字符（Excel 单元格的上限）。请缩短该单元格的内容后再上传。",
            "The text here is longer than {limit} characters (Excel's limit for a cell). Shorten it and upload again.",
        ),
        "budget_time": (
            "读取文件超过 {limit} 秒（CPU 时间）仍未完成，在此处停止。请删去多余的行、列和工作表，或分文件上传。",
            "Reading the file took more than {limit} seconds of CPU time and was stopped here. Delete unneeded "
            "rows, columns and sheets, or split the file.",
        ),
        "text_too_long": (
            "“{header}”中的内容有 {length} 个字符，超过数据库允许的 {limit} 个。请缩短后再上传。",
            "The text in '{header}' has {length} characters; at most {limit} can be stored. Shorten it and upload "
            "again.",
        ),
        "text_control": (
            "“{header}”中的内容含有控制字符 {char}（如换行、制表符或不可见字符）。请删去后再上传。",
            "The text in '{header}' contains the control character {char} (a line break, tab or invisible "
            "character). Delete it and upload again.",
        ),
        "too_many_periods": (
            "文件包含超过 {limit} 个期间（从 {value} 起）。请按年度分文件上传。",
            "The file holds more than {limit} periods (from {value} on). Split it into one file per year and upload "
            "each.",
        ),
        "amount_too_large": (
            "“{header}”中的金额 {value} 折合 10¹⁵ 元（一千万亿元）或以上，超出合理范围。请检查金额和金额单位。",
            "The amount {value} in '{header}' is 10¹⁵ yuan (a thousand trillion) or more, beyond any sensible figure. "
            "Check the amount and its amount unit.",
        ),
        "amount_too_precise": (
            "“{header}”中的金额 {value} 折合成元后超过 {places} 位小数，无法精确保存。请用 ROUND 函数保留两位小数后再上传。",
            "The amount {value} in '{header}' has more than {places} decimal places in yuan and cannot be stored "
            "exactly. Round it (e.g. with ROUND to two decimals) and upload again.",
        ),
    }
)

# ---- issue 8: lead (cells the file cannot mean; amounts written in scientific notation)
PROBLEMS.update(
    {
        "cell_invalid": (
            "单元格已损坏（“{value}”不是 Excel 定义的单元格内容，或指向不存在的文本），无法判断其含义。"
            "请在 Excel 中打开，重新填写该单元格并另存为 .xlsx 后再上传。",
            "The cell is damaged ('{value}' is not cell content Excel defines, or points to text that does not "
            "exist), so what it means cannot be told. Open the file in Excel, fill the cell in again, save it as "
            ".xlsx, and upload that.",
        ),
        "budget_declared_size": (
            "工作簿的各部件解压后共 {value}，超过 {limit_mb} MB 的上限（疑似压缩炸弹）。请只保留快报数据，另存为 .xlsx 后再上传。",
            "The workbook's parts decompress to {value} in all, over the {limit_mb} MB limit (it looks like a zip bomb). "
            "Keep only the flash-report data, save it as .xlsx, and upload that.",
        ),
        "amount_exponent": (
            "“{header}”中的“{value}”是科学计数法文本，位数可能已丢失（Excel 导出 CSV 时常见）。"
            "请把该列设为数值格式，填写完整金额后再上传。",
            "'{value}' in '{header}' is text in scientific notation, which may already have lost digits (common "
            "when Excel saves a CSV). Format the column as numbers, enter the full amount, and upload again.",
        ),
    }
)

SEVERITY = {"error": ("错误", "Error"), "warning": ("提示", "Warning")}
