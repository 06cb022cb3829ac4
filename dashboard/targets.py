"""The targets workflow, shared by ``targets set|show`` and the web Targets page: parse what an admin typed,
check it against what is stored, store a new version, and list the current targets with their effective value.

Errors are ``TargetError`` with a text key (dashboard.i18n) and its parameters; nothing is stored on an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, Engine

from dashboard import status
from dashboard.analytics.engine import GROUP, TargetSpec, resolve_target, stored_total
from dashboard.auth.roles import Action, Actor
from dashboard.domain import EXACT, Period, canonical
from dashboard.ingest.budget import amount_problem
from dashboard.ingest.values import ValueProblem, fold_amount, parse_text_amount
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing

GROWTH = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)%?")  # 0.05 or 5%


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
    """``38,000,000,000`` → Decimal yuan; with ``multiplier`` (10⁸ for 亿元) ``380`` → 38 000 000 000. Read as
    strictly as a workbook's amount cell (``ingest.values``) and bounded like one (``ingest.budget``): a note
    marker, scientific notation or an amount of 10¹⁵ yuan or more is refused, never misread.

    >>> parse_amount("38,000,000,000"), parse_amount("３８０", Decimal(100_000_000))
    (Decimal('38000000000'), Decimal('38000000000'))
    >>> refused = []
    >>> for bad in ("38000000000³", "1E+40", "10000000", "-"):  # 10,000,000 亿元 is 10¹⁵ yuan
    ...     try:
    ...         parse_amount(bad, Decimal(100_000_000))
    ...     except TargetError as exc:
    ...         refused.append(exc.params["value"])
    >>> refused
    ['38000000000³', '1E+40', '10000000', '-']
    """
    power = multiplier.adjusted()  # 1, 10⁴ or 10⁸: the display unit's power of ten
    try:
        value = parse_text_amount(text)
    except ValueProblem as exc:
        raise TargetError(key, value=text) from exc
    if value is None or amount_problem(value, power) is not None:
        raise TargetError(key, value=text)
    return canonical(value.scaleb(power, EXACT))


def parse_growth(text: str) -> Decimal:
    """``0.05`` or ``5%`` → Decimal('0.05'); a bare number above 1 is refused as ambiguous.

    >>> parse_growth("5%"), parse_growth("0.05")
    (Decimal('0.05'), Decimal('0.05'))
    """
    folded = fold_amount(text)
    if not GROWTH.fullmatch(folded):  # 5³ or 5e1 is refused, not read as 53 or 50
        raise TargetError("cli.bad_growth", value=text)
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


def current_targets(conn: Connection, year: int) -> list[TargetRow]:
    """The newest version of each target of the year, with its effective value (group first, then units).

    The base and effective target are the engine's (``analytics.engine.resolve_target``) over last year's stored
    Q4: the unit's own figure, or the sum over the registered units for the group, as ``status`` computes them."""
    history = status.load_history(conn, [year - 1])
    units = list(status.unit_infos(conn)) or sorted({k[0] for k in history.ytd})
    last_q4 = Period(year - 1, 4)
    rows = []
    for row in queries.current_targets(conn, year):
        spec = TargetSpec(row.metric, row.unit_code, row.amount, row.growth_floor, row.base_amount)
        members = units if spec.unit_code == GROUP else [spec.unit_code]
        basis = resolve_target(spec, stored_total(history.ytd, members, last_q4, spec.metric))
        rows.append(
            TargetRow(
                row.year,
                row.metric,
                row.unit_code,
                row.version,
                row.amount,
                row.growth_floor,
                basis.base,
                basis.base_entered,
                basis.effective,
                basis.binding,
                row.set_by,
                row.set_at,
                row.reason,
            )
        )
    return sorted(rows, key=lambda r: (r.unit_code != "", r.unit_code, r.metric))
