"""Figures that look typed in the wrong amount unit (金额单位): a unit's figure compared with what that unit stored
for the quarter before, for the same quarter last year, and with its target. A ratio near a factor between the
amount units — 10³ (千元 typed as 元), 10⁴ (万元), 10⁶ (百万元) or 10⁸ (亿元), up or down — is the warning
``amount_scale_suspect`` (imports.NEEDS_ACKNOWLEDGEMENT: the file is stored only once someone acknowledges it).

A comparison points at a factor 10^k when |log10(ratio) − k| ≤ 0.3 (within a factor of 2 of it) for k in ±3, ±4,
±6, ±8; a figure is suspect when every comparison available points at the same factor. A large honest change
between the factors (an asset sale lifting a small profit 375 times its pace, 10^2.57; or 10^5.5) is not warned. A
comparison is skipped when either side is missing or zero or their signs differ (a profit near zero turning into
a loss is no scale error). A unit's first period has nothing to compare with. Eliminations rows (unit kind
``elimination``) are not checked: they net other units' figures and swing by any factor.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dashboard.analytics.formulas import effective_target
from dashboard.domain import Period, Problem, warning
from dashboard.i18n.numbers import amount, view_decimals
from dashboard.storage.queries import FigureKey, StoredFigure
from dashboard.storage.repository import NewFigure
from dashboard.storage.rows import TargetVersionRow

POWERS = (3, 4, 6, 8)  # powers of ten between the amount units: 千元, 万元, 百万元 and 亿元 against 元
TOLERANCE = 0.3  # how far log10(ratio) may lie from ±k to point at 10^k (about a factor of 2)
NOT_CHECKED = frozenset({"elimination"})  # unit kinds whose figures are not checked
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
    def exponent(self) -> int | None:
        """The factor between amount units (a power of ten, ±3, ±4, ±6 or ±8) the ratio lies near, or None.

        >>> [Comparison("previous", "", Decimal(1), x).exponent for x in (3.9, -8.2, 6.3, 2.6, 5.5, 0.1)]
        [4, -8, 6, None, None, None]
        """
        for k in POWERS:
            for signed in (k, -k):
                if abs(self.log_ratio - signed) <= TOLERANCE:
                    return signed
        return None


def scale_problems(
    figures: Sequence[NewFigure],
    stored: dict[FigureKey, StoredFigure],
    targets: Sequence[TargetVersionRow],
    kinds: Mapping[str, str] | None = None,
) -> list[Problem]:
    """The ``amount_scale_suspect`` warnings of a file's figures (year to date, yuan) against the stored figures
    (this period, the quarter before, last year's same quarter) and the current targets. ``kinds``: the units'
    kinds by code (the file's and the registered units'); units of a kind in NOT_CHECKED are skipped."""
    by_key = {(t.year, t.metric, t.unit_code): t for t in targets}
    kinds = kinds or {}
    problems = []
    for f in figures:
        if f.unit_code == GROUP or f.ytd is None or kinds.get(f.unit_code) in NOT_CHECKED:
            continue
        found = comparisons(
            f.ytd, f.unit_code, f.period, f.metric, stored, by_key.get((f.period.year, f.metric, f.unit_code))
        )
        power = common_power(found)
        if power is not None:
            problems.append(_warning(f, found, power))
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


def common_power(found: Sequence[Comparison]) -> int | None:
    """The factor (power of ten) every comparison points at, when there is at least one and all agree; else None.

    >>> up, near, down, thousand, honest = (
    ...     Comparison("previous", "", Decimal(1), x) for x in (4.0, 4.2, -3.0, 3.1, 0.11))
    >>> common_power([up]), common_power([up, near]), common_power([up, down]), common_power([up, thousand])
    (4, 4, None, None)
    >>> common_power([up, honest]), common_power([])
    (None, None)
    """
    powers = {c.exponent for c in found}
    return powers.pop() if len(powers) == 1 else None


def suspect(found: Sequence[Comparison]) -> bool:
    """Whether every comparison points at the same factor between amount units (and there is at least one)."""
    return common_power(found) is not None


def factor_text(exponent: int) -> str:
    """The factor as a power of ten people read: "10,000" up, "1/10,000" down.

    >>> factor_text(4), factor_text(-3), factor_text(6), factor_text(8)
    ('10,000', '1/1,000', '1,000,000', '100,000,000')
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


def _warning(figure: NewFigure, found: Sequence[Comparison], power: int) -> Problem:
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
        factor=factor_text(power),
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
