"""The engine against the spec: edge cases and properties (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analytics import formulas as f
from dashboard.analytics.breakdown import gap_contributions, ranking, yoy_contributions
from dashboard.analytics.engine import GROUP, Inputs, Settings, TargetSpec, UnitInfo, compute
from dashboard.domain import DEFAULT_METRICS, Period

D = Decimal


def inputs(
    ytd: dict[tuple[str, Period, str], Decimal],
    targets: list[TargetSpec],
    quarter: int = 2,
    reported: dict[tuple[str, str], Decimal] | None = None,
) -> Inputs:
    codes = sorted({k[0] for k in ytd})
    units = {c: UnitInfo(c, f"单位{c}", f"Unit {c}", "", "member") for c in codes}
    return Inputs(2023, quarter, DEFAULT_METRICS, units, ytd, reported or {}, targets)


def group_target(metric: str, amount: str | None, growth: str | None, base: str | None = None) -> TargetSpec:
    return TargetSpec(
        metric, GROUP, D(amount) if amount else None, D(growth) if growth else None, D(base) if base else None
    )


P23, P22, P22Q4, P23Q1 = Period(2023, 2), Period(2022, 2), Period(2022, 4), Period(2023, 1)


def test_growth_binds_when_last_year_times_floor_exceeds_the_amount() -> None:
    ytd = {
        ("A", P23, "revenue"): D(200),
        ("A", P22Q4, "revenue"): D(390),
        ("A", P22, "revenue"): D(180),
        ("A", P23, "profit"): D(10),
        ("A", P22Q4, "profit"): D(20),
    }
    report = compute(inputs(ytd, [group_target("revenue", "400", "0.05"), group_target("profit", "30", "0.05")]))
    revenue, profit = report.group.metrics["revenue"], report.group.metrics["profit"]
    assert (revenue.effective_target, revenue.binding) == (D("409.50"), "growth")
    assert (profit.effective_target, profit.binding) == (D(30), "absolute")
    assert revenue.completion_rate == pytest.approx(200 / 409.5) and revenue.gap == D("209.50")
    assert revenue.required_per_quarter == D("104.75")
    assert revenue.required_growth_rest_of_year == pytest.approx(209.5 / (390 - 180) - 1)
    assert revenue.projection_linear == D(400) and revenue.projection_seasonal == D(200) * D(390) / D(180)


def test_only_a_growth_floor_and_an_entered_base() -> None:
    ytd = {("A", P23, "revenue"): D(60)}
    report = compute(inputs(ytd, [group_target("revenue", None, "0.1", base="100")]))
    m = report.group.metrics["revenue"]
    assert (m.effective_target, m.binding, m.base) == (D("110.0"), "growth", D(100))


def test_growth_floor_without_any_base_leaves_target_figures_null() -> None:
    report = compute(inputs({("A", P23, "revenue"): D(60)}, [group_target("revenue", None, "0.1")]))
    m = report.group.metrics["revenue"]
    assert m.effective_target is None and m.status is None and m.ytd_actual == D(60)


def test_target_already_exceeded_and_q4() -> None:
    ytd = {("A", Period(2023, 4), "revenue"): D(120), ("A", Period(2023, 3), "revenue"): D(80)}
    m = compute(inputs(ytd, [group_target("revenue", "100", None)], quarter=4)).group.metrics["revenue"]
    assert m.gap == D(-20) and m.required_per_quarter is None and m.completion_rate == 1.2
    assert m.single_quarter == D(40) and m.status == "green"


def test_loss_making_units_get_loss_wording_and_no_growth_rate() -> None:
    ytd = {
        ("A", P23, "profit"): D(5),
        ("A", P22, "profit"): D(-10),
        ("B", P23, "profit"): D(-3),
        ("B", P22, "profit"): D(-8),
        ("C", P23, "profit"): D(-9),
        ("C", P22, "profit"): D(-2),
    }
    report = compute(inputs(ytd, [group_target("profit", "10", None)]))
    words = {u.code: (u.metrics["profit"].loss_wording, u.metrics["profit"].yoy_growth) for u in report.units}
    assert words == {"A": ("turned_profitable", None), "B": ("loss_narrowed", None), "C": ("loss_widened", None)}
    assert report.group.metrics["profit"].yoy_change == D(-7) + D(20)


def test_loss_wording_is_for_profit_not_for_negative_revenue() -> None:
    ytd = {("E", P23, "revenue"): D(-50), ("E", P22, "revenue"): D(-40)}
    report = compute(inputs(ytd, [group_target("revenue", "10", None)]))
    assert report.units[0].metrics["revenue"].loss_wording is None


def test_unit_appearing_mid_year_has_no_prior_and_no_growth() -> None:
    ytd = {("A", P23, "revenue"): D(100), ("A", P22, "revenue"): D(90), ("N", P23, "revenue"): D(30)}
    report = compute(inputs(ytd, [group_target("revenue", "500", None)]))
    new = next(u for u in report.units if u.code == "N").metrics["revenue"]
    assert new.prior_ytd is None and new.yoy_growth is None and new.yoy_change is None
    assert new.single_quarter is None  # no Q1 figure: the quarter alone is unknown
    assert report.group.metrics["revenue"].prior_ytd == D(90)  # the group compares the units it can


def test_restated_prior_is_the_basis_and_flagged() -> None:
    ytd = {("A", P23, "revenue"): D(110), ("A", P22, "revenue"): D(100)}
    report = compute(inputs(ytd, [group_target("revenue", "500", None)], reported={("A", "revenue"): D(95)}))
    m = report.group.metrics["revenue"]
    assert m.prior_ytd == D(95) and m.stored_prior_ytd == D(100) and m.restated
    assert m.yoy_growth == pytest.approx(15 / 95)


def test_status_thresholds_and_seasonal_pace() -> None:
    ytd = {("A", P23, "revenue"): D(40), ("A", P22, "revenue"): D(38), ("A", P22Q4, "revenue"): D(100)}
    targets = [group_target("revenue", "100", None)]
    linear = compute(inputs(ytd, targets)).group.metrics["revenue"]
    assert linear.progress_gap == pytest.approx(-0.1) and linear.status == "amber"
    strict = compute(inputs(ytd, targets), Settings(red_gap=0.05)).group.metrics["revenue"]
    assert strict.status == "red"
    seasonal = compute(inputs(ytd, targets), Settings(pace="seasonal")).group.metrics["revenue"]
    assert seasonal.progress_gap == pytest.approx(0.40 - 0.38) and seasonal.status == "green"


def test_unit_targets_not_allocated_and_units_without_targets_listed() -> None:
    ytd = {("A", P23, "revenue"): D(50), ("B", P23, "revenue"): D(20), ("C", P23, "revenue"): D(5)}
    targets = [
        group_target("revenue", "200", None),
        TargetSpec("revenue", "A", D(120), None, None),
        TargetSpec("revenue", "B", D(60), None, None),
    ]
    report = compute(inputs(ytd, targets))
    assert report.not_allocated["revenue"] == D(20)
    assert [u.code for u in report.units] == ["A", "B", "C"]
    assert report.units[2].metrics["revenue"].gap is None and report.units[2].metrics["revenue"].ytd_actual == D(5)
    assert ranking(report, "revenue") == ["B", "A", "C"]  # B: 33% vs 50% time; A: 42%; C has no target
    gaps = gap_contributions(report, "revenue")
    assert [(c.code, c.amount) for c in gaps] == [("A", D(70)), ("B", D(40)), ("C", None)]


def test_yoy_contributions_add_up_to_the_group() -> None:
    ytd = {
        ("A", P23, "revenue"): D(50),
        ("A", P22, "revenue"): D(40),
        ("B", P23, "revenue"): D(20),
        ("B", P22, "revenue"): D(25),
    }
    report = compute(inputs(ytd, [group_target("revenue", "200", None)]))
    rows = yoy_contributions(report, "revenue")
    assert [c.code for c in rows] == ["B", "A"] and sum(c.share or 0 for c in rows) == pytest.approx(1)


def test_time_progress_by_days() -> None:
    report = compute(
        inputs({("A", P23, "revenue"): D(1)}, [group_target("revenue", "2", None)]), Settings(time_basis="days")
    )
    assert report.time_progress == pytest.approx(181 / 365)


amounts = st.decimals(min_value=-(10**9), max_value=10**10, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, amounts), min_size=1, max_size=8))
def test_group_figures_are_the_sum_of_the_units(rows: list[tuple[Decimal, Decimal, Decimal]]) -> None:
    ytd = {}
    for i, (now, q1, last) in enumerate(rows):
        ytd[(f"U{i}", P23, "revenue")], ytd[(f"U{i}", P23Q1, "revenue")], ytd[(f"U{i}", P22, "revenue")] = now, q1, last
    report = compute(inputs(ytd, [group_target("revenue", "1000000", None)]))
    group = report.group.metrics["revenue"]
    for figure in ("ytd_actual", "prior_ytd", "yoy_change", "single_quarter"):
        assert getattr(group, figure) == sum((getattr(u.metrics["revenue"], figure) for u in report.units), D(0))


@settings(max_examples=60, deadline=None)
@given(amounts, st.decimals(min_value=1, max_value=10**11, places=2), st.integers(1, 4))
def test_completion_and_gap_agree(ytd: Decimal, target: Decimal, quarter: int) -> None:
    completion = f.completion_rate(ytd, target)
    assert completion is not None
    assert float(f.gap(target, ytd)) == pytest.approx(float(target) * (1 - completion), rel=1e-9, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(st.lists(amounts, min_size=4, max_size=4))
def test_single_quarter_and_year_to_date_round_trip(quarters: list[Decimal]) -> None:
    cumulative, running = [], D(0)
    for amount in quarters:
        running += amount
        cumulative.append(running)
    back = [f.single_quarter(cumulative[q], cumulative[q - 1] if q else None, q + 1) for q in range(4)]
    assert back == quarters
