"""The admin's pages: targets with a reason and their history, the status settings, period locks, accounts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from streamlit.testing.v1 import AppTest

from dashboard.auth.accounts import Account, get_account
from dashboard.domain import Period
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from dashboard.storage.rows import TargetVersionRow
from dashboard.ui.widgets import plain
from tests.app.conftest import PASSWORD


def press(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def current(url: str, username: str) -> Account:
    with open_database(url).connect() as conn:
        found = get_account(conn, username)
    assert found is not None
    return found


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
    """The threshold is typed as the page labels it, in percentage points (2 for 2 个百分点; issue 10 changed
    this from the fraction 0.02), and an error names the field as the page does, not STATUS_RED_GAP."""
    at = app("admin", page="app_pages/targets.py")
    field = at.text_input(key="settings.STATUS_RED_GAP")
    assert field.value == "10" and "个百分点" in field.label
    field.input("abc")
    press(at, "保存设置")
    assert at.error and "abc" in at.error[0].value and "红灯阈值" in at.error[0].value
    assert "STATUS_RED_GAP" not in at.error[0].value
    at.text_input(key="settings.STATUS_RED_GAP").input("2")
    press(at, "保存设置")
    with open_database(db_url).connect() as conn:
        assert queries.stored_settings(conn)["STATUS_RED_GAP"] == "0.02"
    assert at.text_input(key="settings.STATUS_RED_GAP").value == "2"  # shown back the same way


def test_a_growth_floor_is_typed_in_percent(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/targets.py")
    assert "%" in at.text_input(key="targets.growth").label
    at.text_input(key="targets.growth").input("6")
    at.text_input(key="targets.reason").input("增长下限上调")
    press(at, "保存为新版本")
    assert target_versions(db_url, "", "revenue")[-1].growth_floor == Decimal("0.06")
    assert "增长下限上调" in list(at.table[0].value["原因"])  # the targets table wraps: 原因 is shown whole


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
    assert plain("li.na") in list(at.table[0].value["用户名"])  # Markdown-escaped: the page shows li.na
    at.selectbox(key="accounts.pick").set_value("li.na").run()
    assert at.selectbox(key="accounts.role.li.na").value == "finance"  # the picked account's current role
    at.selectbox(key="accounts.role.li.na").set_value("executive")
    press(at, "修改角色")
    assert current(db_url, "li.na").role == "finance"
    assert "的角色从财务改为经营层" in at.warning[0].value
    press(at, "确认")
    account = get_account(open_database(db_url).connect(), "li.na")
    assert account is not None and account.role == "executive"


def test_the_form_shows_the_picked_accounts_role_and_asks_before_a_disable(
    app: Callable[..., AppTest], db_url: str
) -> None:
    at = app("admin", page="app_pages/accounts.py")
    at.selectbox(key="accounts.pick").set_value("finance").run()
    assert at.selectbox(key="accounts.role.finance").value == "finance"
    at.text_input(key="accounts.password").input(PASSWORD + "-2")
    press(at, "重设密码")
    assert at.success and current(db_url, "finance").role == "finance"
    press(at, "修改角色")  # the role shown is the current one: nothing to change, nothing demoted
    assert at.info and current(db_url, "finance").role == "finance"
    press(at, "停用")
    assert current(db_url, "finance").active
    press(at, "取消")
    assert current(db_url, "finance").active
    press(at, "停用")
    press(at, "确认")
    assert not current(db_url, "finance").active
    assert [b for b in at.button if b.label == "启用"]  # a disabled account offers Enable, not Disable


def test_the_last_admin_cannot_be_demoted(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/accounts.py")
    at.selectbox(key="accounts.pick").set_value("admin").run()
    at.selectbox(key="accounts.role.admin").set_value("finance")
    press(at, "修改角色")
    press(at, "确认")
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
