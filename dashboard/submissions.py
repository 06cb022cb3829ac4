"""多级上报: a unit finance account submits its units' flash report; group finance reviews and confirms or returns it.

``submit_files`` (``Action.SUBMIT``) checks files as an import does (``imports.check_files``: a scoped actor's
rows of other units are errors naming the row). Errors: the files are logged as rejected and nothing is kept;
a warning that needs acknowledging and is not accepted: ``blocked``, nothing kept. Otherwise each file that
would change something is kept (``stored_files``) with a ``submissions`` row in state ``submitted``, in one
write transaction; its figures are *not* current.

``review_check`` (``Action.REVIEW``) checks the kept bytes again, with the kept read options, against what is
stored now and with the submitter's *current* scope: the same preview of what changes. ``confirm_submission``
stores it as an ordinary upload (new versions; uploaded by the submitter, ``details["submission"]`` and
``details["confirmed_by"]``) and marks it ``confirmed`` in the same transaction; stale previews, locked periods
and unacknowledged warnings refuse as ``imports.store_checked`` does. ``return_submission`` marks it
``returned`` with a reason the unit sees; the unit corrects the file and submits again (a new submission).

Refusals that are not about a file's content raise ``SubmissionError`` (a text key of dashboard.i18n).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine

from dashboard.auth.roles import Action, Actor, parse_units
from dashboard.domain import AMOUNT_UNITS, Period, error
from dashboard.imports import (
    BatchResult,
    OnBehalf,
    UploadPlan,
    check_files,
    check_locks,
    log_rejections,
    store_checked,
)
from dashboard.ingest import ReadOptions
from dashboard.safe_text import TextProblem, clean_text
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.repository import NewSubmission
from dashboard.storage.rows import SubmissionRow

STATES = ("submitted", "returned", "confirmed")
REASON_MAX = 2000


class SubmissionError(Exception):
    """A review step that cannot be done: ``code`` names the text (dashboard.i18n), ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def shown(self, say: Callable[[str], str]) -> dict[str, Any]:
        """The parameters for the message, a state in words (``say`` gives the text of a key)."""
        shown = dict(self.params)
        if shown.get("state"):
            shown["state"] = say(f"state.{shown['state']}")
        return shown


def upload_ids(result: BatchResult, none: str = "–") -> str:
    """The uploads a confirmed submission was stored as ("#7, #8"); ``none`` when there is none."""
    return ", ".join(f"#{p.upload_id}" for p in result.plans if p.upload_id is not None) or none


def submit_files(
    engine: Engine,
    files: Sequence[tuple[str, bytes]],
    options: ReadOptions,
    actor: Actor,
    accepted: frozenset[str] = frozenset(),
    expected_state: int | None = None,
) -> BatchResult:
    """Check files and keep each that changes anything as a submission awaiting review (``plan.submission_id``);
    ``result.stored`` once committed. Nothing is kept when any file has an error (logged as rejected), when a
    warning needing acknowledgement is not in ``accepted`` (``blocked``), when ``expected_state`` (a preview's
    token) is no longer current (``stale``), or when a period was locked since the check."""
    actor.require(Action.SUBMIT)
    result = check_files(engine, files, options, actor, log_rejected=True)
    if expected_state is not None and result.state != expected_state:
        result.stale = error("stale_preview", latest=result.state)
        return result
    if result.has_errors:
        return result
    result.blocked = result.unacknowledged(accepted)
    if result.blocked:
        return result
    if _keep_all(engine, result, actor, accepted):
        result.stored = True  # only once the transaction has committed
    else:  # a period locked since the check: the files are logged as rejected, as imports.store_checked does
        log_rejections(engine, [p for p in result.plans if p.errors], actor)
    return result


def _keep_all(engine: Engine, result: BatchResult, actor: Actor, accepted: frozenset[str]) -> bool:
    """Keep each file that changes anything, in one write transaction; False (nothing kept, each locked period
    an error of its file) when a period was locked since the check. A failed write leaves no submission id."""
    try:
        with writing(engine) as conn:
            locked = [check_locks(conn, plan.parsed) for plan in result.plans if plan.duplicate_of is None]
            if any(locked):  # every file with a locked period is named, not only the first
                return False
            for plan in result.plans:
                if plan.changes_anything:
                    plan.submission_id = _keep(conn, plan, actor, accepted)
        return True
    except BaseException:
        for plan in result.plans:
            plan.submission_id = None
        raise


def _keep(conn: Connection, plan: UploadPlan, actor: Actor, accepted: frozenset[str]) -> int:
    """Keep the file and record it as a submission; the same bytes and options already awaiting review from
    this account are that submission (not a second one). Its acknowledged warnings stay as first recorded (and
    audited with ``submit``): nothing is written for the repeat, and the reviewer acknowledges each warning
    again on confirming, against the check made then."""
    parsed = plan.parsed
    options = json.dumps(plan.read_options, ensure_ascii=False, sort_keys=True)
    pending = queries.pending_submission(conn, parsed.sha256, actor.username, options)
    if pending is not None:
        return pending.id
    repository.keep_file(conn, parsed.sha256, plan.data)
    new = NewSubmission(
        sha256=parsed.sha256,
        filename=parsed.filename,
        size=parsed.size,
        read_options=plan.read_options,
        periods=parsed.periods,
        units=[u.code for u in plan.units],
        figure_count=len(plan.figures),
        submitted_by=actor.username,
        accepted_warnings=sorted({p.code for p in plan.warnings} & accepted),
    )
    return repository.add_submission(conn, new)


