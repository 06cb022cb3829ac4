"""Every formula of shared/spec/metrics.md, one pure function each, with a worked example.

Amounts are Decimal yuan; rates are floats (0.5 = 50 %); None where the spec says "null".
"""

from __future__ import annotations

from decimal import Decimal

from dashboard.domain import canonical

ZERO = Decimal(0)


def effective_target(amount: Decimal | None, growth: Decimal | None, base: Decimal | None) -> tuple[Decimal, str]:
    """``max(T_abs, base × (1 + g))`` and which part binds ('absolute' on a tie; the only part when one exists).

    >>> effective_target(Decimal(38_000_000_000), Decimal("0.05"), Decimal(36_600_000_000))
    (Decimal('38430000000.00'), 'growth')
    >>> effective_target(Decimal(980_000_000), Decimal("0.05"), Decimal(900_000_000))
    (Decimal('980000000'), 'absolute')
    """
    by_growth = base * (1 + growth) if growth is not None and base is not None else None
    if amount is None and by_growth is None:
        raise ValueError("a target needs an amount, or a growth floor with a base")
    if by_growth is None:
        assert amount is not None
        return amount, "absolute"
    if amount is None or by_growth > amount:
        return by_growth, "growth"
    return amount, "absolute"


def time_progress(quarter: int) -> float:
    """序时进度 ``q / 4``.

    >>> time_progress(2)
    0.5
    """
    return quarter / 4


def completion_rate(ytd: Decimal, target: Decimal) -> float | None:
    """完成率 ``ytd_actual / effective_target``; None for a zero or negative target (a 减亏 target has no
    completion rate: metrics.md, loss wording).

    >>> completion_rate(Decimal(19_000_000_000), Decimal(38_000_000_000)), completion_rate(Decimal(-5), Decimal(-10))
    (0.5, None)
    """
    return float(ytd / target) if target > 0 else None


def completion_wording(ytd: Decimal, target: Decimal, profit_like: bool) -> str | None:
    """Words in place of a completion rate that would mislead (metrics.md, loss wording): against a zero or
    negative target, whether it is met (``target_met`` / ``target_missed``; the gap says by how much); for a
    profit-like metric in loss against a positive target, ``in_loss`` (a negative percentage means nothing).
    None where the rate itself is shown.

    >>> completion_wording(Decimal(-3), Decimal(-5), True), completion_wording(Decimal(-8), Decimal(-5), True)
    ('target_met', 'target_missed')
    >>> completion_wording(Decimal(-1), Decimal(10), True), completion_wording(Decimal(-1), Decimal(10), False)
    ('in_loss', None)
    """
    if target <= 0:
        return "target_met" if ytd >= target else "target_missed"
    if profit_like and ytd < 0:
        return "in_loss"
    return None


def progress_gap(completion: float | None, pace: float) -> float | None:
    """``completion_rate − time_progress``; ≥ 0 means ahead (时间过半、任务过半).

    >>> round(progress_gap(0.48, 0.5), 4)
    -0.02
    """
    return None if completion is None else completion - pace


def yoy_growth(ytd: Decimal, prior: Decimal | None) -> float | None:
    """同比 ``(ytd − prior) / prior`` when prior > 0, else None (see ``loss_wording``).

    >>> yoy_growth(Decimal(105), Decimal(100)), yoy_growth(Decimal(5), Decimal(-10))
    (0.05, None)
    """
    return float((ytd - prior) / prior) if prior is not None and prior > 0 else None


def yoy_change(ytd: Decimal, prior: Decimal | None) -> Decimal | None:
    """同比增减额 ``ytd − prior`` (None only when there is no prior figure at all).

    >>> yoy_change(Decimal(-5), Decimal(-10))
    Decimal('5')
    """
    return None if prior is None else ytd - prior


def gap(target: Decimal, ytd: Decimal) -> Decimal:
    """缺口 ``effective_target − ytd_actual``; negative once the target is exceeded.

    >>> gap(Decimal(100), Decimal(120))
    Decimal('-20')
    """
    return target - ytd


def required_per_quarter(gap_amount: Decimal, quarter: int) -> Decimal | None:
    """``max(gap, 0) / (4 − q)``; None at Q4.

    >>> required_per_quarter(Decimal(300), 1), required_per_quarter(Decimal(-5), 2), required_per_quarter(Decimal(1), 4)
    (Decimal('100'), Decimal('0'), None)
    """
    return None if quarter == 4 else max(gap_amount, ZERO) / (4 - quarter)


def required_growth_rest_of_year(gap_amount: Decimal, base: Decimal | None, prior: Decimal | None) -> float | None:
    """Growth needed on last year's remaining quarters: ``max(gap, 0) / (base − prior_ytd) − 1``.

    >>> round(required_growth_rest_of_year(Decimal(110), Decimal(200), Decimal(100)), 6)
    0.1
    """
    if base is None or prior is None or base - prior <= 0:
        return None
    return float(max(gap_amount, ZERO) / (base - prior)) - 1


def projection_linear(ytd: Decimal, pace: float) -> Decimal:
    """Full-year run rate ``ytd_actual / time_progress``.

    >>> projection_linear(Decimal(50), 0.25)
    Decimal('200')
    """
    return canonical(ytd / Decimal(str(pace)))


