"""``coverage --period P [--json] [--today D]`` and ``units list|stop|resume|expect``: the JSON lists exactly the
units that have not reported, plain text in zh and en, exit codes, and who may do what."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from dashboard.auth.accounts import create_user
from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing
from dashboard.storage.tables import submissions
from tests.workbooks import flash


def _flash(period: str, codes: list[str]) -> bytes:
    names = {"1099": "内部抵消"}
    rows = [[c, names.get(c, f"单位{c}有限公司"), 100, 90, 10, 9] for c in codes]
    return flash(rows, title=None, meta=([f"报告期：{period}", None, "金额单位：万元"],))


@pytest.fixture
def db(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """2023Q1: 1001, 1002, 1004 and eliminations 1099; 2023Q2: 1001 and the new 1003 (1002, 1004 missing)."""
    for name, period, codes in (("q1", "2023Q1", ["1001", "1002", "1004", "1099"]), ("q2", "2023Q2", ["1001", "1003"])):
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(_flash(period, codes))
        assert main(["import", str(path), "--db", db_url]) == 0
    engine = open_database(db_url)
    for name, role in (("boss", "executive"), ("wang", "finance")):
        create_user(engine, name, "", role, "Quarterly-Flash-2023", None, Actor("setup", "admin"))
    engine.dispose()
    capsys.readouterr()
    return db_url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], db: str, *more: str) -> dict[str, object]:
    code, out, err = run(capsys, "coverage", "--period", "2023Q2", "--json", "--db", db, *more)
    assert code == 0, err
    parsed = json.loads(out)
    assert isinstance(parsed, dict)
    return parsed


def test_json_lists_exactly_the_units_that_have_not_reported(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = as_json(capsys, db, "--today", "2023-07-15")
    assert result["period"] == "2023Q2" and result["deadline"] == "2023-07-15"
    assert result["expected"] == ["1001", "1002", "1003", "1004"]  # not the eliminations row 1099
    assert result["reported"] == ["1001", "1003"]
    assert result["missing"] == ["1002", "1004"] and result["pending"] == []
    units = {u["code"]: u for u in result["units"]}  # type: ignore[attr-defined]
    assert units["1001"]["state"] == "confirmed" and units["1001"]["by"].startswith("system")
    assert units["1002"]["state"] == "not_submitted" and units["1002"]["overdue"] is False
    assert {"code", "name", "state", "at", "by", "overdue", "reason"} <= set(units["1002"])
    late = as_json(capsys, db, "--today", "2023-07-16")
    assert late["overdue"] == ["1002", "1004"]


def test_a_stopped_unit_is_no_longer_missing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "units", "stop", "1004", "--from", "2023Q2", "--reason", "并入1001", "--db", db)
    assert code == 0 and "2023Q2" in out
    assert as_json(capsys, db)["missing"] == ["1002"]
    code, out, _ = run(capsys, "units", "list", "--db", db, "--lang", "en")
    assert code == 0 and "1004" in out and "并入1001" in out
    code, out, _ = run(capsys, "units", "list", "--json", "--db", db)
    listed = {u["code"]: u for u in json.loads(out)}
    assert (listed["1004"]["stopped_from"], listed["1003"]["first_figure"]) == ("2023Q2", "2023Q2")
    assert run(capsys, "units", "resume", "1004", "--db", db)[0] == 0
    assert as_json(capsys, db)["missing"] == ["1002", "1004"]
    assert run(capsys, "units", "expect", "1004", "--from", "2023Q3", "--db", db)[0] == 0
    assert as_json(capsys, db)["missing"] == ["1002"]


def test_plain_text_in_both_languages(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "coverage", "--period", "2023Q2", "--today", "2023-08-01", "--db", db, "--lang", "zh")
    assert code == 0 and "已报 2/4 户 · 待审核 0 · 未报 2（逾期 2）" in out and "未报" in out and "逾期" in out
    code, out, _ = run(capsys, "coverage", "--period", "2023Q2", "--today", "2023-08-01", "--db", db, "--lang", "en")
    assert code == 0 and "2/4 units reported" in out and "Not submitted" in out and "Overdue" in out


def test_a_unit_awaiting_review_is_not_overdue(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """1004 submitted its file in time and waits for review: pending, not missing, never overdue — the text's
    summary, its lines and the JSON agree."""
    engine = open_database(db)
    with writing(engine) as conn:
        repository.keep_file(conn, "c" * 64, b"file")
        row = {"sha256": "c" * 64, "filename": "报送.xlsx", "size": 4, "periods": "2023Q2", "units": "1004"}
        conn.execute(
            insert(submissions).values(**row, state="submitted", submitted_by="li", submitted_at=datetime.now(UTC))
        )
    engine.dispose()
    late = as_json(capsys, db, "--today", "2023-08-01")
    assert (late["pending"], late["missing"], late["overdue"]) == (["1004"], ["1002"], ["1002"])
    assert [u["code"] for u in late["units"] if u["overdue"]] == ["1002"]  # type: ignore[attr-defined]
    code, out, _ = run(capsys, "coverage", "--period", "2023Q2", "--today", "2023-08-01", "--db", db, "--lang", "zh")
    assert code == 0 and "已报 2/4 户 · 待审核 1 · 未报 1（逾期 1）" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  10")}
    assert "逾期" in lines["1002"] and "逾期" not in lines["1004"] and "待审核" in lines["1004"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("coverage", "--period", "2023Q5"), "2023Q2"),
        (("coverage", "--period", "2023Q2", "--today", "15/07/2023"), "2023-07-20"),
        (("coverage", "--period", "2023Q2", "--user", "boss"), "review"),
        (("units", "stop", "9999", "--from", "2023Q3", "--reason", "x"), "units list"),
        (("units", "stop", "1002", "--from", "2023Q3", "--reason", " "), "reason"),
        (("units", "stop", "1002", "--from", "Q3", "--reason", "x"), "2023Q2"),
        (("units", "stop", "1002", "--from", "2023Q3", "--reason", "x", "--user", "wang"), "set targets"),
        (("units", "resume", "1002"), "nothing to resume"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    db: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str
) -> None:
    code, _, err = run(capsys, *args, "--db", db, "--lang", "en")
    assert code == 2 and says in err and "Traceback" not in err
    assert as_json(capsys, db)["missing"] == ["1002", "1004"]  # nothing changed
