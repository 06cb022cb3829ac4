"""Who has reported (报送情况 / 催报) for a period.

Shared by the Upload page's coverage panel (``panel``), the Overview's "已报 13/15 户", the chase list
(``reports.chase``) and ``python -m dashboard coverage``. Everything here only reads; a unit's reporting range
(``reporting_from``, ``stopped_from``) is changed by ``dashboard.reporting_range``.

Definitions:

- **Expected units** for a period P: the registered units that report — every kind except ``elimination``
  (an eliminations row is summed into the group but is no unit that reports, as the provenance line counted
  before) — from their first period up to before ``stopped_from``. The first period is ``reporting_from`` when an
  admin set it, else the first period with a stored figure or a submission of the unit (a new unit is thus
  expected from its first period; a unit with neither is not expected yet). A unit that no longer reports
  (merged, closed, transferred) has ``stopped_from`` and ``stop_reason``: it is not expected from that period on.
- **State** of each expected unit for P, the first that holds:
  ``confirmed`` — a current figure of it for P is stored (not blank): at/by are the time and account of the upload
  that stored its latest figures for P; a submission awaiting review is noted (``pending_id``);
  ``submitted`` — a submission covering the unit and P awaits review: its time and submitter;
  ``returned`` — its newest submission covering P was returned: the review's time, the reviewer and the reason;
  ``not_submitted`` — otherwise.
- **Overdue**: missing (not_submitted or returned) and ``today`` after the deadline, the quarter's end +
  ``REPORT_DEADLINE_DAYS`` (an admin setting, default 15). 2023Q2 with 15 days: due 2023-07-15, overdue from
  2023-07-16. A unit that submitted in time is not overdue while its file awaits review: the delay is the
  reviewer's, not the unit's; nor is a confirmed one.
- ``reported`` = confirmed; ``pending`` = submitted; ``missing`` = not_submitted + returned (the chase list);
  ``expected`` = reported ∪ pending ∪ missing; ``overdue`` ⊆ ``missing`` (the summary's "未报 1（逾期 1）", the
  JSON's ``overdue`` and each unit's flag count the same units).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from dashboard import config
from dashboard.auth.roles import SCOPED_ROLES, parse_units
from dashboard.domain import Period
from dashboard.storage import queries
from dashboard.storage.rows import SubmissionRow, UnitRow, UploadRow

STATES = ("confirmed", "submitted", "returned", "not_submitted")
MISSING = ("not_submitted", "returned")
NOT_REPORTING = frozenset({"elimination"})  # kinds of units that are summed but never report


@dataclass(frozen=True, slots=True)
class UnitState:
    """One expected unit's state for the period (see the module)."""

    code: str
    name_zh: str
    name_en: str
    state: str  # one of STATES
    at: datetime | None  # when it was stored, submitted or returned (None: not submitted)
    by: str  # who uploaded, submitted or returned it
    reason: str  # returned: why
    overdue: bool
    upload_id: int | None = None  # confirmed: the upload that stored its latest figures
    submission_id: int | None = None  # submitted / returned: that submission
    pending_id: int | None = None  # confirmed, with a submission still awaiting review

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


@dataclass(frozen=True, slots=True)
class Coverage:
    """Every expected unit's state for a period, by code, and the deadline it was judged against."""

    period: Period
    deadline: date
    today: date
    units: tuple[UnitState, ...]

    def _codes(self, *states: str) -> list[str]:
        return [u.code for u in self.units if u.state in states]

    @property
    def expected(self) -> list[str]:
        return [u.code for u in self.units]

    @property
    def reported(self) -> list[str]:
        return self._codes("confirmed")

    @property
    def pending(self) -> list[str]:
        return self._codes("submitted")

    @property
    def missing(self) -> list[str]:
        return self._codes(*MISSING)

    @property
    def overdue(self) -> list[str]:
        """The missing units past the deadline (the summary's "未报 1（逾期 1）")."""
        return [u.code for u in self.units if u.overdue]

    def within(self, codes: Iterable[str]) -> Coverage:
        """Only the units among ``codes`` (a unit page's scope)."""
        wanted = set(codes)
        return replace(self, units=tuple(u for u in self.units if u.code in wanted))

    def as_json(self) -> dict[str, Any]:
        """What ``coverage --json`` prints: the code lists and each unit (times in UTC, ISO 8601)."""
        units = [
            {
                "code": u.code,
                "name": u.name_zh,
                "name_en": u.name_en,
                "state": u.state,
                "at": u.at.isoformat() if u.at else None,
                "by": u.by,
                "overdue": u.overdue,
                "reason": u.reason,
                "pending_submission": u.pending_id,
            }
            for u in self.units
        ]
        lists = {"expected": self.expected, "reported": self.reported, "pending": self.pending}
        return {"period": str(self.period), "deadline": self.deadline.isoformat(), **lists, "missing": self.missing,
                "overdue": self.overdue, "units": units}  # fmt: skip


def deadline(period: Period, days: int) -> date:
    """The day a period's figures are due: the quarter's last day plus ``days``.

    >>> deadline(Period(2023, 2), 15), deadline(Period(2023, 4), 15), deadline(Period(2024, 1), 0)
    (datetime.date(2023, 7, 15), datetime.date(2024, 1, 15), datetime.date(2024, 3, 31))
    """
    month = period.quarter * 3
    end = date(period.year, month, calendar.monthrange(period.year, month)[1])
    return end + timedelta(days=days)


