"""Where a figure comes from (数据来源): every stored version of one unit figure, newest first, with the upload
that stored it (who, when, the file, its sheet and cell), how it came (imported as year to date, converted from a
single quarter, restored by a revert and why, confirmed from a unit's submission) and what changed from the
version before. Plain data for the Units page (one loader, ``load_lineage``), the command line and the gap
report's notes (``load_upload_notes``); no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import PurePosixPath

from sqlalchemy import Connection, Engine

from dashboard.domain import Period
from dashboard.i18n import t
from dashboard.storage import queries
from dashboard.storage.engine import reading
from dashboard.storage.queries import FigureVersion
from dashboard.storage.rows import UploadRow

MIME_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".xls": "application/vnd.ms-excel",
    ".csv": "text/csv",
}
OTHER_MIME = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class UploadNote:
    """How an upload came to be: an import (perhaps confirming a unit's submission) or a revert, with its reason."""

    upload_id: int
    action: str  # "import" | "revert"
    uploaded_by: str
    uploaded_at: datetime
    filename: str
    sha256: str
    size: int
    reason: str = ""  # a revert's reason
    reverts: int | None = None  # the upload a revert restored
    submission: int | None = None  # the unit's submission this import confirmed
    confirmed_by: str = ""
    sheet: str = ""  # the sheet read (``details["sheet"]``); a revert's: the restored upload's (load_upload_notes)

    @property
    def way(self) -> str:
        """How the upload's figures came, for ``how_text``: "revert" or "import"."""
        return "revert" if self.action == "revert" else "import"


@dataclass(frozen=True, slots=True)
class Version:
    """One stored version of a unit figure."""

    version: int
    ytd: Decimal | None
    prior_ytd: Decimal | None
    how: str  # "import" (year to date as written) | "quarter" (converted from a single quarter) | "revert"
    cell: str  # "快报!D12"; "" when not recorded
    upload: UploadNote
    current: bool
    changed: tuple[str, ...] = ()  # "ytd", "prior_ytd": what differs from the version before; () for the first
    ytd_change: Decimal | None = None  # this ytd minus the version before's, when both are known


@dataclass(frozen=True, slots=True)
class Lineage:
    """Every version of one unit's figure of one period and metric, newest first."""

    unit_code: str
    period: Period
    metric: str
    versions: tuple[Version, ...]

    @property
    def current(self) -> Version | None:
        """The version the figures show now (the newest)."""
        return next((v for v in self.versions if v.current), None)


def upload_note(row: UploadRow) -> UploadNote:
    """An upload row as a note: a revert's ``reason`` and ``reverts``, a confirmed submission's number and
    confirmer, read from its ``details`` (absent or malformed: none).

    >>> from datetime import datetime
    >>> row = UploadRow(4, "revert", "stored", "ab", "q2.xlsx", 9, "li", datetime(2023, 7, 3), 1, "2023Q2", 2,
    ...                 '{"reverts": 1, "reason": "错报"}', "[]")
    >>> note = upload_note(row)
    >>> note.reverts, note.reason, note.submission
    (1, '错报', None)
    """
    details = row.detail()
    reverts = _number(details.get("reverts")) or row.reverts_upload_id
    reason = details.get("reason")
    confirmed = details.get("confirmed_by")
    sheet = details.get("sheet")
    return UploadNote(
        row.id,
        row.action,
        row.uploaded_by,
        row.uploaded_at,
        row.filename,
        row.sha256,
        row.size,
        reason if isinstance(reason, str) else "",
        reverts if row.action == "revert" else None,
        _number(details.get("submission")),
        confirmed if isinstance(confirmed, str) else "",
        sheet if isinstance(sheet, str) else "",
    )


def upload_notes(rows: Iterable[UploadRow]) -> dict[int, UploadNote]:
    """Upload rows as notes, by upload id (for the gap report's uploads table)."""
    return {row.id: upload_note(row) for row in rows}


def load_upload_notes(conn: Connection, ids: Collection[int]) -> dict[int, UploadNote]:
    """The notes of these uploads, by id (for the gap report's uploads table), a revert's sheet that of the
    upload it restored (followed back through reverts of reverts; a revert logs no sheet of its own)."""
    known = upload_notes(queries.uploads_by_id(conn, ids))
    wanted = {n.reverts for n in known.values() if n.reverts is not None} - set(known)
    while wanted:
        found = upload_notes(queries.uploads_by_id(conn, wanted))
        known.update(found)
        wanted = {n.reverts for n in found.values() if n.reverts is not None} - set(known)
    return {i: replace(known[i], sheet=_sheet(known, i)) for i in ids if i in known}


def _sheet(known: Mapping[int, UploadNote], upload_id: int) -> str:
    seen: set[int] = set()
    note = known.get(upload_id)
    while note is not None and note.action == "revert" and note.reverts is not None and note.upload_id not in seen:
        seen.add(note.upload_id)
        note = known.get(note.reverts)
    return note.sheet if note is not None else ""


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def how(source: str) -> str:
    """How a stored figure came, from its ``source``: "import" | "quarter" | "revert".

    >>> how("ytd"), how("quarter"), how("revert")
    ('import', 'quarter', 'revert')
    """
    return source if source in ("quarter", "revert") else "import"


def lineages(rows: list[FigureVersion]) -> dict[tuple[Period, str], Lineage]:
    """The versions of ``queries.figure_versions`` grouped by (period, metric), each lineage newest first with
    what changed between consecutive versions."""
    grouped: dict[tuple[Period, str], list[FigureVersion]] = {}
    for row in rows:
        grouped.setdefault((row.figure.period, row.figure.metric), []).append(row)
    return {key: _lineage(sorted(found, key=lambda r: r.figure.version)) for key, found in grouped.items()}


def lineage(rows: list[FigureVersion], period: Period, metric: str) -> Lineage:
    """The lineage of one period and metric of the unit ``rows`` belong to (no versions: empty)."""
    found = lineages(rows).get((period, metric))
    unit = rows[0].figure.unit_code if rows else ""
    return found if found is not None else Lineage(unit, period, metric, ())


def _lineage(oldest_first: list[FigureVersion]) -> Lineage:
    versions: list[Version] = []
    before: FigureVersion | None = None
    for row in oldest_first:
        f = row.figure
        changed: tuple[str, ...] = ()
        delta = None
        if before is not None:
            old = before.figure
            changed = tuple(n for n in ("ytd", "prior_ytd") if getattr(f, n) != getattr(old, n))
            delta = f.ytd - old.ytd if f.ytd is not None and old.ytd is not None else None
        note = upload_note(row.upload)
        versions.append(
            Version(f.version, f.ytd, f.prior_ytd, how(f.source), f.source_cell, note, row.current, changed, delta)
        )
        before = row
    first = oldest_first[0].figure
    return Lineage(first.unit_code, first.period, first.metric, tuple(reversed(versions)))


def mime_type(filename: str) -> str:
    """The MIME type a download of an original file is offered with, by its extension.

    >>> mime_type("快报.XLSX"), mime_type("a.csv"), mime_type("noext")
    ('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/octet-stream')
    """
    return MIME_TYPES.get(PurePosixPath(filename).suffix.lower(), OTHER_MIME)


def how_text(way: str, note: UploadNote, lang: str) -> str:
    """How a version came, in words: 导入 / 单季折算 / 恢复 with the upload it restores and the revert's reason,
    and the unit submission an import confirmed (and who confirmed it).

    >>> from datetime import datetime
    >>> note = UploadNote(5, "revert", "li", datetime(2023, 7, 3), "q2.xlsx", "ab", 9, "错报", 1)
    >>> how_text("revert", note, "zh"), how_text("revert", note, "en")
    ('恢复；恢复上传 #1；原因：错报', 'Restored; restores upload #1; reason: 错报')
    """
    parts = [t(f"lineage.how.{way}", lang)]
    parts.extend(upload_words(note, lang))
    return ("；" if lang == "zh" else "; ").join(parts)


def upload_words(note: UploadNote, lang: str) -> list[str]:
    """What sets an upload apart from a plain import: a revert (which upload, why), a confirmed submission."""
    words = []
    if note.action == "revert":
        if note.reverts is not None:
            words.append(t("lineage.reverts", lang, upload=note.reverts))
        words.append(t("lineage.reason", lang, reason=note.reason or t("lineage.no_reason", lang)))
    if note.submission is not None:
        by = t("lineage.confirmed_by", lang, by=note.confirmed_by) if note.confirmed_by else ""
        words.append(t("lineage.submission", lang, submission=note.submission) + by)
    return words


@dataclass(frozen=True, slots=True)
class Original:
    """An original file behind a lineage, under the upload that first brought it; ``kept``: it can be downloaded."""

    note: UploadNote
    kept: bool


@dataclass(frozen=True, slots=True)
class UnitLineage:
    """Every lineage of one unit's figures of a year, by (period, metric), and which original files are kept:
    everything the Units page's 数据来源 section shows, read at once (``load_lineage``)."""

    unit_code: str
    year: int
    found: Mapping[tuple[Period, str], Lineage]
    kept: frozenset[str]  # SHA-256 of the original files kept

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods with any stored figure of the unit, oldest first."""
        return tuple(sorted({p for p, _ in self.found}))

    def lineage(self, period: Period, metric: str) -> Lineage:
        """The versions of one period and metric (none stored: an empty lineage)."""
        return self.found.get((period, metric)) or Lineage(self.unit_code, period, metric, ())

    def originals(self, found: Lineage) -> tuple[Original, ...]:
        """The original files behind ``found``'s versions, once each under the upload that first brought it (a
        revert's file is the one it restored), newest first as the versions."""
        first: dict[str, UploadNote] = {}
        for v in reversed(found.versions):
            if v.upload.sha256:
                first.setdefault(v.upload.sha256, v.upload)
        return tuple(Original(note, sha256 in self.kept) for sha256, note in reversed(first.items()))


def load_lineage(engine: Engine, unit_code: str, year: int) -> UnitLineage:
    """Every stored version of a unit's figures of a year with its upload, and which original files are kept,
    in one read-only transaction."""
    with reading(engine) as conn:
        found = lineages(queries.figure_versions(conn, unit_code, year))
        hashes = {v.upload.sha256 for one in found.values() for v in one.versions if v.upload.sha256}
        kept = frozenset(queries.kept_files(conn, hashes))
    return UnitLineage(unit_code, year, found, kept)


def original_reader(engine: Engine, sha256: str) -> Callable[[], bytes]:
    """The kept file's bytes, read when called (a download button calls it on another thread, when clicked)."""

    def read() -> bytes:
        with reading(engine) as conn:
            return queries.stored_file(conn, sha256) or b""

    return read
