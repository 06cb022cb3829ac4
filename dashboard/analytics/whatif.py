"""What the rest of the year needs (what-if): assume the remaining quarters grow by ``g`` over last year's same
quarters, and see the full year, completion and whether the target is met that this gives, beside the growth that
exactly meets the target (``required_growth_rest_of_year``, shared/spec/metrics.md, as the engine computed it in
``MetricFigures``).

Last year's remaining quarters are ``base − prior_ytd`` (last year's full year less last year's same year to
date), so the projected full year is ``ytd_actual + (base − prior_ytd) × (1 + g)``. Amounts are Decimal yuan,
rates floats (0.05 = 5 %). Where last year's remaining quarters are missing or not positive a growth on them
means nothing: no projection (``basis`` says why). At Q4 nothing remains: the full year is the year to date.

Worked example (2023 Q2, group revenue, 亿元): ytd 190, last year's same YTD 175, last year's full year 366,
target 384.3. Last year's Q3–Q4 were 366 − 175 = 191; at g = 5 % they give 200.55, so the full year is 390.55,
completion 101.6 %, met by 6.25. The growth that exactly meets the target is (384.3 − 190) / 191 − 1 = 1.73 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboard.analytics import formulas
from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import ReadModel
from dashboard.domain import canonical

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """One metric under an assumed growth for the remaining quarters.

    ``basis``: "ok"; "year_end" (Q4: nothing remains, the full year is the year to date); "no_figures" (no year
    to date); "no_last_year" (last year's full year or same YTD missing); "no_rest" (last year's remaining
    quarters were not positive: a growth on them means nothing). ``completion`` None without a positive target
    (then ``met`` and ``margin`` say it by amount) or when the full year is a loss of a profit-like metric.
    """

    metric: str
    growth: float
    basis: str
    full_year: Decimal | None = None
    target: Decimal | None = None
    completion: float | None = None
    met: bool | None = None  # None without a target or a projection
    margin: Decimal | None = None  # full_year − target: ≥ 0 met (by how much), < 0 short by that much
    required_growth: float | None = None  # required_growth_rest_of_year
    already_met: bool = False  # the year to date already meets the target (the rest may even fall to zero)


def rest_of_last_year(base: Decimal | None, prior_ytd: Decimal | None) -> Decimal | None:
    """Last year's remaining quarters ``base − prior_ytd``; None when either is missing.

    >>> rest_of_last_year(Decimal(366), Decimal(175)), rest_of_last_year(None, Decimal(1))
    (Decimal('191'), None)
    """
    return None if base is None or prior_ytd is None else base - prior_ytd


def projected_full_year(
    ytd: Decimal, prior_ytd: Decimal | None, base: Decimal | None, growth: float, quarter: int
) -> Decimal | None:
    """``ytd_actual + (base − prior_ytd) × (1 + g)``; the year to date itself at Q4; None when last year's
    remaining quarters are missing or not positive.

    >>> projected_full_year(Decimal(190), Decimal(175), Decimal(366), 0.05, 2)
    Decimal('390.55')
    >>> projected_full_year(Decimal(190), Decimal(175), Decimal(366), -0.2, 2)  # the rest falls 20 %
    Decimal('342.8')
    >>> projected_full_year(Decimal(400), Decimal(366), Decimal(366), 0.05, 4)  # Q4: nothing remains
    Decimal('400')
    >>> projected_full_year(Decimal(-5), Decimal(-3), Decimal(-8), 0.1, 2) is None  # last year's rest a loss
    True
    """
    if quarter == 4:
        return ytd
    rest = rest_of_last_year(base, prior_ytd)
    if rest is None or rest <= 0:
        return None
    return canonical(ytd + rest * Decimal(repr(1 + growth)))


def what_if(metric: str, m: MetricFigures, growth: float, quarter: int, profit_like: bool = False) -> WhatIf:
    """One metric's what-if from its figures (``MetricFigures``: ytd_actual, prior_ytd, base, effective_target and
    required_growth_rest_of_year, which the engine computes: max(gap, 0) / (base − prior_ytd) − 1, metrics.md).

    >>> m = MetricFigures(ytd_actual=Decimal(190), prior_ytd=Decimal(175), base=Decimal(366),
    ...                   effective_target=Decimal("384.3"), required_growth_rest_of_year=(384.3 - 190) / 191 - 1)
    >>> w = what_if("revenue", m, 0.05, 2)
    >>> w.full_year, round(w.completion, 4), w.met, w.margin, round(w.required_growth, 4)
    (Decimal('390.55'), 1.0163, True, Decimal('6.25'), 0.0173)
    >>> w = what_if("revenue", m, 0.0, 2)
    >>> w.full_year, w.met, w.margin
    (Decimal('381'), False, Decimal('-3.3'))
    >>> what_if("revenue", m, 0.05, 4).basis
    'year_end'
    """
    ytd, target = m.ytd_actual, m.effective_target
    if ytd is None:
        return WhatIf(metric, growth, "no_figures", target=target)
    basis = _basis(m, quarter)
    required = m.required_growth_rest_of_year if target is not None else None  # the engine's (metrics.md)
    full = projected_full_year(ytd, m.prior_ytd, m.base, growth, quarter)
    if full is None or target is None:
        return WhatIf(metric, growth, basis, full, target, required_growth=required)
    completion = (
        None if formulas.completion_wording(full, target, profit_like) else formulas.completion_rate(full, target)
    )
    margin = full - target
    already = ytd >= target
    return WhatIf(metric, growth, basis, full, target, completion, margin >= 0, margin, required, already)


def _basis(m: MetricFigures, quarter: int) -> str:
    if quarter == 4:
        return "year_end"
    rest = rest_of_last_year(m.base, m.prior_ytd)
    if rest is None:
        return "no_last_year"
    return "ok" if rest > 0 else "no_rest"


def whatif_rows(model: ReadModel, growth: float) -> list[WhatIf]:
    """The what-if of each of the model's metrics for its scope, in the configured order."""
    return [
        what_if(d.code, model.entity.metrics[d.code], growth, model.quarter, profit_like=not d.warn_negative)
        for d in model.metrics
        if d.code in model.entity.metrics
    ]


def default_growth(model: ReadModel) -> float:
    """The growth the panel starts from: the scope's growth floor when every metric with one shares it, else 0.

    The floors are read from the scope's targets (``MetricFigures.growth_floor``).
    """
    floors = {m.growth_floor for m in model.entity.metrics.values() if m.growth_floor is not None}
    return float(floors.pop()) if len(floors) == 1 else 0.0
