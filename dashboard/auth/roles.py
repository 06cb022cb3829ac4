"""Roles and what each may do. Pages ask ``can`` to decide what to show, and ``require`` before they act.

=========  ====  ======  ======  ===========  ============  ====  ===============
role       VIEW  UPLOAD  REVERT  SET_TARGETS  SET_SETTINGS  LOCK  MANAGE_ACCOUNTS
=========  ====  ======  ======  ===========  ============  ====  ===============
executive  yes
finance    yes   yes     yes
admin      yes   yes     yes     yes          yes           yes   yes
=========  ====  ======  ======  ===========  ============  ====  ===============
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

ROLES = ("executive", "finance", "admin")


class Action(StrEnum):
    VIEW = "view"  # overview, units, trends
    UPLOAD = "upload"  # preview and store a workbook, download the template
    REVERT = "revert"  # make an earlier upload's figures current again
    SET_TARGETS = "set_targets"  # group and unit targets
    SET_SETTINGS = "set_settings"  # status thresholds, pace, colour meaning, display scales
    LOCK = "lock"  # lock and unlock periods
    MANAGE_ACCOUNTS = "manage_accounts"


PERMISSIONS: Mapping[str, frozenset[Action]] = {
    "executive": frozenset({Action.VIEW}),
    "finance": frozenset({Action.VIEW, Action.UPLOAD, Action.REVERT}),
    "admin": frozenset(Action),
}


class Forbidden(Exception):
    """The role may not do this. A page shows ``t(exc.code, lang, action=t(f"action.{exc.action}", lang))``."""

    code = "auth.forbidden"

    def __init__(self, action: Action) -> None:
        super().__init__(f"{self.code}: {action}")
        self.action = action


def can(role: str | None, action: Action) -> bool:
    """Whether a role may do an action; an unknown role (or none: not signed in) may do nothing.

    >>> can("finance", Action.UPLOAD), can("finance", Action.SET_TARGETS), can("admin", Action.LOCK)
    (True, False, True)
    >>> can("executive", Action.VIEW), can(None, Action.VIEW), can("guest", Action.VIEW)
    (True, False, False)
    """
    return action in PERMISSIONS.get(role or "", frozenset())


def require(role: str | None, action: Action) -> None:
    """Raise ``Forbidden`` unless the role may do the action.

    >>> require("admin", Action.MANAGE_ACCOUNTS)
    >>> require("executive", Action.UPLOAD)
    Traceback (most recent call last):
    ...
    dashboard.auth.roles.Forbidden: auth.forbidden: upload
    """
    if not can(role, action):
        raise Forbidden(action)
