"""Issue 11's scale check and what-if in a real browser, zh and en, at 1280 and 390 px: the upload preview with the
amount_scale_suspect warning and its checkbox (the confirm button disabled until ticked), and the what-if panel
on the Overview and the Units page. Screenshots go to test-output/screenshots/scale/ (git-ignored)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dashboard.i18n import t
from tests.browser.server import FINANCE, REPO
from tests.browser.test_e2e import browser, go, page, server, settle, sign_in  # noqa: F401 (fixtures)
from tests.workbooks import flash

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from tests.browser.server import Server

pytestmark = [pytest.mark.browser]
SHOTS = REPO / "test-output" / "screenshots" / "scale"  # git-ignored
WIDTHS = (1280, 390)
# Text in the element that is cut (wider than its own box) or reaches past the element's edges: each offender.
CUT = """root => {
    const edge = root.getBoundingClientRect();
    return [...root.querySelectorAll('p, span, label, li, input')].filter(e => {
        if (e.offsetParent === null) return false;
        const box = e.getBoundingClientRect();
        const cut = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible';
        return cut || box.left < edge.left - 1 || box.right > edge.right + 1;
    }).map(e => (e.innerText || e.value || '').slice(0, 60));
}"""
# 2024Q1: unit 1102's figures typed in yuan in a 万元 workbook (10⁴ times last year's same quarter)
ROWS = [
    ["1101", "衡川机电装备有限公司", 180000, 170000, 6000, 5500],
    ["1102", "衡川精密制造有限公司", 1_400_000_000, 1_300_000_000, 45_000_000, 40_000_000],
]


def folder() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def wait(tab: Page) -> None:
    settle(tab)
    tab.wait_for_timeout(800)


def english(tab: Page) -> None:
    tab.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait(tab)


def boxed(tab: Page, title: str) -> Locator:
    """The innermost bordered container holding ``title``."""
    return tab.get_by_test_id("stVerticalBlock").filter(has_text=title).last


def at_widths(tab: Page, element: Locator, name: str) -> None:
    """Screenshots of ``element`` at each width; nothing in it is cut."""
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 2400})
        wait(tab)
        element.scroll_into_view_if_needed()
        assert element.evaluate(CUT) == [], (name, width)
        element.screenshot(path=str(folder() / f"{name}-{width}.png"))


def test_scale_warning_and_its_checkbox(page: Page, server: Server, tmp_path: Path) -> None:  # noqa: F811
    sign_in(page, server, FINANCE)
    go(page, "page.upload")
    wait(page)
    path = tmp_path / "2024Q1快报.xlsx"
    path.write_bytes(flash(ROWS, title="2024年第一季度经营快报", meta=[["报告期：2024Q1", None, "金额单位：万元"]]))
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    page.locator(f'[data-testid="stFileChipName"][title="{path.name}"]').wait_for()
    settle(page)
    page.get_by_role("button", name=t("web.check", "zh")).click()
    box = page.get_by_test_id("stCheckbox").filter(has_text="amount_scale_suspect")
    box.wait_for()
    wait(page)
    for lang in ("zh", "en"):  # the preview is kept when the language changes
        if lang == "en":
            page.set_viewport_size({"width": 1280, "height": 3000})
            english(page)
            box.wait_for()
        confirm = page.get_by_role("button", name=t("web.confirm", lang))
        assert confirm.is_disabled()
        body = page.get_by_test_id("stMain").inner_text()
        assert "1102" in body and "amount_scale_suspect" in body.replace("\\", "")
        assert ("疑似金额单位错误" if lang == "zh" else "Amount unit looks wrong") in body
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 3000})
            wait(page)
            page.screenshot(path=str(folder() / f"upload-warning-{lang}-{width}.png"), full_page=True)
    box.locator("label").click()
    wait(page)
    assert page.get_by_role("button", name=t("web.confirm", "en")).is_enabled()
    assert t("ack.amount_scale_suspect", "en") in box.inner_text()
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(folder() / "upload-ticked-en-390.png"))


def q2(tab: Page, lang: str) -> None:
    """The sidebar's as-of quarter: Q2 (at Q4 nothing remains to assume)."""
    picker = tab.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=t("web.as_of", lang))
    picker.click()
    tab.get_by_role("option", name=t("web.quarter.2", lang)).click()
    wait(tab)


def test_whatif_panel_on_both_pages(page: Page, server: Server) -> None:  # noqa: F811
    sign_in(page, server, FINANCE)
    for lang in ("zh", "en"):
        page.set_viewport_size({"width": 1280, "height": 2400})
        if lang == "en":
            english(page)
        go(page, "page.overview", lang)
        wait(page)
        if lang == "zh":
            q2(page, lang)  # kept across pages and languages
        title = t("whatif.title", lang)
        panel = boxed(page, title)
        panel.wait_for()
        before = panel.inner_text()
        assert t("whatif.full_year", lang, amount="").strip() in before
        assert ("恰好达标所需增速" if lang == "zh" else "Growth that exactly meets it") in before
        field = panel.get_by_role("spinbutton")
        field.fill("20" if lang == "zh" else "-10")
        field.press("Enter")
        wait(page)
        assert panel.inner_text() != before
        at_widths(page, panel, f"whatif-overview-{lang}")
        page.set_viewport_size({"width": 1280, "height": 2400})
        go(page, "page.units", lang)
        wait(page)
        panel = boxed(page, title)
        panel.wait_for()
        assert t("whatif.full_year", lang, amount="").strip() in panel.inner_text()
        at_widths(page, panel, f"whatif-units-{lang}")
