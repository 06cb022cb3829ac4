"""A budget for every file: each hostile file is refused early, with its own located message, in zh and en."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, func, select

from dashboard.auth.roles import Actor
from dashboard.i18n import describe, problem_message
from dashboard.imports import import_files
from dashboard.ingest import ReadOptions, read_upload
from dashboard.ingest.budget import MIB, Budget, BudgetExceeded, Limits
from dashboard.ingest.grid import Cell, CellKind, Row, SheetSource
from dashboard.storage.tables import units, uploads
from tests.ingest.hostile import HOSTILE, SHEET, _with_parts
from tests.workbooks import csv_bytes, flash, rewrite_part

META_YUAN = (["报告期：2023Q2", None, "金额单位：元"],)


def refused(data: bytes, name: str) -> tuple[list[str], float]:
    """The error codes of reading ``data``, and the CPU seconds it took."""
    start = time.thread_time()
    parsed = read_upload(data, name)
    return [p.code for p in parsed.errors], time.thread_time() - start


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_each_hostile_file_is_refused_early_with_its_own_code(case: str) -> None:
    build, name, code = HOSTILE[case]
    data = build()
    start = time.thread_time()
    parsed = read_upload(data, name)
    elapsed = time.thread_time() - start
    assert [p.code for p in parsed.errors] == [code], parsed.errors
    assert elapsed < 2.0, f"{case} took {elapsed:.1f} s of CPU"
    problem = parsed.errors[0]
    assert problem.sheet or problem.cell or problem.value  # located: a sheet, a cell or a part
    for lang in ("zh", "en"):
        assert "{" not in describe(problem, lang, name)


def test_located_where_the_limit_was_reached() -> None:
    rows = read_upload(HOSTILE["empty rows bomb"][0](), "rows.xlsx").errors[0]
    assert (rows.sheet, rows.cell) == ("快报", "50003:50003")  # the 50,001st <row>: seven data rows, then r=10…
    token = read_upload(HOSTILE["20 MB token cell"][0](), "t.xlsx").errors[0]
    assert token.cell == SHEET
    members = read_upload(HOSTILE["10,000 members"][0](), "m.xlsx").errors[0]
    assert members.value == "10009" and "10009" in problem_message(members, "en")
    csv_rows = read_upload(HOSTILE["1 million CSV rows"][0](), "rows.csv").errors[0]
    assert (csv_rows.sheet, csv_rows.cell) == ("rows.csv", "50001:50001")


# ---------------------------------------------------------------- each limit, on a small file with a small limit


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    def set_limits(**changes: object) -> None:
        monkeypatch.setattr("dashboard.ingest.LIMITS", Limits(**changes))

    return set_limits


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"members": 5}, "budget_members"),
        ({"part_bytes": 1000}, "budget_part_size"),  # declared sizes are checked before reading
        ({"total_bytes": 1500}, "budget_declared_size"),  # the package's declared total, before any part is read
        ({"elements": 40}, "budget_elements"),
        ({"rows": 3}, "budget_rows"),
        ({"cells": 10}, "budget_cells"),
        ({"columns": 4}, "budget_columns"),
        ({"cell_chars": 5}, "budget_cell_length"),
        ({"cpu_seconds": -1.0}, "budget_time"),
    ],
)
def test_each_limit_has_its_own_code(limits: Callable[..., None], change: dict[str, object], code: str) -> None:
    assert read_upload(flash(), "q2.xlsx").ok
    limits(**change)
    assert refused(flash(), "q2.xlsx")[0] == [code]


def test_shared_strings_are_counted(limits: Callable[..., None]) -> None:
    data = _with_shared_strings_part(b"".join(f"<si><t>{i}</t></si>".encode() for i in range(50)))
    assert read_upload(data, "q2.xlsx").ok
    limits(shared_strings=49)
    assert refused(data, "q2.xlsx")[0] == ["budget_shared_strings"]


def test_a_csv_over_the_row_limit_is_refused_before_it_is_split(limits: Callable[..., None]) -> None:
    lines = ["报告期：2023Q2,金额单位：万元", "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"]
    data = csv_bytes([*lines, *(f"U{i},单位{i},1,1" for i in range(10))])
    assert read_upload(data, "q.csv").ok
    limits(rows=5)
    assert refused(data, "q.csv")[0] == ["budget_rows"]


def test_a_long_csv_cell_is_refused_at_its_cell() -> None:
    head = ["报告期：2023Q2,金额单位：万元", "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"]
    parsed = read_upload(csv_bytes([*head, "1001," + "名" * 40_000 + ",1,1"]), "q.csv")
    assert [(p.code, p.cell) for p in parsed.errors] == [("budget_cell_length", "B3")]
    # beyond the csv module's own 128 KiB field limit, still a located refusal, not "damaged"
    parsed = read_upload(csv_bytes([*head, '1001,"' + "a" * 200_000 + '",1,1']), "q.csv")
    assert [(p.code, p.cell) for p in parsed.errors] == [("budget_cell_length", "3:3")]


# ---------------------------------------------------------------- the meter counts real bytes, not declared ones


def test_the_meter_counts_real_bytes_whatever_was_declared() -> None:
    budget = Budget(Limits(part_bytes=MIB, total_bytes=10 * MIB))
    meter = budget.part("xl/worksheets/sheet1.xml", declared=1024)  # the central directory says 1 KB
    with pytest.raises(BudgetExceeded) as caught:
        for _ in range(100):
            meter.add(b"<row/>" * 10_000, compressed=1 * MIB)  # ratio stays low; only the size grows
    assert caught.value.problem.code == "budget_part_size"
    assert meter.size <= MIB + 60_000


def test_the_total_counts_real_bytes_across_parts() -> None:
    budget = Budget(Limits(part_bytes=10 * MIB, total_bytes=MIB))
    budget.members(3, declared_total=3 * 1024)  # what the central directory says: fine
    with pytest.raises(BudgetExceeded) as caught:
        for part in ("xl/a.xml", "xl/b.xml", "xl/c.xml"):
            meter = budget.part(part, declared=1024)
            for _ in range(10):
                meter.add(b"<row/>" * 10_000, compressed=MIB)
    assert caught.value.problem.code == "budget_total_size" and caught.value.problem.value == "xl/b.xml"


def test_the_ratio_is_the_one_actually_reached() -> None:
    meter = Budget(Limits(ratio=10)).part("xl/sharedStrings.xml", declared=0)
    meter.add(b"<a/>" * 100_000, compressed=100_000)  # 400 KB from 100 KB
    meter.add(b"<a/>" * 100_000, compressed=100_000)  # 800 KB from the same 100 KB: 8:1
    with pytest.raises(BudgetExceeded) as caught:
        meter.add(b"<a/>" * 100_000, compressed=100_000)  # 1.2 MB: 12:1
    assert (caught.value.problem.code, caught.value.problem.value) == ("budget_ratio", "xl/sharedStrings.xml")


def test_the_deadline_is_checked_while_rows_are_read() -> None:
    ticks = iter(range(1_000_000))
    budget = Budget(Limits(cpu_seconds=100), clock=lambda: float(next(ticks)))

    def rows(limit: int | None) -> Iterator[Row]:
        for number in range(1, 100_000):
            yield number, {1: Cell(CellKind.TEXT, "x")}

    sheet = budget.guard([SheetSource("数据", True, rows)])[0]
    with pytest.raises(BudgetExceeded) as caught:
        list(sheet.read(None))
    problem = caught.value.problem
    assert (problem.code, problem.sheet) == ("budget_time", "数据")
    assert problem.cell.endswith(":" + problem.cell.split(":")[0])  # a row, e.g. "25600:25600"


def test_a_zip_whose_mimetype_is_a_bomb_is_told_apart_without_inflating_it() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("mimetype", b"\0" * (300 << 20))  # 300 MB in 300 KB
    start = time.thread_time()
    assert [p.code for p in read_upload(out.getvalue(), "x.xlsx").errors] == ["file_zip"]
    assert time.thread_time() - start < 0.5


# ---------------------------------------------------------------- DTD and entities: anywhere, any encoding

DOCTYPE = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'


def _late_doctype(xml: bytes, encoding: str = "utf-8", comment: int = 10_000) -> bytes:
    """The part re-declared in ``encoding``, with a DOCTYPE after a long comment (past any prolog probe)."""
    body = xml.split(b"?>", 1)[-1] if xml.startswith(b"<?xml") else xml
    text = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'.encode()  # utf-16le → UTF-16LE, as expat names it
    text += b"<!--" + b"x" * comment + b"-->" + DOCTYPE + body
    return text.decode("utf-8").encode(encoding)


def _with_shared_strings_part(items: bytes, prolog: bytes = b"") -> bytes:
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sst = b'<?xml version="1.0"?>' + prolog + b'<sst xmlns="' + main + b'">' + items + b"</sst>"
    return _with_parts({"xl/sharedStrings.xml": [sst]})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16le", "utf-16be"])
@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", SHEET])
def test_a_declaration_anywhere_in_any_encoding_is_refused(part: str, encoding: str) -> None:
    evil = rewrite_part(flash(), part, lambda xml: _late_doctype(xml, encoding))
    parsed = read_upload(evil, "evil.xlsx")
    assert [(p.code, p.value) for p in parsed.errors] == [("file_dtd", part)]


def test_a_declaration_in_the_shared_strings_is_refused() -> None:
    items = b"<si><t>&b;</t></si>"
    for encoding in ("utf-8", "utf-16"):
        sst = _late_doctype(
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + items + b"</sst>", encoding
        )
        data = _with_parts({"xl/sharedStrings.xml": [sst]})
        assert [p.code for p in read_upload(data, "evil.xlsx").errors] == ["file_dtd"]


def test_an_external_dtd_is_refused_too() -> None:
    evil = rewrite_part(flash(), "xl/workbook.xml", lambda xml: b'<!DOCTYPE x SYSTEM "file:///etc/passwd">' + xml)
    assert [p.code for p in read_upload(evil, "evil.xlsx").errors] == ["file_dtd"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16be"])
def test_a_utf16_workbook_without_a_dtd_is_read(encoding: str) -> None:
    def recode(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[-1] if xml.startswith(b"<?xml") else xml
        return (f'<?xml version="1.0" encoding="{encoding.upper()}"?>'.encode() + body).decode().encode(encoding)

    data = rewrite_part(rewrite_part(flash(), "xl/workbook.xml", recode), SHEET, recode)
    parsed = read_upload(data, "q2.xlsx")
    assert parsed.ok and len(parsed.figures) == 6, parsed.problems


# ---------------------------------------------------------------- bounded figures

ROW = ["1001", "集团本部", 1, 1, 1, 1]


@pytest.mark.parametrize(
    ("value", "meta", "code"),
    [
        (1e308, META_YUAN, "amount_too_large"),  # a numeric cell
        ("123456789012345678901234567", (["报告期：2023Q2", None, "金额单位：万元"],), "amount_too_large"),
        ("1000000000000000", META_YUAN, "amount_too_large"),  # exactly 10^15 yuan
        ("100000000000", (["报告期：2023Q2", None, "金额单位：万元"],), "amount_too_large"),  # 10^11 万元
        (1e-30, META_YUAN, "amount_too_precise"),
        ("0.000000000000000000001", META_YUAN, "amount_too_precise"),  # 21 places
        ("1e999999999", META_YUAN, "amount_exponent"),  # text in scientific notation is refused as such
    ],
)
def test_an_amount_beyond_the_bounds_is_refused_with_its_cell(value: object, meta: tuple, code: str) -> None:
    parsed = read_upload(flash(rows=[["1001", "集团本部", value, 1, 1, 1]], meta=meta), "q2.xlsx")
    assert [(p.code, p.sheet, p.cell) for p in parsed.errors] == [(code, "快报", "C4")]
    for lang in ("zh", "en"):
        assert "{" not in describe(parsed.errors[0], lang, "q2.xlsx")


@pytest.mark.parametrize(
    ("value", "meta"),
    [
        ("999999999999999.99999999999999999999", META_YUAN),  # the largest: just under 10^15, 20 places
        ("-999999999999999", META_YUAN),
        ("99999999999.9999999999999999", (["报告期：2023Q2", None, "金额单位：万元"],)),
        (1234567.8900000001, META_YUAN),  # a SUM's float noise, as Excel writes it: 10 places, stored
        (0.30000000000000004, META_YUAN),
    ],
)
def test_amounts_within_the_bounds_are_read_exactly(value: object, meta: tuple) -> None:
    parsed = read_upload(flash(rows=[["1001", "集团本部", value, 1, 1, 1]], meta=meta), "q2.xlsx")
    assert parsed.ok, parsed.errors


# ---------------------------------------------------------------- widths and control characters


HEADER_EN = ["单位编码", "单位名称", "单位英文名称", "上级单位编码", "营业收入（本年累计）", "利润总额（本年累计）"]


@pytest.mark.parametrize(
    ("row", "code", "cell"),
    [
        (["1001", "名" * 201, "", "", 1, 1], "text_too_long", "B4"),
        (["1001", "集团本部", "x" * 201, "", 1, 1], "text_too_long", "C4"),
        (["1001", "集团本部", "", "P" * 41, 1, 1], "text_too_long", "D4"),
    ],
)
def test_texts_wider_than_their_column_are_refused(row: list[object], code: str, cell: str) -> None:
    parsed = read_upload(flash(rows=[row], header=HEADER_EN), "q2.xlsx")
    assert [(p.code, p.cell) for p in parsed.errors] == [(code, cell)]
    assert parsed.units == {}


def test_texts_at_their_width_are_read() -> None:
    parsed = read_upload(flash(rows=[["1001", "名" * 200, "x" * 200, "P" * 40, 1, 1]], header=HEADER_EN), "q2.xlsx")
    assert parsed.ok, parsed.errors


@pytest.mark.parametrize("name", ["集团\n本部", "集团\t本部", "集团\x85本部", "\x9b31m集团本部"])
def test_control_characters_in_a_name_are_refused(name: str) -> None:
    head = ["报告期：2023Q2,金额单位：万元", "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"]
    parsed = read_upload(csv_bytes([*head, f'1001,"{name}",1,1']), "q.csv")
    assert [(p.code, p.cell) for p in parsed.errors] == [("text_control", "B3")]
    assert "U+00" in problem_message(parsed.errors[0], "en")
    parsed = read_upload(flash(rows=[["1001", name, 1, 1, 1, 1]]), "q2.xlsx")
    assert [(p.code, p.cell) for p in parsed.errors] == [("text_control", "B4")]


@pytest.mark.parametrize("name", ["集团\x00本部", "\x1b[31m集团本部"])
def test_a_csv_with_nul_or_escape_is_refused(name: str) -> None:
    head = ["报告期：2023Q2,金额单位：万元", "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"]
    parsed = read_upload(csv_bytes([*head, f'1001,"{name}",1,1']), "q.csv")
    assert not parsed.ok and not parsed.units


def test_a_csv_name_too_long_to_cite_is_refused() -> None:
    head = ["报告期：2023Q2,金额单位：万元", "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"]
    parsed = read_upload(csv_bytes([*head, "1001,集团本部,1,1"]), "长" * 120 + ".csv")
    assert [p.code for p in parsed.errors] == ["text_too_long"]


def test_a_token_name_is_refused_the_same_on_both_databases(engine: Engine) -> None:
    """Before, SQLite stored a 500-character name and PostgreSQL failed with "cannot open database"."""
    for name in ("名" * 500, "集团\x85本部"):
        files = [("q2.xlsx", flash(rows=[["1001", name, 1, 1, 1, 1]]))]
        result = import_files(engine, files, ReadOptions(), Actor("li.na", "finance"))
        assert not result.stored
        assert [p.code for p in result.plans[0].errors] in (["text_too_long"], ["text_control"])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(units)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(uploads)).scalar_one() == 2  # both attempts logged


def test_more_periods_than_the_upload_log_can_name_are_refused() -> None:
    """uploads.periods is 400 characters: 50 periods fit; before, a 120-period file broke PostgreSQL only."""
    header = ["年度", "季度", "单位编码", "单位名称", "营业收入（本年累计）", "利润总额（本年累计）"]
    periods = [(year, quarter) for year in range(2001, 2031) for quarter in (1, 2, 3, 4)]  # 120 periods

    def workbook(count: int) -> bytes:
        rows = [[year, quarter, "1001", "集团本部", 1, 1] for year, quarter in periods[:count]]
        return flash(rows=rows, header=header, meta=[["金额单位：万元"]])

    assert read_upload(workbook(50), "q.xlsx").ok
    parsed = read_upload(workbook(120), "q.xlsx")
    assert [(p.code, p.cell, p.value) for p in parsed.errors] == [("too_many_periods", "B54", "2013Q3")]


def test_a_large_csv_whose_lines_end_in_cr_alone_is_read() -> None:
    """Excel for Mac's "CSV (Macintosh)" ends lines in CR alone; over 1 MiB it was refused as one long cell."""
    lines = ["报告期：2023Q2", "金额单位：万元", "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"]
    data = "\r".join([*lines, *(f"U{i:05d},单位{i},{i}.5,{i}" for i in range(40_000))]).encode()
    assert len(data) > MIB
    parsed = read_upload(data, "mac.csv")
    assert parsed.ok and len(parsed.figures) == 80_000
