"""The upload workflow: read a file (ingest), check it against what is stored, preview, and store it.

``check_files`` only reads: it parses with no database open, then compares on one read-only transaction
(later files of a batch see the earlier files' figures and units in memory) and takes no write lock.
``store_checked`` takes the write lock only to write: it re-checks the state the check was based on (the
state token) and the period locks, then stores the batch in one transaction (all-or-nothing: any error
anywhere stores nothing and logs the rejected files with their problems). ``import_files`` is both, re-checking
when another import came in between. ``revert_upload`` makes an earlier upload's figures current again.

The read options chosen (period, amount unit) are part of an upload's identity: the same bytes read with other
options are another upload; the original file is kept once by its SHA-256. Each function checks the actor's
role itself (``dashboard.auth.roles``) and audits what it stores.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine

from dashboard.auth.roles import Action, Actor
from dashboard.domain import (
    AMOUNT_UNITS,
    EXACT,
    AmountUnit,
    FigureKind,
    Period,
    Problem,
    amount_unit_from_text,
    canonical,
    error,
    warning,
)
from dashboard.i18n import local_time, problem_record
from dashboard.ingest import FigureRecord, ParsedUpload, ReadOptions, read_upload
from dashboard.ingest.grid import row_range
from dashboard.ingest.rows import MAX_PERIODS
from dashboard.safe_text import TextProblem, clean_text
from dashboard.scale_check import scale_problems
from dashboard.storage import queries, repository
from dashboard.storage.engine import reading, writing
from dashboard.storage.queries import FigureKey, StoredFigure
from dashboard.storage.repository import NewFigure, NewUnit, UploadEntry
from dashboard.storage.rows import UnitRow, UploadRow
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


@dataclass(frozen=True, slots=True)
class Duplicate:
    """What a file repeats, so it is not imported again: the stored import of the same bytes read with the same
    options (``upload``), or an earlier file of the same batch (``in_batch``: its file name; ``upload`` None)."""

    upload: UploadRow | None = None
    in_batch: str = ""


# Warnings that stop a file until someone acknowledges them by name (the preview's checkbox; the command line's
# --accept-warning CODE): a figure that looks typed in the wrong amount unit (dashboard.scale_check).
NEEDS_ACKNOWLEDGEMENT = frozenset({"amount_scale_suspect"})
STORE_ATTEMPTS = 3  # import_files checks again when another import was stored between its check and its store
REVERT_REASON_MAX = 500  # characters of a revert's reason (the Upload page's box holds as many)


def options_identity(options: ReadOptions) -> dict[str, str | None]:
    """The read options that change what a file means, as stored in ``uploads.details["read_options"]``.

    >>> from dashboard.domain import AMOUNT_UNITS
    >>> options_identity(ReadOptions(Period(2023, 2), AMOUNT_UNITS["10k"]))
    {'period': '2023Q2', 'amount_unit': '10k'}
    """
    return {
        "period": None if options.period is None else str(options.period),
        "amount_unit": None if options.amount_unit is None else options.amount_unit.code,
    }


@dataclass
class UploadPlan:
    parsed: ParsedUpload
    data: bytes
    read_options: dict[str, str | None] = field(default_factory=lambda: options_identity(ReadOptions()))
    figures: list[NewFigure] = field(default_factory=list)
    units: list[NewUnit] = field(default_factory=list)
    new_unit_codes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    duplicate_of: Duplicate | None = None
    upload_id: int | None = None  # set once stored
    submission_id: int | None = None  # set once submitted for review (dashboard.submissions)

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

    def unacknowledged(self, accepted: frozenset[str]) -> list[Problem]:
        """The warnings of this file that need acknowledging (``NEEDS_ACKNOWLEDGEMENT``) and are not in
        ``accepted``; a duplicate or a file with errors stores nothing, so it needs none."""
        if self.duplicate_of is not None or not self.ok:
            return []
        return [p for p in self.warnings if p.code in NEEDS_ACKNOWLEDGEMENT and p.code not in accepted]

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def changes_anything(self) -> bool:
        """Whether storing it would change what is stored: not a duplicate, and a new or changed figure, a new
        unit or a unit's new name (a file whose every figure is unchanged is a no-op)."""
        if self.duplicate_of is not None or not self.ok:
            return False
        renamed = any(p.code == "name_changed" for p in self.problems)
        return bool(self.count("new") or self.count("changed") or self.new_unit_codes or renamed)

    @property
    def amount_unit(self) -> AmountUnit:
        """The unit the workbook writes its amounts in: its 金额单位 line, else the uploader's choice, else yuan
        (a workbook stating units per column only is shown in yuan)."""
        stated = amount_unit_from_text(self.parsed.metadata.get("amount_unit", ""))
        chosen = self.read_options.get("amount_unit")
        return stated or AMOUNT_UNITS.get(chosen or "", AMOUNT_UNITS["yuan"])


