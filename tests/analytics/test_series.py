"""Quarter series over several years: hand-made cases, and the engine's own figures on the sample database."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.analytics.engine import GROUP, Entity, Inputs, MetricFigures, Report, Settings, TargetSpec, compute
from dashboard.analytics.model import build, engine_inputs
from dashboard.analytics.series import (
    History,
    quarterly,
    target_path,
    total,
    unit_quarter_completion,
    ytd_by_quarter,
)
from dashboard.cli import main
from dashboard.domain import Period
from dashboard.status import load_history, load_stored
from dashboard.storage.engine import open_database

D = Decimal
P = Period


def history(
    ytd: dict[tuple[str, Period, str], int], reported: dict[tuple[str, Period, str], int] | None = None
) -> History:
    years = tuple(sorted({k[1].year for k in ytd}))
    return History(years, {k: D(v) for k, v in ytd.items()}, {k: D(v) for k, v in (reported or {}).items()})


def test_ytd_is_summed_over_the_members_that_have_it() -> None:
    h = history({("a", P(2023, 1), "r"): 10, ("b", P(2023, 1), "r"): 5, ("a", P(2023, 2), "r"): 30})
    assert total(h, ["a", "b"], P(2023, 1), "r") == D(15)
    assert total(h, ["a", "b"], P(2023, 2), "r") == D(30)
    assert total(h, ["b"], P(2023, 2), "r") is None
    assert ytd_by_quarter(h, ["a", "b"], "r", 2023) == [D(15), D(30), None, None]


def test_quarters_without_figures_are_left_out_and_single_quarters_need_the_one_before() -> None:
    h = history({("a", P(2023, 1), "r"): 10, ("a", P(2023, 3), "r"): 45, ("a", P(2023, 4), "r"): 70})
    points = quarterly(h, ["a"], "r", 2023)
    assert [p.quarter for p in points] == [1, 3, 4]
    assert [p.single_quarter for p in points] == [D(10), None, D(25)]
    assert [p.qoq_growth for p in points] == [None, None, None]  # Q3's single quarter is unknown


def test_prior_is_the_reported_figure_else_last_years_stored_one_per_member() -> None:
    h = history(
        {
            ("a", P(2022, 2), "r"): 100,
            ("b", P(2022, 2), "r"): 50,
            ("a", P(2023, 2), "r"): 120,
            ("b", P(2023, 2), "r"): 60,
        },
        reported={("a", P(2023, 2), "r"): 90},  # a restated its 上年同期; b did not report one
    )
    (point,) = quarterly(h, ["a", "b"], "r", 2023)
    assert point.prior_ytd == D(140) and point.stored_prior_ytd == D(150) and point.restated
    assert point.yoy_growth == pytest.approx(180 / 140 - 1)


def test_a_reported_prior_equal_to_the_stored_one_is_not_a_restatement() -> None:
    h = history({("a", P(2022, 1), "r"): 80, ("a", P(2023, 1), "r"): 100}, reported={("a", P(2023, 1), "r"): 80})
    (point,) = quarterly(h, ["a"], "r", 2023)
    assert not point.restated and point.yoy_growth == pytest.approx(0.25)


def test_growth_is_none_against_a_base_that_is_not_positive() -> None:
    h = history(
        {
            ("a", P(2022, 1), "p"): -10,
            ("a", P(2023, 1), "p"): -5,
            ("a", P(2023, 2), "p"): 15,
            ("a", P(2023, 3), "p"): 40,
        }
    )
    q1, q2, q3 = quarterly(h, ["a"], "p", 2023)
    assert q1.prior_ytd == D(-10) and q1.yoy_growth is None
    assert q2.prior_ytd is None and q2.yoy_growth is None and not q2.restated
    assert q2.single_quarter == D(20) and q2.qoq_growth is None  # Q1's single quarter was a loss
    assert q3.single_quarter == D(25) and q3.qoq_growth == pytest.approx(0.25)


def test_linear_target_path() -> None:
    assert target_path(D("38430000105.00"), "linear") == [
        D("9607500026.25"),
        D("19215000052.5"),
        D("28822500078.75"),
        D("38430000105.00"),
    ]


def test_seasonal_target_path_follows_last_years_shape() -> None:
    path = target_path(D(1000), "seasonal", [D(12), D(34), D(56), D(100)])
    assert path == [D(120), D(340), D(560), D(1000)]


@pytest.mark.parametrize(
    "last_year",
    [None, [D(12), None, D(56), D(100)], [D(-5), D(10), D(20), D(0)], [D(1), D(2)]],
)
def test_seasonal_falls_back_to_linear(last_year: list[Decimal | None] | None) -> None:
    assert target_path(D(400), "seasonal", last_year) == [D(100), D(200), D(300), D(400)]


@given(
    st.decimals(min_value=1, max_value=10**12, places=2),
    st.lists(st.decimals(min_value=-(10**9), max_value=10**9, places=2), min_size=3, max_size=3),
    st.decimals(min_value=1, max_value=10**9, places=2),
)
def test_a_seasonal_path_ends_at_the_target(target: Decimal, first: list[Decimal], full: Decimal) -> None:
    path = target_path(target, "seasonal", [*first, full])
    assert path[3] == target and len(path) == 4


def test_unit_completion_by_quarter_up_to_the_as_of_quarter() -> None:
    h = history({("a", P(2023, q), "r"): 100 * q for q in (1, 2, 3)} | {("b", P(2023, 1), "r"): 10})
    units = [
        Entity("a", {"r": MetricFigures(effective_target=D(800))}),
        Entity("b", {"r": MetricFigures()}),  # no unit target
    ]
    report = Report(2023, 2, 0.5, Entity(GROUP), units, {})
    completion = unit_quarter_completion(h, report, "r", ["a", "b", "c"])
    assert completion == {
        ("a", 1): 0.125,
        ("a", 2): 0.25,
        ("b", 1): None,
        ("b", 2): None,
        ("c", 1): None,
        ("c", 2): None,
    }


# --------------------------------------------------------------------------- the sample database


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Inputs, History, dict[int, Report]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('series')}/demo.db"
    assert main(["--db", url, "demo"]) == 0
    engine = open_database(url)
    with engine.connect() as conn:
        stored = load_stored(conn, 2023)
        reports = {q: build(stored, 2023, q, settings=Settings()).report for q in (1, 2, 3, 4)}
        report, inputs = reports[2], engine_inputs(stored, 2023, 2)
        h = load_history(conn, [2021, 2022, 2023])
    engine.dispose()
    return report, inputs, h, reports


@pytest.mark.parametrize("metric", ["revenue", "profit"])
def test_the_series_agrees_with_the_engine_for_the_group_and_every_unit(
    sample: tuple[Report, Inputs, History, dict[int, Report]], metric: str
) -> None:
    _, inputs, h, reports = sample
    members = list(inputs.units)
    for q, report in reports.items():
        entities = [(members, report.group), *(([u.code], u) for u in report.units)]
        for codes, entity in entities:
            point = {p.quarter: p for p in quarterly(h, codes, metric, 2023)}[q]
            m = entity.metrics[metric]
            assert (point.ytd, point.prior_ytd, point.stored_prior_ytd) == (
                m.ytd_actual,
                m.prior_ytd,
                m.stored_prior_ytd,
            )
            assert (point.single_quarter, point.restated) == (m.single_quarter, m.restated)
            assert (point.yoy_growth, point.qoq_growth) == (m.yoy_growth, m.qoq_growth)


def test_the_sample_restatement_is_found(sample: tuple[Report, Inputs, History, dict[int, Report]]) -> None:
    _, inputs, h, _ = sample
    flagged = {(p.quarter, c) for c in inputs.units for p in quarterly(h, [c], "revenue", 2023) if p.restated}
    assert flagged == {(2, "1106")}
    assert [p.restated for p in quarterly(h, list(inputs.units), "revenue", 2023)] == [False, True, False, False]


def test_unit_completion_on_the_sample_equals_the_engines_rate_at_the_as_of_quarter(
    sample: tuple[Report, Inputs, History, dict[int, Report]],
) -> None:
    _, inputs, h, _ = sample
    cascaded = [TargetSpec("revenue", c, None, D("0.05"), None) for c in inputs.units]
    report = compute(dataclasses.replace(inputs, targets=[*inputs.targets, *cascaded]))
    completion = unit_quarter_completion(h, report, "revenue", list(inputs.units))
    assert {q for _, q in completion} == {1, 2}
    for unit in report.units:
        m = unit.metrics["revenue"]
        assert completion[(unit.code, 2)] == m.completion_rate
        q1 = h.ytd.get((unit.code, P(2023, 1), "revenue"))
        expected = float(q1 / m.effective_target) if q1 is not None and m.effective_target else None
        if m.effective_target is not None and m.effective_target <= 0:  # a negative target has no rate
            expected = None
        assert completion[(unit.code, 1)] == expected
