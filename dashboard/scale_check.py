"""Figures that look typed in the wrong amount unit (金额单位): a unit's figure compared with what that unit stored
for the quarter before, for the same quarter last year, and with its target. A ratio near 10⁴ (万元 typed as
元), 10³ (千元) or 10⁸ (亿元) up or down is the warning ``amount_scale_suspect`` (imports.NEEDS_ACKNOWLEDGEMENT:
the file is stored only once someone acknowledges it by name).

A figure is suspect when every comparison available flags it in the same direction (|log10 ratio| ≥ 2.5, i.e. a
factor of about 316 or more). A comparison is skipped when either side is missing or zero or their signs differ
(a profit near zero turning into a loss is no scale error). A unit's first period has nothing to compare with.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dashboard.analytics.formulas import effective_target
from dashboard.domain import Period, Problem, warning
from dashboard.i18n.numbers import amount, view_decimals
from dashboard.storage.queries import FigureKey, StoredFigure
from dashboard.storage.repository import NewFigure
from dashboard.storage.rows import TargetVersionRow

THRESHOLD = 2.5  # |log10(ratio)| at or above which a comparison flags a figure (a factor of ~316)
GROUP = ""  # the group's code in targets; the check is of units' own figures

# What a figure is compared with, in (Chinese, English): {period} is the compared period or the target's year.
BASES = {
    "previous": ("上季度（{period}）累计按季折算", "the previous quarter's ({period}) YTD scaled to this quarter"),
    "last_year": ("上年同期（{period}）累计", "the same quarter last year ({period} YTD)"),
    "target": ("{period}年目标按序时折算", "the {period} target pro rata"),
}


@dataclass(frozen=True, slots=True)
class Comparison:
    """One comparison of a figure: with what (``basis``, a key of BASES, and its ``period``), the amount it is
    compared with (scaled to the figure's quarter, yuan) and log10 of the figure over it."""

    basis: str
    period: str
    compared: Decimal
    log_ratio: float

    @property
    def exponent(self) -> int:
        """The nearest power of ten of the ratio.

        >>> Comparison("previous", "2023Q1", Decimal(1), 3.9).exponent
        4
        >>> Comparison("target", "2023", Decimal(1), -8.2).exponent
        -8
        """
        return round(self.log_ratio)


def scale_problems(
    figures: Sequence[NewFigure], stored: dict[FigureKey, StoredFigure], targets: Sequence[TargetVersionRow]
) -> list[Problem]:
    """The ``amount_scale_suspect`` warnings of a file's figures (year to date, yuan) against the stored figures
    (this period, the quarter before, last year's same quarter) and the current targets."""
    by_key = {(t.year, t.metric, t.unit_code): t for t in targets}
    problems = []
    for f in figures:
        if f.unit_code == GROUP or f.ytd is None:
            continue
        found = comparisons(
            f.ytd, f.unit_code, f.period, f.metric, stored, by_key.get((f.period.year, f.metric, f.unit_code))
        )
        if suspect(found):
            problems.append(_warning(f, found))
    return problems


def comparisons(
    ytd: Decimal,
    unit: str,
    period: Period,
    metric: str,
    stored: dict[FigureKey, StoredFigure],
    target: TargetVersionRow | None,
) -> list[Comparison]:
    """The comparisons available for a unit's figure: the previous quarter of the same year × q/(q−1), last year's
    same quarter, and the target × q/4; each only where both sides are non-zero and of the same sign.

    >>> p = Period(2023, 2)
    >>> q1 = StoredFigure("1101", Period(2023, 1), "revenue", 1, Decimal(500), None, "ytd", "", 1)
    >>> before = {("1101", Period(2023, 1), "revenue"): q1}
    >>> found = comparisons(Decimal(10_000_000), "1101", p, "revenue", before, None)  # Q1 500 → Q2 pace 1,000
    >>> [(c.basis, c.compared, round(c.log_ratio, 3)) for c in found]
    [('previous', Decimal('1000'), 4.0)]
    >>> comparisons(Decimal(-5), "1101", p, "revenue", before, None)  # signs differ: no comparison
    []
    """
    q = period.quarter
    found: list[tuple[str, str, Decimal | None]] = []
    previous = period.previous()
    if previous is not None:
        earlier = _ytd(stored, unit, previous, metric)
        found.append(("previous", str(previous), None if earlier is None else earlier * q / (q - 1)))
    found.append(("last_year", str(period.prior_year()), _ytd(stored, unit, period.prior_year(), metric)))
    if target is not None:
        full = _target_amount(target, _ytd(stored, unit, Period(period.year - 1, 4), metric))
        found.append(("target", str(period.year), None if full is None else full * q / 4))
    return [
        Comparison(basis, label, other, math.log10(ytd / other))
        for basis, label, other in found
        if other is not None and other != 0 and ytd != 0 and (other > 0) == (ytd > 0)
    ]


def suspect(found: Sequence[Comparison]) -> bool:
    """Whether every comparison flags the figure in the same direction (and there is at least one).

    >>> up, down, honest = (Comparison("previous", "", Decimal(1), x) for x in (4.0, -3.0, 0.11))
    >>> suspect([up]), suspect([up, down]), suspect([up, honest]), suspect([])
    (True, False, False, False)
    """
    if not found:
        return False
    return all(c.log_ratio >= THRESHOLD for c in found) or all(c.log_ratio <= -THRESHOLD for c in found)


def factor_text(exponent: int) -> str:
    """The factor as a power of ten people read: "10,000" up, "1/10,000" down.

    >>> factor_text(4), factor_text(-3), factor_text(8)
    ('10,000', '1/1,000', '100,000,000')
    """
    power = f"{10 ** abs(exponent):,}"
    return power if exponent >= 0 else f"1/{power}"


def _ytd(stored: dict[FigureKey, StoredFigure], unit: str, period: Period, metric: str) -> Decimal | None:
    figure = stored.get((unit, period, metric))
    return None if figure is None else figure.ytd


def _target_amount(target: TargetVersionRow, stored_base: Decimal | None) -> Decimal | None:
    """The unit's effective full-year target: max(T_abs, base × (1 + g)), base as entered or last year's stored Q4
    year to date; None when neither part can be had."""
    base = target.base_amount if target.base_amount is not None else stored_base
    if target.amount is None and (target.growth_floor is None or base is None):
        return None
    return effective_target(target.amount, target.growth_floor, base)[0]


def _warning(figure: NewFigure, found: Sequence[Comparison]) -> Problem:
    sheet, _, cell = figure.source_cell.rpartition("!")
    assert figure.ytd is not None
    first = found[0]
    return warning(
        "amount_scale_suspect",
        sheet,
        cell,
        figure.ytd,
        unit=figure.unit_code,
        metric=figure.metric,
        period=str(figure.period),
        factor=factor_text(first.exponent),
        figure_zh=_amount(figure.ytd, "zh"),
        figure_en=_amount(figure.ytd, "en"),
        compared_zh=_compared(found, 0),
        compared_en=_compared(found, 1),
    )


def _compared(found: Sequence[Comparison], lang: int) -> str:
    """What the figure was compared with and the factor of each, in one language (0 zh, 1 en)."""
    code = ("zh", "en")[lang]
    parts = []
    for c in found:
        what = BASES[c.basis][lang].format(period=c.period)
        shown = _amount(c.compared, code)
        if lang == 0:
            parts.append(f"{what} {shown}的{factor_text(c.exponent)}倍")
        else:
            parts.append(f"{factor_text(c.exponent)} times {what}, {shown}")
    return ("；" if lang == 0 else "; ").join(parts)


def _amount(value: Decimal, lang: str) -> str:
    return amount(value, lang, "unit", view_decimals([value], "unit", lang, most=6))
