"""Texts of issue 11's submit part: TEXT (interface and command line) and PROBLEMS (reason codes), (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # refusals of the review workflow (dashboard.submissions.SubmissionError)
    "submission.unknown": ("没有编号为 #{value} 的报送。", "There is no submission #{value}."),
    "submission.not_pending": (
        "报送 #{value} 的状态为“{state}”，不再等待审核，不能再确认或退回。",
        "Submission #{value} is {state}, no longer awaiting review: it cannot be confirmed or returned.",
    ),
    "submission.bad_state": ("未知的状态“{value}”；可用：{states}。", "Unknown state '{value}'; use one of: {states}."),
    "submission.reason_required": (
        "退回时请写明原因，报送单位会看到它。",
        "Write why it is returned: the unit will see the reason.",
    ),
    "submission.reason_too_long": (
        "退回原因有 {chars} 个字，最多 {max} 个。",
        "The reason has {chars} characters; at most {max} are allowed.",
    ),
    "submission.reason_control": (
        "退回原因含不可见的控制字符 {char}，请删除后重试。",
        "The reason holds an invisible control character {char}; remove it and try again.",
    ),
    "state.submitted": ("待审核", "awaiting review"),
    "state.returned": ("已退回", "returned"),
    "state.confirmed": ("已确认", "confirmed"),
    # command line
    "submissions.none": ("没有报送。", "No submissions."),
    "submissions.head": (
        "编号  状态  报送时间  报送人  期间  单位  数据个数  审核人及时间  文件",
        "no.   state  submitted  by  periods  units  figures  reviewed by and when  file",
    ),
    "submissions.reason": ("      退回原因：{reason}", "      returned because: {reason}"),
    "submissions.submitted": (
        "{filename} 已提交 #{submission_id}，等待集团财务审核；审核确认前不计入数据。",
        "{filename} submitted as #{submission_id}, awaiting review; its figures count once group finance confirms it.",
    ),
    "submissions.nothing": (
        "未提交：文件与已存数据相同，没有需要审核的变化。",
        "Nothing submitted: the file changes nothing that is stored.",
    ),
    "submissions.confirmed": (
        "已确认报送 #{submission_id}：数据已存为上传 {upload}，成为当前数据。",
        "Confirmed submission #{submission_id}: its figures are stored as upload {upload} and are now current.",
    ),
    "submissions.returned": (
        "已退回报送 #{submission_id}，{by} 会看到退回原因。",
        "Returned submission #{submission_id}; {by} will see the reason.",
    ),
    "users.units": ("单位：{units}", "units: {units}"),
    "users.units_set": ("{username} 负责报送的单位：{units}。", "{username} reports for units {units}."),
    # accounts scoped to units
    "account.units_required": (
        "单位财务账号须指定其负责报送的单位（至少一个已登记的单位代码）。",
        "A unit finance account needs the units it reports for (at least one registered unit code).",
    ),
    "account.unknown_units": (
        "未登记的单位代码：{codes}。请先导入含这些单位的快报，或改正代码。",
        "Unit codes not registered: {codes}. Import a flash report with these units first, or correct the codes.",
    ),
    "account.units_not_scoped": (
        "只有单位财务账号（unit_finance）指定单位；角色 {role} 可以看到全部单位。",
        "Only unit finance accounts (unit_finance) have units; role {role} covers every unit.",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "unit_out_of_scope": (
        "单位 {unit} 不在您负责报送的单位（{units}）之内，不能报送其数据。请删除该行，或请管理员把该单位加入您的账号。",
        "Unit {unit} is not one of the units you report for ({units}); its figures cannot be submitted. Delete "
        "the row, or ask an administrator to add the unit to your account.",
    ),
}
