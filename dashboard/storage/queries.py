"""Reads from the database. Every function takes a Connection and returns plain data."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, tuple_

from dashboard.domain import FigureKind, MetricDef, Period, VarianceComment
from dashboard.storage.rows import (
    AuditRow,
    SettingRow,
    SubmissionRow,
    TargetVersionRow,
    UnitRow,
    UploadRow,
    UserRow,
)
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
    variance_comments,
)
from dashboard.storage.tables import users as user_table

FigureKey = tuple[str, Period, str]  # (unit code, period, metric)


@dataclass(frozen=True, slots=True)
class StoredFigure:
    unit_code: str
    period: Period
    metric: str
    version: int
    ytd: Decimal | None
    prior_ytd: Decimal | None
    source: str
    source_cell: str
    upload_id: int


@dataclass(frozen=True, slots=True)
class Lock:
    period: Period
    locked_by: str
    locked_at: datetime
    reason: str


def metric_defs(conn: Connection) -> tuple[MetricDef, ...]:
    """The configured metrics, in display order."""
    rows = conn.execute(select(metrics).order_by(metrics.c.position, metrics.c.code)).mappings()
    return tuple(
        MetricDef(
            code=r["code"],
            name_zh=r["name_zh"],
            name_en=r["name_en"],
            aliases={FigureKind(k): tuple(v) for k, v in json.loads(r["aliases"]).items()},
            required=r["required"],
            warn_negative=r["warn_negative"],
        )
        for r in rows
    )


def _current_versions(periods: Iterable[Period] | None = None) -> Any:
    """A subquery of the newest version of each (unit, year, quarter, metric)."""
    query = select(
        figures.c.unit_code,
        figures.c.year,
        figures.c.quarter,
        figures.c.metric,
        func.max(figures.c.version).label("version"),
    ).group_by(figures.c.unit_code, figures.c.year, figures.c.quarter, figures.c.metric)
    if periods is not None:
        keys = [(p.year, p.quarter) for p in set(periods)]
        query = query.where(tuple_(figures.c.year, figures.c.quarter).in_(keys))
    return query.subquery("current")


def current_figures(conn: Connection, periods: Iterable[Period] | None = None) -> dict[FigureKey, StoredFigure]:
    """The current (newest) version of every stored figure, optionally only for some periods."""
    periods = None if periods is None else list(periods)
    if periods is not None and not periods:
        return {}
    cur = _current_versions(periods)
    c = figures.c
    columns = (c.unit_code, c.year, c.quarter, c.metric, c.version, c.ytd, c.prior_ytd, c.source, c.source_cell)
    query = select(*columns, c.upload_id).join(
        cur,
        and_(
            c.unit_code == cur.c.unit_code,
            c.year == cur.c.year,
            c.quarter == cur.c.quarter,
            c.metric == cur.c.metric,
            c.version == cur.c.version,
        ),
    )
    result = {}
    periods_seen: dict[tuple[int, int], Period] = {}  # one Period per quarter, not one per row (tens of thousands)
    for unit, year, quarter, metric, version, ytd, prior, source, cell, upload in conn.execute(query):
        period = periods_seen.get((year, quarter)) or periods_seen.setdefault((year, quarter), Period(year, quarter))
        result[(unit, period, metric)] = StoredFigure(unit, period, metric, version, ytd, prior, source, cell, upload)
    return result


def _figure(r: Any) -> StoredFigure:
    return StoredFigure(
        r["unit_code"],
        Period(r["year"], r["quarter"]),
        r["metric"],
        r["version"],
        r["ytd"],
        r["prior_ytd"],
        r["source"],
        r["source_cell"],
        r["upload_id"],
    )


def figure_history(conn: Connection, unit_code: str | None = None, period: Period | None = None) -> list[StoredFigure]:
    """Every version of the matching figures, oldest first."""
    query = select(figures).order_by(
        figures.c.year, figures.c.quarter, figures.c.unit_code, figures.c.metric, figures.c.version
    )
    if unit_code:
        query = query.where(figures.c.unit_code == unit_code)
    if period:
        query = query.where(figures.c.year == period.year, figures.c.quarter == period.quarter)
    return [_figure(r) for r in conn.execute(query).mappings()]


@dataclass(frozen=True, slots=True)
class FigureVersion:
    """One stored version of a unit's figure with the upload that stored it (a figure's lineage, 数据来源)."""

    figure: StoredFigure
    current: bool  # the newest version of its (unit, period, metric)
    upload: UploadRow


def figure_versions(
    conn: Connection, unit_code: str, year: int, metric: str | None = None, period: Period | None = None
) -> list[FigureVersion]:
    """Every stored version of a unit's figures of a year (one metric or all, one period or all), each with its
    upload (action, who, when, file name, hash, size; ``details`` holds a revert's ``reason`` and ``reverts``,
    a confirmed submission's ``submission`` and ``confirmed_by``); by period and metric, oldest version first."""
    f = figures.c
    query = (
        select(figures, uploads)
        .join(uploads, uploads.c.id == f.upload_id)
        .where(f.unit_code == unit_code, f.year == year)
        .order_by(f.year, f.quarter, f.metric, f.version)
    )
    if metric is not None:
        query = query.where(f.metric == metric)
    if period is not None:
        query = query.where(f.quarter == period.quarter, f.year == period.year)
    rows = list(conn.execute(query))
    newest: dict[tuple[int, str], int] = {}
    for r in rows:
        newest[(r.quarter, r.metric)] = max(newest.get((r.quarter, r.metric), 0), r.version)
    upload_fields = UploadRow.__dataclass_fields__
    found = []
    for r in rows:
        m = r._mapping
        stored = _figure({c.name: m[c] for c in figures.c})
        upload = UploadRow(**{k: m[uploads.c[k]] for k in upload_fields})
        found.append(FigureVersion(stored, r.version == newest[(r.quarter, r.metric)], upload))
    return found


def kept_files(conn: Connection, hashes: Iterable[str]) -> set[str]:
    """Which of these SHA-256 hashes have their file kept (read without the content)."""
    wanted = sorted(set(hashes))
    if not wanted:
        return set()
    query = select(stored_files.c.sha256).where(stored_files.c.sha256.in_(wanted))
    return {r[0] for r in conn.execute(query)}


def figures_of_upload(conn: Connection, upload_id: int) -> list[StoredFigure]:
    return [_figure(r) for r in conn.execute(select(figures).where(figures.c.upload_id == upload_id)).mappings()]


def max_versions(conn: Connection, periods: Iterable[Period]) -> dict[FigureKey, int]:
    cur = _current_versions(list(periods))
    return {(r.unit_code, Period(r.year, r.quarter), r.metric): r.version for r in conn.execute(select(cur))}


def stored_units(conn: Connection) -> dict[str, UnitRow]:
    """Every registered unit, by code."""
    return {r["code"]: UnitRow(**r) for r in conn.execute(select(units).order_by(units.c.code)).mappings()}


# ---- issue 11: who has reported (dashboard.coverage)


def first_figure_periods(conn: Connection) -> dict[str, Period]:
    """Each unit's first period with a stored figure (any version), by code."""
    key = figures.c.year * 10 + figures.c.quarter
    query = select(figures.c.unit_code, func.min(key)).group_by(figures.c.unit_code)
    return {code: Period(int(first) // 10, int(first) % 10) for code, first in conn.execute(query)}


def latest_storing_uploads(conn: Connection, period: Period) -> dict[str, UploadRow]:
    """Per unit, the newest upload (import or revert) that stored figures of it for ``period``, by code."""
    newest = (
        select(figures.c.unit_code, func.max(figures.c.upload_id))
        .where(figures.c.year == period.year, figures.c.quarter == period.quarter)
        .group_by(figures.c.unit_code)
    )
    by_unit = {code: int(upload_id) for code, upload_id in conn.execute(newest)}
    rows = {row.id: row for row in uploads_by_id(conn, by_unit.values())}
    return {code: rows[upload_id] for code, upload_id in by_unit.items() if upload_id in rows}


def locks(conn: Connection) -> dict[Period, Lock]:
    rows = conn.execute(select(period_locks).order_by(period_locks.c.year, period_locks.c.quarter)).mappings()
    return {
        Period(r["year"], r["quarter"]): Lock(
            Period(r["year"], r["quarter"]), r["locked_by"], r["locked_at"], r["reason"]
        )
        for r in rows
    }


def upload_by_identity(conn: Connection, sha256: str, read_options: dict[str, str | None]) -> UploadRow | None:
    """The first stored import of a file with this hash read with these options (``details["read_options"]``;
    an upload logged before options were recorded counts as read with none), if any."""
    query = (
        select(uploads)
        .where(uploads.c.sha256 == sha256, uploads.c.outcome == "stored", uploads.c.action == "import")
        .order_by(uploads.c.id)
    )
    none = {"period": None, "amount_unit": None}
    for r in conn.execute(query).mappings():
        row = UploadRow(**r)
        if row.detail().get("read_options", none) == read_options:
            return row
    return None


def upload(conn: Connection, upload_id: int) -> UploadRow | None:
    """The upload row with this id, if any."""
    row = conn.execute(select(uploads).where(uploads.c.id == upload_id)).mappings().first()
    return UploadRow(**row) if row else None


def uploads_by_id(conn: Connection, ids: Iterable[int]) -> list[UploadRow]:
    """The upload rows with these ids, newest first."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    query = select(uploads).where(uploads.c.id.in_(wanted)).order_by(uploads.c.id.desc())
    return [UploadRow(**r) for r in conn.execute(query).mappings()]


def upload_log(conn: Connection, period: Period | None = None, limit: int = 500) -> list[UploadRow]:
    """The newest uploads first (all outcomes), optionally only those touching a period."""
    query = select(uploads).order_by(uploads.c.id.desc()).limit(limit)
    if period is not None:
        query = query.where(uploads.c.periods.contains(str(period)))
    return [UploadRow(**r) for r in conn.execute(query).mappings()]


# Audit entries that change nothing shown: sign-ins, refusals, lockouts, setup-code attempts, unlocks.
SECURITY_ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_in_refused",
    "lockout",
    "setup_code",
    "setup_code_refused",
    "account_unlock",
    "report_issue",  # issue 9: issuing a report changes no figure; two reports issued from the same data share it
)


def audit_entries(conn: Connection, limit: int = 50) -> list[AuditRow]:
    """The newest entries of the audit log first."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    return [AuditRow(**r) for r in conn.execute(query).mappings()]


def data_version(conn: Connection) -> tuple[int, int, int]:
    """Changes whenever a figure, target, lock or setting changes: the key of the web app's caches.

    Uploads and reverts add upload rows; targets add versions; locks, unlocks, settings and accounts are audited
    (sign-in entries, SECURITY_ACTIONS, are not counted: they would empty the caches at every sign-in).
    """
    newest_change = (
        select(audit_log.c.id)
        .where(audit_log.c.action.not_in(SECURITY_ACTIONS))
        .order_by(audit_log.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    row = conn.execute(
        select(
            select(func.coalesce(func.max(uploads.c.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(targets.c.id), 0)).scalar_subquery(),
            func.coalesce(newest_change, 0),
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def stored_state(conn: Connection) -> int:
    """The state token of a check: the newest upload or revert that stored figures (a rejected attempt does not
    change it). A check remembers it; storing re-checks it under the write lock."""
    query = select(func.coalesce(func.max(uploads.c.id), 0)).where(uploads.c.outcome == "stored")
    return int(conn.execute(query).scalar_one())


def target_rows(conn: Connection, year: int | None = None) -> list[TargetVersionRow]:
    """Every target version (history), oldest first."""
    query = select(targets).order_by(targets.c.year, targets.c.metric, targets.c.unit_code, targets.c.version)
    if year is not None:
        query = query.where(targets.c.year == year)
    return [TargetVersionRow(**r) for r in conn.execute(query).mappings()]


def current_targets(conn: Connection, year: int | None = None) -> list[TargetVersionRow]:
    """The newest version of each (year, metric, unit) target."""
    newest: dict[tuple[int, str, str], TargetVersionRow] = {}
    for row in target_rows(conn, year):
        newest[(row.year, row.metric, row.unit_code)] = row
    return list(newest.values())


def stored_periods(conn: Connection) -> list[Period]:
    rows = conn.execute(select(figures.c.year, figures.c.quarter).distinct())
    return sorted(Period(y, q) for y, q in rows)


def users(conn: Connection) -> list[UserRow]:
    """Every account (active or not), by username."""
    return [UserRow(**r) for r in conn.execute(select(user_table).order_by(user_table.c.username)).mappings()]


def user_row(conn: Connection, username: str) -> UserRow | None:
    """The account with this username (any case), if any."""
    row = conn.execute(select(user_table).where(user_table.c.username == username.strip().lower())).mappings().first()
    return UserRow(**row) if row else None


def user_by_email(conn: Connection, email: str) -> UserRow | None:
    """The account with this email address (any case), if any."""
    row = conn.execute(select(user_table).where(user_table.c.email == email.strip().lower())).mappings().first()
    return UserRow(**row) if row else None


def stored_settings(conn: Connection) -> dict[str, str]:
    """The values an admin chose on screen, by setting name (see dashboard.config.get)."""
    return {r.name: r.value for r in conn.execute(select(app_settings.c.name, app_settings.c.value))}


def setting_rows(conn: Connection) -> list[SettingRow]:
    """The stored settings with who changed them last and when, by name."""
    return [SettingRow(**r) for r in conn.execute(select(app_settings).order_by(app_settings.c.name)).mappings()]


# ---- issue 9: variance comments (差异说明), typed rows (dashboard.domain.VarianceComment)


def _comment(r: Any) -> VarianceComment:
    """A stored comment row; the moment is made aware (UTC) on SQLite, which returns it without a zone."""
    at = r["written_at"]
    return VarianceComment(
        unit_code=r["unit_code"],
        metric=r["metric"],
        period=Period(r["year"], r["quarter"]),
        version=r["version"],
        comment=r["comment"],
        measures=r["measures"],
        written_by=r["written_by"],
        written_at=at if at.tzinfo else at.replace(tzinfo=UTC),
    )


def comment_versions(
    conn: Connection, period: Period | None = None, unit_code: str | None = None, metric: str | None = None
) -> list[VarianceComment]:
    """Every version of the matching comments, by period, unit, metric, then oldest version first."""
    vc = variance_comments.c
    query = select(variance_comments).order_by(vc.year, vc.quarter, vc.unit_code, vc.metric, vc.version)
    if period is not None:
        query = query.where(vc.year == period.year, vc.quarter == period.quarter)
    if unit_code is not None:
        query = query.where(vc.unit_code == unit_code)
    if metric is not None:
        query = query.where(vc.metric == metric)
    return [_comment(r) for r in conn.execute(query).mappings()]


def current_comment_rows(conn: Connection, period: Period) -> list[VarianceComment]:
    """The newest version of each (unit, metric) comment of a period, by unit and metric."""
    vc = variance_comments.c
    newest = (
        select(vc.unit_code, vc.metric, func.max(vc.version).label("version"))
        .where(vc.year == period.year, vc.quarter == period.quarter)
        .group_by(vc.unit_code, vc.metric)
        .subquery("newest")
    )
    query = (
        select(variance_comments)
        .join(
            newest,
            and_(vc.unit_code == newest.c.unit_code, vc.metric == newest.c.metric, vc.version == newest.c.version),
        )
        .where(vc.year == period.year, vc.quarter == period.quarter)
        .order_by(vc.unit_code, vc.metric)
    )
    return [_comment(r) for r in conn.execute(query).mappings()]


def latest_comment_before(conn: Connection, unit_code: str, metric: str, period: Period) -> VarianceComment | None:
    """The newest version of the unit's comment on the metric in the nearest period before ``period`` that has
    one (2023Q1 looks at 2022Q4 and earlier), or None."""
    vc = variance_comments.c
    earlier = or_(vc.year < period.year, and_(vc.year == period.year, vc.quarter < period.quarter))
    query = (
        select(variance_comments)
        .where(vc.unit_code == unit_code, vc.metric == metric, earlier)
        .order_by(vc.year.desc(), vc.quarter.desc(), vc.version.desc())
        .limit(1)
    )
    row = conn.execute(query).mappings().first()
    return _comment(row) if row else None


# ---- issue 9 (h-issue): issued gap reports -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedReport:
    """An issued gap report: its file (kept by SHA-256 in stored_files), period, scope, language, format, the
    data version it was built from, its ``summary`` (figures, statuses, comments) and who issued it when."""

    id: int
    year: int
    quarter: int
    scope: str  # "" = the group, else a unit code (the unit and the units under it)
    lang: str
    format: str
    sha256: str
    size: int
    filename: str
    data_version: str  # "a.b.c", queries.data_version when it was issued
    summary: dict[str, Any]
    issued_by: str
    issued_at: datetime

    @property
    def period(self) -> Period:
        return Period(self.year, self.quarter)


def _issued(r: Any) -> IssuedReport:
    try:
        summary = json.loads(r["summary"] or "{}")
    except ValueError:
        summary = {}
    return IssuedReport(
        r["id"],
        r["year"],
        r["quarter"],
        r["scope"],
        r["lang"],
        r["format"],
        r["sha256"],
        r["size"],
        r["filename"],
        r["data_version"],
        summary if isinstance(summary, dict) else {},
        r["issued_by"],
        r["issued_at"],
    )


def issued_report_rows(conn: Connection, year: int | None = None, scope: str | None = None) -> list[IssuedReport]:
    """The issued reports, newest first; optionally only of a year and/or a scope ("" = the group)."""
    query = select(issued_reports).order_by(issued_reports.c.id.desc())
    if year is not None:
        query = query.where(issued_reports.c.year == year)
    if scope is not None:
        query = query.where(issued_reports.c.scope == scope)
    return [_issued(r) for r in conn.execute(query).mappings()]


def issued_report_row(conn: Connection, report_id: int) -> IssuedReport | None:
    """One issued report by id, if any."""
    row = conn.execute(select(issued_reports).where(issued_reports.c.id == report_id)).mappings().first()
    return _issued(row) if row else None


def previous_issued_row(conn: Connection, issued: IssuedReport) -> IssuedReport | None:
    """The report issued last before ``issued`` for the same scope, language and period (a re-issue); when the
    period has none, the last one issued for an earlier period (last quarter's), any format."""
    ir = issued_reports.c
    same = select(issued_reports).where(ir.id < issued.id, ir.scope == issued.scope, ir.lang == issued.lang)
    period = same.where(ir.year == issued.year, ir.quarter == issued.quarter)
    earlier = same.where(or_(ir.year < issued.year, and_(ir.year == issued.year, ir.quarter < issued.quarter)))
    for query in (period, earlier):
        row = conn.execute(query.order_by(ir.id.desc()).limit(1)).mappings().first()
        if row:
            return _issued(row)
    return None


def stored_file(conn: Connection, sha256: str) -> bytes | None:
    """The kept content of a file by its SHA-256, if any (uploads and issued reports alike)."""
    row = conn.execute(select(stored_files.c.content).where(stored_files.c.sha256 == sha256)).first()
    return None if row is None else bytes(row[0])


def last_rejected(conn: Connection, sha256: str, username: str) -> UploadRow | None:
    """The newest rejected import of a file with this hash by this account, if any (a repeated check of the
    same bad file is logged once: ``imports.log_rejections``)."""
    u = uploads.c
    query = (
        select(uploads)
        .where(u.sha256 == sha256, u.uploaded_by == username, u.outcome == "rejected", u.action == "import")
        .order_by(u.id.desc())
        .limit(1)
    )
    row = conn.execute(query).mappings().first()
    return UploadRow(**row) if row else None


def submission_rows(
    conn: Connection, state: str | None = None, submitted_by: str | None = None, limit: int = 500
) -> list[SubmissionRow]:
    """Submissions, newest first; only those in ``state`` or of ``submitted_by`` when given."""
    query = select(submissions).order_by(submissions.c.id.desc()).limit(limit)
    if state is not None:
        query = query.where(submissions.c.state == state)
    if submitted_by is not None:
        query = query.where(submissions.c.submitted_by == submitted_by)
    return [SubmissionRow(**r) for r in conn.execute(query).mappings()]


def submission_row(conn: Connection, submission_id: int) -> SubmissionRow | None:
    """One submission by its number, if any."""
    row = conn.execute(select(submissions).where(submissions.c.id == submission_id)).mappings().first()
    return SubmissionRow(**row) if row else None


def pending_submission(conn: Connection, sha256: str, submitted_by: str, read_options: str) -> SubmissionRow | None:
    """The account's submission of these bytes read with these options (JSON) still awaiting review, if any."""
    sc = submissions.c
    query = select(submissions).where(
        sc.sha256 == sha256, sc.submitted_by == submitted_by, sc.read_options == read_options, sc.state == "submitted"
    )
    row = conn.execute(query.order_by(sc.id).limit(1)).mappings().first()
    return SubmissionRow(**row) if row else None
