"""The dashboard in a real browser: sign in, charts, speed of the overview, upload, language, admin pages.

Playwright drives Debian's Chromium (/usr/bin/chromium) against a Streamlit server on a demo database. Full
screenshots of every page in Chinese and English go to ``test-output/screenshots/`` (git-ignored), the measured
times to ``test-output/browser-timings.json``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import func, select

from dashboard.domain import Period
from dashboard.i18n import t
from dashboard.samples import HEADER_YTD, SAMPLE_UNITS, sample_ytd
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from dashboard.storage.rows import UploadRow
from dashboard.storage.tables import figures
from tests.browser.server import ADMIN, FINANCE, PASSWORD, REPO, Server, build_database, start, stop
from tests.workbooks import flash

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
OUT = REPO / "test-output"
SHOTS = OUT / "screenshots"
TIMEOUT = 30_000  # ms, first loads
VIEWPORT = {"width": 1440, "height": 2400}  # tall enough for the long pages in one screenshot
WARM_LIMIT = 3.0  # s, navigation to the first overview chart
FIRST_UNIT = min(SAMPLE_UNITS, key=lambda u: u.code)
# True when the rendered text of an element lies inside the box of its alert (nothing cut off or spilling out).
TEXT_INSIDE_ITS_BOX = """e => {
    const box = e.closest('[data-testid="stAlert"]').getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(e);
    const text = range.getBoundingClientRect();
    return text.width > 0 && text.left >= box.left - 1 && text.right <= box.right + 1
        && text.top >= box.top - 1 && text.bottom <= box.bottom + 1;
}"""


def _missing() -> str:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is missing (pip install -e '.[test]')"
    return ""


pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(_missing()), reason=_missing())]
TIMINGS: dict[str, Any] = {}


# --- workbooks -------------------------------------------------------------------------------------------


def workbook(period: Period, raise_revenue: set[str], bad_cell: tuple[int, int, str] | None = None) -> bytes:
    """The sample units' flash report for ``period`` as stored by ``demo``, with 1,000 万元 more revenue for the
    units in ``raise_revenue``; ``bad_cell`` (row, column index, value) spoils one unit cell."""
    ytd = sample_ytd()
    rows: list[list[Any]] = []
    for unit in SAMPLE_UNITS:
        if (unit.code, period, "revenue") not in ytd:
            continue
        revenue = ytd[(unit.code, period, "revenue")] + (Decimal(1000) if unit.code in raise_revenue else 0)
        rows.append([unit.code, unit.name_zh, unit.parent_code or None, revenue])
        rows[-1] += [ytd.get((unit.code, period.prior_year(), "revenue")), ytd[(unit.code, period, "profit")]]
        rows[-1].append(ytd.get((unit.code, period.prior_year(), "profit")))
    total = [sum((r[i] for r in rows if r[i] is not None), Decimal(0)) for i in range(3, 7)]
    if bad_cell is not None:
        rows[bad_cell[0]][bad_cell[1]] = bad_cell[2]
    rows.append([None, "合计", None, *total])
    meta = [[f"报告期：{period}", None, None, "金额单位：万元"]]
    return flash(rows, title=f"{period.year}年第四季度经营快报", meta=meta, header=HEADER_YTD)


# --- fixtures --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("e2e")
    db_url = f"sqlite:///{tmp / 'e2e.db'}"
    build_database(db_url)
    process, running = start(db_url, tmp / "streamlit.log")
    try:
        yield running
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("FAILED-*.png"):
        old.unlink()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()
    (OUT / "browser-timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser session (its own cookies, so its own Streamlit session); a screenshot if the test fails."""
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT)
    opened = context.new_page()
    yield opened
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        opened.screenshot(path=str(SHOTS / f"FAILED-{request.node.name}.png"))
    context.close()


# --- page helpers ----------------------------------------------------------------------------------------


