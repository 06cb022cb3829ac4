"""The one module that writes. Every write is parameterised, inside a transaction the caller opened with
``dashboard.storage.engine.writing``, and appends: figures and targets get new versions, never updates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from dashboard.domain import MetricDef, Period, VarianceComment
from dashboard.storage import audit_chain, queries
from dashboard.storage.tables import (
    app_settings,
    audit_log,
    figures,
    issued_reports,
    metrics,
    period_locks,
    stored_files,
    submissions,
    targets,
    units,
    uploads,
    users,
    variance_comments,
)
from dashboard.storage.types import ExactDecimal


@dataclass(frozen=True, slots=True)
class NewFigure:
    """A figure version to store, year to date in yuan."""

    unit_code: str
    period: Period
    metric: str
    ytd: Decimal | None
    prior_ytd: Decimal | None
    source: str  # "ytd" | "quarter" | "revert"
    source_cell: str = ""


@dataclass(frozen=True, slots=True)
class NewUnit:
    code: str
    name_zh: str
    name_en: str
    parent_code: str
    kind: str


@dataclass(frozen=True, slots=True)
class UploadEntry:
    """One line of the upload log."""

    action: str  # "import" | "revert"
    outcome: str  # "stored" | "rejected"
    uploaded_by: str
    sha256: str = ""
    filename: str = ""
    size: int = 0
    periods: Sequence[Period] = ()
    figure_count: int = 0
    details: dict[str, Any] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    reverts_upload_id: int | None = None


def now() -> datetime:
    return datetime.now(UTC)


def log_upload(conn: Connection, entry: UploadEntry) -> int:
    """Append to the upload log; returns the upload id."""
    values = {
        "action": entry.action,
        "outcome": entry.outcome,
        "sha256": entry.sha256,
        "filename": entry.filename[:300],
        "size": entry.size,
        "uploaded_by": entry.uploaded_by,
        "uploaded_at": now(),
        "reverts_upload_id": entry.reverts_upload_id,
        "periods": ",".join(str(p) for p in sorted(set(entry.periods))),
        "figure_count": entry.figure_count,
        "details": json.dumps(entry.details, ensure_ascii=False, default=str),
        "problems": json.dumps(entry.problems, ensure_ascii=False, default=str),
    }
    return int(conn.execute(insert(uploads).values(**values).returning(uploads.c.id)).scalar_one())


def keep_file(conn: Connection, sha256: str, content: bytes) -> None:
    """Keep the original file by its SHA-256 (once, however often it is referred to)."""
    exists = conn.execute(select(stored_files.c.sha256).where(stored_files.c.sha256 == sha256)).first()
    if not exists:
        conn.execute(insert(stored_files).values(sha256=sha256, size=len(content), content=content))


def save_units(conn: Connection, new_units: Iterable[NewUnit]) -> None:
    """Register new units; refresh the name, English name and parent of known ones when the file differs."""
    stored = queries.stored_units(conn)
    at = now()
    fresh = []
    for u in new_units:
        known = stored.get(u.code)
        if known is None:
            fresh.append({**_unit_values(u), "created_at": at, "updated_at": at})
        elif (known.name_zh, known.name_en, known.parent_code) != (
            u.name_zh,
            u.name_en or known.name_en,
            u.parent_code,
        ):
            values = {
                "name_zh": u.name_zh,
                "name_en": u.name_en or known.name_en,
                "parent_code": u.parent_code,
            }
            conn.execute(update(units).where(units.c.code == u.code).values(**values, updated_at=at))
    if fresh:
        conn.execute(insert(units), fresh)


# ---- issue 11: a unit's reporting range (dashboard.reporting_range)


def set_unit_reporting(conn: Connection, code: str, by: str, **changes: str) -> None:
    """Change a registered unit's reporting range (``reporting_from``, ``stopped_from``, ``stop_reason``; checked
    by the caller); audited as ``unit_reporting`` with the new and the old values."""
    known = queries.stored_units(conn)[code]
    was = {name: getattr(known, name) for name in changes}
    conn.execute(update(units).where(units.c.code == code).values(**changes, updated_at=now()))
    audit(conn, by, "unit_reporting", {"unit": code, **changes, "was": was})


def _unit_values(u: NewUnit) -> dict[str, str]:
    return {
        "code": u.code,
        "name_zh": u.name_zh,
        "name_en": u.name_en,
        "parent_code": u.parent_code,
        "kind": u.kind,
    }


def add_figure_versions(conn: Connection, upload_id: int, new: Sequence[NewFigure]) -> None:
    """Store each figure as the next version of its (unit, period, metric); earlier versions stay."""
    versions = queries.max_versions(conn, {f.period for f in new})
    amount = ExactDecimal().bind_processor(conn.dialect)
    assert amount is not None  # a TypeDecorator always has one
    rows = [
        {
            "unit_code": f.unit_code,
            "year": f.period.year,
            "quarter": f.period.quarter,
            "metric": f.metric,
            "version": versions.get((f.unit_code, f.period, f.metric), 0) + 1,
            "ytd": amount(f.ytd),
            "prior_ytd": amount(f.prior_ytd),
            "source": f.source,
            "source_cell": f.source_cell[:120],
            "upload_id": upload_id,
        }
        for f in new
    ]
    _insert_many(conn, figures, rows)


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows with the driver's executemany: SQLAlchemy compiles the statement once, and the values
    are already in database form (amounts bound by ExactDecimal above). Binding 30,000 figures row by row
    through SQLAlchemy costs more than reading the workbook does."""
    if not rows:
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    if compiled.positiontup is not None:
        params: list[Any] = [tuple(row[key] for key in compiled.positiontup) for row in rows]
    else:
        params = rows
    conn.exec_driver_sql(compiled.string, params)


