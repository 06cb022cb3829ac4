"""A gap report built by hand for the HTML and PDF writers' tests and benchmark (no ``dashboard.reports.model``).

``sample_report(units, lang)`` makes a seeded read model of ``units`` member units (revenue and profit, last year
and this year to Q2, group and unit targets), then lays out a ``GapReport`` from it the way the report model does:
title block, headline table, narrative, the units tables most behind first with statuses and variance comments,
counts, the real report charts and notes. The first units carry hostile names (a script tag, an Excel formula),
one comment tries to close a script tag, and the group name and an upload's file name hold markup, so the tests
can see that everything from a workbook or a person is written as text.
"""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from dashboard.analytics.engine import GROUP, TargetSpec, UnitInfo
from dashboard.analytics.model import ReadModel, Stored, UploadRef, build
from dashboard.analytics.series import History
from dashboard.charts.report import report_charts
from dashboard.domain import DEFAULT_METRICS, Period
from dashboard.i18n import t
from dashboard.i18n.numbers import COLOUR_SCHEMES, decimal_text, points, rate
from dashboard.reports.content import Column, GapReport, Kind, Scale, Section, StatusStyle, Table

YEAR, QUARTER = 2023, 2
SCRIPT_NAME = "<script>alert(1)</script>"
FORMULA_NAME = '=HYPERLINK("http://x","y")'
CLOSING_COMMENT = '</script><script>alert("comment")</script>\n措施：加快回款 & 压降库存'
GROUP_NAME = "衡川机电<b>集团</b>"
UPLOAD_NAME = '2023Q2快报<img src=x onerror="alert(2)">.xlsx'
YI = Decimal(100_000_000)


def sample_model(units: int, seed: int = 7) -> ReadModel:
    """A read model of ``units`` member units, as of 2023Q2, with targets for the group and every unit."""
    rng = random.Random(seed)
    names = [SCRIPT_NAME, FORMULA_NAME] + [f"成员单位{i:04d}" for i in range(2, units)]
    infos = {f"U{i:04d}": UnitInfo(f"U{i:04d}", names[i], f"Unit {i:04d}", "", "member") for i in range(units)}
    ytd: dict[tuple[str, Period, str], Decimal] = {}
    targets: list[TargetSpec] = []
    totals = {"revenue": Decimal(0), "profit": Decimal(0)}
    for code in infos:
        base = {"revenue": Decimal(rng.randint(2 * 10**8, 30 * 10**8)), "profit": Decimal(rng.randint(-(10**7), 10**8))}
        for metric, year_amount in base.items():
            for q in range(1, 5):
                ytd[(code, Period(YEAR - 1, q), metric)] = year_amount * q / 4
            pace = Decimal(rng.uniform(0.8, 1.25))
            for q in range(1, QUARTER + 1):
                ytd[(code, Period(YEAR, q), metric)] = (year_amount * q / 4 * pace).quantize(Decimal(1))
            target = (abs(year_amount) * Decimal("1.06")).quantize(Decimal(10000))
            targets.append(TargetSpec(metric, code, target, Decimal("0.05"), None))
            totals[metric] += target
    for metric, total in totals.items():
        targets.append(TargetSpec(metric, GROUP, total, Decimal("0.05"), None))
    history = History((YEAR - 1, YEAR), ytd, {})
    upload = UploadRef(1, UPLOAD_NAME, "finance", datetime(2023, 7, 12, 9, 30), "2023Q1,2023Q2", len(ytd))
    stored = Stored(DEFAULT_METRICS, infos, history, tuple(targets), (upload,))
    return build(stored, YEAR, QUARTER)


