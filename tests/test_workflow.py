"""Issue 8's workflow guarantees, on SQLite and PostgreSQL: checking holds no write lock and writes nothing,
storing re-checks the state it was checked at, read options are part of an upload's identity, a busy database
is a "try again", and a file of too many periods is refused and logged."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from dashboard import imports
from dashboard.auth.roles import Actor
from dashboard.domain import AMOUNT_UNITS, Period
from dashboard.imports import Duplicate, check_files, import_files, store_checked
from dashboard.ingest import ReadOptions
from dashboard.locks import lock_period
from dashboard.storage import engine as engine_module
from dashboard.storage import queries
from dashboard.storage.engine import DatabaseBusy, open_database, writing
from dashboard.storage.tables import audit_log, figures, stored_files, uploads
from tests.workbooks import UNITS, flash

FINANCE = Actor("li.na", "finance")
ADMIN = Actor("admin", "admin")
Q2 = Period(2023, 2)
BARE = flash(title=None, meta=[])  # states neither period nor amount unit: the options decide


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def fast_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers give up after 0.3 s: a held lock shows as DatabaseBusy at once instead of a wait."""
    monkeypatch.setattr(engine_module, "WRITE_WAIT_SECONDS", 0.3)


@pytest.fixture
def other(db_url: str, fast_busy: None) -> Iterator[Engine]:
    """A second app instance on the same database."""
    second = open_database(db_url)
    yield second
    second.dispose()


def test_a_check_holds_no_write_lock(engine: Engine, other: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a check is paused inside reading the file, another instance's write goes through (it would be
    DatabaseBusy after 0.3 s if the check held the write lock), and the check writes nothing."""
    import_files(engine, [("q2.xlsx", flash())], ReadOptions(), FINANCE)
    started, release = threading.Event(), threading.Event()
    real = imports.read_upload

    def paused(*args: Any, **kwargs: Any) -> Any:
        started.set()
        assert release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "read_upload", paused)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    before = (count(engine, uploads), count(engine, figures), count(engine, audit_log))
    with ThreadPoolExecutor(1) as pool:
        checking = pool.submit(check_files, engine, [("fix.xlsx", flash(rows=rows))], ReadOptions(), FINANCE)
        assert started.wait(30)
        try:
            assert lock_period(other, Period(2022, 4), ADMIN, "closed")  # a write from another instance
        finally:
            release.set()
        result = checking.result(60)
    assert result.plans[0].count("changed") == 1 and not result.stored
    assert (count(engine, uploads), count(engine, figures)) == before[:2]
    assert count(engine, audit_log) == before[2] + 1  # only the lock


def test_a_dry_run_never_opens_a_write_transaction(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_writing(_engine: Engine) -> None:
        raise AssertionError("a check opened a write transaction")

    monkeypatch.setattr(imports, "writing", no_writing)
    bad = [list(r) for r in UNITS]
    bad[0][2] = "abc"
    result = import_files(engine, [("q2.xlsx", flash()), ("bad.xlsx", flash(rows=bad))], ReadOptions(), FINANCE, True)
    assert [bool(p.errors) for p in result.plans] == [False, True] and not result.stored


def test_a_batch_sees_its_earlier_files_in_memory(engine: Engine) -> None:
    """A Q1 file and a Q2 single-quarter file with a unit new in Q1: checked together without storing."""
    q1_rows = [*UNITS, ["1009", "新设子公司", 10, 1, 1, 1]]
    q1 = flash(rows=q1_rows, title=None, meta=[["报告期：2023Q1", "金额单位：万元"]])
    header = ["单位编码", "单位名称", "营业收入（本季）", "利润总额（本季）"]
    q2 = flash(header=header, rows=[["1001", "集团本部", 700, 5], ["1009", "新设子公司", 3, 1]], title=None)
    result = check_files(engine, [("q1.xlsx", q1), ("q2.xlsx", q2)], ReadOptions(), FINANCE)
    assert not result.has_errors, [p.errors for p in result.plans]
    assert result.plans[1].new_unit_codes == []  # known from file 1
    assert count(engine, figures) == 0
    stored = store_checked(engine, result, FINANCE)
    assert stored.stored
    with engine.connect() as conn:
        now = queries.current_figures(conn, [Q2])
    assert now[("1009", Q2, "revenue")].ytd == Decimal("130000")  # 10 + 3 万元


def test_store_rechecks_the_state_under_the_lock(engine: Engine) -> None:
    """A preview checked before another import was stored is stale and stores nothing."""
    preview = check_files(engine, [("q2.xlsx", flash())], ReadOptions(), FINANCE)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    assert import_files(engine, [("other.xlsx", flash(rows=rows))], ReadOptions(), ADMIN).stored
    before = count(engine, figures)
    result = store_checked(engine, preview, FINANCE)
    assert result.stale is not None and not result.stored and count(engine, figures) == before


def test_the_command_line_path_checks_again_after_a_concurrent_import(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import stored between import_files' check and its store: it checks again and compares with it."""
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    real = imports.store_checked
    calls: list[int] = []

    def sneak_in(
        engine_: Engine, result: imports.BatchResult, actor: Actor, accepted: frozenset[str] = frozenset()
    ) -> imports.BatchResult:
        calls.append(1)
        if len(calls) == 1:  # the first store: another import comes in just before it
            assert import_files(engine_, [("first.xlsx", flash(rows=rows))], ReadOptions(), ADMIN).stored
        return real(engine_, result, actor, accepted)

    monkeypatch.setattr(imports, "store_checked", sneak_in)
    result = import_files(engine, [("q2.xlsx", flash())], ReadOptions(), FINANCE)
    assert result.stored and len(calls) == 3  # ours (stale), the sneaked-in import's, ours again
    assert result.plans[0].count("changed") == 1  # against the import that came in between


