"""The Units page's 数据来源 section in a real browser: every version of a unit's figure after a correction and a
revert with a reason, at 1280 and 390 px in Chinese and English, nothing wider than the screen; the original
file downloaded is byte for byte the one uploaded. Screenshots go to test-output/screenshots/lineage/ (git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.i18n import metric_name, t
from dashboard.imports import import_files, revert_upload
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from tests.browser.server import FINANCE, REPO
from tests.browser.test_e2e import FIRST_UNIT, browser, go, page, server, settle, sign_in  # noqa: F401 (fixtures)
from tests.workbooks import flash

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.server import Server

pytestmark = [pytest.mark.browser]
SHOTS = REPO / "test-output" / "screenshots" / "lineage"  # git-ignored
PERIOD = Period(2023, 4)
REASON = "更正文件把收入多填了1%，经与单位核对后恢复原报数"
# How far the keyed container's content reaches past its box (a cut or a sideways scroll), and past the page.
OVERFLOW = """key => { const e = document.querySelector('.st-key-' + key);
    return [e.scrollWidth - e.clientWidth, document.documentElement.scrollWidth - window.innerWidth]; }"""


@pytest.fixture(scope="module")
def seeded(server: Server) -> Iterator[tuple[Server, bytes]]:  # noqa: F811
    """A correction of the first unit's 2023Q4 figures (+1 %), then a revert of the demo's 2023Q4 upload with a
    reason; yields the server and the demo file's bytes (what the download must give)."""
    engine = open_database(server.db_url)
    with engine.connect() as conn:
        [original] = [u for u in queries.upload_log(conn, PERIOD) if u.action == "import"]
        now = queries.current_figures(conn, [PERIOD])
        kept = queries.stored_file(conn, original.sha256)
    code = FIRST_UNIT.code
    row: list[object] = [code, FIRST_UNIT.name_zh]
    for metric in ("revenue", "profit"):  # in 万元, as the file says; year to date 1 % up, prior year as it was
        f = now[(code, PERIOD, metric)]
        assert f.ytd is not None
        row += [f.ytd * Decimal("1.01") / 10000, None if f.prior_ytd is None else f.prior_ytd / 10000]
    meta = [[f"报告期：{PERIOD}", None, "金额单位：万元"]]
    fixed = import_files(
        engine, [("更正 [2023Q4].xlsx", flash(rows=[row], meta=meta))], ReadOptions(), Actor(FINANCE, "finance")
    )
    assert fixed.stored, fixed.plans[0].problems
    assert revert_upload(engine, original.id, Actor("e2e-admin", "admin"), REASON).upload_id
    engine.dispose()
    assert kept is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield server, kept


def section(tab: Page, lang: str) -> None:
    settle(tab)
    heading = tab.get_by_role("heading", name=t("web.lineage.head", lang))
    heading.wait_for()
    heading.scroll_into_view_if_needed()
    tab.wait_for_timeout(600)


def shot(tab: Page, lang: str, width: int) -> None:
    """The section from its heading down, as the reader sees it."""
    heading = tab.get_by_role("heading", name=t("web.lineage.head", lang))
    box = heading.bounding_box()
    assert box is not None
    clip = {"x": 0, "y": box["y"] - 10, "width": width, "height": 1300}
    tab.screenshot(path=str(SHOTS / f"{lang}-{width}.png"), clip=clip)  # type: ignore[arg-type]


def test_the_section_at_both_widths_in_both_languages_and_the_download(
    seeded: tuple[Server, bytes],
    page: Page,  # noqa: F811
) -> None:
    running, kept = seeded
    sign_in(page, running, FINANCE)
    page.set_viewport_size({"width": 1280, "height": 1400})
    for lang in ("zh", "en"):
        if lang == "en":
            page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
            settle(page)
        go(page, "page.units", lang)
        section(page, lang)
        box = page.get_by_test_id("stSelectbox").filter(has_text=t("web.lineage.metric", lang))
        shown = box.evaluate("e => e.innerText + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')")
        assert metric_name("revenue", lang) in shown, shown  # the picker's labels follow the language
        table = page.locator(f".st-key-table-lineage-{FIRST_UNIT.code}")
        rows = table.inner_text()
        assert "v3 · " + t("lineage.current", lang) in rows and REASON in rows, rows
        assert "更正 [2023Q4].xlsx" in rows and "快报!" in rows
        assert t("lineage.how.revert", lang) in rows and t("lineage.how.import", lang) in rows
        assert page.evaluate(OVERFLOW, f"table-lineage-{FIRST_UNIT.code}") == [0, 0]
        shot(page, lang, 1280)
        label = t("web.lineage.download", lang, upload=1, filename="x").split("#")[0]
        buttons = page.get_by_role("button", name=label)
        assert buttons.count() == 2, buttons.count()
        with page.expect_download() as done:
            buttons.last.click()  # the oldest: the demo's file, which the revert restored
        assert Path(done.value.path()).read_bytes() == kept
        assert done.value.suggested_filename == f"{PERIOD}_经营快报.xlsx"
        page.set_viewport_size({"width": 390, "height": 1400})
        section(page, lang)
        overflow = page.evaluate(OVERFLOW, f"table-lineage-{FIRST_UNIT.code}")
        assert overflow[0] <= 0 and overflow[1] <= 0, overflow
        shot(page, lang, 390)
        page.set_viewport_size({"width": 1280, "height": 1400})
