"""The one read model: every figure, series, unit row, count and status that the pages, ``status --json`` and
the gap report show, for a year, an as-of quarter, a scope (the group, or a unit with the units under it) and
the settings.

``build(stored, year, quarter, scope, settings)`` is pure; ``dashboard.status.load_model`` reads ``Stored`` from
the database and calls it. Nothing outside ``dashboard.analytics`` computes a figure of shared/spec/metrics.md:
consumers read a ``ReadModel`` and format what it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from dashboard.analytics import breakdown, series
from dashboard.analytics.engine import (
    GROUP,
    Entity,
    Inputs,
    MetricFigures,
    Report,
    Settings,
    TargetSpec,
    UnitInfo,
    compute,
    compute_scope,
    time_progress,
)
from dashboard.analytics.series import History, QuarterPoint
from dashboard.domain import MetricDef, Period

DEFAULT = Settings()


@dataclass(frozen=True, slots=True)
class UploadRef:
    """An upload whose figures are current in the model: where the numbers come from (数据来源)."""

    id: int
    filename: str
    uploaded_by: str
    uploaded_at: datetime
    periods: str  # "2023Q1,2023Q2"
    figure_count: int  # figures of this upload that are current in the model's year


@dataclass(frozen=True)
class Stored:
    """What the read model reads, loaded once from storage: the configured metrics, the registered units,
    every current figure of the year and the year before, the year's current targets, and the uploads behind
    the current figures."""

    metrics: tuple[MetricDef, ...]
    units: dict[str, UnitInfo]
    history: History  # years (Y − 1, Y), all quarters
    targets: tuple[TargetSpec, ...]
    uploads: tuple[UploadRef, ...] = ()


@dataclass(frozen=True, slots=True)
class MetricSeries:
    """The quarter-by-quarter series of one metric for the scope: what the year path and bars draw."""

    quarters: tuple[QuarterPoint, ...]  # this year's stored quarters up to the as-of quarter
    last_year: tuple[QuarterPoint, ...]  # last year's stored quarters (its own single quarters)
    last_year_ytd: tuple[Decimal | None, ...]  # last year's 本年累计 at Q1..Q4 (None where not stored)
    target_path: tuple[Decimal, ...] | None  # cumulative target at Q1..Q4; None without an effective target
    target_path_seasonal: bool  # the target path follows last year's shape (pace "seasonal" and data for it)
    projection: Decimal | None  # the full-year projection the pace asks for (seasonal falls back to linear)
    projection_kind: str | None  # "linear" | "seasonal"
    metric: str = ""  # the metric's code (the charts' titles)


@dataclass(frozen=True, slots=True)
class UnitCounts:
    """The member units of the scope counted for one metric (户数). Units are those with a figure this period.

    Eliminations rows (kind ``elimination``) are summed into the scope but are no enterprise, so they are not
    counted. ``on_pace``/``behind`` split the units with a target by progress_gap ≥ 0; the loss figures are
    filled for profit-like metrics only (those not ``MetricDef.warn_negative``), else empty/None.
    """

    units: tuple[str, ...]  # member units with a figure at (Y, q)
    on_pace: tuple[str, ...]  # 达到序时进度
    behind: tuple[str, ...]  # 落后序时进度
    without_target: tuple[str, ...]
    declining: tuple[str, ...]  # yoy_change < 0 (同比下降), largest fall first
    loss_making: tuple[str, ...]  # ytd < 0 (亏损企业)
    loss_share: float | None  # 亏损面 = loss-making ÷ units
    loss_amount: Decimal | None  # 亏损额: the sum of their losses, a positive amount
    prior_loss_making: tuple[str, ...]  # prior_ytd < 0 among the same units (上年同期)
    prior_loss_share: float | None
    prior_loss_amount: Decimal | None
    turned_to_loss: tuple[str, ...]  # 由盈转亏: prior_ytd > 0 > ytd
    loss_widened: tuple[str, ...]  # 增亏: prior_ytd < 0 and ytd < prior_ytd


@dataclass(frozen=True)
class MetricView:
    """Everything about one metric for the scope."""

    code: str
    figures: MetricFigures  # the scope's own figures
    series: MetricSeries
    ranking: tuple[str, ...]  # member units, most behind first (lowest progress_gap; no target last)
    yoy_contributions: tuple[breakdown.Contribution, ...]  # biggest drag first
    gap_contributions: tuple[breakdown.Contribution, ...]  # largest gap first
    yoy_remainder: Decimal | None  # the scope's yoy_change not carried by any unit's (units without last year)
    unit_completion: dict[tuple[str, int], float | None]  # (unit, quarter) → 完成率 at that quarter
    unit_progress: dict[tuple[str, int], float | None]  # (unit, quarter) → progress_gap under the pace (heat map)
    counts: UnitCounts
    not_allocated: Decimal | None  # scope effective target − Σ member unit effective targets (group scope only)
    # The scope's gap less the sum of its member units' gaps, in two named parts (the gap waterfall's remainder):
    # the target not allocated to units, and the year to date of members without a unit target (which narrows
    # the scope's gap but no unit's). scope gap = Σ unit gaps + gap_unallocated − gap_untargeted_ytd.
    gap_unallocated: Decimal | None = None
    gap_untargeted_ytd: Decimal | None = None


@dataclass(frozen=True)
class ReadModel:
    """One year as of one quarter, for one scope."""

    year: int
    quarter: int
    scope: str  # GROUP ("") or a unit code
    members: tuple[str, ...]  # the units whose figures the scope sums (every registered unit for the group)
    settings: Settings
    time_progress: float
    pace_by_quarter: dict[int, float]  # 序时进度 at the end of each quarter up to the as-of one
    metrics: tuple[MetricDef, ...]
    units: dict[str, UnitInfo]  # every registered unit (names for display)
    entity: Entity  # the scope's figures, per metric
    unit_rows: tuple[Entity, ...]  # the member units with figures this year or a target, by code
    by_metric: dict[str, MetricView]
    not_reported: tuple[str, ...]  # registered member units with no figure at (Y, q)
    uploads: tuple[UploadRef, ...]  # the uploads behind the current figures of the year, newest first
    history: History = field(repr=False)  # the stored quarters of (Y − 1, Y) the series come from
    report: Report = field(repr=False)  # the engine's group-wide result (``status --json`` speaks it)

    @property
    def as_of(self) -> Period:
        return Period(self.year, self.quarter)

    def unit(self, code: str) -> Entity | None:
        """A member unit's row, or None when it has no figures this year and no target."""
        return next((u for u in self.unit_rows if u.code == code), None)


