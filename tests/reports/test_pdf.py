"""The gap report's PDF: printed by Chromium, Chinese sentences in the text layer, charts drawn, pages that render;
and a clear zh/en message (never a hang, never a download) when Playwright or Chromium is missing or slow."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.i18n import t
from dashboard.reports.content import GapReport
from dashboard.reports.html import write_html
from dashboard.reports.pdf import PdfUnavailable, html_to_pdf, write_pdf
from dashboard.reports.writers import write
from tests.reports.html_fixture import headline_sentence, sample_report

CODES = {
    "report.pdf.no_playwright": {},
    "report.pdf.no_chromium": {"path": "/usr/bin/chromium"},
    "report.pdf.timeout": {"seconds": 120},
    "report.pdf.failed": {"detail": "Target closed"},
}


def _missing() -> str:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install playwright)"
    if not os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium is missing (apt-get install chromium fonts-noto-cjk)"
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        return "pdftotext/pdftoppm are missing (apt-get install poppler-utils)"
    return ""


needs_chromium = pytest.mark.skipif(bool(_missing()), reason=_missing() or "-")


def _text(pdf: bytes, folder: Path) -> str:
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.fixture(scope="module")
def zh_report() -> GapReport:
    return sample_report(15, "zh")


@pytest.fixture(scope="module")
def zh_pdf(zh_report: GapReport) -> bytes:
    if _missing():
        pytest.skip(_missing())
    return write_pdf(zh_report)


@needs_chromium
def test_chinese_headline_sentence_is_in_the_text_layer(zh_report: GapReport, zh_pdf: bytes, tmp_path: Path) -> None:
    assert zh_pdf.startswith(b"%PDF-")
    text = re.sub(r"\s+", "", _text(zh_pdf, tmp_path))
    sentence = headline_sentence(zh_report.model)
    assert re.fullmatch(r"完成年度目标的\d+\.\d%，[低高]于序时进度\d+\.\d个百分点", sentence)
    assert sentence in text
    assert "《衡川机电<b>集团</b>2023年1—6月经营目标完成情况及缺口分析》" in text  # escaped, shown as typed
    assert "<script>alert(1)" in text  # the unit name as text (its cell may wrap it)
    assert "第1页，共" in text  # the footer: page x of y
    assert "本年累计与目标路径" in text and "各单位季度完成率" in text  # charts drawn (plotly's SVG text)


@needs_chromium
def test_page_count_is_sane_and_pages_render(zh_pdf: bytes, tmp_path: Path) -> None:
    pages = _pages(zh_pdf)
    assert 5 <= pages <= 14  # title + headline, 15 units × 2 tables, counts, 9 charts two abreast, notes
    (tmp_path / "r.pdf").write_bytes(zh_pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(tmp_path / "r.pdf"), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == pages
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 2_000 for p in pngs)


@needs_chromium
def test_english_footer_and_dispatch(tmp_path: Path) -> None:
    report = sample_report(3, "en", charts=False)
    pdf = write(report, "pdf")
    text = _text(pdf, tmp_path)
    assert "Page 1 of" in text and "Operating revenue" in text


@needs_chromium
def test_html_to_pdf_takes_any_document_and_fetches_nothing(tmp_path: Path) -> None:
    """A page that asks for a remote script and image still prints (the requests are refused, not waited for)."""
    html = (
        '<html lang="en"><head><meta charset="utf-8"><script src="http://192.0.2.1/x.js"></script></head>'
        '<body><img src="https://192.0.2.1/y.png"><p>只是文字 plain</p></body></html>'
    ).encode()
    pdf = html_to_pdf(html, timeout_s=60)
    text = _text(pdf, tmp_path)
    assert "只是文字 plain" in text and "Page 1 of 1" in text


def test_messages_exist_in_chinese_and_english() -> None:
    for code, params in CODES.items():
        zh, en = t(code, "zh", **params), t(code, "en", **params)
        assert zh != en and re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[\u4e00-\u9fff]", en)
    assert "apt-get install chromium fonts-noto-cjk" in t("report.pdf.no_chromium", "zh", path="/x")
    assert "DASHBOARD_CHROMIUM" in t("report.pdf.no_chromium", "en", path="/x")
    assert "pip install playwright" in t("report.pdf.no_playwright", "en")


def test_a_missing_chromium_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DASHBOARD_CHROMIUM", str(tmp_path / "no-such-chromium"))
    report = sample_report(3, "zh", charts=False)
    with pytest.raises(PdfUnavailable) as raised:
        write_pdf(report)
    assert raised.value.code == "report.pdf.no_chromium"
    assert str(tmp_path / "no-such-chromium") in t(raised.value.code, "zh", **raised.value.params)
    assert write_html(report).startswith(b"<!DOCTYPE html>")  # HTML still works


def test_a_chromium_path_that_is_no_path_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_CHROMIUM", "chromium --no-sandbox")
    with pytest.raises(PdfUnavailable) as raised:
        html_to_pdf(b"<html><body>x</body></html>")
    assert raised.value.code == "report.pdf.no_chromium"
    assert raised.value.params == {"path": "chromium --no-sandbox"}


def test_a_chromium_that_does_not_start_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if _missing().startswith("the playwright"):
        pytest.skip(_missing())
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("DASHBOARD_CHROMIUM", str(fake))
    with pytest.raises(PdfUnavailable) as raised:
        html_to_pdf(b"<html><body>x</body></html>", timeout_s=60)
    assert raised.value.code == "report.pdf.no_chromium"


def test_a_missing_playwright_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright.async_api", None)  # import fails as when not installed
    with pytest.raises(PdfUnavailable) as raised:
        html_to_pdf(b"<html><body>x</body></html>")
    assert raised.value.code == "report.pdf.no_playwright"


@needs_chromium
def test_a_print_that_takes_too_long_stops_with_a_message_and_leaves_no_chromium(zh_report: GapReport) -> None:
    with pytest.raises(PdfUnavailable) as raised:
        html_to_pdf(write_html(zh_report), timeout_s=0.5)
    assert raised.value.code == "report.pdf.timeout" and raised.value.params == {"seconds": 1}
    assert not _our_chromium(), "Chromium left running after the timeout"


def _our_chromium() -> list[int]:
    """Chromium processes descended from this test process."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            names[int(entry)] = stat[stat.index("(") + 1 : stat.rindex(")")]
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    ours, found = {os.getpid()}, True
    while found:
        found = False
        for pid, parent in parents.items():
            if parent in ours and pid not in ours:
                ours.add(pid)
                found = True
    return [pid for pid in ours if "chrom" in names.get(pid, "")]


@needs_chromium
def test_the_real_report_model_on_the_demo_database(tmp_path: Path) -> None:
    """After merge: the demo group report's PDF holds its drafted Chinese narrative in the text layer."""
    model_module = pytest.importorskip("dashboard.reports.model")
    from tests.reports.demo_report import demo_report

    report = demo_report(model_module, tmp_path, "zh")
    text = re.sub(r"\s+", "", _text(write_pdf(report), tmp_path))
    for paragraph in report.narrative.values():
        first = re.sub(r"\s+", "", paragraph)[:40]
        assert first in text
    assert re.search(r"完成年度目标的\d+\.\d%", text)
