"""The gap report as a PDF: its HTML (``dashboard.reports.html``) printed by Debian's Chromium through Playwright.

A4 landscape, backgrounds printed (the status pills keep their colours), a footer with the title and "page x of
y", the charts drawn and fitted to the page before printing; Chinese text is real text in the PDF. Playwright
only drives the Chromium already installed (``CHROMIUM`` setting, ``/usr/bin/chromium`` by default) and never
downloads a browser. The page may not fetch anything: every request is refused (the report is self-contained).

When Playwright or Chromium is missing, or printing does not finish in time, ``PdfUnavailable`` carries an i18n
code whose zh and en texts say what to do; the other formats do not need either.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path
from typing import Any

from dashboard import config
from dashboard.reports.content import GapReport

# The whole print: start Chromium, lay out, draw the charts, print. A 2,000-unit report took up to ~60 s on a
# busy shared 2-core machine; beyond this the print is stopped (never a hang) with report.pdf.timeout.
TIMEOUT_S = 180.0
_ARGS = ["--disable-gpu", "--disable-dev-shm-usage"]
_CHARTS_DRAWN = """() => {
  const wanted = Number((document.body && document.body.dataset.charts) || 0);
  const plots = Array.from(document.querySelectorAll("figure.chart .plotly-graph-div"));
  return plots.length === wanted && plots.every((el) => el.querySelector(".main-svg") !== null);
}"""
_PRINT_LAYOUT = "() => (window.reportPrintLayout ? window.reportPrintLayout().then(() => true) : true)"
_PAGE_WORDS = {
    "zh": '第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页',
    "en": 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
}
_FOOTER = (
    '<div style="width:100%;margin:0 10mm;font-size:8px;color:#5f6368;display:flex;justify-content:space-between;'
    'font-family:&quot;Noto Sans CJK SC&quot;,&quot;Noto Sans SC&quot;,&quot;Microsoft YaHei&quot;,sans-serif">'
    "<span>{title}</span><span>{pages}</span></div>"
)


class PdfUnavailable(Exception):
    """The PDF cannot be made here; ``code`` is an i18n key (zh and en) saying why and what to do, ``params``
    its fields. Nothing was stored or changed."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def write_pdf(report: GapReport) -> bytes:
    """The report's HTML printed to PDF, with the report's title and page x of y in its language in the footer.
    The HTML is written while Chromium starts (its start is most of a small report's wait)."""
    from dashboard.reports.html import write_html

    return html_to_pdf(lambda: write_html(report), lang=report.lang, footer_title=report.title)


def html_to_pdf(
    html: bytes | Callable[[], bytes], *, lang: str | None = None, footer_title: str = "", timeout_s: float = TIMEOUT_S
) -> bytes:
    """A UTF-8 HTML document (or a function that writes one, called while Chromium starts) printed by Chromium on
    A4 landscape. ``lang`` chooses the footer's words (by default the document's ``<html lang>``);
    ``footer_title`` is shown escaped at the footer's left.

    Raises ``PdfUnavailable``: ``report.pdf.no_playwright``, ``report.pdf.no_chromium`` (with ``path``),
    ``report.pdf.timeout`` (with ``seconds``) or ``report.pdf.failed``."""
    try:
        from playwright.async_api import async_playwright  # noqa: F401  (only whether it is installed)
    except ImportError as missing:
        raise PdfUnavailable("report.pdf.no_playwright") from missing
    path = chromium_path()

    def document() -> tuple[str, str]:
        text = (html() if callable(html) else html).decode("utf-8")
        words = _PAGE_WORDS["en" if (lang or _document_lang(text)) == "en" else "zh"]
        return text, _FOOTER.format(title=escape(footer_title), pages=words)

    try:
        return _run(asyncio.wait_for(_print(document, path), timeout_s))
    except TimeoutError as slow:
        raise PdfUnavailable("report.pdf.timeout", seconds=max(1, round(timeout_s))) from slow


def _run(job: Coroutine[Any, Any, bytes]) -> bytes:
    """Run the print to its end: here, or in a thread of its own when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, job).result()


def chromium_path() -> str:
    """The Chromium to print with (setting ``CHROMIUM``); ``PdfUnavailable`` when it is not an executable file."""
    try:
        path = config.get("CHROMIUM")
    except config.SettingInvalid as bad:  # not an absolute path: no Chromium is there either
        raise PdfUnavailable("report.pdf.no_chromium", path=bad.value) from bad
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise PdfUnavailable("report.pdf.no_chromium", path=path)
    return path


async def _print(document: Callable[[], tuple[str, str]], path: str) -> bytes:
    """Start Chromium while ``document`` gives the HTML and footer (in a thread: Chromium is another process),
    open the document from a private temporary file (far quicker than sending a few MB of HTML over Playwright's
    pipe) with every other request refused, wait for the charts, fit them, print."""
    from playwright.async_api import Error, Route, async_playwright

    with tempfile.TemporaryDirectory(prefix="dashboard-pdf-") as folder:
        page_file = Path(folder) / "report.html"
        url = page_file.as_uri()

        async def only_the_document(route: Route) -> None:
            await (route.continue_() if route.request.url == url else route.abort())

        async with async_playwright() as p:
            starting = asyncio.ensure_future(p.chromium.launch(executable_path=path, args=_ARGS, timeout=30_000))
            try:
                html, footer = await asyncio.to_thread(document)
            except BaseException:
                starting.cancel()
                with contextlib.suppress(BaseException):
                    await (await starting).close()
                raise
            page_file.write_text(html, encoding="utf-8")
            try:
                browser = await starting
            except Error as failed:
                raise PdfUnavailable("report.pdf.no_chromium", path=path) from failed
            try:
                page = await browser.new_page(viewport={"width": 1047, "height": 740})
                await page.route("**/*", only_the_document)
                await page.emulate_media(media="print")  # laid out once, as printed
                await page.goto(url, wait_until="load", timeout=0)
                await page.wait_for_function(_CHARTS_DRAWN, polling=100, timeout=0)
                await page.evaluate(_PRINT_LAYOUT)
                await page.evaluate("() => document.fonts.ready.then(() => true)")
                return await page.pdf(
                    format="A4",
                    landscape=True,
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=footer,
                    margin={"top": "12mm", "bottom": "14mm", "left": "10mm", "right": "10mm"},  # as @page
                )
            except Error as failed:
                raise PdfUnavailable("report.pdf.failed", detail=_first_line(str(failed))) from failed
            finally:
                await browser.close()


def _document_lang(html: str) -> str:
    """The language of a document's ``<html lang>`` ("en" or "zh").

    >>> _document_lang('<!DOCTYPE html><html lang="en">'), _document_lang('<html lang="zh-CN">'), _document_lang("")
    ('en', 'zh', 'zh')
    """
    found = re.search(r"<html[^>]*\blang=\"([A-Za-z-]+)\"", html[:2000])
    return "en" if found and found.group(1).lower().startswith("en") else "zh"


def _first_line(message: str) -> str:
    """The first line of Playwright's message (the rest is its call log), at most 200 characters."""
    return (message.strip().splitlines() or [""])[0][:200]
