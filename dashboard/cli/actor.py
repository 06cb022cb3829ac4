"""Who acts on the command line.

``--user NAME`` (or the setting DASHBOARD_USER) names an active account: the command acts with that account's
role, which each workflow function checks (an executive is refused every change). Without one, the operator at
the server's shell acts as the built-in local operator with the admin role — shell access to the server owns
the database file already — and the logs record ``system:<login>``.
"""

from __future__ import annotations

import getpass

from sqlalchemy import Engine

from dashboard.auth.accounts import get_account
from dashboard.auth.roles import Actor, system_actor


class UnknownActor(Exception):
    """``--user`` names no active account."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def resolve_actor(engine: Engine, name: str | None) -> Actor:
    """The named active account as an actor, or the local operator when no name is given."""
    if not name:
        return system_actor(_login())
    with engine.connect() as conn:
        account = get_account(conn, name) if len(name) <= 100 else None
    if account is None or not account.active:
        raise UnknownActor(name)
    return Actor.of(account)


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""
