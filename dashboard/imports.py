"""The upload workflow: read a file (ingest), check it against what is stored, preview, and store it.

``plan_upload`` only reads; ``import_files`` runs plans and stores them in one write transaction (a batch of
files is all-or-nothing: any error anywhere stores nothing and logs the rejected files with their problems);
``revert_upload`` makes an earlier upload's figures current again as new versions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine

from dashboard.domain import EXACT, FigureKind, Period, Problem, canonical, error, warning
from dashboard.i18n import local_time, problem_record
from dashboard.ingest import FigureRecord, ParsedUpload, ReadOptions, read_upload
from dashboard.ingest.grid import row_range
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.queries import FigureKey, StoredFigure
from dashboard.storage.repository import NewFigure, NewUnit, UploadEntry
from dashboard.unit_codes import match_numeric_codes


@dataclass(frozen=True, slots=True)
class Change:
    """A figure in the file against the stored current version: 'new', 'changed' or 'unchanged'."""

    unit_code: str
    period: Period
    metric: str
    status: str
    old_ytd: Decimal | None
    new_ytd: Decimal | None
    old_prior: Decimal | None
    new_prior: Decimal | None


@dataclass
class UploadPlan:
    parsed: ParsedUpload
    data: bytes
    figures: list[NewFigure] = field(default_factory=list)
    units: list[NewUnit] = field(default_factory=list)
    new_unit_codes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    duplicate_of: dict[str, Any] | None = None
    upload_id: int | None = None  # set once stored

    @property
    def problems(self) -> list[Problem]:
        return self.parsed.problems

    @property
    def errors(self) -> list[Problem]:
        return self.parsed.errors

    @property
    def warnings(self) -> list[Problem]:
        return self.parsed.warnings

    @property
    def ok(self) -> bool:
        return self.parsed.ok

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)


@dataclass
class BatchResult:
    plans: list[UploadPlan]
    stored: bool  # True when the batch was committed
    stale: Problem | None = None

    @property
    def has_errors(self) -> bool:
        return self.stale is not None or any(p.errors for p in self.plans)


def plan_upload(conn: Connection, data: bytes, filename: str, options: ReadOptions) -> UploadPlan:
    """Read the file and compare it with what is stored; reads only."""
    duplicate = queries.upload_by_hash(conn, _sha256(data))
    if duplicate is not None:
        parsed = ParsedUpload(filename, duplicate["sha256"], len(data), "duplicate")
        return UploadPlan(parsed, data, duplicate_of=duplicate)
    parsed = read_upload(data, filename, options)
    match_numeric_codes(parsed, queries.stored_units(conn))  # before anything reads the codes (issue 8)
    plan = UploadPlan(parsed, data)
    wanted = {related for period in parsed.periods for related in _related_periods(period)}
    stored = queries.current_figures(conn, wanted)
    plan.figures = _to_year_to_date(parsed, stored)
    _check_restatements(parsed, stored)
    _check_locks(conn, parsed)
    _plan_units(conn, plan)
    plan.changes = [_change(f, stored.get((f.unit_code, f.period, f.metric))) for f in plan.figures]
    return plan


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _related_periods(period: Period) -> list[Period]:
    """The period itself, the quarter before (single-quarter conversion), last year's same quarter."""
    previous = period.previous()
    return [period, period.prior_year(), *([previous] if previous else [])]


def _split(ref: str) -> tuple[str, str]:
    sheet, _, cell = ref.rpartition("!")
    return sheet, cell


