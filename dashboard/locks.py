"""Period locks: lock a closed period (no upload or revert may change it) or unlock it, with a reason.

Shared by ``lock``/``unlock`` on the command line and the Targets page; the actor needs ``Action.LOCK``.
Each change is one short write transaction, audited as ``lock`` / ``unlock``.
"""

from __future__ import annotations

from sqlalchemy import Engine

from dashboard.auth.roles import Action, Actor
from dashboard.domain import Period
from dashboard.storage import repository
from dashboard.storage.engine import writing


def lock_period(engine: Engine, period: Period, actor: Actor, reason: str = "") -> bool:
    """Lock a period; False when it was locked already (nothing changes then)."""
    actor.require(Action.LOCK)
    with writing(engine) as conn:
        return repository.lock_period(conn, period, actor.username, reason.strip())


def unlock_period(engine: Engine, period: Period, actor: Actor, reason: str = "") -> bool:
    """Unlock a period; False when it was not locked. The audit log keeps who locked and unlocked it."""
    actor.require(Action.LOCK)
    with writing(engine) as conn:
        return repository.unlock_period(conn, period, actor.username, reason.strip())
