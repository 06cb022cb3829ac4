"""Texts of issue 11's coverage part: TEXT (interface and command line) and PROBLEMS (reason codes), (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # states, as words (never colour alone)
    "coverage.state.confirmed": ("已报", "Reported"),
    "coverage.state.submitted": ("待审核", "Awaiting review"),
    "coverage.state.returned": ("已退回", "Returned"),
    "coverage.state.not_submitted": ("未报", "Not submitted"),
    "coverage.overdue": ("逾期", "Overdue"),
    "coverage.pending_note": ("另有报送 #{id} 待审核", "submission #{id} awaiting review"),
    # the summary line: 已报 13/15 户 · 待审核 1 · 未报 1（逾期 1）
    "coverage.summary": (
        "{period} 已报 {reported}/{expected} 户 · 待审核 {pending} · 未报 {missing}（逾期 {overdue}）",
        "{period}: {reported}/{expected} units reported · {pending} awaiting review · {missing} missing "
        "({overdue} overdue)",
    ),
    "coverage.deadline": (
        "报送截止日：{deadline}（季度结束后 {days} 天）",
        "Due by {deadline} ({days} days after the quarter's end)",
    ),
    "coverage.none_expected": ("{period} 没有应报单位。", "No unit is expected to report for {period}."),
    # the Upload page's panel
    "coverage.header": ("报送情况", "Who has reported"),
    "coverage.period": ("期间", "Period"),
    "coverage.no_periods": (
        "还没有任何数据，上传快报后这里会列出各单位的报送情况。",
        "No figures yet: once flash reports are uploaded, each unit's state is listed here.",
    ),
    "coverage.col.code": ("代码", "Code"),
    "coverage.col.unit": ("单位", "Unit"),
    "coverage.col.state": ("状态", "State"),
    "coverage.col.at": ("时间", "Time"),
    "coverage.col.by": ("经办人", "By"),
    "coverage.col.overdue": ("逾期", "Overdue"),
    "coverage.col.late_days": ("逾期天数", "Days late"),
    "coverage.col.reason": ("退回原因 / 备注", "Return reason / note"),
    "coverage.col.deadline": ("截止日", "Due by"),
    "coverage.col.chase": ("催报对象", "Whom to chase"),
    "coverage.chase_download": ("下载催报清单（Excel）", "Download the chase list (Excel)"),
    "coverage.chase_empty": (
        "应报单位均已报送或待审核，无需催报。",
        "Every expected unit has reported or awaits review: nobody to chase.",
    ),
    "coverage.chase.title": ("{period} 催报清单", "Chase list {period}"),
    "coverage.chase.sheet": ("催报清单", "Chase list"),
    "coverage.chase.generated": ("截止日 {deadline}，生成于 {today}", "Due by {deadline}; made on {today}"),
    "coverage.chase.unit_finance": ("本单位财务（{who}）", "the unit's finance ({who})"),
    "coverage.chase.nobody": ("本单位财务负责人", "the unit's finance lead"),
    # the admin's form: stop / resume a unit's reporting
    "coverage.range_header": ("调整报送范围", "Change who reports"),
    "coverage.range_help": (
        "单位合并、注销或划转后，从某一期间起不再报送（须写明原因）；恢复后重新列为应报单位。"
        "新单位可设定自哪一期间起应报（期间留空：自其首次数据所在期间起）。",
        "A unit merged, closed or transferred no longer reports from a period (say why); resuming expects it again. "
        "A new unit can be expected from a given period (leave the period empty: from its first figure's period).",
    ),
    "coverage.range_unit": ("单位", "Unit"),
    "coverage.range_from": ("自期间起", "From period"),
    "coverage.range_reason": ("原因", "Reason"),
    "coverage.stop": ("停止报送", "Stop reporting"),
    "coverage.resume": ("恢复报送", "Resume reporting"),
    "coverage.expect": ("自此期间起应报", "Expected from this period"),
    "coverage.stopped": ("{unit} 自 {period} 起不再报送。", "{unit} no longer reports from {period}."),
    "coverage.resumed": ("{unit} 已恢复报送。", "{unit} reports again."),
    "coverage.reporting_set": ("{unit} 自 {period} 起应报。", "{unit} is expected from {period}."),
    "coverage.reporting_cleared": (
        "{unit} 自其首次数据所在期间起应报。",
        "{unit} is expected from its first figure's period again.",
    ),
    "coverage.starting_list": ("设定了应报起始期间：{units}", "Expected only from a set period: {units}"),
    "coverage.starting_item": ("{unit}（自 {period}）", "{unit} (from {period})"),
    "coverage.stopped_list": ("已停止报送：{units}", "No longer reporting: {units}"),
    "coverage.stopped_item": ("{unit}（自 {period}：{reason}）", "{unit} (from {period}: {reason})"),
    # refusals (coverage.CoverageError)
    "coverage.reason_required": ("请填写停止报送的原因。", "Say why the unit stops reporting (a reason is required)."),
    "coverage.reason_control": (
        "原因中含有不可见的控制字符 {char}，请删除后重试。",
        "The reason holds an invisible control character {char}; remove it and try again.",
    ),
    "coverage.reason_too_long": (
        "原因有 {chars} 个字符，最多 {max} 个。",
        "The reason has {chars} characters; at most {max}.",
    ),
    "coverage.unknown_unit": (
        "没有代码为“{value}”的单位，请用 units list 查看已登记的单位。",
        "No unit has the code '{value}'; `units list` shows the registered units.",
    ),
    "coverage.bad_period": (
        "无法识别的期间“{value}”，请写成 2023Q2（年份须在可报送范围内）。",
        "Unrecognised period '{value}'; write it as 2023Q2 (a year a workbook may name).",
    ),
    "coverage.stop_before_start": (
        "{unit} 自 {start} 起应报，停止期间 {period} 须晚于它。",
        "{unit} is expected from {start}; the period it stops from ({period}) must come after it.",
    ),
    "coverage.not_stopped": ("{unit} 没有停止报送，无需恢复。", "{unit} has not stopped reporting: nothing to resume."),
    # the command line
    "coverage.cli.head": ("代码  单位  状态  时间  经办人  逾期  原因", "code  unit  state  time  by  overdue  reason"),
    "coverage.cli.bad_today": (
        "无法识别的日期“{value}”，请写成 2023-07-20。",
        "Unrecognised date '{value}'; write it as 2023-07-20.",
    ),
    "units.list.head": (
        "代码  名称  类型  应报起  停报起  原因",
        "code  name  kind  expected from  stopped from  reason",
    ),
    "units.list.first": ("首次数据", "first figure"),
    "units.list.none": ("还没有登记任何单位。", "No unit is registered yet."),
    # the setting (dashboard.config REPORT_DEADLINE_DAYS) on the settings form
    "setting.name.REPORT_DEADLINE_DAYS": ("报送截止天数", "Reporting deadline (days)"),
    "setting.help.REPORT_DEADLINE_DAYS": (
        "季度结束后多少天内须报送；超过后未报的单位在报送情况中标为逾期。0 到 366 的整数。",
        "Days after a quarter's end by which units must report; units not reported after it are overdue. "
        "A whole number from 0 to 366.",
    ),
    "setting.bad_days": (
        "{name} 须为 0 到 366 之间的整数天数，“{value}”不符合。",
        "{name} must be a whole number of days from 0 to 366, not '{value}'.",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {}