@dataclass
class BatchResult:
    plans: list[UploadPlan]
    stored: bool  # True when the batch was committed
    stale: Problem | None = None
    state: int = 0  # the state token the plans were made at (queries.stored_state)
    blocked: frozenset[str] = frozenset()  # warning codes that stopped the store: not acknowledged

    def unacknowledged(self, accepted: frozenset[str]) -> frozenset[str]:
        """The codes of warnings that need acknowledging and are not in ``accepted``, over every file."""
        return frozenset(p.code for plan in self.plans for p in plan.unacknowledged(accepted))

    @property
    def has_errors(self) -> bool:
        return self.stale is not None or any(p.errors for p in self.plans)


@dataclass
class _Batch:
    """What the earlier files of a batch will store, as later files must see it (planning never writes)."""

    figures: dict[FigureKey, StoredFigure] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # code → Chinese name
    seen: dict[str, UploadPlan] = field(default_factory=dict)  # by SHA-256: the batch's files to store

    def add(self, plan: UploadPlan) -> None:
        self.seen[plan.parsed.sha256] = plan
        for f in plan.figures:
            key = (f.unit_code, f.period, f.metric)
            self.figures[key] = StoredFigure(*key, 0, f.ytd, f.prior_ytd, f.source, f.source_cell, 0)
        for u in plan.units:
            self.units[u.code] = u.name_zh


def check_files(
    engine: Engine,
    files: Sequence[tuple[str, bytes]],
    options: ReadOptions,
    actor: Actor,
    log_rejected: bool = False,
) -> BatchResult:
    """Read and check files against what is stored, without the write lock and without writing (a dry run,
    the web preview). Files are parsed with no database open, then compared on one read-only transaction
    whose state token is kept in the result. ``log_rejected``: record files with errors as rejected attempts
    (a brief write of the upload log, nothing else). A scoped actor (unit finance) may check files of its own
    units only: a row of any other unit is an error naming the row."""
    actor.require(Action.SUBMIT)
    with reading(engine) as conn:
        options = _with_stored_metrics(conn, options)
        known = [_duplicate(conn, _sha256(data), options) for _, data in files]
    parsed = [None if dup else read_upload(data, name, options) for (name, data), dup in zip(files, known, strict=True)]
    result = BatchResult([], stored=False)
    with reading(engine) as conn:
        result.state = queries.stored_state(conn)
        batch = _Batch()
        for (name, data), read in zip(files, parsed, strict=True):
            earlier = batch.seen.get(_sha256(data))
            if earlier is not None:  # the same bytes twice in one batch (same options): imported once
                shown = ParsedUpload(name, _sha256(data), len(data), "duplicate")
                duplicate = Duplicate(in_batch=earlier.parsed.filename)
                result.plans.append(UploadPlan(shown, data, options_identity(options), duplicate_of=duplicate))
                continue
            plan = _plan(conn, data, name, options, read, batch, actor)
            result.plans.append(plan)
            if plan.ok and plan.duplicate_of is None:
                batch.add(plan)
    if log_rejected and any(p.errors for p in result.plans):
        log_rejections(engine, [p for p in result.plans if p.errors], actor)
    return result


