"""The real report's HTML in Chromium at 1280, 1440 and 1920 px, in Chinese and English: every table fits its
box (no column scrolled out of sight) and no heading or paragraph runs past the page. At 390 px (a phone) the
tables scroll inside their box, and the page itself never scrolls sideways."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.demo_report import demo_report
from tests.reports.test_pdf import needs_chromium

OVERFLOWING = """() => ({
  tables: [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length,
  page: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  text: [...document.querySelectorAll('h1, h2, h3, p, th, td')].filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent.slice(0, 40)),
})"""


@needs_chromium
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_is_cut_off_at_laptop_and_desktop_widths_or_on_a_phone(lang: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from dashboard.reports.html import write_html

    report = demo_report(pytest.importorskip("dashboard.reports.model"), tmp_path, lang)
    page_file = tmp_path / f"report-{lang}.html"
    page_file.write_bytes(write_html(report))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu"])
        try:
            for width in (1280, 1440, 1920, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_file.as_uri())
                found = page.evaluate(OVERFLOWING)
                page.close()
                assert not found["page"], f"{lang} {width}px: the page scrolls sideways"
                if width >= 1280:
                    assert found["tables"] == 0, f"{lang} {width}px: {found['tables']} tables wider than their box"
                    assert found["text"] == [], f"{lang} {width}px: text cut off: {found['text']}"
        finally:
            browser.close()