def deadline_days(conn: Connection) -> int:
    """REPORT_DEADLINE_DAYS as an admin chose it (else environment, secrets, default)."""
    return int(config.get("REPORT_DEADLINE_DAYS", queries.stored_settings(conn)))


def coverage(conn: Connection, period: Period, today: date, days: int | None = None) -> Coverage:
    """Every expected unit's state for ``period`` as of ``today`` (see the module); ``days`` overrides the
    REPORT_DEADLINE_DAYS setting."""
    due = deadline(period, deadline_days(conn) if days is None else days)
    registered = queries.stored_units(conn)
    subs = queries.submission_rows(conn, limit=100_000)  # newest first
    firsts = first_periods(queries.first_figure_periods(conn), subs)
    stored = {k[0] for k, f in queries.current_figures(conn, [period]).items() if f.ytd is not None}
    uploads = queries.latest_storing_uploads(conn, period)
    states = []
    for unit in registered.values():
        if not expected(unit, period, firsts.get(unit.code)):
            continue
        covering = [s for s in subs if unit.code in s.unit_codes and period in s.period_list]
        state = unit_state(unit, covering, uploads.get(unit.code) if unit.code in stored else None)
        overdue = state.state in MISSING and today > due
        states.append(replace(state, overdue=overdue))
    return Coverage(period, due, today, tuple(states))


@dataclass(frozen=True, slots=True)
class Panel:
    """What the Upload page's coverage panel shows: the coverage, whom to chase for each unit, and the units that
    report (every registered one but eliminations, by code) with their range, which an admin may change."""

    coverage: Coverage
    contacts: dict[str, list[str]]
    units: dict[str, UnitRow]

    def name(self, code: str, lang: str) -> str:
        unit = self.units[code]
        return unit.name_en if lang == "en" and unit.name_en else unit.name_zh

    @property
    def stopped(self) -> list[UnitRow]:
        """The units that no longer report from some period."""
        return [u for u in self.units.values() if u.stopped_from]

    @property
    def starting(self) -> list[UnitRow]:
        """The units an admin said are expected only from some period."""
        return [u for u in self.units.values() if u.reporting_from]


def panel(conn: Connection, period: Period, today: date) -> Panel:
    """The coverage panel's content for ``period`` as of ``today`` (one read for the page)."""
    units = {c: u for c, u in queries.stored_units(conn).items() if u.kind not in NOT_REPORTING}
    return Panel(coverage(conn, period, today), contacts(conn), units)


def contacts(conn: Connection) -> dict[str, list[str]]:
    """Whom to chase for each unit: the active unit finance accounts scoped to it ("显示名 (username)")."""
    found: dict[str, list[str]] = {}
    for user in queries.users(conn):
        if user.active and user.role in SCOPED_ROLES:
            who = f"{user.display_name} ({user.username})" if user.display_name else user.username
            for code in sorted(parse_units(user.units)):
                found.setdefault(code, []).append(who)
    return found


def local_today() -> date:
    """Today in the configured time zone (TIMEZONE): what the pages and commands judge overdue against."""
    return datetime.now(ZoneInfo(config.get("TIMEZONE"))).date()


def first_periods(figured: dict[str, Period], subs: Iterable[SubmissionRow]) -> dict[str, Period]:
    """Each unit's first period with a stored figure or a submission."""
    first = dict(figured)
    for sub in subs:
        for code in sub.unit_codes:
            for p in sub.period_list:
                if code not in first or p < first[code]:
                    first[code] = p
    return first


def expected(unit: UnitRow, period: Period, first: Period | None) -> bool:
    """Whether the unit is expected to report for ``period`` (see the module).

    >>> from datetime import UTC
    >>> u = UnitRow("1101", "甲", "A", "", "member", datetime.now(UTC), datetime.now(UTC), "", "2024Q1", "合并")
    >>> [expected(u, Period(y, q), Period(2023, 2)) for y, q in ((2023, 1), (2023, 2), (2023, 4), (2024, 1))]
    [False, True, True, False]
    """
    if unit.kind in NOT_REPORTING:
        return False
    start = stored_period(unit.reporting_from) or first
    stop = stored_period(unit.stopped_from)
    return start is not None and start <= period and (stop is None or period < stop)


def unit_state(unit: UnitRow, covering: list[SubmissionRow], upload: UploadRow | None) -> UnitState:
    """The unit's state from its submissions covering the period (newest first) and the upload behind its stored
    figures (None when it has none); ``overdue`` is left False for the caller."""
    pending = next((s for s in covering if s.state == "submitted"), None)
    base = UnitState(unit.code, unit.name_zh, unit.name_en, "not_submitted", None, "", "", False)
    if upload is not None:
        pending_id = pending.id if pending else None
        return replace(base, state="confirmed", at=upload.uploaded_at, by=upload.uploaded_by,
                       upload_id=upload.id, pending_id=pending_id)  # fmt: skip
    if pending is not None:
        return replace(base, state="submitted", at=pending.submitted_at, by=pending.submitted_by,
                       submission_id=pending.id)  # fmt: skip
    if covering and covering[0].state == "returned":
        sub = covering[0]
        return replace(base, state="returned", at=sub.reviewed_at, by=sub.reviewed_by, reason=sub.reason,
                       submission_id=sub.id)  # fmt: skip
    return base


def stored_period(text: str) -> Period | None:
    """A period as a unit row stores it ("2023Q3"); None for "" (and for anything unreadable)."""
    try:
        return Period.parse(text) if text else None
    except ValueError:
        return None
