"""The drafted narrative of the gap report: one paragraph per metric, built by rule from the figures
(shared/spec/gap-report.md, "Narrative wording"), in Chinese or English. Pure: figures in, text out.

A paragraph has up to three sentences: what was achieved and how it compares with last year, the target
(completion against 序时进度, the gap and what the remaining quarters need, the binding part); the member units
(on pace, behind, falling); and for profit-like metrics the loss-making units (亏损企业, 亏损面, 亏损额).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import UnitCounts
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, decimal_text

NAMES_LISTED = 10  # a sentence names at most this many units, then "等" / "and n more"
_MONTHS_EN = {2: "Jun", 3: "Sep", 4: "Dec"}


@dataclass(frozen=True)
class Context:
    """What a paragraph needs besides the scope's figures.

    ``scale`` is the amounts' display scale ("yi" 亿元 / RMB bn, "wan" 万元 / RMB m); ``pace`` the setting the
    status compares against ("linear" or "seasonal"); ``counts`` the member units (None: no units sentence);
    ``names`` unit code → name in the paragraph's language."""

    lang: str
    quarter: int
    metric: str  # the metric's name in ``lang``
    profit_like: bool
    scale: str = "yi"
    pace: str = "linear"
    counts: UnitCounts | None = None
    names: Mapping[str, str] = field(default_factory=dict)


def draft(figures: MetricFigures, ctx: Context) -> str:
    """The paragraph for one metric of one scope.

    >>> f = MetricFigures(ytd_actual=Decimal("16159000000"), prior_ytd=Decimal("15093000000"),
    ...     effective_target=Decimal("38430000000"), completion_rate=0.4205, progress_gap=-0.0795,
    ...     gap=Decimal("22271000000"), required_per_quarter=Decimal("11135500000"),
    ...     required_growth_rest_of_year=0.036, yoy_growth=0.0706, yoy_change=Decimal("1066000000"))
    >>> draft(f, Context("zh", 2, "营业收入", profit_like=False))
    '1—6月累计实现营业收入161.59亿元，同比增长7.1%；完成年度目标的42.1%，低于序时进度8.0个百分点；距年度目标尚差222.71亿元，其余两个季度平均每季需完成111.36亿元，需较上年同期增长3.6%。'
    """
    if figures.ytd_actual is None:
        period, metric = period_words(ctx.quarter, ctx.lang), _inline(ctx.metric, ctx.lang)
        return t("report.n.no_figures", ctx.lang, period=period, metric=metric)
    sentences = [_figures_sentence(figures, ctx)]
    counts = ctx.counts
    if counts is not None and len(counts.units) > 1:
        sentences.append(units_sentence(counts, ctx))
        if ctx.profit_like:
            sentences.append(losses_sentence(counts, ctx))
    return ("" if ctx.lang == "zh" else " ").join(sentences)


def _figures_sentence(figures: MetricFigures, ctx: Context) -> str:
    """ "{1—6月}累计实现…，同比…；完成年度目标的…，低于序时进度…；距年度目标尚差…（约束）。" """
    parts = [achieved(figures, ctx) + _comma(ctx) + change(figures, ctx)]
    parts.extend(target_clauses(figures, ctx))
    return _join(parts, ctx) + binding(figures, ctx) + _stop(ctx)


def period_words(quarter: int, lang: str) -> str:
    """一季度 / 1—6月 (with 一字线); Jan–Mar / Jan–Jun in English.

    >>> period_words(1, "zh"), period_words(3, "zh"), period_words(1, "en"), period_words(4, "en")
    ('一季度', '1—9月', 'Jan–Mar', 'Jan–Dec')
    """
    if quarter == 1:
        return t("report.period.q1", lang)
    return t("report.period.months", lang, end=quarter * 3 if lang == "zh" else _MONTHS_EN[quarter])


def achieved(figures: MetricFigures, ctx: Context) -> str:
    """What the year so far came to: 累计实现… or, for a profit-like loss, 累计亏损…."""
    ytd = figures.ytd_actual if figures.ytd_actual is not None else Decimal(0)
    period = period_words(ctx.quarter, ctx.lang)
    metric = _inline(ctx.metric, ctx.lang)
    if ctx.profit_like and ytd < 0:
        return t("report.n.ytd_loss", ctx.lang, period=period, metric=metric, amount=money(-ytd, ctx))
    return t("report.n.ytd", ctx.lang, period=period, metric=metric, amount=money(ytd, ctx))