def build(
    stored: Stored,
    year: int,
    quarter: int,
    scope: str = GROUP,
    settings: Settings = DEFAULT,
    alone: bool = False,
) -> ReadModel:
    """The read model of ``stored`` for a year as of a quarter; ``scope`` is GROUP or a unit code, whose
    members are the unit and every unit under it (by ``parent_code``, at any depth) — or, with ``alone``, the
    unit by itself (the Units page's "without the units under it").

    A scope of one unit has exactly that unit's figures (its own target, growth floor and base, as
    ``status --json`` lists it); a scope of several sums them, with the members' effective targets summed
    into an absolute target when every member with figures has one (``engine.compute_scope``)."""
    inputs = engine_inputs(stored, year, quarter)
    return _assemble(stored, inputs, compute(inputs, settings), scope, settings, alone)


def rescope(stored: Stored, model: ReadModel, scope: str, alone: bool = False) -> ReadModel:
    """The model of another scope for the same stored data, year, quarter and settings as ``model`` (built from
    ``stored``), reusing the engine's group-wide result rather than computing it again: equal to
    ``build(stored, model.year, model.quarter, scope, model.settings, alone)``, quicker on a large group."""
    inputs = engine_inputs(stored, model.year, model.quarter)
    return _assemble(stored, inputs, model.report, scope, model.settings, alone)


def _assemble(stored: Stored, inputs: Inputs, report: Report, scope: str, settings: Settings, alone: bool) -> ReadModel:
    """The read model of a scope from the engine's group-wide result."""
    year, quarter = report.year, report.quarter
    if scope == GROUP:
        members = tuple(stored.units) or tuple(u.code for u in report.units)
        entity = report.group
    else:
        members = (scope,) if alone else tuple(descendants(stored.units, scope))
        entity = _scope_entity(inputs, report, scope, members, settings)
    wanted = set(members)
    rows = tuple(u for u in report.units if u.code in wanted)
    scoped = Report(year, quarter, report.time_progress, entity, list(rows), report.not_allocated)
    by_metric = {m.code: _metric_view(stored, scoped, m, members, settings, scope == GROUP) for m in stored.metrics}
    now = Period(year, quarter)
    reported = {k[0] for k in stored.history.ytd if k[1] == now}
    return ReadModel(
        year=year,
        quarter=quarter,
        scope=scope,
        members=members,
        settings=settings,
        time_progress=report.time_progress,
        pace_by_quarter={q: time_progress(year, q, settings.time_basis) for q in range(1, quarter + 1)},
        metrics=stored.metrics,
        units=stored.units,
        entity=entity,
        unit_rows=rows,
        by_metric=by_metric,
        not_reported=tuple(c for c in members if c in stored.units and c not in reported),
        uploads=stored.uploads,
        history=stored.history,
        report=report,
    )


