"""Assemble the figures of shared/spec/metrics.md for the group and each unit, from plain inputs.

``compute(inputs, settings)`` is pure: ``dashboard.status`` loads the inputs from storage and calls it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dashboard.analytics import formulas as f
from dashboard.domain import MetricDef, Period

GROUP = ""  # the unit code that stands for the group in targets


@dataclass(frozen=True, slots=True)
class TargetSpec:
    metric: str
    unit_code: str  # GROUP for the group
    amount: Decimal | None
    growth_floor: Decimal | None
    base_amount: Decimal | None


@dataclass(frozen=True, slots=True)
class UnitInfo:
    code: str
    name_zh: str
    name_en: str
    parent_code: str
    kind: str


@dataclass(frozen=True)
class Inputs:
    """Everything the engine reads: current year-to-date figures around the as-of quarter, and targets."""

    year: int
    quarter: int
    metrics: tuple[MetricDef, ...]
    units: dict[str, UnitInfo]
    ytd: dict[tuple[str, Period, str], Decimal]  # (unit, period, metric) → stored current ytd
    reported_prior: dict[tuple[str, str], Decimal]  # (unit, metric) → 上年同期 reported with (year, quarter)
    targets: list[TargetSpec]


@dataclass(frozen=True)
class Settings:
    red_gap: float = 0.10  # progress_gap below −red_gap is red
    pace: str = "linear"  # "linear" (time progress) or "seasonal" (prior_ytd / base)
    time_basis: str = "quarters"  # "quarters" (q/4) or "days" (elapsed days / days in year)


@dataclass
class MetricFigures:
    """Every figure of one metric for one entity; target-dependent ones are None without a target."""

    target: Decimal | None = None
    growth_floor: Decimal | None = None
    base: Decimal | None = None
    effective_target: Decimal | None = None
    binding: str | None = None
    ytd_actual: Decimal | None = None
    prior_ytd: Decimal | None = None
    completion_rate: float | None = None
    progress_gap: float | None = None
    yoy_growth: float | None = None
    yoy_change: Decimal | None = None
    gap: Decimal | None = None
    required_per_quarter: Decimal | None = None
    required_growth_rest_of_year: float | None = None
    projection_linear: Decimal | None = None
    projection_seasonal: Decimal | None = None
    status: str | None = None
    single_quarter: Decimal | None = None
    qoq_growth: float | None = None
    loss_wording: str | None = None  # 扭亏/减亏/增亏/由盈转亏 (profit-like metrics): shown instead of yoy_growth
    completion_wording: str | None = None  # in_loss/target_met/target_missed: shown instead of completion_rate
    status_reason: str | None = None  # which part of the rule decided the status (formulas.status_reason)
    stored_prior_ytd: Decimal | None = None  # last year's stored (Y−1, q), for the restatement flag
    restated: bool = False


@dataclass
class Entity:
    code: str  # GROUP for the group
    metrics: dict[str, MetricFigures] = field(default_factory=dict)


@dataclass
class Report:
    year: int
    quarter: int
    time_progress: float
    group: Entity
    units: list[Entity]
    not_allocated: dict[str, Decimal | None]  # group effective target − Σ unit effective targets


def time_progress(year: int, quarter: int, basis: str) -> float:
    """q/4, or elapsed days to the quarter's end over days in the year.

    >>> time_progress(2023, 2, "quarters"), round(time_progress(2023, 2, "days"), 4)
    (0.5, 0.4959)
    """
    if basis != "days":
        return f.time_progress(quarter)
    end_month = quarter * 3
    end = date(year + 1, 1, 1) if end_month == 12 else date(year, end_month + 1, 1)
    return (end - date(year, 1, 1)).days / (date(year + 1, 1, 1) - date(year, 1, 1)).days


def compute(inputs: Inputs, settings: Settings = Settings()) -> Report:
    """The group and every unit with figures in the year or a target, for each metric."""
    pace = time_progress(inputs.year, inputs.quarter, settings.time_basis)
    targets = {(t.unit_code, t.metric): t for t in inputs.targets}
    codes = sorted(
        {k[0] for k in inputs.ytd if k[1].year == inputs.year} | {t.unit_code for t in inputs.targets} - {GROUP}
    )
    units = [_entity(inputs, code, [code], targets, pace, settings) for code in codes]
    group = _entity(inputs, GROUP, list(inputs.units) or codes, targets, pace, settings)
    not_allocated: dict[str, Decimal | None] = {}
    last_year = Period(inputs.year - 1, 4)
    for m in inputs.metrics:
        # Every unit target counts, whether or not its unit has reported this period (an unreported unit has no
        # figures, so no effective target on its row: its target is allocated all the same).
        resolved = (
            resolve_target(t, _sum(inputs, [t.unit_code], last_year, m.code)).effective
            for t in inputs.targets
            if t.unit_code != GROUP and t.metric == m.code
        )
        unit_targets = [t for t in resolved if t is not None]
        total = group.metrics[m.code].effective_target
        not_allocated[m.code] = total - sum(unit_targets, Decimal(0)) if total is not None and unit_targets else None
    return Report(inputs.year, inputs.quarter, pace, group, units, not_allocated)


def compute_scope(inputs: Inputs, report: Report, code: str, members: list[str], settings: Settings) -> Entity:
    """A unit together with the units under it, as one entity: figures summed over ``members``; its target is the
    sum of the members' effective targets when every member with figures this year has one (else no target)."""
    by_code = {u.code: u for u in report.units}
    targets: dict[tuple[str, str], TargetSpec] = {}
    for m in inputs.metrics:
        parts = [by_code[c].metrics[m.code] for c in members if c in by_code]
        counted = [p for p in parts if p.ytd_actual is not None or p.effective_target is not None]
        if counted and all(p.effective_target is not None for p in counted):
            total = sum((p.effective_target for p in counted if p.effective_target is not None), Decimal(0))
            targets[(code, m.code)] = TargetSpec(m.code, code, total, None, None)
    return _entity(inputs, code, members, targets, report.time_progress, settings)


