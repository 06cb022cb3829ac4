"""The units breakdown in a real browser: the table has no horizontal scrollbar at 1280, 1440, 1920 and 390 px in
both languages (on the Overview and on a unit with the units under it), and a click on a table row, a heat-map
cell or a waterfall bar opens that unit's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dashboard.i18n import t
from tests.browser.test_e2e import browser, go, page, server, settle, sign_in  # noqa: F401 (fixtures)

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.server import Server

pytestmark = [pytest.mark.browser]
WIDTHS = (1280, 1440, 1920, 390)
# Each visible grid: its inner scroller's scroll width against its client width.
GRIDS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter(df => df.offsetParent !== null)
    .map(df => { const s = df.querySelector('.dvn-scroller') || df; return [s.scrollWidth, s.clientWidth]; })"""
ROW = 35  # px, the grid's row height (header included)


def wait(tab: Page) -> None:
    settle(tab)
    tab.wait_for_timeout(1200)  # the grid and the charts draw after the run


def english(tab: Page) -> None:
    tab.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait(tab)


def unit_with_children(tab: Page, lang: str) -> None:
    go(tab, "page.units", lang)
    wait(tab)
    box = tab.get_by_test_id("stSelectbox").filter(has_text=t("web.pick_unit", lang)).first
    box.click()
    tab.keyboard.type("1102")
    tab.keyboard.press("Enter")
    wait(tab)
    tab.get_by_test_id("stCheckbox").first.click()
    wait(tab)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_units_table_has_no_horizontal_scrollbar_on_a_laptop(page: Page, server: Server, lang: str) -> None:  # noqa: F811
    sign_in(page, server, "e2e-admin")
    if lang == "en":
        english(page)
    for where in ("overview", "units"):
        page.set_viewport_size({"width": 1280, "height": 2400})
        if where == "overview":
            go(page, "page.overview", lang)
            wait(page)
        else:
            unit_with_children(page, lang)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 2400})
            wait(page)
            grids = page.evaluate(GRIDS)
            assert grids, (where, width)
            if width < 1280:  # a phone: the narrow table may scroll its figures beside the pinned unit names
                continue  # (test_fit checks that no name or figure is cut there)
            assert all(scroll <= client for scroll, client in grids), (lang, where, width, grids)


def test_a_click_on_a_unit_opens_its_page(page: Page, server: Server) -> None:  # noqa: F811
    sign_in(page, server, "e2e-admin")
    page.set_viewport_size({"width": 1280, "height": 3000})

    def overview() -> None:
        go(page, "page.overview")
        wait(page)

    def title() -> str:
        page.wait_for_url("**/units")  # the selection's rerun switches to the Units page
        wait(page)
        return page.get_by_test_id("stHeading").first.inner_text()

    overview()
    grid = page.locator(".st-key-breakdown-table-wide [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + ROW * 3 + ROW / 2)  # the third unit's row
    third = title()
    assert page.url.endswith("/units") and third
    overview()
    page.locator(".st-key-breakdown-heat g.trace.bars g.point path").first.click(force=True)
    assert title() and page.url.endswith("/units")
    overview()
    waterfall = page.get_by_test_id("stPlotlyChart").nth(3)
    waterfall.locator("g.trace.bars g.point path").first.click(force=True)  # the largest rise: a unit
    assert title() and page.url.endswith("/units")
