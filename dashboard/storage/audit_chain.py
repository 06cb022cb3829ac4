"""The audit log as a hash chain: each entry carries the SHA-256 of its own fields and of the previous entry's
hash, so an entry edited, deleted or slipped in afterwards breaks the chain at that point.

The hash is over a canonical serialisation that reads the same on SQLite and PostgreSQL: the id, the moment as
UTC text with microseconds, the actor, the action, the details text as stored, and the previous hash, as one
compact JSON array. Entries are appended only inside ``dashboard.storage.engine.writing`` (serialised writers),
so the chain never forks.

The chain needs no secret, so it shows accidental and casual changes; someone who can write to the database and
rewrites every later hash is caught only by comparing the newest hash (``audit verify`` prints it) with one kept
elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from dashboard.storage.tables import audit_log

BATCH = 1000


def canonical_time(moment: datetime) -> str:
    """A stored moment as UTC text; SQLite returns stored UTC without a zone.

    >>> from datetime import timedelta, timezone
    >>> canonical_time(datetime(2026, 11, 29, 3, 14, 54, 120)), canonical_time(
    ...     datetime(2026, 11, 29, 11, 14, 54, 120, tzinfo=timezone(timedelta(hours=8))))
    ('2026-11-29T03:14:54.000120Z', '2026-11-29T03:14:54.000120Z')
    """
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(entry_id: int, at: datetime, actor: str, action: str, details: str, prev_hash: str) -> str:
    """The SHA-256 (hex) of one entry's canonical serialisation.

    >>> entry_hash(1, datetime(2026, 1, 1), "admin", "lock", '{"period": "2025Q4"}', "")[:16]
    '31efc64572d270c7'
    """
    canonical = json.dumps(
        [entry_id, canonical_time(at), actor, action, details, prev_hash], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def row_hash(row: Mapping[str, Any]) -> str:
    """``entry_hash`` of a row of audit_log."""
    return entry_hash(row["id"], row["at"], row["actor"], row["action"], row["details"], row["prev_hash"])


def last_hash(conn: Connection) -> str:
    """The newest entry's hash ("" when the log is empty): the previous hash of the next entry."""
    found = conn.execute(select(audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)).scalar()
    return str(found or "")


@dataclass(frozen=True, slots=True)
class Break:
    """The first broken link: the entry's id and what differs (``problem`` is an i18n code of
    dashboard.i18n.text: audit.edited, audit.link or audit.missing), with the ids around it."""

    entry_id: int
    problem: str
    previous_id: int | None


@dataclass(frozen=True, slots=True)
class Verdict:
    entries: int
    last_hash: str
    broken: Break | None


def verify(conn: Connection) -> Verdict:
    """Walk the whole log oldest first and report the first entry whose hash or link is wrong.

    An entry whose own hash does not match its fields was edited (or forged); an entry whose previous hash is
    not its predecessor's hash follows a deleted or inserted entry (``audit.missing`` when ids are skipped
    there, else ``audit.link``).
    """
    count, prev_hash, prev_id = 0, "", None
    for row in _rows(conn):
        count += 1
        if row["hash"] != row_hash(row):
            return Verdict(count, prev_hash, Break(row["id"], "audit.edited", prev_id))
        if row["prev_hash"] != prev_hash:
            skipped = row["id"] != (1 if prev_id is None else prev_id + 1)
            return Verdict(count, prev_hash, Break(row["id"], "audit.missing" if skipped else "audit.link", prev_id))
        prev_hash, prev_id = row["hash"], row["id"]
    return Verdict(count, prev_hash, None)


def _rows(conn: Connection) -> Iterator[dict[str, Any]]:
    after = 0
    while True:
        batch = conn.execute(
            select(audit_log).where(audit_log.c.id > after).order_by(audit_log.c.id).limit(BATCH)
        ).mappings()
        rows = [dict(r) for r in batch]
        if not rows:
            return
        yield from rows
        after = rows[-1]["id"]