def add_target_version(
    conn: Connection,
    *,
    year: int,
    metric: str,
    unit_code: str,
    amount: Decimal | None,
    growth_floor: Decimal | None,
    base_amount: Decimal | None,
    set_by: str,
    reason: str,
) -> int:
    """Store a new version of a target; returns its version number."""
    history = [r for r in queries.target_rows(conn, year) if r.metric == metric and r.unit_code == unit_code]
    version = history[-1].version + 1 if history else 1
    conn.execute(
        insert(targets).values(
            year=year,
            metric=metric,
            unit_code=unit_code,
            version=version,
            amount=amount,
            growth_floor=growth_floor,
            base_amount=base_amount,
            set_by=set_by,
            set_at=now(),
            reason=reason,
        )
    )
    audit(conn, set_by, "target", {"year": year, "metric": metric, "unit": unit_code, "version": version})
    return version


def add_metric(conn: Connection, metric: MetricDef, position: int, by: str) -> None:
    """Configure a metric the workbook may carry (code, names, header aliases)."""
    aliases = {kind.value: list(values) for kind, values in metric.aliases.items()}
    conn.execute(
        insert(metrics).values(
            code=metric.code,
            name_zh=metric.name_zh,
            name_en=metric.name_en,
            aliases=json.dumps(aliases, ensure_ascii=False),
            required=metric.required,
            warn_negative=metric.warn_negative,
            position=position,
        )
    )
    audit(conn, by, "metric", {"code": metric.code, "aliases": aliases})


def lock_period(conn: Connection, period: Period, by: str, reason: str) -> bool:
    """Lock a period; False when it was locked already."""
    if period in queries.locks(conn):
        return False
    conn.execute(
        insert(period_locks).values(
            year=period.year, quarter=period.quarter, locked_by=by, locked_at=now(), reason=reason
        )
    )
    audit(conn, by, "lock", {"period": str(period), "reason": reason})
    return True


def unlock_period(conn: Connection, period: Period, by: str, reason: str) -> bool:
    """Unlock a period; False when it was not locked. The audit log keeps who locked and unlocked it."""
    lock = queries.locks(conn).get(period)
    if lock is None:
        return False
    conn.execute(
        delete(period_locks).where(period_locks.c.year == period.year, period_locks.c.quarter == period.quarter)
    )
    details = {
        "period": str(period),
        "reason": reason,
        "was_locked_by": lock.locked_by,
        "locked_at": lock.locked_at,
    }
    audit(conn, by, "unlock", details)
    return True


USER_FIELDS = frozenset({"display_name", "email", "role", "active", "password_hash"})


def add_user(
    conn: Connection,
    *,
    username: str,
    display_name: str,
    email: str | None,
    role: str,
    password_hash: str | None,
    by: str,
) -> None:
    """Create an account (username and email already lower case). The audit log says whether it has a password,
    never the hash."""
    at = now()
    values = {"username": username, "display_name": display_name, "email": email, "role": role}
    conn.execute(insert(users).values(**values, password_hash=password_hash, active=True, created_at=at, updated_at=at))
    audit(conn, by, "user_create", {**values, "password": password_hash is not None})


