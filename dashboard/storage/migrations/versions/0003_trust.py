"""Trust: the audit log becomes a hash chain (prev_hash, hash; existing entries are chained here, oldest first),
and sign_in_throttle keeps failed sign-ins and setup-code attempts per account and per client.

The hash is written out here rather than imported, so that this migration keeps meaning what it meant: it must
stay equal to ``dashboard.storage.audit_chain.entry_hash`` (a test checks that the chained log verifies).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _hash(entry_id: int, at: datetime, actor: str, action: str, details: str, prev_hash: str) -> str:
    utc = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    moment = utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    canonical = json.dumps(
        [entry_id, moment, actor, action, details, prev_hash], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), server_default="", nullable=False))
    op.add_column("audit_log", sa.Column("hash", sa.String(length=64), server_default="", nullable=False))
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lockouts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    _chain_existing()


def _chain_existing() -> None:
    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("details", sa.Text),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(log.c.id, log.c.at, log.c.actor, log.c.action, log.c.details).order_by(log.c.id))
    prev = ""
    for row in rows.all():
        digest = _hash(row.id, row.at, row.actor, row.action, row.details, prev)
        conn.execute(sa.update(log).where(log.c.id == row.id).values(prev_hash=prev, hash=digest))
        prev = digest


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
