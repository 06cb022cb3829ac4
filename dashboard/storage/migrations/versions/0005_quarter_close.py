"""Quarter close: unit finance accounts scoped to units, submissions awaiting review, and each unit's reporting
range (expected from a period; stopped from a period, with the reason).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("units", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("reporting_from", sa.String(length=8), nullable=False, server_default=""))
        batch.add_column(sa.Column("stopped_from", sa.String(length=8), nullable=False, server_default=""))
        batch.add_column(sa.Column("stop_reason", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(length=64), sa.ForeignKey("stored_files.sha256"), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("read_options", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("periods", sa.String(length=400), nullable=False, server_default=""),
        sa.Column("units", sa.Text(), nullable=False, server_default=""),
        sa.Column("figure_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("submitted_by", sa.String(length=100), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(length=100), nullable=False, server_default=""),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("accepted_warnings", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("upload_id", sa.Integer(), sa.ForeignKey("uploads.id"), nullable=True),
    )
    op.create_index("ix_submissions_state", "submissions", ["state"])


def downgrade() -> None:
    op.drop_index("ix_submissions_state", table_name="submissions")
    op.drop_table("submissions")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("stop_reason")
        batch.drop_column("stopped_from")
        batch.drop_column("reporting_from")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("units")
