"""The targets workflow, shared by ``targets set|show`` and the web Targets page: parse what an admin typed,
check it against what is stored, store a new version, and list the current targets with their effective value.

Errors are ``TargetError`` with a text key (dashboard.i18n) and its parameters; nothing is stored on an error.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, Engine

from dashboard.analytics.formulas import effective_target
from dashboard.auth.roles import Action, Actor
from dashboard.domain import Period
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing


class TargetError(Exception):
    """A target that cannot be stored: ``key`` names the message, ``params`` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A current target with what it means: the effective target, the part that binds, and the base used."""

    year: int
    metric: str
    unit_code: str  # "" = the group
    version: int
    amount: Decimal | None
    growth_floor: Decimal | None
    base: Decimal | None  # entered, else the stored (Y−1) Q4 of the scope
    base_entered: bool
    effective: Decimal | None  # None: only a growth floor and no base
    binding: str | None
    set_by: str
    set_at: Any
    reason: str


def parse_amount(text: str, multiplier: Decimal = Decimal(1), key: str = "cli.bad_amount") -> Decimal:
    """``38,000,000,000`` → Decimal yuan; with ``multiplier`` (10⁸ for 亿元) ``380`` → 38 000 000 000.

    >>> parse_amount("38,000,000,000"), parse_amount("３８０", Decimal(100_000_000))
    (Decimal('38000000000'), Decimal('38000000000'))
    """
    try:
        value = Decimal(unicodedata.normalize("NFKC", text).replace(",", "").strip())
    except InvalidOperation as exc:
        raise TargetError(key, value=text) from exc
    if not value.is_finite():
        raise TargetError(key, value=text)
    return value * multiplier


def parse_growth(text: str) -> Decimal:
    """``0.05`` or ``5%`` → Decimal('0.05'); a bare number above 1 is refused as ambiguous.

    >>> parse_growth("5%"), parse_growth("0.05")
    (Decimal('0.05'), Decimal('0.05'))
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    percent = folded.endswith("%")
    try:
        value = Decimal(folded.rstrip("%").strip())
    except InvalidOperation as exc:
        raise TargetError("cli.bad_growth", value=text) from exc
    if not value.is_finite():
        raise TargetError("cli.bad_growth", value=text)
    if percent:
        return value / 100
    if abs(value) > 1:
        raise TargetError("cli.growth_ambiguous", value=text)
    return value


def set_target(
    engine: Engine,
    *,
    year: int,
    metric: str,
    unit_code: str,
    amount: Decimal | None,
    growth_floor: Decimal | None,
    base_amount: Decimal | None,
    actor: Actor,
    reason: str,
) -> int:
    """Store a new version of a target (the history keeps every earlier one); returns the version number.
    Needs ``Action.SET_TARGETS``; audited as ``target``."""
    actor.require(Action.SET_TARGETS)
    if amount is None and growth_floor is None:
        raise TargetError("cli.target_empty")
    with writing(engine) as conn:
        known = [m.code for m in queries.metric_defs(conn)]
        if metric not in known:
            raise TargetError("cli.unknown_metric", value=metric, known=", ".join(known))
        if unit_code and unit_code not in queries.stored_units(conn):
            raise TargetError("cli.unknown_unit_code", value=unit_code)
        return repository.add_target_version(
            conn,
            year=year,
            metric=metric,
            unit_code=unit_code,
            amount=amount,
            growth_floor=growth_floor,
            base_amount=base_amount,
            set_by=actor.username,
            reason=reason,
        )


def last_year_bases(conn: Connection, year: int) -> dict[tuple[str, str], Decimal]:
    """(scope, metric) → the stored (Y−1) Q4 year-to-date: per unit, and summed over all units for the group ("")."""
    bases: dict[tuple[str, str], Decimal] = {}
    for (unit, _, metric), figure in queries.current_figures(conn, [Period(year - 1, 4)]).items():
        if figure.ytd is not None:
            for scope in ("", unit):
                bases[(scope, metric)] = bases.get((scope, metric), Decimal(0)) + figure.ytd
    return bases


def current_targets(conn: Connection, year: int) -> list[TargetRow]:
    """The newest version of each target of the year, with its effective value (group first, then units)."""
    bases = last_year_bases(conn, year)
    rows = []
    for row in queries.current_targets(conn, year):
        entered = row["base_amount"] is not None
        base = row["base_amount"] if entered else bases.get((row["unit_code"], row["metric"]))
        try:
            effective, binding = effective_target(row["amount"], row["growth_floor"], base)
        except ValueError:
            effective, binding = None, None
        rows.append(
            TargetRow(
                row["year"],
                row["metric"],
                row["unit_code"],
                row["version"],
                row["amount"],
                row["growth_floor"],
                base,
                entered,
                effective,
                binding,
                row["set_by"],
                row["set_at"],
                row["reason"],
            )
        )
    return sorted(rows, key=lambda r: (r.unit_code != "", r.unit_code, r.metric))