def projection_seasonal(ytd: Decimal, base: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """Last year's seasonal shape: ``ytd_actual × base / prior_ytd`` when prior_ytd > 0.

    >>> projection_seasonal(Decimal(60), Decimal(200), Decimal(50))
    Decimal('240')
    """
    if base is None or prior is None or prior <= 0:
        return None
    return ytd * base / prior


def single_quarter(ytd: Decimal | None, earlier_ytd: Decimal | None, quarter: int) -> Decimal | None:
    """单季 ``ytd(q) − ytd(q−1)`` with ytd(0) = 0.

    >>> single_quarter(Decimal(250), Decimal(100), 2), single_quarter(Decimal(100), None, 1)
    (Decimal('150'), Decimal('100'))
    """
    if ytd is None:
        return None
    if quarter == 1:
        return ytd
    return None if earlier_ytd is None else ytd - earlier_ytd


def qoq_growth(this_quarter: Decimal | None, last_quarter: Decimal | None) -> float | None:
    """环比 ``single_quarter(q) / single_quarter(q−1) − 1`` when the latter > 0.

    >>> qoq_growth(Decimal(150), Decimal(100))
    0.5
    """
    if this_quarter is None or last_quarter is None or last_quarter <= 0:
        return None
    return float(this_quarter / last_quarter) - 1


def loss_wording(ytd: Decimal, prior: Decimal | None) -> str | None:
    """The words for a change from a base that is not positive: 扭亏 / 减亏 / 增亏 as codes.

    >>> loss_wording(Decimal(5), Decimal(-10)), loss_wording(Decimal(-5), Decimal(-10))
    ('turned_profitable', 'loss_narrowed')
    >>> loss_wording(Decimal(-15), Decimal(-10)), loss_wording(Decimal(5), Decimal(10))
    ('loss_widened', None)
    >>> loss_wording(Decimal(-5), Decimal(10))  # 由盈转亏: the change is shown as an amount, not −150 %
    'turned_to_loss'
    """
    if prior is None:
        return None
    if prior > 0:
        return "turned_to_loss" if ytd < 0 else None
    if ytd > 0:
        return "turned_profitable"
    if ytd > prior:
        return "loss_narrowed"
    if ytd < prior:
        return "loss_widened"
    return None


def status(
    gap_rate: float | None, growth: float | None, change: Decimal | None, floor: float | None, red_gap: float = 0.10
) -> str | None:
    """红黄绿灯 by the default rule; ``gap_rate`` is progress_gap, ``floor`` the growth floor g.

    green: progress_gap ≥ 0 and (yoy_growth is null or ≥ g); red: progress_gap < −red_gap or yoy_growth < 0
    (or, where yoy_growth is null, yoy_change < 0); amber otherwise; None without a target (no progress_gap).

    >>> status(0.01, 0.06, Decimal(1), 0.05), status(-0.02, 0.03, Decimal(1), 0.05), status(-0.2, 0.1, Decimal(1), 0.05)
    ('green', 'amber', 'red')
    >>> status(0.0, None, Decimal(-3), 0.05)
    'red'
    """
    if gap_rate is None:  # no target: no status
        return None
    reason = status_reason(gap_rate, growth, change, floor, red_gap)
    return STATUS_OF_REASON[reason] if reason is not None else None


STATUS_OF_REASON = {
    "declining": "red",
    "far_behind": "red",
    "behind": "amber",
    "below_floor": "amber",
    "on_track": "green",
    "loss_target_missed": "amber",
    "loss_target_met": "green",
}


def status_reason(
    gap_rate: float | None, growth: float | None, change: Decimal | None, floor: float | None, red_gap: float = 0.10
) -> str | None:
    """Which part of the rule decided a status (what the screen says beside the light): ``declining`` (同比下降,
    red), ``far_behind`` (behind time progress by more than the red threshold), ``behind`` (behind, within it:
    amber), ``below_floor`` (on pace but growth under the floor: amber), ``on_track`` (green). The first that
    applies in that order; None without a progress gap.

    >>> status_reason(0.01, -0.02, Decimal(-1), 0.05), status_reason(-0.2, 0.1, Decimal(1), 0.05)
    ('declining', 'far_behind')
    >>> status_reason(-0.02, 0.1, Decimal(1), 0.05), status_reason(0.0, 0.03, Decimal(1), 0.05)
    ('behind', 'below_floor')
    >>> status_reason(0.0, None, Decimal(2), 0.05), status_reason(None, 0.1, Decimal(1), 0.05)
    ('on_track', None)
    """
    if gap_rate is None:
        return None
    if growth < 0 if growth is not None else (change is not None and change < 0):
        return "declining"
    if gap_rate < -red_gap:
        return "far_behind"
    if gap_rate < 0:
        return "behind"
    if growth is not None and floor is not None and growth < floor:
        return "below_floor"
    return "on_track"


def loss_target_reason(ytd: Decimal, target: Decimal, change: Decimal | None) -> str:
    """The status reason against a zero or negative target (a 减亏 target, no completion rate): ``declining``
    when the figure fell year on year, else whether the target is met.

    >>> loss_target_reason(Decimal(-3), Decimal(-5), Decimal(2)), loss_target_reason(Decimal(-8), Decimal(-5), None)
    ('loss_target_met', 'loss_target_missed')
    >>> loss_target_reason(Decimal(-3), Decimal(-5), Decimal(-1))
    'declining'
    """
    if change is not None and change < 0:
        return "declining"
    return "loss_target_met" if ytd >= target else "loss_target_missed"
