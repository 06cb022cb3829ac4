"""The gap report's HTML look: screen and print CSS, and the script that fits the charts to the printed page.

Kept apart from ``html.py`` so that the writer reads as layout. Nothing here is loaded from the network: the
fonts are the reader's own (the SC fonts first, so Chinese is drawn with simplified glyphs), and A4 landscape
is the page the report is printed on (``pdf.py`` prints the same file with Chromium).
"""

from __future__ import annotations

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", sans-serif'
)

# A4 landscape is 297 × 210 mm; with the page margins below the printable box is 277 × 184 mm, about
# 1,047 × 695 CSS pixels. Printed, the charts stand two abreast, each drawn a little inside half that width, at
# most CHART_HEIGHT_PX high (a units chart, whose rows are units, at most UNITS_CHART_HEIGHT_PX): none is cut at an
# edge, and two or four share a page.
PRINT_CHART_WIDTH_PX = 500
CHART_HEIGHT_PX = 320
UNITS_CHART_HEIGHT_PX = 600

CSS = """
:root { --ink: #222; --muted: #5f6368; --rule: #d0d4da; --head: #eef1f5; --accent: #1f3a68; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1880px; padding: 24px 16px 48px; color: var(--ink); background: #fff;
  font-family: FONT_STACK; font-size: 15px; line-height: 1.6; }
h1 { font-size: 24px; line-height: 1.4; margin: 0 0 12px; color: var(--accent); }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 22px 0 4px; }
p { margin: 0 0 10px; overflow-wrap: anywhere; }
.lang-zh section.narrative p { text-indent: 2em; }
table.meta { border-collapse: collapse; margin: 0 0 8px; font-size: 14px; }
table.meta th { text-align: left; font-weight: normal; color: var(--muted); padding: 2px 20px 2px 0;
  white-space: nowrap; vertical-align: top; }
table.meta td { padding: 2px 0; overflow-wrap: anywhere; }
.unit-line { text-align: right; color: var(--muted); font-size: 13px; margin: 0 0 4px; }
.table-note { color: var(--muted); font-size: 13px; margin: 6px 0 0; }
.table-wrap { overflow-x: auto; max-width: 100%; border: 1px solid var(--rule); }
table.data { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 12.5px; }
table.data th { background: var(--head); font-weight: 600; text-align: center; vertical-align: bottom;
  padding: 5px 4px; border-bottom: 1px solid #b8bec7; line-height: 1.3; }
table.data td { padding: 4px 4px; border-bottom: 1px solid #eceef1; vertical-align: top; }
table.data tbody tr:nth-child(even) td { background: #fafbfc; }
table.data th:first-child, table.data td:first-child { text-align: left; }
table.data th.name:first-child, table.data td.name:first-child { position: sticky; left: 0; z-index: 1;
  border-right: 1px solid #eceef1; }
table.data td.name:first-child { background: #fff; }
table.data th.num { min-width: 4em; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.name { min-width: 6em; max-width: 16em; overflow-wrap: break-word; }
th.text, td.text { word-break: keep-all; overflow-wrap: break-word; }
td.long { min-width: 6em; max-width: 32em; white-space: pre-line; overflow-wrap: anywhere; }
td.status { text-align: center; white-space: nowrap; }
.pill { display: inline-block; padding: 0 6px; border-radius: 999px; font-size: 11px; line-height: 1.7;
  white-space: nowrap; border: 1px solid rgba(0, 0, 0, 0.15); }
figure.chart { margin: 16px 0 24px; }
figure.chart figcaption { font-weight: 600; margin: 0 0 4px; }
figure.chart > div { border: 1px solid #eceef1; }
@media (max-width: 640px) {
  body { padding: 12px 12px 32px; font-size: 14px; }
  h1 { font-size: 19px; }
  h2 { font-size: 17px; margin-top: 28px; }
  table.meta th { padding-right: 10px; }
  td.name { min-width: 7em; max-width: 10em; }
  td.long { min-width: 12em; }
}
@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.5; }
  h1 { font-size: 16pt; }
  h2 { font-size: 13pt; margin: 14pt 0 6pt; }
  h3 { font-size: 11pt; margin: 10pt 0 2pt; }
  section.units, section.charts, section.notes { break-before: page; }
  section.units > h2, section.charts > h2, section.notes > h2 { margin-top: 0; }
  h2, h3, .unit-line { break-after: avoid; }
  .table-wrap { overflow: visible; border: none; }
  table.data { font-size: 8pt; border-top: 1px solid #b8bec7; }
  table.data th, table.data td { padding: 1px 4px; line-height: 1.3; }
  .pill { line-height: 1.3; padding: 0 5px; font-size: 7.5pt; }
  table.data th.name:first-child, table.data td.name:first-child { position: static; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  td.name { min-width: 10em; max-width: none; overflow-wrap: break-word; }
  td.long { min-width: 7em; max-width: none; }
  section.charts { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16px; align-items: start; }
  section.charts > h2, section.charts > p, section.charts > .table-block { grid-column: 1 / -1; }
  figure.chart { break-inside: avoid; margin: 0 0 10pt; }
  figure.chart > div { border: none; height: auto !important; }
  .modebar-container { display: none !important; }
}
""".replace("FONT_STACK", FONT_STACK)

# Plotly draws each chart at the width of its box on screen; a printed page is another width, and Chromium does
# not redraw an SVG chart for it. Before printing (the browser's own print, or pdf.py calling it) every chart is
# laid out again at the size its figure names for print (data-print-width/-height); after printing it follows its
# box again.
SCRIPT = """
(function () {
  function plots() { return Array.prototype.slice.call(document.querySelectorAll("figure.chart")); }
  function graph(figure) { return figure.querySelector(".plotly-graph-div"); }
  window.reportPrintLayout = function () {
    return Promise.all(plots().map(function (figure) {
      var el = graph(figure);
      if (!el || !el.layout || !window.Plotly) { return null; }
      var size = { width: Number(figure.dataset.printWidth), height: Number(figure.dataset.printHeight) };
      return Plotly.relayout(el, size);
    }));
  };
  window.reportScreenLayout = function () {
    return Promise.all(plots().map(function (figure) {
      var el = graph(figure);
      if (!el || !el.layout || !window.Plotly) { return null; }
      return Plotly.relayout(el, { width: null, height: Number(figure.dataset.screenHeight), autosize: true });
    }));
  };
  window.addEventListener("beforeprint", window.reportPrintLayout);
  window.addEventListener("afterprint", window.reportScreenLayout);
})();
"""
