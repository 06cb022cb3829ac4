"""The drafted narrative (gap-report.md, "Narrative wording"): a table of cases with the exact sentences, in
Chinese and English — growth, decline, ≥ 100 % growth, 扭亏/减亏/增亏/由盈转亏, met and missed targets, growth
binding, a target ≤ 0, q = 1…4, units and losses. Figures are built by hand; the functions are pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import UnitCounts
from dashboard.reports.narrative import Context, draft, growth_words, name_list, period_words

YI = Decimal(100_000_000)  # 亿元
WAN = Decimal(10_000)  # 万元


def yi(value: str) -> Decimal:
    return Decimal(value) * YI


@dataclass(frozen=True)
class Case:
    figures: MetricFigures
    quarter: int
    zh: str
    en: str
    profit_like: bool = False
    scale: str = "yi"
    extra: dict[str, Any] = field(default_factory=dict)


CASES: dict[str, Case] = {
    "growth, behind, growth binds, q=2": Case(
        MetricFigures(
            target=yi("370"),
            growth_floor=Decimal("0.05"),
            effective_target=yi("380"),
            binding="growth",
            ytd_actual=yi("182.4"),
            prior_ytd=yi("171.9"),
            yoy_growth=0.0611,
            completion_rate=0.48,
            progress_gap=-0.02,
            gap=yi("197.6"),
            required_per_quarter=yi("98.8"),
            required_growth_rest_of_year=0.073,
        ),
        2,
        "1—6月累计实现营业收入182.40亿元，同比增长6.1%；完成年度目标的48.0%，低于序时进度2.0个百分点；"
        "距年度目标尚差197.60亿元，其余两个季度平均每季需完成98.80亿元，需较上年同期增长7.3%"
        "（年度目标按上年实际增长5%确定，高于370.00亿元的绝对额目标）。",
        "In Jan–Jun, operating revenue was RMB 18.24 bn, up 6.1% year on year; 48.0% of the annual target, "
        "2.0 pp behind time progress; RMB 19.76 bn short of the annual target, RMB 9.88 bn needed per quarter in "
        "the remaining two quarters, 7.3% more than the same quarters last year "
        "(the target is last year's actual plus 5%, above the absolute target of RMB 37.00 bn).",
    ),
    "decline, q=1, growth floor only": Case(
        MetricFigures(
            growth_floor=Decimal("0.055"),
            effective_target=yi("400"),
            binding="growth",
            ytd_actual=yi("88"),
            prior_ytd=yi("90.91"),
            yoy_growth=-0.032,
            completion_rate=0.22,
            progress_gap=-0.03,
            gap=yi("312"),
            required_per_quarter=yi("104"),
            required_growth_rest_of_year=0.0805,
        ),
        1,
        "一季度累计实现营业收入88.00亿元，同比下降3.2%；完成年度目标的22.0%，低于序时进度3.0个百分点；"
        "距年度目标尚差312.00亿元，其余三个季度平均每季需完成104.00亿元，需较上年同期增长8.1%"
        "（年度目标按上年实际增长5.5%确定）。",
        "In Jan–Mar, operating revenue was RMB 8.80 bn, down 3.2% year on year; 22.0% of the annual target, "
        "3.0 pp behind time progress; RMB 31.20 bn short of the annual target, RMB 10.40 bn needed per quarter in "
        "the remaining three quarters, 8.1% more than the same quarters last year "
        "(the target is last year's actual plus 5.5%).",
    ),
    "more than doubled, ahead, q=3, a fall allowed": Case(
        MetricFigures(
            target=yi("10"),
            effective_target=yi("10"),
            binding="absolute",
            ytd_actual=yi("8"),
            prior_ytd=yi("3.81"),
            yoy_growth=1.0997,
            completion_rate=0.8,
            progress_gap=0.05,
            gap=yi("2"),
            required_per_quarter=yi("2"),
            required_growth_rest_of_year=-0.6,
        ),
        3,
        "1—9月累计实现营业收入8.00亿元，同比增长1.1倍；完成年度目标的80.0%，高于序时进度5.0个百分点；"
        "距年度目标尚差2.00亿元，四季度需完成2.00亿元，较上年同期下降不超过60.0%即可。",
        "In Jan–Sep, operating revenue was RMB 0.80 bn, up 1.1 times year on year; 80.0% of the annual target, "
        "5.0 pp ahead of time progress; RMB 0.20 bn short of the annual target, RMB 0.20 bn needed in Q4, "
        "a fall of up to 60.0% on the same quarters last year will do.",
    ),
    "half the year, half the target, q=2": Case(
        MetricFigures(
            effective_target=yi("100"),
            binding="absolute",
            target=yi("100"),
            ytd_actual=yi("52"),
            prior_ytd=yi("52"),
            yoy_growth=0.0,
            completion_rate=0.52,
            progress_gap=0.02,
            gap=yi("48"),
            required_per_quarter=yi("24"),
            required_growth_rest_of_year=None,
        ),
        2,
        "1—6月累计实现营业收入52.00亿元，与上年同期持平；完成年度目标的52.0%，高于序时进度2.0个百分点，"
        "实现时间过半、任务过半；距年度目标尚差48.00亿元，其余两个季度平均每季需完成24.00亿元。",
        "In Jan–Jun, operating revenue was RMB 5.20 bn, level with last year; 52.0% of the annual target, "
        "2.0 pp ahead of time progress, half the year gone and half the target done; RMB 4.80 bn short of the "
        "annual target, RMB 2.40 bn needed per quarter in the remaining two quarters.",
    ),
    "in line with time progress, q=3": Case(
        MetricFigures(
            effective_target=yi("100"),
            binding="absolute",
            target=yi("100"),
            ytd_actual=yi("75.02"),
            prior_ytd=yi("70"),
            yoy_growth=0.0717,
            completion_rate=0.7502,
            progress_gap=0.0002,
            gap=yi("24.98"),
            required_per_quarter=yi("24.98"),
            required_growth_rest_of_year=0.0,
        ),
        3,
        "1—9月累计实现营业收入75.02亿元，同比增长7.2%；完成年度目标的75.0%，与序时进度持平；"
        "距年度目标尚差24.98亿元，四季度需完成24.98亿元，需较上年同期增长0.0%。",
        "In Jan–Sep, operating revenue was RMB 7.50 bn, up 7.2% year on year; 75.0% of the annual target, "
        "in line with time progress; RMB 2.50 bn short of the annual target, RMB 2.50 bn needed in Q4, "
        "0.0% more than the same quarters last year.",
    ),
    "target exceeded, q=4": Case(
        MetricFigures(
            effective_target=yi("9.8"),
            binding="absolute",
            target=yi("9.8"),
            ytd_actual=yi("12.5"),
            prior_ytd=yi("10"),
            yoy_growth=0.25,
            completion_rate=1.2755,
            progress_gap=0.2755,
            gap=yi("-2.7"),
            required_per_quarter=None,
        ),
        4,
        "1—12月累计实现利润总额12.50亿元，同比增长25.0%；完成年度目标的127.6%，高于序时进度27.6个百分点；"
        "已超额完成年度目标2.70亿元。",
        "In Jan–Dec, total profit was RMB 1.25 bn, up 25.0% year on year; 127.6% of the annual target, "
        "27.6 pp ahead of time progress; the annual target is already exceeded by RMB 0.27 bn.",
        profit_like=True,
    ),
    "target missed, q=4": Case(
        MetricFigures(
            effective_target=yi("384.3"),
            binding="absolute",
            target=yi("384.3"),
            ytd_actual=yi("370"),
            prior_ytd=yi("366"),
            yoy_growth=0.0109,
            completion_rate=0.9628,
            progress_gap=-0.0372,
            gap=yi("14.3"),
            required_per_quarter=None,
        ),
        4,
        "1—12月累计实现营业收入370.00亿元，同比增长1.1%；完成年度目标的96.3%，低于序时进度3.7个百分点；"
        "全年未完成年度目标，尚差14.30亿元。",
        "In Jan–Dec, operating revenue was RMB 37.00 bn, up 1.1% year on year; 96.3% of the annual target, "
        "3.7 pp behind time progress; the annual target was missed by RMB 1.43 bn.",
    ),
    "turned profitable (扭亏), met exactly": Case(
        MetricFigures(
            effective_target=yi("0.7"),
            binding="absolute",
            target=yi("0.7"),
            ytd_actual=yi("0.7"),
            prior_ytd=yi("-0.5"),
            completion_rate=1.0,
            progress_gap=0.25,
            gap=Decimal(0),
            required_per_quarter=Decimal(0),
        ),
        3,
        "1—9月累计实现利润总额0.70亿元，实现扭亏为盈，同比增加利润1.20亿元；完成年度目标的100.0%，"
        "高于序时进度25.0个百分点；已完成年度目标。",
        "In Jan–Sep, total profit was RMB 0.07 bn, turned profitable, RMB 0.12 bn more than last year; "
        "100.0% of the annual target, 25.0 pp ahead of time progress; the annual target is met.",
        profit_like=True,
    ),
    "loss narrowed (减亏), a loss limit met (target < 0)": Case(
        MetricFigures(
            effective_target=yi("-0.5"),
            binding="absolute",
            target=yi("-0.5"),
            ytd_actual=yi("-0.38"),
            prior_ytd=yi("-0.9"),
            completion_rate=0.76,  # meaningless for a target ≤ 0: never shown
            progress_gap=0.26,
            gap=yi("-0.12"),
            required_per_quarter=Decimal(0),
        ),
        2,
        "1—6月利润总额累计亏损0.38亿元，同比减亏0.52亿元；年度目标为亏损不超过0.50亿元，已超额完成年度目标0.12亿元。",
        "In Jan–Jun, total profit was a loss of RMB 0.04 bn, the loss narrowed by RMB 0.05 bn year on year; "
        "the annual target is a loss of at most RMB 0.05 bn, the annual target is already exceeded by RMB 0.01 bn.",
        profit_like=True,
    ),
    "loss widened (增亏), a loss limit missed, unit level in 万元": Case(
        MetricFigures(
            effective_target=Decimal(-3_000_000),
            binding="absolute",
            target=Decimal(-3_000_000),
            ytd_actual=Decimal(-5_100_000),
            prior_ytd=Decimal(-2_000_000),
            completion_rate=1.7,
            progress_gap=1.2,
            gap=Decimal(2_100_000),
            required_per_quarter=Decimal(700_000),
            required_growth_rest_of_year=None,
        ),
        1,
        "一季度利润总额累计亏损510.00万元，同比增亏310.00万元；年度目标为亏损不超过300.00万元，"
        "距年度目标尚差210.00万元，其余三个季度平均每季需完成70.00万元。",
        "In Jan–Mar, total profit was a loss of RMB 5.10 m, the loss widened by RMB 3.10 m year on year; "
        "the annual target is a loss of at most RMB 3.00 m, RMB 2.10 m short of the annual target, "
        "RMB 0.70 m needed per quarter in the remaining three quarters.",
        profit_like=True,
        scale="wan",
    ),
    "turned to a loss (由盈转亏), break-even target": Case(
        MetricFigures(
            effective_target=Decimal(0),
            binding="absolute",
            target=Decimal(0),
            ytd_actual=yi("-0.35"),
            prior_ytd=yi("0.5"),
            yoy_growth=-1.7,
            gap=yi("0.35"),
            required_per_quarter=yi("0.175"),
        ),
        2,
        "1—6月利润总额累计亏损0.35亿元，由盈转亏，同比减少利润0.85亿元；年度目标为盈亏平衡，"
        "距年度目标尚差0.35亿元，其余两个季度平均每季需完成0.18亿元。",
        "In Jan–Jun, total profit was a loss of RMB 0.04 bn, turned to a loss, RMB 0.09 bn less than last year; "
        "the annual target is to break even, RMB 0.04 bn short of the annual target, RMB 0.02 bn needed per "
        "quarter in the remaining two quarters.",
        profit_like=True,
    ),
    "a loss against a profit target: no negative rate, q=4": Case(
        MetricFigures(
            effective_target=Decimal(10_000_000),
            binding="absolute",
            target=Decimal(10_000_000),
            ytd_actual=Decimal(-34_167_000),
            prior_ytd=Decimal(-92_466_000),
            completion_rate=-3.4167,
            progress_gap=-4.4167,
            gap=Decimal(44_167_000),
        ),
        4,
        "1—12月利润总额累计亏损3,416.70万元，同比减亏5,829.90万元；尚处亏损，未达到序时进度；"
        "全年未完成年度目标，尚差4,416.70万元。",
        "In Jan–Dec, total profit was a loss of RMB 34.17 m, the loss narrowed by RMB 58.30 m year on year; "
        "still at a loss, behind time progress; the annual target was missed by RMB 44.17 m.",
        profit_like=True,
        scale="wan",
    ),
    "no prior figure, no target": Case(
        MetricFigures(ytd_actual=yi("3.5")),
        2,
        "1—6月累计实现营业收入3.50亿元，上年同期无可比数据；未设年度目标。",
        "In Jan–Jun, operating revenue was RMB 0.35 bn, no figure for last year to compare; no annual target is set.",
    ),
    "revenue on a base that is not positive": Case(
        MetricFigures(ytd_actual=yi("1.2"), prior_ytd=yi("-0.3"), yoy_change=yi("1.5")),
        2,
        "1—6月累计实现营业收入1.20亿元，同比增加1.50亿元；未设年度目标。",
        "In Jan–Jun, operating revenue was RMB 0.12 bn, up RMB 0.15 bn year on year; no annual target is set.",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_drafted_paragraph(name: str, lang: str) -> None:
    case = CASES[name]
    metric = (
        ("利润总额" if lang == "zh" else "Total profit")
        if case.profit_like
        else ("营业收入" if lang == "zh" else "Operating revenue")
    )
    ctx = Context(lang, case.quarter, metric, case.profit_like, case.scale)
    assert draft(case.figures, ctx) == (case.zh if lang == "zh" else case.en)


def counts(**kw: Any) -> UnitCounts:
    base: dict[str, Any] = {
        "units": (),
        "on_pace": (),
        "behind": (),
        "without_target": (),
        "declining": (),
        "loss_making": (),
        "loss_share": None,
        "loss_amount": None,
        "prior_loss_making": (),
        "prior_loss_share": None,
        "prior_loss_amount": None,
        "turned_to_loss": (),
        "loss_widened": (),
    }
    return UnitCounts(**{**base, **kw})


UNITS = tuple(f"U{i:02d}" for i in range(15))
NAMES = {c: f"单位{c[1:]}" for c in UNITS} | {"U03": "甲公司", "U07": "乙公司"}
NAMES_EN = {c: f"Unit {c[1:]}" for c in UNITS} | {"U03": "Alpha Co.", "U07": "Beta Co."}
PROFIT = MetricFigures(ytd_actual=yi("3.34"), prior_ytd=yi("3"), yoy_growth=0.1133)
FIFTEEN = counts(
    units=UNITS,
    on_pace=UNITS[:9],
    behind=UNITS[9:],
    declining=("U03", "U07"),
    loss_making=("U01", "U02", "U03"),
    loss_share=0.2,
    loss_amount=yi("0.45"),
    prior_loss_making=("U01", "U02", "U03", "U04", "U05"),
    prior_loss_share=5 / 15 * 0.8,  # 26.7 %
)


def test_the_units_and_losses_sentences() -> None:
    zh = draft(PROFIT, Context("zh", 2, "利润总额", True, counts=FIFTEEN, names=NAMES))
    assert zh == (
        "1—6月累计实现利润总额3.34亿元，同比增长11.3%；未设年度目标。"
        "所属15户单位中，9户达到序时进度，6户落后，其中利润总额同比下降的2户：甲公司、乙公司。"
        "亏损企业3户，亏损面20.0%，同比下降6.7个百分点，亏损额0.45亿元。"
    )
    en = draft(PROFIT, Context("en", 2, "Total profit", True, counts=FIFTEEN, names=NAMES_EN))
    assert en == (
        "In Jan–Jun, total profit was RMB 0.33 bn, up 11.3% year on year; no annual target is set. "
        "Of 15 units, 9 on pace and 6 behind; 2 with total profit down year on year: Alpha Co., Beta Co. "
        "Loss-making units: 3, 20.0% of all, down 6.7 pp year on year; losses RMB 0.05 bn."
    )


def test_units_without_a_target_and_no_losses_revenue_has_no_loss_sentence() -> None:
    some = counts(units=UNITS[:4], on_pace=UNITS[:1], behind=UNITS[1:3], without_target=UNITS[3:4], loss_share=0.0)
    zh_profit = draft(PROFIT, Context("zh", 2, "利润总额", True, counts=some, names=NAMES))
    assert zh_profit.endswith("所属4户单位中，1户达到序时进度，2户落后，1户未设目标。无亏损企业。")
    zh_revenue = draft(PROFIT, Context("zh", 2, "营业收入", False, counts=some, names=NAMES))
    assert zh_revenue.endswith("1户未设目标。") and "亏损" not in zh_revenue
    en = draft(PROFIT, Context("en", 2, "Total profit", True, counts=some, names=NAMES_EN))
    assert en.endswith("Of 4 units, 1 on pace and 2 behind; 1 without a target. No loss-making units.")


def test_no_figure_for_the_period() -> None:
    assert (
        draft(MetricFigures(effective_target=yi("1")), Context("zh", 3, "营业收入", False))
        == "1—9月营业收入无本期数据。"
    )
    en = draft(MetricFigures(), Context("en", 1, "Operating revenue", False))
    assert en == "In Jan–Mar, no figure for operating revenue has been reported."


def test_a_single_unit_scope_has_no_units_sentence() -> None:
    alone = counts(units=("U01",), on_pace=("U01",))
    assert "户单位" not in draft(PROFIT, Context("zh", 2, "利润总额", True, counts=alone))


def test_loss_share_up_and_level() -> None:
    up = counts(
        units=UNITS, on_pace=UNITS, loss_making=UNITS[:3], loss_share=0.2, prior_loss_share=0.1, loss_amount=yi("1")
    )
    level = counts(
        units=UNITS, on_pace=UNITS, loss_making=UNITS[:3], loss_share=0.2, prior_loss_share=0.2, loss_amount=yi("1")
    )
    assert draft(PROFIT, Context("zh", 2, "利润总额", True, counts=up)).endswith(
        "亏损企业3户，亏损面20.0%，同比上升10.0个百分点，亏损额1.00亿元。"
    )
    assert draft(PROFIT, Context("en", 2, "Total profit", True, counts=level)).endswith(
        "Loss-making units: 3, 20.0% of all, level with last year; losses RMB 0.10 bn."
    )


def test_long_name_lists_are_cut() -> None:
    codes = [f"U{i:02d}" for i in range(15)]
    assert name_list(codes, NAMES, "zh") == "、".join(NAMES[c] for c in codes[:10]) + "等（另有5户）"
    assert name_list(codes, NAMES_EN, "en").endswith("Unit 09 and 5 more")


@pytest.mark.parametrize(
    ("growth", "zh", "en"),
    [
        (0.061, "同比增长6.1%", "up 6.1% year on year"),
        (-0.032, "同比下降3.2%", "down 3.2% year on year"),
        (0.99949, "同比增长99.9%", "up 99.9% year on year"),
        (1.0, "同比增长1.0倍", "up 1.0 times year on year"),
        (2.345, "同比增长2.3倍", "up 2.3 times year on year"),
        (0.0, "与上年同期持平", "level with last year"),
    ],
)
def test_growth_words(growth: float, zh: str, en: str) -> None:
    assert growth_words(growth, "zh") == zh and growth_words(growth, "en") == en
    assert "-" not in growth_words(growth, "zh")


@pytest.mark.parametrize(
    ("quarter", "zh", "en"),
    [(1, "一季度", "Jan–Mar"), (2, "1—6月", "Jan–Jun"), (3, "1—9月", "Jan–Sep"), (4, "1—12月", "Jan–Dec")],
)
def test_period_words_use_the_yi_zi_xian(quarter: int, zh: str, en: str) -> None:
    assert period_words(quarter, "zh") == zh and period_words(quarter, "en") == en
    assert "\u2014" in period_words(2, "zh")
