"""The database schema (SQLAlchemy Core). Change it only together with a migration in migrations/versions."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)

from dashboard.storage.types import ExactDecimal

metadata = MetaData()

units = Table(
    "units",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name_zh", String(200), nullable=False),
    Column("name_en", String(200), nullable=False, server_default=""),
    Column("parent_code", String(40), nullable=False, server_default=""),
    Column("kind", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # 报送范围 (dashboard.coverage): expected from this period ("2023Q3"; "" = from its first stored figure) and,
    # once it no longer reports (merged, closed, transferred), from ``stopped_from`` with the reason why
    Column("reporting_from", String(8), nullable=False, server_default=""),
    Column("stopped_from", String(8), nullable=False, server_default=""),
    Column("stop_reason", Text, nullable=False, server_default=""),
)

metrics = Table(
    "metrics",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name_zh", String(100), nullable=False),
    Column("name_en", String(100), nullable=False),
    Column("aliases", Text, nullable=False),  # JSON: {"ytd": [...], "prior_ytd": [...], "quarter": [...]}
    Column("required", Boolean, nullable=False),
    Column("warn_negative", Boolean, nullable=False),
    Column("position", Integer, nullable=False),
)

stored_files = Table(
    "stored_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

uploads = Table(
    "uploads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(20), nullable=False),  # "import" | "revert"
    Column("outcome", String(20), nullable=False),  # "stored" | "rejected"
    Column("sha256", String(64), nullable=False, server_default=""),
    Column("filename", String(300), nullable=False, server_default=""),
    Column("size", Integer, nullable=False, server_default="0"),
    Column("uploaded_by", String(100), nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("reverts_upload_id", Integer, ForeignKey("uploads.id"), nullable=True),
    Column("periods", String(400), nullable=False, server_default=""),  # "2023Q1,2023Q2"
    Column("figure_count", Integer, nullable=False, server_default="0"),
    Column("details", Text, nullable=False, server_default="{}"),  # JSON: metadata, options, counts
    Column("problems", Text, nullable=False, server_default="[]"),  # JSON list, each with zh and en message
)
Index("ix_uploads_sha256", uploads.c.sha256)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_code", String(40), ForeignKey("units.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("metric", String(40), ForeignKey("metrics.code"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("ytd", ExactDecimal(), nullable=True),  # 本年累计, yuan; NULL = not reported
    Column("prior_ytd", ExactDecimal(), nullable=True),  # 上年同期 as reported with this period, yuan
    Column("source", String(20), nullable=False),  # "ytd" | "quarter" (converted) | "revert"
    Column("source_cell", String(120), nullable=False, server_default=""),  # e.g. "数据!D12"
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    UniqueConstraint("unit_code", "year", "quarter", "metric", "version", name="uq_figures_version"),
)
Index("ix_figures_period", figures.c.year, figures.c.quarter)
Index("ix_figures_upload", figures.c.upload_id)

targets = Table(
    "targets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("metric", String(40), ForeignKey("metrics.code"), nullable=False),
    Column("unit_code", String(40), nullable=False, server_default=""),  # "" = the group
    Column("version", Integer, nullable=False),
    Column("amount", ExactDecimal(), nullable=True),  # T_abs, yuan
    Column("growth_floor", ExactDecimal(), nullable=True),  # g, a fraction: 0.05 = 5%
    Column("base_amount", ExactDecimal(), nullable=True),  # prior full-year actual, when entered
    Column("set_by", String(100), nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    UniqueConstraint("year", "metric", "unit_code", "version", name="uq_targets_version"),
)

period_locks = Table(
    "period_locks",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("quarter", Integer, primary_key=True),
    Column("locked_by", String(100), nullable=False),
    Column("locked_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=False),
    # lock | unlock | target | metric | user_create | user_update | user_password | setting
    Column("action", String(40), nullable=False),
    Column("details", Text, nullable=False, server_default="{}"),
    # the chain (dashboard.storage.audit_chain): the previous entry's hash ("" for the first) and this entry's
    Column("prev_hash", String(64), nullable=False, server_default=""),
    Column("hash", String(64), nullable=False, server_default=""),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False),  # lower case
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("email", String(200), nullable=True),  # lower case; matches OpenID Connect sign-ins
    Column("role", String(20), nullable=False),  # executive | unit_finance | finance | admin
    Column("password_hash", Text, nullable=True),  # argon2id; NULL = OpenID Connect sign-in only
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("last_login_at", DateTime(timezone=True), nullable=True),
    Column("units", Text, nullable=False, server_default=""),  # unit_finance: its unit codes, "1101,1102"
    UniqueConstraint("username", name="uq_users_username"),
    UniqueConstraint("email", name="uq_users_email"),  # several NULLs are allowed
)

app_settings = Table(
    "app_settings",
    metadata,
    Column("name", String(60), primary_key=True),  # a name of dashboard.config.SETTINGS marked editable
    Column("value", String(200), nullable=False),
    Column("updated_by", String(100), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Failed sign-ins and setup-code attempts per key ("account:NAME", "client:ADDRESS", "setup:ADDRESS", …) in the
# current window, and the lock they earned (dashboard.auth.throttle). Shared by every app instance.
sign_in_throttle = Table(
    "sign_in_throttle",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("window_start", DateTime(timezone=True), nullable=False),
    Column("lockouts", Integer, nullable=False, server_default="0"),  # locks in a row: each doubles the delay
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# 差异说明: finance's comment on one unit's metric for one period — why it stands where it does and what it will
# do (措施). Versioned like figures and targets: a new version never overwrites an older one.
variance_comments = Table(
    "variance_comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_code", String(40), ForeignKey("units.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("metric", String(40), ForeignKey("metrics.code"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),  # 差异原因
    Column("measures", Text, nullable=False, server_default=""),  # 措施
    Column("written_by", String(100), nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("unit_code", "year", "quarter", "metric", "version", name="uq_variance_comment_version"),
    Index("ix_variance_comments_period", "year", "quarter"),
)

# A gap report that was sent (issued): its exact bytes (in stored_files, by SHA-256), who, when, for which
# period, scope and language, and the data version it was built from; ``summary`` keeps its figures, statuses
# and comments as JSON so that two issued reports can be compared without reading their files.
issued_reports = Table(
    "issued_reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("scope", String(40), nullable=False, server_default=""),  # "" = the group, else a unit code
    Column("lang", String(5), nullable=False),
    Column("format", String(10), nullable=False),  # xlsx | html | pdf | csv
    Column("sha256", String(64), ForeignKey("stored_files.sha256"), nullable=False),
    Column("size", Integer, nullable=False),
    Column("filename", String(300), nullable=False),
    Column("data_version", String(100), nullable=False),  # queries.data_version at build time, "a.b.c"
    Column("summary", Text, nullable=False, server_default="{}"),
    Column("issued_by", String(100), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Index("ix_issued_reports_scope", "scope", "year", "quarter"),
)

# 多级上报: a unit finance account's upload, kept (the file in stored_files) but not current until group finance
# confirms it (its figures are then stored as an ordinary upload, ``upload_id``) or returns it with a reason.
# state: submitted → confirmed | returned; a returned file is corrected and submitted again as a new row.
submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), ForeignKey("stored_files.sha256"), nullable=False),
    Column("filename", String(300), nullable=False),
    Column("size", Integer, nullable=False),
    Column("read_options", Text, nullable=False, server_default="{}"),  # JSON: imports.options_identity
    Column("periods", String(400), nullable=False, server_default=""),  # "2023Q1,2023Q2"
    Column("units", Text, nullable=False, server_default=""),  # the unit codes of its rows, "1101,1102"
    Column("figure_count", Integer, nullable=False, server_default="0"),
    Column("state", String(20), nullable=False),  # submitted | confirmed | returned
    Column("submitted_by", String(100), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("reviewed_by", String(100), nullable=False, server_default=""),
    Column("reviewed_at", DateTime(timezone=True), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),  # why it was returned
    Column("accepted_warnings", String(200), nullable=False, server_default=""),  # codes acknowledged, "a,b"
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=True),  # the upload that stored it
    Index("ix_submissions_state", "state"),
)
