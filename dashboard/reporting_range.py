"""A unit's reporting range (报送范围), changed by an admin: ``stop_reporting`` (a unit merged, closed or
transferred no longer reports from a period, with a reason), ``resume_reporting`` and ``set_reporting_from`` (a
unit is expected from a period, e.g. a new unit from its first; None: from its first stored figure or submission
again). ``dashboard.coverage`` reads the range to decide which units are expected for a period.

Changing a unit's range needs ``Action.SET_TARGETS`` (admins): like a target, which units the group expects to
report for a period is part of what the group plans for its year, and who confirms or returns figures (REVIEW,
group finance) should not also decide who is excused from reporting. MANAGE_ACCOUNTS is about people, not units.
Each change is one short write, audited as ``unit_reporting`` with the old values. Refusals are
``CoverageError`` with a text key (dashboard.i18n.text_coverage); nothing is stored then.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine

from dashboard.auth.roles import Action, Actor
from dashboard.coverage import stored_period
from dashboard.domain import Period
from dashboard.ingest.periods import MAX_YEAR, MIN_YEAR
from dashboard.safe_text import TextProblem, clean_text
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.rows import UnitRow

MAX_REASON = 500


class CoverageError(Exception):
    """A reporting-range change that cannot be made: ``code`` names the text, ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def stop_reporting(engine: Engine, code: str, from_period: Period | str, reason: str, actor: Actor) -> UnitRow:
    """Mark a unit as no longer reporting from ``from_period`` (that period included), with the reason
    (required); returns the unit as stored. Needs ``Action.SET_TARGETS``."""
    actor.require(Action.SET_TARGETS)
    period, why = parse_period(from_period), clean_reason(reason)
    if not why:
        raise CoverageError("coverage.reason_required")
    with writing(engine) as conn:
        unit = _unit(conn, code)
        start = stored_period(unit.reporting_from)
        if start is not None and period <= start:
            raise CoverageError("coverage.stop_before_start", unit=unit.code, period=str(period), start=str(start))
        repository.set_unit_reporting(conn, unit.code, actor.username, stopped_from=str(period), stop_reason=why)
        return queries.stored_units(conn)[unit.code]


def resume_reporting(engine: Engine, code: str, actor: Actor) -> UnitRow:
    """Expect a stopped unit again (its stop and reason cleared); returns the unit as stored. Needs
    ``Action.SET_TARGETS``; a unit that was not stopped is ``coverage.not_stopped``."""
    actor.require(Action.SET_TARGETS)
    with writing(engine) as conn:
        unit = _unit(conn, code)
        if not unit.stopped_from:
            raise CoverageError("coverage.not_stopped", unit=unit.code)
        repository.set_unit_reporting(conn, unit.code, actor.username, stopped_from="", stop_reason="")
        return queries.stored_units(conn)[unit.code]


def set_reporting_from(engine: Engine, code: str, from_period: Period | str | None, actor: Actor) -> UnitRow:
    """Expect a unit from ``from_period`` (None or "": from its first stored figure or submission again);
    returns the unit as stored. Needs ``Action.SET_TARGETS``; it must lie before the unit's stop."""
    actor.require(Action.SET_TARGETS)
    period = parse_period(from_period) if from_period else None
    with writing(engine) as conn:
        unit = _unit(conn, code)
        stop = stored_period(unit.stopped_from)
        if period is not None and stop is not None and stop <= period:
            raise CoverageError("coverage.stop_before_start", unit=unit.code, period=str(stop), start=str(period))
        value = str(period) if period else ""
        repository.set_unit_reporting(conn, unit.code, actor.username, reporting_from=value)
        return queries.stored_units(conn)[unit.code]


def parse_period(value: Period | str) -> Period:
    """A period a workbook may name (2023Q2); ``coverage.bad_period`` otherwise.

    >>> parse_period("2023q3"), parse_period(Period(2024, 1))
    (Period(year=2023, quarter=3), Period(year=2024, quarter=1))
    """
    try:
        period = value if isinstance(value, Period) else Period.parse(value)
    except ValueError:
        raise CoverageError("coverage.bad_period", value=str(value)) from None
    if not MIN_YEAR <= period.year <= MAX_YEAR:
        raise CoverageError("coverage.bad_period", value=str(value))
    return period


def clean_reason(reason: str) -> str:
    """A reason as stored: trimmed, one line of at most MAX_REASON characters, no control characters."""
    try:
        return clean_text(" ".join(reason.split()), MAX_REASON, required=False)
    except TextProblem as exc:  # "too_long" or "control"
        raise CoverageError(f"coverage.reason_{exc.kind}", **exc.params) from exc


def _unit(conn: Connection, code: str) -> UnitRow:
    unit = queries.stored_units(conn).get(code.strip())
    if unit is None:
        raise CoverageError("coverage.unknown_unit", value=code)
    return unit
