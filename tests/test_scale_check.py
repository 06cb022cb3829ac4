"""Scale errors caught (amount_scale_suspect): a unit's figure about 10³, 10⁴, 10⁶ or 10⁸ times (or a 1/… of) what
it stored for the quarter before, for last year's same quarter or its target is a warning that stops the file
until acknowledged; honest changes (however large, between those factors), first periods, sign changes, losses and
eliminations rows are not."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.i18n import describe
from dashboard.imports import check_files, import_files
from dashboard.ingest import ReadOptions
from dashboard.scale_check import scale_problems
from dashboard.storage import repository
from dashboard.storage.engine import writing
from dashboard.storage.queries import StoredFigure
from dashboard.storage.repository import NewFigure, NewUnit
from dashboard.storage.rows import TargetVersionRow
from dashboard.storage.tables import metadata, uploads
from dashboard.targets import set_target
from tests.workbooks import flash

ADMIN = Actor("admin", "admin")
Q1, Q2, LAST_Q2 = Period(2023, 1), Period(2023, 2), Period(2022, 2)
CODE = "amount_scale_suspect"
FACTORS = [(10**3, "1,000"), (10**4, "10,000"), (10**6, "1,000,000"), (10**8, "100,000,000")]


# --------------------------------------------------------------------------- the check itself (pure)


def stored(
    *items: tuple[Period, Decimal | int], unit: str = "1101", metric: str = "revenue"
) -> dict[tuple[str, Period, str], StoredFigure]:
    return {
        (unit, p, metric): StoredFigure(unit, p, metric, 1, Decimal(v), None, "ytd", "快报!C4", 1) for p, v in items
    }


def figure(ytd: Decimal | int, period: Period = Q2, unit: str = "1101", metric: str = "revenue") -> NewFigure:
    return NewFigure(unit, period, metric, Decimal(ytd), None, "ytd", "快报!C4")


def target(amount: int | None, growth: str | None = None, base: int | None = None) -> TargetVersionRow:
    return TargetVersionRow(
        1,
        2023,
        "revenue",
        "1101",
        1,
        None if amount is None else Decimal(amount),
        None if growth is None else Decimal(growth),
        None if base is None else Decimal(base),
        "admin",
        datetime(2023, 1, 1),
        "",
    )


@pytest.mark.parametrize(("ratio", "shown"), FACTORS)
@pytest.mark.parametrize("up", [True, False])
def test_jump_against_the_previous_quarter(ratio: int, shown: str, up: bool) -> None:
    honest = Decimal(2_000_000)  # Q2 YTD of a unit whose Q1 was 1,000,000: the same pace
    ytd = honest * ratio if up else honest / ratio
    [problem] = scale_problems([figure(ytd)], stored((Q1, 1_000_000)), [])
    assert problem.code == CODE and problem.severity.value == "warning"
    assert (problem.sheet, problem.cell, problem.params["unit"]) == ("快报", "C4", "1101")
    assert problem.params["factor"] == (shown if up else f"1/{shown}")
    zh, en = describe(problem, "zh"), describe(problem, "en")
    assert "疑似金额单位错误" in zh and "上季度累计按季折算 200.00；" in zh  # 1,000,000 × 2/1 in 万元
    assert f"的{problem.params['factor']}倍" in zh and "上年同期累计 –" in zh and "全年目标按序时折算 –" in zh
    assert "the previous quarter's YTD pro rata 200.00;" in en and f"{problem.params['factor']} times" in en
    assert CODE in zh and CODE in en and "1101" in zh and "1101" in en


@pytest.mark.parametrize(("ratio", "shown"), FACTORS)
@pytest.mark.parametrize("up", [True, False])
def test_jump_against_last_year(ratio: int, shown: str, up: bool) -> None:
    ytd = Decimal(1_300_000) * ratio if up else Decimal(1_300_000) / ratio
    [problem] = scale_problems([figure(ytd)], stored((LAST_Q2, 1_000_000)), [])
    assert problem.params["factor"] == (shown if up else f"1/{shown}")
    assert (problem.params["previous"], problem.params["last_year"], problem.params["target"]) == ("–", "100.00", "–")
    assert (problem.params["previous_period"], problem.params["last_year_period"]) == ("2023Q1", "2022Q2")
    assert "上年同期累计 100.00；" in describe(problem, "zh")
    assert "the same quarter last year 100.00;" in describe(problem, "en")


@pytest.mark.parametrize(("ratio", "shown"), FACTORS)
@pytest.mark.parametrize("up", [True, False])
def test_jump_against_the_target(ratio: int, shown: str, up: bool) -> None:
    pro_rata = Decimal(4_000_000) * 2 / 4  # a 4,000,000 target at Q2
    ytd = pro_rata * ratio if up else pro_rata / ratio
    [problem] = scale_problems([figure(ytd)], {}, [target(4_000_000)])
    assert problem.params["factor"] == (shown if up else f"1/{shown}")
    assert (problem.params["previous"], problem.params["last_year"], problem.params["target"]) == ("–", "–", "200.00")
    assert "全年目标按序时折算 200.00。" in describe(problem, "zh")
    assert "the target pro rata 200.00." in describe(problem, "en")


def test_target_by_growth_on_the_entered_base() -> None:
    assert scale_problems([figure(5_250_000 * 10**4 // 2)], {}, [target(None, "0.05", 5_000_000)])
    assert not scale_problems([figure(5_250_000 // 2)], {}, [target(None, "0.05", 5_000_000)])
    assert not scale_problems([figure(10**12)], {}, [target(None, "0.05")])  # no base: nothing to compare


def test_every_comparison_must_agree() -> None:
    both = stored((Q1, 1_000_000), (LAST_Q2, 1_500_000))
    assert len(scale_problems([figure(2_000_000 * 10**4)], both, [target(4_000_000)])) == 1
    # 10,000 times the quarter before but in line with last year (last year's figure was the odd one): no warning
    odd = stored((Q1, 1_000_000), (LAST_Q2, 2_000_000 * 10**4))
    assert not scale_problems([figure(2_000_000 * 10**4)], odd, [])


def test_honest_changes_first_periods_sign_changes_and_losses_are_not_warned() -> None:
    assert not scale_problems([figure(2_600_000)], stored((Q1, 1_000_000), (LAST_Q2, 2_000_000)), [])  # +30 %
    assert not scale_problems([figure(123_456_789_000)], {}, [])  # first period: nothing stored
    assert not scale_problems([figure(-3_000_000)], stored((Q1, 100)), [])  # near zero → a loss: signs differ
    assert not scale_problems([figure(-2_600_000)], stored((Q1, -1_000_000), (LAST_Q2, -2_000_000)), [])  # a loss
    assert not scale_problems([figure(0)], stored((Q1, 1_000_000)), [])  # zero: no ratio
    assert not scale_problems([figure(2_000_000)], stored((Q1, 0)), [])
    assert scale_problems([figure(-2_000_000 * 10**4)], stored((Q1, -1_000_000)), [])  # a loss typed in yuan
    group = NewFigure("", Q2, "revenue", Decimal(10**15), None, "ytd", "")
    assert not scale_problems([group], {("", Q1, "revenue"): stored((Q1, 1))[("1101", Q1, "revenue")]}, [])


def test_large_honest_changes_between_the_factors_are_not_warned() -> None:
    # an asset sale: profit 20,000 yuan in Q1, 15,000,000 by Q2 — 375 times Q1's pace (10^2.57), no amount unit's
    profit = stored((Q1, 20_000), metric="profit")
    assert not scale_problems([figure(15_000_000, metric="profit")], profit, [])
    for exponent in ("5.5", "2.6", "-2.6", "-5.5", "4.4", "7"):  # between the factors 10³, 10⁴, 10⁶, 10⁸
        ytd = Decimal(2_000_000) * Decimal(10) ** Decimal(exponent)
        assert not scale_problems([figure(ytd)], stored((Q1, 1_000_000)), []), exponent
    # near a factor (within a factor of 2 of it) is still warned, and the factor printed is the amount units' one
    for exponent, shown in (("2.75", "1,000"), ("4.25", "10,000"), ("5.8", "1,000,000"), ("-8.2", "1/100,000,000")):
        ytd = Decimal(2_000_000) * Decimal(10) ** Decimal(exponent)
        [problem] = scale_problems([figure(ytd)], stored((Q1, 1_000_000)), [])
        assert problem.params["factor"] == shown, exponent


def test_comparisons_pointing_at_different_factors_are_not_warned() -> None:
    # 10³ against the quarter before, 10⁴ against last year: no one amount unit explains both
    both = stored((Q1, 1_000_000), (LAST_Q2, 200_000))
    assert not scale_problems([figure(2_000_000 * 10**3)], both, [])


def test_eliminations_rows_are_not_checked() -> None:
    # an eliminations row −30,000 in Q1 and −20,000,000 by Q2; even exactly 10⁴ its pace is not warned
    rows = stored((Q1, -30_000), unit="1199")
    kinds = {"1199": "elimination", "1101": "member"}
    assert not scale_problems([figure(-20_000_000, unit="1199")], rows, [], kinds)
    assert not scale_problems([figure(-60_000 * 10**4, unit="1199")], rows, [], kinds)
    assert scale_problems([figure(-60_000 * 10**4, unit="1199")], rows, [], {"1199": "member"})
    assert scale_problems([figure(-60_000 * 10**4, unit="1199")], rows, [])  # kind unknown: checked


def test_q1_has_no_previous_quarter() -> None:
    q1 = figure(10**12, Q1)
    assert not scale_problems([q1], stored((Period(2022, 4), 1_000_000)), [])


# --------------------------------------------------------------------------- through the workflow (both databases)

UNITS_Q1 = [["1101", "机电装备有限公司", 1000, 900, 50, 40], ["1102", "精密制造有限公司", 20, 18, 0.8, 0.7]]


def workbook(rows: list[list[object]], period: str = "2023Q2", unit: str = "万元") -> bytes:
    return flash(rows, title=None, meta=[[f"报告期：{period}", None, f"金额单位：{unit}"]])


def q2_rows(scale: Decimal = Decimal(1)) -> list[list[object]]:
    """Q2: both units at Q1's pace plus 30 %; unit 1102's figures multiplied by ``scale`` (typed in yuan: 10⁴).
    Unit 1102 is small, so 10⁸ times its figures stays within what the reader accepts."""
    return [
        ["1101", "机电装备有限公司", 2600, 2000, 130, 90],
        ["1102", "精密制造有限公司", 52 * scale, 37, Decimal("2.08") * scale, 1.5],
    ]


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in metadata.sorted_tables}


def test_scale_error_found_through_check_files(engine: Engine) -> None:
    assert import_files(engine, [("q1.xlsx", workbook(UNITS_Q1, "2023Q1"))], ReadOptions(), ADMIN).stored
    honest = check_files(engine, [("q2.xlsx", workbook(q2_rows()))], ReadOptions(), ADMIN)
    assert not [p for p in honest.plans[0].warnings if p.code == CODE]
    for ratio, shown in FACTORS:
        for scale, factor in ((Decimal(ratio), shown), (1 / Decimal(ratio), f"1/{shown}")):
            result = check_files(engine, [("q2.xlsx", workbook(q2_rows(scale)))], ReadOptions(), ADMIN)
            found = [p for p in result.plans[0].warnings if p.code == CODE]
            assert [(p.params["unit"], p.params["metric"], p.cell) for p in found] == [
                ("1102", "revenue", "C4"),
                ("1102", "profit", "E4"),
            ]
            assert {p.params["factor"] for p in found} == {factor}
            assert result.unacknowledged(frozenset()) == {CODE}


def test_against_last_year_and_the_target_on_the_database(engine: Engine) -> None:
    last = [["1101", "机电装备有限公司", 2000, 1800, 100, 90]]
    assert import_files(engine, [("2022.xlsx", workbook(last, "2022Q2"))], ReadOptions(), ADMIN).stored
    with writing(engine) as conn:
        repository.save_units(conn, [NewUnit("1102", "精密制造有限公司", "", "", "member")])
    set_target(
        engine,
        year=2023,
        metric="revenue",
        unit_code="1102",
        amount=Decimal(100_000_000),
        growth_floor=None,
        base_amount=None,
        actor=ADMIN,
        reason="plan",
    )
    rows = [
        ["1101", "机电装备有限公司", 2600 * 1000, 2000, 130, 90],
        ["1102", "精密制造有限公司", 5000 / 1000, 0, 0, 0],
    ]
    result = check_files(engine, [("q2.xlsx", workbook(rows))], ReadOptions(), ADMIN)
    found = {(p.params["unit"], p.params["metric"]): p for p in result.plans[0].warnings if p.code == CODE}
    assert set(found) == {("1101", "revenue"), ("1102", "revenue")}
    last_year, by_target = found[("1101", "revenue")], found[("1102", "revenue")]
    assert last_year.params["factor"] == "1,000" and last_year.params["last_year"] == "2,000.00"
    assert "the same quarter last year 2,000.00" in describe(last_year, "en")
    assert by_target.params["factor"] == "1/1,000" and by_target.params["target"] == "5,000.00"
    assert "全年目标按序时折算 5,000.00" in describe(by_target, "zh")


def test_not_stored_without_acknowledgement_stored_with_it(engine: Engine) -> None:
    assert import_files(engine, [("q1.xlsx", workbook(UNITS_Q1, "2023Q1"))], ReadOptions(), ADMIN).stored
    before = row_counts(engine)
    data = workbook(q2_rows(Decimal(10_000)))
    refused = import_files(engine, [("q2.xlsx", data)], ReadOptions(), ADMIN)
    assert not refused.stored and refused.blocked == {CODE}
    assert row_counts(engine) == before  # every table unchanged: not even a rejected-upload log
    other = import_files(engine, [("q2.xlsx", data)], ReadOptions(), ADMIN, accepted=frozenset({"restated_prior"}))
    assert not other.stored and row_counts(engine) == before
    accepted = import_files(engine, [("q2.xlsx", data)], ReadOptions(), ADMIN, accepted=frozenset({CODE}))
    assert accepted.stored and accepted.plans[0].upload_id is not None
    with engine.connect() as conn:
        details = conn.execute(select(uploads.c.details).where(uploads.c.id == accepted.plans[0].upload_id)).scalar()
    details = details if isinstance(details, dict) else __import__("json").loads(details)
    assert details["accepted_warnings"] == [CODE]
