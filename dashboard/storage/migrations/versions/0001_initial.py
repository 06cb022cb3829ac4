"""Initial schema: units, metrics (seeded with revenue and total profit), files, uploads, versioned
figures and targets, period locks, audit log.

Revision ID: 0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

import dashboard.storage.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("details", sa.Text(), server_default="{}", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "metrics",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("warn_negative", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "period_locks",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("locked_by", sa.String(length=100), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("year", "quarter"),
    )
    op.create_table(
        "stored_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "units",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), server_default="", nullable=False),
        sa.Column("parent_code", sa.String(length=40), server_default="", nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), server_default="", nullable=False),
        sa.Column("filename", sa.String(length=300), server_default="", nullable=False),
        sa.Column("size", sa.Integer(), server_default="0", nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reverts_upload_id", sa.Integer(), nullable=True),
        sa.Column("periods", sa.String(length=400), server_default="", nullable=False),
        sa.Column("figure_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("details", sa.Text(), server_default="{}", nullable=False),
        sa.Column("problems", sa.Text(), server_default="[]", nullable=False),
        sa.ForeignKeyConstraint(
            ["reverts_upload_id"],
            ["uploads.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.create_index("ix_uploads_sha256", ["sha256"], unique=False)

    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("ytd", dashboard.storage.types.ExactDecimal(length=80), nullable=True),
        sa.Column("prior_ytd", dashboard.storage.types.ExactDecimal(length=80), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_cell", sa.String(length=120), server_default="", nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["metric"],
            ["metrics.code"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_code"],
            ["units.code"],
        ),
        sa.ForeignKeyConstraint(
            ["upload_id"],
            ["uploads.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_code", "year", "quarter", "metric", "version", name="uq_figures_version"),
    )
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.create_index("ix_figures_period", ["year", "quarter"], unique=False)
        batch_op.create_index("ix_figures_upload", ["upload_id"], unique=False)

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("unit_code", sa.String(length=40), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("amount", dashboard.storage.types.ExactDecimal(length=80), nullable=True),
        sa.Column("growth_floor", dashboard.storage.types.ExactDecimal(length=80), nullable=True),
        sa.Column("base_amount", dashboard.storage.types.ExactDecimal(length=80), nullable=True),
        sa.Column("set_by", sa.String(length=100), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["metric"],
            ["metrics.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "metric", "unit_code", "version", name="uq_targets_version"),
    )
    metrics = sa.table(
        "metrics",
        sa.column("code", sa.String),
        sa.column("name_zh", sa.String),
        sa.column("name_en", sa.String),
        sa.column("aliases", sa.Text),
        sa.column("required", sa.Boolean),
        sa.column("warn_negative", sa.Boolean),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        metrics,
        [
            {
                "code": "revenue",
                "name_zh": "营业收入",
                "name_en": "Operating revenue",
                "required": True,
                "warn_negative": True,
                "position": 1,
                "aliases": json.dumps(
                    {
                        "ytd": ["营业收入（本年累计）", "营业收入（累计）", "revenue ytd"],
                        "prior_ytd": ["营业收入（上年同期）", "revenue prior ytd"],
                        "quarter": ["营业收入（本季）", "revenue quarter"],
                    },
                    ensure_ascii=False,
                ),
            },
            {
                "code": "profit",
                "name_zh": "利润总额",
                "name_en": "Total profit",
                "required": True,
                "warn_negative": False,
                "position": 2,
                "aliases": json.dumps(
                    {
                        "ytd": ["利润总额（本年累计）", "利润总额（累计）", "profit ytd"],
                        "prior_ytd": ["利润总额（上年同期）", "profit prior ytd"],
                        "quarter": ["利润总额（本季）", "profit quarter"],
                    },
                    ensure_ascii=False,
                ),
            },
        ],
    )


def downgrade() -> None:
    op.drop_table("targets")
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.drop_index("ix_figures_upload")
        batch_op.drop_index("ix_figures_period")

    op.drop_table("figures")
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_index("ix_uploads_sha256")

    op.drop_table("uploads")
    op.drop_table("units")
    op.drop_table("stored_files")
    op.drop_table("period_locks")
    op.drop_table("metrics")
    op.drop_table("audit_log")
