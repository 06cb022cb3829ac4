"""Throttling of sign-in and setup-code guesses on SQLite and PostgreSQL: refused before hashing, per account
and per client, with doubling delays; unknown and known usernames alike; audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from dashboard.auth import accounts, passwords, setup_code, throttle
from dashboard.auth.accounts import Throttled, authenticate, create_user, set_password, unlock_account
from dashboard.auth.roles import Actor
from dashboard.auth.setup_code import attempt_setup_code, first_run_code
from dashboard.storage import queries
from dashboard.storage.engine import writing
from dashboard.storage.tables import audit_log

ADMIN = Actor("admin", "admin")

PASSWORD = "Lanterns-on-the-river-7"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every password checked against a hash (real or dummy), in order."""
    seen: list[str] = []
    real = passwords.verify_password

    def counting(password_hash: str | None, password: str) -> bool:
        seen.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(accounts, "verify_password", counting)
    yield seen


def actions(engine: Engine) -> list[tuple[str, str, dict[str, Any]]]:
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log).order_by(audit_log.c.id)).mappings().all()
    return [(r["actor"], r["action"], json.loads(r["details"])) for r in rows]


def refused_for(engine: Engine, username: str, password: str, client: str = "10.0.0.1") -> int | None:
    """The wait in seconds when the attempt is refused, else None."""
    try:
        authenticate(engine, username, password, client)
    except Throttled as exc:
        return exc.seconds
    return None


def test_five_failures_lock_the_account_before_any_hash(engine: Engine, hashes: list[str]) -> None:
    create_user(engine, "li.na", "", "finance", PASSWORD, None, ADMIN)
    for n in range(5):
        assert refused_for(engine, "li.na", f"wrong-{n}") is None
    assert len(hashes) == 5
    wait = refused_for(engine, "LI.NA", PASSWORD)  # even the right password, from any case of the name
    assert wait is not None and 55 <= wait <= 60
    assert len(hashes) == 5  # refused without hashing
    assert refused_for(engine, "li.na", PASSWORD, client="10.0.0.2") is not None  # the account, from anywhere
    log = actions(engine)
    assert [a for _, a, _ in log].count("sign_in_failed") == 5
    assert ("li.na", "lockout", {"key": "account:li.na", "client": "10.0.0.1", "seconds": 60}) in log
    assert log[-1][1] == "sign_in_refused" and log[-1][2]["wait_seconds"] == wait


def test_unknown_users_are_treated_like_known_ones(engine: Engine, hashes: list[str]) -> None:
    create_user(engine, "li.na", "", "finance", PASSWORD, None, ADMIN)
    known = [refused_for(engine, "li.na", "wrong", client=f"10.0.1.{n}") for n in range(6)]
    unknown = [refused_for(engine, "nobody", "wrong", client=f"10.0.2.{n}") for n in range(6)]
    assert known[:5] == unknown[:5] == [None] * 5
    assert known[5] is not None and unknown[5] is not None and abs(known[5] - unknown[5]) <= 1
    assert len(hashes) == 10  # one check per admitted attempt, known or not


def test_a_client_is_limited_across_accounts(engine: Engine) -> None:
    for n in range(10):
        assert refused_for(engine, f"user{n}", "wrong", client="192.0.2.9") is None
    assert refused_for(engine, "user-new", "wrong", client="192.0.2.9") is not None
    assert refused_for(engine, "user-new", "wrong", client="192.0.2.10") is None  # another client goes on


def test_success_clears_the_account(engine: Engine) -> None:
    create_user(engine, "li.na", "", "finance", PASSWORD, None, ADMIN)
    for _ in range(4):
        authenticate(engine, "li.na", "wrong", "10.0.0.1")
    assert authenticate(engine, "li.na", PASSWORD, "10.0.0.1") is not None
    for _ in range(4):  # a fresh count: four more failures do not lock
        authenticate(engine, "li.na", "wrong", "10.0.0.1")
    assert authenticate(engine, "li.na", PASSWORD, "10.0.0.1") is not None


def test_delays_double_and_a_window_forgets(engine: Engine) -> None:
    keys = {"account:x": throttle.ACCOUNT}

    def attempts(at: datetime, n: int) -> list[throttle.Admission]:
        with writing(engine) as conn:
            return [throttle.admit(conn, keys, at) for _ in range(n)]

    first = attempts(T0, 6)
    assert [a.allowed for a in first] == [True] * 5 + [False] and first[4].locked == (("account:x", 60),)
    assert first[5].wait_seconds == 60
    second = attempts(T0 + timedelta(seconds=61), 6)
    assert second[4].locked == (("account:x", 120),) and second[5].wait_seconds == 120
    third = attempts(T0 + timedelta(seconds=61 + 121), 5)
    assert third[4].locked == (("account:x", 240),)
    # four failures, then the window (15 minutes) passes: the count starts again
    later = T0 + timedelta(hours=2)
    attempts(later, 4)
    assert all(a.allowed and not a.locked for a in attempts(later + timedelta(minutes=16), 4))
    # a day later the lock count is forgotten too: the next lock is 1 minute again
    much_later = later + timedelta(days=2)
    assert attempts(much_later, 5)[4].locked == (("account:x", 60),)


def test_at_most_a_handful_of_guesses_a_minute_and_few_an_hour(engine: Engine) -> None:
    keys = throttle.sign_in_keys("li.na", "10.0.0.1")
    admitted_per_minute = []
    with writing(engine) as conn:
        for minute in range(60):
            at = T0 + timedelta(minutes=minute)
            admitted_per_minute.append(sum(throttle.admit(conn, keys, at).allowed for _ in range(100)))
    assert max(admitted_per_minute) <= 5
    assert sum(admitted_per_minute) <= 30


