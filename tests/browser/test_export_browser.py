"""The Export report control in a real browser: the download is built when its button is clicked
(``st.download_button(data=callable)`` runs on Streamlit's own thread, which AppTest does not exercise), and a
report issued from the page is kept byte for byte."""

# ruff: noqa: F811  (the tests take the imported fixtures as arguments)
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dashboard.i18n import t
from dashboard.reports.issue import issued_bytes
from dashboard.storage.engine import open_database, reading
from dashboard.storage.queries import issued_report_rows
from tests.browser.server import FINANCE

# The end-to-end module's server fixture and skip marks, imported so that pytest uses them here.
from tests.browser.test_e2e import CHROMIUM, TIMEOUT, pytestmark, server, settle, sign_in  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from tests.browser.server import Server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium of its own (the end-to-end module's fixture also clears its screenshots and timings)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 2400}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    yield context.new_page()
    context.close()


def _needs_the_report() -> None:
    for module in ("dashboard.reports.model", "dashboard.comments", "dashboard.reports.xlsx"):
        pytest.importorskip(module)


def _open_export(page: Page, server: Server) -> None:
    sign_in(page, server, FINANCE)
    settle(page)
    page.get_by_text(t("web.export.title", "zh"), exact=True).click()
    settle(page)


def test_the_xlsx_is_built_when_the_download_is_clicked(page: Page, server: Server, tmp_path: Path) -> None:
    _needs_the_report()
    _open_export(page, server)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=t("web.export.download", "zh", format="XLSX")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".xlsx" and saved.read_bytes()[:2] == b"PK"
    assert saved.name.startswith("2023Q")


def test_a_report_issued_from_the_page_is_kept_byte_for_byte(page: Page, server: Server, tmp_path: Path) -> None:
    _needs_the_report()
    _open_export(page, server)
    page.get_by_role("button", name=t("web.export.issue", "zh", format="XLSX")).click()
    settle(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=t("web.export.download_issued", "zh", id=1)).click()
    saved = tmp_path / "issued.xlsx"
    download.value.save_as(saved)
    engine = open_database(server.db_url)
    with reading(engine) as conn:
        [issued] = issued_report_rows(conn)
        kept = issued_bytes(conn, issued.id)
    engine.dispose()
    assert issued.issued_by == FINANCE and kept == saved.read_bytes()
    assert issued.sha256 == hashlib.sha256(saved.read_bytes()).hexdigest()