def settle(page: Page) -> None:
    """Wait until the script run the last action started has finished."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', state="attached")


def sign_in(page: Page, server: Server, username: str) -> None:
    page.goto(server.url)
    page.get_by_label(t("web.username", "zh"), exact=True).fill(username)
    page.get_by_label(t("web.password", "zh"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t("web.sign_in", "zh")).click()
    page.get_by_test_id("stSidebarNavLink").first.wait_for()


def go(page: Page, key: str, lang: str = "zh") -> float:
    """Click a page in the sidebar navigation; returns the time of the click (perf_counter)."""
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=t(key, lang), exact=True)
    started = time.perf_counter()
    link.click()
    return started


def heading(page: Page, name: str) -> None:
    page.get_by_role("heading", name=name).first.wait_for()
    settle(page)


def charts(page: Page, at_least: int) -> int:
    """Wait for ``at_least`` drawn plotly charts; returns how many there are."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('.js-plotly-plot')].filter(e => e.querySelector('.main-svg')).length >= n",
        arg=at_least,
        timeout=TIMEOUT,
    )
    return page.locator(".js-plotly-plot").count()


def shot(page: Page, name: str) -> None:
    settle(page)
    page.wait_for_timeout(400)  # plotly transitions and the data grids' canvas
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def first_chart_after(page: Page, key: str) -> float:
    """Seconds from the click on a sidebar page to its first visible plotly chart."""
    started = go(page, key)
    page.locator(".js-plotly-plot").first.wait_for(state="visible")
    return time.perf_counter() - started


def check_file(page: Page, path: Path, lang: str) -> None:
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    page.locator(f'[data-testid="stFileChipName"][title="{path.name}"]').wait_for()  # the text may be shortened
    settle(page)
    page.get_by_role("button", name=t("web.check", lang)).click()


def changed_count(page: Page, lang: str) -> str:
    label = page.get_by_test_id("stMetricLabel").get_by_text(t("web.change.changed", lang), exact=True)
    metric = page.get_by_test_id("stMetric").filter(has=label)
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def stored(server: Server) -> tuple[list[UploadRow], int]:
    """The upload log (newest first) and the number of figure versions in the database."""
    engine = open_database(server.db_url)
    with engine.connect() as conn:
        log = queries.upload_log(conn)
        count = conn.execute(select(func.count()).select_from(figures)).scalar_one()
    engine.dispose()
    return log, int(count)


# --- tests -----------------------------------------------------------------------------------------------


def test_finance_sees_charts_uploads_a_report_and_reads_english(page: Page, server: Server, tmp_path: Path) -> None:
    sign_in(page, server, FINANCE)
    assert charts(page, 3) >= 3
    shot(page, "zh-overview")
    go(page, "page.units")
    heading(page, FIRST_UNIT.name_zh)  # the page opens on the first unit
    charts(page, 1)
    shot(page, "zh-units")
    go(page, "page.trends")
    heading(page, t("page.trends", "zh"))
    charts(page, 1)
    shot(page, "zh-trends")

    go(page, "page.upload")  # a page without charts, so the next chart seen is the overview's
    heading(page, t("page.upload", "zh"))
    warm = first_chart_after(page, "page.overview")
    TIMINGS["first_chart_warm_s"] = round(warm, 3)
    assert warm < WARM_LIMIT, f"first overview chart {warm:.2f} s after navigation (goal < {WARM_LIMIT} s)"
    charts(page, 3)

    good = tmp_path / "2023Q4_更正.xlsx"
    good.write_bytes(workbook(Period(2023, 4), {"1101", "1102"}))
    go(page, "page.upload")
    heading(page, t("page.upload", "zh"))
    check_file(page, good, "zh")
    page.get_by_role("button", name=t("web.confirm", "zh")).wait_for()
    settle(page)
    assert changed_count(page, "zh") == "2"
    shot(page, "zh-upload")
    page.get_by_role("button", name=t("web.confirm", "zh")).click()
    page.get_by_test_id("stAlertContentSuccess").filter(has_text=re.compile("^已存入")).wait_for()
    latest = stored(server)[0][0]
    assert (latest.filename, latest.outcome) == (good.name, "stored")

    go(page, "page.upload")  # the figures changed: the overview recomputes for the new data version
    after_upload = first_chart_after(page, "page.overview")
    TIMINGS["first_chart_after_upload_s"] = round(after_upload, 3)
    charts(page, 3)

    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=t("page.overview", "en"), exact=True).wait_for()
    heading(page, t("web.overview_title", "en", year=2023))
    charts(page, 3)
    shot(page, "en-overview")
    english_pages(page, tmp_path)


