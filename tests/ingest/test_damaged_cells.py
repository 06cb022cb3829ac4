"""Cells a file cannot mean are named, never read as something else: an unknown cell type, a shared-string index
that points nowhere, an amount written as scientific-notation text."""

from __future__ import annotations

import pytest

from dashboard.ingest import read_upload
from tests.workbooks import csv_bytes, flash, rewrite_part

SHEET = "xl/worksheets/sheet1.xml"
ONE_UNIT = [["1001", "集团本部", 100, 10]]


def _errors(data: bytes, name: str = "q2.xlsx") -> list[tuple[str, str]]:
    return [(p.code, p.cell) for p in read_upload(data, name).errors]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'<c r="C4" t="n"><v>100</v>', b'<c r="C4" t="x"><v>100</v>'),  # no such cell type
        (b'<c r="C4" t="n"><v>100</v>', b'<c r="C4" t="s"><v>7</v>'),  # no such shared string
        (b'<c r="C4" t="n"><v>100</v>', b'<c r="C4" t="s"><v>abc</v>'),  # an index that is not a number
        (b'<c r="C4" t="n"><v>100</v>', b'<c r="C4" t="s"><v>\xc2\xb2</v>'),  # "²": a digit to str.isdigit
        (b'<c r="A4" t="inlineStr"><is><t>1001</t></is></c>', b'<c r="A4" t="s"><v>3</v></c>'),  # in the code column
    ],
)
def test_a_cell_the_file_cannot_mean_is_named(old: bytes, new: bytes) -> None:
    data = rewrite_part(flash(rows=ONE_UNIT), SHEET, lambda xml: xml.replace(old, new))
    cell = "A4" if b"A4" in old else "C4"
    assert _errors(data) == [("cell_invalid", cell)]


@pytest.mark.parametrize("written", ["1e3", "1.23457E+11", "3.0E2"])
def test_an_amount_in_scientific_notation_text_is_refused(written: str) -> None:
    header = "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"
    lines = ["报告期：2023Q2", "金额单位：万元", header, f"1001,集团本部,{written},10"]
    assert _errors(csv_bytes(lines), "q2.csv") == [("amount_exponent", "C4")]


def test_a_number_cell_in_scientific_notation_is_still_a_number() -> None:
    data = rewrite_part(flash(rows=ONE_UNIT), SHEET, lambda xml: xml.replace(b"<v>100</v>", b"<v>1.5E+3</v>"))
    parsed = read_upload(data, "q2.xlsx")
    assert parsed.ok and [(str(f.ytd), str(f.prior_ytd)) for f in parsed.figures] == [("15000000", "100000")]


def test_a_zip_of_a_version_python_cannot_open_is_a_broken_file() -> None:
    """A central directory asking for zip version 23.5 made zipfile raise NotImplementedError past the sniffer."""
    data = bytearray(flash(rows=ONE_UNIT))
    end = data.rfind(b"PK\x05\x06")
    directory = int.from_bytes(data[end + 16 : end + 20], "little")
    data[directory + 6 : directory + 8] = (235).to_bytes(2, "little")  # "version needed to extract" of entry 1
    assert [p.code for p in read_upload(bytes(data), "z.xlsx").errors] == ["file_broken_zip"]


def test_a_row_number_that_is_not_ascii_digits_is_damage_not_an_internal_error() -> None:
    data = rewrite_part(flash(rows=ONE_UNIT), SHEET, lambda xml: xml.replace(b'<row r="4">', '<row r="⁷">'.encode()))
    assert [p.code for p in read_upload(data, "q2.xlsx").errors] == ["file_damaged"]


@pytest.mark.parametrize("name", ["集团\u202e部本", "集团\x85本部", "集团\u2028本部"])
def test_a_name_with_a_bidi_override_or_control_is_refused_at_its_cell(name: str) -> None:
    header = "单位编码,单位名称,营业收入（本年累计）,利润总额（本年累计）"
    data = csv_bytes(["报告期：2023Q2", "金额单位：万元", header, f"1001,{name},1,1"])
    assert _errors(data, "q2.csv") == [("text_control", "B4")]