def stored_total(
    ytd: Mapping[tuple[str, Period, str], Decimal], members: Sequence[str], period: Period, metric: str
) -> Decimal | None:
    """The sum of the members' stored year-to-date figures for a period; None when none has one.

    >>> stored_total({("a", Period(2023, 1), "r"): Decimal(5)}, ["a", "b"], Period(2023, 1), "r")
    Decimal('5')
    """
    values = [v for c in members if (v := ytd.get((c, period, metric))) is not None]
    return sum(values, Decimal(0)) if values else None


def _sum(inputs: Inputs, members: list[str], period: Period | None, metric: str) -> Decimal | None:
    return Decimal(0) if period is None else stored_total(inputs.ytd, members, period, metric)


def _prior(inputs: Inputs, members: list[str], metric: str) -> tuple[Decimal | None, Decimal | None]:
    """(prior_ytd: reported with this period, else stored last year; stored last year alone)."""
    last_year = Period(inputs.year - 1, inputs.quarter)
    reported = [inputs.reported_prior.get((c, metric)) for c in members]
    stored = [inputs.ytd.get((c, last_year, metric)) for c in members]
    chosen = [r if r is not None else s for r, s in zip(reported, stored, strict=True)]
    prior = sum((v for v in chosen if v is not None), Decimal(0)) if any(v is not None for v in chosen) else None
    stored_sum = sum((v for v in stored if v is not None), Decimal(0)) if any(v is not None for v in stored) else None
    return prior, stored_sum


def _entity(
    inputs: Inputs,
    code: str,
    members: list[str],
    targets: dict[tuple[str, str], TargetSpec],
    pace: float,
    settings: Settings,
) -> Entity:
    entity = Entity(code)
    now = Period(inputs.year, inputs.quarter)
    for m in inputs.metrics:
        figures = entity.metrics[m.code] = MetricFigures()
        ytd = _sum(inputs, members, now, m.code)
        figures.ytd_actual = ytd
        if ytd is None:
            continue
        figures.prior_ytd, figures.stored_prior_ytd = _prior(inputs, members, m.code)
        figures.restated = (
            figures.stored_prior_ytd is not None
            and figures.prior_ytd is not None
            and figures.stored_prior_ytd != figures.prior_ytd
        )
        _growth_figures(figures, ytd, inputs, members, m.code)
        if m.warn_negative:  # 扭亏/减亏/增亏 speak of losses: only for profit-like metrics, where negatives are normal
            figures.loss_wording = None
        target = targets.get((code, m.code))
        basis = resolve_target(target, _sum(inputs, members, Period(inputs.year - 1, 4), m.code))
        figures.base = basis.base
        figures.projection_linear = f.projection_linear(ytd, pace)
        figures.projection_seasonal = f.projection_seasonal(ytd, basis.base, figures.prior_ytd)
        if target is not None:
            _target_figures(figures, target, basis, inputs.quarter, pace, settings)
            if figures.effective_target is not None:
                figures.completion_wording = f.completion_wording(ytd, figures.effective_target, not m.warn_negative)
    return entity