def submission(engine: Engine, submission_id: int, actor: Actor) -> SubmissionRow:
    """One submission; a scoped actor sees only its own (``submission.unknown`` otherwise, as for none)."""
    actor.require(Action.SUBMIT)
    with engine.connect() as conn:
        row = queries.submission_row(conn, submission_id)
    if row is None or (actor.scoped and row.submitted_by != actor.username):
        raise SubmissionError("submission.unknown", value=submission_id)
    return row


def list_submissions(engine: Engine, actor: Actor, state: str | None = None) -> list[SubmissionRow]:
    """Submissions, newest first: a scoped actor's own only; a reviewer's all (``state``: only those)."""
    actor.require(Action.SUBMIT)
    if state is not None and state not in STATES:
        raise SubmissionError("submission.bad_state", value=state, states=", ".join(STATES))
    mine = None if actor.may(Action.REVIEW) and not actor.scoped else actor.username
    with engine.connect() as conn:
        return queries.submission_rows(conn, state, mine)


def submitter(engine: Engine, row: SubmissionRow) -> Actor:
    """The submitter with its *current* scope (an account since removed or no longer unit finance: no units)."""
    with engine.connect() as conn:
        account = queries.user_row(conn, row.submitted_by)
    units = parse_units(account.units) if account is not None and account.role == "unit_finance" else frozenset()
    return Actor(row.submitted_by, "unit_finance", units)


def _options(row: SubmissionRow) -> ReadOptions:
    kept = json.loads(row.read_options or "{}")
    period, unit = kept.get("period"), kept.get("amount_unit")
    return ReadOptions(Period.parse(period) if period else None, AMOUNT_UNITS[unit] if unit else None)


def review_check(engine: Engine, submission_id: int, actor: Actor) -> BatchResult:
    """The kept file checked again against what is stored now, read with its kept options and the submitter's
    current scope: the preview of what confirming it would change. Needs ``Action.REVIEW``."""
    actor.require(Action.REVIEW)
    row = submission(engine, submission_id, actor)
    with engine.connect() as conn:
        data = queries.stored_file(conn, row.sha256)
    if data is None:
        raise SubmissionError("submission.unknown", value=submission_id)
    return check_files(engine, [(row.filename, data)], _options(row), submitter(engine, row))


def confirm_submission(
    engine: Engine,
    submission_id: int,
    actor: Actor,
    accepted: frozenset[str] = frozenset(),
    expected_state: int | None = None,
) -> BatchResult:
    """Store a ``submitted`` submission's figures as an upload by its submitter (new versions) and mark it
    ``confirmed``, in one transaction. Refused as ``store_checked`` refuses (errors, ``stale``, ``blocked``,
    locked periods); a submission no longer awaiting review raises ``submission.not_pending``. Needs REVIEW."""
    actor.require(Action.REVIEW)
    row = _pending(engine, submission_id, actor)
    result = review_check(engine, submission_id, actor)
    if expected_state is not None and result.state != expected_state:
        result.stale = error("stale_preview", latest=result.state)
        return result
    if result.has_errors:
        return result

    def mark(conn: Connection, stored: BatchResult) -> None:
        current = queries.submission_row(conn, submission_id)
        if current is None or current.state != "submitted":
            raise SubmissionError("submission.not_pending", value=submission_id, state=current.state if current else "")
        upload = next((p.upload_id for p in stored.plans if p.upload_id is not None), None)
        repository.set_submission_state(conn, submission_id, "confirmed", actor.username, upload_id=upload)

    details = {"submission": submission_id, "confirmed_by": actor.username}
    return store_checked(engine, result, actor, accepted, OnBehalf(row.submitted_by, details, mark))


def return_submission(engine: Engine, submission_id: int, actor: Actor, reason: str) -> SubmissionRow:
    """Return a ``submitted`` submission to its unit with ``reason`` (required: ``submission.reason_required``);
    the unit sees it. Needs ``Action.REVIEW``; audited as ``submission_returned``."""
    actor.require(Action.REVIEW)
    why = clean_reason(reason)
    with writing(engine) as conn:
        row = queries.submission_row(conn, submission_id)
        if row is None:
            raise SubmissionError("submission.unknown", value=submission_id)
        if row.state != "submitted":
            raise SubmissionError("submission.not_pending", value=submission_id, state=row.state)
        repository.set_submission_state(conn, submission_id, "returned", actor.username, reason=why)
        updated = queries.submission_row(conn, submission_id)
    assert updated is not None
    return updated


def clean_reason(reason: str) -> str:
    """A return reason as kept (``safe_text.clean_text``): required, at most REASON_MAX characters, no control
    character other than a line break or a tab.

    >>> clean_reason("  1101 营业收入单位错了\\r\\n请改正  ")
    '1101 营业收入单位错了\\n请改正'
    """
    try:
        return clean_text(reason, REASON_MAX)
    except TextProblem as exc:
        raise SubmissionError(f"submission.reason_{exc.kind}", **exc.params) from exc


def _pending(engine: Engine, submission_id: int, actor: Actor) -> SubmissionRow:
    row = submission(engine, submission_id, actor)
    if row.state != "submitted":
        raise SubmissionError("submission.not_pending", value=submission_id, state=row.state)
    return row
