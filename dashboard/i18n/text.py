"""Interface and command-line texts, keyed by name: (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # import
    "import.stored": (
        "已存为上传 #{upload_id}：{units} 个单位、{figures} 个数据，期间 {periods}。",
        "Stored as upload #{upload_id}: {figures} figures of {units} units for {periods}.",
    ),
    "import.duplicate": (
        "{filename} 已于 {at} 由 {by} 导入（上传 #{upload_id}），本次未做任何更改。如需恢复其数据，请用 revert {upload_id}。",
        "{filename} was already imported on {at} by {by} (upload #{upload_id}); nothing changed. "
        "To make its figures current again, use revert {upload_id}.",
    ),
    "import.rejected": (
        "未存入任何数据：{bad} 个文件有错误（共 {total} 个）。请按上面的提示修改后重新导入。",
        "Nothing was stored: {bad} of {total} files have errors. Fix them as described above and import again.",
    ),
    "import.dry_run": ("预览（--dry-run）：未存入任何数据。", "Preview (--dry-run): nothing was stored."),
    "import.file_head": (
        "{filename}：工作表“{sheet}”，表头第 {row} 行，期间 {periods}",
        "{filename}: sheet '{sheet}', header row {row}, periods {periods}",
    ),
    "import.units": ("  单位 {count} 个{new}", "  units: {count}{new}"),
    "import.new_units": ("（新单位 {count} 个：{codes}）", " (new: {count}: {codes})"),
    "import.figures": (
        "  数据 {count} 个：新增 {new}，变化 {changed}，未变 {unchanged}",
        "  figures: {count} (new {new}, changed {changed}, unchanged {unchanged})",
    ),
    "import.sums": ("  本文件各单位合计（元）：", "  sum of this file's units (yuan):"),
    "import.changes": ("  与现有数据相比的变化：", "  changes against what is stored now:"),
    "import.more": ("  ……另有 {count} 项", "  … and {count} more"),
    "import.problems": ("  问题：", "  problems:"),
    "import.stale": (
        "预览之后数据已更新，请重新预览。",
        "The data changed after the preview; preview again.",
    ),
    "change.line": (
        "    {period} {unit} {metric}：本年累计 {old} → {new}；上年同期 {old_prior} → {new_prior}",
        "    {period} {unit} {metric}: YTD {old} → {new}; prior-year {old_prior} → {new_prior}",
    ),
    # revert
    "revert.done": (
        "已将上传 #{source} 的 {count} 个数据恢复为当前数（新上传 #{upload_id}）。",
        "Made {count} figures of upload #{source} current again (new upload #{upload_id}).",
    ),
    "revert.nothing": (
        "上传 #{source} 的数据已经是当前数，无需恢复。",
        "The figures of upload #{source} are current already; nothing to restore.",
    ),
    # locks
    "lock.done": ("已锁定 {period}。", "Locked {period}."),
    "lock.already": ("{period} 已经是锁定状态。", "{period} was locked already."),
    "unlock.done": ("已解锁 {period}。", "Unlocked {period}."),
    "unlock.not_locked": ("{period} 未锁定。", "{period} is not locked."),
    # history
    "history.head": (
        "编号  时间                  操作     结果    上传人        期间            数据  文件",
        "id    when                  action   outcome by            periods         figs  file",
    ),
    "history.none": ("没有上传记录。", "No uploads yet."),
    "history.versions": (
        "单位 {unit} 的数据版本（* 为当前数）：",
        "Versions of unit {unit}'s figures (* = current):",
    ),
    "history.version_line": (
        "  {mark} {period} {metric} v{version}：本年累计 {ytd}，上年同期 {prior}（上传 #{upload}，{cell}）",
        "  {mark} {period} {metric} v{version}: YTD {ytd}, prior-year {prior} (upload #{upload}, {cell})",
    ),
    # targets
    "targets.saved": (
        "已保存 {year} 年{scope} {metric} 目标（第 {version} 版）。",
        "Saved the {year} {scope} {metric} target (version {version}).",
    ),
    "targets.group": ("集团", "group"),
    "targets.unit": ("单位 {unit}", "unit {unit}"),
    "targets.none": ("{year} 年尚未设定目标。", "No targets set for {year}."),
    "targets.head": (
        "范围      指标          目标金额（元）          增长下限   上年实际（元，录入）     版本  设定人     时间        原因",
        "scope     metric        amount (yuan)           growth     base (yuan, entered)     ver   by         when        reason",
    ),
    "targets.history": ("历史版本：", "History:"),
    # errors of the command line itself
    "cli.bad_period": (
        "无法识别的期间“{value}”，请写成 2023Q2。",
        "Unrecognised period '{value}'; write it as 2023Q2.",
    ),
    "cli.bad_unit": (
        "无法识别的金额单位“{value}”。可用：元、千元、万元、百万元、亿元。",
        "Unrecognised amount unit '{value}'. Use 元, 千元, 万元, 百万元 or 亿元.",
    ),
    "cli.bad_amount": (
        "无法识别的金额“{value}”，请写以元为单位的数字，如 38000000000。",
        "Unrecognised amount '{value}'; write a number of yuan such as 38000000000.",
    ),
    "cli.bad_growth": (
        "无法识别的增长率“{value}”，请写 0.05 或 5%。",
        "Unrecognised growth '{value}'; write 0.05 or 5%.",
    ),
    "cli.growth_ambiguous": (
        "增长率 {value} 大于 1。若指 {value}%，请写“{value}%”或小数。",
        "Growth {value} is above 1. If you mean {value}%, write '{value}%' or a fraction.",
    ),
    "cli.target_empty": (
        "目标至少要有 --amount 或 --growth 之一。",
        "A target needs --amount or --growth (or both).",
    ),
    "cli.unknown_metric": ("未知指标“{value}”。可用：{known}。", "Unknown metric '{value}'. Known: {known}."),
    "cli.unknown_unit_code": ("未知单位编码“{value}”。", "Unknown unit code '{value}'."),
    "cli.bad_metric_code": (
        "指标代码“{value}”不合规：请用小写字母、数字和下划线，如 net_profit。",
        "Metric code '{value}' is not valid: use lower-case letters, digits and underscores, e.g. net_profit.",
    ),
    "cli.metric_needs_alias": (
        "新指标至少要有一个本年累计或本季列的表头（--ytd-alias 或 --quarter-alias）。",
        "A new metric needs a header for its year-to-date or single-quarter column (--ytd-alias or --quarter-alias).",
    ),
    "cli.metric_exists": ("指标“{value}”已存在。", "Metric '{value}' exists already."),
    "cli.alias_taken": (
        "表头“{value}”已被指标 {metric} 使用。",
        "The header '{value}' is used by metric {metric} already.",
    ),
    "metrics.added": (
        "已添加指标 {code}（{zh} / {en}）。上传文件可带此指标的列。",
        "Added metric {code} ({zh} / {en}). Uploads may carry its columns.",
    ),
    "cli.no_file": ("找不到文件：{value}", "No such file: {value}"),
    "cli.database": (
        "无法打开数据库 {url}：{reason}。请检查 --db 或 DASHBOARD_DATABASE_URL。",
        "Cannot open the database {url}: {reason}. Check --db or DASHBOARD_DATABASE_URL.",
    ),
    "cli.template_written": ("模板已写入 {path}。", "Template written to {path}."),
    "demo.done": (
        "示例数据库已就绪：{url}（{stored} 个文件新导入，{skipped} 个已存在）。",
        "Sample database ready: {url} ({stored} files imported, {skipped} already there).",
    ),
    "demo.targets": ("已设定 {year} 年目标：{what}。", "Set the {year} targets: {what}."),
    "demo.accounts_head": (
        "已创建演示账号（密码随机生成，只显示这一次，请记下）：",
        "Demo accounts created (random passwords, shown only this once; note them):",
    ),
    "demo.account": (
        "  用户名 {username}  密码 {password}  （{role}）",
        "  username {username}  password {password}  ({role})",
    ),
    "demo.accounts_exist": (
        "账号已存在：请用已有账号登录。忘记密码可运行 python -m dashboard users password 用户名",
        "Accounts exist already: sign in with yours. Forgot a password? Run python -m dashboard users password NAME",
    ),
    "demo.unit_targets": (
        "已将 {year} 年目标分解到各单位（{count} 项）。",
        "Set the {year} targets cascaded to the units ({count} targets).",
    ),
    "serve.start": (
        "正在启动看板：http://localhost:{port}  （数据库 {url}；按 Ctrl+C 停止）",
        "Starting the dashboard at http://localhost:{port}  (database {url}; Ctrl+C stops it)",
    ),
}

TEXT.update(
    {
        "app.language": ("语言", "Language"),
        "page.data": ("已存数据", "Stored data"),
        "data.units": ("单位数", "Units"),
        "data.periods": ("期间数", "Periods"),
        "data.latest": ("最新期间", "Latest period"),
        "data.log": ("上传记录", "Upload log"),
        "data.col.id": ("编号", "ID"),
        "data.col.uploaded_at": ("时间", "When"),
        "data.col.action": ("操作", "Action"),
        "data.col.outcome": ("结果", "Outcome"),
        "data.col.uploaded_by": ("上传人", "By"),
        "data.col.periods": ("期间", "Periods"),
        "data.col.figure_count": ("数据个数", "Figures"),
        "data.col.filename": ("文件", "File"),
        "data.action.import": ("导入", "import"),
        "data.action.revert": ("恢复", "revert"),
        "data.outcome.stored": ("已存入", "stored"),
        "data.outcome.rejected": ("被拒绝", "rejected"),
    }
)

TEXT.update(
    {
        "status.head": (
            "{year} 年经营目标完成情况（截至 {as_of}，序时进度 {pace}）",
            "{year} targets: where we stand at {as_of} (time progress {pace})",
        ),
        "status.metric": ("{metric}：目标 {target}（{binding}）", "{metric}: target {target} ({binding})"),
        "status.progress": (
            "  本年累计 {ytd} · 完成率 {completion}（较序时 {gap_pp}） · 同比 {yoy} · {status}",
            "  YTD {ytd} · completion {completion} ({gap_pp} vs time) · YoY {yoy} · {status}",
        ),
        "status.outlook": (
            "  缺口 {gap} · 其余每季需 {per_quarter}（较上年同期需增长 {growth_needed}） · 全年预计 {linear}（按上年季节 {seasonal}）",
            "  gap {gap} · needed per remaining quarter {per_quarter} (growth needed on last year {growth_needed}) · full year {linear} (seasonal {seasonal})",
        ),
        "status.restated": (
            "  注：上年同期按本期报表口径 {reported}，与上年已存数 {stored} 不同（口径调整）。",
            "  Note: prior year as reported now {reported} differs from last year's stored {stored} (restated).",
        ),
        "status.units_head": (
            "各单位 {metric}（最落后的在前；本年累计 · 完成率 · 较序时 · 同比 · 状态）：",
            "Units, {metric} (most behind first; YTD · completion · vs time · YoY · status):",
        ),
        "status.unknown_year": ("{year} 年没有任何数据。", "There are no figures for {year}."),
        "status.unknown_unit": (
            "没有编码为 {unit} 的单位。请用已登记的单位编码（见“单位”页或 status 命令的单位列表）。",
            "There is no unit with the code {unit}. Use a registered unit code (see the Units page or the units "
            "listed by the status command).",
        ),
        "status.no_figures": (
            "{period} 没有数据。已有：{have}。",
            "There are no figures for {period}. Stored: {have}.",
        ),
        "status.no_targets": (
            "{year} 年尚未设定集团目标。请先用 targets set 设定。",
            "No group targets are set for {year}. Set them with targets set.",
        ),
        "binding.absolute": ("绝对额约束", "absolute amount binds"),
        "binding.growth": ("增长下限约束", "growth floor binds"),
        "light.green": ("绿灯·正常", "green · on track"),
        "light.amber": ("黄灯·关注", "amber · watch"),
        "light.red": ("红灯·落后", "red · behind"),
        "light.short.green": ("绿灯", "green"),
        "status.none.short": ("无目标", "none"),
        "light.short.amber": ("黄灯", "amber"),
        "light.short.red": ("红灯", "red"),
        "loss.turned_profitable": ("扭亏", "turned profitable"),
        "loss.loss_narrowed": ("减亏", "loss narrowed"),
        "loss.loss_widened": ("增亏", "loss widened"),
        "loss.turned_to_loss": ("由盈转亏", "turned to a loss"),
        "completion.in_loss": ("亏损", "in loss"),
        "completion.target_met": ("已达减亏目标", "loss target met"),
        "completion.target_missed": ("未达减亏目标", "loss target not met"),
        # Why a light has its colour (formulas.status_reason); {points} is progress_gap in 个百分点 / pp
        "reason.declining": ("同比下降", "down year on year"),
        "reason.far_behind": ("落后序时 {points} 个百分点", "{points} pp behind time progress"),
        "reason.behind": ("落后序时 {points} 个百分点", "{points} pp behind time progress"),
        "reason.below_floor": ("增速 {growth} 低于增长下限 {floor}", "growth {growth} below the floor {floor}"),
        "reason.on_track": ("达到序时进度", "on pace"),
        "reason.loss_target_met": ("已达减亏目标", "loss target met"),
        "reason.loss_target_missed": ("未达减亏目标", "loss target not met"),
    }
)

TEXT.update(
    {
        "targets.effective": (
            "生效目标 {scope} {metric}：{value} 元（{binding}；上年实际 {base} 元）",
            "Effective target {scope} {metric}: {value} yuan ({binding}; prior full year {base} yuan)",
        ),
        "targets.no_base": (
            "{scope} {metric} 只有增长下限，但没有 {year} 年第四季度数据，也未录入上年实际：无法计算生效目标。",
            "{scope} {metric} has only a growth floor, and neither {year}Q4 figures nor an entered base: no effective target.",
        ),
    }
)

TEXT.update(
    {
        # ---- issue 8: output (no traceback from any command-line input)
        "cli.bad_argument": (
            "参数有误：{reason}。请运行 {prog} --help 查看用法。",
            "Bad argument: {reason}. Run {prog} --help for the usage.",
        ),
        "cli.bad_db": (
            "--db 须为 SQLite 或 PostgreSQL 数据库地址（如 sqlite:///data/dashboard.db 或 postgresql://user@host/db），"
            "“{url}”不符合。",
            "--db must be a SQLite or PostgreSQL database URL (e.g. sqlite:///data/dashboard.db or "
            "postgresql://user@host/db), not '{url}'.",
        ),
        "cli.os_error": (
            "无法使用 {path}：{reason}。请检查文件或目录的路径与权限。",
            "Cannot use {path}: {reason}. Check the path and permissions of the file or directory.",
        ),
        "cli.internal": (
            "内部错误（编号 {ref}），未做任何更改。请把编号告诉管理员；详情已记入日志 data/logs/errors.log。",
            "Internal error (reference {ref}); nothing was changed. Give the reference to your administrator; "
            "the details are in the log data/logs/errors.log.",
        ),
    }
)

# ---- issue 8: workflow
TEXT.update(
    {
        "db.busy": (
            "数据库正忙（另一位用户正在保存数据），本次未做任何更改。请稍候几秒再试一次。",
            "The database is busy (someone else is saving); nothing was changed. Wait a few seconds and try again.",
        ),
        "import.duplicate_in_batch": (
            "{filename} 与本批中的 {first} 是同一文件（读取选项相同），只导入一次。",
            "{filename} is the same file as {first} in this batch (same read options); it is imported once.",
        ),
        "cli.bad_metric_name": (
            "指标名称或表头“{value}”无效：不能为空、不能含控制字符，最长 {max} 个字符。",
            "The metric name or header '{value}' is not valid: it must not be empty or hold control characters, "
            "and may have at most {max} characters.",
        ),
        "cli.unknown_actor": (
            "--user / DASHBOARD_USER 指定的账号“{value}”不存在或已停用。请填写一个有效账号的用户名，"
            "或不填（以服务器本地操作员 system 的身份操作）。",
            "The account '{value}' named by --user / DASHBOARD_USER does not exist or is disabled. Name an active "
            "account, or leave it out to act as the server's local operator (system).",
        ),
    }
)

# ---- issue 9: the gap report's PDF (h-html)
TEXT.update(
    {
        "setting.bad_program": (
            "{name} 须为程序的绝对路径（以 / 开头、不含控制字符），“{value}”不符合。",
            "{name} must be a program's absolute path (starting with /, no control characters), not '{value}'.",
        ),
        "report.pdf.no_playwright": (
            "无法生成 PDF：未安装 Python 包 playwright。请管理员在本系统的虚拟环境中运行 pip install playwright"
            "（无需运行 playwright install，PDF 由本机的 Chromium 打印）。Excel、HTML 和 CSV 格式仍可导出。",
            "The PDF cannot be made: the Python package playwright is not installed. An administrator runs "
            "pip install playwright in the app's virtual environment (no playwright install: the PDF is printed by "
            "this machine's Chromium). xlsx, HTML and CSV still work.",
        ),
        "report.pdf.no_chromium": (
            "无法生成 PDF：在 {path} 找不到可运行的 Chromium 浏览器。请管理员运行 apt-get install chromium "
            "fonts-noto-cjk，或用设置 DASHBOARD_CHROMIUM 指定 Chromium 的路径。Excel、HTML 和 CSV 格式仍可导出。",
            "The PDF cannot be made: no Chromium that runs was found at {path}. An administrator runs apt-get install "
            "chromium fonts-noto-cjk, or names Chromium's path in the setting DASHBOARD_CHROMIUM. xlsx, HTML and CSV "
            "still work.",
        ),
        "report.pdf.timeout": (
            "PDF 在 {seconds} 秒内未能生成，已停止，未做任何更改。请稍后再试；报告很大时可先导出 HTML 或 Excel。",
            "The PDF was not ready within {seconds} seconds and was stopped; nothing was changed. Try again later; "
            "for a very large report export HTML or xlsx instead.",
        ),
        "report.pdf.failed": (
            "Chromium 未能打印 PDF（{detail}），未做任何更改。请再试一次；如仍失败，请把这条消息告诉管理员。"
            "Excel、HTML 和 CSV 格式仍可导出。",
            "Chromium could not print the PDF ({detail}); nothing was changed. Try again; if it fails again, give "
            "this message to your administrator. xlsx, HTML and CSV still work.",
        ),
    }
)

# ---- issue 9: variance comments (差异说明) — the workflow's refusals and the command line
TEXT.update(
    {
        "comment.unknown_unit": (
            "单位编码“{value}”未登记，未保存差异说明。请填写已导入快报中的单位编码（可用 status 或 history 查看）。",
            "The unit code '{value}' is not registered; the comment was not saved. Use the code of a unit in an "
            "imported flash report (see status or history).",
        ),
        "comment.unknown_metric": (
            "指标“{value}”未配置，未保存差异说明。可用的指标：{known}。",
            "The metric '{value}' is not configured; the comment was not saved. Metrics: {known}.",
        ),
        "comment.period_range": (
            "期间 {period} 超出 {min}–{max} 年，未保存差异说明。请填写一个报告期，例如 2023Q2。",
            "The period {period} is outside the years {min} to {max}; the comment was not saved. Give a reporting "
            "period such as 2023Q2.",
        ),
        "comment.empty": (
            "差异说明和措施都是空的，未保存。请至少填写其中一项。",
            "Both the comment and the measures are empty; nothing was saved. Write at least one of them.",
        ),
        "comment.too_long.comment": (
            "差异说明有 {chars} 个字符，超过上限 {max} 个，未保存。请精简后再保存。",
            "The comment has {chars} characters, more than the {max} allowed; nothing was saved. Shorten it.",
        ),
        "comment.too_long.measures": (
            "措施有 {chars} 个字符，超过上限 {max} 个，未保存。请精简后再保存。",
            "The measures have {chars} characters, more than the {max} allowed; nothing was saved. Shorten them.",
        ),
        "comment.control.comment": (
            "差异说明含有不可见的控制字符或无效字符 {char}（如文字方向控制符），未保存。请删除后再保存（换行可以保留）。",
            "The comment holds the invisible control or invalid character {char} (such as a text-direction override); "
            "nothing was saved. Remove it (line breaks may stay).",
        ),
        "comment.control.measures": (
            "措施含有不可见的控制字符或无效字符 {char}（如文字方向控制符），未保存。请删除后再保存（换行可以保留）。",
            "The measures hold the invisible control or invalid character {char} (such as a text-direction override); "
            "nothing was saved. Remove it (line breaks may stay).",
        ),
        "comment.unchanged": (
            "与当前第 {version} 版（{by} 填写）完全相同，未做任何更改。",
            "The same as the current version {version} (written by {by}); nothing was changed.",
        ),
        "comment.saved": (
            "已保存 {unit} {metric} {period} 的差异说明，第 {version} 版。",
            "Saved the comment on {unit} {metric} {period} as version {version}.",
        ),
        "comment.none": ("{period} 没有差异说明。", "No comments for {period}."),
        "comment.none_history": (
            "{unit} {metric} {period} 没有差异说明。",
            "No comment on {unit} {metric} {period}.",
        ),
        "comment.head": (
            "{unit} {name} · {metric} · {period} · 第 {version} 版 · {by} · {at}",
            "{unit} {name} · {metric} · {period} · version {version} · {by} · {at}",
        ),
        "comment.label.comment": ("  差异说明：", "  Comment:"),
        "comment.label.measures": ("  措施：", "  Measures:"),
        "cli.comment_text_bad": (
            "无法读取 {path}：不是 UTF-8 文本。请以 UTF-8 编码保存后再试。",
            "Cannot read {path}: it is not UTF-8 text. Save it as UTF-8 and try again.",
        ),
    }
)
# ---- issue 9 (h-issue): issuing reports and the report command
TEXT.update(
    {
        "issue.bad_format": (
            "报告格式“{value}”无效，可选：{known}。",
            "The report format '{value}' is not valid; choose one of {known}.",
        ),
        "issue.empty": (
            "报告文件为空，未签发。请重新生成报告。",
            "The report file is empty; nothing was issued. Build it again.",
        ),
        "issue.stale": (
            "生成报告后数据（数据、目标或设置）已有更新，本次未签发。请重新生成报告后再签发。",
            "The data (figures, targets or settings) changed after the report was built; nothing was issued. "
            "Build the report again and issue that.",
        ),
        "issue.not_found": (
            "没有编号为 {id} 的已签发报告。请用 report list 查看已签发的报告。",
            "There is no issued report #{id}. Use report list to see the issued reports.",
        ),
        "issue.corrupt": (
            "已签发报告 #{id} 的存档文件与签发时的 SHA-256（{sha256}）不符，可能已被改动，因此不予提供。请联系管理员检查数据库。",
            "The kept file of issued report #{id} does not match its SHA-256 at issue ({sha256}); it may have been "
            "altered, so it is not handed out. Ask your administrator to check the database.",
        ),
        "report.need_year": (
            "请用 --year 指定报告年度（例如 --year 2023）。",
            "Name the report's year with --year (for example --year 2023).",
        ),
        "report.need_output": (
            "请用 -o 指定输出文件（例如 -o 报告.xlsx；csv 和 html 可用 -o - 输出到屏幕）。",
            "Name the output file with -o (for example -o report.xlsx; csv and html may use -o - for standard output).",
        ),
        "report.need_format": (
            "请用 --format 指定格式（xlsx、html、pdf 或 csv），或让 -o 的文件名以其中之一结尾。",
            "Name the format with --format (xlsx, html, pdf or csv), or end the -o file name with one of them.",
        ),
        "report.binary_stdout": (
            "{format} 是二进制文件，不能输出到屏幕（-o -）。请用 -o 指定一个文件。",
            "{format} is a binary file and cannot go to standard output (-o -); name a file with -o.",
        ),
        "report.is_dir": (
            "“{path}”是一个目录，不能覆盖。请在 -o 中写出文件名（例如 {path}/报告.xlsx）。",
            "'{path}' is a directory and cannot be overwritten; give a file name with -o (for example {path}/report.xlsx).",
        ),
        "report.no_dir": (
            "目录“{path}”不存在。请先创建该目录，或换一个输出位置。",
            "The directory '{path}' does not exist. Create it first, or write somewhere else.",
        ),
        "report.written": ("已写出 {path}（{size} 字节，{format}）。", "Wrote {path} ({size} bytes, {format})."),
        "report.issued": (
            "已签发为报告 #{id}：{period} {scope}，{language}，{format}，SHA-256 {sha256}，数据版本 {version}。",
            "Issued as report #{id}: {period} {scope}, {language}, {format}, SHA-256 {sha256}, data version {version}.",
        ),
        "report.none": ("还没有已签发的报告。", "No report has been issued yet."),
        "report.list_head": (
            "编号  签发时间          期间    范围        语言 格式  字节数      SHA-256       签发人      文件名",
            "ID    Issued at         Period  Scope       Lang Fmt   Bytes       SHA-256       Issued by   File",
        ),
        "report.group": ("集团", "Group"),
        "report.got": (
            "已写出已签发报告 #{id} 到 {path}（{size} 字节，SHA-256 已核对一致）。",
            "Wrote issued report #{id} to {path} ({size} bytes, SHA-256 checked).",
        ),
        "report.first": (
            "报告 #{id} 是该范围（{scope}，{language}）签发的第一份报告，没有可比较的上一份。",
            "Report #{id} is the first issued for its scope ({scope}, {language}); there is no earlier one to compare with.",
        ),
        "report.compared": (
            "报告 #{id}（{period}，{at}，{by}）与上一份 #{prev}（{prev_period}，{prev_at}，{prev_by}）相比：",
            "Report #{id} ({period}, {at}, {by}) against the previous #{prev} ({prev_period}, {prev_at}, {prev_by}):",
        ),
        "report.no_differences": ("数据、状态和说明均无变化。", "No figure, status or comment changed."),
        "report.diff_changed": ("  {path}：{old} → {new}", "  {path}: {old} → {new}"),
        "report.diff_added": ("  {path}：新增 {new}", "  {path}: added {new}"),
        "report.diff_removed": ("  {path}：删除（原为 {old}）", "  {path}: removed (was {old})"),
    }
)
