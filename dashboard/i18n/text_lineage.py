"""Texts of issue 11's lineage part: TEXT (interface and command line) and PROBLEMS (reason codes), (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # how a stored figure came (dashboard.lineage.how) and what an upload was
    "lineage.how.import": ("导入", "Imported"),
    "lineage.how.quarter": ("单季折算", "Converted from a single quarter"),
    "lineage.how.revert": ("恢复", "Restored"),
    "lineage.reverts": ("恢复上传 #{upload}", "restores upload #{upload}"),
    "lineage.reason": ("原因：{reason}", "reason: {reason}"),
    "lineage.no_reason": ("未填写原因", "no reason given"),
    "lineage.submission": ("确认单位报送 #{submission}", "confirms submission #{submission}"),
    "lineage.confirmed_by": ("（{by} 确认）", " (confirmed by {by})"),
    "lineage.current": ("当前", "current"),
    "lineage.first": ("首次", "first"),
    "lineage.unchanged": ("未变", "unchanged"),
    "lineage.prior_changed": ("上年同期更正", "prior-year restated"),
    "lineage.no_cell": ("（未记录单元格）", "(cell not recorded)"),
    # the Units page's section
    "web.lineage.head": ("数据来源", "Where these figures come from"),
    "web.lineage.intro": (
        "{unit} · {metric} · {period}：每一版数据及其上传、上传人、时间、文件与单元格，最新一版为当前数。金额单位：{scale}。",
        "{unit} · {metric} · {period}: every stored version with its upload, who, when, file and cell; the newest "
        "is current. Amounts in {scale}.",
    ),
    "web.lineage.metric": ("指标", "Metric"),
    "web.lineage.period": ("期间", "Period"),
    "web.lineage.none": (
        "{period} 没有已存的{metric}数据（该单位尚未报送此项）。",
        "No {metric} figure is stored for {period} (the unit has not reported it).",
    ),
    "web.lineage.col.version": ("版本", "Version"),
    "web.lineage.col.ytd": ("本年累计", "YTD"),
    "web.lineage.col.prior_ytd": ("上年同期", "Prior-year YTD"),
    "web.lineage.col.change": ("较上一版", "Change"),
    "web.lineage.col.how": ("方式", "How"),
    "web.lineage.col.upload": ("上传", "Upload"),
    "web.lineage.col.source": ("文件 · 单元格", "File · cell"),
    "web.lineage.download": (
        "下载原始文件 #{upload}：{filename}",
        "Download the original of upload #{upload}: {filename}",
    ),
    "web.lineage.downloads": (
        "原始文件（与上传时逐字节相同）：",
        "The original files, byte for byte as uploaded:",
    ),
    "web.lineage.file_missing": (
        "上传 #{upload} 的原始文件未保存，无法下载。",
        "The original file of upload #{upload} was not kept; it cannot be downloaded.",
    ),
    # the command line: history --unit CODE
    "lineage.cli.source": (
        "      {how}；文件 {file}；{by}，{at}",
        "      {how}; file {file}; by {by}, {at}",
    ),
    # the gap report's uploads table
    "report.col.how": ("方式与原因", "How and why"),
    "report.col.sheet": ("工作表", "Sheet"),
}

PROBLEMS: dict[str, tuple[str, str]] = {}
