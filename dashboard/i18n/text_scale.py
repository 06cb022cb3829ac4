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
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "amount_scale_suspect": (
        "疑似金额单位错误（{code}）：单位 {unit} 的 {metric}（{period} 本年累计）为 {figure_zh}，约为{compared_zh}。"
        "请核对该单位填写的金额单位（元/千元/万元/亿元）；改正后重新上传，数据确属无误时，确认此提示后再存入。",
        "Amount unit looks wrong ({code}): unit {unit}'s {metric} ({period} YTD) is {figure_en}, about {compared_en}. "
        "Check the amount unit this unit's figures were typed in (yuan, RMB thousand, RMB 10 thousand, RMB 100 million); "
        "correct the file and upload it again, or acknowledge the warning if the figures are right.",
    ),
}