def test_admin_unlock_and_password_reset_lift_the_lock(engine: Engine) -> None:
    create_user(engine, "admin", "", "admin", PASSWORD, None, ADMIN)
    create_user(engine, "li.na", "", "finance", PASSWORD, None, ADMIN)
    for _ in range(5):
        authenticate(engine, "li.na", "wrong", "10.0.0.1")
    assert refused_for(engine, "li.na", PASSWORD, "10.0.0.3") is not None
    assert unlock_account(engine, "li.na", ADMIN) is True
    assert refused_for(engine, "li.na", PASSWORD, "10.0.0.3") is None
    assert unlock_account(engine, "li.na", ADMIN) is False  # nothing left to lift
    for _ in range(5):
        authenticate(engine, "li.na", "wrong", "10.0.0.4")
    set_password(engine, "li.na", "A-new-password-for-Q3", ADMIN)
    assert authenticate(engine, "li.na", "A-new-password-for-Q3", "10.0.0.5") is not None
    assert ("admin", "account_unlock", {"username": "li.na", "had_failures": True}) in actions(engine)


def test_odd_usernames_and_clients_are_counted_not_crashed(engine: Engine) -> None:
    for name in ("\x00root", "名字", "x" * 5000, ""):
        assert refused_for(engine, name, "wrong", client="\x1b[31m" + "9" * 500) is None
    log = actions(engine)
    assert all(len(actor) <= 100 and actor.isprintable() for actor, _, _ in log)


def test_sign_ins_do_not_change_the_data_version(engine: Engine) -> None:
    create_user(engine, "li.na", "", "finance", PASSWORD, None, ADMIN)
    with engine.connect() as conn:
        before = queries.data_version(conn)
    for password in ("wrong", "wrong", PASSWORD):
        authenticate(engine, "li.na", password, "10.0.0.1")
    unlock_account(engine, "li.na", ADMIN)
    with engine.connect() as conn:
        assert queries.data_version(conn) == before


@pytest.fixture
def fresh_code() -> Iterator[str]:
    setup_code.reset_for_tests()
    yield first_run_code()
    setup_code.reset_for_tests()


def test_setup_code_is_throttled_per_client_and_for_everyone(engine: Engine, fresh_code: str) -> None:
    for n in range(5):
        assert attempt_setup_code(engine, f"0000-000{n}", "10.0.0.1") is False
    with pytest.raises(Throttled):
        attempt_setup_code(engine, fresh_code, "10.0.0.1")  # even the right code, once locked
    for n in range(15):  # other addresses: 20 wrong codes in all lock everyone
        assert attempt_setup_code(engine, "0000-0000", f"10.0.3.{n}") is False
    with pytest.raises(Throttled) as caught:
        attempt_setup_code(engine, fresh_code, "10.0.9.9")
    assert caught.value.seconds > 0
    kinds = [a for _, a, _ in actions(engine)]
    assert kinds.count("setup_code") == 20 and kinds.count("setup_code_refused") == 2 and "lockout" in kinds


def test_right_setup_code_is_accepted_and_audited(engine: Engine, fresh_code: str) -> None:
    assert attempt_setup_code(engine, "0000-0000", "10.0.0.1") is False
    assert attempt_setup_code(engine, fresh_code.upper(), "10.0.0.1") is True
    log = actions(engine)
    assert [d["right"] for _, a, d in log if a == "setup_code"] == [False, True]


def test_the_command_unlocks_an_account(engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from dashboard.cli import main

    create_user(engine, "admin", "", "admin", PASSWORD, None, ADMIN)
    create_user(engine, "li.na", "", "finance", PASSWORD, None, ADMIN)
    for _ in range(5):
        authenticate(engine, "li.na", "wrong", "10.0.0.1")
    assert main(["--db", db_url, "--lang", "en", "users", "unlock", "LI.NA", "--user", "li.na"]) == 2  # not an admin
    assert main(["--db", db_url, "--lang", "en", "users", "unlock", "LI.NA", "--user", "admin"]) == 0
    assert "Lifted the lock of li.na" in capsys.readouterr().out
    assert authenticate(engine, "li.na", PASSWORD, "10.0.0.1") is not None
    assert main(["--db", db_url, "--lang", "en", "users", "unlock", "li.na"]) == 0
    assert "no failed sign-ins" in capsys.readouterr().out
    assert main(["--db", db_url, "--lang", "en", "users", "unlock", "nobody"]) == 2


def test_simultaneous_guesses_are_counted_exactly_and_the_chain_does_not_fork(engine: Engine) -> None:
    import threading

    from dashboard.storage.audit_chain import verify

    create_user(engine, "li.na", "", "finance", PASSWORD, None, ADMIN)
    outcomes: list[int | None] = []
    lock = threading.Lock()

    def guess(n: int) -> None:
        wait = refused_for(engine, "li.na", f"wrong-{n}", client=f"10.0.4.{n}")
        with lock:
            outcomes.append(wait)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(None) == 5  # exactly the account's five tries were admitted
    with engine.connect() as conn:
        verdict = verify(conn)
    assert verdict.broken is None and verdict.entries == 1 + 5 + 1 + 7  # create, failures, lockout, refusals


def test_a_reset_password_must_not_be_built_from_the_display_name(engine: Engine) -> None:
    create_user(engine, "qz", "Qorvath Zelmund", "finance", PASSWORD, None, ADMIN)
    with pytest.raises(accounts.AccountError) as refused:
        set_password(engine, "qz", "qorvathzelmund-7", ADMIN)
    assert refused.value.code == "password.personal"
