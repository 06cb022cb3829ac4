"""Unit codes typed as numbers keep their registered form (issue 8), through the upload workflow on SQLite
and PostgreSQL: each way finance types a code, with its expected outcome."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.imports import import_files
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from tests.workbooks import flash

OPTIONS = ReadOptions()
Q1, Q2 = Period(2023, 1), Period(2023, 2)


FINANCE = Actor("li.na", "finance")


def register(engine: Engine, codes: list[str]) -> None:
    """Store Q1 figures for units registered with these (text) codes."""
    rows = [[code, f"单位{code}", 100, "", 10, ""] for code in codes]
    result = import_files(
        engine, [("q1.xlsx", flash(rows=rows, meta=[["报告期：2023Q1", "金额单位：万元"]]))], OPTIONS, FINANCE
    )
    assert result.stored, [p.parsed.problems for p in result.plans]


def upload_q2(engine: Engine, code: object, name: str = "单位0101") -> tuple[bool, list[str], list[object]]:
    rows = [[code, name, 250, "", 20, ""]]
    result = import_files(engine, [("q2.xlsx", flash(rows=rows))], OPTIONS, FINANCE)
    plan = result.plans[0]
    return result.stored, [p.code for p in plan.parsed.errors], [p.cell for p in plan.parsed.errors]


def stored_codes(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(queries.stored_units(conn))


@pytest.mark.parametrize(
    ("registered", "typed", "outcome"),
    [
        (["0101"], 101, "0101"),  # the number takes the registered text form
        (["0101"], "0101", "0101"),  # typed as text: as is
        (["101"], 101, "101"),  # a number that is a registered code exactly
        (["0101", "101"], 101, "101"),  # an exact match wins over a zero-padded one
        (["0101", "00101"], 101, "code_leading_zeros_ambiguous"),
        (["0202"], 101, "101"),  # nothing differs only by zeros: a new unit
        (["A101"], 101, "101"),  # letters are not leading zeros
    ],
)
def test_number_typed_codes(engine: Engine, registered: list[str], typed: object, outcome: str) -> None:
    register(engine, registered)
    stored, errors, cells = upload_q2(engine, typed)
    if outcome.startswith("code_"):
        assert not stored and errors == [outcome] and cells == ["A4"]  # the code cell
        assert stored_codes(engine) == set(registered)
    else:
        assert stored and not errors
        assert stored_codes(engine) == set(registered) | {outcome}
        with engine.connect() as conn:
            figures = queries.current_figures(conn, [Q2])
        assert figures[(outcome, Q2, "revenue")].ytd == Decimal("2500000")


def test_single_quarter_figures_of_a_number_typed_code_find_the_registered_earlier_quarter(engine: Engine) -> None:
    """The remap happens before the year-to-date conversion, so 0101's stored Q1 is found."""
    register(engine, ["0101"])
    header = ["单位编码", "单位名称", "营业收入（本季）", "利润总额（本季）"]
    result = import_files(
        engine, [("q2.xlsx", flash(rows=[[101, "单位0101", 150, 10]], header=header))], OPTIONS, FINANCE
    )
    assert result.stored, [p.code for p in result.plans[0].parsed.problems]
    with engine.connect() as conn:
        assert queries.current_figures(conn, [Q2])[("0101", Q2, "revenue")].ytd == Decimal("2500000")


def test_number_beside_its_zero_padded_text_form_in_one_file_is_an_error(engine: Engine) -> None:
    rows = [["0101", "甲", 1, "", 1, ""], [101, "乙", 2, "", 2, ""]]
    result = import_files(engine, [("q2.xlsx", flash(rows=rows))], OPTIONS, FINANCE)
    errors = result.plans[0].parsed.errors
    assert not result.stored and [p.code for p in errors] == ["code_leading_zeros_new"]
    assert errors[0].cell == "A5" and errors[0].params["registered"] == "0101"
    assert stored_codes(engine) == set()
