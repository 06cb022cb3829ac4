"""The admin's pages: targets with a reason and their history, the status settings, period locks, accounts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from streamlit.testing.v1 import AppTest

from dashboard.auth.accounts import get_account
from dashboard.domain import Period
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from dashboard.storage.rows import TargetVersionRow
from tests.app.conftest import PASSWORD


def press(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def target_versions(url: str, unit: str, metric: str) -> list[TargetVersionRow]:
    with open_database(url).connect() as conn:
        return [r for r in queries.target_rows(conn, 2023) if r.unit_code == unit and r.metric == metric]


def test_admin_sets_a_unit_target_in_wan_yuan_with_a_reason(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/targets.py")
    assert at.selectbox(key="targets.year").value == 2023
    at.selectbox(key="targets.scope").set_value("1106")
    at.selectbox(key="targets.scale").set_value("wan")
    at.text_input(key="targets.amount").input("360,000")
    press(at, "保存为新版本")
    assert at.error[0].value.startswith("请填写原因") and len(target_versions(db_url, "1106", "revenue")) == 1
    at.text_input(key="targets.reason").input("年中调整：订单推迟")
    press(at, "保存为新版本")
    versions = target_versions(db_url, "1106", "revenue")
    assert at.success[0].value == "已保存为第 2 版。" and versions[-1].amount == Decimal("3600000000")
    assert versions[-1].reason == "年中调整：订单推迟" and versions[-1].set_by == "admin"


def test_a_bad_amount_is_refused_with_a_message(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", "en", page="app_pages/targets.py")
    at.text_input(key="targets.amount").input("38bn")
    at.text_input(key="targets.reason").input("typo")
    press(at, "Save as a new version")
    assert "Unrecognised amount '38bn'" in at.error[0].value
    assert len(target_versions(db_url, "", "revenue")) == 1


def test_admin_changes_the_colour_meaning_and_the_overview_follows(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/targets.py")
    at.selectbox(key="settings.STATUS_COLOURS").set_value("red-good")
    press(at, "保存设置")
    assert at.success[0].value.startswith("设置已保存")
    with open_database(db_url).connect() as conn:
        assert queries.stored_settings(conn)["STATUS_COLOURS"] == "red-good"
    at.switch_page("app_pages/overview.py").run()
    units = at.dataframe[0].value
    behind = units[units["状态"].str.contains("红灯")].iloc[0]["状态"]
    assert behind.startswith("🟢")  # red-good: "behind" is drawn green, always with its word


def test_admin_changes_the_red_threshold_and_status_agrees(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/targets.py")
    at.text_input(key="settings.STATUS_RED_GAP").input("abc")
    press(at, "保存设置")
    assert at.error and "abc" in at.error[0].value
    at.text_input(key="settings.STATUS_RED_GAP").input("0.02")
    press(at, "保存设置")
    with open_database(db_url).connect() as conn:
        assert queries.stored_settings(conn)["STATUS_RED_GAP"] == "0.02"


def test_admin_locks_and_unlocks_a_period(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/targets.py")
    at.selectbox(key="locks.period").set_value(Period(2023, 4))
    at.text_input(key="locks.reason").input("年报已审计")
    press(at, "锁定")
    assert at.success[0].value == "已锁定 2023Q4。"
    with open_database(db_url).connect() as conn:
        assert Period(2023, 4) in queries.locks(conn)
    press(at, "解锁")
    with open_database(db_url).connect() as conn:
        assert Period(2023, 4) not in queries.locks(conn)


def test_admin_creates_an_account_and_changes_its_role(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/accounts.py")
    at.text_input(key="accounts.new_username").input("li.na")
    at.text_input(key="accounts.new_display").input("李娜")
    at.selectbox(key="accounts.new_role").set_value("finance")
    at.text_input(key="accounts.new_password").input(PASSWORD)
    at.text_input(key="accounts.new_again").input(PASSWORD)
    press(at, "创建账号")
    assert at.success[0].value == "已创建账号 li.na。"
    assert "li.na" in list(at.dataframe[0].value["用户名"])
    at.selectbox(key="accounts.pick").set_value("li.na")
    at.selectbox(key="accounts.role").set_value("executive")
    press(at, "修改角色")
    account = get_account(open_database(db_url).connect(), "li.na")
    assert account is not None and account.role == "executive"


def test_the_last_admin_cannot_be_demoted(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/accounts.py")
    at.selectbox(key="accounts.pick").set_value("admin")
    at.selectbox(key="accounts.role").set_value("finance")
    press(at, "修改角色")
    assert at.error
    account = get_account(open_database(db_url).connect(), "admin")
    assert account is not None and account.role == "admin"


def test_a_weak_password_is_refused(app: Callable[..., AppTest]) -> None:
    at = app("admin", page="app_pages/accounts.py")
    at.text_input(key="accounts.new_username").input("wang")
    at.text_input(key="accounts.new_password").input("12345")
    at.text_input(key="accounts.new_again").input("12345")
    press(at, "创建账号")
    assert at.error and not at.success
