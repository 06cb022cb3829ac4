"""Nothing cut off (issue 10, item 1): every page, every unit, four widths, both languages, measured in Chromium.

One browser, one signed-in admin session per database, navigation inside the app (sidebar links, the unit
selectbox, the 含下属单位 toggle); each view is resized to 1280, 1440, 1920 and 390 px without a reload and measured
by one ``page.evaluate`` of ``fit.js`` (what it checks is written there). Every failure is collected and all of them
are printed, grouped by kind; full-page screenshots of every (page, unit, language, width) go to
``test-output/screenshots/fit/`` (git-ignored) for a person to look at.

A second database (``bigunit.py``) has one unit at about 300 亿元 of revenue: its page and the Overview are
measured too.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from dashboard.domain import Period
from dashboard.i18n import t
from dashboard.samples import SAMPLE_UNITS
from tests.browser.bigunit import BIG_UNIT, build_big_database
from tests.browser.server import ADMIN, REPO, Server, build_database, start, stop
from tests.browser.test_e2e import CHROMIUM, _missing, check_file, settle, sign_in, workbook

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(_missing()), reason=_missing())]

SHOTS = REPO / "test-output" / "screenshots" / "fit"
FIT_JS = (Path(__file__).parent / "fit.js").read_text(encoding="utf-8")
WIDTHS = (1280, 1440, 1920, 390)
NAVIGATE_AT = 1440  # the sidebar (language, pages) is open at this width; folded away at 390
HEIGHT = 1000
MAX_HEIGHT = 12_000  # px, the tallest window used to show a whole page at once
CONTENT_HEIGHT = "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0"
LANGS = ("zh", "en")
PAGES = ("overview", "units", "trends", "upload", "targets", "accounts")
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'
LAYOUT_MS = 300  # after Streamlit settles: CSS layout, plotly's resize
NAMES = {u.code: (u.name_zh, u.name_en) for u in SAMPLE_UNITS}
CHILDREN = Counter(u.parent_code for u in SAMPLE_UNITS if u.parent_code)
# True once the layout stands still: every drawn plotly chart has taken its container's width (plotly redraws after
# a resize, then moves its labels), every data grid is drawn (they mount late), and the page's height, the grids'
# widths and the charts' text boxes are as they were at the last poll.
LAYOUT_STILL = """() => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    const sized = plots.every(p => {
        const svg = p.querySelector('.main-svg');
        return !svg || p.clientWidth === 0 || Math.abs(svg.getBoundingClientRect().width - p.clientWidth) <= 2;
    });
    const boxes = [...document.querySelectorAll('.js-plotly-plot text')].map(e => {
        const r = e.getBoundingClientRect();
        return [r.x, r.y, r.width, r.height].map(Math.round).join(',');
    });
    const frames = [...document.querySelectorAll('[data-testid="stDataFrame"]')];
    const grids = frames.map(g => g.querySelector('.dvn-scroller'));
    const drawn = frames.every(g => g.querySelector('.dvn-scroller') && g.querySelector('table[role="grid"]'));
    const main = document.querySelector('[data-testid="stMain"]')?.scrollHeight;
    const signature = [main, grids.map(g => g && g.scrollWidth).join(','), boxes.join(';')].join('|');
    const still = sized && drawn && window.__fitLayout === signature;
    window.__fitLayout = signature;
    return still;
}"""
LAYOUT_POLL_MS = 150


@dataclass(frozen=True)
class View:
    """What is measured: a page, in a language, for a unit (Units page), alone or with the units under it."""

    lang: str
    page: str
    unit: str = ""
    with_children: bool = False

    def name(self, width: int) -> str:
        unit = f"-{self.unit}" + ("+children" if self.with_children else "") if self.unit else ""
        return f"{self.page}{unit}-{self.lang}-{width}"


@dataclass(frozen=True)
class Failure:
    view: View
    width: int
    kind: str
    where: str
    text: str
    sizes: dict[str, Any]

    def __str__(self) -> str:
        return f"  {self.view.name(self.width)}: {self.where} «{self.text}» {self.sizes}"


# --- fixtures --------------------------------------------------------------------------------------------


def _serve(db_url: str, log: Path) -> Iterator[Server]:
    process, running = start(db_url, log)
    try:
        yield running
    finally:
        stop(process)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("fit")
    db_url = f"sqlite:///{tmp / 'fit.db'}"
    build_database(db_url)
    yield from _serve(db_url, tmp / "streamlit.log")


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("fit-big")
    db_url = f"sqlite:///{tmp / 'big.db'}"
    build_big_database(db_url, tmp)
    yield from _serve(db_url, tmp / "streamlit.log")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


def signed_in(browser: Browser, server: Server) -> Page:
    context = browser.new_context(viewport={"width": NAVIGATE_AT, "height": HEIGHT})
    context.set_default_timeout(30_000)
    page = context.new_page()
    sign_in(page, server, ADMIN)
    settle(page)
    return page


# --- moving around inside the app ------------------------------------------------------------------------


def to_language(page: Page, lang: str) -> None:
    """Pick the language in the sidebar's radio (at a width where the sidebar is open)."""
    page.set_viewport_size({"width": NAVIGATE_AT, "height": HEIGHT})
    page.get_by_test_id("stSidebar").get_by_text({"zh": "中文", "en": "English"}[lang], exact=True).click()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=t("page.overview", lang), exact=True).wait_for()
    rerun(page)


