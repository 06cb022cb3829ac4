"""Quarter-by-quarter series over several years: what the year path, quarterly bars, heat map and trends draw.

``History`` is plain data loaded by ``dashboard.status.load_history``; the functions here are pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dashboard.analytics import formulas as f
from dashboard.analytics.engine import Report, stored_total
from dashboard.domain import Period


@dataclass(frozen=True)
class History:
    """Stored current year-to-date figures over several years, and the 上年同期 reported with each period."""

    years: tuple[int, ...]
    ytd: dict[tuple[str, Period, str], Decimal]  # (unit, period, metric) → 本年累计, yuan
    reported_prior: dict[tuple[str, Period, str], Decimal]  # (unit, period, metric) → 上年同期 as reported


@dataclass(frozen=True, slots=True)
class QuarterPoint:
    """One quarter of one year for a set of units: the figures a year path, bar or trend line draws."""

    quarter: int
    ytd: Decimal | None  # 本年累计, summed over the members that have it
    single_quarter: Decimal | None  # 单季 ytd(q) − ytd(q−1)
    prior_ytd: Decimal | None  # 上年同期: as reported with (year, q), else stored (year − 1, q)
    yoy_growth: float | None  # 同比; None when prior_ytd ≤ 0
    qoq_growth: float | None  # 环比; None when the previous single quarter ≤ 0
    restated: bool  # the reported 上年同期 differs from last year's stored figure
    stored_prior_ytd: Decimal | None = None  # last year's stored (year − 1, q), for the restatement note
    last_year_single: Decimal | None = None  # last year's stored single quarter (the bars' grey bar)
    single_yoy_growth: float | None = None  # 单季同比: single_quarter / last_year_single − 1 when the latter > 0


def total(history: History, members: Sequence[str], period: Period, metric: str) -> Decimal | None:
    """The sum over the members that have a stored figure for the period; None when none has.

    >>> h = History((2023,), {("a", Period(2023, 1), "r"): Decimal(5), ("b", Period(2023, 1), "r"): Decimal(7)}, {})
    >>> total(h, ["a", "b", "c"], Period(2023, 1), "r"), total(h, ["c"], Period(2023, 1), "r")
    (Decimal('12'), None)
    """
    return stored_total(history.ytd, members, period, metric)


def ytd_by_quarter(history: History, members: Sequence[str], metric: str, year: int) -> list[Decimal | None]:
    """The year's stored year-to-date totals for Q1..Q4 (None where nothing is stored).

    >>> h = History((2022,), {("a", Period(2022, 1), "r"): Decimal(5), ("a", Period(2022, 2), "r"): Decimal(11)}, {})
    >>> ytd_by_quarter(h, ["a"], "r", 2022)
    [Decimal('5'), Decimal('11'), None, None]
    """
    return [total(history, members, Period(year, q), metric) for q in (1, 2, 3, 4)]


def quarterly(history: History, members: Sequence[str], metric: str, year: int) -> list[QuarterPoint]:
    """The year's quarters that have a stored figure, with single-quarter, prior-year and growth figures.

    The prior year's figure is chosen per member as the engine does: the 上年同期 reported with the period,
    else last year's stored figure; a point is ``restated`` when the two totals differ.

    >>> P = Period
    >>> ytd = {("a", P(2022, 1), "r"): Decimal(80), ("a", P(2022, 2), "r"): Decimal(200),
    ...        ("a", P(2023, 1), "r"): Decimal(100), ("a", P(2023, 2), "r"): Decimal(250)}
    >>> h = History((2022, 2023), ytd, {("a", P(2023, 2), "r"): Decimal(190)})
    >>> q1, q2 = quarterly(h, ["a"], "r", 2023)
    >>> q1.single_quarter, q1.prior_ytd, q1.yoy_growth, q1.restated
    (Decimal('100'), Decimal('80'), 0.25, False)
    >>> q2.single_quarter, q2.qoq_growth, q2.prior_ytd, q2.stored_prior_ytd, q2.restated
    (Decimal('150'), 0.5, Decimal('190'), Decimal('200'), True)

    The single quarter's year-on-year growth compares it with last year's stored single quarter (150 against
    200 − 80 = 120):

    >>> q2.last_year_single, q2.single_yoy_growth
    (Decimal('120'), 0.25)
    """
    ytds = ytd_by_quarter(history, members, metric, year)
    last = ytd_by_quarter(history, members, metric, year - 1)
    points: list[QuarterPoint] = []
    for q, ytd in enumerate(ytds, start=1):
        if ytd is None:
            continue
        single = f.single_quarter(ytd, ytds[q - 2] if q > 1 else None, q)
        before = f.single_quarter(ytds[q - 2], ytds[q - 3] if q > 2 else None, q - 1) if q > 1 else None
        prior, stored = _prior(history, members, metric, Period(year, q))
        last_single = f.single_quarter(last[q - 1], last[q - 2] if q > 1 else None, q)
        points.append(
            QuarterPoint(
                quarter=q,
                ytd=ytd,
                single_quarter=single,
                prior_ytd=prior,
                yoy_growth=f.yoy_growth(ytd, prior),
                qoq_growth=f.qoq_growth(single, before),
                restated=prior is not None and stored is not None and prior != stored,
                stored_prior_ytd=stored,
                last_year_single=last_single,
                single_yoy_growth=None if single is None else f.yoy_growth(single, last_single),
            )
        )
    return points


def by_year(
    history: History, members: Sequence[str], metric: str, years: Sequence[int]
) -> dict[int, list[QuarterPoint]]:
    """``quarterly`` for each of the years, in ascending order: what the trends chart and table draw.

    >>> h = History((2022, 2023), {("a", Period(y, 1), "r"): Decimal(y - 2000) for y in (2022, 2023)}, {})
    >>> {y: [p.ytd for p in points] for y, points in by_year(h, ["a"], "r", [2023, 2022, 2030]).items()}
    {2022: [Decimal('22')], 2023: [Decimal('23')], 2030: []}
    """
    return {year: quarterly(history, members, metric, year) for year in sorted(set(years))}


def _prior(
    history: History, members: Sequence[str], metric: str, period: Period
) -> tuple[Decimal | None, Decimal | None]:
    """(上年同期 as reported else stored last year, summed; last year's stored figure alone, summed)."""
    last_year = period.prior_year()
    chosen: list[Decimal] = []
    stored: list[Decimal] = []
    for c in members:
        kept = history.ytd.get((c, last_year, metric))
        reported = history.reported_prior.get((c, period, metric))
        if kept is not None:
            stored.append(kept)
        if (value := reported if reported is not None else kept) is not None:
            chosen.append(value)
    return (sum(chosen, Decimal(0)) if chosen else None, sum(stored, Decimal(0)) if stored else None)


def target_path(
    effective_target: Decimal, pace: str, last_year: Sequence[Decimal | None] | None = None
) -> list[Decimal]:
    """The cumulative target at the end of Q1..Q4.

    ``linear``: T × q / 4. ``seasonal``: T × ytd(Y−1, q) / ytd(Y−1, 4), last year's shape; linear when last
    year's four figures are not all there or its full year is not positive.

    >>> target_path(Decimal(400), "linear")
    [Decimal('100'), Decimal('200'), Decimal('300'), Decimal('400')]
    >>> target_path(Decimal(400), "seasonal", [Decimal(18), Decimal(42), Decimal(66), Decimal(100)])
    [Decimal('72'), Decimal('168'), Decimal('264'), Decimal('400')]
    >>> target_path(Decimal(400), "seasonal", [Decimal(18), None, None, None])[0]
    Decimal('100')
    """
    shape = list(last_year) if last_year is not None else []
    full = shape[3] if len(shape) == 4 else None
    if pace == "seasonal" and full is not None and full > 0 and all(v is not None for v in shape):
        return [effective_target * v / full for v in shape if v is not None]
    return [effective_target * q / 4 for q in (1, 2, 3, 4)]


def unit_quarter_completion(
    history: History, report: Report, metric: str, codes: Sequence[str]
) -> dict[tuple[str, int], float | None]:
    """完成率 of each unit at each quarter of the report's year up to its as-of quarter:
    ytd(unit, Y, q) / the unit's effective target; None without a figure or a unit target.

    >>> from dashboard.analytics.engine import Entity, MetricFigures
    >>> unit = Entity("a", {"r": MetricFigures(effective_target=Decimal(400))})
    >>> report = Report(2023, 2, 0.5, Entity(""), [unit], {})
    >>> h = History((2023,), {("a", Period(2023, 1), "r"): Decimal(90), ("a", Period(2023, 2), "r"): Decimal(210)}, {})
    >>> unit_quarter_completion(h, report, "r", ["a", "b"])
    {('a', 1): 0.225, ('a', 2): 0.525, ('b', 1): None, ('b', 2): None}
    """
    targets = {u.code: m.effective_target for u in report.units if (m := u.metrics.get(metric)) is not None}
    completion: dict[tuple[str, int], float | None] = {}
    for code in codes:
        target = targets.get(code)
        for q in range(1, report.quarter + 1):
            ytd = history.ytd.get((code, Period(report.year, q), metric))
            completion[(code, q)] = f.completion_rate(ytd, target) if ytd is not None and target is not None else None
    return completion


def unit_quarter_progress(
    history: History, report: Report, metric: str, codes: Sequence[str], pace_by_quarter: dict[int, float], pace: str
) -> dict[tuple[str, int], float | None]:
    """progress_gap of each unit at each quarter up to the as-of one: its completion at that quarter less the
    pace it is compared with — time progress (``pace_by_quarter``), or for pace "seasonal" last year's share of
    the full year at that quarter (上年同期 ÷ base, as the engine compares at the as-of quarter; linear where
    last year's shape is missing). None without a figure or a positive unit target. What the heat map colours.

    >>> from dashboard.analytics.engine import Entity, MetricFigures
    >>> unit = Entity("a", {"r": MetricFigures(effective_target=Decimal(400), base=Decimal(200))})
    >>> report = Report(2023, 2, 0.5, Entity(""), [unit], {})
    >>> h = History((2022, 2023), {("a", Period(2023, 1), "r"): Decimal(90), ("a", Period(2023, 2), "r"): Decimal(210),
    ...     ("a", Period(2022, 1), "r"): Decimal(20), ("a", Period(2022, 2), "r"): Decimal(80)}, {})
    >>> {k: round(v, 3) for k, v in unit_quarter_progress(h, report, "r", ["a"], {1: .25, 2: .5}, "linear").items()}
    {('a', 1): -0.025, ('a', 2): 0.025}
    >>> {k: round(v, 3) for k, v in unit_quarter_progress(h, report, "r", ["a"], {1: .25, 2: .5}, "seasonal").items()}
    {('a', 1): 0.125, ('a', 2): 0.125}
    """
    completion = unit_quarter_completion(history, report, metric, codes)
    bases = {u.code: m.base for u in report.units if (m := u.metrics.get(metric)) is not None}
    progress: dict[tuple[str, int], float | None] = {}
    for (code, q), rate in completion.items():
        compare = pace_by_quarter[q]
        base = bases.get(code)
        if pace == "seasonal" and base is not None and base > 0:
            period = Period(report.year, q)
            prior = history.reported_prior.get((code, period, metric))
            if prior is None:
                prior = history.ytd.get((code, Period(report.year - 1, q), metric))
            if prior is not None:
                compare = float(prior / base)
        progress[(code, q)] = None if rate is None else rate - compare
    return progress
