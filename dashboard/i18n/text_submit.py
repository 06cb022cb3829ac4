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
    # the Upload page
    "web.sub.intro": (
        "您负责报送的单位：{units}。检查文件后点“提交审核”；集团财务确认后数据才计入报表，退回时您会看到原因。",
        "You report for units {units}. Check your file, then submit it for review: its figures count once group "
        "finance confirms it; if it is returned you will see why.",
    ),
    "web.sub.submit": ("提交审核", "Submit for review"),
    "web.sub.submitted": (
        "已提交 {ids}，等待集团财务审核；确认前不计入数据。",
        "Submitted {ids}, awaiting review by group finance; its figures count once confirmed.",
    ),
    "web.sub.mine": ("我的报送", "My submissions"),
    "web.sub.none_mine": ("您还没有报送。", "You have not submitted anything yet."),
    "web.sub.returned_notice": (
        "报送 #{id} 被 {by} 退回：{reason}。请改正后重新检查并提交。",
        "Submission #{id} was returned by {by}: {reason}. Correct the file, then check and submit it again.",
    ),
    "web.sub.review": ("待审核的报送", "Submissions awaiting review"),
    "web.sub.none_pending": ("没有待审核的报送。", "No submissions are awaiting review."),
    "web.sub.recent": ("已处理的报送", "Reviewed submissions"),
    "web.sub.pick": ("选择要审核的报送", "Submission to review"),
    "web.sub.option": ("#{id} {by} · {file}", "#{id} {by} · {file}"),
    "web.sub.check": ("预览变化", "Preview the changes"),
    "web.sub.confirm": ("确认报送 #{id} 并入库", "Confirm #{id} and store it"),
    "web.sub.confirmed": (
        "已确认报送 #{id}：数据已存为上传 {uploads}，成为当前数据。",
        "Confirmed submission #{id}: stored as upload {uploads}; its figures are now current.",
    ),
    "web.sub.reason": ("退回原因（报送单位会看到）", "Reason for returning it (the unit sees it)"),
    "web.sub.return": ("退回报送 #{id}", "Return #{id}"),
    "web.sub.returned": ("已退回报送 #{id}，{by} 会看到退回原因。", "Returned #{id}; {by} will see the reason."),
    "web.sub.col.id": ("编号", "No."),
    "web.sub.col.state": ("状态", "State"),
    "web.sub.col.file": ("文件", "File"),
    "web.sub.col.periods": ("期间", "Periods"),
    "web.sub.col.units": ("单位", "Units"),
    "web.sub.col.figures": ("数据个数", "Figures"),
    "web.sub.col.by": ("报送人", "Submitted by"),
    "web.sub.col.at": ("报送时间", "Submitted"),
    "web.sub.col.reviewer": ("审核人", "Reviewer"),
    "web.sub.col.reviewed_at": ("审核时间", "Reviewed"),
    "web.sub.col.reason": ("退回原因", "Reason returned"),
    "web.revert_reason": ("恢复原因（记入数据来源）", "Why (kept with the revert)"),
    "web.units_pick": ("负责报送的单位（单位财务）", "Units it reports for (unit finance)"),
    "web.units_set": ("已更新 {username} 负责报送的单位。", "Updated the units {username} reports for."),
    "web.set_units": ("保存单位", "Save units"),
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
