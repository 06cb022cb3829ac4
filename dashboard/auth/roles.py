"""Roles and what each may do. Pages ask ``can`` to decide what to show, and ``require`` before they act.

============  ====  ======  ======  ======  ======  ===========  ============  ====  ===============
role          VIEW  SUBMIT  UPLOAD  REVIEW  REVERT  SET_TARGETS  SET_SETTINGS  LOCK  MANAGE_ACCOUNTS
============  ====  ======  ======  ======  ======  ===========  ============  ====  ===============
executive     yes
unit_finance  yes   yes
finance       yes   yes     yes     yes     yes
admin         yes   yes     yes     yes     yes     yes          yes           yes   yes
============  ====  ======  ======  ======  ======  ===========  ============  ====  ===============

(finance and admin also COMMENT and ISSUE_REPORT.) A unit finance account is scoped to its units
(``Actor.units``): it may submit figures of those units only, and a submission becomes current only when group
finance (REVIEW) confirms it. Every other role's ``units`` is empty: not scoped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

ROLES = ("executive", "unit_finance", "finance", "admin")
SCOPED_ROLES = frozenset({"unit_finance"})  # roles whose accounts name their units


class Action(StrEnum):
    VIEW = "view"  # overview, units, trends
    SUBMIT = "submit"  # check a workbook of one's own units and submit it for review (多级上报)
    UPLOAD = "upload"  # preview and store a workbook, download the template
    REVIEW = "review"  # confirm or return units' submissions; see who has reported (报送情况)
    REVERT = "revert"  # make an earlier upload's figures current again
    SET_TARGETS = "set_targets"  # group and unit targets
    SET_SETTINGS = "set_settings"  # status thresholds, pace, colour meaning, display scales
    LOCK = "lock"  # lock and unlock periods
    MANAGE_ACCOUNTS = "manage_accounts"
    COMMENT = "comment"  # write variance comments (差异说明) and their measures
    ISSUE_REPORT = "issue_report"  # edit a gap report's narrative and issue (send and keep) it


PERMISSIONS: Mapping[str, frozenset[Action]] = {
    "executive": frozenset({Action.VIEW}),
    "unit_finance": frozenset({Action.VIEW, Action.SUBMIT}),
    "finance": frozenset(
        {
            Action.VIEW,
            Action.SUBMIT,
            Action.UPLOAD,
            Action.REVIEW,
            Action.REVERT,
            Action.COMMENT,
            Action.ISSUE_REPORT,
        }
    ),
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


class _Signed(Protocol):
    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


def parse_units(text: str) -> frozenset[str]:
    """A stored or typed list of unit codes ("1101,1102"; spaces, 、 and ， also separate).

    >>> sorted(parse_units(" 1101, 1102、1103，"))
    ['1101', '1102', '1103']
    """
    for separator in "、，; ；":
        text = text.replace(separator, ",")
    return frozenset(c.strip() for c in text.split(",") if c.strip())


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: the account's username (what the logs record) and its role (what it may do).

    Every workflow function that writes takes one and checks it itself (``actor.require(Action.…)``); pages and
    the command line only pass it on. ``role`` None is nobody signed in: it may do nothing.

    ``units``: the unit codes a scoped account (unit finance) acts for; empty for every other role (not scoped).
    A scoped actor with no units may act for none.

    >>> Actor("li", "finance").may(Action.UPLOAD), Actor("li", None).may(Action.VIEW)
    (True, False)
    >>> wang = Actor("wang", "unit_finance", frozenset({"1101"}))
    >>> wang.scoped, wang.covers("1101"), wang.covers("1102"), Actor("li", "finance").covers("1102")
    (True, True, False, True)
    """

    username: str
    role: str | None
    units: frozenset[str] = frozenset()

    @classmethod
    def of(cls, account: _Signed) -> Actor:
        """The actor of a signed-in account (anything with a username, a role and, for a scoped role, units:
        a set of codes or their stored text "1101,1102")."""
        units: str | frozenset[str] = getattr(account, "units", frozenset())
        return cls(account.username, account.role, parse_units(units) if isinstance(units, str) else frozenset(units))

    @property
    def scoped(self) -> bool:
        """Whether this actor acts for its units only (a unit finance account)."""
        return self.role in SCOPED_ROLES

    def covers(self, unit_code: str) -> bool:
        """Whether this actor may submit figures of this unit: any unit unless scoped, else only its own."""
        return not self.scoped or unit_code in self.units

    def may(self, action: Action) -> bool:
        """Whether this actor's role may do the action."""
        return can(self.role, action)

    def require(self, action: Action) -> None:
        """Raise ``Forbidden`` unless this actor's role may do the action."""
        require(self.role, action)


def system_actor(login: str = "") -> Actor:
    """The local operator at the server's shell (no ``--user``): acts as an admin, since shell access to the
    server already owns the database; recorded as ``system`` or ``system:<login>``.

    >>> system_actor("root")
    Actor(username='system:root', role='admin', units=frozenset())
    """
    return Actor(f"system:{login}"[:100] if login else "system", "admin")


FIRST_RUN = Actor("first-run", "admin")  # whoever holds the setup code, creating the first admin on the web
