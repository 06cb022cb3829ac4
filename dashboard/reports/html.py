"""The gap report as one self-contained HTML file: it opens on an intranet with no internet and prints on A4.

plotly.js is embedded once; every chart is a div drawn by it. Nothing is fetched: no ``<script src>``, no
stylesheet link, no web font. Every text is escaped, whatever its source (unit names, comments, measures, an
edited narrative, the group name, file names), so a unit named ``<script>alert(1)</script>`` shows as those
characters; the charts' data goes through plotly's JSON, which writes ``<``, ``>`` and ``/`` as ``\\u003c``…,
so no name can close the chart's script. The writer lays out ``GapReport`` and computes no figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache
from html import escape
from typing import Any

import plotly.io as pio
from plotly.offline import get_plotlyjs

from dashboard.i18n import numbers
from dashboard.reports.content import CellValue, Chart, Column, GapReport, Kind, Scale, Section, StatusStyle, Table
from dashboard.reports.html_style import (
    CHART_HEIGHT_PX,
    CSS,
    FONT_STACK,
    PRINT_CHART_WIDTH_PX,
    SCRIPT,
    UNITS_CHART_HEIGHT_PX,
)

_WIDE = Context(prec=60, rounding=ROUND_HALF_UP)
_SCREEN_HEIGHT = 450  # a chart without a height of its own
_LONG_TEXT = frozenset(
    {"comment", "measures", "previous_comment", "previous_measures", "note", "notes", "remark", "how"}
)
_NAME_TEXT = frozenset({"unit", "name", "unit_name", "metric", "label", "file", "filename"})
_NUMERIC = (Kind.AMOUNT, Kind.RATE, Kind.POINTS, Kind.COUNT)
_PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"],
}


def write_html(report: GapReport) -> bytes:
    """The report as a UTF-8 HTML document (``<html lang="zh-CN">`` or ``"en"``), the same bytes every time
    for the same report.

    Sections come in the report's order; the charts are laid out in the "charts" section (at the end when the
    report has none)."""
    parts = [_head(report), "<main>", _title_block(report)]
    parts.extend(_section(report, section) for section in report.sections)
    if report.charts and not any(s.key == "charts" for s in report.sections):
        parts.append(_charts(report.charts))
    parts.append("</main>\n</body>\n</html>\n")
    return "".join(parts).encode("utf-8")


def _head(report: GapReport) -> str:
    """Everything up to ``<body>``: charset, viewport, title, the style sheet, plotly.js (once, when there are
    charts) and the print layout script."""
    lang = "zh-CN" if report.lang == "zh" else "en"
    plotly = f'<script type="text/javascript">{_plotly_js()}</script>\n' if report.charts else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)}</title>\n<style>{CSS}</style>\n{plotly}"
        f"<script>{SCRIPT}</script>\n</head>\n"
        f'<body class="lang-{_token(report.lang)}" data-charts="{len(report.charts)}">\n'
    )


@cache
def _plotly_js() -> str:
    """plotly.js as shipped with the plotly package (a few MB, read once per process)."""
    source: str = get_plotlyjs()
    assert "</script" not in source.lower(), "plotly.js would close its script element"
    return source


def _title_block(report: GapReport) -> str:
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in report.meta)
    meta = f'<table class="meta"><tbody>{rows}</tbody></table>' if rows else ""
    return f'<header class="title-block">\n<h1>{escape(report.title)}</h1>\n{meta}\n</header>\n'


def _section(report: GapReport, section: Section) -> str:
    """One section: its title, paragraphs, tables, and (for "charts") the charts."""
    paragraphs = section.paragraphs
    if section.key == "narrative" and not paragraphs:
        paragraphs = tuple(report.narrative.values())
    styles = {s.code: s for s in report.statuses}
    body = [f"<p>{escape(p)}</p>\n" for p in paragraphs]
    body.extend(_table(table, report.scale, report.lang, styles) for table in section.tables)
    if section.key == "charts":
        body.append(_charts(report.charts, with_section=False))
    title = f"<h2>{escape(section.title)}</h2>\n" if section.title else ""
    return f'<section class="{_token(section.key)}">\n{title}{"".join(body)}</section>\n'


def _table(table: Table, scale: Scale, lang: str, styles: dict[str, StatusStyle]) -> str:
    """A table: title, unit line, the scrolling box holding the table (header repeated on every printed page)."""
    columns = tuple(
        replace(column, key="") if column.key in _LONG_TEXT and not any(row[i] for row in table.rows) else column
        for i, column in enumerate(table.columns)
    )  # a comment column nobody wrote in is not kept wide
    head = "".join(_header_cell(column) for column in columns)
    rows = []
    for i, row in enumerate(table.rows):
        status = table.row_status[i] if i < len(table.row_status) else None
        cells = [_cell(value, column, scale, lang, styles) for value, column in zip(row, columns, strict=False)]
        if status in styles and cells:
            cells[0] = cells[0].replace("<td", f'<td style="border-left:4px solid {_colour(styles[status].fill)}"', 1)
        rows.append(f"<tr>{''.join(cells)}</tr>\n")
    title = f"<h3>{escape(table.title)}</h3>\n" if table.title else ""
    unit_line = f'<p class="unit-line">{escape(table.unit_line)}</p>\n' if table.unit_line else ""
    note = f'<p class="table-note">{escape(table.note)}</p>\n' if table.note else ""
    return (
        f'<div class="table-block">{title}{unit_line}<div class="table-wrap">'
        f'<table class="data" data-key="{escape(table.key)}"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody></table></div>\n{note}</div>\n"
    )


def _header_cell(column: Column) -> str:
    css = "num" if column.kind in _NUMERIC else _text_class(column) if column.kind is Kind.TEXT else str(column.kind)
    return f'<th class="{css}" scope="col">{escape(column.header)}</th>'


def _cell(value: CellValue, column: Column, scale: Scale, lang: str, styles: dict[str, StatusStyle]) -> str:
    """One ``<td>``: a number formatted right-aligned, a status word in its coloured pill, or escaped text."""
    kind = column.kind
    if kind is Kind.STATUS:
        style = styles.get(value) if isinstance(value, str) else None
        if style is None:
            return f'<td class="status">{escape(str(value)) if value else numbers.NOT_SHOWN}</td>'
        pill = f"background:{_colour(style.fill)};color:{_colour(style.font)}"
        return f'<td class="status"><span class="pill" style="{pill}">{escape(style.word)}</span></td>'
    if kind in _NUMERIC:
        return f'<td class="num">{escape(_number(value, kind, column.header, scale, lang))}</td>'
    return f'<td class="{_text_class(column)}">{escape("" if value is None else str(value))}</td>'


def _text_class(column: Column) -> str:
    """How a text column is laid out: "long" (a comment or measures: wide, its line breaks kept), "name" (a unit,
    metric or file: never squeezed to a character a line) or "text" (a code, a label)."""
    if column.key in _LONG_TEXT:
        return "long"
    return "name" if column.key in _NAME_TEXT else "text"


def _number(value: CellValue, kind: Kind, header: str, scale: Scale, lang: str = "zh") -> str:
    """A numeric cell's text: amounts in the report's scale (half-up, thousands separators), rates with one
    decimal and %, points signed (the unit only when the header does not already say 个百分点 / pp), counts
    grouped; a cell that holds text instead (a dash, a word) is shown as that text.

    >>> s = Scale(Decimal(100_000_000), "亿元")
    >>> _number(Decimal("18245000000"), Kind.AMOUNT, "", s, "zh"), _number(0.4805, Kind.RATE, "", s, "zh")
    ('182.45', '48.1%')
    >>> _number(-0.02, Kind.POINTS, "较序时(个百分点)", s, "zh"), _number(0.007, Kind.POINTS, "vs pace", s, "en")
    ('-2.0', '+0.7 pp')
    >>> _number(2000, Kind.COUNT, "", s, "zh"), _number(None, Kind.AMOUNT, "", s, "zh")
    ('2,000', '–')
    >>> _number("—", Kind.RATE, "", s), _number(-0.0004, Kind.POINTS, "pp", s, "en"), _number(-1, Kind.AMOUNT, "", s)
    ('—', '0.0', '0.00')

    """
    text = _number_text(value, kind, header, scale, lang)
    return text[1:] if text.startswith("-") and not text.strip("-0.,%").split(" ")[0] else text


def _number_text(value: CellValue, kind: Kind, header: str, scale: Scale, lang: str) -> str:
    if value is None:
        return numbers.NOT_SHOWN
    if isinstance(value, str):
        return value
    if kind is Kind.AMOUNT:
        amount = value if isinstance(value, Decimal) else Decimal(repr(value))
        if not amount.is_finite():
            return numbers.NOT_SHOWN
        return numbers.decimal_text(_WIDE.divide(amount, scale.divisor), scale.decimals, grouped=True)
    if kind is Kind.RATE:
        return numbers.rate(float(value))
    if kind is Kind.POINTS:
        shown = numbers.points(float(value), lang)
        says_unit = "个百分点" in header or "pp" in header.lower().split("(")[-1]
        return shown.rsplit(" ", 1)[0] if says_unit and shown != numbers.NOT_SHOWN else shown
    return f"{int(value):,}"


def _charts(charts: tuple[Chart, ...], with_section: bool = True) -> str:
    """Every chart as a ``<figure>`` holding its plotly div (plotly.js is in the head, once)."""
    body = "".join(_chart(i, chart) for i, chart in enumerate(charts))
    return f'<section class="charts">\n{body}</section>\n' if with_section else body


def _chart(index: int, chart: Chart) -> str:
    """One chart's div and its drawing script, with the report's font stack (no web font) and a fixed id."""
    spec: dict[str, Any] = chart.figure.to_dict()
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {})["family"] = FONT_STACK
    layout.setdefault("hoverlabel", {}).setdefault("font", {})["family"] = FONT_STACK
    div = pio.to_html(
        spec,
        config=_PLOT_CONFIG,
        full_html=False,
        include_plotlyjs=False,
        div_id=f"chart-{index}",
        default_height=f"{_SCREEN_HEIGHT}px",
        validate=False,
    )
    caption = f"<figcaption>{escape(chart.title)}</figcaption>" if chart.title else ""
    height = int(layout.get("height") or _SCREEN_HEIGHT)
    printed = _print_height(chart.key, height)
    sizes = f'data-screen-height="{height}" data-print-width="{PRINT_CHART_WIDTH_PX}" data-print-height="{printed}"'
    return f'<figure class="chart" data-key="{escape(chart.key)}" {sizes}>{caption}{div}</figure>\n'


def _print_height(key: str, height: int) -> int:
    """How high a chart is drawn for print: as on screen, at most CHART_HEIGHT_PX, or UNITS_CHART_HEIGHT_PX for a
    chart whose rows are units (the contributions, the heat map).

    >>> _print_height("path.revenue", 380), _print_height("heat.revenue", 950), _print_height("bullet", 270)
    (320, 600, 270)
    """
    units = key.split(".")[0] in ("heat", "waterfall")
    return min(height, UNITS_CHART_HEIGHT_PX if units else CHART_HEIGHT_PX)


def _colour(value: str) -> str:
    """A status colour for a style attribute: ``#rgb``/``#rrggbb`` only, anything else a neutral grey.

    >>> _colour("#2E7D32"), _colour("red;background:url(x)")
    ('#2E7D32', '#9e9e9e')
    """
    return value if re.fullmatch(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?", value) else "#9e9e9e"


def _token(value: str) -> str:
    """A class name from a key: letters, digits, ``-`` and ``_`` only.

    >>> _token("units.revenue"), _token('x" onload="y')
    ('units-revenue', 'x--onload--y')
    """
    return re.sub(r"[^A-Za-z0-9_-]", "-", value)
