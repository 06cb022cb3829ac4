"""The demo database's extras beyond the sample files: the sample targets (group and cascaded to the units) and
the sample units' English names, where none is set. A workflow like any other: the actor needs
``Action.SET_TARGETS``, and it is one write transaction with every target audited.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, Engine

from dashboard.auth.roles import Action, Actor
from dashboard.samples import (
    SAMPLE_TARGETS,
    SAMPLE_UNIT_TARGETS,
    SAMPLE_UNITS,
    UNIT_TARGET_REASON,
    UNIT_TARGET_YEAR,
    SampleTarget,
)
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.repository import NewUnit

DEMO = Actor("demo", "admin")
# 多级上报: the demo's unit finance account (username, display name, its units), created with the other demo
# accounts once the sample units are registered
DEMO_UNIT_ACCOUNT = ("unit1101", "演示单位财务", ("1101", "1102"))


def seed_demo(engine: Engine, actor: Actor = DEMO) -> tuple[list[SampleTarget], int]:
    """Set the sample group targets and unit targets that are not set yet, and the sample units' English
    names; returns the group targets set now and how many unit targets were set."""
    actor.require(Action.SET_TARGETS)
    with writing(engine) as conn:
        current = {(r.year, r.metric, r.unit_code) for r in queries.current_targets(conn)}
        set_now: list[SampleTarget] = []
        for target in SAMPLE_TARGETS:
            if (target.year, target.metric, "") not in current:
                repository.add_target_version(
                    conn,
                    year=target.year,
                    metric=target.metric,
                    unit_code="",
                    amount=target.amount,
                    growth_floor=target.growth_floor,
                    base_amount=None,
                    set_by=actor.username,
                    reason=target.reason,
                )
                set_now.append(target)
        units = _sample_unit_targets(conn, current, actor)
        _sample_english_names(conn)
    return set_now, units


def _sample_english_names(conn: Connection) -> None:
    """The sample files carry Chinese names only; give the sample units their English names where none is set."""
    stored = queries.stored_units(conn)
    missing = [u for u in SAMPLE_UNITS if u.code in stored and not stored[u.code].name_en]
    repository.save_units(
        conn,
        [
            NewUnit(u.code, stored[u.code].name_zh, u.name_en, stored[u.code].parent_code, stored[u.code].kind)
            for u in missing
        ],
    )


def _sample_unit_targets(conn: Connection, current: set[tuple[int, str, str]], actor: Actor) -> int:
    """The sample year's targets cascaded to the units, where none is set; how many were set."""
    count = 0
    for code, amounts in SAMPLE_UNIT_TARGETS.items():
        for metric, amount in zip(("revenue", "profit"), amounts, strict=True):
            if (UNIT_TARGET_YEAR, metric, code) in current:
                continue
            repository.add_target_version(
                conn,
                year=UNIT_TARGET_YEAR,
                metric=metric,
                unit_code=code,
                amount=Decimal(amount) * 10_000,
                growth_floor=None,
                base_amount=None,
                set_by=actor.username,
                reason=UNIT_TARGET_REASON,
            )
            count += 1
    return count


def create_demo_unit_account(engine: Engine, password: str, actor: Actor = DEMO) -> str:
    """Create the demo's unit finance account (``DEMO_UNIT_ACCOUNT``, units 1101 and 1102) with ``password``;
    returns its username. Needs ``Action.MANAGE_ACCOUNTS`` (``accounts.create_user`` checks it)."""
    from dashboard.auth.accounts import create_user

    username, display, units = DEMO_UNIT_ACCOUNT
    create_user(engine, username, display, "unit_finance", password, None, actor, units)
    return username
