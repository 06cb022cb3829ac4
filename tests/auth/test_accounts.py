"""Accounts on SQLite and PostgreSQL: sign-in, OpenID Connect matching, the admin's changes, the audit log."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine, select

from dashboard.auth import accounts
from dashboard.auth.accounts import AccountError, authenticate, create_user, set_active, set_password, set_role
from dashboard.auth.roles import Actor
from dashboard.storage import queries
from dashboard.storage.tables import audit_log

PASSWORD = "Lanterns-on-the-river-7"


def add(engine: Engine, name: str, role: str = "finance", **kwargs: Any) -> accounts.Account:
    password = kwargs.pop("password", PASSWORD)
    return create_user(
        engine, name, kwargs.pop("display_name", ""), role, password, kwargs.pop("email", None), Actor("t", "admin")
    )


def code_of(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(AccountError) as caught:
        call(*args, **kwargs)
    return caught.value.code


def audit_rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log).order_by(audit_log.c.id)).mappings().all()
    return [{"actor": r["actor"], "action": r["action"], **json.loads(r["details"])} for r in rows]


def test_create_and_sign_in(engine: Engine) -> None:
    with engine.connect() as conn:
        assert not accounts.has_users(conn)
    created = add(engine, "  Zhang.Wei ", display_name=" 张伟 ", email="Zhang.Wei@Corp.Example")
    assert created.username == "zhang.wei" and created.display_name == "张伟" and created.name == "张伟"
    assert created.email == "zhang.wei@corp.example" and created.has_password and created.active
    assert created.last_login_at is None
    signed = authenticate(engine, "ZHANG.WEI", PASSWORD)
    assert signed is not None and signed.username == "zhang.wei" and signed.role == "finance"
    assert signed.last_login_at is not None and signed.last_login_at.tzinfo is not None
    with engine.connect() as conn:
        assert accounts.has_users(conn)
        assert [a.username for a in accounts.list_accounts(conn)] == ["zhang.wei"]
        assert accounts.get_account(conn, "Zhang.Wei") == signed
        assert accounts.get_account(conn, "nobody") is None


def test_wrong_unknown_and_disabled_are_refused(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    add(engine, "li.na")
    add(engine, "admin", "admin")
    assert authenticate(engine, "li.na", PASSWORD + "x") is None
    assert authenticate(engine, "li.na", "") is None
    checked: list[str | None] = []
    real = accounts.verify_password
    monkeypatch.setattr(accounts, "verify_password", lambda h, p: checked.append(h) or real(h, p))
    assert authenticate(engine, "nobody", PASSWORD) is None
    assert len(checked) == 1 and checked[0] == accounts.dummy_hash()  # as slow as a real check
    set_active(engine, "li.na", False, Actor("admin", "admin"))
    assert authenticate(engine, "li.na", PASSWORD) is None
    set_active(engine, "li.na", True, Actor("admin", "admin"))
    assert authenticate(engine, "li.na", PASSWORD) is not None


def test_an_old_hash_is_replaced_at_sign_in(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    add(engine, "li.na")
    with engine.connect() as conn:
        before = queries.user_row(conn, "li.na")
    monkeypatch.delenv("DASHBOARD_TEST_FAST_HASH")
    assert authenticate(engine, "li.na", PASSWORD) is not None
    with engine.connect() as conn:
        after = queries.user_row(conn, "li.na")
    assert before is not None and after is not None and after.password_hash is not None
    assert after.password_hash != before.password_hash and "m=65536,t=3,p=4" in after.password_hash


def test_bad_input_codes(engine: Engine) -> None:
    add(engine, "li.na", email="li.na@corp.example")
    assert code_of(add, engine, "x") == "account.bad_username"
    assert code_of(add, engine, "张伟") == "account.bad_username"
    assert code_of(add, engine, "wang fang") == "account.bad_username"
    assert code_of(add, engine, "wang", "boss") == "account.unknown_role"
    assert code_of(add, engine, "LI.NA") == "account.duplicate"
    assert code_of(add, engine, "wang", "finance", email="LI.NA@corp.example") == "account.duplicate_email"
    assert code_of(add, engine, "wang", "finance", email="not-an-email") == "account.bad_email"
    assert code_of(add, engine, "wang", "finance", password="short") == "password.too_short"
    assert code_of(add, engine, "wang.fang", "finance", password="wang.fang-2023") == "password.contains_username"
    assert code_of(add, engine, "wang", "finance", password=None) == "account.no_sign_in"
    assert code_of(add, engine, "wang", "finance", display_name="名" * 201) == "account.bad_display_name"
    assert code_of(set_role, engine, "ghost", "admin", Actor("t", "admin")) == "account.unknown"
    with engine.connect() as conn:
        assert [a.username for a in accounts.list_accounts(conn)] == ["li.na"]


def test_single_sign_on_accounts(engine: Engine) -> None:
    by_email = add(engine, "zhao.lei", "executive", password=None, email="Zhao.Lei@Corp.Example")
    by_name = add(engine, "sun.li@corp.example", "finance", password=None)
    assert not by_email.has_password and not by_name.has_password
    assert authenticate(engine, "zhao.lei", "") is None
    with engine.connect() as conn:
        found = accounts.account_for_email(conn, " ZHAO.LEI@corp.example ")
        assert found is not None and found.username == "zhao.lei" and found.role == "executive"
        found = accounts.account_for_email(conn, "Sun.Li@Corp.Example")
        assert found is not None and found.username == "sun.li@corp.example"
        assert accounts.account_for_email(conn, "stranger@corp.example") is None
        assert accounts.account_for_email(conn, "") is None
    set_active(engine, "zhao.lei", False, Actor("t", "admin"))
    with engine.connect() as conn:
        assert accounts.account_for_email(conn, "zhao.lei@corp.example") is None
    accounts.note_sign_in(engine, "Sun.Li@corp.example")
    with engine.connect() as conn:
        assert accounts.get_account(conn, "sun.li@corp.example").last_login_at is not None  # type: ignore[union-attr]


def test_the_last_active_admin_stays(engine: Engine) -> None:
    add(engine, "admin", "admin")
    add(engine, "li.na")
    assert code_of(set_role, engine, "admin", "finance", Actor("t", "admin")) == "account.last_admin"
    assert code_of(set_active, engine, "admin", False, Actor("t", "admin")) == "account.last_admin"
    set_role(engine, "li.na", "admin", Actor("admin", "admin"))
    set_active(engine, "li.na", False, Actor("admin", "admin"))  # another admin remains active
    assert (
        code_of(set_role, engine, "admin", "executive", Actor("t", "admin")) == "account.last_admin"
    )  # li.na is disabled
    set_active(engine, "li.na", True, Actor("admin", "admin"))
    assert set_role(engine, "admin", "executive", Actor("li.na", "admin")).role == "executive"
    assert code_of(set_active, engine, "li.na", False, Actor("t", "admin")) == "account.last_admin"
    with engine.connect() as conn:
        roles = {a.username: (a.role, a.active) for a in accounts.list_accounts(conn)}
    assert roles == {"admin": ("executive", True), "li.na": ("admin", True)}


def test_passwords_and_profiles(engine: Engine) -> None:
    add(engine, "admin", "admin")
    add(engine, "li.na", email="li.na@corp.example")
    add(engine, "wang")
    set_password(engine, "LI.NA", "A-new-password-for-Q3", Actor("admin", "admin"))
    assert authenticate(engine, "li.na", PASSWORD) is None
    assert authenticate(engine, "li.na", "A-new-password-for-Q3") is not None
    assert code_of(set_password, engine, "li.na", "1234567890", Actor("admin", "admin")) == "password.digits_only"
    assert not set_password(engine, "li.na", None, Actor("admin", "admin")).has_password  # single sign-on only
    assert code_of(set_password, engine, "wang", None, Actor("admin", "admin")) == "account.no_sign_in"
    changed = accounts.update_profile(engine, "wang", "王芳", " Wang.Fang@Corp.Example ", Actor("admin", "admin"))
    assert (changed.display_name, changed.email) == ("王芳", "wang.fang@corp.example")
    assert (
        code_of(accounts.update_profile, engine, "wang", "王芳", "LI.NA@corp.example", Actor("t", "admin"))
        == "account.duplicate_email"
    )
    assert code_of(accounts.update_profile, engine, "li.na", "李娜", "", Actor("t", "admin")) == "account.no_sign_in"
    assert (
        accounts.update_profile(engine, "wang", "王芳", None, Actor("admin", "admin")).email is None
    )  # has a password


def test_changes_are_audited_without_secrets(engine: Engine) -> None:
    add(engine, "admin", "admin", email="admin@corp.example")
    add(engine, "li.na")
    authenticate(engine, "li.na", PASSWORD)
    set_role(engine, "li.na", "executive", Actor("admin", "admin"))
    set_role(engine, "li.na", "executive", Actor("admin", "admin"))  # no change, no row
    set_password(engine, "li.na", "Another-good-passphrase", Actor("admin", "admin"))
    accounts.update_profile(engine, "li.na", "李娜", None, Actor("admin", "admin"))
    rows = audit_rows(engine)
    actions = ["user_create", "user_create", "sign_in", "user_update", "user_password", "user_update"]
    assert [r["action"] for r in rows] == actions
    assert rows[2] == {"actor": "li.na", "action": "sign_in", "client": "", "via": "password"}
    del rows[2]
    assert rows[0] == {
        "actor": "t",
        "action": "user_create",
        "username": "admin",
        "display_name": "",
        "email": "admin@corp.example",
        "role": "admin",
        "password": True,
    }
    assert rows[2]["changes"] == {"role": ["finance", "executive"]} and rows[2]["actor"] == "admin"
    assert rows[3] == {"actor": "admin", "action": "user_password", "username": "li.na", "removed": False}
    assert rows[4]["changes"] == {"display_name": ["", "李娜"]}
    with engine.connect() as conn:
        text = " ".join(conn.execute(select(audit_log.c.details)).scalars())
    for secret in (PASSWORD, "Another-good-passphrase", "$argon2", "password_hash"):
        assert secret not in text


def test_a_new_password_must_not_be_built_from_the_display_name_or_email(engine: Engine) -> None:
    assert code_of(add, engine, "cy", display_name="Chao Yang", password="chaoyang-caiwu") == "password.personal"
    assert code_of(add, engine, "cy2", email="chaoyang@corp.example", password="chaoyang-caiwu") == "password.personal"
    assert add(engine, "cy3", password="chaoyang-caiwu").username == "cy3"  # nothing personal about it for cy3
