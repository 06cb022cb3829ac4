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

BASES = ("previous", "last_year", "target")  # what a figure is compared with, in the message's order
NOT_COMPARED = "–"  # a comparison not made (nothing stored, zero, or the signs differ)


@dataclass(frozen=True, slots=True)
class Comparison:
    """One comparison of a figure: with what (``basis``, one of BASES, and its ``period``), the amount it is
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
    year to date (which the check's stored figures hold only for a Q4 file: a growth-only target without an
    entered base is then not compared); None when neither part can be had."""
    base = target.base_amount if target.base_amount is not None else stored_base
    if target.amount is None and (target.growth_floor is None or base is None):
        return None
    return effective_target(target.amount, target.growth_floor, base)[0]


def _warning(figure: NewFigure, found: Sequence[Comparison]) -> Problem:
    """The warning, its amounts in 万元 (the unit flash reports are typed in; "10k yuan" in English) as
    language-neutral numbers, each comparison in its own parameter (``–`` where it was not made), so that both
    languages' templates build the wording from the same pieces."""
    sheet, _, cell = figure.source_cell.rpartition("!")
    assert figure.ytd is not None
    made = {c.basis: c for c in found}
    previous = figure.period.previous()
    return warning(
        "amount_scale_suspect",
        sheet,
        cell,
        figure.ytd,
        unit=figure.unit_code,
        metric=figure.metric,
        period=str(figure.period),
        figure=wan(figure.ytd),
        factor=factor_text(found[0].exponent),
        previous=wan(made["previous"].compared) if "previous" in made else NOT_COMPARED,
        previous_period=NOT_COMPARED if previous is None else str(previous),
        last_year=wan(made["last_year"].compared) if "last_year" in made else NOT_COMPARED,
        last_year_period=str(figure.period.prior_year()),
        target=wan(made["target"].compared) if "target" in made else NOT_COMPARED,
    )


def wan(value: Decimal) -> str:
    """An amount in 万元 without its unit, with at least three significant digits (at most six decimals).

    >>> wan(Decimal("1037841000")), wan(Decimal(52)), wan(Decimal("14000000000000"))
    ('103,784.10', '0.00520', '1,400,000,000.00')
    """
    return amount(value, "zh", "wan", view_decimals([value], "wan", "zh", most=6), with_unit=False)