def english_pages(page: Page, tmp_path: Path) -> None:
    """Units, trends and an upload preview in English."""
    go(page, "page.units", "en")
    heading(page, FIRST_UNIT.name_en)
    charts(page, 1)
    shot(page, "en-units")
    go(page, "page.trends", "en")
    heading(page, t("page.trends", "en"))
    charts(page, 1)
    shot(page, "en-trends")
    go(page, "page.upload", "en")
    heading(page, t("page.upload", "en"))
    other = tmp_path / "2023Q4_correction.xlsx"
    other.write_bytes(workbook(Period(2023, 4), {"1101", "1102", "1103"}))
    check_file(page, other, "en")
    page.get_by_role("button", name=t("web.confirm", "en")).wait_for()
    settle(page)
    assert changed_count(page, "en") == "1"  # 1101 and 1102 were stored above
    shot(page, "en-upload")


def test_admin_sees_the_targets_page(page: Page, server: Server) -> None:
    sign_in(page, server, ADMIN)
    charts(page, 3)
    go(page, "page.targets")
    heading(page, t("page.targets", "zh"))
    page.get_by_role("heading", name=t("web.current_targets", "zh", year=2023)).wait_for()
    shot(page, "zh-targets")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    heading(page, t("page.targets", "en"))
    page.get_by_role("heading", name=t("web.current_targets", "en", year=2023)).wait_for()
    shot(page, "en-targets")


def test_a_bad_workbook_shows_the_cell_and_stores_nothing(page: Page, server: Server, tmp_path: Path) -> None:
    bad = tmp_path / "2023Q4_有错.xlsx"
    bad.write_bytes(workbook(Period(2023, 4), {"1105"}, bad_cell=(8, 3, "待补")))  # unit row 9 → sheet row 12
    before, figures_before = stored(server)
    sign_in(page, server, FINANCE)
    go(page, "page.upload")
    heading(page, t("page.upload", "zh"))
    check_file(page, bad, "zh")
    page.get_by_test_id("stAlertContentError").wait_for()
    settle(page)
    problems = page.get_by_test_id("stTable").first  # a table whose cells wrap (what to do is never cut)
    problems.locator("td", has_text=re.compile("^D12$")).wait_for(state="attached")
    assert "待补" in [text.strip() for text in problems.locator("td").all_inner_texts()]
    assert page.get_by_role("button", name=t("web.confirm", "zh")).count() == 0
    shot(page, "zh-upload-problems")
    after, figures_after = stored(server)
    assert len(after) == len(before) + 1 and after[0].outcome == "rejected"  # logged, not stored
    assert figures_after == figures_before


def test_guessing_is_throttled_with_a_message_that_fits(browser: Browser, server: Server) -> None:
    """Five wrong passwords, then the sixth attempt is refused with the wait, on a laptop and on a phone; the
    message is whole in its box. Runs last in this module: the failures count against this client (127.0.0.1)."""
    for width in (1440, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(TIMEOUT)
        page = context.new_page()
        page.goto(server.url)
        for attempt in range(6):
            page.get_by_label(t("web.username", "zh"), exact=True).fill(f"guess-{width}")  # unknown: counted alike
            page.get_by_label(t("web.password", "zh"), exact=True).fill(f"wrong-password-{attempt}")
            page.get_by_role("button", name=t("web.sign_in", "zh")).click()
            settle(page)
        alert = page.get_by_test_id("stAlertContentError").filter(has_text="尝试次数过多")
        alert.wait_for()
        assert "后再试" in alert.inner_text()
        assert alert.evaluate(TEXT_INSIDE_ITS_BOX), f"the message is cut at {width} px"
        page.screenshot(path=str(SHOTS / f"zh-throttled-{width}.png"), full_page=True)
        context.close()