def change(figures: MetricFigures, ctx: Context) -> str:
    """The change on last year: a growth rate (or a multiple at 100 % and more) on a positive base; for a base
    that is not positive an amount, with 扭亏/减亏/增亏 for profit-like metrics; 由盈转亏 when profit became a loss."""
    ytd, prior = figures.ytd_actual, figures.prior_ytd
    if ytd is None or prior is None:
        return t("report.n.no_prior", ctx.lang)
    diff = figures.yoy_change if figures.yoy_change is not None else ytd - prior
    if ctx.profit_like and ytd < 0 < prior:  # a profit became a loss (from zero it was no profit: 增亏 wording)
        return t("report.n.turned_to_loss", ctx.lang, amount=money(-diff, ctx))
    if prior > 0 and figures.yoy_growth is not None:
        return growth_words(figures.yoy_growth, ctx.lang)
    if diff == 0:
        return t("report.n.flat", ctx.lang)
    if not ctx.profit_like or prior == 0:
        key = ("report.n.more_profit" if ctx.profit_like else "report.n.more") if diff > 0 else "report.n.less"
        return t(key, ctx.lang, amount=money(abs(diff), ctx))
    if ytd > 0:
        return t("report.n.turned_profitable", ctx.lang, amount=money(diff, ctx))
    key = "report.n.loss_narrowed" if diff > 0 else "report.n.loss_widened"
    return t(key, ctx.lang, amount=money(abs(diff), ctx))


def growth_words(growth: float, lang: str) -> str:
    """同比增长6.1% / 同比下降3.2% / 同比增长1.1倍 (at 100 % and more) / 与上年同期持平 — never "增长-3.2%".

    >>> growth_words(0.061, "zh"), growth_words(-0.032, "zh"), growth_words(1.1, "zh"), growth_words(0.0, "zh")
    ('同比增长6.1%', '同比下降3.2%', '同比增长1.1倍', '与上年同期持平')
    >>> growth_words(-0.032, "en"), growth_words(1.0, "en")
    ('down 3.2% year on year', 'up 1.0 times year on year')
    >>> growth_words(0.9996, "zh")  # shown as 100.0 %: at 100 % and more, so a multiple
    '同比增长1.0倍'
    """
    if growth >= 1 or percent(growth) == percent(1.0):
        return t("report.n.up_times", lang, times=decimal_text(Decimal(repr(growth)), 1))
    if growth > 0:
        return t("report.n.up", lang, rate=percent(growth))
    if growth < 0:
        return t("report.n.down", lang, rate=percent(-growth))
    return t("report.n.flat", lang)


def target_clauses(figures: MetricFigures, ctx: Context) -> list[str]:
    """Completion against the pace (no rate for a target ≤ 0: the target itself), then the gap clause."""
    target, gap = figures.effective_target, figures.gap
    if target is None or gap is None:
        return [t("report.n.no_target", ctx.lang)]
    if target <= 0:
        return [_target_itself(target, ctx) + _comma(ctx) + gap_words(figures, ctx)]
    return [completion_words(figures, ctx), gap_words(figures, ctx)]


def _target_itself(target: Decimal, ctx: Context) -> str:
    if target == 0:
        return t("report.n.target_zero", ctx.lang)
    if ctx.profit_like:
        return t("report.n.target_loss", ctx.lang, target=money(-target, ctx))
    return t("report.n.target_is", ctx.lang, target=money(target, ctx))


def completion_words(figures: MetricFigures, ctx: Context) -> str:
    """完成年度目标的48.0%，低于序时进度2.0个百分点 (高于… / 与序时进度持平); at q = 2 with both halves done,
    "实现时间过半、任务过半"; a loss against a positive target: 尚处亏损，未达到序时进度 (no negative rate)."""
    rate, gap = figures.completion_rate, figures.progress_gap
    if rate is None:
        return t("report.n.no_target", ctx.lang)
    pace = t(f"report.n.pace.{ctx.pace}", ctx.lang)
    if rate < 0:  # a loss against a profit target: a negative share of the target means nothing
        return t("report.n.completion_negative", ctx.lang, pace=pace)
    text = t("report.n.completion", ctx.lang, rate=percent(rate))
    if gap is None:
        return text
    shown = points_text(gap)
    if shown == "0.0":
        text += _comma(ctx) + t("report.n.level", ctx.lang, pace=pace)
    else:
        key = "report.n.ahead" if gap > 0 else "report.n.behind"
        text += _comma(ctx) + t(key, ctx.lang, pace=pace, points=shown)
    if ctx.quarter == 2 and rate >= 0.5 and gap >= 0:
        text += _comma(ctx) + t("report.n.half", ctx.lang)
    return text


def gap_words(figures: MetricFigures, ctx: Context) -> str:
    """距年度目标尚差…，其余两个季度平均每季需完成…，需较上年同期增长… / 已超额完成年度目标… / at Q4 全年未完成…."""
    gap = figures.gap
    assert gap is not None
    if gap < 0:
        return t("report.n.exceeded", ctx.lang, amount=money(-gap, ctx))
    if gap == 0:
        return t("report.n.met", ctx.lang)
    if ctx.quarter == 4 or figures.required_per_quarter is None:
        return t("report.n.missed", ctx.lang, amount=money(gap, ctx))
    parts = [t("report.n.short", ctx.lang, amount=money(gap, ctx))]
    need = money(figures.required_per_quarter, ctx)
    if ctx.quarter == 3:
        parts.append(t("report.n.last_quarter", ctx.lang, amount=need))
    else:
        rest = t(f"report.n.quarters.{4 - ctx.quarter}", ctx.lang)
        parts.append(t("report.n.per_quarter", ctx.lang, quarters=rest, amount=need))
    growth = figures.required_growth_rest_of_year
    if growth is not None:
        key = "report.n.need_growth" if growth >= 0 else "report.n.may_fall"
        parts.append(t(key, ctx.lang, rate=percent(abs(growth))))
    return _comma(ctx).join(parts)