@dataclass(frozen=True, slots=True)
class TargetBasis:
    """What a target means: the base it grows from, the effective target and the part that binds."""

    base: Decimal | None  # entered with the target, else last year's stored full year (Y−1 Q4) of the scope
    base_entered: bool
    effective: Decimal | None  # None without a target, or with only a growth floor and no base
    binding: str | None  # "absolute" | "growth"


def resolve_target(target: TargetSpec | None, last_year_full: Decimal | None) -> TargetBasis:
    """The base and effective target of a scope's target (metrics.md, Targets): ``base`` is the amount entered
    with the target, else ``last_year_full`` (the scope's stored (Y−1, Q4) year to date);
    ``effective = max(T_abs, base × (1 + g))``. The engine and the targets workflow both use this.

    >>> t = TargetSpec("r", "", Decimal(380), Decimal("0.05"), None)
    >>> resolve_target(t, Decimal(366))
    TargetBasis(base=Decimal('366'), base_entered=False, effective=Decimal('384.30'), binding='growth')
    >>> resolve_target(TargetSpec("r", "", None, Decimal("0.05"), None), None).effective is None
    True
    >>> resolve_target(None, Decimal(7))
    TargetBasis(base=Decimal('7'), base_entered=False, effective=None, binding=None)
    """
    entered = target is not None and target.base_amount is not None
    base = target.base_amount if target is not None and entered else last_year_full
    if target is None:
        return TargetBasis(base, False, None, None)
    try:
        effective, binding = f.effective_target(target.amount, target.growth_floor, base)
    except ValueError:  # only a growth floor, and no base stored or entered
        return TargetBasis(base, entered, None, None)
    return TargetBasis(base, entered, effective, binding)


def _growth_figures(figures: MetricFigures, ytd: Decimal, inputs: Inputs, members: list[str], metric: str) -> None:
    q = inputs.quarter
    figures.yoy_growth = f.yoy_growth(ytd, figures.prior_ytd)
    figures.yoy_change = f.yoy_change(ytd, figures.prior_ytd)
    figures.loss_wording = f.loss_wording(ytd, figures.prior_ytd)
    earlier = _sum(inputs, members, Period(inputs.year, q - 1) if q > 1 else None, metric)
    figures.single_quarter = f.single_quarter(ytd, earlier, q)
    if q > 1:
        before = _sum(inputs, members, Period(inputs.year, q - 2) if q > 2 else None, metric)
        figures.qoq_growth = f.qoq_growth(figures.single_quarter, f.single_quarter(earlier, before, q - 1))


def _target_figures(
    figures: MetricFigures, target: TargetSpec, basis: TargetBasis, quarter: int, pace: float, settings: Settings
) -> None:
    assert figures.ytd_actual is not None
    ytd = figures.ytd_actual
    base = basis.base
    figures.target, figures.growth_floor = target.amount, target.growth_floor
    if basis.effective is None:  # only a growth floor, and no base stored or entered
        return
    figures.effective_target, figures.binding = basis.effective, basis.binding
    compare = pace
    if settings.pace == "seasonal" and base and figures.prior_ytd is not None and base > 0:
        compare = float(figures.prior_ytd / base)
    figures.completion_rate = f.completion_rate(ytd, figures.effective_target)
    figures.progress_gap = f.progress_gap(figures.completion_rate, compare)
    figures.gap = f.gap(figures.effective_target, ytd)
    figures.required_per_quarter = f.required_per_quarter(figures.gap, quarter)
    figures.required_growth_rest_of_year = f.required_growth_rest_of_year(figures.gap, base, figures.prior_ytd)
    floor = float(target.growth_floor) if target.growth_floor is not None else None
    if figures.effective_target <= 0:  # a 减亏 target: no completion rate; met or not decides, unless it fell
        figures.status_reason = f.loss_target_reason(ytd, figures.effective_target, figures.yoy_change)
    else:
        figures.status_reason = f.status_reason(
            figures.progress_gap, figures.yoy_growth, figures.yoy_change, floor, settings.red_gap
        )
    figures.status = f.STATUS_OF_REASON[figures.status_reason] if figures.status_reason else None
