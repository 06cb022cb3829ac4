"""多级上报 in a real browser: a unit finance account submits its units' file for review; group finance previews
and returns it with a reason the unit then reads, in English; the unit submits again and group finance confirms
it. Screenshots at 1280 px and 390 px (a phone) in Chinese and English go to test-output/screenshots/submit/
(git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dashboard.i18n import t
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from tests.browser.server import FINANCE, PASSWORD, REPO, Server, build_database, cli, start, stop
from tests.browser.test_e2e import browser, settle, sign_in  # noqa: F401 (fixtures)
from tests.workbooks import HEADER, flash

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser]
SHOTS = REPO / "test-output" / "screenshots" / "submit"  # git-ignored
UNIT = "e2e-unit"
OWN = [
    ["1101", "衡川机电装备有限公司", 180000, 170000, 6000, 5500],
    ["1102", "衡川精密制造有限公司", 140000, 130000, 4500, 4000],
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("submit")
    db_url = f"sqlite:///{tmp / 'submit.db'}"
    build_database(db_url)
    cli(
        db_url,
        "users",
        "add",
        UNIT,
        "--role",
        "unit_finance",
        "--units",
        "1101,1102",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    process, running = start(db_url, tmp / "streamlit.log")
    try:
        yield running
    finally:
        stop(process)


def session(browser: Browser, server: Server, username: str) -> Page:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 2000})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    sign_in(tab, server, username)
    return tab


def upload_page(tab: Page, lang: str) -> None:
    tab.get_by_test_id("stSidebarNav").get_by_role("link", name=t("page.upload", lang), exact=True).click()
    tab.get_by_role("heading", name=t("page.upload", lang)).first.wait_for()
    settle(tab)


def english(tab: Page) -> None:
    tab.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    settle(tab)


def shots(tab: Page, name: str) -> None:
    """The whole page at 1280 px and at 390 px (a phone)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        tab.set_viewport_size({"width": width, "height": 2000})
        settle(tab)
        tab.wait_for_timeout(500)
        tab.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    tab.set_viewport_size({"width": 1280, "height": 2000})
    settle(tab)


def submit(tab: Page, path: Path, lang: str) -> None:
    tab.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    tab.locator(f'[data-testid="stFileChipName"][title="{path.name}"]').wait_for()
    settle(tab)
    tab.get_by_role("button", name=t("web.check", lang)).click()
    tab.get_by_role("button", name=t("web.sub.submit", lang)).wait_for()
    settle(tab)


def test_submit_return_resubmit_confirm(browser: Browser, server: Server, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "2024Q1快报.xlsx"
    path.write_bytes(
        flash(OWN, title="2024年第一季度经营快报", meta=[["报告期：2024Q1", None, "金额单位：万元"]], header=HEADER)
    )
    unit = session(browser, server, UNIT)
    upload_page(unit, "zh")
    assert "1101, 1102" in unit.get_by_test_id("stAlert").first.inner_text()
    submit(unit, path, "zh")
    shots(unit, "zh-unit-preview")
    unit.get_by_role("button", name=t("web.sub.submit", "zh")).click()
    unit.get_by_text("已提交 #1").wait_for()
    settle(unit)
    shots(unit, "zh-unit-submitted")

    finance = session(browser, server, FINANCE)
    upload_page(finance, "zh")
    finance.get_by_role("button", name=t("web.sub.check", "zh")).click()
    finance.get_by_role("button", name=t("web.sub.confirm", "zh", id=1)).wait_for()
    settle(finance)
    shots(finance, "zh-finance-review")
    finance.get_by_label(t("web.sub.reason", "zh")).fill("1102 营业收入与上季度差距过大，请核对")
    finance.get_by_role("button", name=t("web.sub.return", "zh", id=1)).click()
    finance.get_by_text("已退回报送 #1").wait_for()

    english(unit)
    upload_page(unit, "en")
    unit.get_by_text("1102 营业收入与上季度差距过大").first.wait_for()
    assert "Submission #1 was returned by" in unit.get_by_test_id("stMain").inner_text()
    shots(unit, "en-unit-returned")
    submit(unit, path, "en")
    unit.get_by_role("button", name=t("web.sub.submit", "en")).click()
    unit.get_by_text("Submitted #2").wait_for()

    english(finance)
    upload_page(finance, "en")
    finance.get_by_role("button", name=t("web.sub.check", "en")).click()
    confirm = finance.get_by_role("button", name=t("web.sub.confirm", "en", id=2))
    confirm.wait_for()
    settle(finance)
    shots(finance, "en-finance-review")
    confirm.click()
    finance.get_by_text("Confirmed submission #2").wait_for()
    settle(finance)
    shots(finance, "en-finance-confirmed")
    engine = open_database(server.db_url)
    with engine.connect() as conn:
        states = [(s.id, s.state) for s in queries.submission_rows(conn)]
    engine.dispose()
    assert states == [(2, "confirmed"), (1, "returned")]