def sample_report(units: int = 15, lang: str = "zh", charts: bool = True) -> GapReport:
    """The hand-built gap report of ``sample_model(units)`` in ``lang`` (charts from ``report_charts``)."""
    model = sample_model(units)
    zh = lang == "zh"
    scale = Scale(YI if zh else Decimal(1_000_000_000), "亿元" if zh else "RMB bn")
    statuses = tuple(
        StatusStyle(code, t(f"status.{code}", lang), colour, "#ffffff" if code != "amber" else "#222222")
        for code, colour in COLOUR_SCHEMES["green-good"].items()
    )
    title = f"《{GROUP_NAME}2023年1—6月经营目标完成情况及缺口分析》" if zh else f"{GROUP_NAME}: targets, 2023 H1"
    meta = (
        ("报告期" if zh else "Period", "2023年1—6月" if zh else "Jan–Jun 2023"),
        ("数据截至" if zh else "Data as of", f"#1 {UPLOAD_NAME} 2023-07-12 17:30 finance"),
        ("金额单位" if zh else "Amounts", scale.word),
        ("序时进度" if zh else "Time progress", "50.0%"),
    )
    sections = (
        Section("headline", "一、主要指标完成情况" if zh else "1. Headline", tables=(_headline(model, lang),)),
        Section("narrative", "二、分析" if zh else "2. Analysis", paragraphs=tuple(_narrative(model, lang).values())),
        Section("units", "三、所属单位" if zh else "3. Member units", tables=_units(model, lang)),
        Section("counts", "四、户数统计" if zh else "4. Counts", tables=(_counts(model, lang),)),
        Section("charts", "五、图表" if zh else "5. Charts"),
        Section("notes", "六、说明" if zh else "6. Notes", paragraphs=_notes(lang)),
    )
    return GapReport(
        lang=lang,
        title=title,
        meta=meta,
        scale=scale,
        statuses=statuses,
        sections=sections,
        narrative=_narrative(model, lang),
        draw_charts=(lambda: report_charts(model, lang, "group")) if charts else tuple,
        filename="2023Q2_集团_缺口分析",
        summary={},
        model=model,
    )


def headline_sentence(model: ReadModel, metric: str = "revenue") -> str:
    """The drafted Chinese sentence with the completion rate and the 序时进度 gap (what the PDF must carry)."""
    figures = model.entity.metrics[metric]
    assert figures.completion_rate is not None and figures.progress_gap is not None
    side = "低于" if figures.progress_gap < 0 else "高于"
    gap = points(abs(figures.progress_gap), "zh").replace(" ", "").lstrip("+")
    return f"完成年度目标的{rate(figures.completion_rate)}，{side}序时进度{gap}"


def _narrative(model: ReadModel, lang: str) -> dict[str, str]:
    out = {}
    for m in model.metrics:
        f = model.entity.metrics[m.code]
        assert f.ytd_actual is not None
        amount = decimal_text(f.ytd_actual / YI, 2, grouped=True)
        if lang == "zh":
            out[m.code] = f"1—6月累计实现{m.name_zh}{amount}亿元，{headline_sentence(model, m.code)}。"
        else:
            out[m.code] = f"{m.name_en} for Jan–Jun was RMB {amount} hundred million; {rate(f.completion_rate)} done."
    out["revenue"] += "（编辑：<i>不是标签</i>）" if lang == "zh" else " (edited: <i>not a tag</i>)"
    return out


_FIGURES = (
    ("ytd_actual", Kind.AMOUNT, "本年累计", "YTD"),
    ("effective_target", Kind.AMOUNT, "年度目标", "Target"),
    ("completion_rate", Kind.RATE, "完成率", "Completion"),
    ("progress_gap", Kind.POINTS, "较序时(个百分点)", "vs pace (pp)"),
    ("prior_ytd", Kind.AMOUNT, "上年同期", "Last year"),
    ("yoy_change", Kind.AMOUNT, "同比增减额", "YoY change"),
    ("yoy_growth", Kind.RATE, "同比", "YoY"),
    ("gap", Kind.AMOUNT, "缺口", "Gap"),
    ("required_per_quarter", Kind.AMOUNT, "其余每季需完成", "Per quarter still"),
    ("required_growth_rest_of_year", Kind.RATE, "余下需增长", "Growth still needed"),
    ("projection_linear", Kind.AMOUNT, "全年预计", "Projection"),
    ("status", Kind.STATUS, "状态", "Status"),
)


