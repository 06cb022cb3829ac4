"""The typed rows (storage/rows.py) match their tables, and the queries return them with the right types."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, Table

from dashboard.domain import Period
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.repository import NewUnit, UploadEntry
from dashboard.storage.rows import AuditRow, SettingRow, TargetVersionRow, ThrottleRow, UnitRow, UploadRow, UserRow
from dashboard.storage.tables import app_settings, audit_log, sign_in_throttle, targets, units, uploads, users

ROWS: list[tuple[type, Table]] = [
    (AuditRow, audit_log),
    (UnitRow, units),
    (UploadRow, uploads),
    (TargetVersionRow, targets),
    (UserRow, users),
    (SettingRow, app_settings),
    (ThrottleRow, sign_in_throttle),
]


@pytest.mark.parametrize(("row", "table"), ROWS, ids=[r.__name__ for r, _ in ROWS])
def test_a_row_has_a_field_for_each_column_in_order(row: type, table: Table) -> None:
    assert [f.name for f in dataclasses.fields(row)] == [c.name for c in table.columns]


@pytest.mark.parametrize(("row", "table"), ROWS, ids=[r.__name__ for r, _ in ROWS])
def test_a_field_may_be_none_exactly_when_its_column_is_nullable(row: type, table: Table) -> None:
    hints = typing.get_type_hints(row)
    optional = {name for name, hint in hints.items() if isinstance(hint, types.UnionType) and None in _args(hint)}
    assert optional == {c.name for c in table.columns if c.nullable and not c.primary_key}


def _args(hint: types.UnionType) -> tuple[object, ...]:
    return tuple(None if a is type(None) else a for a in typing.get_args(hint))


def test_rows_are_frozen_and_slotted() -> None:
    for row, _ in ROWS:
        assert dataclasses.is_dataclass(row) and row.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert "__slots__" in vars(row)


def test_the_queries_return_typed_rows(engine: Engine) -> None:
    with writing(engine) as conn:
        repository.save_units(conn, [NewUnit("1001", "华东分公司", "East", "", "company")])
        upload_id = repository.log_upload(
            conn,
            UploadEntry(
                "import",
                "stored",
                "li.na",
                "ab" * 32,
                "q2.xlsx",
                10,
                [Period(2023, 2)],
                4,
                {"read_options": {"period": None, "amount_unit": None}},
            ),
        )
        repository.add_target_version(
            conn,
            year=2023,
            metric="revenue",
            unit_code="",
            amount=Decimal("38000000000.01"),
            growth_floor=Decimal("0.05"),
            base_amount=None,
            set_by="admin",
            reason="board",
        )
        repository.add_user(
            conn, username="li.na", display_name="李娜", email=None, role="finance", password_hash=None, by="admin"
        )
        repository.save_setting(conn, "AMOUNTS_UNIT", "yi", "admin")
    with engine.connect() as conn:
        unit = queries.stored_units(conn)["1001"]
        (logged,) = queries.upload_log(conn)
        (target,) = queries.current_targets(conn, 2023)
        user = queries.user_row(conn, "LI.NA")
        (setting,) = queries.setting_rows(conn)
        same = queries.upload_by_identity(conn, "ab" * 32, {"period": None, "amount_unit": None})
        assert queries.upload(conn, upload_id) == logged and queries.uploads_by_id(conn, [upload_id]) == [logged]
        assert queries.users(conn) == [user] and queries.user_by_email(conn, "nobody@corp.example") is None
        entries = queries.audit_entries(conn, limit=2)
    assert [(e.action, e.actor) for e in entries] == [("setting", "admin"), ("user_create", "admin")]
    assert (
        isinstance(entries[0], AuditRow) and entries[0].id > entries[1].id and entries[0].prev_hash == entries[1].hash
    )
    assert isinstance(unit, UnitRow) and (unit.name_zh, unit.name_en, unit.kind) == ("华东分公司", "East", "company")
    assert isinstance(logged, UploadRow) and logged.id == upload_id and logged.periods == "2023Q2"
    assert logged.detail() == {"read_options": {"period": None, "amount_unit": None}} and same == logged
    assert isinstance(logged.uploaded_at, datetime) and logged.reverts_upload_id is None
    assert isinstance(target, TargetVersionRow) and target.amount == Decimal("38000000000.01")
    assert isinstance(target.growth_floor, Decimal) and target.base_amount is None and target.version == 1
    assert isinstance(user, UserRow) and user.active is True and user.email is None and user.password_hash is None
    assert isinstance(setting, SettingRow) and (setting.name, setting.value, setting.updated_by) == (
        "AMOUNTS_UNIT",
        "yi",
        "admin",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        target.amount = None  # type: ignore[misc]


def test_a_blank_details_column_reads_as_an_empty_object() -> None:
    row = UploadRow(1, "import", "rejected", "", "", 0, "li.na", datetime(2026, 1, 1), None, "", 0, "", "[]")
    assert row.detail() == {}