def _to_year_to_date(parsed: ParsedUpload, stored: dict[FigureKey, StoredFigure]) -> list[NewFigure]:
    """Single-quarter figures become year to date by adding the unit's earlier quarter (this file first)."""
    resolved: dict[FigureKey, Decimal | None] = {}
    result = []
    for r in sorted(parsed.figures, key=lambda f: (f.period, f.row)):
        ytd, source = r.ytd, "ytd"
        if r.quarter is not None:
            earlier = _earlier_ytd(r, resolved, stored)
            derived = None if earlier is None else canonical(EXACT.add(earlier, r.quarter))
            sheet, cell = _split(r.cells[FigureKind.QUARTER])
            if ytd is None and derived is None:
                needed = str(r.period.previous())
                parsed.problems.append(
                    error(
                        "missing_earlier_quarter",
                        sheet,
                        cell,
                        r.quarter,
                        unit=r.unit_code,
                        metric=r.metric,
                        needed=needed,
                    )
                )
                continue
            if ytd is None:
                ytd, source = derived, "quarter"
            elif derived is not None and derived != ytd:
                parsed.problems.append(
                    warning(
                        "quarter_ytd_mismatch",
                        sheet,
                        cell,
                        r.quarter,
                        unit=r.unit_code,
                        metric=r.metric,
                        ytd=ytd,
                        derived=derived,
                    )
                )
        resolved[(r.unit_code, r.period, r.metric)] = ytd
        cell_ref = (
            r.cells.get(FigureKind.YTD) or r.cells.get(FigureKind.QUARTER) or r.cells.get(FigureKind.PRIOR_YTD, "")
        )
        result.append(NewFigure(r.unit_code, r.period, r.metric, ytd, r.prior_ytd, source, cell_ref))
    return result


def _earlier_ytd(
    r: FigureRecord, resolved: dict[FigureKey, Decimal | None], stored: dict[FigureKey, StoredFigure]
) -> Decimal | None:
    previous = r.period.previous()
    if previous is None:
        return Decimal(0)
    key = (r.unit_code, previous, r.metric)
    if key in resolved:
        return resolved[key]
    return stored[key].ytd if key in stored else None


def _check_restatements(parsed: ParsedUpload, stored: dict[FigureKey, StoredFigure]) -> None:
    """上年同期 that differs from last year's stored figure is kept as reported and flagged."""
    for r in parsed.figures:
        last_year = stored.get((r.unit_code, r.period.prior_year(), r.metric))
        if r.prior_ytd is None or last_year is None or last_year.ytd is None or last_year.ytd == r.prior_ytd:
            continue
        sheet, cell = _split(r.cells[FigureKind.PRIOR_YTD])
        parsed.problems.append(
            warning(
                "restated_prior",
                sheet,
                cell,
                r.prior_ytd,
                unit=r.unit_code,
                metric=r.metric,
                reported=r.prior_ytd,
                stored=last_year.ytd,
                prior_period=str(r.period.prior_year()),
            )
        )


def _check_locks(conn: Connection, parsed: ParsedUpload) -> None:
    locked = queries.locks(conn)
    for period in parsed.periods:
        if period in locked:
            lock = locked[period]
            parsed.problems.append(
                error(
                    "period_locked",
                    parsed.sheet,
                    "",
                    str(period),
                    period=str(period),
                    locked_by=lock.locked_by,
                    locked_at=local_time(lock.locked_at),
                )
            )


def _plan_units(conn: Connection, plan: UploadPlan) -> None:
    known = queries.stored_units(conn)
    for u in plan.parsed.units.values():
        plan.units.append(NewUnit(u.code, u.name, u.name_en, u.parent_code, u.kind))
        if u.code not in known:
            plan.new_unit_codes.append(u.code)
        elif known[u.code]["name_zh"] != u.name:
            plan.parsed.problems.append(
                warning(
                    "name_changed",
                    plan.parsed.sheet,
                    row_range(u.row),
                    u.name,
                    unit=u.code,
                    old=known[u.code]["name_zh"],
                    new=u.name,
                )
            )


def _change(new: NewFigure | StoredFigure, old: StoredFigure | None) -> Change:
    if old is None:
        status = "new"
    elif (old.ytd, old.prior_ytd) == (new.ytd, new.prior_ytd):
        status = "unchanged"
    else:
        status = "changed"
    return Change(
        new.unit_code,
        new.period,
        new.metric,
        status,
        old.ytd if old else None,
        new.ytd,
        old.prior_ytd if old else None,
        new.prior_ytd,
    )


class _Rollback(Exception):
    pass


def import_files(
    engine: Engine,
    files: Sequence[tuple[str, bytes]],
    options: ReadOptions,
    user: str,
    dry_run: bool = False,
    expected_state: int | None = None,
) -> BatchResult:
    """Plan and store files in one transaction; later files see earlier ones (a Q1 file then a Q2 single-quarter
    file works). Any error, a stale preview, or ``dry_run``: nothing is stored. Rejected files are logged."""
    result = BatchResult([], stored=False)
    try:
        with writing(engine) as conn:
            if expected_state is not None and queries.latest_upload_id(conn) != expected_state:
                result.stale = error("stale_preview", latest=queries.latest_upload_id(conn))
                raise _Rollback
            options = _with_stored_metrics(conn, options)
            for filename, data in files:
                plan = plan_upload(conn, data, filename, options)
                result.plans.append(plan)
                if plan.ok and plan.duplicate_of is None:
                    plan.upload_id = _store(conn, plan, user)
            if dry_run or result.has_errors:
                raise _Rollback
            result.stored = True
    except _Rollback:
        for plan in result.plans:
            plan.upload_id = None
    if not dry_run and any(p.errors for p in result.plans):
        log_rejections(engine, [p for p in result.plans if p.errors], user)
    return result


