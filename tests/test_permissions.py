"""Every action for every role through the workflow layer: the functions that write check the role themselves.
A refused action raises Forbidden and stores nothing (every table's row count unchanged)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select

from dashboard import comments, imports, locks, metrics, settings_store, submissions, targets
from dashboard.auth import accounts
from dashboard.auth.roles import Action, Actor, Forbidden, can
from dashboard.demo import seed_demo
from dashboard.domain import FigureKind, MetricDef, Period
from dashboard.ingest import ReadOptions
from dashboard.storage.tables import metadata
from tests.workbooks import UNITS, flash

PASSWORD = "Quarterly-Flash-2023"
ROLES = ("executive", "unit_finance", "finance", "admin", None)
Q2 = Period(2023, 2)
SETUP = Actor("setup", "admin")


def _changed_flash() -> bytes:
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    return flash(rows=rows)


# action name → (permission, call with an actor); each call would change something when allowed
ACTIONS: dict[str, tuple[Action, Callable[[Engine, Actor], object]]] = {
    "check": (Action.SUBMIT, lambda e, a: imports.check_files(e, [("fix.xlsx", _changed_flash())], ReadOptions(), a)),
    "import": (Action.UPLOAD, lambda e, a: imports.import_files(e, [("fix.xlsx", _changed_flash())], ReadOptions(), a)),
    # issue 11: 多级上报 (#1: a unit's pending Q1 figure; #2 the "submit" here), before the metric later files lack
    "submit": (
        Action.SUBMIT,
        lambda e, a: submissions.submit_files(e, [("q1-fix.xlsx", _changed_q1())], ReadOptions(), a),
    ),
    "confirm submission": (Action.REVIEW, lambda e, a: submissions.confirm_submission(e, 1, a)),
    "return submission": (Action.REVIEW, lambda e, a: submissions.return_submission(e, 2, a, "请核对")),
    "set units": (Action.MANAGE_ACCOUNTS, lambda e, a: accounts.set_units(e, "unit1001", "1001,1002", a)),
    "revert": (Action.REVERT, lambda e, a: imports.revert_upload(e, 1, a)),
    "target": (
        Action.SET_TARGETS,
        lambda e, a: targets.set_target(
            e,
            year=2023,
            metric="revenue",
            unit_code="",
            amount=Decimal(10**9),
            growth_floor=None,
            base_amount=None,
            actor=a,
            reason="board",
        ),
    ),
    "demo targets": (Action.SET_TARGETS, seed_demo),
    "setting": (Action.SET_SETTINGS, lambda e, a: settings_store.save_setting(e, "STATUS_RED_GAP", "0.07", a)),
    "metric": (
        Action.SET_SETTINGS,
        lambda e, a: metrics.add_metric(
            e, MetricDef("net_profit", "净利润", "Net profit", {FigureKind.YTD: ("净利润（本年累计）",)}), a
        ),
    ),
    "lock": (Action.LOCK, lambda e, a: locks.lock_period(e, Period(2022, 4), a, "closed")),
    "unlock": (Action.LOCK, lambda e, a: locks.unlock_period(e, Q2, a, "reopen")),
    "create account": (
        Action.MANAGE_ACCOUNTS,
        lambda e, a: accounts.create_user(e, "zhao", "赵磊", "finance", PASSWORD, None, a),
    ),
    "set role": (Action.MANAGE_ACCOUNTS, lambda e, a: accounts.set_role(e, "wang", "admin", a)),
    "reset password": (
        Action.MANAGE_ACCOUNTS,
        lambda e, a: accounts.set_password(e, "wang", "Another-good-passphrase", a),
    ),
    "disable": (Action.MANAGE_ACCOUNTS, lambda e, a: accounts.set_active(e, "wang", False, a)),
    "enable": (Action.MANAGE_ACCOUNTS, lambda e, a: accounts.set_active(e, "gone", True, a)),
    "profile": (Action.MANAGE_ACCOUNTS, lambda e, a: accounts.update_profile(e, "wang", "王芳", None, a)),
    "comment": (
        Action.COMMENT,
        lambda e, a: comments.save_comment(e, a, "1001", "revenue", Q2, "订单推迟", "加快交付"),
    ),
    # issue 9 (h-issue)
    "issue report": (Action.ISSUE_REPORT, lambda e, a: _issue_a_report(e, a)),
}


def _changed_q1(revenue: float = 1300) -> bytes:
    row = list(UNITS[0])
    row[2] = revenue
    return flash(rows=[row], title=None, meta=[["报告期：2023Q1", "金额单位：万元"]])


def _issue_a_report(engine: Engine, actor: Actor) -> object:
    from types import SimpleNamespace

    from dashboard.reports.issue import issue_report

    report = SimpleNamespace(model=SimpleNamespace(year=2023, quarter=2, scope=""), lang="zh", filename="r", summary={})
    return issue_report(engine, actor, report, "pdf", b"%PDF-1.7 issued")  # type: ignore[arg-type]


def _prepare(engine: Engine) -> None:
    """One stored upload (#1) changed by a second, Q2 locked, and accounts to change."""
    fast = pytest.MonkeyPatch()
    fast.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    assert imports.import_files(engine, [("q2.xlsx", flash())], ReadOptions(), SETUP).stored
    assert imports.import_files(
        engine, [("q1.xlsx", flash(title=None, meta=[["报告期：2023Q1", "金额单位：万元"]]))], ReadOptions(), SETUP
    ).stored
    accounts.create_user(engine, "admin", "", "admin", PASSWORD, None, SETUP)
    accounts.create_user(engine, "wang", "", "finance", PASSWORD, None, SETUP)
    accounts.create_user(engine, "gone", "", "finance", PASSWORD, None, SETUP)
    accounts.set_active(engine, "gone", False, SETUP)
    unit = accounts.create_user(engine, "unit1001", "", "unit_finance", PASSWORD, None, SETUP, "1001")
    assert submissions.submit_files(engine, [("q1-unit.xlsx", _changed_q1(1400))], ReadOptions(), Actor.of(unit)).stored
    locks.lock_period(engine, Q2, SETUP, "closed")
    fast.undo()


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in metadata.sorted_tables
        }


