"""The gap report's member-units tables as one CSV: ``write_csv(report) -> bytes``.

One table, long form: a first column 指标 / Metric, then the columns of the "units.<metric>" tables (their union,
in order), one row per unit and metric, the metrics one after the other — so a finance user filters by metric
in Excel. UTF-8 with a BOM (Excel then opens it in Chinese), CRLF line ends, the csv module's quoting.

- Amounts: the exact stored yuan ÷ the report's scale (``Scale.divisor``), unrounded, plain digits with no
  thousands separator ("182.4123", "-12.5"); the header names the unit ("本年累计（亿元）").
- Rates: percentages with one decimal, rounded half-up ("48.1"); the header says "（%）".
- Points (changes of rates): in 个百分点 / pp with one decimal ("-2.0"); the header says so.
- Counts: integers. Statuses: their word. Missing figures: empty.
- Every text (names, comments, headers) through ``safe_text.csv_field``: a leading ``=``, ``+``, ``-``, ``@``,
  tab, CR or LF gets a ``'`` so no spreadsheet runs it as a formula. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Context, Decimal

from dashboard.i18n import t
from dashboard.i18n.numbers import decimal_text
from dashboard.reports.content import CellValue, Column, GapReport, Kind, Table
from dashboard.safe_text import csv_field

_WIDE = Context(prec=60)
_FEN = Decimal("0.01")


def write_csv(report: GapReport) -> bytes:
    """Every "units.<metric>" table of ``report`` as one CSV (see the module's docstring for the layout)."""
    tables = report.tables("units.")
    columns = _union(tables)
    words = {s.code: s.word for s in report.statuses}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_field(t("csv.metric", report.lang)), *(csv_field(_header(c, report)) for c in columns)])
    for table in tables:
        metric = report.metric_name(table.key.split(".", 1)[1])
        where = {c.key: i for i, c in enumerate(table.columns)}
        for cells in table.rows:
            row = [csv_field(metric)]
            for column in columns:
                i = where.get(column.key)
                row.append("" if i is None or i >= len(cells) else field(cells[i], column.kind, report, words))
            writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _union(tables: list[Table]) -> list[Column]:
    """The columns of all tables, each key once, in the order first seen."""
    seen: dict[str, Column] = {}
    for table in tables:
        for column in table.columns:
            seen.setdefault(column.key, column)
    return list(seen.values())


def _header(column: Column, report: GapReport) -> str:
    """The column's header with its unit: the amount word, % or 个百分点 (unless the header already says it)."""
    key = {Kind.AMOUNT: "csv.unit.amount", Kind.RATE: "csv.unit.rate", Kind.POINTS: "csv.unit.points"}.get(column.kind)
    if key is None:
        return column.header
    unit = t(key, report.lang, word=report.scale.word)
    return column.header if unit.strip(" （）()") in column.header else column.header + unit


def field(value: CellValue, kind: Kind, report: GapReport, words: dict[str, str]) -> str:
    """One cell as CSV text: numbers as plain digits in the column's unit, texts neutralised.

    >>> from types import SimpleNamespace as NS
    >>> r = NS(scale=NS(divisor=Decimal(100_000_000)))
    >>> field(Decimal("18241230000"), Kind.AMOUNT, r, {}), field(Decimal("-1250000000"), Kind.AMOUNT, r, {})
    ('182.4123', '-12.5')
    >>> field(0.48149, Kind.RATE, r, {}), field(-0.02, Kind.POINTS, r, {}), field("=1+1", Kind.TEXT, r, {})
    ('48.1', '-2.0', "'=1+1")
    >>> field("red", Kind.STATUS, r, {"red": "落后"}), field(None, Kind.AMOUNT, r, {}), field(3, Kind.COUNT, r, {})
    ('落后', '', '3')
    """
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        text = words.get(value, value) if kind is Kind.STATUS else value
        return str(csv_field(text))
    if kind in (Kind.TEXT, Kind.STATUS):
        return str(value)
    exact = value if isinstance(value, Decimal | int) else Decimal(repr(float(value)))
    if not isinstance(exact, Decimal):
        exact = Decimal(exact)
    if not exact.is_finite():
        return ""
    if kind is Kind.AMOUNT:  # to the fen (a stored amount is exact; a projection or a ratio is rounded there)
        fen = exact.quantize(_FEN, rounding=ROUND_HALF_UP, context=_WIDE)
        return _plain(_WIDE.divide(fen, report.scale.divisor))
    if kind in (Kind.RATE, Kind.POINTS):
        return decimal_text(exact * 100, 1)
    return _plain(exact)


def _plain(value: Decimal) -> str:
    """Plain digits, no exponent, no trailing zeros after the point.

    >>> _plain(Decimal("1E+3")), _plain(Decimal("182.41230000")), _plain(Decimal("-0.50")), _plain(Decimal("0E-8"))
    ('1000', '182.4123', '-0.5', '0')
    """
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
