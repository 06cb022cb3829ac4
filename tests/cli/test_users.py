"""``users``: accounts from the command line, on SQLite and PostgreSQL; bad input exits 2 with a message."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from dashboard.auth.accounts import authenticate
from dashboard.cli import main
from dashboard.storage.engine import open_database
from dashboard.storage.tables import audit_log

PASSWORD = "Lanterns-on-the-river-7"


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the person types at each getpass prompt (and the prompts shown, afterwards)."""
    answers: list[str] = []
    shown: list[str] = []

    def fake(prompt: str = "") -> str:
        shown.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", fake)
    yield answers
    assert not answers, "not every answer was asked for"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_first_admin_and_accounts(
    db_url: str, prompts: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "users", "list", "--db", db_url, "--lang", "en")
    assert code == 0 and "users add admin --role admin" in out
    prompts.extend([PASSWORD, PASSWORD])
    code, out, _ = run(capsys, "users", "add", "Admin", "--role", "admin", "--db", db_url, "--lang", "en")
    assert code == 0 and out.strip() == "Created the account admin (Administrator)."
    stdin(monkeypatch, "Another-good-passphrase\n")
    code, out, _ = run(
        capsys,
        *("users", "add", "li.na", "--role", "finance", "--display-name", "李娜", "--email", "Li.Na@Corp.Example"),
        *("--password-stdin", "--user", "admin", "--db", db_url),
    )
    assert code == 0 and out.strip() == "已创建账号 li.na（财务）。"
    code, out, _ = run(
        capsys, "users", "add", "zhao@corp.example", "--role", "executive", "--no-password", "--db", db_url
    )
    assert code == 0 and "只能通过统一身份认证登录" in out
    engine = open_database(db_url)
    assert authenticate(engine, "ADMIN", PASSWORD) is not None
    assert authenticate(engine, "li.na", "Another-good-passphrase") is not None
    code, out, _ = run(capsys, "users", "list", "--db", db_url, "--lang", "zh")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4 and lines[0].startswith("用户名")
    assert lines[1].split()[:3] == ["admin", "管理员", "启用"]
    assert "李娜" in lines[2] and "密码+统一认证" in lines[2] and "li.na@corp.example" in lines[2]
    assert "从未登录" in lines[3] and "密码" not in lines[3]
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.actor, audit_log.c.details).order_by(audit_log.c.id)).all()
    assert rows[1].actor == "admin" and json.loads(rows[1].details)["role"] == "finance"
    engine.dispose()


def test_password_role_disable_enable(
    db_url: str, prompts: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, role in (("admin", "admin"), ("li.na", "finance")):
        stdin(monkeypatch, PASSWORD + "\r\n")
        assert run(capsys, "users", "add", name, "--role", role, "--password-stdin", "--db", db_url)[0] == 0
    prompts.extend(["A-new-password-for-Q3", "A-new-password-for-Q3"])
    code, out, _ = run(capsys, "users", "password", "LI.NA", "--db", db_url, "--lang", "en")
    assert code == 0 and out.strip() == "Changed the password of li.na."
    code, out, _ = run(capsys, "users", "role", "li.na", "executive", "--db", db_url, "--lang", "en")
    assert code == 0 and out.strip() == "li.na is now Executive."
    code, out, _ = run(capsys, "users", "disable", "li.na", "--db", db_url)
    assert code == 0 and "已停用账号 li.na" in out
    engine = open_database(db_url)
    assert authenticate(engine, "li.na", "A-new-password-for-Q3") is None
    code, out, _ = run(capsys, "users", "enable", "li.na", "--db", db_url, "--lang", "en")
    assert code == 0 and out.strip() == "Enabled li.na."
    signed = authenticate(engine, "li.na", "A-new-password-for-Q3")
    assert signed is not None and signed.role == "executive"
    engine.dispose()
    code, out, _ = run(capsys, "users", "list", "--db", db_url, "--lang", "en")
    assert "never" in out.splitlines()[1] and "never" not in out.splitlines()[2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "x", "--role", "admin", "--no-password"), "不符合要求"),
        (
            ("add", "wang", "--role", "boss", "--no-password"),
            "没有“boss”这个角色，可选：executive, unit_finance, finance, admin",
        ),
        (("add", "wang", "--role", "finance", "--no-password"), "将无法登录"),
        (("add", "wang", "--role", "finance", "--email", "wang@", "--no-password"), "格式不正确"),
        (("add", "ADMIN", "--role", "finance", "--no-password"), "用户名 admin 已存在"),
        (("role", "ghost", "admin"), "账号 ghost 不存在"),
        (("password", "ghost"), "账号 ghost 不存在"),
        (("disable", "admin"), "至少要保留一个启用的管理员账号"),
        (("role", "admin", "finance"), "至少要保留一个启用的管理员账号"),
    ],
)
def test_bad_input_exits_2(
    sqlite_url: str,
    prompts: list[str],
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    code, _, err = run(capsys, "users", *args, "--db", sqlite_url, "--lang", "zh")
    assert code == 2 and message in err, err


@pytest.mark.parametrize(
    ("typed", "stdin_text", "message"),
    [
        ([PASSWORD, PASSWORD + "x"], None, "The two passwords differ"),
        ([], None, "No password was read"),  # Ctrl+D at the prompt
        (["", ""], None, "No password was read"),
        (["short", "short"], None, "at least 10 characters"),
        (["1234567890123", "1234567890123"], None, "digits only"),
        ([], "", "No password was read"),
        ([], "\n", "No password was read"),
        ([], "wang-wang-wang\n", "must not contain the username"),
    ],
)
def test_bad_passwords_store_nothing(
    sqlite_url: str,
    prompts: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: list[str],
    stdin_text: str | None,
    message: str,
) -> None:
    prompts.extend(typed)
    extra = ("--password-stdin",) if stdin_text is not None else ()
    if stdin_text is not None:
        stdin(monkeypatch, stdin_text)
    code, _, err = run(capsys, "users", "add", "wang", "--role", "finance", *extra, "--db", sqlite_url, "--lang", "en")
    assert code == 2 and message in err, err
    code, out, _ = run(capsys, "users", "list", "--db", sqlite_url, "--lang", "en")
    assert "wang" not in out


@pytest.fixture
def sqlite_url(tmp_path: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with one admin."""
    url = f"sqlite:///{tmp_path}/users.db"
    stdin(monkeypatch, PASSWORD + "\n")
    assert main(["users", "add", "admin", "--role", "admin", "--password-stdin", "--db", url]) == 0
    capsys.readouterr()
    return url
