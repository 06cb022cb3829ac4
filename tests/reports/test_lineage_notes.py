"""The gap report's notes list the uploads behind it the way the Units page's 数据来源 does: upload #, file name,
sheet, who, when, and how each came (a revert with the upload it restored and its reason); in xlsx, html and pdf."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.imports import import_files, revert_upload
from dashboard.ingest import ReadOptions
from dashboard.reports.build import build_from_storage
from dashboard.reports.content import GapReport, Table
from dashboard.reports.writers import write
from dashboard.targets import set_target
from tests.workbooks import UNITS, flash

ADMIN = Actor("admin", "admin")
REASON = "fix.xlsx 把精密制造的收入多填了100万"


def stored(engine: Engine, reason: str = REASON, first: str = "q2.xlsx") -> None:
    """#1 ``first`` by li.na; #2 fix.xlsx changes 1002's revenue; #3 an admin's revert of #1 with ``reason``."""
    finance = Actor("li.na", "finance")
    assert import_files(engine, [(first, flash())], ReadOptions(), finance).stored
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    assert import_files(engine, [("fix.xlsx", flash(rows=rows))], ReadOptions(), finance).stored
    assert revert_upload(engine, 1, ADMIN, reason).upload_id == 3
    for metric in ("revenue", "profit"):
        set_target(
            engine,
            year=2023,
            metric=metric,
            unit_code="",
            amount=Decimal("100000000"),
            growth_floor=None,
            base_amount=None,
            actor=ADMIN,
            reason="",
        )


def uploads(report: GapReport) -> Table:
    [table] = report.tables("uploads")
    return table


def test_the_notes_name_each_upload_and_the_reverts_reason(engine: Engine) -> None:
    stored(engine)
    zh, _ = build_from_storage(engine, 2023, Period(2023, 2), lang="zh", prepared_by="t")
    table = uploads(zh)
    assert [c.key for c in table.columns][-1] == "how" and table.columns[-1].header == "方式与原因"
    by_id = {row[0]: row for row in table.rows}
    assert set(by_id) == {2, 3}  # fix.xlsx stored every figure again; #3 restored the revenue it changed
    assert [c.header for c in table.columns][:4] == ["上传编号", "文件", "工作表", "上传人"]
    assert by_id[3][1:4] == ("q2.xlsx", "快报", "admin") and by_id[3][-1] == f"恢复；恢复上传 #1；原因：{REASON}"
    assert by_id[2][1:4] == ("fix.xlsx", "快报", "li.na") and by_id[2][-1] == "导入"
    en, _ = build_from_storage(engine, 2023, Period(2023, 2), lang="en", prepared_by="t")
    row = next(r for r in uploads(en).rows if r[0] == 3)
    assert row[-1] == f"Restored; restores upload #1; reason: {REASON}"
    assert uploads(en).columns[-1].header == "How and why" and uploads(en).columns[2].header == "Sheet"


def test_xlsx_and_html_show_it(engine: Engine) -> None:
    stored(engine)
    report, _ = build_from_storage(engine, 2023, Period(2023, 2), lang="zh", prepared_by="t")
    book = load_workbook(io.BytesIO(write(report, "xlsx")))
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert f"恢复；恢复上传 #1；原因：{REASON}" in cells and "方式与原因" in cells
    html = write(report, "html").decode()
    assert f"恢复；恢复上传 #1；原因：{REASON}" in html and "方式与原因" in html


def test_stored_texts_are_shown_as_typed_never_run(engine: Engine) -> None:
    """A file name and a revert's reason with markup or a formula: escaped in html, a plain string in xlsx."""
    reason = '=HYPERLINK("http://x","y") <script>alert(1)</script>'
    stored(engine, reason, first="<b>q2</b>.xlsx")
    report, _ = build_from_storage(engine, 2023, Period(2023, 2), lang="en", prepared_by="t")
    html = write(report, "html").decode()
    assert "<script>alert" not in html and "<b>q2" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;q2&lt;/b&gt;.xlsx" in html
    book = load_workbook(io.BytesIO(write(report, "xlsx")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    [how] = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert how.data_type == "s" and how.value == f"Restored; restores upload #1; reason: {reason}"
    assert "<b>q2</b>.xlsx" in {c.value for c in cells}


@pytest.mark.skipif(not shutil.which("pdftotext") or not Path("/usr/bin/chromium").exists(), reason="no pdftotext")
def test_pdf_shows_it(tmp_path: Path) -> None:
    from dashboard.storage.engine import open_database

    engine = open_database(f"sqlite:///{tmp_path}/pdf.db")
    stored(engine)
    report, _ = build_from_storage(engine, 2023, Period(2023, 2), lang="zh", prepared_by="t")
    (tmp_path / "r.pdf").write_bytes(write(report, "pdf"))
    out = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True)
    flat = "".join(out.stdout.split())
    assert "恢复上传#1" in flat and "方式与原因" in flat and "原因：fix.xlsx" in flat
