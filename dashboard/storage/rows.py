"""Typed rows of the stored tables, as ``dashboard.storage.queries`` returns them.

One frozen dataclass per table, its fields named and typed like the table's columns (``tables.py``), so that a
reader writes ``row.amount`` and mypy checks it. A row is built from a result mapping with ``Row(**mapping)``:
a column added to a table without its field here fails loudly at the first read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from dashboard.domain import Period


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A registered unit (table ``units``)."""

    code: str
    name_zh: str
    name_en: str
    parent_code: str  # "" = top level
    kind: str
    created_at: datetime
    updated_at: datetime
    reporting_from: str = ""  # "2023Q3": expected from this period ("" = from its first stored figure)
    stopped_from: str = ""  # "2024Q1": no longer reports from this period ("" = still reports)
    stop_reason: str = ""


@dataclass(frozen=True, slots=True)
class UploadRow:
    """One import or revert attempt, stored or rejected (table ``uploads``)."""

    id: int
    action: str  # "import" | "revert"
    outcome: str  # "stored" | "rejected"
    sha256: str
    filename: str
    size: int
    uploaded_by: str
    uploaded_at: datetime
    reverts_upload_id: int | None
    periods: str  # "2023Q1,2023Q2"
    figure_count: int
    details: str  # JSON object: metadata, read options, counts (see ``detail``)
    problems: str  # JSON list, each problem with its zh and en message

    def detail(self) -> dict[str, Any]:
        """``details`` parsed (an empty object when blank).

        >>> UploadRow(1, "import", "stored", "", "a.xlsx", 1, "li.na", datetime(2026, 1, 1), None, "2023Q2", 4,
        ...           '{"read_options": {"period": null}}', "[]").detail()
        {'read_options': {'period': None}}
        """
        parsed = json.loads(self.details or "{}")
        return parsed if isinstance(parsed, dict) else {}


@dataclass(frozen=True, slots=True)
class TargetVersionRow:
    """One version of an annual target (table ``targets``); ``unit_code`` "" is the group."""

    id: int
    year: int
    metric: str
    unit_code: str
    version: int
    amount: Decimal | None  # T_abs, yuan
    growth_floor: Decimal | None  # g, a fraction: 0.05 = 5%
    base_amount: Decimal | None  # prior full-year actual, when entered
    set_by: str
    set_at: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class UserRow:
    """An account (table ``users``); ``password_hash`` None = OpenID Connect sign-in only."""

    id: int
    username: str
    display_name: str
    email: str | None
    role: str
    password_hash: str | None
    active: bool
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None
    units: str = ""  # unit_finance: its unit codes, "1101,1102"


@dataclass(frozen=True, slots=True)
class SettingRow:
    """An admin's stored value of an editable setting, with who changed it last and when (``app_settings``)."""

    name: str
    value: str
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ThrottleRow:
    """Failed attempts of one key in the current window and the lock they earned (``sign_in_throttle``)."""

    key: str
    failures: int
    window_start: datetime
    lockouts: int  # locks in a row: each doubles the delay
    locked_until: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One entry of the audit log (``audit_log``): who did what when, ``details`` as JSON, and its hash chain."""

    id: int
    at: datetime
    actor: str
    action: str
    details: str  # JSON object
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class SubmissionRow:
    """A unit finance account's upload awaiting or after review (table ``submissions``)."""

    id: int
    sha256: str
    filename: str
    size: int
    read_options: str  # JSON
    periods: str  # "2023Q1,2023Q2"
    units: str  # "1101,1102"
    figure_count: int
    state: str  # submitted | confirmed | returned
    submitted_by: str
    submitted_at: datetime
    reviewed_by: str
    reviewed_at: datetime | None
    reason: str
    accepted_warnings: str
    upload_id: int | None

    @property
    def unit_codes(self) -> list[str]:
        return [c for c in self.units.split(",") if c]

    @property
    def period_list(self) -> list[Period]:
        return [Period.parse(p) for p in self.periods.split(",") if p]
