"""The command line, as finance and admins use it: exit codes, messages, and what it stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from tests.workbooks import HEADER, UNITS, flash


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/cli.db"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_then_reimport(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "q2.xlsx", flash())
    code, out, _ = run(capsys, "import", path, "--db", db, "--lang", "en")
    assert code == 0 and "Stored as upload #1: 6 figures of 3 units for 2023Q2." in out
    code, out, _ = run(capsys, "import", path, "--db", db, "--lang", "zh")
    assert code == 0 and "已于" in out and "未做任何更改" in out


def test_bad_workbook_exits_2_naming_the_cell(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [list(r) for r in UNITS]
    rows[2][5] = "#DIV/0!"
    path = write(tmp_path, "bad.xlsx", flash(rows=rows))
    code, out, err = run(capsys, "import", path, "--db", db, "--lang", "en")
    assert code == 2 and "bad.xlsx · 快报!F6" in err and "#DIV/0!" in err and "Nothing was stored" in err
    code, out, _ = run(capsys, "history", "--db", db, "--lang", "en")
    assert "rejected" in out


def test_dry_run_previews_changes(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", write(tmp_path, "q2.xlsx", flash()), "--db", db)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    code, out, _ = run(
        capsys,
        "import",
        write(tmp_path, "fix.xlsx", flash(rows=rows)),
        "--dry-run",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 0 and "changed 1" in out and "20,002,500 → 21,002,500" in out and "nothing was stored" in out


def test_period_and_unit_options(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bare.xlsx", flash(title=None, meta=[]))
    code, _, err = run(capsys, "import", path, "--db", db, "--lang", "en")
    assert code == 2 and "does not state its period" in err and "amount unit" in err
    code, _, _ = run(capsys, "import", path, "--period", "2023Q2", "--amount-unit", "万元", "--db", db)
    assert code == 0
    code, _, err = run(capsys, "import", path, "--period", "2023-13", "--db", db, "--lang", "en")
    assert code == 2 and "2023-13" in err


def test_history_revert_lock_unlock(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", write(tmp_path, "q2.xlsx", flash()), "--db", db)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    run(capsys, "import", write(tmp_path, "fix.xlsx", flash(rows=rows)), "--db", db)
    code, out, _ = run(capsys, "history", "--unit", "1002", "--db", db, "--lang", "en")
    assert code == 0 and "* 2023Q2 Operating revenue v2: YTD 21,002,500" in out
    assert run(capsys, "lock", "2023Q2", "--db", db, "--lang", "en")[1].strip() == "Locked 2023Q2."
    code, _, err = run(capsys, "revert", "1", "--db", db, "--lang", "en")
    assert code == 2 and "locked" in err
    run(capsys, "unlock", "2023Q2", "--db", db)
    code, out, _ = run(capsys, "revert", "1", "--db", db, "--lang", "en")
    assert code == 0 and "new upload #3" in out
    assert "20,002,500" in run(capsys, "history", "--unit", "1002", "--period", "2023Q2", "--db", db)[1]


def test_targets_set_and_show(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "targets",
        "set",
        "--year",
        "2023",
        "--metric",
        "revenue",
        "--amount",
        "38,000,000,000",
        "--growth",
        "5%",
        "--reason",
        "董事会决议",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 0 and "version 1" in out
    code, out, _ = run(capsys, "targets", "show", "--year", "2023", "--db", db, "--lang", "en")
    assert "38,000,000,000" in out and "5.00%" in out and "董事会决议" in out
    assert run(capsys, "targets", "set", "--year", "2023", "--metric", "revenue", "--db", db)[0] == 2
    code, _, err = run(
        capsys,
        "targets",
        "set",
        "--year",
        "2023",
        "--metric",
        "cash",
        "--growth",
        "0.1",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 2 and "Unknown metric" in err
    code, _, err = run(
        capsys,
        "targets",
        "set",
        "--year",
        "2023",
        "--metric",
        "profit",
        "--growth",
        "5",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 2 and "5%" in err


def test_template_is_written(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "模板.xlsx"
    assert run(capsys, "template", "-o", str(out_file), "--db", db)[0] == 0
    assert out_file.read_bytes()[:2] == b"PK"


def test_missing_file_and_unreachable_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "import", str(tmp_path / "nope.xlsx"), "--db", f"sqlite:///{tmp_path}/x.db", "--lang", "en"
    )
    assert code == 2 and "No such file" in err
    code, _, err = run(capsys, "history", "--db", "postgresql://nobody:secret@127.0.0.1:1/none", "--lang", "en")
    assert code == 2 and "Cannot open the database" in err and "secret" not in err


def test_language_from_environment(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("DASHBOARD_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    assert "No uploads yet." in run(capsys, "history", "--db", db)[1]
    monkeypatch.setenv("LANG", "")
    assert "没有上传记录" in run(capsys, "history", "--db", db)[1]


def test_postgres_url_from_the_command_line(pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "import",
        write(tmp_path, "q2.xlsx", flash()),
        "--db",
        pg_url.replace("+psycopg", ""),
        "--lang",
        "en",
    )
    assert code == 0 and "Stored as upload #1" in out


def test_common_options_before_or_after_the_command(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "No uploads yet." in run(capsys, "--db", db, "--lang", "en", "history")[1]
    assert "No uploads yet." in run(capsys, "history", "--db", db, "--lang", "en")[1]


def test_an_admin_adds_a_metric_and_uploads_carry_it(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "metrics",
        "add",
        "--code",
        "net_profit",
        "--zh",
        "净利润",
        "--en",
        "Net profit",
        "--ytd-alias",
        "净利润（本年累计）",
        "--prior-ytd-alias",
        "净利润（上年同期）",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 0 and "Added metric net_profit" in out
    assert "净利润（本年累计）" in run(capsys, "metrics", "list", "--db", db)[1]
    header = [*HEADER, "净利润（本年累计）", "净利润（上年同期）"]
    rows = [[*r, 5, 4] for r in UNITS]
    code, out, _ = run(
        capsys, "import", write(tmp_path, "q2.xlsx", flash(header=header, rows=rows)), "--db", db, "--lang", "en"
    )
    assert code == 0 and "9 figures of 3 units" in out
    assert (
        run(
            capsys,
            "import",
            write(
                tmp_path, "old.xlsx", flash(title="2023年第一季度经营快报", meta=[["报告期：2023Q1", "金额单位：万元"]])
            ),
            "--db",
            db,
        )[0]
        == 0
    )
    code, _, err = run(
        capsys,
        "metrics",
        "add",
        "--code",
        "np2",
        "--zh",
        "x",
        "--en",
        "x",
        "--ytd-alias",
        "营业收入（本年累计）",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 2 and "used by metric revenue" in err
    code, out, _ = run(
        capsys, "targets", "set", "--year", "2023", "--metric", "net_profit", "--growth", "3%", "--db", db
    )
    assert code == 0