def _with_stored_metrics(conn: Connection, options: ReadOptions) -> ReadOptions:
    metrics = queries.metric_defs(conn)
    return ReadOptions(options.period, options.amount_unit, metrics or options.metrics, options.max_bytes)


def _store(conn: Connection, plan: UploadPlan, user: str) -> int:
    parsed = plan.parsed
    details = {
        "sheet": parsed.sheet,
        "header_row": parsed.header_row,
        "file_kind": parsed.file_kind,
        "metadata": parsed.metadata,
        "new_units": plan.new_unit_codes,
        "changes": {s: plan.count(s) for s in ("new", "changed", "unchanged")},
    }
    entry = UploadEntry(
        "import",
        "stored",
        user,
        parsed.sha256,
        parsed.filename,
        parsed.size,
        parsed.periods,
        len(plan.figures),
        details,
        [problem_record(p, parsed.filename) for p in parsed.problems],
    )
    upload_id = repository.log_upload(conn, entry)
    repository.keep_file(conn, parsed.sha256, plan.data)
    repository.save_units(conn, plan.units)
    repository.add_figure_versions(conn, upload_id, plan.figures)
    return upload_id


def log_rejections(engine: Engine, plans: list[UploadPlan], user: str) -> None:
    """Record files refused for errors in the upload log (with every problem in both languages); stores no figure.
    A web preview that finds errors calls this, since it is an attempt as much as a command-line import."""
    with writing(engine) as conn:
        for plan in plans:
            parsed = plan.parsed
            entry = UploadEntry(
                "import",
                "rejected",
                user,
                parsed.sha256,
                parsed.filename,
                parsed.size,
                parsed.periods,
                0,
                {"file_kind": parsed.file_kind, "sheet": parsed.sheet},
                [problem_record(p, parsed.filename) for p in parsed.problems],
            )
            repository.log_upload(conn, entry)


@dataclass
class RevertResult:
    upload_id: int | None = None
    restored: int = 0
    problems: list[Problem] = field(default_factory=list)


def revert_upload(engine: Engine, upload_id: int, user: str) -> RevertResult:
    """Make the figures an earlier upload stored current again, as new versions (nothing is deleted)."""
    result = RevertResult()
    with writing(engine) as conn:
        source = queries.upload(conn, upload_id)
        if source is None or source["outcome"] != "stored":
            result.problems.append(error("unknown_upload" if source is None else "upload_not_stored", value=upload_id))
            return result
        earlier = queries.figures_of_upload(conn, upload_id)
        periods = {f.period for f in earlier}
        locked = queries.locks(conn)
        for period in sorted(periods & set(locked)):
            lock = locked[period]
            result.problems.append(
                error(
                    "period_locked",
                    value=str(period),
                    period=str(period),
                    locked_by=lock.locked_by,
                    locked_at=local_time(lock.locked_at),
                )
            )
        if result.problems:
            return result
        current = queries.current_figures(conn, periods)
        restore = [
            NewFigure(f.unit_code, f.period, f.metric, f.ytd, f.prior_ytd, "revert", f.source_cell)
            for f in earlier
            if _change(f, current.get((f.unit_code, f.period, f.metric))).status != "unchanged"
        ]
        if not restore:
            return result
        entry = UploadEntry(
            "revert",
            "stored",
            user,
            source["sha256"],
            source["filename"],
            source["size"],
            sorted(periods),
            len(restore),
            {"reverts": upload_id},
            reverts_upload_id=upload_id,
        )
        result.upload_id = repository.log_upload(conn, entry)
        repository.add_figure_versions(conn, result.upload_id, restore)
        repository.audit(conn, user, "revert", {"upload": upload_id, "new_upload": result.upload_id})
        result.restored = len(restore)
    return result
