"""The role × action matrix through the pages: for every role (and nobody signed in), each page that writes
either shows its controls (the role may act) or refuses before showing any; and a control used after the
role was taken away refuses and stores nothing (the workflow function checks again)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.roles import Action, can
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from tests.app.conftest import ACCOUNTS, APP

PAGES = Path(APP).parent / "app_pages"
# page → (the action that opens it, the labels of its writing controls in Chinese)
WRITING_PAGES = {
    "upload": (Action.UPLOAD, []),  # plus the file uploader; "check" appears once a file is chosen
    "targets": (Action.SET_TARGETS, ["保存为新版本", "保存设置", "锁定", "解锁"]),
    # 停用 or 启用, whichever the picked (first, active) account can take: issue 10 shows only that one
    "accounts": (Action.MANAGE_ACCOUNTS, ["创建账号", "修改角色", "重设密码", "停用"]),
}


def run_page(page: str, role: str | None) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=60)
    at.session_state["lang"] = "zh"
    if role is not None:
        at.session_state["auth.username"] = ACCOUNTS[role]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


@pytest.mark.parametrize("role", ["executive", "finance", "admin", None])
@pytest.mark.parametrize("page", sorted(WRITING_PAGES))
def test_each_writing_page_shows_its_controls_only_to_roles_that_may(db_url: str, page: str, role: str | None) -> None:
    action, controls = WRITING_PAGES[page]
    at = run_page(page, role)
    if can(role, action):
        assert not at.error and set(controls) <= labels(at), labels(at)
        assert page != "upload" or at.get("file_uploader")
    else:
        assert not labels(at) and not at.get("file_uploader") and not at.title
        assert (at.error and "无权" in at.error[0].value) or (role is None and at.warning)


@pytest.mark.parametrize("role", ["finance", "admin"])  # the executive is refused the whole page (above)
def test_revert_is_offered_only_to_roles_that_may(app: Callable[..., AppTest], role: str) -> None:
    at = app(role, page="app_pages/upload.py")
    assert ("恢复" in labels(at)) == can(role, Action.REVERT), labels(at)


def test_a_control_used_after_the_role_was_taken_away_refuses(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/targets.py")
    engine = open_database(db_url)
    with engine.begin() as conn:  # another admin demotes this one while the form is open
        conn.exec_driver_sql("UPDATE users SET role = 'executive' WHERE username = 'admin'")
    with engine.connect() as conn:
        before = len(queries.target_rows(conn))
        locks_before = queries.locks(conn)
    at.text_input(key="targets.amount").input("400")
    at.text_input(key="targets.reason").input("should not be stored")
    next(b for b in at.button if b.label == "保存为新版本").click().run()
    assert not at.exception and not at.success  # the menu drops the page, or the page refuses
    assert any("无权" in e.value for e in at.error) or "保存为新版本" not in labels(at)
    with engine.connect() as conn:
        assert len(queries.target_rows(conn)) == before and queries.locks(conn) == locks_before
    engine.dispose()


def test_a_busy_database_is_a_try_again_message_on_the_page(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.storage.engine import DatabaseBusy
    from dashboard.ui import targets

    def busy(*args: object) -> bool:
        raise DatabaseBusy("held")

    monkeypatch.setattr(targets, "lock_period", busy)
    at = app("admin", page="app_pages/targets.py")
    at.text_input(key="locks.reason").input("已结账")
    next(b for b in at.button if b.label == "锁定").click().run()
    assert not at.exception and any("数据库正忙" in w.value and "再试" in w.value for w in at.warning)
    assert not any("无法打开数据库" in e.value for e in at.error)
