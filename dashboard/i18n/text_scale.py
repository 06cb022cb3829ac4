"""Texts of issue 11's scale part: TEXT (interface and command line) and PROBLEMS (reason codes), (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "import.needs_ack": (
        "未存入任何数据：文件有需要确认的提示（{codes}）。请核对上面的提示；确认无误后加上 {flags} 重新导入。",
        "Nothing was stored: the file has warnings that need acknowledging ({codes}). Check the warnings above; "
        "if the figures are right, import again with {flags}.",
    ),
    "web.acknowledge": (
        "我已核对“{name}”的提示，数据无误，确认存入（{code}）",
        "I have checked the '{name}' warnings and the figures are right; store them ({code})",
    ),
    "web.needs_ack": (
        "未存入：请先勾选确认提示（{codes}）。",
        "Nothing was stored: tick the acknowledgement of the warnings first ({codes}).",
    ),
    "ack.amount_scale_suspect": ("疑似金额单位错误", "amount unit looks wrong"),
    # for ui/upload.show_preview (owned by another helper): the warnings line when one needs acknowledging
    "web.warnings_need_ack": (
        "有 {count} 条提示，其中疑似金额单位错误的提示须勾选确认后才能导入，请核对：",
        "{count} warnings; a suspected amount unit error stops the import until you tick its acknowledgement "
        "below. Check them:",
    ),
    # the what-if panel (dashboard/ui/whatif.py) on the Overview and Units pages
    "whatif.title": ("全年测算（假设余下季度增速）", "What-if: growth for the rest of the year"),
    "whatif.help": (
        "假设余下季度（{rest}）比上年同期增长下面的比例，测算全年结果；并列出恰好完成目标所需的增速。",
        "Assume the remaining quarters ({rest}) grow by this rate over last year's same quarters: the full year "
        "it gives, beside the growth that exactly meets each target.",
    ),
    "whatif.rest": ("第{first}–4季度", "Q{first}–Q4"),
    "whatif.rest_one": ("第4季度", "Q4"),
    "whatif.growth": ("余下季度增速（较上年同期，%）", "Growth over last year, remaining quarters (%)"),
    "whatif.year_end": (
        "已是第四季度：全年已报完，没有余下季度可测算。",
        "Q4: the year is complete; no quarters remain to assume a growth for.",
    ),
    "whatif.full_year": ("全年预计：{amount}", "Full year: {amount}"),
    "whatif.target": ("目标：{amount}", "Target: {amount}"),
    "whatif.completion": ("完成率：{rate}", "Completion: {rate}"),
    "whatif.met": ("✓ 达标，超出 {amount}", "✓ Target met, by {amount}"),
    "whatif.missed": ("✗ 未达标，差 {amount}", "✗ Target missed, short by {amount}"),
    "whatif.required": ("恰好达标所需增速：{rate}", "Growth that exactly meets it: {rate}"),
    "whatif.already": ("年内累计已达目标", "The year to date already meets the target"),
    "whatif.no_target": ("无目标，只测算全年", "No target: the full year only"),
    "whatif.no_last_year": ("缺少上年数据，无法按增速测算", "No last-year figures to apply a growth to"),
    "whatif.no_rest": (
        "上年余下季度合计不为正，无法按增速测算",
        "Last year's remaining quarters were not positive: no growth to apply",
    ),
    "whatif.no_figures": ("本期未报数", "Not reported for this period"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # Amounts in 万元 (10k yuan), the unit flash reports are typed in; "–" marks a comparison not made.
    "amount_scale_suspect": (
        "疑似金额单位错误（{code}）：单位 {unit} 的 {metric}（{period} 本年累计）为 {figure} 万元，约为比较数的{factor}倍。"
        "比较数（万元）：上季度累计按季折算 {previous}；上年同期累计 {last_year}；"
        "全年目标按序时折算 {target}。请核对该单位填写的金额单位（元/千元/万元/百万元/亿元）；改正后重新上传，"
        "数据确属无误时，确认此提示后再存入。",
        "Amount unit looks wrong ({code}): unit {unit}'s {metric} ({period} YTD) is {figure} (10k yuan), about "
        "{factor} times what it was compared with (10k yuan): the previous quarter's YTD pro rata {previous}; "
        "the same quarter last year {last_year}; the target pro rata {target}. "
        "Check the amount unit this unit's figures were typed in (yuan, thousand, 10k, million or 100 million yuan); correct "
        "the file and upload it again, or acknowledge the warning if the figures are right.",
    ),
}
