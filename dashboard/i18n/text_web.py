"""Web app pages: navigation, overview, units, trends, upload, targets, accounts texts, keyed by name: (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # navigation and session
    "app.title": ("集团年度经营目标看板", "Group annual targets dashboard"),
    "page.signin": ("登录", "Sign in"),
    "page.overview": ("经营总览", "Overview"),
    "page.units": ("单位详情", "Units"),
    "page.trends": ("历年趋势", "Trends"),
    "page.upload": ("快报上传", "Upload"),
    "page.targets": ("目标与设置", "Targets"),
    "page.accounts": ("账号管理", "Accounts"),
    "web.signed_in_as": ("当前用户：{name}（{role}）", "Signed in as {name} ({role})"),
    "web.sign_out": ("退出登录", "Sign out"),
    "web.signed_out": ("请先登录。", "Please sign in first."),
    "web.username": ("用户名", "Username"),
    "web.password": ("密码", "Password"),
    "web.password_again": ("再次输入密码", "Password again"),
    "web.display_name": ("姓名", "Display name"),
    "web.sign_in": ("登录", "Sign in"),
    "web.sign_in_failed": (
        "用户名或密码不正确，或账号已停用。",
        "Wrong username or password, or the account is disabled.",
    ),
    "web.sign_in_oidc": ("使用公司统一身份认证登录", "Sign in with the company account"),
    "web.oidc_unknown": (
        "公司账号 {email} 尚未在本看板开通。请联系管理员开通并分配角色。",
        "The company account {email} has no access to this dashboard yet. Ask an administrator to add it with a role.",
    ),
    "web.sign_in_help": (
        "忘记密码或需要开通账号，请联系看板管理员。",
        "Forgot your password or need an account? Ask the dashboard's administrator.",
    ),
    "web.first_run": (
        "首次使用：尚无任何账号。请创建第一个管理员账号。安装码已打印在服务器控制台（启动看板的终端窗口）。",
        "First run: there is no account yet. Create the first administrator. The setup code is printed on the "
        "server console (the terminal that started the dashboard).",
    ),
    "web.setup_code": ("安装码", "Setup code"),
    "web.create_admin": ("创建管理员并登录", "Create the administrator and sign in"),
    "web.bad_setup_code": (
        "安装码不正确。请从服务器控制台复制。",
        "The setup code is not right. Copy it from the server console.",
    ),
    "web.passwords_differ": ("两次输入的密码不一致。", "The two passwords differ."),
    # period and scope pickers
    "web.year": ("年度", "Year"),
    "web.as_of": ("截至", "As of"),
    "web.quarter.1": ("一季度", "Q1"),
    "web.quarter.2": ("二季度（半年）", "Q2 (half year)"),
    "web.quarter.3": ("三季度", "Q3"),
    "web.quarter.4": ("四季度（全年）", "Q4 (full year)"),
    "web.metric": ("指标", "Metric"),
    "web.group": ("集团合计", "Group total"),
    "web.scope": ("范围", "Scope"),
    "web.years": ("年度（可多选）", "Years"),
    "web.no_data": (
        "还没有任何快报数据。财务人员可在“快报上传”页上传。",
        "There are no figures yet. Finance can upload a flash report on the Upload page.",
    ),
    # overview
    "web.overview_title": ("{year} 年经营目标完成情况", "{year} targets: where the group stands"),
    "web.overview_caption": (
        "截至{as_of} · 序时进度 {time} · 比较基准：{pace}",
        "As of {as_of} · time progress {time} · pace: {pace}",
    ),
    "web.pace.linear": ("序时进度", "time progress"),
    "web.pace.seasonal": ("上年季节规律", "last year's seasonal pattern"),
    "web.ytd": ("本年累计", "Year to date"),
    "web.in_unit": ("金额单位：{unit}", "Amounts in {unit}"),
    "web.yoy_note": ("同比", "YoY"),
    "web.target": ("全年目标", "Full-year target"),
    "web.no_target": ("未设目标", "no target"),
    "web.completion": ("完成率", "Completion"),
    "web.vs_time": ("较序时", "vs time"),
    "web.binding.absolute": ("按绝对额", "absolute"),
    "web.binding.growth": ("按增长下限", "growth floor"),
    "web.gap": ("距目标缺口", "Gap to target"),
    "web.per_quarter": ("其余每季需 {amount}", "per quarter left: {amount}"),
    "web.projection": ("全年预计", "Projection"),
    "web.projection_seasonal": ("按上年季节 {amount}", "seasonal: {amount}"),
    "web.projection_linear": ("按序时 {amount}", "run-rate: {amount}"),
    "web.required_growth": ("余下需增长", "Growth needed"),
    "web.growth_floor": ("增长下限 {rate}", "growth floor {rate}"),
    "web.units_head": ("各单位情况", "Member units"),
    "web.breakdown": ("分解口径", "Breakdown"),
    "web.breakdown.yoy": ("同比增减贡献", "Contribution to the YoY change"),
    "web.breakdown.gap": ("目标缺口分布", "Share of the gap"),
    "web.breakdown.total.yoy": ("集团同比增减", "Group YoY change"),
    "web.breakdown.total.gap": ("各单位缺口合计", "Units' gaps in total"),
    # units page
    "web.pick_unit": ("单位", "Unit"),
    "web.with_children": ("含下属单位（{count} 家）", "Include the units under it ({count})"),
    "web.and_children": ("（含下属单位）", " (with the units under it)"),
    "web.unit_caption": ("编码 {code} · {kind} · 上级单位 {parent}", "Code {code} · {kind} · parent {parent}"),
    "web.unit_no_figures": (
        "该单位 {year} 年截至 {as_of} 没有数据。",
        "This unit has no figures for {year} as of {as_of}.",
    ),
    "web.children_head": ("下属单位", "Units under it"),
    "kind.member": ("二级成员单位", "Member unit"),
    "kind.tertiary": ("三级企业", "Tertiary enterprise"),
    "kind.institute": ("科研院所", "Research institute"),
    "kind.college": ("职业院校", "Vocational college"),
    "kind.headquarters": ("集团本部", "Headquarters"),
    "kind.elimination": ("内部抵消", "Eliminations"),
    # trends page
    "web.trend_view": ("口径", "View"),
    "web.trend.ytd": ("本年累计", "Year to date"),
    "web.trend.quarter": ("单季", "Single quarter"),
    "web.trend.yoy": ("同比", "YoY"),
    "web.trend.qoq": ("环比", "Quarter on quarter"),
    "web.pick_years": ("请至少选择一个年度。", "Pick at least one year."),
    "web.restated_note": (
        "“已重述”：本期快报填报的上年同期与上年已存数据不同，以本期填报为准，原数见括号。",
        "'Restated': the prior-year figure reported with this period differs from last year's stored figure; "
        "the reported one is used and the stored one is shown.",
    ),
    "web.restated_from": ("已重述（原 {stored}）", "restated (was {stored})"),
    # table headers
    "web.col.code": ("编码", "Code"),
    "web.col.unit": ("单位", "Unit"),
    "web.col.status": ("状态", "Status"),
    "web.col.ytd": ("本年累计（{unit}）", "YTD ({unit})"),
    "web.col.target": ("目标（{unit}）", "Target ({unit})"),
    "web.col.completion": ("完成率", "Completion"),
    "web.col.progress_gap": ("较序时（百分点）", "vs time (pp)"),
    "web.col.yoy": ("同比", "YoY"),
    "web.col.yoy_change": ("同比增减（{unit}）", "YoY change ({unit})"),
    "web.col.gap": ("缺口（{unit}）", "Gap ({unit})"),
    "web.col.single": ("单季（{unit}）", "Single quarter ({unit})"),
    "web.col.prior": ("上年同期（{unit}）", "Prior year ({unit})"),
    "web.col.qoq": ("环比", "QoQ"),
    "web.col.restated": ("重述", "Restated"),
    "web.col.period": ("期间", "Period"),
    "web.col.severity": ("级别", "Severity"),
    "web.col.file": ("文件", "File"),
    "web.col.sheet": ("工作表", "Sheet"),
    "web.col.cell": ("单元格", "Cell"),
    "web.col.value": ("读到的内容", "Value found"),
    "web.col.message": ("问题与处理办法", "Problem and what to do"),
    "web.col.change": ("变化", "Change"),
    "web.col.metric": ("指标", "Metric"),
    "web.col.old_ytd": ("原本年累计（元）", "Stored YTD (yuan)"),
    "web.col.new_ytd": ("新本年累计（元）", "New YTD (yuan)"),
    "web.col.old_prior": ("原上年同期（元）", "Stored prior year (yuan)"),
    "web.col.new_prior": ("新上年同期（元）", "New prior year (yuan)"),
    "web.col.locked_by": ("锁定人", "Locked by"),
    "web.col.locked_at": ("锁定时间", "Locked at"),
    "web.col.reason": ("原因", "Reason"),
    "web.col.scope": ("范围", "Scope"),
    "web.col.amount": ("目标金额", "Target amount"),
    "web.col.amount_yuan": ("目标金额（元）", "Amount (yuan)"),
    "web.col.growth_floor": ("增长下限", "Growth floor"),
    "web.col.base": ("上年实际", "Prior full year"),
    "web.col.effective": ("生效目标", "Effective target"),
    "web.col.binding": ("约束", "Binding"),
    "web.col.version": ("版本", "Version"),
    "web.col.set_by": ("设定人", "Set by"),
    "web.col.set_at": ("设定时间", "Set at"),
    "web.severity.error": ("错误", "Error"),
    "web.severity.warning": ("提示", "Warning"),
    "web.change.new": ("新增", "New"),
    "web.change.changed": ("变化", "Changed"),
    "web.change.unchanged": ("未变", "Unchanged"),
    # upload page
    "web.template": ("下载快报模板", "Download the flash-report template"),
    "web.template_help": (
        "模板已预填本集团的单位编码和名称；每季度填写本年累计数和上年同期数。",
        "The template lists the group's units; fill in the year-to-date and prior-year figures each quarter.",
    ),
    "web.files": ("选择快报文件（.xlsx 或 .csv，可多选）", "Flash-report files (.xlsx or .csv, several allowed)"),
    "web.upload_period": ("报告期（文件未注明时）", "Period (when the file does not say)"),
    "web.upload_unit": ("金额单位（文件未注明时）", "Amount unit (when the file does not say)"),
    "web.from_file": ("以文件为准", "as the file says"),
    "web.rejected": (
        "未存入任何数据：{bad} 个文件有错误（共 {total} 个）。请按下表逐项修改后重新上传。",
        "Nothing was stored: {bad} of {total} files have errors. Fix each one listed below and upload again.",
    ),
    "web.check": ("检查并预览", "Check and preview"),
    "web.confirm": ("确认导入", "Confirm and store"),
    "web.file": ("文件", "File"),
    "web.periods": ("期间", "Periods"),
    "web.units_count": ("单位数", "Units"),
    "web.new_units": ("新单位 {count} 家", "{count} new"),
    "web.new_unit_list": ("新登记的单位编码：{codes}", "Units registered by this file: {codes}"),
    "web.file_head": ("工作表“{sheet}”，表头在第 {row} 行。", "Sheet '{sheet}', header in row {row}."),
    "web.show_unchanged": ("同时显示未变化的数据", "Show unchanged figures too"),
    "web.no_changes": ("与已存数据相比没有变化。", "Nothing differs from what is stored."),
    "web.warnings": (
        "有 {count} 条提示，不影响导入，请核对：",
        "{count} warnings; they do not stop the import, check them:",
    ),
    "web.stored": ("已存入：上传 {ids}，共 {figures} 个数据。", "Stored as upload {ids}: {figures} figures."),
    "web.nothing_new": ("这些文件都已导入过，没有任何变化。", "These files were all imported before; nothing changed."),
    "web.history": ("上传记录", "Upload history"),
    "web.locked_periods": (
        "已锁定的期间（不能再上传或恢复）：",
        "Locked periods (no upload or revert may change them):",
    ),
    "web.revert_pick": ("恢复为某次上传的数据", "Make an earlier upload's figures current again"),
    "web.revert": ("恢复", "Revert"),
    "web.revert_refused": ("无法恢复：", "Cannot revert:"),
    "web.revert_nothing": (
        "上传 #{upload_id} 的数据已是当前数据，无需恢复。",
        "Upload #{upload_id}'s figures are current already.",
    ),
    "web.reverted": (
        "已将上传 #{upload_id} 的 {count} 个数据恢复为当前数据（记录为上传 #{new_id}，原数据均保留）。",
        "Made {count} figures of upload #{upload_id} current again (recorded as upload #{new_id}; nothing deleted).",
    ),
    # targets page
    "web.current_targets": ("{year} 年现行目标", "Current targets for {year}"),
    "web.set_target": ("设定或调整目标", "Set or change a target"),
    "web.amount_in": ("金额单位", "Amounts in"),
    "web.scale.yi": ("亿元", "100 million yuan (亿元)"),
    "web.scale.wan": ("万元", "10 thousand yuan (万元)"),
    "web.scale.yuan": ("元", "yuan"),
    "web.base_optional": (
        "上年实际（可不填，默认取上年四季度数）",
        "Prior full year (optional; default: last year's Q4)",
    ),
    "web.save_target": ("保存为新版本", "Save as a new version"),
    "web.reason_required": ("请填写原因，它会记入历史。", "Give a reason; it is kept in the history."),
    "web.bad_amount": (
        "无法识别的金额“{value}”，请写数字，如 380 或 380.5。",
        "Unrecognised amount '{value}'; write a number such as 380 or 380.5.",
    ),
    "web.target_saved": ("已保存为第 {version} 版。", "Saved as version {version}."),
    "web.target_history": ("目标调整历史", "Target history"),
    "web.entered": ("（录入）", "(entered)"),
    "web.settings_head": ("红黄绿灯与显示设置", "Status rule and display"),
    "web.save_settings": ("保存设置", "Save the settings"),
    "web.settings_saved": ("设置已保存，所有页面立即生效。", "Saved; every page uses them from now on."),
    "web.locks_head": ("期间锁定", "Period locks"),
    "web.lock": ("锁定", "Lock"),
    "web.unlock": ("解锁", "Unlock"),
    "web.locked": ("已锁定 {period}。", "Locked {period}."),
    "web.unlocked": ("已解锁 {period}。", "Unlocked {period}."),
    "web.already_locked": ("{period} 已经是锁定状态。", "{period} was locked already."),
    "web.not_locked": ("{period} 没有锁定。", "{period} was not locked."),
    # accounts page
    "web.email": ("邮箱", "Email"),
    "web.email_optional": ("邮箱（公司统一身份登录用，可不填）", "Email (for company sign-in; optional)"),
    "web.role": ("角色", "Role"),
    "web.active": ("启用", "Active"),
    "web.yes": ("是", "yes"),
    "web.no": ("否", "no"),
    "web.sign_in_by": ("登录方式", "Signs in with"),
    "web.by_password": ("密码", "password"),
    "web.by_oidc": ("公司统一身份", "company account"),
    "web.last_login": ("最近登录", "Last sign-in"),
    "web.initial_password": (
        "初始密码（仅用公司账号登录可不填）",
        "Initial password (leave empty for company sign-in only)",
    ),
    "web.new_password": ("新密码", "New password"),
    "web.password_policy": (
        "密码至少 10 位，不能包含用户名，不能是常见密码。",
        "Passwords need at least 10 characters, must not contain the username, and must not be a common one.",
    ),
    "web.create_account": ("创建账号", "Create the account"),
    "web.account_created": ("已创建账号 {username}。", "Created the account {username}."),
    "web.change_account": ("修改账号", "Change an account"),
    "web.set_role": ("修改角色", "Set the role"),
    "web.reset_password": ("重设密码", "Reset the password"),
    "web.disable": ("停用", "Disable"),
    "web.enable": ("启用", "Enable"),
    "web.role_set": ("已修改 {username} 的角色。", "Changed {username}'s role."),
    "web.password_set": ("已重设 {username} 的密码。", "Reset {username}'s password."),
    "web.disabled": ("已停用 {username}。", "Disabled {username}."),
    "web.enabled": ("已启用 {username}。", "Enabled {username}."),
    "web.accounts_list": ("全部账号", "All accounts"),
    "web.roles_help": (
        "经营层：查看总览、单位和趋势；财务：另可上传快报和恢复历史上传；管理员：另可设定目标、修改设置、锁定期间和管理账号。",
        "Executive: overview, units and trends. Finance: also uploads and reverts. "
        "Administrator: also targets, settings, period locks and accounts.",
    ),
    # ---- issue 8: lead (the entry file's safety net)
    "web.internal": (
        "内部错误（编号 {ref}），本页未能显示，未做任何更改。请把编号告诉管理员；详情已记入日志 data/logs/errors.log。",
        "Internal error (reference {ref}); this page could not be shown and nothing was changed. Give the reference "
        "to your administrator; the details are in the log data/logs/errors.log.",
    ),
    # ---- issue 9: variance comments (差异说明) on the Units page and the units tables
    "web.comment.head": ("差异说明与措施", "Variance comment and measures"),
    "web.comment.none": ("{period} 尚无差异说明。", "No comment for {period} yet."),
    "web.comment.by": ("第 {version} 版 · {by} · {at}", "Version {version} · {by} · {at}"),
    "web.comment.previous": ("上期（{period}）的差异说明与措施", "Last period's ({period}) comment and measures"),
    "web.comment.no_previous": ("此前各期没有差异说明。", "No comment in an earlier period."),
    "web.comment.form": ("填写 {period} 的差异说明", "Write the comment for {period}"),
    "web.comment.comment": ("差异说明（原因）", "Comment (why)"),
    "web.comment.measures": ("措施", "Measures"),
    "web.comment.save": ("保存差异说明", "Save the comment"),
    "web.comment.saved": ("已保存差异说明，第 {version} 版。", "Comment saved as version {version}."),
    "web.comment.history": ("版本记录（{count} 版）", "Versions ({count})"),
    "web.comment.column_help": (
        "差异说明的开头；全文见单位详情页。",
        "The start of the comment; the full text is on the Units page.",
    ),
    "web.col.comment": ("差异说明", "Comment"),
    "web.col.measures": ("措施", "Measures"),
    "web.col.written_by": ("填写人", "Written by"),
    "web.col.written_at": ("填写时间", "Written at"),
}

# ---- issue 9 (h-issue): the export control and the issued reports on the pages
TEXT.update(
    {
        "web.export.title": ("导出报告", "Export report"),
        "web.export.scope": ("范围：{scope}；报告期：{period}", "Scope: {scope}; period: {period}"),
        "web.export.format": ("格式", "Format"),
        "web.export.lang": ("报告语言", "Report language"),
        "web.export.download": ("下载 {format}（点击时生成）", "Download {format} (built when clicked)"),
        "web.export.build_pdf": ("生成 PDF 并预览", "Build the PDF and preview it"),
        "web.export.building": ("正在生成报告……", "Building the report…"),
        "web.export.page": ("第 {page} 页", "Page {page}"),
        "web.export.no_preview": (
            "本机没有 pdftoppm（poppler-utils），无法显示预览；PDF 仍可下载。",
            "No preview: pdftoppm (poppler-utils) is not installed here; the PDF can still be downloaded.",
        ),
        "web.export.edit": ("签发前修改分析说明", "Edit the narrative before issuing"),
        "web.export.edited": (
            "已修改 {count} 段说明：下载和签发的报告都使用修改后的文字。",
            "{count} paragraph(s) edited: downloads and the issued report use the edited text.",
        ),
        "web.export.issue_help": (
            "签发：按上面选择的格式和语言生成报告，原样存档（SHA-256）并记录签发人、时间和数据版本。",
            "Issue: build the report in the format and language chosen above, keep it byte for byte (SHA-256) "
            "with who issued it, when, and the data version.",
        ),
        "web.export.issue": ("签发 {format} 报告", "Issue the {format} report"),
        "web.export.issued": (
            "已签发为报告 #{id}（SHA-256 {sha256}）。",
            "Issued as report #{id} (SHA-256 {sha256}).",
        ),
        "web.export.download_issued": ("下载已签发报告 #{id}", "Download issued report #{id}"),
        "web.issued.title": ("已签发的报告", "Issued reports"),
        "web.issued.none": ("{year} 年还没有签发过报告。", "No report has been issued for {year} yet."),
        "web.issued.pick": ("查看已签发报告", "Look at an issued report"),
        "web.issued.placeholder": (
            "选择一份报告：下载原件并查看与上一份相比的变化",
            "Pick a report: download it as issued and see what changed from the previous one",
        ),
        "web.issued.option": ("#{id}  {filename}", "#{id}  {filename}"),
        "web.issued.download": ("下载报告 #{id}（原样）", "Download report #{id} (as issued)"),
        "web.issued.sha": ("SHA-256：{sha256}（下载前已核对）", "SHA-256: {sha256} (checked before download)"),
        "web.issued.first": (
            "这是该范围、该语言签发的第一份报告，没有可比较的上一份。",
            "The first report issued for this scope and language: there is no earlier one to compare with.",
        ),
        "web.issued.compared": (
            "与上一份 #{prev}（{period}，{at}，{by}）相比的变化：",
            "Changes from the previous report #{prev} ({period}, {at}, {by}):",
        ),
        "web.issued.col.id": ("编号", "No."),
        "web.issued.col.at": ("签发时间", "Issued at"),
        "web.issued.col.period": ("报告期", "Period"),
        "web.issued.col.scope": ("范围", "Scope"),
        "web.issued.col.lang": ("语言", "Language"),
        "web.issued.col.format": ("格式", "Format"),
        "web.issued.col.size": ("字节数", "Bytes"),
        "web.issued.col.by": ("签发人", "Issued by"),
        "web.issued.col.version": ("数据版本", "Data version"),
        "web.issued.col.file": ("文件名", "File"),
        "web.issued.col.what": ("项目", "Item"),
        "web.issued.col.change": ("变化", "Change"),
        "web.issued.col.old": ("原值", "Before"),
        "web.issued.col.new": ("新值", "After"),
        "web.issued.kind.changed": ("变更", "changed"),
        "web.issued.kind.added": ("新增", "added"),
        "web.issued.kind.removed": ("删除", "removed"),
    }
)

# The status rule in words (ui/lights.py): shown wherever lights are shown
TEXT.update(
    {
        "lights.legend.seasonal": (
            "{dot_red} 红灯·落后：同比下降，或落后上年同期进度超过 {threshold} 个百分点；"
            "{dot_amber} 黄灯·关注：落后上年同期进度 {threshold} 个百分点以内，或增速低于增长下限；"
            "{dot_green} 绿灯·正常：达到上年同期进度且增速不低于增长下限。进度比较基准：{pace}。",
            "{dot_red} red · behind: down year on year, or more than {threshold} pp behind last year's pace; "
            "{dot_amber} amber · watch: behind it by {threshold} pp or less, or growth below the floor; "
            "{dot_green} green · on track: at or ahead of last year's pace and growth at or above the floor. "
            "Pace compared with: {pace}.",
        ),
        "lights.legend": (
            "{dot_red} 红灯·落后：同比下降，或落后序时进度超过 {threshold} 个百分点；"
            "{dot_amber} 黄灯·关注：落后序时进度 {threshold} 个百分点以内，或增速低于增长下限；"
            "{dot_green} 绿灯·正常：达到序时进度且增速不低于增长下限。进度比较基准：{pace}。",
            "{dot_red} red · behind: down year on year, or more than {threshold} pp behind time progress; "
            "{dot_amber} amber · watch: behind by {threshold} pp or less, or growth below the floor; "
            "{dot_green} green · on track: on pace and growth at or above the floor. Pace compared with: {pace}.",
        ),
    }
)

# Issue 10 smaller defects (H3): upload counts, duplicate notice, file picker, settings in points, accounts
TEXT.update(
    {
        "web.counts": (
            "新增 {new}、修改 {changed}、未变 {unchanged}（共 {total} 个数据）",
            "{new} new, {changed} changed, {unchanged} unchanged ({total} figures)",
        ),
        "web.counts_short": (
            "新增 {new}、修改 {changed}、未变 {unchanged}",
            "{new} new, {changed} changed, {unchanged} unchanged",
        ),
        "web.file_counts": ("本文件：{counts}。", "This file: {counts}."),
        "web.stored_counts": ("已存入：上传 {ids}，{counts}。", "Stored as upload {ids}: {counts}."),
        "web.col.what_changed": ("变化", "Changes"),
        "web.col.old_ytd_in": ("原本年累计（{unit}）", "Stored YTD ({unit})"),
        "web.col.new_ytd_in": ("新本年累计（{unit}）", "New YTD ({unit})"),
        "web.col.old_prior_in": ("原上年同期（{unit}）", "Stored prior year ({unit})"),
        "web.col.new_prior_in": ("新上年同期（{unit}）", "New prior year ({unit})"),
        "web.duplicate": (
            "{filename} 已于 {at} 由 {by} 导入（上传 #{upload_id}），本次没有需要导入的内容。",
            "{filename} was already imported on {at} by {by} (upload #{upload_id}); there is nothing to import.",
        ),
        "web.revert_this": (
            "恢复上传 #{upload_id} 的数据为当前数据",
            "Make upload #{upload_id}'s figures current again",
        ),
        "web.nothing_to_store": (
            "这些文件与已存数据相同，无需导入。",
            "These files match what is stored; there is nothing to import.",
        ),
        "web.upload_button": ("选择文件", "Upload"),
        "web.upload_limit": ("每个文件不超过 {mb}MB", "{mb}MB per file"),
        "web.rows_scroll": ("共 {count} 行，可在表内滚动查看。", "{count} rows; scroll inside the table."),
        "web.in_points": ("{label}（个百分点）", "{label} (percentage points)"),
        "web.in_percent": ("{label}（%）", "{label} (%)"),
        "web.help_points.STATUS_RED_GAP": (
            "完成率落后于比较基准超过此值即亮红灯；填 10 表示 10 个百分点。",
            "A completion rate further behind the pace than this is red; type 10 for 10 percentage points.",
        ),
        "web.bad_points": (
            "“{name}”须为 0 到 100 之间的数（单位：个百分点，如 10），“{value}”不符合。",
            "'{name}' must be a number from 0 to 100 (percentage points, e.g. 10), not '{value}'.",
        ),
        "web.growth_hint": ("填百分数，如 5 表示 5%。", "A percentage: 5 means 5%."),
        "web.account_now": (
            "{username} 当前：{role} · {state} · {sign_in}",
            "{username} now: {role} · {state} · {sign_in}",
        ),
        "web.state.active": ("已启用", "active"),
        "web.state.disabled": ("已停用", "disabled"),
        "web.role_unchanged": (
            "{username} 的角色已是{role}，无需修改。",
            "{username} is already {role}; nothing to change.",
        ),
        "web.confirm_role": (
            "确认把 {username} 的角色从{old}改为{new}？改后其可做的操作随之改变。",
            "Change {username}'s role from {old} to {new}? What they may do changes with it.",
        ),
        "web.confirm_disable": (
            "确认停用 {username}？停用后其不能再登录，记录均保留。",
            "Disable {username}? They can no longer sign in; their records are kept.",
        ),
        "web.confirm_yes": ("确认", "Confirm"),
        "web.confirm_no": ("取消", "Cancel"),
        "web.col.amount_in": ("目标金额（{unit}）", "Target amount ({unit})"),
        "web.col.base_in": ("上年实际（{unit}）", "Prior full year ({unit})"),
        "web.col.effective_in": ("生效目标（{unit}）", "Effective target ({unit})"),
        "web.col.set": ("版本 · 设定人 · 时间", "Version · by · at"),
        "web.set_line": ("第 {version} 版 · {by} · {at}", "v{version} · {by} · {at}"),
        "web.targets_group": ("集团目标", "Group targets"),
        "web.targets_units": ("各单位分解目标", "Unit targets (cascaded)"),
    }
)

# Headline cards, the viewer's pace, provenance line and the page shell of Overview and Units (issue 10, H1)
TEXT.update(
    {
        "kpi.yoy": ("同比 {rate}", "YoY {rate}"),
        "kpi.binding": ("{binding}", "{binding}"),
        "kpi.no_rate": ("不以百分比计完成率", "no completion percentage"),
        "kpi.vs.linear": ("较序时进度 {points}", "{points} against time progress"),
        "kpi.vs.seasonal": ("较上年同期进度 {points}", "{points} against last year's pace"),
        "kpi.behind_seasonal": ("落后上年同期进度 {points} 个百分点", "{points} pp behind last year's pace"),
        "kpi.on_track_seasonal": ("达到上年同期进度", "on last year's pace"),
        "kpi.exceeded": ("已超过目标", "target exceeded"),
        "kpi.year_over": ("全年已结束", "the year is over"),
        "kpi.basis.linear": ("按序时", "at the run rate"),
        "kpi.basis.seasonal": ("按上年季节规律", "on last year's seasons"),
        "web.view_pace": ("进度比较基准", "Compare progress with"),
        "web.provenance": (
            "{period} · 序时进度 {progress} · 数据来源：第 {upload} 次上传，{time}，{who} · {scope}已报 {reported}/{total} 户",
            "{period} · time progress {progress} · Source: upload {upload}, {time}, {who} · "
            "{scope}{reported} of {total} units reported",
        ),
        "web.provenance.none": (
            "{period} · 序时进度 {progress} · 数据来源：无上传记录 · {scope}已报 {reported}/{total} 户",
            "{period} · time progress {progress} · Source: no upload on record · {scope}{reported} of {total} units reported",
        ),
        "web.provenance.group": ("", ""),
        "web.provenance.unit": ("本单位", "this unit: "),
        "web.provenance.children": ("本单位及下属单位", "this unit and the units under it: "),
        "web.back_to_overview": ("返回集团总览", "Back to the overview"),
    }
)

# ---- issue 10 (h2): the units breakdown — table, waterfall remainders, heat map under the pace, drill-down
TEXT.update(
    {
        "web.units.col.name": ("单位", "Unit"),
        "web.units.col.reason": ("原因", "Why"),
        "web.units.col.ytd": ("本年累计", "YTD"),
        "web.units.col.target": ("目标", "Target"),
        "web.units.col.completion": ("完成率", "Done"),
        "web.units.col.yoy": ("同比", "YoY"),
        "web.units.col.yoy_change": ("同比增减", "YoY chg."),
        "web.units.col.gap": ("缺口", "Gap"),
        "web.units.reason_with": ("{words}；{reason}", "{words}; {reason}"),
        "web.units.caption": (
            "金额单位：{unit}。点击单位查看详情。",
            "Amounts in {unit}. Click a unit to open its page.",
        ),
        "web.units.count": ("共 {count} 户，按落后程度排序", "{count} units, most behind first"),
        "web.breakdown.open": ("点击单位查看详情", "Click a unit to open its page"),
        "web.breakdown.remainder_note": ("「{name}」：{note}。", "“{name}”: {note}."),
        "web.breakdown.total.yoy.scope": ("本单位及下属单位同比增减", "YoY change of the unit and its units"),
        "web.breakdown.total.gap.group": ("集团目标缺口", "Group gap to target"),
        "web.breakdown.total.gap.scope": ("本单位及下属单位目标缺口", "Gap of the unit and its units"),
        "web.breakdown.ranked": ("落后最多的单位（{shown} / {total}）", "Furthest behind ({shown} of {total})"),
        "web.breakdown.ranked_item": ("{light} {name}：{reason}", "{light} {name}: {reason}"),
        "web.targets_line.under": (
            "单位目标合计 {units}，集团目标 {group}，未分解 {rest}。",
            "Unit targets total {units}; group target {group}; not allocated {rest}.",
        ),
        "web.targets_line.over": (
            "单位目标合计 {units}，集团目标 {group}：单位目标合计超出集团目标 {rest}。",
            "Unit targets total {units} against a group target of {group}: {rest} more than the group target.",
        ),
        "chart.waterfall.title_long": (
            "各单位的贡献<br><sup>对{total}</sup>",
            "Contributions by unit<br><sup>to {total}</sup>",
        ),
        "chart.waterfall.title_long_top": (
            "各单位的贡献<br><sup>对{total}：前 {top} 家，其余 {rest} 家合计</sup>",
            "Contributions by unit<br><sup>to {total}: top {top}; {rest} others summed</sup>",
        ),
        "chart.heatmap.column_compact": ("{quarter}<br>{time}", "{quarter}<br>{time}"),  # the title names the pace
        "chart.waterfall.no_prior": ("无上年同期数的单位", "Units without last year's figure"),
        "chart.waterfall.no_prior_note": (
            "本期有数、上年同期无数的单位（如新设、新并入）的本年累计，减去本期未报、上年同期有数的单位的上年同期数："
            "计入{total}，但不属于任何单位的同比增减",
            "The year to date of units with a figure now but none a year ago (new or newly joined), less last "
            "year's figure of units that have not reported this period: counted in {total}, but no unit's YoY change",
        ),
        "chart.waterfall.unallocated": ("未分解到单位的目标", "Target not allocated to units"),
        "chart.waterfall.unallocated_note": (
            "总目标减已报单位的目标之和（未分解的目标，及本期未报单位的目标）；为负时单位目标合计超出总目标",
            "The target less the targets of the units that have reported (the part not allocated, and the targets "
            "of units not yet reported); negative when the units' targets add up to more",
        ),
        "chart.waterfall.untargeted": ("无单位目标的单位已完成", "Done by units without a target"),
        "chart.waterfall.untargeted_note": (
            "没有单位目标的单位（如内部抵消）本年累计 {amount}：计入总完成，缩小总缺口，不属于任何单位的缺口",
            "Year to date of units without a target (e.g. eliminations), {amount}: it counts towards the total "
            "and narrows its gap, but is no unit's gap",
        ),
        "chart.heatmap.pace_title": (
            "各单位季度完成率<br><sup>颜色：较{pace}（白色＝持平）</sup>",
            "Completion by unit and quarter<br><sup>colour: against {pace} (white = on pace)</sup>",
        ),
        "chart.heatmap.pace_title_limited": (
            "各单位季度完成率：落后最多的 {limit} 家（共 {total} 家）<br><sup>颜色：较{pace}（白色＝持平）</sup>",
            "Completion: the {limit} furthest behind (of {total})<br><sup>colour: against {pace} "
            "(white = on pace)</sup>",
        ),
        "chart.heatmap.pace_colour": ("较{pace}（个百分点）", "vs {pace} (pp)"),
        "chart.heatmap.pace_hover": (
            "{unit} · {quarter}<br>完成率 {rate}<br>较{pace} {gap}",
            "{unit} · {quarter}<br>Completion {rate}<br>{gap} against {pace}",
        ),
    }
)

# The export control when the viewer compares with another pace than the admin's setting
TEXT.update(
    {
        "web.export.admin_pace": (
            "报告按管理员设定的进度比较基准（{pace}）编制，红黄绿灯可能与本页所选基准下不同。",
            "Reports use the pace the admin set ({pace}): their lights may differ from this page's choice.",
        ),
    }
)
