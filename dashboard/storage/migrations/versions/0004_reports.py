"""Gap reports: variance comments (差异说明, versioned per unit, metric and period) and issued reports (the exact
bytes kept in stored_files by SHA-256, with who, when, period, scope, language and data version).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "variance_comments",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("unit_code", sa.String(length=40), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=40), sa.ForeignKey("metrics.code"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False, server_default=""),
        sa.Column("measures", sa.Text(), nullable=False, server_default=""),
        sa.Column("written_by", sa.String(length=100), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("unit_code", "year", "quarter", "metric", "version", name="uq_variance_comment_version"),
    )
    op.create_index("ix_variance_comments_period", "variance_comments", ["year", "quarter"])
    op.create_table(
        "issued_reports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False, server_default=""),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sha256", sa.String(length=64), sa.ForeignKey("stored_files.sha256"), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("data_version", sa.String(length=100), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_issued_reports_scope", "issued_reports", ["scope", "year", "quarter"])


def downgrade() -> None:
    op.drop_index("ix_issued_reports_scope", table_name="issued_reports")
    op.drop_table("issued_reports")
    op.drop_index("ix_variance_comments_period", table_name="variance_comments")
    op.drop_table("variance_comments")
