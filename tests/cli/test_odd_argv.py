"""No traceback from any command-line input: odd arguments to every command exit 0 or 2 with a message in the
chosen language, or (for a programming error) 1 with a reference; never a raw traceback."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from dashboard.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")
ESC = "\x1b[31m\n"

COMMENT = ["comment", "add", "--unit", "1101", "--metric", "revenue", "--period", "2023Q2"]  # issue 9
ODD: list[list[str]] = [
    ["status", "--year", "1900"],
    ["status", "--year", "0"],
    ["status", "--year", "-1"],
    ["status", "--year", "99999"],
    ["status", "--year", "99999999999999999999"],
    ["status", "--year", "abc"],
    ["status", "--year", "2023", "--as-of", "2023Q9"],
    ["status", "--year", "2023", "--as-of", "abc"],
    ["status", "--year", "2023", "--as-of", "2022Q1"],
    ["status", "--year", "2023", "--as-of", "0Q1"],
    ["status", "--year", "2023", "--as-of", "99999Q1", "--json"],
    ["status"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--amount", "1e999"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--amount", "nan"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--amount", "-inf"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--amount", "1" * 400],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--growth", "inf"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--growth", "500%"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--growth", "%"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--base", "sNaN", "--growth", "0.05"],
    ["targets", "set", "--year", "1900", "--metric", "revenue", "--amount", "1"],
    ["targets", "set", "--year", "0", "--metric", "revenue", "--amount", "1"],
    ["targets", "set", "--year", "2023", "--metric", "no-such", "--amount", "1"],
    ["targets", "set", "--year", "2023", "--metric", "revenue", "--unit", ESC, "--amount", "1"],
    ["targets", "show", "--year", "1900"],
    ["targets", "show", "--year", "99999"],
    ["revert", "abc"],
    ["revert", "-1"],
    ["revert", "0"],
    ["revert", "99999999999999999999999"],
    ["lock", "2023Q5"],
    ["lock", "abc"],
    ["lock", "1900Q1"],
    ["unlock", "2023Q0"],
    ["history", "--unit", ESC],
    ["history", "--period", "2023Q7"],
    ["history", "--period", "\x00"],
    ["import", "{tmp}"],
    ["import", "{tmp}/missing.xlsx"],
    ["import", "/dev/null"],
    ["import", "{tmp}/x.xlsx", "--period", "2023Q9"],
    ["import", "{tmp}/x.xlsx", "--amount-unit", "万美元"],
    ["metrics", "add", "--code", ESC, "--zh", "x", "--en", "x"],
    ["metrics", "add", "--code", "", "--zh", "", "--en", ""],
    ["users", "role", "nobody", "--role", "admin"],
    ["users", "role", "admin", "--role", "emperor"],
    ["users", "disable", ESC],
    ["users", "add", "x" * 500, "--role", "finance", "--password-stdin"],
    ["template", "-o", "/nonexistent-dir/x/y.xlsx"],
    ["template", "-o", "{tmp}"],
    ["status", "--year", "2023", "--db", "foo://"],
    ["status", "--year", "2023", "--db", "garbage"],
    ["status", "--year", "2023", "--db", "sqlite:////proc/nonexistent/x.db"],
    ["status", "--year", "2023", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/x"],
    ["status", "--year", "2023", "--db", ""],
    # ---- issue 9: variance comments
    ["comment", "add", "--unit", ESC, "--metric", "revenue", "--period", "2023Q2", "--comment", "x"],
    ["comment", "add", "--unit", "1101", "--metric", ESC, "--period", "2023Q2", "--comment", "x"],
    ["comment", "add", "--unit", "1101", "--metric", "revenue", "--period", "2023Q9", "--comment", "x"],
    ["comment", "add", "--unit", "1101", "--metric", "revenue", "--period", "1900Q1", "--comment", "x"],
    [*COMMENT, "--comment", ESC],
    [*COMMENT, "--comment", "\udcff"],
    [*COMMENT, "--comment", "x" * 100_000],
    [*COMMENT],
    [*COMMENT, "--comment-file", "{tmp}"],
    [*COMMENT, "--comment-file", "{tmp}/missing.txt"],
    [*COMMENT, "--comment-file", "/dev/null"],
    [*COMMENT, "--comment-file", "-"],
    [*COMMENT, "--comment-file", "-", "--measures-file", "-"],
    [*COMMENT, "--comment", "x", "--comment-file", "-"],
    ["comment", "list", "--period", "abc"],
    ["comment", "list", "--period", "1900Q1", "--json"],
    ["comment", "list"],
    ["comment", "history", "--unit", ESC, "--metric", "x", "--period", "2023Q2"],
    ["comment", "history", "--unit", "1101", "--metric", "revenue", "--period", "\x00", "--json"],
    ["comment"],
    ["no-such-command"],
    [],
]


def run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's usage errors
        return int(exc.code or 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("odd") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_TEST_FAST_HASH", "1")
        assert main(["demo", "--db", f"sqlite:///{path}"]) == 0
    return path


@pytest.mark.parametrize("argv", ODD, ids=lambda a: " ".join(a)[:60].encode("unicode_escape").decode())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_odd_arguments(
    argv: list[str], lang: str, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: object
) -> None:
    db = tmp_path / "db.sqlite"
    shutil.copy(demo, db)
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    pytest.MonkeyPatch.setattr(monkeypatch, "sys.stdin", io.StringIO(""))  # type: ignore[arg-type]
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if args and "--db" not in args:
        args += ["--db", f"sqlite:///{db}"]
    code = run([*args, "--lang", lang] if args and args[0] != "no-such-command" else args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "\x1b" not in out + err, "control characters reach the terminal"
    assert code in (0, 2), (code, err)
    if code == 2:
        message = err.strip().splitlines()[-1]
        assert message
        if args and args[0] != "no-such-command" and "Bad argument" not in message:
            assert bool(CJK.search(message)) == (lang == "zh") or "'" in message, message


def test_an_unexpected_error_is_an_internal_error_with_a_reference(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import dashboard.cli.status as status_cli
    import dashboard.errors as errors

    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("a programming error")

    log = tmp_path / "errors.log"
    monkeypatch.setattr(errors, "LOG_FILE", log)
    errors.log.handlers.clear()
    monkeypatch.setattr(status_cli, "load_model", broken)
    assert main(["status", "--year", "2023", "--db", f"sqlite:///{demo}", "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "ZeroDivisionError" not in err
    reference = re.search(r"reference ([0-9a-f]{8})", err)
    assert reference, err
    errors.log.handlers[0].flush()
    logged = log.read_text(encoding="utf-8")
    assert reference.group(1) in logged and "ZeroDivisionError: a programming error" in logged
    errors.log.handlers.clear()
