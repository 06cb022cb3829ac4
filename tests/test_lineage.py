"""Every figure leads back to its cell (issue 11, deliverable 4) on a real database (SQLite and PostgreSQL): an
import, a re-import with a change, a figure converted from a single quarter and a revert with its reason, each
version listed with its sheet!cell and file; the original file read back byte for byte."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.domain import Period
from dashboard.imports import import_files, revert_upload
from dashboard.ingest import ReadOptions
from dashboard.lineage import (
    Lineage,
    UnitLineage,
    how_text,
    lineage,
    lineages,
    load_lineage,
    load_upload_notes,
    mime_type,
    original_reader,
    upload_note,
    upload_notes,
)
from dashboard.storage import queries
from dashboard.storage.rows import UploadRow
from tests.workbooks import UNITS, flash

FINANCE = Actor("li.na", "finance")
Q2, Q3 = Period(2023, 2), Period(2023, 3)
SINGLE_QUARTER = ["单位编码", "单位名称", "营业收入（本季）", "利润总额（本季）"]


def history(engine: Engine) -> dict[str, bytes]:
    """Upload 1: q2.xlsx; 2: fix.xlsx changes 1002's revenue; 3: the revert of 1 with a reason; 4: a 2023Q3
    single-quarter file for 1002 (converted to year to date). Returns the files' bytes by name."""
    files = {"q2.xlsx": flash()}
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    files["fix.xlsx"] = flash(rows=rows)
    meta = [["报告期：2023Q3", "金额单位：万元"]]
    files["q3.xlsx"] = flash(header=SINGLE_QUARTER, rows=[["1002", "精密制造有限公司", 500, 1]], title=None, meta=meta)
    for name in ("q2.xlsx", "fix.xlsx"):
        assert import_files(engine, [(name, files[name])], ReadOptions(), FINANCE).stored
    assert revert_upload(engine, 1, Actor("admin", "admin"), "fix.xlsx 错报了精密制造").upload_id == 3
    result = import_files(engine, [("q3.xlsx", files["q3.xlsx"])], ReadOptions(), FINANCE)
    assert result.stored, result.plans[0].problems
    return files


def revenue(engine: Engine, period: Period) -> Lineage:
    with engine.connect() as conn:
        return lineage(queries.figure_versions(conn, "1002", 2023, "revenue"), period, "revenue")


def test_every_version_is_listed_with_its_cell_file_and_reason(engine: Engine) -> None:
    history(engine)
    found = revenue(engine, Q2)
    assert [v.version for v in found.versions] == [3, 2, 1]  # newest first
    assert [v.current for v in found.versions] == [True, False, False] and found.current is found.versions[0]
    assert [v.ytd for v in found.versions] == [Decimal("20002500"), Decimal("21002500"), Decimal("20002500")]
    assert [v.how for v in found.versions] == ["revert", "import", "import"]
    assert [v.cell for v in found.versions] == ["快报!C5"] * 3
    assert [v.upload.upload_id for v in found.versions] == [3, 2, 1]
    assert [v.upload.filename for v in found.versions] == ["q2.xlsx", "fix.xlsx", "q2.xlsx"]
    assert {v.upload.uploaded_by for v in found.versions[1:]} == {"li.na"} and found.versions[
        0
    ].upload.uploaded_by == "admin"
    restored = found.versions[0].upload
    assert (restored.action, restored.reverts, restored.reason) == ("revert", 1, "fix.xlsx 错报了精密制造")
    assert how_text("revert", restored, "zh") == "恢复；恢复上传 #1；原因：fix.xlsx 错报了精密制造"
    assert how_text("revert", restored, "en") == "Restored; restores upload #1; reason: fix.xlsx 错报了精密制造"
    assert [v.changed for v in found.versions] == [("ytd",), ("ytd",), ()]
    assert [v.ytd_change for v in found.versions] == [Decimal("-1000000"), Decimal("1000000"), None]


def test_a_single_quarter_figure_is_marked_converted_with_its_cell(engine: Engine) -> None:
    history(engine)
    [converted] = revenue(engine, Q3).versions
    assert converted.how == "quarter" and converted.cell == "快报!C3" and converted.current
    assert converted.ytd == Decimal("20002500") + Decimal("5000000")  # the current Q2 (restored) plus the quarter
    assert converted.upload.filename == "q3.xlsx"
    assert how_text("quarter", converted.upload, "zh") == "单季折算"


def test_all_metrics_and_periods_of_a_year_and_one_period(engine: Engine) -> None:
    history(engine)
    with engine.connect() as conn:
        every = lineages(queries.figure_versions(conn, "1002", 2023))
        one = queries.figure_versions(conn, "1002", 2023, period=Q3)
        none = queries.figure_versions(conn, "1002", 2022)
    assert set(every) == {(Q2, "revenue"), (Q2, "profit"), (Q3, "revenue"), (Q3, "profit")}
    profit = every[(Q2, "profit")].versions  # fix.xlsx stored the profit again, the same
    assert [(v.version, v.changed, v.ytd_change) for v in profit] == [(2, (), Decimal(0)), (1, (), None)]
    assert {(r.figure.period, r.figure.metric) for r in one} == {(Q3, "revenue"), (Q3, "profit")}
    assert none == [] and lineage(none, Q2, "revenue").versions == ()