def _scope_entity(inputs: Inputs, report: Report, scope: str, members: tuple[str, ...], settings: Settings) -> Entity:
    """A unit scope's figures: the unit's own row when it stands alone, else its members summed."""
    if members == (scope,):
        own = next((u for u in report.units if u.code == scope), None)
        return own if own is not None else Entity(scope, {m.code: MetricFigures() for m in inputs.metrics})
    return compute_scope(inputs, report, scope, list(members), settings)


def descendants(units: dict[str, UnitInfo], code: str) -> list[str]:
    """The unit and every unit under it, at any depth, the unit first then by code.

    >>> u = {c: UnitInfo(c, c, c, p, "member") for c, p in [("1", ""), ("11", "1"), ("111", "11"), ("2", "")]}
    >>> descendants(u, "1"), descendants(u, "2")
    (['1', '11', '111'], ['2'])
    """
    found = [code]
    frontier = [code]
    while frontier:
        children = sorted(c for c, u in units.items() if u.parent_code in frontier and c not in found)
        found.extend(children)
        frontier = children
    return found


def engine_inputs(stored: Stored, year: int, quarter: int) -> Inputs:
    """The engine's inputs: the periods its figures read (as-of, the two before it, last year's same quarter
    and last year's Q4), so that a unit with figures only after the as-of quarter is not listed."""
    now = Period(year, quarter)
    wanted = {now, Period(year - 1, quarter), Period(year - 1, 4)}
    wanted |= {Period(year, k) for k in (quarter - 1, quarter - 2) if k >= 1}
    return Inputs(
        year=year,
        quarter=quarter,
        metrics=stored.metrics,
        units=stored.units,
        ytd={k: v for k, v in stored.history.ytd.items() if k[1] in wanted},
        reported_prior={(k[0], k[2]): v for k, v in stored.history.reported_prior.items() if k[1] == now},
        targets=list(stored.targets),
    )


def _metric_view(
    stored: Stored, report: Report, metric: MetricDef, members: tuple[str, ...], settings: Settings, group: bool
) -> MetricView:
    code = metric.code
    figures = report.group.metrics[code]
    yoy = tuple(breakdown.yoy_contributions(report, code))
    carried = sum((c.amount for c in yoy if c.amount is not None), Decimal(0))
    gaps = tuple(breakdown.gap_contributions(report, code))
    unallocated, untargeted = _gap_parts(report, code)
    return MetricView(
        code=code,
        figures=figures,
        series=metric_series(
            stored.history, members, code, Period(report.year, report.quarter), figures, settings.pace
        ),
        ranking=tuple(breakdown.ranking(report, code)),
        yoy_contributions=yoy,
        gap_contributions=gaps,
        yoy_remainder=None if figures.yoy_change is None else figures.yoy_change - carried,
        unit_completion=series.unit_quarter_completion(stored.history, report, code, [u.code for u in report.units]),
        unit_progress=series.unit_quarter_progress(
            stored.history,
            report,
            code,
            [u.code for u in report.units],
            {q: time_progress(report.year, q, settings.time_basis) for q in range(1, report.quarter + 1)},
            settings.pace,
        ),
        counts=_counts(report, metric, stored.units),
        not_allocated=report.not_allocated.get(code) if group else None,
        gap_unallocated=unallocated,
        gap_untargeted_ytd=untargeted,
    )


def _gap_parts(report: Report, metric: str) -> tuple[Decimal | None, Decimal | None]:
    """(scope target − Σ the targets of member units with a gap — not allocated, or allocated to a unit with no
    figure yet —, Σ year to date of members with figures but no unit target); both None when the scope has no
    gap. With them the member units' gaps add up to the scope's gap."""
    scope = report.group.metrics[metric]
    if scope.gap is None or scope.effective_target is None:
        return None, None
    rows = [u.metrics[metric] for u in report.units]
    targets = sum(
        (m.effective_target for m in rows if m.effective_target is not None and m.gap is not None), Decimal(0)
    )
    untargeted = sum(
        (m.ytd_actual for m in rows if m.effective_target is None and m.ytd_actual is not None), Decimal(0)
    )
    return scope.effective_target - targets, untargeted


