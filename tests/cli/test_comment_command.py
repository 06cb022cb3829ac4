"""``comment add|list|history``: what is stored, what is printed (escaped), JSON, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dashboard.auth.accounts import create_user
from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.storage.engine import open_database
from tests.workbooks import flash


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path}/cli.db"
    path = tmp_path / "q2.xlsx"
    path.write_bytes(flash())
    assert main(["import", str(path), "--db", url]) == 0
    capsys.readouterr()
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys: pytest.CaptureFixture[str], db: str, *more: str) -> tuple[int, str, str]:
    return run(
        capsys, "comment", "add", "--unit", "1001", "--metric", "revenue", "--period", "2023Q2", "--db", db, *more
    )


def test_add_list_and_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = add(capsys, db, "--comment", "订单推迟", "--measures", "加快交付", "--lang", "en")
    assert code == 0 and "version 1" in out
    code, out, _ = add(capsys, db, "--comment", "订单推迟至三季度", "--user", "", "--lang", "zh")
    assert code == 0 and "第 2 版" in out
    code, out, _ = add(capsys, db, "--comment", "订单推迟至三季度", "--lang", "en")
    assert code == 0 and "nothing was changed" in out  # the same as version 2: stored nothing, said so
    code, out, _ = run(capsys, "comment", "list", "--period", "2023Q2", "--db", db, "--lang", "zh")
    assert code == 0 and "1001 集团本部 · 营业收入 · 2023Q2 · 第 2 版 · system" in out and "订单推迟至三季度" in out
    assert "加快交付" not in out  # version 2 has no measures
    code, out, _ = run(
        capsys, "comment", "history", "--unit", "1001", "--metric", "revenue", "--period", "2023Q2", "--db", db
    )
    assert code == 0 and out.index("订单推迟\n") < out.index("订单推迟至三季度") and "加快交付" in out


def test_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, db, "--comment", '=HYPERLINK("http://x","y")\n第二行', "--measures", "a\u202eb".replace("\u202e", ""))
    code, out, _ = run(capsys, "comment", "list", "--period", "2023Q2", "--json", "--db", db, "--unit", "1001")
    data = json.loads(out)
    assert code == 0 and len(data) == 1
    row = data[0]
    assert row["comment"] == '=HYPERLINK("http://x","y")\n第二行' and row["measures"] == "ab"
    assert (row["unit_code"], row["unit_name"], row["metric"], row["period"], row["version"]) == (
        "1001",
        "集团本部",
        "revenue",
        "2023Q2",
        1,
    )
    assert row["written_by"].startswith("system") and row["written_at"].endswith("+00:00")
    code, out, _ = run(capsys, "comment", "list", "--period", "2023Q2", "--json", "--db", db, "--unit", "1002")
    assert json.loads(out) == []
    code, out, _ = run(
        capsys,
        "comment",
        "history",
        "--unit",
        "1001",
        "--metric",
        "revenue",
        "--period",
        "2023Q2",
        "--json",
        "--db",
        db,
    )
    assert [r["version"] for r in json.loads(out)] == [1]


def test_refusals_exit_2_and_store_nothing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (("--comment", "x", "--lang", "en", "--unit", "9999"), "not registered"),
        (("--comment", "a\u202eb", "--lang", "en"), "U+202E"),
        (("--comment", "x" * 2001, "--lang", "en"), "2001 characters"),
        (("--lang", "en"), "Both the comment and the measures are empty"),
        (("--comment", "x", "--lang", "zh", "--metric", "ebitda"), "指标“ebitda”未配置"),
        (("--comment", "x", "--lang", "en", "--period", "2023Q5"), "2023Q5"),
        (("--comment-file", "/no/such/file", "--lang", "en"), "No such file"),
    ]
    for more, message in cases:
        code, out, err = add(capsys, db, *more)
        assert code == 2 and message in err, (more, err)
    code, out, _ = run(capsys, "comment", "list", "--period", "2023Q2", "--db", db, "--json")
    assert json.loads(out) == []


def test_an_executive_is_refused(db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    engine = open_database(db)
    for name, role in (("wang", "finance"), ("leader", "executive")):
        create_user(engine, name, "", role, "Quarterly-Flash-2023", None, Actor("setup", "admin"))
    engine.dispose()
    code, _, err = add(capsys, db, "--comment", "x", "--user", "leader", "--lang", "en")
    assert code == 2 and "write variance comments" in err
    code, out, _ = add(capsys, db, "--comment", "x", "--user", "wang", "--lang", "en")
    assert code == 0
    code, out, _ = run(capsys, "comment", "list", "--period", "2023Q2", "--db", db, "--json")
    assert [r["written_by"] for r in json.loads(out)] == ["wang"]


def test_text_from_a_file_and_from_stdin(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "comment.txt"
    path.write_bytes("\ufeff订单推迟\r\n原因见附件\r\n".encode())
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("加快回款\n".encode())))
    code, _, err = add(capsys, db, "--comment-file", str(path), "--measures-file", "-")
    assert code == 0, err
    code, out, _ = run(capsys, "comment", "list", "--period", "2023Q2", "--db", db, "--json")
    row = json.loads(out)[0]
    assert (row["comment"], row["measures"]) == ("订单推迟\n原因见附件", "加快回款")
    path.write_bytes("订单".encode("gb18030"))
    code, _, err = add(capsys, db, "--comment-file", str(path), "--lang", "en")
    assert code == 2 and "not UTF-8" in err
    path.write_bytes(b"x" * 9000)
    code, _, err = add(capsys, db, "--comment-file", str(path), "--lang", "en")
    assert code == 2 and "more than the 2000 allowed" in err
    code, _, err = add(capsys, db, "--comment-file", "-", "--measures-file", "-", "--lang", "en")
    assert code == 2


def test_printed_text_is_escaped_and_indented(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, db, "--comment", "第一行\n1001 集团本部 · 伪造\t的行")
    code, out, _ = run(capsys, "comment", "list", "--period", "2023Q2", "--db", db, "--lang", "zh")
    assert code == 0
    assert "\n      1001 集团本部 · 伪造\\t的行\n" in out  # a written line stays indented under the head
    assert "\x1b" not in out
