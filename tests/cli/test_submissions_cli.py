"""多级上报 on the command line (SQLite and PostgreSQL): ``import --user`` a unit finance account submits its own
units only; ``submissions`` lists, confirms and returns; ``users`` sets an account's units."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from dashboard.auth.accounts import create_user
from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.domain import Period
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from dashboard.storage.tables import metadata
from tests.workbooks import UNITS, flash

PASSWORD = "Quarterly-Flash-2023"
LOG_TABLES = {"uploads", "audit_log"}


@pytest.fixture
def db(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Q2 stored by the operator; finance li.na; unit finance unit1001 (units 1001) made with ``users add``."""
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    monkeypatch.delenv("DASHBOARD_USER", raising=False)
    path = tmp_path / "q2.xlsx"
    path.write_bytes(flash())
    assert main(["import", str(path), "--db", db_url]) == 0
    engine = open_database(db_url)
    create_user(engine, "li.na", "", "finance", PASSWORD, None, Actor("setup", "admin"))
    engine.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code, out, err = run(
        capsys,
        "users",
        "add",
        "unit1001",
        "--role",
        "unit_finance",
        "--units",
        "1001",
        "--password-stdin",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert code == 0 and "reports for units 1001" in out, err
    return db_url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def counts(db: str) -> dict[str, int]:
    engine = open_database(db)
    with engine.connect() as conn:
        found = {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in metadata.sorted_tables
        }
    engine.dispose()
    return {k: v for k, v in found.items() if k not in LOG_TABLES}


def revenue(db: str, unit: str) -> Any:
    engine = open_database(db)
    with engine.connect() as conn:
        found = {k[0]: f.ytd for k, f in queries.current_figures(conn, [Period(2023, 2)]).items() if k[2] == "revenue"}
    engine.dispose()
    return found.get(unit)


def own(tmp_path: Path, name: str, value: float) -> str:
    row = list(UNITS[0])
    row[2] = value
    path = tmp_path / name
    path.write_bytes(flash(rows=[row]))
    return str(path)


def test_import_by_a_unit_account_refuses_other_units(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(db)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 9999
    path = tmp_path / "all.xlsx"
    path.write_bytes(flash(rows=rows))
    code, _, err = run(capsys, "import", str(path), "--user", "unit1001", "--db", db, "--lang", "en")
    assert code == 2
    assert "快报!5:5" in err and "Unit 1002 is not one of the units you report for (1001)" in err
    assert "快报!6:6" in err and "Unit 1099" in err
    assert counts(db) == before


def test_submit_return_resubmit_confirm(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = ("--user", "unit1001", "--db", db, "--lang", "en")
    code, out, _ = run(capsys, "import", own(tmp_path, "a.xlsx", 13000), *unit)
    assert code == 0 and "submitted as #1, awaiting review" in out
    assert str(revenue(db, "1001")) == "12345600"
    for command in (["submissions", "confirm", "1"], ["submissions", "return", "1", "--reason", "x"], ["revert", "1"]):
        code, _, err = run(capsys, *command, *unit)
        assert code == 2 and "Your role may not" in err, command
    finance = ("--user", "li.na", "--db", db, "--lang", "en")
    code, _, err = run(capsys, "submissions", "return", "1", "--reason", "  ", *finance)
    assert code == 2 and "Write why it is returned" in err
    code, out, _ = run(capsys, "submissions", "return", "1", "--reason", "营业收入多了一个0", *finance)
    assert code == 0 and "Returned submission #1" in out
    code, out, _ = run(capsys, "submissions", *unit)
    assert code == 0 and "#1" in out and "returned" in out and "营业收入多了一个0" in out
    code, _, err = run(capsys, "submissions", "confirm", "1", *finance)
    assert code == 2 and "no longer awaiting review" in err and "returned" in err
    code, _, err = run(capsys, "submissions", "confirm", "1", "--user", "li.na", "--db", db, "--lang", "zh")
    assert code == 2 and "已退回" in err  # the state in words of the language

    code, out, _ = run(capsys, "import", own(tmp_path, "b.xlsx", 1300), *unit)
    assert code == 0 and "#2" in out
    code, out, _ = run(capsys, "submissions", "list", "--state", "submitted", *finance)
    assert code == 0 and "#2" in out and "#1 " not in out
    code, out, err = run(capsys, "submissions", "confirm", "2", *finance)
    assert code == 0 and "Confirmed submission #2" in out, err
    assert str(revenue(db, "1001")) == "13000000"
    code, out, _ = run(capsys, "history", "--db", db)
    assert "unit1001" in out


def test_dry_run_of_a_unit_account_keeps_nothing(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = counts(db)
    path = own(tmp_path, "a.xlsx", 13000)
    code, out, _ = run(capsys, "import", path, "--dry-run", "--user", "unit1001", "--db", db, "--lang", "en")
    assert code == 0 and "nothing was stored" in out
    assert counts(db) == before


def test_users_units(db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, "users", "list", "--db", db, "--lang", "en")
    assert code == 0 and "units: 1001" in out
    code, out, _ = run(capsys, "users", "set-units", "unit1001", "1001,1002", "--db", db, "--lang", "en")
    assert code == 0 and "1001,1002" in out
    code, _, err = run(capsys, "users", "set-units", "unit1001", "1001,8888", "--db", db, "--lang", "en")
    assert code == 2 and "not registered: 8888" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code, _, err = run(
        capsys, "users", "add", "zhou", "--role", "unit_finance", "--password-stdin", "--db", db, "--lang", "en"
    )
    assert code == 2 and "needs the units it reports for" in err
    code, out, _ = run(capsys, "users", "role", "unit1001", "finance", "--db", db, "--lang", "en")
    assert code == 0
    code, out, _ = run(capsys, "users", "list", "--db", db, "--lang", "en")
    assert "units:" not in out


def test_accept_warning_on_submit_and_confirm(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["1001", "集团本部", 18_518_400, 1500, "(12.30)", 10]]  # Q3 revenue typed as 元: 10⁴ too large
    path = tmp_path / "q3.xlsx"
    meta = [["报告期：2023Q3", None, "金额单位：万元"]]
    path.write_bytes(flash(rows=rows, title="2023年第三季度经营快报", meta=meta))
    unit = ("--user", "unit1001", "--db", db, "--lang", "en")
    code, _, err = run(capsys, "import", str(path), *unit)
    assert code == 2 and "--accept-warning amount_scale_suspect" in err
    code, out, err = run(capsys, "import", str(path), "--accept-warning", "amount_scale_suspect", *unit)
    assert code == 0 and "submitted as #1, awaiting review" in out, err
    finance = ("--user", "li.na", "--db", db, "--lang", "en")
    code, _, err = run(capsys, "submissions", "confirm", "1", *finance)
    assert code == 2 and "--accept-warning amount_scale_suspect" in err
    code, out, err = run(capsys, "submissions", "confirm", "1", "--accept-warning", "amount_scale_suspect", *finance)
    assert code == 0 and "Confirmed submission #1" in out, err
