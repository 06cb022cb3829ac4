"""Who may do what: the permission table of the brief, and the error a page shows."""

from __future__ import annotations

import pytest

from dashboard.auth.roles import PERMISSIONS, ROLES, Action, Forbidden, can, require
from dashboard.i18n import t

TABLE = {
    "executive": {Action.VIEW},
    "unit_finance": {Action.VIEW, Action.SUBMIT},
    "finance": {
        Action.VIEW,
        Action.SUBMIT,
        Action.UPLOAD,
        Action.REVIEW,
        Action.REVERT,
        Action.COMMENT,
        Action.ISSUE_REPORT,
    },
    "admin": set(Action),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_permission_table(role: str, action: Action) -> None:
    assert can(role, action) == (action in TABLE[role])


def test_every_role_has_permissions_and_nothing_else_does() -> None:
    assert set(PERMISSIONS) == set(ROLES)
    assert not any(can(role, Action.VIEW) for role in ("", None, "Admin", "root"))


def test_executive_and_finance_limits() -> None:
    assert not can("executive", Action.UPLOAD) and not can("executive", Action.SET_TARGETS)
    for action in (Action.SET_TARGETS, Action.SET_SETTINGS, Action.MANAGE_ACCOUNTS, Action.LOCK):
        assert not can("finance", action)


def test_require_raises_forbidden_with_a_code() -> None:
    require("finance", Action.UPLOAD)
    with pytest.raises(Forbidden) as caught:
        require("finance", Action.SET_SETTINGS)
    exc = caught.value
    assert exc.code == "auth.forbidden" and exc.action is Action.SET_SETTINGS
    message = t(exc.code, "zh", action=t(f"action.{exc.action}", "zh"))
    assert message.startswith("您的角色无权修改系统设置")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roles_and_actions_have_words(lang: str) -> None:
    for role in ROLES:
        assert t(f"role.{role}", lang)
    for action in Action:
        assert t(f"action.{action}", lang)
    assert t("role.executive", "zh") == "经营层" and t("role.finance", "zh") == "财务"