def _columns(lang: str, first: str, extra: tuple[Column, ...] = ()) -> tuple[Column, ...]:
    figures = tuple(Column(k, zh if lang == "zh" else en, kind) for k, kind, zh, en in _FIGURES)
    return (Column("name", first, Kind.TEXT), *figures, *extra)


def _row(name: str, figures: object) -> tuple[object, ...]:
    return (name, *(getattr(figures, k) for k, *_ in _FIGURES))


def _headline(model: ReadModel, lang: str) -> Table:
    rows = tuple(_row(m.name(lang), model.entity.metrics[m.code]) for m in model.metrics)
    status = tuple(model.entity.metrics[m.code].status for m in model.metrics)
    unit_line = "单位：亿元、%" if lang == "zh" else "Unit: RMB bn, %"
    columns = _columns(lang, "指标" if lang == "zh" else "Metric")
    return Table("headline", "", unit_line, columns, rows, status)  # type: ignore[arg-type]


def _units(model: ReadModel, lang: str) -> tuple[Table, ...]:
    comment = Column("comment", "差异说明" if lang == "zh" else "Variance comment", Kind.TEXT)
    columns = _columns(lang, "单位" if lang == "zh" else "Unit", (comment,))
    tables = []
    for m in model.metrics:
        view = model.by_metric[m.code]
        rows, status = [], []
        for code in view.ranking:
            unit = model.unit(code)
            assert unit is not None
            name = model.units[code].name_zh if lang == "zh" else model.units[code].name_en
            name = model.units[code].name_zh if code in ("U0000", "U0001") else name
            note = CLOSING_COMMENT if code == "U0000" else ("收入确认滞后，三季度补回。" if code == "U0002" else "")
            rows.append((*_row(name, unit.metrics[m.code]), note))
            status.append(unit.metrics[m.code].status)
        unit_line = "单位：亿元、%" if lang == "zh" else "Unit: RMB bn, %"
        tables.append(Table(f"units.{m.code}", m.name(lang), unit_line, columns, tuple(rows), tuple(status)))  # type: ignore[arg-type]
    return tuple(tables)


def _counts(model: ReadModel, lang: str) -> Table:
    zh = lang == "zh"
    columns = (
        Column("metric", "指标" if zh else "Metric", Kind.TEXT),
        Column("units", "户数" if zh else "Units", Kind.COUNT),
        Column("on_pace", "达到序时进度" if zh else "On pace", Kind.COUNT),
        Column("behind", "落后" if zh else "Behind", Kind.COUNT),
        Column("loss_making", "亏损企业户数" if zh else "Loss-making", Kind.COUNT),
        Column("loss_share", "亏损面" if zh else "Loss share", Kind.RATE),
        Column("loss_amount", "亏损额" if zh else "Losses", Kind.AMOUNT),
    )
    rows = []
    for m in model.metrics:
        c = model.by_metric[m.code].counts
        loss = len(c.loss_making) if not m.warn_negative else None
        row = (m.name(lang), len(c.units), len(c.on_pace), len(c.behind), loss, c.loss_share, c.loss_amount)
        rows.append(row)
    return Table("counts", "", "", columns, tuple(rows))  # type: ignore[arg-type]


def _notes(lang: str) -> tuple[str, ...]:
    if lang == "zh":
        return (
            "完成率 = 本年累计 ÷ 年度目标；序时进度 = 季度数 ÷ 4。",
            f"数据来源：#1 {UPLOAD_NAME}（finance，2023-07-12 17:30）。",
            "未报送单位：无。",
        )
    return (
        "Completion = YTD ÷ annual target; time progress = quarters ÷ 4.",
        f"Source: upload #1 {UPLOAD_NAME} (finance, 2023-07-12 17:30).",
        "Units that have not reported: none.",
    )