def metric_series(
    history: History, members: Sequence[str], metric: str, as_of: Period, figures: MetricFigures, pace: str
) -> MetricSeries:
    """The quarter series of one metric for a set of members as of a quarter: this year's quarters up to it,
    last year's, the target path (linear, or last year's shape for pace "seasonal") and the projection the
    pace asks for. ``figures`` are the members' figures at ``as_of`` (for the target and the projection).

    >>> h = History((2022, 2023), {("a", Period(2022, 4), "r"): Decimal(100), ("a", Period(2023, 1), "r"): Decimal(30),
    ...     ("a", Period(2023, 2), "r"): Decimal(55)}, {})
    >>> s = metric_series(h, ["a"], "r", Period(2023, 1), MetricFigures(effective_target=Decimal(120),
    ...     projection_linear=Decimal(120)), "linear")
    >>> [p.ytd for p in s.quarters], s.target_path, s.projection, s.projection_kind
    ([Decimal('30')], (Decimal('30'), Decimal('60'), Decimal('90'), Decimal('120')), Decimal('120'), 'linear')
    """
    year = as_of.year
    last_ytd = tuple(series.ytd_by_quarter(history, members, metric, year - 1))
    path: tuple[Decimal, ...] | None = None
    seasonal = False
    if figures.effective_target is not None:
        path = tuple(series.target_path(figures.effective_target, pace, last_ytd))
        seasonal = list(path) != series.target_path(figures.effective_target, "linear")
    projection, kind = _projection(figures, pace)
    return MetricSeries(
        quarters=tuple(p for p in series.quarterly(history, members, metric, year) if p.quarter <= as_of.quarter),
        last_year=tuple(series.quarterly(history, members, metric, year - 1)),
        last_year_ytd=last_ytd,
        target_path=path,
        target_path_seasonal=seasonal,
        projection=projection,
        projection_kind=kind,
        metric=metric,
    )


def _projection(figures: MetricFigures, pace: str) -> tuple[Decimal | None, str | None]:
    """The full-year projection the pace asks for, and which one it is (seasonal falls back to linear)."""
    if pace == "seasonal" and figures.projection_seasonal is not None:
        return figures.projection_seasonal, "seasonal"
    if figures.projection_linear is not None:
        return figures.projection_linear, "linear"
    return None, None


def _counts(report: Report, metric: MetricDef, units: dict[str, UnitInfo]) -> UnitCounts:
    code = metric.code
    profit_like = not metric.warn_negative
    rows = [
        (u.code, u.metrics[code])
        for u in report.units
        if u.metrics[code].ytd_actual is not None and (u.code not in units or units[u.code].kind != "elimination")
    ]
    with_gap = [(c, m.progress_gap) for c, m in rows if m.progress_gap is not None]
    falling = sorted((m.yoy_change, c) for c, m in rows if m.yoy_change is not None and m.yoy_change < 0)
    loss = _losses(rows, "ytd_actual") if profit_like else ((), None, None)
    prior = _losses(rows, "prior_ytd") if profit_like else ((), None, None)
    turned: tuple[str, ...] = ()
    widened: tuple[str, ...] = ()
    if profit_like:
        turned = tuple(c for c, m in rows if _below(m.ytd_actual, 0) and m.prior_ytd is not None and m.prior_ytd > 0)
        widened = tuple(
            c for c, m in rows if m.prior_ytd is not None and m.prior_ytd < 0 and _below(m.ytd_actual, m.prior_ytd)
        )
    return UnitCounts(
        units=tuple(c for c, _ in rows),
        on_pace=tuple(c for c, g in with_gap if g >= 0),
        behind=tuple(c for c, g in with_gap if g < 0),
        without_target=tuple(c for c, m in rows if m.progress_gap is None),
        declining=tuple(c for _, c in falling),
        loss_making=loss[0],
        loss_share=loss[1],
        loss_amount=loss[2],
        prior_loss_making=prior[0],
        prior_loss_share=prior[1],
        prior_loss_amount=prior[2],
        turned_to_loss=turned,
        loss_widened=widened,
    )


def _losses(
    rows: list[tuple[str, MetricFigures]], attribute: str
) -> tuple[tuple[str, ...], float | None, Decimal | None]:
    """(loss-making units, 亏损面 over the units counted, 亏损额 as a positive sum) for ytd or prior_ytd.

    For the prior year the denominator is the units with a prior figure."""
    values = [(c, v) for c, m in rows if (v := getattr(m, attribute)) is not None]
    losing = [(c, v) for c, v in values if v < 0]
    share = len(losing) / len(values) if values else None
    return tuple(c for c, _ in losing), share, -sum((v for _, v in losing), Decimal(0)) if values else None


def _below(value: Decimal | None, bound: Decimal | int) -> bool:
    return value is not None and value < bound
