"""A second demo database where one unit's figures reach hundreds of 亿元, built through the command line.

The sample data's largest unit (1101, about 71 亿元 of revenue in 2023) is scaled ×4.25 in the 2022 and 2023
flash reports (year to date and 上年同期, so its growth rates stay as they were), which are imported as
corrections on top of ``demo``; its 2023 unit targets are scaled alike. Its 2023 revenue is then about 300 亿元,
the largest amount any view shows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from dashboard.domain import Period
from dashboard.samples import HEADER_YTD, SAMPLE_UNIT_TARGETS, SAMPLE_UNITS, UNIT_TARGET_YEAR, sample_ytd
from tests.browser.server import build_database, cli
from tests.workbooks import flash

BIG_UNIT = "1101"
FACTOR = Decimal("4.25")
PERIODS = [Period(year, quarter) for year in (2022, 2023) for quarter in range(1, 5)]


def scaled_workbook(period: Period) -> bytes:
    """The sample units' flash report for ``period`` (万元, year to date), with BIG_UNIT's figures × FACTOR."""
    ytd = sample_ytd()

    def figure(code: str, at: Period, metric: str) -> Decimal | None:
        value = ytd.get((code, at, metric))
        return None if value is None else (value * FACTOR if code == BIG_UNIT else value).quantize(Decimal("0.01"))

    rows: list[list[Any]] = []
    for unit in SAMPLE_UNITS:
        if (unit.code, period, "revenue") not in ytd:
            continue
        row: list[Any] = [unit.code, unit.name_zh, unit.parent_code or None]
        for metric in ("revenue", "profit"):
            row += [figure(unit.code, period, metric), figure(unit.code, period.prior_year(), metric)]
        rows.append(row)
    total = [sum((r[i] for r in rows if r[i] is not None), Decimal(0)) for i in range(3, 7)]
    rows.append([None, "合计", None, *total])
    meta = [[f"报告期：{period}", None, None, "金额单位：万元"]]
    return flash(rows, title=f"{period.year}年第{period.quarter}季度经营快报", meta=meta, header=HEADER_YTD)


def build_big_database(db_url: str, directory: Path) -> None:
    """``demo``, then the scaled 2022–2023 reports imported and BIG_UNIT's 2023 targets scaled (yuan)."""
    build_database(db_url)
    files = []
    for period in PERIODS:
        path = directory / f"{period}_放大.xlsx"
        path.write_bytes(scaled_workbook(period))
        files.append(str(path))
    cli(db_url, "import", *files)
    for metric, amount in zip(("revenue", "profit"), SAMPLE_UNIT_TARGETS[BIG_UNIT], strict=True):
        yuan = f"{Decimal(amount) * FACTOR * 10_000:f}"
        where = ("--year", str(UNIT_TARGET_YEAR), "--metric", metric, "--unit", BIG_UNIT)
        cli(db_url, "targets", "set", *where, "--amount", yuan, "--reason", "放大的单位（浏览器测试）")
