"""Sign-in, accounts, roles and the admin-editable settings texts, keyed by name: (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # roles and what they may do (dashboard.auth.roles)
    "role.executive": ("经营层", "Executive"),
    "role.unit_finance": ("单位财务", "Unit finance"),
    "role.finance": ("财务", "Finance"),
    "role.admin": ("管理员", "Administrator"),
    "action.view": ("查看看板", "view the dashboard"),
    "action.upload": ("上传快报", "upload flash reports"),
    "action.submit": ("报送本单位快报", "submit your units' flash reports"),
    "action.review": ("审核各单位报送的快报", "review the units' submissions"),
    "action.revert": ("恢复历史上传的数据", "restore an earlier upload"),
    "action.set_targets": ("设定目标", "set targets"),
    "action.set_settings": ("修改系统设置", "change the settings"),
    "action.lock": ("锁定或解锁期间", "lock or unlock periods"),
    "action.manage_accounts": ("管理账号", "manage accounts"),
    "action.comment": ("填写差异说明", "write variance comments"),
    "action.issue_report": ("签发缺口分析报告", "issue gap reports"),
    "auth.forbidden": (
        "您的角色无权{action}。如需开通，请联系管理员。",
        "Your role may not {action}. Ask an administrator if you need to.",
    ),
    # sign-in
    "auth.bad_login": (
        "用户名或密码不正确，或账号已停用。",
        "Wrong username or password, or the account is disabled.",
    ),
    "auth.no_account": (
        "{email} 尚未开通本看板的账号，请联系管理员。",
        "{email} has no account for this dashboard yet; ask an administrator.",
    ),
    "setup.console": (
        "首次使用：在页面上创建第一个管理员账号时，请输入设置码 {code}（本次运行期间有效）。",
        "First run: to create the first admin account on the web page, enter the setup code {code} "
        "(valid while this server runs).",
    ),
    "setup.bad_code": (
        "设置码不正确。设置码显示在服务器的控制台（运行看板的命令窗口）中。",
        "Wrong setup code. It is shown on the server console (the window running the dashboard).",
    ),
    # account errors (dashboard.auth.accounts.AccountError)
    "account.bad_username": (
        "用户名“{username}”不符合要求：请用 2–100 位英文字母、数字或 . _ - @。",
        "The username '{username}' is not valid: use 2–100 letters, digits or . _ - @.",
    ),
    "account.bad_email": ("邮箱“{email}”格式不正确。", "'{email}' is not a valid email address."),
    "account.bad_display_name": ("显示名称最多 {max} 个字符。", "A display name has at most {max} characters."),
    "account.unknown_role": ("没有“{role}”这个角色，可选：{roles}。", "There is no role '{role}'. Roles: {roles}."),
    "account.duplicate": ("用户名 {username} 已存在。", "The username {username} exists already."),
    "account.duplicate_email": ("邮箱 {email} 已被其他账号使用。", "The email {email} belongs to another account."),
    "account.unknown": ("账号 {username} 不存在。", "There is no account {username}."),
    "account.no_sign_in": (
        "账号 {username} 既没有密码也没有邮箱，将无法登录。请设置密码，或填写统一身份认证所用的邮箱。",
        "The account {username} would have neither a password nor an email and could never sign in. "
        "Set a password, or give the email used for single sign-on.",
    ),
    "account.last_admin": (
        "不能对 {username} 做此修改：系统中至少要保留一个启用的管理员账号。",
        "Cannot change {username} this way: at least one active administrator account must remain.",
    ),
    # password policy (dashboard.auth.passwords.password_problems)
    "password.too_short": ("密码至少需要 10 个字符。", "A password needs at least 10 characters."),
    "password.contains_username": ("密码不能包含用户名。", "A password must not contain the username."),
    "password.digits_only": (
        "密码不能全是数字，请加入字母或符号。",
        "A password must not be digits only; add letters or symbols.",
    ),
    "password.too_simple": (
        "密码过于简单（不同的字符太少）。",
        "This password is too simple (too few different characters).",
    ),
    "password.common": (
        "这是常见密码，很容易被猜中，请换一个。",
        "This is a common password that is easily guessed; choose another.",
    ),
    # settings an admin may change on screen (dashboard.config, dashboard.settings_store.SettingError)
    "setting.unknown": ("没有名为 {name} 的设置。", "There is no setting {name}."),
    "setting.not_editable": (
        "{name} 不能在页面上修改，请在服务器的环境变量或 secrets.toml 中设置。",
        "{name} cannot be changed on screen; set it in the server's environment or secrets.toml.",
    ),
    "setting.bad_choice": (
        "{name} 不能设为“{value}”，可选：{choices}。",
        "{name} cannot be '{value}'. Choose: {choices}.",
    ),
    "setting.bad_fraction": (
        "{name} 须为 0 到 1 之间的小数（如 0.10 表示 10 个百分点，也可写 10%），“{value}”不符合。",
        "{name} must be a fraction from 0 to 1 (0.10 = 10 percentage points; 10% also reads so), not '{value}'.",
    ),
    "setting.bad_number": (
        "{name} 须为大于 0 的数字，“{value}”不符合。",
        "{name} must be a number above 0, not '{value}'.",
    ),
    "setting.bad_timezone": (
        "{name}：无法识别时区“{value}”，请写如 Asia/Shanghai。",
        "{name}: unknown time zone '{value}'; write e.g. Asia/Shanghai.",
    ),
    "setting.saved": ("已保存设置：{label} = {value}。", "Saved: {label} = {value}."),
    "setting.name.STATUS_RED_GAP": ("红灯阈值（落后序时进度）", "Red threshold (behind time progress)"),
    "setting.help.STATUS_RED_GAP": (
        "完成率落后于比较基准超过此值即亮红灯；0.10 表示 10 个百分点。",
        "A completion rate further behind the pace than this is red; 0.10 = 10 percentage points.",
    ),
    "setting.name.STATUS_PACE": ("进度比较基准", "Pace to compare against"),
    "setting.help.STATUS_PACE": (
        "完成率与什么比较：序时进度，或上年同期的季节规律（上年没有数据时按序时进度）。",
        "What the completion rate is compared with: time progress, or last year's seasonal pattern "
        "(time progress where last year has no figure).",
    ),
    "setting.choice.STATUS_PACE.linear": ("序时进度", "Time progress (linear)"),
    "setting.choice.STATUS_PACE.seasonal": ("上年季节规律", "Last year's seasonal pattern"),
    "setting.name.TIME_PROGRESS": ("序时进度算法", "Time progress basis"),
    "setting.help.TIME_PROGRESS": (
        "按季度计（第几季度 ÷ 4），或按天数计（已过天数 ÷ 全年天数）。",
        "By quarters (quarter ÷ 4) or by days (days elapsed ÷ days in the year).",
    ),
    "setting.choice.TIME_PROGRESS.quarters": ("按季度", "By quarters"),
    "setting.choice.TIME_PROGRESS.days": ("按天数", "By days"),
    "setting.name.STATUS_COLOURS": ("红绿灯颜色含义", "Colour meaning"),
    "setting.help.STATUS_COLOURS": (
        "状态总会同时显示文字，颜色只作辅助。",
        "A status is always shown with its word as well; colour only helps.",
    ),
    "setting.choice.STATUS_COLOURS.green-good": ("绿色为正常，红色为落后", "Green on track, red behind"),
    "setting.choice.STATUS_COLOURS.red-good": (
        "红色为正常，绿色为落后（红涨绿跌习惯）",
        "Red on track, green behind (Chinese market convention)",
    ),
    "setting.name.GROUP_NAME": ("集团名称", "Group name"),
    "setting.help.GROUP_NAME": (
        "缺口分析报告标题中的集团全称，最多 100 个字符。",
        "The group's full name in the gap report's title, at most 100 characters.",
    ),
    "setting.name.AMOUNTS_GROUP": ("集团层面金额单位", "Group amounts shown in"),
    "setting.help.AMOUNTS_GROUP": ("集团合计数的显示单位。", "The display unit of group totals."),
    "setting.choice.AMOUNTS_GROUP.yi": ("亿元", "RMB bn"),
    "setting.choice.AMOUNTS_GROUP.wan": ("万元", "RMB m"),
    "setting.name.AMOUNTS_UNIT": ("各单位金额单位", "Unit amounts shown in"),
    "setting.help.AMOUNTS_UNIT": ("各单位数据的显示单位。", "The display unit of each unit's figures."),
    "setting.choice.AMOUNTS_UNIT.wan": ("万元", "RMB m"),
    "setting.choice.AMOUNTS_UNIT.yi": ("亿元", "RMB bn"),
    # the users command (dashboard.cli.users)
    "users.added": ("已创建账号 {username}（{role}）。", "Created the account {username} ({role})."),
    "users.sso_only": (
        "该账号没有密码，只能通过统一身份认证登录。",
        "It has no password and signs in only through single sign-on.",
    ),
    "users.prompt": ("请输入 {username} 的新密码：", "New password for {username}: "),
    "users.prompt_again": ("请再输入一次：", "Repeat it: "),
    "users.mismatch": ("两次输入的密码不一致，未做任何更改。", "The two passwords differ; nothing changed."),
    "users.no_password": ("没有读到密码，未做任何更改。", "No password was read; nothing changed."),
    "users.password_set": ("已更新 {username} 的密码。", "Changed the password of {username}."),
    "users.role_set": ("{username} 的角色已改为{role}。", "{username} is now {role}."),
    "users.disabled": ("已停用账号 {username}，该账号不能再登录。", "Disabled {username}; the account cannot sign in."),
    "users.enabled": ("已启用账号 {username}。", "Enabled {username}."),
    "users.none": (
        "还没有任何账号。创建第一个管理员：python -m dashboard users add admin --role admin",
        "There are no accounts yet. Create the first admin: python -m dashboard users add admin --role admin",
    ),
    "users.head": (
        "用户名              姓名                角色      状态  登录方式        最近登录          邮箱",
        "username            name                role      state sign-in         last sign-in      email",
    ),
    "users.active": ("启用", "on"),
    "users.inactive": ("停用", "off"),
    "users.by_password": ("密码", "password"),
    "users.by_sso": ("统一认证", "SSO"),
    "users.never": ("从未登录", "never"),
    # ---- issue 8: auth (password policy, sign-in throttling, audit log)
    "password.guessable": (
        "密码太容易被猜中。请用更长的密码：例如由几个不相关的词组成的短语，或 12 位以上的字母、数字和符号混合。",
        "This password is too easy to guess. Use a longer one: a phrase of several unrelated words, or 12 or more "
        "mixed letters, digits and symbols.",
    ),
    "password.pinyin": (
        "密码主要由常见拼音（姓名、常用词）组成，很容易被猜中。请加入不相关的词或随机字符，或改用更长的短语。",
        "This password is mostly common pinyin (names, everyday words) and easy to guess. Add unrelated words or "
        "random characters, or use a longer phrase.",
    ),
    "password.personal": (
        "密码包含账号本人的信息（用户名、姓名或邮箱的一部分），很容易被猜中。请换一个与本人无关的密码。",
        "This password contains the account's own details (part of the username, name or email) and is easy to "
        "guess. Choose one that has nothing to do with the person.",
    ),
    "password.words": (
        "密码主要由常见单词或人名组成，很容易被猜中。请加入更多不相关的词或随机字符。",
        "This password is mostly common words or names and easy to guess. Add more unrelated words or random "
        "characters.",
    ),
    "password.keyboard": (
        "密码是键盘上相邻按键的组合（如 qwerty、1qaz2wsx），很容易被猜中。请换一个。",
        "This password follows neighbouring keys on the keyboard (like qwerty or 1qaz2wsx) and is easy to guess. "
        "Choose another.",
    ),
    "password.sequence": (
        "密码是连续的字母或数字（如 abcdef、13579），很容易被猜中。请换一个。",
        "This password is a run of letters or digits (like abcdef or 13579) and is easy to guess. Choose another.",
    ),
    "password.repeat": (
        "密码由重复的片段组成（如 abcabc、888888），很容易被猜中。请换一个。",
        "This password repeats the same part (like abcabc or 888888) and is easy to guess. Choose another.",
    ),
    "password.date": (
        "密码主要由日期或年份组成（如生日、1990、2023），很容易被猜中。请不要用日期，或再加入不相关的词。",
        "This password is mostly a date or a year (a birthday, 1990, 2023) and easy to guess. Leave the date out, "
        "or add unrelated words.",
    ),
    "auth.throttled": (
        "尝试次数过多。为保护账号，请 {wait}后再试。如忘记密码，请联系管理员重设。",
        "Too many attempts. To protect the accounts, wait {wait} and try again. If you forgot your password, ask "
        "an administrator to reset it.",
    ),
    "auth.throttled_setup": (
        "安装码尝试次数过多，请 {wait}后再试。安装码显示在服务器控制台；也可在服务器上运行 "
        "python -m dashboard users add admin --role admin 创建管理员。",
        "Too many setup-code attempts; wait {wait} and try again. The code is on the server console; an admin can "
        "also be created on the server with: python -m dashboard users add admin --role admin",
    ),
    "auth.wait_seconds": ("{n} 秒", "{n} seconds"),
    "auth.wait_minutes": ("{n} 分钟", "{n} minutes"),
    # the audit command (dashboard.cli.audit)
    "audit.intact": (
        "审计日志完整，共 {count} 条。最新一条的哈希：{hash}（可另行保存，以便日后核对）",
        "intact, {count} entries. Newest hash: {hash} (keep it elsewhere to check against later)",
    ),
    "audit.edited": (
        "审计日志在第 #{id} 条断开：该条的内容与其哈希不符（被修改过，或是伪造后插入的）。前一条：{previous}。",
        "The audit log breaks at entry #{id}: its contents do not match its hash (it was edited, or forged and "
        "inserted). Entry before it: {previous}.",
    ),
    "audit.link": (
        "审计日志在第 #{id} 条断开：该条记录的“前一条哈希”与前一条（{previous}）不符（其间有条目被删除、插入或修改）。",
        "The audit log breaks at entry #{id}: its previous-hash does not match the entry before it ({previous}); "
        "an entry between them was deleted, inserted or changed.",
    ),
    "audit.missing": (
        "审计日志在第 #{id} 条断开：它与前一条（{previous}）之间的条目被删除了（编号不连续且哈希链接不符）。",
        "The audit log breaks at entry #{id}: the entries between it and the one before ({previous}) were deleted "
        "(the ids skip and the hash link does not match).",
    ),
    "audit.broken_hint": (
        "请从备份中核对第 #{id} 条及其前后的记录，并查明是谁直接修改了数据库。",
        "Compare entry #{id} and its neighbours with a backup, and find out who changed the database directly.",
    ),
    "audit.empty": ("审计日志中还没有记录。", "The audit log has no entries yet."),
    "audit.head": (
        "     编号  时间（本地）          操作人               操作               详情",
        "     id  time (local)         actor                action             details",
    ),
    "users.unlocked": (
        "已解除 {username} 因多次登录失败而设的锁定，失败次数已清零。",
        "Lifted the lock of {username} after failed sign-ins; its failures are forgotten.",
    ),
    "users.not_locked": ("{username} 没有登录失败记录，无需解锁。", "{username} had no failed sign-ins to forget."),
    # ---- issue 8: output (settings validated at start-up, dashboard.config.SettingInvalid)
    "setting.bad_database_url": (
        "{name} 须为 SQLite 或 PostgreSQL 数据库地址（如 sqlite:///data/dashboard.db 或 "
        "postgresql://user@host/db），“{value}”不符合。",
        "{name} must be a SQLite or PostgreSQL database URL (e.g. sqlite:///data/dashboard.db or "
        "postgresql://user@host/db), not '{value}'.",
    ),
    "setting.bad_name": (
        "{name} 须为不超过 100 个字符、不含控制字符的名字，“{value}”不符合。",
        "{name} must be a name of at most 100 characters without control characters, not '{value}'.",
    ),
    "setting.source.env": ("环境变量", "environment variable"),
    "setting.source.secrets": (".streamlit/secrets.toml 的 [dashboard] 表", "[dashboard] in .streamlit/secrets.toml"),
    "setting.invalid": (
        "设置错误（来自{source}）：{problem}请改正后重新启动；各设置的可选值见 docs/settings.md。",
        "Setting error (from the {source}): {problem} Correct it and start again; docs/settings.md lists the allowed "
        "values of every setting.",
    ),
    "setting.error_page": ("看板无法启动：设置有误", "The dashboard cannot start: a setting is wrong"),
}
