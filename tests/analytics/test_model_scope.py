"""Scopes of the read model: a unit alone has exactly its own figures (target parts, growth floor, base, status);
a unit with the units under it sums them; and the targets workflow resolves targets as the engine does."""

from __future__ import annotations

from decimal import Decimal

from dashboard.analytics.engine import GROUP, Settings, TargetSpec, UnitInfo, resolve_target
from dashboard.analytics.model import Stored, build, rescope
from dashboard.analytics.series import History
from dashboard.domain import MetricDef, Period

D = Decimal
P = Period
REVENUE = MetricDef("revenue", "营业收入", "Revenue", warn_negative=True)


def stored() -> Stored:
    """A parent "1" with a child "11": the parent's target has a growth floor and an entered base."""
    units = {c: UnitInfo(c, c, c, p, "member") for c, p in (("1", ""), ("11", "1"), ("2", ""))}
    ytd = {
        ("1", P(2022, 2), "revenue"): D(58),
        ("1", P(2022, 4), "revenue"): D(100),
        ("1", P(2023, 2), "revenue"): D(60),
        ("11", P(2022, 4), "revenue"): D(40),
        ("11", P(2023, 2), "revenue"): D(30),
        ("2", P(2023, 2), "revenue"): D(10),
    }
    targets = (
        TargetSpec("revenue", GROUP, D(200), None, None),
        TargetSpec("revenue", "1", D(100), D("0.08"), D(110)),  # growth binds: 110 × 1.08 = 118.8 > 100
        TargetSpec("revenue", "11", D(60), None, None),
    )
    return Stored((REVENUE,), units, History((2022, 2023), ytd, {}), targets)


def test_a_unit_alone_has_its_own_row_with_its_growth_floor_and_entered_base() -> None:
    model = build(stored(), 2023, 2, "1", Settings(), alone=True)
    own = model.report.units[0].metrics["revenue"]
    alone = model.entity.metrics["revenue"]
    assert model.members == ("1",) and alone == own
    assert (alone.growth_floor, alone.base, alone.binding) == (D("0.08"), D(110), "growth")
    # ahead of time progress (60 / 118.8 = 50.5 %) but growing 3.4 % < the 8 % floor: amber, not green
    assert alone.effective_target == D("118.80") and alone.status == "amber"
    assert [u.code for u in model.unit_rows] == ["1"] and model.by_metric["revenue"].ranking == ("1",)


def test_a_unit_with_the_units_under_it_sums_them() -> None:
    model = build(stored(), 2023, 2, "1")
    figures = model.entity.metrics["revenue"]
    assert model.members == ("1", "11")
    assert figures.ytd_actual == D(90) and figures.effective_target == D("178.80")  # 118.80 + 60
    assert [u.code for u in model.unit_rows] == ["1", "11"]
    assert model.by_metric["revenue"].counts.units == ("1", "11")


def test_a_leaf_unit_is_the_same_alone_or_not() -> None:
    assert build(stored(), 2023, 2, "11").entity == build(stored(), 2023, 2, "11", alone=True).entity


def test_resolve_target_is_what_the_engine_uses() -> None:
    model = build(stored(), 2023, 2)
    group = model.entity.metrics["revenue"]
    basis = resolve_target(TargetSpec("revenue", GROUP, D(200), None, None), D(140))  # 100 + 40 at 2022Q4
    assert (group.base, group.effective_target, group.binding) == (basis.base, basis.effective, basis.binding)
    assert basis == resolve_target(TargetSpec("revenue", GROUP, D(200), None, None), D(140))
    entered = resolve_target(TargetSpec("revenue", "1", D(100), D("0.08"), D(110)), D(100))
    assert entered.base_entered and entered.base == D(110) and entered.effective == D("118.80")


def test_rescope_is_build_of_the_other_scope() -> None:
    data = stored()
    group = build(data, 2023, 2)
    for scope, alone in (("1", True), ("1", False), ("11", False), ("2", True)):
        assert rescope(data, group, scope, alone) == build(data, 2023, 2, scope, alone=alone), (scope, alone)
    assert rescope(data, group, GROUP) == group