def binding(figures: MetricFigures, ctx: Context) -> str:
    """（年度目标按上年实际增长5%确定，高于380.00亿元的绝对额目标） when the growth floor sets the target."""
    if figures.binding != "growth" or figures.growth_floor is None or figures.effective_target is None:
        return ""
    floor = floor_text(figures.growth_floor)
    if figures.target is None:
        return t("report.n.binding_only", ctx.lang, floor=floor)
    return t("report.n.binding", ctx.lang, floor=floor, amount=money(figures.target, ctx))


def units_sentence(counts: UnitCounts, ctx: Context) -> str:
    """所属15户单位中，9户达到序时进度，6户落后，其中营业收入同比下降的2户：甲、乙。"""
    lang = ctx.lang
    pace = t(f"report.n.units_pace.{ctx.pace}", lang)
    text = t(
        "report.n.units",
        lang,
        units=len(counts.units),
        on_pace=len(counts.on_pace),
        behind=len(counts.behind),
        pace=pace,
    )
    if counts.without_target:
        text += t("report.n.units_no_target", lang, count=len(counts.without_target))
    if counts.declining:
        names = name_list(counts.declining, ctx.names, lang)
        metric = _inline(ctx.metric, lang)
        text += t("report.n.declining", lang, metric=metric, count=len(counts.declining), names=names)
    return text if lang == "en" and text.endswith(".") else text + _stop(ctx)


def losses_sentence(counts: UnitCounts, ctx: Context) -> str:
    """亏损企业3户，亏损面20.0%，同比下降6.7个百分点，亏损额0.45亿元。 / 无亏损企业。"""
    lang = ctx.lang
    if not counts.loss_making or counts.loss_share is None:
        return t("report.n.no_losses", lang) + _stop(ctx)
    text = t("report.n.losses", lang, count=len(counts.loss_making), share=percent(counts.loss_share))
    if counts.prior_loss_share is not None:
        moved = counts.loss_share - counts.prior_loss_share
        shown = points_text(moved)
        if shown == "0.0":
            text += t("report.n.losses_flat", lang)
        else:
            text += t("report.n.losses_up" if moved > 0 else "report.n.losses_down", lang, points=shown)
    if counts.loss_amount is not None:
        text += t("report.n.losses_amount", lang, amount=money(counts.loss_amount, ctx))
    return text + _stop(ctx)


def name_list(codes: Sequence[str], names: Mapping[str, str], lang: str) -> str:
    """Unit names joined (、 / ", "), at most NAMES_LISTED of them, then 等 / "and n more".

    >>> name_list(["a", "b"], {"a": "甲", "b": "乙"}, "zh"), name_list(list("abcdefghijkl"), {}, "en")[-15:]
    ('甲、乙', 'i, j and 2 more')
    """
    shown = [names.get(c, c) for c in codes[:NAMES_LISTED]]
    joined = ("、" if lang == "zh" else ", ").join(shown)
    if len(codes) <= NAMES_LISTED:
        return joined
    return t("report.n.names_more", lang, names=joined, more=len(codes) - NAMES_LISTED)


def money(value: Decimal, ctx: Context) -> str:
    """An amount in the paragraph's scale, two decimals half-up: 182.40亿元 / RMB 18.24 bn.

    >>> yuan = Decimal("18240000000")
    >>> money(yuan, Context("zh", 2, "x", False)), money(yuan, Context("en", 2, "x", False))
    ('182.40亿元', 'RMB 18.24 bn')
    """
    return (
        amount(value, ctx.lang, ctx.scale).replace(" ", "", 1) if ctx.lang == "zh" else amount(value, "en", ctx.scale)
    )


def percent(rate: float) -> str:
    """A rate in % with one decimal, half-up: 0.0605 → 6.1%."""
    return decimal_text(Decimal(repr(rate)) * 100, 1) + "%"


def points_text(difference: float) -> str:
    """The size of a difference of rates in points, one decimal, half-up, unsigned: −0.0795 → 8.0."""
    return decimal_text(abs(Decimal(repr(difference))) * 100, 1)


def floor_text(floor: Decimal) -> str:
    """A growth floor as entered: 0.05 → 5%, 0.055 → 5.5%."""
    return f"{(floor * 100).normalize():f}%"


def _inline(metric: str, lang: str) -> str:
    """A metric's name inside an English sentence: "Operating revenue" → "operating revenue" (not "EBITDA")."""
    if lang == "zh" or len(metric) < 2 or not metric[1].islower():
        return metric
    return metric[0].lower() + metric[1:]


def _join(parts: list[str], ctx: Context) -> str:
    return ("；" if ctx.lang == "zh" else "; ").join(parts)


def _comma(ctx: Context) -> str:
    return "，" if ctx.lang == "zh" else ", "


def _stop(ctx: Context) -> str:
    return "。" if ctx.lang == "zh" else "."