def test_a_period_locked_after_the_check_is_refused_under_the_lock(engine: Engine) -> None:
    preview = check_files(engine, [("q2.xlsx", flash())], ReadOptions(), FINANCE)
    assert lock_period(engine, Q2, ADMIN, "closed")  # a lock does not change the state token
    result = store_checked(engine, preview, FINANCE)
    assert not result.stored and [p.code for p in result.plans[0].errors] == ["period_locked"]
    assert count(engine, figures) == 0
    with engine.connect() as conn:
        assert [u.outcome for u in queries.upload_log(conn)] == ["rejected"]


def test_every_file_of_a_batch_with_a_period_locked_after_the_check_is_named(engine: Engine) -> None:
    other = flash(meta=[["报告期：2023Q2", None, "金额单位：元"]])  # other bytes, the same locked period
    preview = check_files(engine, [("a.xlsx", flash()), ("b.xlsx", other)], ReadOptions(), FINANCE)
    assert lock_period(engine, Q2, ADMIN, "closed")
    result = store_checked(engine, preview, FINANCE)
    assert not result.stored and [[p.code for p in plan.errors] for plan in result.plans] == [["period_locked"]] * 2
    with engine.connect() as conn:
        assert [u.outcome for u in queries.upload_log(conn)] == ["rejected", "rejected"]


def test_read_options_are_part_of_an_uploads_identity(engine: Engine) -> None:
    wan = ReadOptions(period=Q2, amount_unit=AMOUNT_UNITS["10k"])
    yuan = ReadOptions(period=Q2, amount_unit=AMOUNT_UNITS["yuan"])
    first = import_files(engine, [("q2.xlsx", BARE)], wan, FINANCE)
    assert first.stored and first.plans[0].upload_id == 1
    corrected = import_files(engine, [("q2.xlsx", BARE)], yuan, FINANCE)
    plan = corrected.plans[0]
    assert (
        plan.duplicate_of is None
        and plan.upload_id == 2
        and plan.count("changed") == sum(1 for f in plan.figures if f.ytd)
    )
    with engine.connect() as conn:
        assert queries.current_figures(conn, [Q2])[("1001", Q2, "revenue")].ytd == Decimal("1234.56")
    again = import_files(engine, [("again.xlsx", BARE)], yuan, FINANCE)
    duplicate = again.plans[0].duplicate_of
    assert duplicate is not None and duplicate.upload is not None and duplicate.upload.id == 2
    assert count(engine, uploads) == 2 and count(engine, stored_files) == 1  # the original kept once
    preview = check_files(engine, [("q2.xlsx", BARE)], wan, FINANCE)
    duplicate = preview.plans[0].duplicate_of
    assert duplicate is not None and duplicate.upload is not None and duplicate.upload.id == 1