@pytest.mark.parametrize("role", ROLES)
def test_every_action_checks_the_role(engine: Engine, role: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    _prepare(engine)
    actor = Actor("someone", role)
    outcomes = {}
    for name, (action, call) in ACTIONS.items():
        before = _counts(engine)
        try:
            call(engine, actor)
            outcomes[name] = "done"
        except Forbidden as exc:
            assert exc.action is action
            assert _counts(engine) == before, f"{name} refused for {role} but stored something"
            outcomes[name] = "refused"
        except Exception as exc:  # allowed, but refused for a reason of its own (still past the role check)
            outcomes[name] = type(exc).__name__
    expected = {name: "refused" for name, (action, _) in ACTIONS.items() if not can(role, action)}
    assert {n: o for n, o in outcomes.items() if o == "refused"} == expected
    assert all(o != "refused" for n, o in outcomes.items() if n not in expected), outcomes


def test_the_matrix_covers_every_writing_action() -> None:
    assert {action for action, _ in ACTIONS.values()} == set(Action) - {Action.VIEW}


def test_every_change_is_audited_in_its_transaction(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from dashboard.storage.tables import audit_log

    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    _prepare(engine)
    admin = Actor("admin", "admin")
    locks.unlock_period(engine, Q2, SETUP, "reopen")  # so that the import and the revert store
    for _, call in ACTIONS.values():
        call(engine, admin)
    assert locks.unlock_period(engine, Period(2022, 4), admin, "reopen")
    bad = [list(r) for r in UNITS]
    bad[0][2] = "abc"
    imports.import_files(engine, [("bad.xlsx", flash(rows=bad))], ReadOptions(), admin)
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.actor, audit_log.c.action, audit_log.c.details)).all()
    by_admin = {action for actor, action, _ in rows if actor == "admin"}
    assert by_admin >= {
        "upload",
        "upload_rejected",
        "revert",
        "target",
        "setting",
        "metric",
        "lock",
        "unlock",
        "user_create",
        "user_update",
        "user_password",
        "comment",
        "report_issue",
        "submit",
        "submission_confirmed",
        "user_units",
    }
    uploads_audited = [json.loads(d) for _, action, d in rows if action == "upload"]
    assert all({"upload", "sha256", "period", "amount_unit"} <= set(d) for d in uploads_audited)
