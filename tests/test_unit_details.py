"""A unit's registered details (name, English name, parent) through uploads: a unit finance account cannot change
them (the parent moves a unit's figures into other units' totals); a file without a parent column keeps each known
unit's parent; a changed parent is a warning in the preview. A revert's reason is kept, or refused when it cannot be."""

from __future__ import annotations

import json

from sqlalchemy import Engine, func, select

from dashboard.auth.roles import Actor
from dashboard.imports import check_files, import_files, revert_upload
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from dashboard.storage.tables import metadata
from tests.workbooks import HEADER, UNITS, flash

ADMIN = Actor("setup", "admin")
UNIT = Actor("unit1001", "unit_finance", frozenset({"1001"}))
WITH_PARENT = [*HEADER[:2], "上级单位编码", *HEADER[2:]]


def _rows(parent_of_1002: str = "1001", name_1001: str = "集团本部") -> list[list[object]]:
    rows = [[r[0], r[1], "", *r[2:]] for r in UNITS]
    rows[0][1] = name_1001
    rows[1][2] = parent_of_1002
    return rows


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in metadata.sorted_tables}


def _stored(engine: Engine) -> None:
    assert import_files(engine, [("q2.xlsx", flash(_rows(), header=WITH_PARENT))], ReadOptions(), ADMIN).stored


def test_a_unit_account_cannot_rename_or_move_its_unit(engine: Engine) -> None:
    _stored(engine)
    own = [r for r in _rows(name_1001="集团本部（新）") if r[0] == "1001"]
    renamed = check_files(engine, [("r.xlsx", flash(own, header=WITH_PARENT))], ReadOptions(), UNIT).plans[0]
    assert [(p.code, p.cell) for p in renamed.errors] == [("unit_name_out_of_scope", "4:4")]
    moved = [["1001", "集团本部", "1099", *UNITS[0][2:]]]
    plan = check_files(engine, [("m.xlsx", flash(moved, header=WITH_PARENT))], ReadOptions(), UNIT).plans[0]
    assert [(p.code, p.value, p.params["registered"]) for p in plan.errors] == [
        ("unit_parent_out_of_scope", "1099", "—")
    ]
    before = _counts(engine)
    assert not import_files(engine, [("m.xlsx", flash(moved, header=WITH_PARENT))], ReadOptions(), ADMIN).has_errors
    assert _counts(engine) != before  # group finance may move it (below: with a warning)


def test_a_file_without_a_parent_column_keeps_the_parent(engine: Engine) -> None:
    _stored(engine)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25  # a changed figure, so that the file stores something
    result = import_files(engine, [("plain.xlsx", flash(rows))], ReadOptions(), ADMIN)
    assert result.stored and not any(p.code == "parent_changed" for p in result.plans[0].problems)
    with engine.connect() as conn:
        assert queries.stored_units(conn)["1002"].parent_code == "1001"
    own = [list(UNITS[0])]  # a unit account's own row, no parent column: not a change of its details
    assert not check_files(engine, [("own.xlsx", flash(own))], ReadOptions(), UNIT).plans[0].errors


def test_a_changed_parent_is_a_warning_in_the_preview(engine: Engine) -> None:
    _stored(engine)
    plan = check_files(engine, [("p.xlsx", flash(_rows(parent_of_1002=""), header=WITH_PARENT))], ReadOptions(), ADMIN)
    changed = [p for p in plan.plans[0].warnings if p.code == "parent_changed"]
    assert [(p.params["unit"], p.params["old"], p.params["new"]) for p in changed] == [("1002", "1001", "—")]


def test_a_revert_keeps_its_reason_or_refuses_one_it_cannot_keep(engine: Engine) -> None:
    _stored(engine)
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    assert import_files(engine, [("fix.xlsx", flash(rows))], ReadOptions(), ADMIN).stored
    before = _counts(engine)
    for reason, code in (("x" * 501, "revert_reason_too_long"), ("误\x07传", "revert_reason_control")):
        refused = revert_upload(engine, 1, ADMIN, reason)
        assert [p.code for p in refused.problems] == [code] and refused.upload_id is None
    assert _counts(engine) == before
    done = revert_upload(engine, 1, ADMIN, "  二次上传有误\r\n恢复首次  ")
    with engine.connect() as conn:
        row = queries.upload(conn, done.upload_id or 0)
    assert row is not None and json.loads(row.details)["reason"] == "二次上传有误\n恢复首次"
