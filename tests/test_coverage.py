"""Who has reported (dashboard.coverage), on SQLite and PostgreSQL: every state, a unit that stopped reporting
and one that started later, overdue before and after the deadline, ``missing`` exactly the unreported, and the
reporting-range workflow (admins only, audited, clear refusals)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, insert, select, update

from dashboard.auth.roles import Actor, Forbidden
from dashboard.coverage import contacts, coverage, deadline
from dashboard.domain import Period
from dashboard.imports import import_files
from dashboard.ingest import ReadOptions
from dashboard.reporting_range import CoverageError, resume_reporting, set_reporting_from, stop_reporting
from dashboard.reports.chase import chase_rows
from dashboard.settings_store import save_setting
from dashboard.storage import repository
from dashboard.storage.engine import writing
from dashboard.storage.tables import audit_log, submissions, users
from tests.workbooks import flash

Q1, Q2, Q3 = Period(2023, 1), Period(2023, 2), Period(2023, 3)
ADMIN = Actor("admin", "admin")
FINANCE = Actor("wang", "finance")
DUE = date(2023, 7, 15)  # 2023Q2 + 15 days


def _row(code: str, name: str) -> list[object]:
    return [code, name, 100, 90, 10, 9]


def _flash(period: Period, codes: list[str]) -> bytes:
    names = {"1099": "内部抵消"}
    rows = [_row(c, names.get(c, f"单位{c}有限公司")) for c in codes]
    meta = ([f"报告期：{period}", None, "金额单位：万元"],)
    return flash(rows, title=None, meta=meta)


def submit(engine: Engine, units: str, periods: str, state: str, *, reason: str = "", by: str = "zhao") -> None:
    """A submission row as the submit workflow writes it (another part of issue 11)."""
    at = datetime.now(UTC)
    with writing(engine) as conn:
        repository.keep_file(conn, "a" * 64, b"file")
        values = {"sha256": "a" * 64, "filename": "报送.xlsx", "size": 4, "periods": periods, "units": units}
        reviewed = {"reviewed_by": "wang", "reviewed_at": at} if state != "submitted" else {}
        conn.execute(
            insert(submissions).values(
                **values, state=state, submitted_by=by, submitted_at=at, reason=reason, **reviewed
            )
        )


@pytest.fixture
def db(engine: Engine) -> Engine:
    """2023Q1: 1001, 1002, 1004–1006 and the eliminations row 1099; 2023Q2: 1001, 1002, the new 1003 and 1099;
    for Q2 1004 awaits review, 1005 was returned, 1006 sent nothing, 1001 has a newer submission pending."""
    first = ["1001", "1002", "1004", "1005", "1006", "1099"]
    assert import_files(engine, [("q1.xlsx", _flash(Q1, first))], ReadOptions(), ADMIN).stored
    assert import_files(
        engine, [("q2.xlsx", _flash(Q2, ["1001", "1002", "1003", "1099"]))], ReadOptions(), ADMIN
    ).stored
    submit(engine, "1005", "2023Q2", "returned", reason="利润总额与明细表不符")
    submit(engine, "1004", "2023Q2", "submitted", by="li")
    submit(engine, "1001", "2023Q2", "submitted", by="zhou")
    return engine


def states(engine: Engine, period: Period, today: date = DUE) -> dict[str, str]:
    with engine.connect() as conn:
        return {u.code: u.state for u in coverage(conn, period, today).units}


def test_every_state_and_missing_exactly_the_unreported(db: Engine) -> None:
    with db.connect() as conn:
        result = coverage(conn, Q2, DUE)
    assert {u.code: u.state for u in result.units} == {
        "1001": "confirmed",
        "1002": "confirmed",
        "1003": "confirmed",
        "1004": "submitted",
        "1005": "returned",
        "1006": "not_submitted",
    }
    assert result.reported == ["1001", "1002", "1003"]
    assert result.pending == ["1004"]
    assert result.missing == ["1005", "1006"]
    assert set(result.expected) == set(result.reported) | set(result.pending) | set(result.missing)
    assert "1099" not in result.expected  # eliminations are summed, never expected to report
    by_code = {u.code: u for u in result.units}
    assert by_code["1001"].by == "admin" and by_code["1001"].upload_id and by_code["1001"].pending_id
    assert (by_code["1004"].by, by_code["1004"].submission_id is not None) == ("li", True)
    assert (by_code["1005"].by, by_code["1005"].reason) == ("wang", "利润总额与明细表不符")
    assert by_code["1006"].at is None and by_code["1006"].by == ""


def test_overdue_only_after_the_deadline(db: Engine) -> None:
    with db.connect() as conn:
        on_time = coverage(conn, Q2, DUE)
        late = coverage(conn, Q2, date(2023, 7, 16))
    assert on_time.deadline == DUE and on_time.overdue == []
    assert late.overdue == ["1005", "1006"]  # only missing units: never a confirmed one
    assert deadline(Q2, 0) == date(2023, 6, 30)


def test_a_unit_that_submitted_in_time_is_not_overdue_while_awaiting_review(db: Engine) -> None:
    """1004 submitted and waits for review: the delay is the reviewer's; the JSON's list, each unit's flag and the
    summary's count agree."""
    with db.connect() as conn:
        late = coverage(conn, Q2, date(2023, 8, 1))
    units = {u["code"]: u for u in late.as_json()["units"]}
    assert units["1004"]["state"] == "submitted" and units["1004"]["overdue"] is False
    assert late.as_json()["overdue"] == [c for c, u in units.items() if u["overdue"]] == ["1005", "1006"]
    assert set(late.overdue) <= set(late.missing)


