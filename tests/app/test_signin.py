"""Signing in with a password, the first run's administrator, and the company sign-in (st.login)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import setup_code, throttle
from dashboard.auth.accounts import create_user, set_active
from dashboard.auth.roles import Actor
from dashboard.storage.engine import open_database, writing
from tests.app.conftest import APP, PASSWORD, kpi_blocks


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="signin.username").input(username)
    at.text_input(key="signin.password").input(password)
    return at.button[0].click().run()


def test_right_password_signs_in_and_wrong_one_does_not(app: Callable[..., AppTest]) -> None:
    at = app(None)
    assert at.title[0].value == "集团年度经营目标看板" and not kpi_blocks(at)
    sign_in(at, "finance", "not-the-password")
    assert at.error[0].value == "用户名或密码不正确，或账号已停用。" and not kpi_blocks(at)
    sign_in(at, "FINANCE", PASSWORD)
    assert not at.exception and at.session_state["auth.username"] == "finance"
    assert at.title[0].value == "2023 年经营目标完成情况" and kpi_blocks(at)


def test_unknown_user_gets_the_same_message(app: Callable[..., AppTest]) -> None:
    at = sign_in(app(None), "nobody", PASSWORD)
    assert at.error[0].value == "用户名或密码不正确，或账号已停用。"


def test_a_guesser_is_told_to_wait_and_the_right_password_waits_too(app: Callable[..., AppTest]) -> None:
    at = app(None, lang="en")
    for n in range(5):
        sign_in(at, "finance", f"guess-{n}")
        assert at.error[0].value == "Wrong username or password, or the account is disabled."
    sign_in(at, "finance", PASSWORD)
    assert at.error[0].value.startswith("Too many attempts.") and "60 seconds" in at.error[0].value
    assert "auth.username" not in at.session_state
    for n in range(5):  # an unknown name: the same answers, in the same order
        sign_in(at, "nobody-here", f"guess-{n}")
        assert at.error[0].value == "Wrong username or password, or the account is disabled."
    sign_in(at, "nobody-here", "guess-6")
    assert at.error[0].value.startswith("Too many attempts.")


def test_a_disabled_account_is_signed_out_at_its_next_click(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("finance")
    assert kpi_blocks(at)
    set_active(open_database(db_url), "finance", False, Actor("admin", "admin"))
    at.run()
    assert not kpi_blocks(at) and "auth.username" not in at.session_state


def test_sign_out(app: Callable[..., AppTest]) -> None:
    at = app("admin")
    at.sidebar.button[0].click().run()
    assert "auth.username" not in at.session_state and at.text_input(key="signin.username")


def test_first_run_creates_the_administrator_with_the_setup_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path}/new.db")
    monkeypatch.setenv("DASHBOARD_LANG", "zh")
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    setup_code.reset_for_tests()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "首次使用" in at.info[0].value

    def fill(code: str) -> AppTest:
        at.text_input(key="signin.setup_code").input(code)
        at.text_input(key="signin.new_username").input("chief")
        at.text_input(key="signin.new_display").input("总会计师")
        at.text_input(key="signin.new_password").input(PASSWORD)
        at.text_input(key="signin.new_password_again").input(PASSWORD)
        return at.button[0].click().run()

    fill("0000-0000")
    assert at.error[0].value.startswith("安装码不正确")
    for _ in range(5):
        fill("0000-0000")
    assert at.error[0].value.startswith("安装码尝试次数过多")  # after five wrong codes: wait
    unlock = open_database(f"sqlite:///{tmp_path}/new.db")
    with writing(unlock) as conn:
        throttle.clear(conn, "setup:unknown")
    fill(setup_code.first_run_code())
    assert not at.exception and at.session_state["auth.username"] == "chief"
    assert "目标与设置" in [p["page_name"] for p in at._registered_pages.values()]


def test_company_sign_in_takes_the_role_from_our_database(
    app: Callable[..., AppTest], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_AUTH", "both")
    create_user(
        open_database(db_url),
        "zhang.wei@example.com",
        "张伟",
        "executive",
        None,
        "zhang.wei@example.com",
        Actor("t", "admin"),
    )
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"client_id": "x"}
    at.user = {"is_logged_in": True, "email": "Zhang.Wei@example.com", "name": "张伟"}
    at.run()
    assert not at.exception and at.session_state["auth.username"] == "zhang.wei@example.com"
    assert [p["page_name"] for p in at._registered_pages.values()] == ["经营总览", "单位详情", "历年趋势"]


def test_company_sign_in_of_a_stranger_is_told_whom_to_ask(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_AUTH", "oidc")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"client_id": "x"}
    at.user = {"is_logged_in": True, "email": "stranger@example.com"}
    at.run()
    assert not at.exception and "尚未在本看板开通" in at.warning[0].value
    assert not at.text_input  # no password form when only the company sign-in is configured