def update_user(conn: Connection, username: str, by: str, **changes: Any) -> None:
    """Change some of display_name, email, role, active and password_hash of an account.

    Audited as ``user_password`` when the password changes (only whether it was removed) and as ``user_update``
    with each other field's old and new value.
    """
    if not changes or not set(changes) <= USER_FIELDS:
        raise ValueError(f"update_user: expected some of {sorted(USER_FIELDS)}, got {sorted(changes)}")
    old = queries.user_row(conn, username)
    if old is None:
        raise LookupError(username)
    conn.execute(update(users).where(users.c.username == old.username).values(**changes, updated_at=now()))
    if "password_hash" in changes:
        audit(conn, by, "user_password", {"username": old.username, "removed": changes["password_hash"] is None})
    shown = {k: [getattr(old, k), v] for k, v in changes.items() if k != "password_hash"}
    if shown:
        audit(conn, by, "user_update", {"username": old.username, "changes": shown})


def record_login(conn: Connection, username: str, password_hash: str | None = None) -> None:
    """Note a sign-in, and store the password's hash again when it was upgraded to the current cost.

    The caller audits the sign-in; ``queries.data_version`` ignores sign-in entries (SECURITY_ACTIONS), so a
    sign-in does not empty the web app's caches.
    """
    values: dict[str, Any] = {"last_login_at": now()}
    if password_hash is not None:
        values["password_hash"] = password_hash
    conn.execute(update(users).where(users.c.username == username).values(**values))


def save_setting(conn: Connection, name: str, value: str, by: str) -> None:
    """Store an admin's value for an editable setting (validated by the caller); audited with the old value."""
    was = queries.stored_settings(conn).get(name)
    values = {"value": value, "updated_by": by, "updated_at": now()}
    if was is None:
        conn.execute(insert(app_settings).values(name=name, **values))
    else:
        conn.execute(update(app_settings).where(app_settings.c.name == name).values(**values))
    audit(conn, by, "setting", {"name": name, "value": value, "was": was})


def audit(conn: Connection, actor: str, action: str, details: dict[str, Any]) -> None:
    """Append to the audit log (details as JSON), chained to the previous entry (dashboard.storage.audit_chain).

    Only inside ``dashboard.storage.engine.writing``: serialised writers keep the chain from forking. The actor
    and action are cut to their columns' widths and cleared of control characters (the same on SQLite and
    PostgreSQL, which refuses NUL).
    """
    if not conn.get_execution_options().get("writer"):
        raise RuntimeError("repository.audit must run inside storage.engine.writing (a serialised write)")
    who, what, prev = _plain(actor, 100), _plain(action, 40), audit_chain.last_hash(conn)
    text = json.dumps(details, ensure_ascii=False, default=str)
    added = insert(audit_log).values(at=now(), actor=who, action=what, details=text, prev_hash=prev, hash="")
    entry_id = int(conn.execute(added.returning(audit_log.c.id)).scalar_one())
    stored = conn.execute(select(audit_log.c.at).where(audit_log.c.id == entry_id)).scalar_one()
    digest = audit_chain.entry_hash(entry_id, stored, who, what, text, prev)
    conn.execute(update(audit_log).where(audit_log.c.id == entry_id).values(hash=digest))


def _plain(value: str, width: int) -> str:
    """Text without control characters, at most ``width`` characters.

    >>> _plain("ad\\x00min\\n", 100), _plain("x" * 120, 100) == "x" * 100
    ('admin', True)
    """
    return "".join(ch for ch in str(value) if ch.isprintable())[:width]


# ---- issue 9: variance comments (差异说明)


def add_variance_comment(
    conn: Connection, *, unit_code: str, metric: str, period: Period, comment: str, measures: str, written_by: str
) -> VarianceComment:
    """Store the next version of a unit's comment and measures on a metric for a period (earlier versions stay);
    audited as ``comment`` with its place, version and lengths (the text itself is in the table)."""
    vc = variance_comments.c
    newest = conn.execute(
        select(func.max(vc.version)).where(
            vc.unit_code == unit_code, vc.metric == metric, vc.year == period.year, vc.quarter == period.quarter
        )
    ).scalar_one()
    saved = VarianceComment(unit_code, metric, period, (newest or 0) + 1, comment, measures, written_by, now())
    conn.execute(
        insert(variance_comments).values(
            unit_code=unit_code,
            year=period.year,
            quarter=period.quarter,
            metric=metric,
            version=saved.version,
            comment=comment,
            measures=measures,
            written_by=written_by,
            written_at=saved.written_at,
        )
    )
    details = {"unit": unit_code, "metric": metric, "period": str(period), "version": saved.version}
    audit(conn, written_by, "comment", {**details, "comment_chars": len(comment), "measures_chars": len(measures)})
    return saved