def test_the_deadline_is_an_admin_setting(db: Engine) -> None:
    save_setting(db, "REPORT_DEADLINE_DAYS", "30", ADMIN)
    with db.connect() as conn:
        result = coverage(conn, Q2, date(2023, 7, 20))
    assert result.deadline == date(2023, 7, 30) and result.overdue == []


def test_a_new_unit_is_expected_from_its_first_period(db: Engine) -> None:
    assert "1003" not in states(db, Q1)
    assert states(db, Q2)["1003"] == "confirmed"
    assert states(db, Q3)["1003"] == "not_submitted"
    set_reporting_from(db, "1006", "2023Q3", ADMIN)  # an admin says 1006 is expected only from Q3
    assert "1006" not in states(db, Q2) and states(db, Q3)["1006"] == "not_submitted"
    set_reporting_from(db, "1006", None, ADMIN)
    assert states(db, Q2)["1006"] == "not_submitted"


def test_a_unit_that_stopped_reporting_is_not_expected_from_then(db: Engine) -> None:
    unit = stop_reporting(db, "1002", "2023Q3", "  并入 1001  ", ADMIN)
    assert (unit.stopped_from, unit.stop_reason) == ("2023Q3", "并入 1001")
    assert states(db, Q2)["1002"] == "confirmed"
    assert "1002" not in states(db, Q3)
    with db.connect() as conn:
        assert "1002" not in coverage(conn, Q3, date(2024, 1, 1)).missing
        entry = conn.execute(select(audit_log).order_by(audit_log.c.id.desc())).mappings().first()
    assert entry is not None and (entry["action"], entry["actor"]) == ("unit_reporting", "admin")
    assert json.loads(entry["details"])["was"] == {"stopped_from": "", "stop_reason": ""}
    resume_reporting(db, "1002", ADMIN)
    assert states(db, Q3)["1002"] == "not_submitted"


def test_a_reverted_unit_is_no_longer_confirmed(db: Engine) -> None:
    """A confirmed submission whose figures are blank now (stored nothing) is not reported."""
    submit(db, "1006", "2023Q2", "confirmed")
    assert states(db, Q2)["1006"] == "not_submitted"


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda e: stop_reporting(e, "9999", "2023Q3", "关闭", ADMIN), "coverage.unknown_unit"),
        (lambda e: stop_reporting(e, "1002", "2023Q5", "关闭", ADMIN), "coverage.bad_period"),
        (lambda e: stop_reporting(e, "1002", "1800Q1", "关闭", ADMIN), "coverage.bad_period"),
        (lambda e: stop_reporting(e, "1002", "2023Q3", "   ", ADMIN), "coverage.reason_required"),
        (lambda e: stop_reporting(e, "1002", "2023Q3", "a\u202eb", ADMIN), "coverage.reason_control"),
        (lambda e: stop_reporting(e, "1002", "2023Q3", "ab\udcff", ADMIN), "coverage.reason_control"),
        (lambda e: stop_reporting(e, "1002", "2023Q3", "x" * 501, ADMIN), "coverage.reason_too_long"),
        (lambda e: resume_reporting(e, "1002", ADMIN), "coverage.not_stopped"),
        (lambda e: set_reporting_from(e, "1002", "Q3", ADMIN), "coverage.bad_period"),
    ],
)
def test_refusals_store_nothing(db: Engine, call: object, code: str) -> None:
    with pytest.raises(CoverageError) as caught:
        call(db)  # type: ignore[operator]
    assert caught.value.code == code
    assert states(db, Q3)["1002"] == "not_submitted"


def test_stop_before_start_is_refused(db: Engine) -> None:
    set_reporting_from(db, "1006", "2023Q3", ADMIN)
    with pytest.raises(CoverageError) as caught:
        stop_reporting(db, "1006", "2023Q2", "关闭", ADMIN)
    assert caught.value.code == "coverage.stop_before_start"


def test_only_an_admin_changes_the_reporting_range(db: Engine) -> None:
    for call in (
        lambda: stop_reporting(db, "1002", "2023Q3", "关闭", FINANCE),
        lambda: resume_reporting(db, "1002", FINANCE),
        lambda: set_reporting_from(db, "1002", "2023Q3", FINANCE),
    ):
        with pytest.raises(Forbidden):
            call()


def test_the_chase_list_names_whom_to_chase(db: Engine) -> None:
    with writing(db) as conn:
        repository.add_user(
            conn, username="zhao", display_name="赵会计", email=None, role="unit_finance", password_hash=None, by="t"
        )
        conn.execute(
            update(users).where(users.c.username == "zhao").values(units="1005,1006")
        )  # as the accounts part sets it
    with db.connect() as conn:
        result, who = coverage(conn, Q2, date(2023, 7, 16)), contacts(conn)
    assert who == {"1005": ["赵会计 (zhao)"], "1006": ["赵会计 (zhao)"]}
    rows = chase_rows(result, who, "zh")
    assert [r[0] for r in rows] == ["1005", "1006"]  # exactly the missing units
    assert rows[0][2:6] == ["已退回", "2023-07-15", "逾期", "本单位财务（赵会计 (zhao)）"]
    assert rows[0][-1] == "利润总额与明细表不符"
    english = chase_rows(result, {}, "en")
    assert english[1][2:6] == ["Not submitted", "2023-07-15", "Overdue", "the unit's finance lead"]
