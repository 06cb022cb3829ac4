"""The read model: scope, unit counts (户数, 亏损面, 由盈转亏, 增亏), series and provenance, by hand-worked examples."""

from __future__ import annotations

from decimal import Decimal

from dashboard.analytics.engine import GROUP, Settings, TargetSpec, UnitInfo
from dashboard.analytics.model import Stored, build, descendants
from dashboard.analytics.series import History
from dashboard.domain import DEFAULT_METRICS, Period

D = Decimal
Q2, Q1, L2, L4 = Period(2023, 2), Period(2023, 1), Period(2022, 2), Period(2022, 4)


def unit(code: str, parent: str = "", kind: str = "member") -> UnitInfo:
    return UnitInfo(code, f"单位{code}", f"Unit {code}", parent, kind)


def stored() -> Stored:
    """Four units and an eliminations row. Profit at 2023Q2 against 2022Q2:
    A 30 vs 20 (up), B −5 vs 10 (由盈转亏), C −8 vs −3 (增亏), D −1 vs −4 (减亏), E (eliminations) −50 vs −40."""
    units = {c: unit(c) for c in "ABCD"} | {"A1": unit("A1", "A"), "E": unit("E", kind="elimination")}
    profit_now = {"A": 30, "B": -5, "C": -8, "D": -1, "E": -50}
    profit_then = {"A": 20, "B": 10, "C": -3, "D": -4, "E": -40}
    ytd: dict[tuple[str, Period, str], Decimal] = {}
    for code in profit_now:
        ytd[(code, Q2, "profit")] = D(profit_now[code])
        ytd[(code, L2, "profit")] = D(profit_then[code])
        ytd[(code, L4, "profit")] = D(profit_then[code] * 2)
        ytd[(code, Q1, "revenue")] = D(40)
        ytd[(code, Q2, "revenue")] = D(100)
        ytd[(code, L2, "revenue")] = D(90)
        ytd[(code, L4, "revenue")] = D(200)
    ytd[("A1", Q2, "revenue")] = D(10)
    targets = (
        TargetSpec("revenue", GROUP, D(1000), None, None),
        TargetSpec("profit", GROUP, D(100), None, None),
        TargetSpec("revenue", "A", D(180), None, None),  # A: 100 of 180 at Q2 → 55.6 %, ahead of 50 %
        TargetSpec("revenue", "B", D(400), None, None),  # B: 25 %, behind
    )
    return Stored(DEFAULT_METRICS, units, History((2022, 2023), ytd, {}), targets)


def test_profit_counts_name_each_kind_of_loss_and_leave_eliminations_out() -> None:
    counts = build(stored(), 2023, 2).by_metric["profit"].counts
    assert counts.units == ("A", "B", "C", "D")  # E is summed into the group, but is no enterprise
    assert counts.loss_making == ("B", "C", "D")
    assert counts.loss_share == 0.75
    assert counts.loss_amount == D(14)  # 5 + 8 + 1
    assert (counts.prior_loss_making, counts.prior_loss_share, counts.prior_loss_amount) == (("C", "D"), 0.5, D(7))
    assert counts.turned_to_loss == ("B",)
    assert counts.loss_widened == ("C",)
    assert counts.declining == ("B", "C")  # largest fall first: B −15, C −5


def test_revenue_counts_split_units_with_a_target_by_pace_and_take_no_loss_figures() -> None:
    counts = build(stored(), 2023, 2).by_metric["revenue"].counts
    assert counts.on_pace == ("A",)
    assert counts.behind == ("B",)
    assert counts.without_target == ("A1", "C", "D")
    assert counts.loss_making == () and counts.loss_share is None and counts.turned_to_loss == ()


def test_the_group_sums_every_row_and_lists_units_not_reported() -> None:
    model = build(stored(), 2023, 2)
    assert model.entity.metrics["revenue"].ytd_actual == D(510)  # five rows of 100 and A1's 10
    assert model.entity.metrics["profit"].ytd_actual == D(-34)
    assert model.not_reported == ()
    assert build(stored(), 2023, 1).not_reported == ("A1",)  # A1 has no 2023Q1 figure


def test_a_unit_scope_sums_the_unit_and_the_units_under_it() -> None:
    model = build(stored(), 2023, 2, scope="A")
    assert model.members == ("A", "A1")
    assert model.entity.metrics["revenue"].ytd_actual == D(110)
    assert [u.code for u in model.unit_rows] == ["A", "A1"]
    assert model.by_metric["revenue"].not_allocated is None
    assert descendants(stored().units, "B") == ["B"]


def test_series_target_path_and_projection_follow_the_pace() -> None:
    linear = build(stored(), 2023, 2).by_metric["revenue"].series
    assert linear.target_path == (D(250), D(500), D(750), D(1000))
    assert (linear.projection, linear.projection_kind) == (D(1020), "linear")  # 510 / 0.5
    assert [p.quarter for p in linear.quarters] == [1, 2]
    seasonal = build(stored(), 2023, 2, settings=Settings(pace="seasonal")).by_metric["revenue"].series
    assert seasonal.projection_kind == "seasonal"
    assert seasonal.projection == D(510) * D(1000) / D(450)  # ytd × base / prior_ytd (base = Σ 2022Q4 = 1000)


def test_not_allocated_is_the_group_target_less_the_unit_targets() -> None:
    model = build(stored(), 2023, 2)
    assert model.by_metric["revenue"].not_allocated == D(1000 - 180 - 400)
    assert model.by_metric["profit"].not_allocated is None  # no unit has a profit target


def test_the_unit_gaps_and_the_two_named_remainders_add_up_to_the_scope_gap() -> None:
    """What the gap waterfall draws reconciles to the headline gap: A's and B's gaps, the group target not
    allocated to them, less the year to date of the units without a unit target."""
    view = build(stored(), 2023, 2).by_metric["revenue"]
    units = sum((c.amount for c in view.gap_contributions if c.amount is not None), D(0))
    assert (view.gap_unallocated, view.gap_untargeted_ytd) == (D(1000 - 180 - 400), D(100 * 3 + 10))
    assert view.figures.gap == units + view.gap_unallocated - view.gap_untargeted_ytd