# ---- issue 9 (h-issue): issued gap reports -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewIssuedReport:
    """An issued report to record; its bytes are kept with ``keep_file`` under ``sha256``."""

    year: int
    quarter: int
    scope: str
    lang: str
    format: str
    sha256: str
    size: int
    filename: str
    data_version: str
    summary: dict[str, Any]
    issued_by: str


def add_issued_report(conn: Connection, new: NewIssuedReport) -> int:
    """Record an issued report (its file already kept) and audit it as ``report_issue``; returns its id."""
    values = {
        "year": new.year,
        "quarter": new.quarter,
        "scope": new.scope,
        "lang": new.lang,
        "format": new.format,
        "sha256": new.sha256,
        "size": new.size,
        "filename": new.filename[:300],
        "data_version": new.data_version[:100],
        "summary": json.dumps(new.summary, ensure_ascii=False, default=str, sort_keys=True),
        "issued_by": new.issued_by,
        "issued_at": now(),
    }
    report_id = int(conn.execute(insert(issued_reports).values(**values).returning(issued_reports.c.id)).scalar_one())
    shown = {k: values[k] for k in ("year", "quarter", "scope", "lang", "format", "sha256", "size", "data_version")}
    audit(conn, new.issued_by, "report_issue", {"id": report_id, **shown, "filename": values["filename"]})
    return report_id


# --- 多级上报 (dashboard.submissions): submissions and the units of unit finance accounts ---------------------


@dataclass(frozen=True, slots=True)
class NewSubmission:
    """A unit finance account's file submitted for review (the file itself kept by ``keep_file``)."""

    sha256: str
    filename: str
    size: int
    read_options: dict[str, str | None]
    periods: Sequence[Period]
    units: Sequence[str]
    figure_count: int
    submitted_by: str
    accepted_warnings: Sequence[str] = ()


def add_submission(conn: Connection, new: NewSubmission) -> int:
    """Record a submission awaiting review (state ``submitted``) and audit it as ``submit``; returns its id."""
    values = {
        "sha256": new.sha256,
        "filename": new.filename[:300],
        "size": new.size,
        "read_options": json.dumps(new.read_options, ensure_ascii=False, sort_keys=True),
        "periods": ",".join(str(p) for p in sorted(set(new.periods)))[:400],
        "units": ",".join(sorted(set(new.units))),
        "figure_count": new.figure_count,
        "state": "submitted",
        "submitted_by": new.submitted_by,
        "submitted_at": now(),
        "accepted_warnings": ",".join(sorted(set(new.accepted_warnings)))[:200],
    }
    added = insert(submissions).values(**values).returning(submissions.c.id)
    submission_id = int(conn.execute(added).scalar_one())
    shown = {k: values[k] for k in ("filename", "sha256", "periods", "units", "figure_count", "accepted_warnings")}
    audit(conn, new.submitted_by, "submit", {"submission": submission_id, **shown})
    return submission_id


def set_submission_state(
    conn: Connection, submission_id: int, state: str, by: str, reason: str = "", upload_id: int | None = None
) -> None:
    """Mark a submission ``confirmed`` (with the upload that stored it) or ``returned`` (with the reason), by
    the reviewer; audited as ``submission_<state>``."""
    values = {"state": state, "reviewed_by": by, "reviewed_at": now(), "reason": reason, "upload_id": upload_id}
    conn.execute(update(submissions).where(submissions.c.id == submission_id).values(**values))
    details = {"submission": submission_id, "upload": upload_id, "reason": reason}
    audit(conn, by, f"submission_{state}", details)


def set_user_units(conn: Connection, username: str, codes: Iterable[str], by: str) -> None:
    """Set the unit codes a (unit finance) account acts for; audited as ``user_units`` with old and new."""
    old = queries.user_row(conn, username)
    if old is None:
        raise LookupError(username)
    value = ",".join(sorted(set(codes)))
    conn.execute(update(users).where(users.c.username == old.username).values(units=value, updated_at=now()))
    audit(conn, by, "user_units", {"username": old.username, "units": [old.units, value]})
