"""A file is judged by its bytes, never its name; each refusal says what the file really is and what to do."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from dashboard.i18n import describe
from dashboard.ingest import read_upload
from dashboard.ingest.sniff import sniff
from tests.workbooks import encrypted_xlsx, flash, real_xls, rewrite_part


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


REFUSED = {
    "empty": (b"", "file_empty"),
    "blank": (b"   \n", "file_empty"),
    "random bytes": (random.Random(1).randbytes(4096), "file_unknown"),
    "xls renamed xlsx": (real_xls(), "file_xls"),
    "encrypted workbook": (encrypted_xlsx(), "file_encrypted"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "file_pdf"),
    "html export": (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "file_html"),
    "xlsb": (zip_with({"[Content_Types].xml": b"<x/>", "xl/workbook.bin": b"\x00"}), "file_xlsb"),
    "ods": (zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "file_ods"),
    "plain zip": (zip_with({"a.txt": b"hello"}), "file_zip"),
    "truncated xlsx": (flash()[:2000], "file_broken_zip"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_a_reason_in_both_languages(name: str) -> None:
    data, code = REFUSED[name]
    parsed = read_upload(data, "季度快报.xlsx")
    assert not parsed.ok
    assert [p.code for p in parsed.errors] == [code]
    for lang in ("zh", "en"):
        text = describe(parsed.errors[0], lang, parsed.filename)
        assert "季度快报.xlsx" in text and "{" not in text


def test_xls_message_says_save_as_xlsx() -> None:
    parsed = read_upload(real_xls(), "q2.xlsx")
    assert ".xlsx" in describe(parsed.errors[0], "en") and "Save As" in describe(parsed.errors[0], "en")


def test_kind_comes_from_content_not_name() -> None:
    assert read_upload(flash(), "report.csv").file_kind == "xlsx"
    assert sniff("单位编码,单位名称\n".encode("gb18030")).kind == "csv"


def test_xlsm_is_read_for_values() -> None:
    data = zip_with_member(flash(), "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    parsed = read_upload(data, "q2.xlsm")
    assert parsed.file_kind == "xlsm" and parsed.ok, parsed.problems


def zip_with_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return out.getvalue()


def test_a_part_declaring_a_dtd_is_refused() -> None:
    """Entity expansion ("billion laughs") needs a DTD; no OOXML part has one, so such a part is refused."""
    evil = rewrite_part(
        flash(), "xl/workbook.xml", lambda xml: b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + xml.split(b"?>", 1)[-1]
    )
    parsed = read_upload(evil, "evil.xlsx")
    assert [p.code for p in parsed.errors] == ["file_dtd"]


def test_too_large_is_refused_before_reading() -> None:
    from dashboard.ingest import ReadOptions

    parsed = read_upload(flash(), "big.xlsx", ReadOptions(max_bytes=100))
    assert [p.code for p in parsed.errors] == ["file_too_large"]