def test_the_original_file_comes_back_byte_for_byte(engine: Engine) -> None:
    files = history(engine)
    with engine.connect() as conn:
        for v in revenue(engine, Q2).versions + revenue(engine, Q3).versions:
            kept = queries.stored_file(conn, v.upload.sha256)
            assert kept == files[v.upload.filename]  # the revert points at the file it restored
            assert len(kept) == v.upload.size
    assert mime_type("q2.xlsx") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_one_loader_gives_the_units_page_everything(engine: Engine) -> None:
    """``load_lineage``: every period and metric of the year, each original file once (under the upload that first
    brought it, newest first) with whether it is kept, and a reader of its bytes."""
    files = history(engine)
    found = load_lineage(engine, "1002", 2023)
    assert found.periods == (Q2, Q3) and [v.version for v in found.lineage(Q2, "revenue").versions] == [3, 2, 1]
    assert found.lineage(Q2, "nope").versions == () and load_lineage(engine, "1002", 2022).periods == ()
    originals = found.originals(found.lineage(Q2, "revenue"))
    assert [(o.note.upload_id, o.note.filename, o.kept) for o in originals] == [
        (2, "fix.xlsx", True),
        (1, "q2.xlsx", True),
    ]
    for o in originals:
        assert original_reader(engine, o.note.sha256)() == files[o.note.filename]
    lost = UnitLineage("1002", 2023, found.found, frozenset())  # a file not kept: listed, not downloadable
    assert [o.kept for o in lost.originals(found.lineage(Q2, "revenue"))] == [False, False]
    assert original_reader(engine, "0" * 64)() == b""


def test_the_reports_notes_know_each_uploads_sheet_a_reverts_from_what_it_restored(engine: Engine) -> None:
    first = flash(sheet="甲表")
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    for name, data in (("a.xlsx", first), ("b.xlsx", flash(rows=rows, sheet="乙表"))):
        assert import_files(engine, [(name, data)], ReadOptions(), FINANCE).stored
    admin = Actor("admin", "admin")
    assert revert_upload(engine, 1, admin, "错报").upload_id == 3
    assert revert_upload(engine, 2, admin, "改回").upload_id == 4
    assert revert_upload(engine, 3, admin, "再恢复").upload_id == 5  # a revert of a revert
    with engine.connect() as conn:
        notes = load_upload_notes(conn, [5, 4, 3, 2, 1, 99])
    assert {i: n.sheet for i, n in notes.items()} == {1: "甲表", 2: "乙表", 3: "甲表", 4: "乙表", 5: "甲表"}
    assert how_text(notes[5].way, notes[5], "en") == "Restored; restores upload #3; reason: 再恢复"
    assert how_text(notes[2].way, notes[2], "zh") == "导入" and notes[3].way == "revert"
    with engine.connect() as conn:
        assert set(load_upload_notes(conn, [4])) == {4} and load_upload_notes(conn, []) == {}


def test_history_on_the_command_line_shows_cell_file_and_reason(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history(engine)
    url = engine.url.render_as_string(hide_password=False)
    assert main(["history", "--unit", "1002", "--period", "2023Q2", "--db", url, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "* 2023Q2 Operating revenue v3: YTD 20,002,500" in out
    assert "restores upload #1; reason: fix.xlsx 错报了精密制造; file q2.xlsx; by admin" in out
    assert "(upload #2, 快报!C5)\n      Imported; file fix.xlsx; by li.na" in out
    assert main(["history", "--unit", "1002", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "（上传 #4，快报!C3）\n      单季折算；文件 q3.xlsx；li.na" in out


def test_a_confirmed_submission_says_so_and_odd_details_are_ignored() -> None:
    at = datetime(2023, 7, 3, tzinfo=UTC)
    details = '{"submission": 7, "confirmed_by": "zhang.wei"}'
    confirmed = upload_note(
        UploadRow(9, "import", "stored", "ab", "1101.xlsx", 5, "wang", at, None, "2023Q2", 2, details, "[]")
    )
    assert (confirmed.submission, confirmed.confirmed_by, confirmed.reverts) == (7, "zhang.wei", None)
    assert how_text("import", confirmed, "zh") == "导入；确认单位报送 #7（zhang.wei 确认）"
    assert how_text("import", confirmed, "en") == "Imported; confirms submission #7 (confirmed by zhang.wei)"
    odd = '{"submission": "7", "confirmed_by": 3, "reason": ["x"], "reverts": true}'
    note = upload_note(UploadRow(4, "revert", "stored", "ab", "q.xlsx", 5, "li", at, 2, "2023Q2", 2, odd, "[]"))
    assert (note.submission, note.confirmed_by, note.reason, note.reverts) == (None, "", "", 2)  # the column's 2
    assert how_text("revert", note, "en") == "Restored; restores upload #2; reason: no reason given"
    assert upload_notes([]) == {}
