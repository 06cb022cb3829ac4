"""Who moves the group: each unit's share of the group's year-on-year change and of its gap, and rankings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboard.analytics.engine import Report


@dataclass(frozen=True, slots=True)
class Contribution:
    code: str
    amount: Decimal | None  # the unit's yoy_change (or gap)
    share: float | None  # of the group's figure; None when that is zero or missing


def yoy_contributions(report: Report, metric: str) -> list[Contribution]:
    """Each unit's 同比增减额 and its share of the group's; the biggest drag first.

    The shares add up to 1 over units with a prior-year figure (the group is their sum).
    """
    total = report.group.metrics[metric].yoy_change
    rows = [
        Contribution(u.code, u.metrics[metric].yoy_change, _share(u.metrics[metric].yoy_change, total))
        for u in report.units
    ]
    return sorted(rows, key=lambda c: (c.amount is None, c.amount if c.amount is not None else 0))


def gap_contributions(report: Report, metric: str) -> list[Contribution]:
    """Each unit's gap against its own (cascaded) target, and its share of the group's gap; largest gap first.
    Units without a unit target are listed with None."""
    total = report.group.metrics[metric].gap
    rows = [Contribution(u.code, u.metrics[metric].gap, _share(u.metrics[metric].gap, total)) for u in report.units]
    return sorted(rows, key=lambda c: (c.amount is None, -(c.amount or 0)))


def ranking(report: Report, metric: str) -> list[str]:
    """Unit codes, most behind first (lowest progress_gap); units without a target last, by code."""

    def key(code_and_gap: tuple[str, float | None]) -> tuple[bool, float, str]:
        code, gap = code_and_gap
        return gap is None, gap if gap is not None else 0.0, code

    pairs = [(u.code, u.metrics[metric].progress_gap) for u in report.units]
    return [code for code, _ in sorted(pairs, key=key)]


def _share(part: Decimal | None, total: Decimal | None) -> float | None:
    return float(part / total) if part is not None and total else None