def _plan(
    conn: Connection,
    data: bytes,
    filename: str,
    options: ReadOptions,
    parsed: ParsedUpload | None,
    batch: _Batch,
    actor: Actor,
) -> UploadPlan:
    identity = options_identity(options)
    duplicate = _duplicate(conn, _sha256(data), options)
    if duplicate is not None:
        shown = ParsedUpload(filename, duplicate.sha256, len(data), "duplicate")
        return UploadPlan(shown, data, identity, duplicate_of=Duplicate(duplicate))
    parsed = parsed or read_upload(data, filename, options)
    units = queries.stored_units(conn)  # the register, read once for every check of this file
    match_numeric_codes(parsed, [*units, *batch.units])  # before anything reads the codes
    _check_scope(parsed, actor, units)
    plan = UploadPlan(parsed, data, identity)
    wanted = {related for period in parsed.periods for related in _related_periods(period)}
    stored = queries.current_figures(conn, wanted)
    stored.update({k: v for k, v in batch.figures.items() if k[1] in wanted})
    plan.figures = _to_year_to_date(parsed, stored)
    _check_restatements(parsed, stored)
    parsed.problems.extend(
        scale_problems(plan.figures, stored, queries.current_targets(conn, None), _kinds(units, parsed))
    )
    check_locks(conn, parsed)
    _plan_units(plan, units, batch)
    plan.changes = [_change(f, stored.get((f.unit_code, f.period, f.metric))) for f in plan.figures]
    return plan


def _kinds(registered: dict[str, UnitRow], parsed: ParsedUpload) -> dict[str, str]:
    """Each unit's kind for the scale check: an eliminations row is skipped when the file or the register says so."""
    kinds = {code: u.kind for code, u in registered.items()}
    for u in parsed.units.values():
        if kinds.get(u.code) != "elimination":
            kinds[u.code] = u.kind
    return kinds


def _check_scope(parsed: ParsedUpload, actor: Actor, registered: dict[str, UnitRow]) -> None:
    """A scoped actor's file may hold rows of its own units only: each other unit's row is an error. Nor may it
    change its units' registered details (name, English name, parent: the parent moves the unit's figures into
    another unit's totals): a difference is an error naming the row, the registered and the written value."""
    if not actor.scoped:
        return
    own = ", ".join(sorted(actor.units)) or "—"
    for u in parsed.units.values():
        where = (parsed.sheet, row_range(u.row))
        if not actor.covers(u.code):
            parsed.problems.append(error("unit_out_of_scope", *where, u.code, unit=u.code, units=own))
            continue
        known = registered.get(u.code)
        if known is None:
            continue
        for code, stored, written in (
            ("unit_name_out_of_scope", known.name_zh, u.name),
            ("unit_name_en_out_of_scope", known.name_en, u.name_en or known.name_en),
            ("unit_parent_out_of_scope", known.parent_code, u.parent_code if u.parent_given else known.parent_code),
        ):
            if written != stored:
                parsed.problems.append(error(code, *where, written, unit=u.code, registered=stored or "—"))


def _duplicate(conn: Connection, sha256: str, options: ReadOptions) -> UploadRow | None:
    """The first stored import of these bytes read with these options (an upload's identity), if any."""
    return queries.upload_by_identity(conn, sha256, options_identity(options))


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


def check_locks(conn: Connection, parsed: ParsedUpload) -> bool:
    """Add an error for each of the file's periods that is locked; whether there was one."""
    locked = queries.locks(conn)
    found = False
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
            found = True
    return found


