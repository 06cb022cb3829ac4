"""Who acts on the command line: ``--user`` names an active account whose role is checked; without it the
local operator acts as ``system:<login>`` with the admin role. Refusals exit 2 with a message, storing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.auth.accounts import create_user
from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.storage import engine as engine_module
from dashboard.storage.engine import open_database, writing
from dashboard.storage.tables import audit_log, figures, uploads
from tests.workbooks import flash

PASSWORD = "Quarterly-Flash-2023"


@pytest.fixture
def db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with a finance and an executive account."""
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    monkeypatch.delenv("DASHBOARD_USER", raising=False)
    engine = open_database(db_url)
    for name, role in (("li.na", "finance"), ("leader", "executive")):
        create_user(engine, name, "", role, PASSWORD, None, Actor("setup", "admin"))
    engine.dispose()
    return db_url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rows(db: str, table: object) -> int:
    engine = open_database(db)
    with engine.connect() as conn:
        found = int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]
    engine.dispose()
    return found


def test_an_executive_cannot_change_anything(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "q2.xlsx"
    path.write_bytes(flash())
    for command in (
        ["import", str(path)],
        ["lock", "2023Q2"],
        ["targets", "set", "--year", "2023", "--metric", "revenue", "--amount", "1000"],
        ["users", "role", "li.na", "admin"],
        ["metrics", "add", "--code", "net_profit", "--zh", "净利润", "--en", "Net profit", "--ytd-alias", "净利润"],
    ):
        code, _, err = run(capsys, *command, "--user", "leader", "--db", db, "--lang", "en")
        assert code == 2 and "Your role may not" in err and "Traceback" not in err, command
    assert rows(db, uploads) == rows(db, figures) == 0
    assert rows(db, audit_log) == 2  # the two accounts created by the fixture


def test_finance_imports_but_cannot_lock(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "q2.xlsx"
    path.write_bytes(flash())
    code, out, _ = run(capsys, "import", str(path), "--user", "LI.NA", "--db", db, "--lang", "en")
    assert code == 0 and "Stored as upload #1" in out
    code, _, err = run(capsys, "lock", "2023Q2", "--user", "li.na", "--db", db, "--lang", "zh")
    assert code == 2 and "您的角色无权锁定或解锁期间" in err
    code, out, _ = run(capsys, "history", "--db", db, "--lang", "en")
    assert "li.na" in out


def test_unknown_or_overlong_user_is_a_clean_error(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "q2.xlsx"
    path.write_bytes(flash())
    for name in ("ghost", "x" * 150, "财务" * 80):
        code, _, err = run(capsys, "import", str(path), "--user", name, "--db", db, "--lang", "en")
        assert code == 2 and "does not exist or is disabled" in err and "Traceback" not in err
    assert rows(db, uploads) == 0


def test_without_user_the_local_operator_acts_as_system(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "lock", "2023Q2", "--reason", "closed", "--db", db)
    assert code == 0
    engine = open_database(db)
    with engine.connect() as conn:
        actor = conn.execute(select(audit_log.c.actor).where(audit_log.c.action == "lock")).scalar_one()
    engine.dispose()
    assert actor.startswith("system")


def test_a_busy_database_says_try_again(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(engine_module, "WRITE_WAIT_SECONDS", 0.3)
    holder = open_database(db)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writing(holder):
            held.set()
            release.wait(30)

    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(hold)
        assert held.wait(30)
        try:
            code, _, err = run(capsys, "lock", "2023Q2", "--db", db, "--lang", "en")
        finally:
            release.set()
        running.result(30)
    holder.dispose()
    assert code == 2 and "busy" in err and "try again" in err and "Cannot open" not in err


def test_an_overlong_metric_name_is_a_clean_error_on_both_databases(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for zh in ("净" * 101, "净利\x00润"):
        code, _, err = run(
            capsys,
            *("metrics", "add", "--code", "net_profit", "--zh", zh, "--en", "Net profit", "--ytd-alias", "净利润"),
            *("--db", db, "--lang", "en"),
        )
        assert code == 2 and "is not valid" in err and "Cannot open" not in err