def test_too_many_periods_are_refused_and_logged(engine: Engine) -> None:
    header = ["年度", "季度", "单位编码", "单位名称", "营业收入（本年累计）", "利润总额（本年累计）"]
    rows = [[2000 + i // 4, i % 4 + 1, "1001", "集团本部", 1, 1] for i in range(120)]
    data = flash(header=header, rows=rows, title=None, meta=[["金额单位：万元"]])
    result = import_files(engine, [("many.xlsx", data)], ReadOptions(), FINANCE)
    plan = result.plans[0]
    assert [p.code for p in plan.errors] == ["too_many_periods"], plan.errors
    assert count(engine, figures) == 0
    with engine.connect() as conn:
        (logged,) = queries.upload_log(conn)
    assert logged.outcome == "rejected" and len(logged.periods.split(",")) == imports.MAX_PERIODS


def test_a_busy_database_is_try_again(engine: Engine, other: Engine) -> None:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writing(engine):
            held.set()
            release.wait(30)

    with ThreadPoolExecutor(1) as pool:
        holder = pool.submit(hold)
        assert held.wait(30)
        try:
            with pytest.raises(DatabaseBusy):
                lock_period(other, Q2, ADMIN, "closed")
        finally:
            release.set()
        holder.result(30)
    assert count(engine, audit_log) == 0


def test_the_same_file_twice_in_a_batch_is_imported_once(engine: Engine) -> None:
    data = flash()
    result = import_files(engine, [("a.xlsx", data), ("copy.xlsx", data)], ReadOptions(), FINANCE)
    assert result.stored and [p.upload_id for p in result.plans] == [1, None]
    assert result.plans[1].duplicate_of == Duplicate(in_batch="a.xlsx")
    assert count(engine, uploads) == 1


BAD = flash(rows=[["1001", "集团本部", "12万", 1, 1, 1]])


def rejected(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return [r for r in queries.upload_log(conn) if r.outcome == "rejected"]


def test_rechecking_the_same_bad_file_is_logged_once(engine: Engine) -> None:
    """Same content (SHA-256), same account, same read options and the same problems: the account's last rejected
    row of that hash already says it, so a re-check adds nothing (the file's name does not matter)."""
    for name in ("bad.xlsx", "bad.xlsx", "renamed.xlsx"):
        assert check_files(engine, [(name, BAD)], ReadOptions(), FINANCE, log_rejected=True).has_errors
    assert len(rejected(engine)) == 1
    audited = count(engine, audit_log)
    check_files(engine, [("bad.xlsx", BAD)], ReadOptions(), Actor("wang", "finance"), log_rejected=True)
    assert len(rejected(engine)) == 2 and count(engine, audit_log) == audited + 1  # another account: its own row
    other = flash(rows=[["1001", "集团本部", "13万", 1, 1, 1]])
    check_files(engine, [("bad.xlsx", other)], ReadOptions(), FINANCE, log_rejected=True)
    assert len(rejected(engine)) == 3  # other content


def test_a_file_that_changes_nothing_is_not_a_change(engine: Engine) -> None:
    assert import_files(engine, [("q2.xlsx", flash())], ReadOptions(), FINANCE).stored
    resaved = flash(title="2023年第二季度经营快报（重存）")  # other bytes, the same figures
    plan = check_files(engine, [("again.xlsx", resaved)], ReadOptions(), FINANCE).plans[0]
    assert plan.duplicate_of is None and plan.count("unchanged") == len(plan.changes) > 0
    assert not plan.changes_anything
    duplicate = check_files(engine, [("q2.xlsx", flash())], ReadOptions(), FINANCE).plans[0]
    assert duplicate.duplicate_of is not None and not duplicate.changes_anything


def test_a_plan_knows_the_workbooks_amount_unit(engine: Engine) -> None:
    plan = check_files(engine, [("q2.xlsx", flash())], ReadOptions(), FINANCE).plans[0]
    assert plan.amount_unit.code == "10k" and plan.changes_anything
    bare = check_files(engine, [("q2.xlsx", BARE)], ReadOptions(Q2, AMOUNT_UNITS["thousand"]), FINANCE).plans[0]
    assert bare.amount_unit.code == "thousand"
