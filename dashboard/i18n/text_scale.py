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
        "疑似金额单位错误：单位 {unit} {metric} 为 {value}，约为{compared}的{factor}倍。请核对该单位填写的金额单位。",
        "Amount unit looks wrong: {unit} {metric} is {value}, about {factor} times {compared}. Check the amount "
        "unit this unit's figures were typed in.",
    ),
}
