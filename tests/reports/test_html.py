"""The gap report's HTML: self-contained (nothing fetched), plotly.js once, everything from a person escaped, the
narrative and figures present in the report's scale, the print stylesheet there."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal
from html import escape
from html.parser import HTMLParser

import pytest
from plotly.offline import get_plotlyjs

from dashboard.reports.content import Column, GapReport, Kind, Section, Table
from dashboard.reports.html import write_html
from dashboard.reports.html_style import FONT_STACK
from dashboard.reports.writers import write
from tests.reports.html_fixture import (
    CLOSING_COMMENT,
    FORMULA_NAME,
    GROUP_NAME,
    SCRIPT_NAME,
    UPLOAD_NAME,
    sample_report,
)

# The elements the writer itself writes; a name or comment that became markup would add another.
WRITTEN = {"html", "head", "meta", "title", "style", "script", "body", "main", "header", "h1", "h2", "h3", "p"}
WRITTEN |= {"table", "thead", "tbody", "tr", "th", "td", "section", "div", "span", "figure", "figcaption"}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def report() -> GapReport:
    return sample_report(15, "zh")


@pytest.fixture(scope="module")
def page(report: GapReport) -> str:
    return write_html(report).decode("utf-8")


@pytest.fixture(scope="module")
def parsed(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    return elements


def _without_plotly(page: str) -> str:
    return page.replace(get_plotlyjs(), "")


def test_nothing_is_fetched(page: str, parsed: Elements) -> None:
    """No script or stylesheet from elsewhere, no link, no web font, no URL outside plotly's own bundle but the
    unit name that holds one as text."""
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert tag not in ("link", "iframe", "img", "object", "embed", "base")
    rest = _without_plotly(page)
    assert "@import" not in rest and "@font-face" not in rest and "url(" not in rest
    urls = re.findall(r"https?:[^\s\"'<>]*", rest)
    # only the formula unit name, escaped in the page and in the charts' JSON
    assert set(urls) <= {"http://x&quot;,&quot;y&quot;)", "http:\\u002f\\u002fx\\"}, set(urls)
    assert "plotlyServerURL" not in rest and "cdn.plot.ly" not in rest


def test_plotly_is_embedded_once_and_every_chart_is_a_div(report: GapReport, page: str, parsed: Elements) -> None:
    assert page.count(get_plotlyjs()[:200]) == 1
    assert page.count(get_plotlyjs()) == 1
    charts = [attrs for tag, attrs in parsed.tags if tag == "div" and "plotly-graph-div" in (attrs.get("class") or "")]
    assert [c["id"] for c in charts] == [f"chart-{i}" for i in range(len(report.charts))]
    assert page.count("Plotly.newPlot(") == len(report.charts) == 9
    assert f'data-charts="{len(report.charts)}"' in page


def test_language_charset_and_font_stack(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page
    assert FONT_STACK.startswith('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC"')
    assert f"font-family: {FONT_STACK}" in page
    english = write_html(sample_report(3, "en", charts=False)).decode()
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_charts_use_the_font_stack_and_no_web_font(parsed: Elements) -> None:
    """Each chart's layout names the report's fonts (plotly's default names Open Sans, which nobody has)."""
    chart_scripts = [s for s in parsed.scripts if "Plotly.newPlot(" in s]
    assert len(chart_scripts) == 9
    for script in chart_scripts:
        layout = json.loads(_arguments(script)[1])
        assert layout["font"]["family"] == FONT_STACK
        assert "Open Sans" not in json.dumps(layout["font"])


def _arguments(script: str) -> list[str]:
    """The JSON arguments of ``Plotly.newPlot("id", data, layout, config)`` as written by plotly."""
    call = script[script.index("Plotly.newPlot(") + len("Plotly.newPlot(") :]
    decoder = json.JSONDecoder()
    found, rest = [], call
    for _ in range(4):
        rest = rest.lstrip(" ,\n")
        value, end = decoder.raw_decode(rest)
        found.append(json.dumps(value))
        rest = rest[end:]
    return found[1:]


def test_names_comments_narrative_and_files_are_escaped(page: str, parsed: Elements) -> None:
    assert {tag for tag, _ in parsed.tags} <= WRITTEN
    for text in (SCRIPT_NAME, FORMULA_NAME, CLOSING_COMMENT, GROUP_NAME, UPLOAD_NAME, "<i>不是标签</i>"):
        if "<" in text:
            assert text not in page
        assert escape(text) in page or escape(text).replace("\n", "") in page.replace("\n", ""), text
    assert "alert(1)" not in "".join(s for s in parsed.scripts if "Plotly.newPlot(" not in s)


def test_no_name_closes_a_chart_script(page: str, parsed: Elements) -> None:
    """The unit names are in the charts' JSON as plotly's plain text (&lt;script&gt;, see charts.style.plain), and
    plotly's JSON writes any < > / left as \\u003c …: every script ends where the writer ends it."""
    scripts = len(parsed.scripts)
    assert scripts == 1 + 1 + 9  # plotly.js, the print layout, one per chart
    assert len(re.findall(r"<script\b", page)) == scripts == len(re.findall(r"</script>", page))
    charts = "".join(s for s in parsed.scripts if "Plotly.newPlot(" in s)
    assert "&lt;script&gt;" in charts and "<script" not in charts and "</" not in charts


def test_the_narrative_and_headline_figures_are_present(report: GapReport, page: str) -> None:
    for paragraph in report.narrative.values():
        assert f"<p>{escape(paragraph)}</p>" in page
    revenue = report.model.entity.metrics["revenue"]
    assert revenue.ytd_actual is not None
    shown = f"{(revenue.ytd_actual / Decimal(100_000_000)).quantize(Decimal('0.01')):,}"
    assert f'<td class="num">{shown}</td>' in page
    assert "单位：亿元、%" in page


def test_status_is_a_word_in_a_coloured_pill(page: str) -> None:
    pills = re.findall(
        r'<span class="pill" style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})">([^<]+)</span>', page
    )
    assert {word for _, _, word in pills} <= {"绿灯·正常", "黄灯·关注", "红灯·落后"}
    assert len(pills) == 2 + 15 + 15


def test_numbers_are_right_aligned_tabular_and_never_minus_zero() -> None:
    columns = (
        Column("name", "单位", Kind.TEXT),
        Column("ytd_actual", "本年累计", Kind.AMOUNT),
        Column("progress_gap", "较序时(个百分点)", Kind.POINTS),
        Column("yoy_growth", "同比", Kind.RATE),
        Column("units", "户数", Kind.COUNT),
    )
    rows = ((" =1+1", Decimal("-400000"), -0.0004, 0.0614, 2000), ("x", Decimal("123456789012.345"), 0.021, None, 3))
    table = Table("units.revenue", "营业收入", "单位：亿元、%", columns, rows)
    base = sample_report(3, "zh", charts=False)
    report = replace(base, sections=(Section("units", "三、所属单位", tables=(table,)),))
    page = write_html(report).decode()
    assert (
        '<td class="num">0.00</td><td class="num">0.0</td><td class="num">6.1%</td><td class="num">2,000</td>' in page
    )
    assert '<td class="num">1,234.57</td><td class="num">+2.1</td><td class="num">–</td>' in page
    assert "td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }" in page


def test_print_stylesheet(page: str) -> None:
    assert "@page { size: A4 landscape;" in page
    assert "section.units, section.charts, section.notes { break-before: page; }" in page
    assert "thead { display: table-header-group; }" in page
    assert "tr { break-inside: avoid; }" in page
    assert "figure.chart { break-inside: avoid;" in page
    assert 'window.addEventListener("beforeprint", window.reportPrintLayout)' in page
    sizes = re.findall(r'data-print-width="(\d+)" data-print-height="(\d+)"', page)
    assert len(sizes) == 9 and all(int(w) <= 520 and int(h) <= 600 for w, h in sizes)


def test_same_report_same_bytes_and_dispatch(report: GapReport) -> None:
    assert write_html(report) == write_html(report) == write(report, "html")


def test_without_charts_no_plotly() -> None:
    page = write_html(sample_report(3, "zh", charts=False)).decode()
    assert "Plotly.newPlot" not in page and get_plotlyjs()[:200] not in page
    assert len(page.encode()) < 100_000


def test_the_real_report_model_on_the_demo_database(tmp_path: object) -> None:
    """After merge: the group report of the demo data, in zh and en, escapes and embeds as the hand-built one."""
    model_module = pytest.importorskip("dashboard.reports.model")
    from tests.reports.demo_report import demo_report

    for lang in ("zh", "en"):
        report = demo_report(model_module, tmp_path, lang)
        page = write_html(report).decode()
        assert page.count(get_plotlyjs()) == (1 if report.charts else 0)
        for paragraph in report.narrative.values():
            assert escape(paragraph) in page
        assert not re.search(r"<(script|link)[^>]+(src|href)=", page)


def test_a_unit_name_is_no_link_or_markup_in_the_charts() -> None:
    from dataclasses import replace as copy

    from dashboard.charts.report import report_charts

    model = sample_report(3, "zh", charts=False).model
    link = '<a href="http://evil.example/">点我</a>'
    units = {code: copy(info, name_zh=link) for code, info in model.units.items()}
    charts = report_charts(copy(model, units=units), "zh", "group")
    text = json.dumps([c.figure.to_plotly_json() for c in charts], ensure_ascii=False)
    assert "<a href" not in text  # plotly shows "&lt;a href…" as the characters typed
