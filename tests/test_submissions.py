"""多级上报 on a real database (SQLite and PostgreSQL): a unit finance account submits its own units' figures only;
group finance confirms (new versions, uploaded by the submitter) or returns them with a reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from dashboard import locks
from dashboard.auth import accounts
from dashboard.auth.accounts import AccountError
from dashboard.auth.roles import Actor, Forbidden
from dashboard.domain import Period
from dashboard.imports import check_files, import_files, revert_upload, store_checked
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from dashboard.storage.tables import metadata
from dashboard.submissions import (
    SubmissionError,
    confirm_submission,
    list_submissions,
    return_submission,
    review_check,
    submit_files,
)
from tests.workbooks import TOTAL, UNITS, flash

Q2 = Period(2023, 2)
OPTIONS = ReadOptions()
ADMIN = Actor("admin", "admin")
FINANCE = Actor("li", "finance")
LOG_TABLES = {"uploads", "audit_log"}  # a refused file is logged as a rejected attempt: nothing else is written


@pytest.fixture
def setup(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Actor:
    """Q2 stored by group finance; a unit finance account for 1001 (集团本部); returns its actor."""
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    assert import_files(engine, [("q2.xlsx", flash())], OPTIONS, FINANCE).stored
    account = accounts.create_user(
        engine, "unit1001", "本部财务", "unit_finance", "Quarterly-Flash-2023", None, ADMIN, "1001"
    )
    return Actor.of(account)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in metadata.sorted_tables
        }


def data_counts(engine: Engine) -> dict[str, int]:
    return {k: v for k, v in counts(engine).items() if k not in LOG_TABLES}


def own_file(revenue: Any = 1300, rows: list[list[Any]] | None = None) -> bytes:
    """A Q2 file of 1001 only (with the 合计 row), its revenue changed."""
    row = list(UNITS[0])
    row[2] = revenue
    return flash(rows=rows if rows is not None else [row, ["", "合计", revenue, 1000.5, "(12.30)", 10]])


def current(engine: Engine) -> dict[tuple[str, str], Any]:
    with engine.connect() as conn:
        return {(k[0], k[2]): f for k, f in queries.current_figures(conn, [Q2]).items()}


def scope_errors(result: Any) -> list[tuple[str, str]]:
    return [(p.cell, p.params["unit"]) for plan in result.plans for p in plan.errors if p.code == "unit_out_of_scope"]


def test_another_units_rows_are_refused_by_row_and_nothing_is_kept(engine: Engine, setup: Actor) -> None:
    before = data_counts(engine)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 9999  # 1002's revenue: not this account's unit
    result = submit_files(engine, [("all.xlsx", flash(rows=[*rows, TOTAL]))], OPTIONS, setup)
    assert not result.stored and result.has_errors
    assert scope_errors(result) == [("5:5", "1002"), ("6:6", "1099")]
    assert data_counts(engine) == before
    with engine.connect() as conn:
        log = queries.upload_log(conn, None)
    assert log[0].outcome == "rejected" and log[0].uploaded_by == "unit1001"
    assert current(engine)[("1002", "revenue")].ytd == Decimal("20002500")


@pytest.mark.parametrize(
    "code",
    [
        1002,  # typed as a number
        "１００２",  # full-width digits (ingest folds them)
        " 1002 ",  # spaces
        "9999",  # a new, unregistered unit
        "AB01",  # a letter code nobody registered
    ],
)
def test_no_crafted_code_reaches_another_unit(engine: Engine, setup: Actor, code: Any) -> None:
    before = data_counts(engine)
    rows = [list(UNITS[0]), [code, "别的单位", 5000, 4000, 1, 1]]
    result = submit_files(engine, [("crafted.xlsx", flash(rows=rows))], OPTIONS, setup)
    assert not result.stored
    assert [u for _, u in scope_errors(result)] == [
        str(code).strip().translate({0xFF11: "1", 0xFF10: "0", 0xFF12: "2"})
    ]
    assert data_counts(engine) == before


def test_a_total_row_is_not_a_unit(engine: Engine, setup: Actor) -> None:
    result = submit_files(engine, [("own.xlsx", own_file())], OPTIONS, setup)
    assert result.stored and result.plans[0].submission_id == 1
    with engine.connect() as conn:
        row = queries.submission_row(conn, 1)
    assert row is not None and row.unit_codes == ["1001"] and row.state == "submitted"


def test_a_submission_is_not_current_until_confirmed(engine: Engine, setup: Actor) -> None:
    before = current(engine)
    data = own_file()
    result = submit_files(engine, [("own.xlsx", data)], OPTIONS, setup)
    assert result.stored and result.plans[0].submission_id is not None
    assert current(engine) == before
    with engine.connect() as conn:
        assert queries.stored_file(conn, result.plans[0].parsed.sha256) == data  # kept byte for byte


def test_submit_return_resubmit_confirm(engine: Engine, setup: Actor) -> None:
    first = submit_files(engine, [("own.xlsx", own_file(13000))], OPTIONS, setup).plans[0].submission_id
    assert first == 1
    preview = review_check(engine, 1, FINANCE)
    assert not preview.has_errors
    assert [(c.unit_code, c.metric, c.status) for c in preview.plans[0].changes if c.status != "unchanged"] == [
        ("1001", "revenue", "changed")
    ]
    with pytest.raises(SubmissionError) as empty:
        return_submission(engine, 1, FINANCE, "   ")
    assert empty.value.code == "submission.reason_required"
    returned = return_submission(engine, 1, FINANCE, "营业收入多了一个0，请核对")
    assert (returned.state, returned.reviewed_by, returned.reason) == ("returned", "li", "营业收入多了一个0，请核对")
    mine = list_submissions(engine, setup)
    assert [(s.id, s.state, s.reason) for s in mine] == [(1, "returned", "营业收入多了一个0，请核对")]
    with pytest.raises(SubmissionError) as again:
        confirm_submission(engine, 1, FINANCE)
    assert again.value.code == "submission.not_pending"

    second = submit_files(engine, [("own-fixed.xlsx", own_file(1300))], OPTIONS, setup).plans[0].submission_id
    assert second == 2
    state = review_check(engine, 2, FINANCE).state
    result = confirm_submission(engine, 2, FINANCE, expected_state=state)
    assert result.stored
    upload_id = result.plans[0].upload_id
    assert upload_id is not None
    figure = current(engine)[("1001", "revenue")]
    assert figure.ytd == Decimal("13000000") and figure.version == 2 and figure.upload_id == upload_id
    with engine.connect() as conn:
        upload = queries.upload(conn, upload_id)
        states = {s.id: s for s in queries.submission_rows(conn)}
    assert upload is not None and upload.uploaded_by == "unit1001"
    assert upload.detail()["submission"] == 2 and upload.detail()["confirmed_by"] == "li"
    assert (states[1].state, states[2].state) == ("returned", "confirmed")
    assert (states[2].reviewed_by, states[2].upload_id) == ("li", upload_id)
    assert states[2].reviewed_at is not None
    with pytest.raises(SubmissionError):
        return_submission(engine, 2, FINANCE, "too late")


def test_review_uses_the_submitters_current_scope(engine: Engine, setup: Actor) -> None:
    submit_files(engine, [("own.xlsx", own_file())], OPTIONS, setup)
    accounts.set_units(engine, "unit1001", "1002", ADMIN)
    before = data_counts(engine)
    assert scope_errors(review_check(engine, 1, FINANCE)) == [("4:4", "1001")]
    result = confirm_submission(engine, 1, FINANCE)
    assert not result.stored
    assert data_counts(engine) == before


def test_confirm_refuses_a_locked_period_and_a_stale_preview(engine: Engine, setup: Actor) -> None:
    submit_files(engine, [("own.xlsx", own_file())], OPTIONS, setup)
    state = review_check(engine, 1, FINANCE).state
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100
    assert import_files(engine, [("other.xlsx", flash(rows=rows))], OPTIONS, FINANCE).stored
    stale = confirm_submission(engine, 1, FINANCE, expected_state=state)
    assert stale.stale is not None and not stale.stored
    locks.lock_period(engine, Q2, ADMIN, "closed")
    locked = confirm_submission(engine, 1, FINANCE)
    assert not locked.stored and [p.code for p in locked.plans[0].errors] == ["period_locked"]
    with engine.connect() as conn:
        assert queries.submission_row(conn, 1).state == "submitted"  # type: ignore[union-attr]
    assert current(engine)[("1001", "revenue")].ytd == Decimal("12345600")


def test_a_locked_period_is_not_submitted(engine: Engine, setup: Actor) -> None:
    locks.lock_period(engine, Q2, ADMIN, "closed")
    before = data_counts(engine)
    result = submit_files(engine, [("own.xlsx", own_file())], OPTIONS, setup)
    assert not result.stored and result.plans[0].errors[0].code == "period_locked"
    assert data_counts(engine) == before


def test_a_unit_account_changes_no_figure_by_any_other_path(engine: Engine, setup: Actor) -> None:
    submit_files(engine, [("own.xlsx", own_file())], OPTIONS, setup)
    before = counts(engine)
    calls = [
        lambda: confirm_submission(engine, 1, setup),
        lambda: return_submission(engine, 1, setup, "mine"),
        lambda: review_check(engine, 1, setup),
        lambda: revert_upload(engine, 1, setup, "undo"),
        lambda: import_files(engine, [("own.xlsx", own_file(5))], OPTIONS, setup),
        lambda: store_checked(engine, check_files(engine, [("own.xlsx", own_file(5))], OPTIONS, setup), setup),
    ]
    for call in calls:
        with pytest.raises(Forbidden):
            call()
    assert counts(engine) == before


def test_group_finance_submissions_list_and_state_filter(engine: Engine, setup: Actor) -> None:
    submit_files(engine, [("own.xlsx", own_file())], OPTIONS, setup)
    other = accounts.create_user(engine, "unit1002", "", "unit_finance", "Quarterly-Flash-2023", None, ADMIN, ["1002"])
    rows = [list(UNITS[1])]
    rows[0][2] = 2500
    submit_files(engine, [("1002.xlsx", flash(rows=rows))], OPTIONS, Actor.of(other))
    assert [s.id for s in list_submissions(engine, FINANCE, "submitted")] == [2, 1]
    assert [s.id for s in list_submissions(engine, setup)] == [1]
    with pytest.raises(SubmissionError):
        review_check(engine, 99, FINANCE)
    with pytest.raises(SubmissionError):
        list_submissions(engine, FINANCE, "pending")


def q3_file(revenue: Any) -> bytes:
    """A Q3 file of 1001 only (with the 合计 row): revenue as given (万元), profit as in Q2."""
    rows = [["1001", "集团本部", revenue, 1500, "(12.30)", 10], ["", "合计", revenue, 1500, "(12.30)", 10]]
    return flash(rows=rows, title="2023年第三季度经营快报", meta=[["报告期：2023Q3", None, "金额单位：万元"]])


def test_acknowledgement_needed_on_submit(engine: Engine, setup: Actor) -> None:
    data = q3_file(18_518_400)  # 1,851.84 万元 (Q2's 1,234.56 × 3/2) typed as 元: 10⁴ too large
    before = data_counts(engine)
    blocked = submit_files(engine, [("q3.xlsx", data)], OPTIONS, setup)
    assert blocked.blocked == {"amount_scale_suspect"} and not blocked.stored
    warned = [p for p in blocked.plans[0].warnings if p.code == "amount_scale_suspect"]
    assert [(p.params["unit"], p.params["metric"], p.params["period"]) for p in warned] == [
        ("1001", "revenue", "2023Q3")
    ]
    assert data_counts(engine) == before
    done = submit_files(engine, [("q3.xlsx", data)], OPTIONS, setup, accepted=frozenset({"amount_scale_suspect"}))
    assert done.stored and done.plans[0].submission_id == 1
    with engine.connect() as conn:
        assert queries.submission_row(conn, 1).accepted_warnings == "amount_scale_suspect"  # type: ignore[union-attr]
    assert confirm_submission(engine, 1, FINANCE).blocked == {"amount_scale_suspect"}
    assert confirm_submission(engine, 1, FINANCE, accepted=frozenset({"amount_scale_suspect"})).stored
    assert not submit_files(engine, [("ok.xlsx", q3_file(1851.84))], OPTIONS, setup).blocked  # typed right


def test_a_period_locked_since_the_submit_check_is_logged_as_rejected(
    engine: Engine, setup: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard import submissions

    def check_then_lock(*args: Any, **kwargs: Any) -> Any:
        checked = check_files(*args, **kwargs)
        locks.lock_period(engine, Q2, ADMIN, "closed")
        return checked

    monkeypatch.setattr(submissions, "check_files", check_then_lock)
    before = data_counts(engine)
    result = submit_files(engine, [("own.xlsx", own_file())], OPTIONS, setup)
    assert not result.stored and [p.code for p in result.plans[0].errors] == ["period_locked"]
    assert result.plans[0].submission_id is None
    assert data_counts(engine) == {**before, "period_locks": before["period_locks"] + 1}
    with engine.connect() as conn:
        logged = queries.upload_log(conn)[0]
    assert (logged.outcome, logged.uploaded_by, logged.filename) == ("rejected", "unit1001", "own.xlsx")
    assert "period_locked" in logged.problems


def test_a_refused_confirm_keeps_no_upload_id_and_stores_nothing(
    engine: Engine, setup: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard import submissions

    submit_files(engine, [("own.xlsx", own_file(13000))], OPTIONS, setup)
    checked: list[Any] = []

    def check_then_return(*args: Any) -> Any:  # returned by another reviewer meanwhile
        checked.append(review_check(*args))
        return_submission(engine, 1, Actor("wang", "finance"), "请核对")
        return checked[0]

    monkeypatch.setattr(submissions, "review_check", check_then_return)
    before = counts(engine)
    with pytest.raises(SubmissionError) as refused:
        confirm_submission(engine, 1, FINANCE)
    assert refused.value.code == "submission.not_pending" and refused.value.params["state"] == "returned"
    assert not checked[0].stored and [p.upload_id for p in checked[0].plans] == [None]
    assert counts(engine) == {**before, "audit_log": before["audit_log"] + 1}  # only the return's entry
    assert current(engine)[("1001", "revenue")].ytd == Decimal("12345600")


def test_accounts_scoped_to_registered_units(engine: Engine, setup: Actor) -> None:
    pw = "Quarterly-Flash-2023"
    for role, units, code in [
        ("unit_finance", "", "account.units_required"),
        ("unit_finance", "1001,7777", "account.unknown_units"),
        ("finance", "1001", "account.units_not_scoped"),
    ]:
        with pytest.raises(AccountError) as exc:
            accounts.create_user(engine, "x" + role, "", role, pw, None, ADMIN, units)
        assert exc.value.code == code
    with pytest.raises(AccountError):
        accounts.set_role(engine, "li-missing", "unit_finance", ADMIN)
    accounts.create_user(engine, "zhou", "", "finance", pw, None, ADMIN)
    with pytest.raises(AccountError) as needs:
        accounts.set_role(engine, "zhou", "unit_finance", ADMIN)
    assert needs.value.code == "account.units_required"
    assert accounts.set_role(engine, "zhou", "unit_finance", ADMIN, "1002, 1099").units == {"1002", "1099"}
    assert accounts.set_units(engine, "zhou", ["1001"], ADMIN).units == {"1001"}
    assert accounts.set_role(engine, "zhou", "finance", ADMIN).units == frozenset()
    with engine.connect() as conn:
        assert queries.user_row(conn, "zhou").units == ""  # type: ignore[union-attr]


def test_the_same_file_submitted_twice_is_one_submission(engine: Engine, setup: Actor) -> None:
    data = own_file()  # the same bytes (a workbook written again carries a new timestamp)
    first = submit_files(engine, [("own.xlsx", data)], OPTIONS, setup).plans[0].submission_id
    again = submit_files(engine, [("own-again.xlsx", data)], OPTIONS, setup).plans[0].submission_id
    assert first == again == 1
    return_submission(engine, 1, FINANCE, "请核对")
    assert submit_files(engine, [("own.xlsx", data)], OPTIONS, setup).plans[0].submission_id == 2
