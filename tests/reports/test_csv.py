"""The member-units CSV, read back with the csv module: BOM, CRLF, headers with units, exact amounts, neutralised
texts, numbers that parse as numbers."""

from __future__ import annotations

import csv
import io
import math
from decimal import Decimal
from typing import Any

import pytest

from dashboard.reports.content import Kind
from dashboard.reports.csvtable import write_csv
from dashboard.reports.writers import write

from .xlsx_fixture import HOSTILE, make_report

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_bom_crlf_and_one_row_per_unit_and_metric() -> None:
    report = make_report()
    data = write_csv(report)
    assert data == write(report, "csv")
    assert data.count(b"\r\n") >= 1 + 2 * 12 and b"\n" not in data.replace(b"\r\n", b"")[:200]
    rows = read(data)
    assert rows[0][:3] == ["指标", "单位", "本年累计（亿元）"]
    assert "完成率（%）" in rows[0] and "较序时（个百分点）" in rows[0] and "状态" in rows[0]
    assert len(rows) == 1 + 2 * 12
    assert [r[0] for r in rows[1:]] == ["营业收入"] * 12 + ["利润总额"] * 12


def test_figures_equal_the_report_exactly() -> None:
    report = make_report()
    rows = read(write_csv(report))
    header = rows[0]
    table = report.tables("units.revenue")[0]
    words = {s.code: s.word for s in report.statuses}
    for written, cells in zip(rows[1:], table.rows, strict=False):
        for column, value in zip(table.columns, cells, strict=True):
            shown = written[header.index(next(h for h in header if h.startswith(column.header)))]
            check(shown, column.kind, value, report.scale.divisor, words)


def check(shown: str, kind: Kind, value: Any, divisor: Decimal, words: dict[str, str]) -> None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        assert shown == ""
    elif kind is Kind.AMOUNT:
        assert Decimal(shown) * divisor == value  # exact: no rounding, no thousands separator
    elif kind is Kind.RATE or kind is Kind.POINTS:
        assert float(shown) == pytest.approx(value * 100, abs=0.05)
    elif kind is Kind.STATUS:
        assert shown == words[value]
    else:
        assert shown == (f"'{value}" if value.startswith(FORMULA_START) else value)


def test_texts_are_neutralised_and_numbers_stay_numbers() -> None:
    rows = read(write_csv(make_report()))
    texts = {cell for row in rows for cell in row}
    for hostile in HOSTILE:
        if hostile.startswith(FORMULA_START):
            assert "'" + hostile in texts and hostile not in texts
        else:
            assert hostile in texts  # "{=SUM(A1:A2)}" and a link are not formulas in a CSV: kept as they are
    assert "'@SUM(1)" in texts
    amounts = [row[2] for row in rows[1:]]
    assert any(a.startswith("-") for a in amounts)  # a negative amount is a number, not neutralised
    for a in amounts:
        float(a)
    assert all("," not in a and "E" not in a for a in amounts)


def test_english_headers_and_an_empty_report() -> None:
    rows = read(write_csv(make_report("en")))
    assert rows[0][:3] == ["Metric", "Unit", "YTD actual (RMB bn)"] and "Completion (%)" in rows[0]
    assert "vs time (pp)" in rows[0]  # the header already names its unit: not said twice
    empty = read(write_csv(make_report(units=0)))
    assert len(empty) == 1 and empty[0][0] == "指标"


def test_real_report_units_csv_matches_the_read_model(tmp_path: Any) -> None:
    pytest.importorskip("dashboard.reports.model")
    from .real import HOSTILE_NAME, demo_url, real_report

    report = real_report(demo_url(tmp_path, hostile=True))
    model = report.model
    rows = read(write_csv(report))
    assert len(rows) == 1 + sum(len(t.rows) for t in report.tables("units."))
    table = report.tables("units.revenue")[0]
    header = next(c.header for c in table.columns if c.key == "ytd_actual")
    col = next(i for i, h in enumerate(rows[0]) if h.startswith(header))
    revenue = [r for r in rows[1:] if r[0] == "营业收入"]
    for unit in model.unit_rows:
        figure = unit.metrics["revenue"].ytd_actual
        name = model.units[unit.code].name_zh
        shown = "'" + name if name.startswith(FORMULA_START) else name
        row = next(r for r in revenue if shown in r)
        assert (Decimal(row[col]) * report.scale.divisor if row[col] else None) == figure, name
    assert any("'" + HOSTILE_NAME in r for r in revenue) and not any(HOSTILE_NAME in r for r in revenue)
