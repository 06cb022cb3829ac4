"""A small gap report built by hand for the xlsx and CSV writers' tests (no database, no report model).

Its texts include what a workbook or a person could send: formulas, an array formula, links, a leading ``@``,
``+``, ``-``, tab and line breaks; its figures include negatives, missing and non-finite values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from dashboard.domain import PROFIT, REVENUE
from dashboard.reports.content import CellValue, Column, GapReport, Kind, Scale, Section, StatusStyle, Table

HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "{=SUM(A1:A2)}",
    "@cmd",
    "+1",
    "-1+2",
    "=1+1",
    "http://evil.example/x",
    "\tTabbed",
    "\r\nline",
)
GENERATED = datetime(2023, 7, 20, 8, 30, tzinfo=UTC)
_WORDS = {
    "zh": {"green": "正常", "amber": "关注", "red": "落后"},
    "en": {"green": "On track", "amber": "Watch", "red": "Behind"},
}


def _h(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def unit_columns(lang: str) -> tuple[Column, ...]:
    return (
        Column("unit", _h(lang, "单位", "Unit"), Kind.TEXT),
        Column("ytd_actual", _h(lang, "本年累计", "YTD actual"), Kind.AMOUNT),
        Column("effective_target", _h(lang, "年度目标", "Annual target"), Kind.AMOUNT),
        Column("completion_rate", _h(lang, "完成率", "Completion"), Kind.RATE),
        Column("progress_gap", _h(lang, "较序时（个百分点）", "vs time (pp)"), Kind.POINTS),
        Column("yoy_growth", _h(lang, "同比", "YoY"), Kind.RATE),
        Column("status", _h(lang, "状态", "Status"), Kind.STATUS),
        Column("comment", _h(lang, "差异说明", "Variance comment"), Kind.TEXT),
        Column("measures", _h(lang, "措施", "Measures"), Kind.TEXT),
    )


def unit_rows(n: int, metric: str) -> tuple[tuple[tuple[CellValue, ...], ...], tuple[str | None, ...]]:
    """``n`` unit rows: the first ones carry the hostile texts as names and comments; a few odd figures."""
    rows: list[tuple[CellValue, ...]] = []
    statuses: list[str | None] = []
    for i in range(n):
        status = ("red", "amber", "green", None)[i % 4]
        name = HOSTILE[i] if i < len(HOSTILE) else f"成员单位{i:04d}有限公司"
        ytd = Decimal(1_234_567_891 + 7_919 * i) / 100 * (-1 if i % 7 == 3 else 1)
        target = None if status is None else Decimal(3_000_000_000 + 1_000 * i)
        rows.append(
            (
                name,
                ytd,
                target,
                None if target is None else float(ytd / target),
                None if target is None else float(ytd / target) - 0.5,
                float("nan") if i == 1 else (0.061 if i % 2 else -0.032),
                status,
                HOSTILE[(i + 1) % len(HOSTILE)] if i < len(HOSTILE) else ("销售回款放缓，" * 12 if i == 10 else ""),
                "@SUM(1)" if i == 0 else f"{metric} 措施 {i}",
            )
        )
        statuses.append(status)
    return tuple(rows), tuple(statuses)


def _units_table(lang: str, metric: str, n: int) -> Table:
    rows, statuses = unit_rows(n, metric)
    return Table(
        key=f"units.{metric}",
        title=_h(lang, f"各单位{metric}完成情况", f"Member units: {metric}"),
        unit_line=_h(lang, "单位：亿元、%", "Unit: RMB bn, %"),
        columns=unit_columns(lang),
        rows=rows,
        row_status=statuses,
        note=_h(lang, "按落后程度排序", "Most behind first"),
    )


def _headline(lang: str) -> Table:
    columns = (
        Column("metric", _h(lang, "指标", "Metric"), Kind.TEXT),
        Column("ytd_actual", _h(lang, "本年累计", "YTD actual"), Kind.AMOUNT),
        Column("effective_target", _h(lang, "年度目标", "Annual target"), Kind.AMOUNT),
        Column("completion_rate", _h(lang, "完成率", "Completion"), Kind.RATE),
        Column("time_progress", _h(lang, "序时进度", "Time progress"), Kind.RATE),
        Column("progress_gap", _h(lang, "较序时（个百分点）", "vs time (pp)"), Kind.POINTS),
        Column("yoy_change", _h(lang, "同比增减额", "YoY change"), Kind.AMOUNT),
        Column("gap", _h(lang, "缺口", "Gap"), Kind.AMOUNT),
        Column("status", _h(lang, "状态", "Status"), Kind.STATUS),
    )
    rows: tuple[tuple[CellValue, ...], ...] = (
        (
            REVENUE.name(lang),
            Decimal("18241234567.89"),
            Decimal("38000000000"),
            0.48,
            0.5,
            -0.02,
            Decimal("1.5E9"),
            Decimal("19758765432.11"),
            "amber",
        ),
        (
            PROFIT.name(lang),
            Decimal("-52000000.5"),
            Decimal("980000000"),
            None,
            0.5,
            None,
            Decimal("-31000000"),
            Decimal("1032000000.5"),
            "red",
        ),
    )
    return Table(
        "headline",
        _h(lang, "主要指标", "Headline"),
        _h(lang, "单位：亿元、%", "Unit: RMB bn, %"),
        columns,
        rows,
        ("amber", "red"),
    )


def _counts(lang: str, metric: str) -> Table:
    columns = (
        Column("label", _h(lang, "项目", "Item"), Kind.TEXT),
        Column("units", _h(lang, "户数", "Units"), Kind.COUNT),
        Column("change", _h(lang, "同比增减（户）", "Change (units)"), Kind.COUNT),
        Column("share", _h(lang, "占比", "Share"), Kind.RATE),
        Column("share_change", _h(lang, "同比（个百分点）", "Change (pp)"), Kind.POINTS),
        Column("amount", _h(lang, "金额", "Amount"), Kind.AMOUNT),
    )
    rows: tuple[tuple[CellValue, ...], ...] = (
        (_h(lang, "达到序时进度", "On pace"), 9, 2, 0.6, 0.133, None),
        (_h(lang, "亏损企业", "Loss-making"), 3, -1, 0.2, -0.067, Decimal("-45000000")),
    )
    return Table(f"counts.{metric}", _h(lang, f"{metric}户数统计", f"{metric}: counts"), "", columns, rows)


def _quarters(lang: str, metric: str) -> Table:
    columns = (
        Column("quarter", _h(lang, "季度", "Quarter"), Kind.TEXT),
        Column("ytd_actual", _h(lang, "本年累计", "YTD actual"), Kind.AMOUNT),
        Column("target_path", _h(lang, "目标路径", "Target path"), Kind.AMOUNT),
        Column("last_year_ytd", _h(lang, "上年累计", "Last year YTD"), Kind.AMOUNT),
        Column("single_quarter", _h(lang, "单季", "Single quarter"), Kind.AMOUNT),
        Column("last_year_single", _h(lang, "上年单季", "Last year's quarter"), Kind.AMOUNT),
    )
    rows: tuple[tuple[CellValue, ...], ...] = tuple(
        (
            _h(lang, ("1—3月", "1—6月", "1—9月", "1—12月")[q], f"Q1–Q{q + 1}"),
            Decimal(9_000_000_000 * (q + 1) + 123) if q < 2 else None,
            Decimal(9_500_000_000 * (q + 1)),
            Decimal(8_700_000_000 * (q + 1)),
            Decimal(9_000_000_000 + 123) if q < 2 else None,
            Decimal(8_700_000_000),
        )
        for q in range(4)
    )
    return Table(
        f"quarters.{metric}",
        _h(lang, f"{metric}分季度", f"{metric} by quarter"),
        _h(lang, "单位：亿元", "Unit: RMB bn"),
        columns,
        rows,
    )


def _notes(lang: str) -> Section:
    uploads = Table(
        "notes.uploads",
        _h(lang, "数据来源", "Uploads"),
        "",
        (
            Column("id", "#", Kind.COUNT),
            Column("filename", _h(lang, "文件", "File"), Kind.TEXT),
            Column("uploaded_by", _h(lang, "上传人", "Uploaded by"), Kind.TEXT),
        ),
        ((1, "=cmd|' /C calc'!A0.xlsx", "@finance"), (2, "2023Q2快报.xlsx", "财务部")),
    )
    paragraphs = (
        _h(lang, "完成率 = 本年累计 ÷ 年度目标。", "Completion = YTD actual ÷ annual target."),
        _h(
            lang,
            "状态：落后于序时进度超过5个百分点为“落后”。" * 8,
            "Status: more than 5 pp behind time progress is 'Behind'. " * 8,
        ),
    )
    return Section("notes", _h(lang, "说明", "Notes"), paragraphs, (uploads,))


def make_report(lang: str = "zh", units: int = 12, metrics: tuple[str, ...] = ("revenue", "profit")) -> GapReport:
    """A report with ``units`` member units per metric, in ``lang``."""
    narrative = {
        m: _h(lang, f"1—6月累计实现{m}182.41亿元，同比增长6.1%。" * 6, f"{m} reached RMB 18.24 bn. " * 12)
        for m in metrics
    }
    sections = (
        Section("headline", _h(lang, "主要指标", "Headline"), (), (_headline(lang),)),
        Section("narrative", _h(lang, "分析", "Narrative"), tuple(narrative.values())),
        Section("units", _h(lang, "各单位", "Member units"), (), tuple(_units_table(lang, m, units) for m in metrics)),
        Section(
            "counts",
            _h(lang, "户数", "Counts"),
            (_h(lang, '由盈转亏：=HYPERLINK("http://x","y")', "Turned to loss: @cmd"),),
            tuple(_counts(lang, m) for m in metrics),
        ),
        Section("charts", _h(lang, "图表", "Charts"), (), tuple(_quarters(lang, m) for m in metrics)),
        _notes(lang),
    )
    summary: dict[str, Any] = {"prepared_by": '=HYPERLINK("http://x","y") 张三', "generated_at": GENERATED.isoformat()}
    return GapReport(
        lang=lang,
        title=_h(lang, "《某集团2023年1—6月经营目标完成情况及缺口分析》", "Group 2023 H1: targets and gaps"),
        meta=(
            (_h(lang, "报告期", "Period"), _h(lang, "2023年1—6月", "2023 Jan–Jun")),
            (_h(lang, "数据截至", "Data as of"), "#3 =cmd|' /C calc'!A0 · 2023-07-15 10:00 · @finance"),
            (_h(lang, "编制人", "Prepared by"), "+张三"),
        ),
        scale=Scale(Decimal(100_000_000) if lang == "zh" else Decimal(1_000_000_000), _h(lang, "亿元", "RMB bn"), 2),
        statuses=tuple(
            StatusStyle(code, word, fill, "#ffffff")
            for (code, word), fill in zip(_WORDS[lang].items(), ("#2e7d32", "#f9a825", "#c62828"), strict=True)
        ),
        sections=sections,
        narrative=narrative,
        filename="2023Q2_集团_缺口分析",
        summary=summary,
        model=SimpleNamespace(metrics=(REVENUE, PROFIT)),  # type: ignore[arg-type]  # the writers read names only
    )