def _plan_units(plan: UploadPlan, registered: dict[str, UnitRow], batch: _Batch | None = None) -> None:
    """The file's units to register or refresh. A file without a parent-code column keeps each known unit's
    parent; one whose parent differs from the registered one is a warning (the unit moves into other totals)."""
    known = {code: u.name_zh for code, u in registered.items()} | (batch.units if batch else {})
    for u in plan.parsed.units.values():
        stored = registered.get(u.code)
        parent = u.parent_code if u.parent_given or stored is None else stored.parent_code
        plan.units.append(NewUnit(u.code, u.name, u.name_en, parent, u.kind))
        if stored is not None and parent != stored.parent_code:
            plan.parsed.problems.append(
                warning(
                    "parent_changed",
                    plan.parsed.sheet,
                    row_range(u.row),
                    parent,
                    unit=u.code,
                    old=stored.parent_code or "—",
                    new=parent or "—",
                )
            )
        if u.code not in known:
            plan.new_unit_codes.append(u.code)
        elif known[u.code] != u.name:
            plan.parsed.problems.append(
                warning(
                    "name_changed",
                    plan.parsed.sheet,
                    row_range(u.row),
                    u.name,
                    unit=u.code,
                    old=known[u.code],
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


def import_files(
    engine: Engine,
    files: Sequence[tuple[str, bytes]],
    options: ReadOptions,
    actor: Actor,
    dry_run: bool = False,
    expected_state: int | None = None,
    accepted: frozenset[str] = frozenset(),
) -> BatchResult:
    """Check files (no write lock), then store them in one brief write transaction; later files see earlier ones
    (a Q1 file then a Q2 single-quarter file works). Any error, or ``dry_run``: nothing is stored; rejected files
    are logged unless it is a dry run. ``expected_state`` (a preview's token): refused as stale when anything was
    stored since; without it, an import stored between this check and its store makes it check again.
    A warning that needs acknowledging (``NEEDS_ACKNOWLEDGEMENT``) and is not in ``accepted`` stops the store:
    nothing is stored and ``blocked`` names it."""
    actor.require(Action.UPLOAD)
    for _ in range(STORE_ATTEMPTS):
        result = check_files(engine, files, options, actor, log_rejected=not dry_run)
        if expected_state is not None and result.state != expected_state:
            result.stale = error("stale_preview", latest=result.state)
            return result
        if dry_run or result.has_errors:
            return result
        result = store_checked(engine, result, actor, accepted)
        if result.stale is None or expected_state is not None:
            return result
    return result


def store_checked(
    engine: Engine,
    result: BatchResult,
    actor: Actor,
    accepted: frozenset[str] = frozenset(),
    on_behalf: OnBehalf | None = None,
) -> BatchResult:
    """Store a checked batch in one write transaction, held only to write. Under the lock it re-checks the state
    token (anything stored since the check: ``stale``, nothing stored) and the period locks (a period locked
    since: the file is rejected and logged, nothing stored). Unacknowledged warnings (see ``import_files``):
    nothing stored, ``blocked`` names them. ``on_behalf``: a reviewer stores a unit's submission (its uploader,
    extra details, and a step in the same transaction; the actor needs ``Action.REVIEW`` then)."""
    actor.require(Action.UPLOAD if on_behalf is None else Action.REVIEW)
    if result.has_errors or result.stored:
        return result
    result.blocked = result.unacknowledged(accepted)
    if result.blocked:
        return result
    try:
        with writing(engine) as conn:
            latest = queries.stored_state(conn)
            if latest != result.state:
                result.stale = error("stale_preview", latest=latest)
                return result
            locked = [check_locks(conn, plan.parsed) for plan in result.plans if plan.duplicate_of is None]
            if any(locked):  # every file with a locked period is named, not only the first
                raise _Rollback
            for plan in result.plans:
                if plan.ok and plan.duplicate_of is None:
                    plan.upload_id = _store(conn, plan, actor, accepted, on_behalf)
            if on_behalf is not None and on_behalf.then is not None:
                on_behalf.then(conn, result)
        result.stored = True  # only once the transaction has committed
    except _Rollback:
        pass
    except BaseException:
        for plan in result.plans:
            plan.upload_id = None
        raise
    if not result.stored and any(p.errors for p in result.plans):
        log_rejections(engine, [p for p in result.plans if p.errors], actor)
    return result


class _Rollback(Exception):
    pass


@dataclass(frozen=True)
class OnBehalf:
    """A batch stored for someone else (a unit's confirmed submission): logged as uploaded by ``uploader``,
    ``details`` added to the upload's details and its audit entry; ``then`` runs in the same transaction after
    the files are stored (raising rolls everything back)."""

    uploader: str
    details: dict[str, Any] = field(default_factory=dict)
    then: Callable[[Connection, BatchResult], None] | None = None


def _with_stored_metrics(conn: Connection, options: ReadOptions) -> ReadOptions:
    metrics = queries.metric_defs(conn)
    return ReadOptions(options.period, options.amount_unit, metrics or options.metrics, options.max_bytes)


def _store(
    conn: Connection,
    plan: UploadPlan,
    actor: Actor,
    accepted: frozenset[str] = frozenset(),
    on_behalf: OnBehalf | None = None,
) -> int:
    parsed = plan.parsed
    acknowledged = sorted({p.code for p in plan.warnings if p.code in NEEDS_ACKNOWLEDGEMENT} & accepted)
    extra = on_behalf.details if on_behalf else {}
    details = {
        "sheet": parsed.sheet,
        "header_row": parsed.header_row,
        "file_kind": parsed.file_kind,
        "metadata": parsed.metadata,
        "read_options": plan.read_options,
        "new_units": plan.new_unit_codes,
        "changes": {s: plan.count(s) for s in ("new", "changed", "unchanged")},
        "accepted_warnings": acknowledged,
        **extra,
    }
    entry = UploadEntry(
        "import",
        "stored",
        on_behalf.uploader if on_behalf else actor.username,
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
    audit: dict[str, Any] = {"upload": upload_id, "filename": parsed.filename, "sha256": parsed.sha256}
    audit |= plan.read_options | extra
    if acknowledged:
        audit["accepted_warnings"] = acknowledged
    repository.audit(conn, actor.username, "upload", {**audit, "figures": len(plan.figures)})
    return upload_id


def _problem_key(record: dict[str, Any]) -> tuple[str, ...]:
    """What makes two logged problems the same: severity, reason, place, value and parameters (not the file name
    or the message's wording)."""
    fields = (record.get(k) for k in ("severity", "code", "sheet", "cell", "value", "params"))
    return tuple(json.dumps(f, ensure_ascii=False, sort_keys=True, default=str) for f in fields)


def _logged_before(conn: Connection, plan: UploadPlan, actor: Actor, records: list[dict[str, Any]]) -> bool:
    """Whether this rejection repeats the account's last rejected attempt of the same content (same SHA-256):
    same read options and the same problems. Then it is not logged again (a re-check of an unchanged bad file)."""
    last = queries.last_rejected(conn, plan.parsed.sha256, actor.username)
    if last is None or last.detail().get("read_options") != plan.read_options:
        return False
    stored = json.loads(last.problems or "[]")
    fresh = json.loads(json.dumps(records, ensure_ascii=False, default=str))
    return sorted(map(_problem_key, stored)) == sorted(map(_problem_key, fresh))


def log_rejections(engine: Engine, plans: list[UploadPlan], actor: Actor) -> None:
    """Record files refused for errors in the upload log (with every problem in both languages) and the audit
    log; stores no figure. The periods logged are capped at ``MAX_PERIODS`` (the column's width). A repeated
    check of the same bad file by the same account with the same problems is logged once (``_logged_before``)."""
    with writing(engine) as conn:
        for plan in plans:
            parsed = plan.parsed
            records = [problem_record(p, parsed.filename) for p in parsed.problems]
            if _logged_before(conn, plan, actor, records):
                continue
            details = {"file_kind": parsed.file_kind, "sheet": parsed.sheet, "read_options": plan.read_options}
            entry = UploadEntry(
                "import",
                "rejected",
                actor.username,
                parsed.sha256,
                parsed.filename,
                parsed.size,
                parsed.periods[:MAX_PERIODS],
                0,
                details,
                records,
            )
            upload_id = repository.log_upload(conn, entry)
            codes = sorted({p.code for p in parsed.errors})
            repository.audit(
                conn,
                actor.username,
                "upload_rejected",
                {"upload": upload_id, "filename": parsed.filename, "errors": codes},
            )


@dataclass
class RevertResult:
    upload_id: int | None = None
    restored: int = 0
    problems: list[Problem] = field(default_factory=list)


def revert_upload(engine: Engine, upload_id: int, actor: Actor, reason: str = "") -> RevertResult:
    """Make the figures an earlier upload stored current again, as new versions (nothing is deleted), for
    ``reason`` (kept with the revert: the figure's lineage shows it). Needs ``Action.REVERT``; audited as
    ``revert``. A reason that cannot be kept (too long, a control character) is refused as a problem."""
    actor.require(Action.REVERT)
    result = RevertResult()
    try:
        reason = clean_text(reason, REVERT_REASON_MAX, required=False)
    except TextProblem as exc:
        result.problems.append(error(f"revert_reason_{exc.kind}", value=upload_id, **exc.params))
        return result
    with writing(engine) as conn:
        source = queries.upload(conn, upload_id)
        if source is None or source.outcome != "stored":
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
            actor.username,
            source.sha256,
            source.filename,
            source.size,
            sorted(periods),
            len(restore),
            {"reverts": upload_id, "reason": reason},
            reverts_upload_id=upload_id,
        )
        result.upload_id = repository.log_upload(conn, entry)
        repository.add_figure_versions(conn, result.upload_id, restore)
        repository.audit(
            conn, actor.username, "revert", {"upload": upload_id, "new_upload": result.upload_id, "reason": reason}
        )
        result.restored = len(restore)
    return result