def rerun(page: Page) -> None:
    """Wait for the script run an action started: first that it runs (it may be over before we look: 2 s at most),
    then that it has finished. ``settle`` alone may see the state of the run before and return at once."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector(RUNNING, state="attached", timeout=2_000)
    settle(page)


def open_page(page: Page, key: str, lang: str) -> None:
    """Click a page in the sidebar navigation and wait for its run to finish (and its first chart, if it has one)."""
    page.set_viewport_size({"width": NAVIGATE_AT, "height": HEIGHT})
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name=t(f"page.{key}", lang), exact=True).click()
    nav.locator('[aria-current="page"]').filter(has_text=t(f"page.{key}", lang)).wait_for()
    rerun(page)
    if key in ("overview", "trends"):
        page.locator(".js-plotly-plot .main-svg").first.wait_for()


def pick_unit(page: Page, code: str, lang: str) -> None:
    """Choose a unit in the Units page's selectbox (click, type the code, Enter), shown alone."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=t("web.pick_unit", lang)).first
    box.click()
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    rerun(page)
    name = NAMES[code][LANGS.index(lang)]
    page.get_by_role("heading", level=1).filter(has_text=name).first.wait_for()
    if CHILDREN[code] and page.get_by_label(children_label(code, lang)).is_checked():
        toggle_children(page, code, lang)


def children_label(code: str, lang: str) -> str:
    return t("web.with_children", lang, count=CHILDREN[code])


def toggle_children(page: Page, code: str, lang: str) -> None:
    """Flip the 含下属单位 toggle of a unit with units under it; the title says whether they are included."""
    on = not page.get_by_label(children_label(code, lang)).is_checked()
    page.get_by_text(children_label(code, lang), exact=True).click()
    rerun(page)
    title = page.get_by_role("heading", level=1).filter(has_text=t("web.and_children", lang).strip())
    title.first.wait_for(state="visible" if on else "detached")


def measure(page: Page, view: View) -> list[Failure]:
    """Resize to every width (no reload), let the layout settle, measure with fit.js and take a screenshot.

    Streamlit scrolls inside its main area, not the document, so the window is made as tall as the page's content
    (a full-page screenshot would show the first screen only); nothing in the layout depends on the height."""
    found: list[Failure] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        settle(page)
        page.wait_for_timeout(LAYOUT_MS)
        still(page)
        tall = page.evaluate(CONTENT_HEIGHT)
        page.set_viewport_size({"width": width, "height": max(HEIGHT, min(tall, MAX_HEIGHT))})
        still(page)
        for item in page.evaluate(FIT_JS, {"wide": width >= 1280}):
            found.append(Failure(view, width, item["kind"], item["where"], item["text"], item["sizes"]))
        page.screenshot(path=str(SHOTS / f"{view.name(width)}.png"))
    return found


def still(page: Page) -> None:
    """Wait until the layout stands still (LAYOUT_STILL), 5 s at most: a page that keeps moving is measured as it is."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(LAYOUT_STILL, polling=LAYOUT_POLL_MS, timeout=5_000)


def report(title: str, failures: list[Failure], seconds: float) -> str:
    """Every failure, grouped by kind (most frequent first); also written to test-output/."""
    kinds = Counter(f.kind for f in failures)
    lines = [f"{title}: {len(failures)} cut-off findings, measured in {seconds:.0f} s"]
    for kind, count in kinds.most_common():
        lines.append(f"{kind} ({count}):")
        lines += [str(f) for f in failures if f.kind == kind]
    text = "\n".join(lines)
    print(text)
    (REPO / "test-output" / f"fit-{title}.txt").write_text(text + "\n", encoding="utf-8")
    return text


def measure_page(page: Page, key: str, lang: str, bad: Path) -> list[Failure]:
    """Every view of the page open: on Units each unit alone and, if it has units under it, with them; on Upload the
    page as opened and with the problems of a bad workbook."""
    if key != "units":
        shown = measure(page, View(lang, key))
        if key == "upload":
            page.set_viewport_size({"width": NAVIGATE_AT, "height": HEIGHT})
            check_file(page, bad, lang)
            page.get_by_test_id("stAlertContentError").first.wait_for()
            rerun(page)
            shown += measure(page, View(lang, "upload-problems"))
        return shown
    found: list[Failure] = []
    for code in sorted(NAMES):
        pick_unit(page, code, lang)
        found += measure(page, View(lang, key, code))
        if CHILDREN[code]:
            toggle_children(page, code, lang)
            found += measure(page, View(lang, key, code, with_children=True))
    return found


# --- tests -----------------------------------------------------------------------------------------------


def test_every_page_every_unit_fits_at_every_width(browser: Browser, demo_server: Server, tmp_path: Path) -> None:
    started = time.perf_counter()
    page = signed_in(browser, demo_server)
    bad = tmp_path / "2023Q4_有错.xlsx"  # the Upload page's problem table: one unit cell spoilt
    bad.write_bytes(workbook(Period(2023, 4), set(), bad_cell=(8, 3, "待补")))
    failures: list[Failure] = []
    for lang in LANGS:
        to_language(page, lang)
        for key in PAGES:
            open_page(page, key, lang)
            failures += measure_page(page, key, lang, bad)
    page.context.close()
    text = report("demo", failures, time.perf_counter() - started)
    assert not failures, text


def test_a_unit_in_hundreds_of_yi_fits(browser: Browser, big_server: Server) -> None:
    started = time.perf_counter()
    page = signed_in(browser, big_server)
    failures: list[Failure] = []
    for lang in LANGS:
        to_language(page, lang)
        open_page(page, "overview", lang)
        failures += measure(page, View(lang, "overview-big"))
        open_page(page, "units", lang)
        pick_unit(page, BIG_UNIT, lang)
        failures += measure(page, View(lang, "units-big", BIG_UNIT))
    page.context.close()
    text = report("big-unit", failures, time.perf_counter() - started)
    assert not failures, text
