"""The what-if (what the rest of the year needs): the full year under an assumed growth of the remaining quarters,
completion, met and margin, and the growth that exactly meets the target, by hand-worked examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.analytics import formulas
from dashboard.analytics.engine import GROUP, MetricFigures, TargetSpec, UnitInfo
from dashboard.analytics.model import Stored, build
from dashboard.analytics.series import History
from dashboard.analytics.whatif import default_growth, projected_full_year, what_if, whatif_rows
from dashboard.domain import DEFAULT_METRICS, Period

D = Decimal


def figures(
    ytd: D | None = None, prior: D | None = None, base: D | None = None, target: D | None = None
) -> MetricFigures:
    """A metric's figures with the required growth filled in as the engine does (engine._target_figures)."""
    required = None
    if ytd is not None and target is not None:
        required = formulas.required_growth_rest_of_year(formulas.gap(target, ytd), base, prior)
    return MetricFigures(
        ytd_actual=ytd, prior_ytd=prior, base=base, effective_target=target, required_growth_rest_of_year=required
    )


REVENUE = figures(D(190), D(175), D(366), D("384.3"))


def test_worked_example() -> None:
    """Group revenue at 2023 Q2: last year's Q3–Q4 were 366 − 175 = 191; +5 % gives 200.55."""
    w = what_if("revenue", REVENUE, 0.05, 2)
    assert (w.basis, w.full_year, w.target, w.met, w.margin) == ("ok", D("390.55"), D("384.3"), True, D("6.25"))
    assert w.completion == pytest.approx(390.55 / 384.3)
    assert w.required_growth == pytest.approx(194.3 / 191 - 1)
    assert not w.already_met


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_the_required_growth_exactly_meets_the_target(quarter: int) -> None:
    m = figures(D(90), D(80), D(400), D(420))
    w = what_if("revenue", m, 0.0, quarter)
    assert w.required_growth is not None
    full = projected_full_year(D(90), D(80), D(400), w.required_growth, quarter)
    assert full is not None and float(full) == pytest.approx(420)
    assert what_if("revenue", m, w.required_growth + 0.001, quarter).met
    assert not what_if("revenue", m, w.required_growth - 0.001, quarter).met
    # the same figure the engine computes (metrics.md): required_growth_rest_of_year
    assert w.required_growth == formulas.required_growth_rest_of_year(D(330), D(400), D(80))


def test_a_higher_growth_gives_a_larger_full_year() -> None:
    low, high = (what_if("revenue", REVENUE, g, 2).full_year for g in (-0.1, 0.3))
    assert low is not None and high is not None and low < high
    assert what_if("revenue", REVENUE, -1.0, 2).full_year == D(190)  # the rest falls to nothing


def test_q4_nothing_remains() -> None:
    w = what_if("revenue", REVENUE, 0.5, 4)
    assert (w.basis, w.full_year) == ("year_end", D(190))  # the full year is the year to date, whatever g


def test_without_last_year_or_a_positive_rest_there_is_no_projection() -> None:
    no_base = figures(D(10), D(5), None, D(40))
    assert (what_if("revenue", no_base, 0.1, 2).basis, what_if("revenue", no_base, 0.1, 2).full_year) == (
        "no_last_year",
        None,
    )
    loss_rest = figures(D(-2), D(3), D(-1), D(5))
    w = what_if("profit", loss_rest, 0.1, 2, profit_like=True)
    assert (w.basis, w.full_year, w.met, w.required_growth) == ("no_rest", None, None, None)
    assert what_if("revenue", MetricFigures(), 0.1, 2).basis == "no_figures"


def test_a_loss_target_is_met_by_amount_without_a_completion_rate() -> None:
    """减亏 target: a loss of at most 50; loss of 40 so far, last year's rest a profit of 20: +10 % gives −18."""
    m = figures(D(-40), D(-30), D(-10), D(-50))
    w = what_if("profit", m, 0.1, 2, profit_like=True)
    assert (w.full_year, w.completion, w.met, w.margin) == (D(-18), None, True, D(32))
    assert w.already_met  # the year to date already beats the target


def test_a_projected_loss_against_a_positive_target_has_no_completion_rate() -> None:
    m = figures(D(-100), D(10), D(30), D(50))
    w = what_if("profit", m, 0.0, 2, profit_like=True)
    assert (w.full_year, w.completion, w.met, w.margin) == (D(-80), None, False, D(-130))


def test_without_a_target_only_the_full_year() -> None:
    m = figures(D(50), D(40), D(100))
    w = what_if("revenue", m, 0.0, 2)
    assert (w.full_year, w.target, w.met, w.completion, w.required_growth) == (D(110), None, None, None, None)


def _model_stored() -> Stored:
    units = {"A": UnitInfo("A", "甲", "A", "", "member")}
    q2, l2, l4 = Period(2023, 2), Period(2022, 2), Period(2022, 4)
    ytd = {
        ("A", q2, "revenue"): D(100),
        ("A", l2, "revenue"): D(90),
        ("A", l4, "revenue"): D(200),
        ("A", q2, "profit"): D(10),
        ("A", l2, "profit"): D(8),
        ("A", l4, "profit"): D(20),
    }
    targets = (TargetSpec("revenue", GROUP, None, D("0.05"), None), TargetSpec("profit", GROUP, None, D("0.05"), None))
    return Stored(DEFAULT_METRICS, units, History((2022, 2023), ytd, {}), targets)


def test_rows_of_a_read_model() -> None:
    model = build(_model_stored(), 2023, 2)
    rows = whatif_rows(model, 0.1)
    assert [r.metric for r in rows] == ["revenue", "profit"]
    revenue, profit = rows
    # revenue: 100 + (200 − 90) × 1.1 = 221 against 200 × 1.05 = 210
    assert (revenue.full_year, revenue.met, revenue.margin) == (D(221), True, D(11))
    # profit: 10 + (20 − 8) × 1.1 = 23.2 against 21
    assert (profit.full_year, profit.met) == (D("23.2"), True)
    assert default_growth(model) == pytest.approx(0.05)  # both targets' floor
    # the growth that exactly meets the target is the engine's figure, and it does meet it: (210 − 100) / 110 − 1 = 0
    engine = model.entity.metrics["revenue"].required_growth_rest_of_year
    assert revenue.required_growth == engine and engine == pytest.approx(0.0)
    assert profit.required_growth == model.entity.metrics["profit"].required_growth_rest_of_year
    assert profit.required_growth is not None
    met = projected_full_year(D(10), D(8), D(20), profit.required_growth, 2)
    assert met is not None and float(met) == pytest.approx(21)
