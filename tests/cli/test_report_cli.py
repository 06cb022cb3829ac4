"""``report``: build and write the gap report (atomically), issue it, and list, get and compare issued reports."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.reports.content import GapReport
from dashboard.reports.issue import issue_report
from dashboard.storage.engine import open_database, reading
from dashboard.storage.queries import issued_report_rows


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_TEST_FAST_HASH", "1")
        assert main(["demo", "--db", f"sqlite:///{path}"]) == 0
        engine = open_database(f"sqlite:///{path}")
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo database (accounts admin, finance, leader; figures of 2023)."""
    monkeypatch.delenv("DASHBOARD_USER", raising=False)
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    return f"sqlite:///{copy}"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fake(summary: dict[str, Any], scope: str = "", quarter: int = 2) -> GapReport:
    model = SimpleNamespace(year=2023, quarter=quarter, scope=scope)
    return cast(GapReport, SimpleNamespace(model=model, lang="zh", filename=f"2023Q{quarter}_x", summary=summary))


def issue_two(db: str) -> tuple[int, int]:
    engine = open_database(db)
    first = issue_report(
        engine, Actor("finance", "finance"), fake({"headline": {"revenue": {"ytd": "1"}}}), "pdf", b"A"
    )
    changed = {"headline": {"revenue": {"ytd": "2"}}, "units": {"U01": {"profit": {"status": "red"}}}}
    second = issue_report(engine, Actor("admin", "admin"), fake(changed, quarter=3), "xlsx", b"B\x00\xff")
    engine.dispose()
    return first.id, second.id


def test_list_get_and_diff(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "list", "--db", db, "--lang", "en")
    assert code == 0 and "No report has been issued yet." in out
    first, second = issue_two(db)
    code, out, _ = run(capsys, "report", "list", "--db", db, "--lang", "zh")
    lines = out.splitlines()
    assert code == 0 and lines[1].startswith(str(second)) and lines[2].startswith(str(first)) and "集团" in lines[1]
    code, out, _ = run(capsys, "report", "list", "--json", "--db", db)
    listed = json.loads(out)
    assert [r["id"] for r in listed] == [second, first]
    assert listed[0]["sha256"] == hashlib.sha256(b"B\x00\xff").hexdigest() and listed[0]["issued_by"] == "admin"
    code, out, _ = run(capsys, "report", "list", "--unit", "U01", "--json", "--db", db)
    assert json.loads(out) == []

    target = tmp_path / "got.xlsx"
    code, out, _ = run(capsys, "report", "get", str(second), "-o", str(target), "--db", db, "--lang", "en")
    assert code == 0 and target.read_bytes() == b"B\x00\xff" and "SHA-256 checked" in out
    code, _, err = run(capsys, "report", "get", "99", "-o", str(target), "--db", db, "--lang", "en")
    assert code == 2 and "There is no issued report #99" in err
    code, _, err = run(capsys, "report", "get", str(second), "-o", str(tmp_path), "--db", db, "--lang", "en")
    assert code == 2 and "is a directory" in err

    code, out, _ = run(capsys, "report", "diff", str(first), "--db", db, "--lang", "en")
    assert code == 0 and "is the first issued for its scope" in out
    code, out, _ = run(capsys, "report", "diff", str(second), "--db", db, "--lang", "zh")
    assert code == 0 and f"上一份 #{first}" in out
    assert "headline / 营业收入 / ytd：1 → 2" in out
    assert 'units：新增 {"U01": {"profit": {"status": "red"}}}' in out  # a new branch is one line: added
    code, out, _ = run(capsys, "report", "diff", str(second), "--json", "--db", db)
    shown = json.loads(out)
    assert shown["previous"] == first
    assert {"path": ["headline", "revenue", "ytd"], "kind": "changed", "old": "1", "new": "2"} in shown["differences"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2023"], "Name the output file with -o"),
        (["-o", "x.xlsx"], "Name the report's year with --year"),
        (["--year", "2023", "-o", "report"], "Name the format with --format"),
        (["--year", "2023", "-o", "-", "--format", "pdf"], "pdf is a binary file"),
        (["--year", "2023", "-o", "/no/such/dir/r.xlsx"], "does not exist"),
    ],
)
def test_bad_arguments_write_nothing(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "report", *args, "--db", db, "--lang", "en")
    assert code == 2 and message in err


def test_an_output_directory_is_refused(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "report", "--year", "2023", "--format", "xlsx", "-o", str(tmp_path), "--db", db)
    assert code == 2 and "是一个目录" in err


def test_an_executive_may_not_issue(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.xlsx"
    code, _, err = run(
        capsys, "report", "--year", "2023", "-o", str(target), "--issue", "--user", "leader", "--db", db, "--lang", "en"
    )
    assert code == 2 and "Your role may not issue gap reports" in err
    assert not target.exists()
    with reading(open_database(db)) as conn:
        assert issued_report_rows(conn) == []


def test_unknown_year_is_a_clean_error(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "report", "--year", "2019", "-o", str(tmp_path / "r.xlsx"), "--db", db)
    assert code == 2 and "2019" in err and "Traceback" not in err


def _needs_the_report() -> None:
    pytest.importorskip("dashboard.reports.model")
    pytest.importorskip("dashboard.comments")
    pytest.importorskip("dashboard.reports.xlsx")
    pytest.importorskip("dashboard.reports.csvtable")


def test_build_write_and_issue(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _needs_the_report()
    target = tmp_path / "gap.xlsx"
    target.write_bytes(b"old")
    code, out, err = run(
        capsys, "report", "--year", "2023", "--as-of", "2023Q2", "-o", str(target), "--db", db, "--lang", "en"
    )
    assert code == 0, err
    assert target.read_bytes()[:2] == b"PK" and "Wrote" in out
    assert not list(tmp_path.glob(".gap.xlsx.*"))  # no temporary file left behind
    issued_file = tmp_path / "issued.xlsx"
    code, out, err = run(
        capsys,
        "report",
        "--year",
        "2023",
        "--as-of",
        "2023Q2",
        "-o",
        str(issued_file),
        "--issue",
        "--user",
        "finance",
        "--db",
        db,
        "--lang",
        "zh",
    )
    assert code == 0, err
    assert "已签发为报告 #1" in out
    with reading(open_database(db)) as conn:
        [issued] = issued_report_rows(conn)
    assert issued.issued_by == "finance" and (issued.year, issued.quarter, issued.scope) == (2023, 2, "")
    assert issued.sha256 == hashlib.sha256(issued_file.read_bytes()).hexdigest()
    got = tmp_path / "got.xlsx"
    assert run(capsys, "report", "get", "1", "-o", str(got), "--db", db)[0] == 0
    assert got.read_bytes() == issued_file.read_bytes()


def test_csv_to_standard_output(db: str, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    _needs_the_report()
    code = main(["report", "--year", "2023", "--format", "csv", "-o", "-", "--db", db])
    out, _ = capfdbinary.readouterr()
    assert code == 0 and out.startswith(b"\xef\xbb\xbf")
