"""Who has reported (报送情况) in a real browser: the Upload page's section for 2024Q1 (one unit awaiting review,
one returned, the rest not submitted and overdue) in zh and en at 1280 px and on a phone (390 px), the chase list
downloaded as xlsx, and the admin's form (stop a unit, expect one from a period). Screenshots go to
test-output/screenshots/coverage/ (git-ignored)."""

# ruff: noqa: F811  (the tests take the imported fixtures as arguments)
from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from sqlalchemy import insert

from dashboard.i18n import t
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing
from dashboard.storage.tables import submissions
from tests.browser.server import ADMIN, REPO
from tests.browser.test_e2e import browser, go, page, pytestmark, server, settle, sign_in  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.server import Server

SHOTS = REPO / "test-output" / "screenshots" / "coverage"  # git-ignored


def _submissions(db_url: str) -> None:
    at = datetime.now(UTC)
    engine = open_database(db_url)
    with writing(engine) as conn:
        repository.keep_file(conn, "c" * 64, b"file")
        common = {"sha256": "c" * 64, "filename": "报送.xlsx", "size": 4, "periods": "2024Q1", "submitted_at": at}
        rows = [
            {**common, "units": "1101", "state": "submitted", "submitted_by": "unit.li"},
            {**common, "units": "1102", "state": "returned", "submitted_by": "unit.zhao", "reviewed_by": "finance",
             "reviewed_at": at, "reason": "利润总额与明细表不符，请按明细表更正后重报"},
        ]  # fmt: skip
        for row in rows:
            conn.execute(insert(submissions).values(**row))
    engine.dispose()


def _show(tab: Page, lang: str) -> None:
    """The Upload page's coverage section for 2024Q1."""
    go(tab, "page.upload", lang)
    settle(tab)
    tab.get_by_role("heading", name=t("coverage.header", lang)).first.wait_for()
    box = tab.get_by_test_id("stSelectbox").filter(has_text=t("coverage.period", lang)).last
    box.click()
    tab.get_by_role("option", name="2024Q1", exact=True).click()
    settle(tab)
    tab.wait_for_timeout(500)


def _choose(tab: Page, lang: str, code: str) -> None:
    """Pick a unit in the admin's form by clicking its option (typing and Enter may race the list); the list is
    opened again when a rerun closed it under the typing (a few tries, each waiting for the option)."""
    box = tab.get_by_role("combobox", name=t("coverage.range_unit", lang), exact=True)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    option = tab.get_by_role("option", name=re.compile(f"^{code} "))
    for _ in range(3):
        settle(tab)
        box.click()
        box.fill(code)
        if not option.is_visible():
            box.press("ArrowDown")  # the list stays closed when the box kept the focus of an earlier pick
        try:
            option.click(timeout=8000)
            break
        except PlaywrightTimeout:
            tab.keyboard.press("Escape")
    else:
        raise AssertionError(f"the option {code} did not appear in the unit list")
    settle(tab)


def _shot(tab: Page, name: str, width: int, at: str = "") -> None:
    """A screenshot from the section's heading (or from the text ``at``, e.g. the admin's form)."""
    tab.set_viewport_size({"width": width, "height": 1600})
    tab.wait_for_timeout(400)
    heading = tab.get_by_role("heading", name=t("coverage.header", "zh" if "zh" in name else "en")).first
    (tab.get_by_text(at, exact=True).first if at else heading).scroll_into_view_if_needed()
    tab.evaluate("window.scrollBy(0, -80)" if not at else "window.scrollBy(0, 600)")
    tab.screenshot(path=str(SHOTS / f"{name}-{width}.png"))


def test_the_section_in_both_languages_and_on_a_phone(page: Page, server: Server, tmp_path: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    _submissions(server.db_url)
    sign_in(page, server, ADMIN)
    _show(page, "zh")
    body = page.inner_text("body")
    assert "2024Q1 已报 0/14 户 · 待审核 1 · 未报 13（逾期 13）" in body
    assert "待审核" in body and "已退回" in body and "利润总额与明细表不符" in body
    for width in (1280, 390):
        _shot(page, "coverage-zh", width)
    page.set_viewport_size({"width": 1280, "height": 1600})
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=t("coverage.chase_download", "zh")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(io.BytesIO(saved.read_bytes())).active
    assert sheet is not None and sheet["A1"].value == "2024Q1 催报清单" and sheet.max_row == 4 + 13
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    settle(page)
    _show(page, "en")
    body = page.inner_text("body")
    assert "2024Q1: 0/14 units reported · 1 awaiting review · 13 missing (13 overdue)" in body
    assert "Awaiting review" in body and "Returned" in body
    page.get_by_text(t("coverage.range_header", "en"), exact=True).click()
    settle(page)
    for width in (1280, 390):
        _shot(page, "coverage-en", width)


@pytest.mark.parametrize("lang", ["zh"])
def test_the_admin_stops_a_unit(page: Page, server: Server, lang: str) -> None:
    sign_in(page, server, ADMIN)
    _show(page, lang)
    page.get_by_text(t("coverage.range_header", lang), exact=True).click()
    _choose(page, lang, "1401")
    page.get_by_label(t("coverage.range_reason", lang), exact=True).fill("划转至教育集团")
    page.get_by_role("button", name=t("coverage.stop", lang)).click()
    settle(page)
    page.get_by_text(t("coverage.stopped", lang, unit="1401", period="2024Q1"), exact=True).wait_for()
    body = page.inner_text("body")
    assert "已报 0/13 户" in body and "1401 衡川机电职业技术学院（自 2024Q1：划转至教育集团）" in body
    if not page.get_by_role("combobox", name=t("coverage.range_unit", lang), exact=True).is_visible():
        page.get_by_text(t("coverage.range_header", lang), exact=True).click()
    _choose(page, lang, "1301")
    page.get_by_label(t("coverage.range_from", lang), exact=True).fill("2024Q2")
    page.get_by_role("button", name=t("coverage.expect", lang)).click()
    settle(page)
    page.get_by_text(t("coverage.reporting_set", lang, unit="1301", period="2024Q2"), exact=True).wait_for()
    body = page.inner_text("body")
    assert "已报 0/12 户" in body and "设定了应报起始期间：1301" in body
    if not page.get_by_role("button", name=t("coverage.expect", lang)).is_visible():
        page.get_by_text(t("coverage.range_header", lang), exact=True).click()
    for width in (1280, 390):
        _shot(page, "coverage-form-zh", width, at=t("coverage.range_header", lang))
