"""Seeded sample data: quarterly flash reports 2021Q1–2023Q4 of a fictional provincial group (衡川机电集团).

Fifteen units (headquarters, nine member companies, two tertiary enterprises, a research institute, a
vocational college and the eliminations row), one file per quarter written as finance writes them. Every
amount is a Decimal in 万元 with two decimals, drawn from ``random.Random(2023)``, so the files are the same
bytes on every run. ``python -m dashboard.samples`` rewrites ``data/samples/`` and ``data/templates/``.

The stories in the data: 1104 loses money in 2022 and loses less in 2023 (减亏); 1108 turns a 2022 loss
into a 2023 profit (扭亏); 1109 turns from profit to loss in 2023; 1202 joins the group in 2022Q3 (no earlier
figures); the 2023Q2 file restates 1106's 上年同期 after a change of scope; the 2022Q2 file writes a few
figures as text ("1,234.50"); the 2023Q3 file has single-quarter (本季) columns; the 2021Q1 file is a
GB18030 CSV.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

from dashboard.domain import DEFAULT_METRICS, FigureKind, Period
from dashboard.ingest.template import AMOUNT_FORMAT, build_template, header_row, reproducible_xlsx
from dashboard.safe_text import csv_field

GROUP = "衡川机电集团有限公司"
YEARS = (2021, 2022, 2023)
CENT = Decimal("0.01")
GROUP_REVENUE = dict(zip(YEARS, (Decimal(3_390_000), Decimal(3_660_000), Decimal(3_870_000)), strict=True))
GROUP_PROFIT = dict(zip(YEARS, (Decimal(84_000), Decimal(90_000), Decimal(99_000)), strict=True))  # 万元
SEASON = {"revenue": (18, 24, 24, 34), "profit": (12, 22, 22, 44)}  # share of the year by quarter, %
RESTATED = ("1106", Period(2023, 2), Decimal("0.955"))  # a business line moved out: 上年同期 restated
TEXT_NUMBERS = (Period(2022, 2), {"1101", "1103", "1901"})  # these units' revenue written as "1,234.50"
QUARTER_ONLY = Period(2023, 3)  # this file has 本季 columns instead of 本年累计
CSV_PERIOD = Period(2021, 1)
_FIRST = Period(2021, 1)
_CN_QUARTER = "一二三四"


@dataclass(frozen=True, slots=True)
class SampleUnit:
    """A unit and its designed full-year figures in 万元 (2021, 2022, 2023; 0 = not in the group yet)."""

    code: str
    name_zh: str
    name_en: str
    parent_code: str
    revenue: tuple[int, int, int]
    profit: tuple[int, int, int]
    fixed_profit: bool = False  # the profit story is kept as designed, not scaled to the group total
    first_period: Period = _FIRST


@dataclass(frozen=True, slots=True)
class SampleTarget:
    """A group-level target of the sample year: amount in yuan and the growth floor over last year."""

    year: int
    metric: str
    amount: Decimal
    growth_floor: Decimal
    reason: str


SAMPLE_UNITS: tuple[SampleUnit, ...] = (
    SampleUnit("1000", "集团本部", "Group headquarters", "", (60_000, 64_000, 67_000), (12_000, 13_000, 14_000)),
    SampleUnit(
        "1101",
        "衡川机电装备有限公司",
        "Hengchuan Electromechanical Equipment Co., Ltd.",
        "",
        (620_000, 670_000, 710_000),
        (21_000, 22_000, 24_000),
    ),
    SampleUnit(
        "1102",
        "衡川精密制造有限公司",
        "Hengchuan Precision Manufacturing Co., Ltd.",
        "",
        (480_000, 520_000, 555_000),
        (15_000, 16_500, 18_000),
    ),
    SampleUnit(
        "1103",
        "衡川光电科技有限公司",
        "Hengchuan Optoelectronic Technology Co., Ltd.",
        "",
        (350_000, 395_000, 430_000),
        (12_000, 14_000, 16_000),
    ),
    SampleUnit(
        "1104",
        "衡川特种车辆有限公司",
        "Hengchuan Special Vehicles Co., Ltd.",
        "",
        (410_000, 380_000, 395_000),
        (3_000, -9_000, -3_500),
        fixed_profit=True,
    ),
    SampleUnit(
        "1105",
        "衡川电子信息有限公司",
        "Hengchuan Electronic Information Co., Ltd.",
        "",
        (390_000, 425_000, 450_000),
        (10_000, 11_000, 12_500),
    ),
    SampleUnit(
        "1106",
        "衡川动力机械有限公司",
        "Hengchuan Power Machinery Co., Ltd.",
        "",
        (330_000, 345_000, 340_000),
        (7_000, 7_500, 8_000),
    ),
    SampleUnit(
        "1107",
        "衡川智能装备有限公司",
        "Hengchuan Intelligent Equipment Co., Ltd.",
        "",
        (260_000, 290_000, 320_000),
        (6_000, 7_000, 8_500),
    ),
    SampleUnit(
        "1108",
        "衡川新材料有限公司",
        "Hengchuan Advanced Materials Co., Ltd.",
        "",
        (150_000, 140_000, 160_000),
        (1_500, -2_500, 1_800),
        fixed_profit=True,
    ),
    SampleUnit(
        "1109",
        "衡川进出口贸易有限公司",
        "Hengchuan Import & Export Trading Co., Ltd.",
        "",
        (300_000, 310_000, 290_000),
        (2_800, 3_000, -1_500),
        fixed_profit=True,
    ),
    SampleUnit(
        "1201",
        "衡川精密铸造有限公司",
        "Hengchuan Precision Casting Co., Ltd.",
        "1102",
        (90_000, 96_000, 101_000),
        (1_800, 2_000, 2_200),
    ),
    SampleUnit(
        "1202",
        "衡川传感技术有限公司",
        "Hengchuan Sensing Technology Co., Ltd.",
        "1105",
        (0, 30_000, 70_000),
        (0, 600, 1_500),
        first_period=Period(2022, 3),
    ),
    SampleUnit(
        "1301",
        "衡川机电研究院",
        "Hengchuan Electromechanical Research Institute",
        "",
        (85_000, 90_000, 94_000),
        (3_500, 3_800, 4_000),
    ),
    SampleUnit(
        "1401",
        "衡川机电职业技术学院",
        "Hengchuan Electromechanical Vocational College",
        "",
        (25_000, 26_000, 27_000),
        (500, 500, 600),
    ),
    SampleUnit(
        "1901",
        "内部抵消",
        "Intra-group eliminations",
        "",
        (-170_000, -185_000, -195_000),
        (-1_200, -1_000, -800),
        fixed_profit=True,
    ),
)

SAMPLE_TARGETS: tuple[SampleTarget, ...] = (
    SampleTarget(2023, "revenue", Decimal("38000000000"), Decimal("0.05"), "2023年度经营目标（示例数据）"),
    SampleTarget(2023, "profit", Decimal("980000000"), Decimal("0.05"), "2023年度经营目标（示例数据）"),
)

# 2023 targets cascaded to the units (万元: revenue, profit), so the dashboard can tell who is behind: most units
# are on track, 1103/1106 lag on revenue, 1104 and 1109 miss both (1104 was to turn profitable). Eliminations
# (1901) get none.
SAMPLE_UNIT_TARGETS: dict[str, tuple[int, int]] = {
    "1000": (67_000, 13_500),
    "1101": (705_000, 23_500),
    "1102": (550_000, 17_500),
    "1103": (440_000, 15_500),
    "1104": (420_000, 1_000),
    "1105": (445_000, 12_000),
    "1106": (365_000, 8_000),
    "1107": (305_000, 7_500),
    "1108": (150_000, 500),
    "1109": (330_000, 3_200),
    "1201": (100_000, 2_100),
    "1202": (60_000, 1_200),
    "1301": (95_000, 4_000),
    "1401": (27_000, 550),
}
UNIT_TARGET_YEAR = 2023
UNIT_TARGET_REASON = "2023年度目标分解（示例数据）"

HEADER_YTD = header_row(DEFAULT_METRICS)
HEADER_QUARTER = header_row(DEFAULT_METRICS, (FigureKind.QUARTER, FigureKind.PRIOR_YTD))

Ytd = dict[tuple[str, Period, str], Decimal]  # (unit code, period, metric) -> year to date, 万元
Line = list[str | Decimal | None]


def _noise(rng: random.Random, percent: int) -> Decimal:
    """A factor 1 ± up to ``percent`` %, in basis points (exact, the same on every machine)."""
    return 1 + Decimal(rng.randint(-percent * 100, percent * 100)) / 10_000


def _annual(rng: random.Random, metric: str, index: int, goal: Decimal) -> dict[str, Decimal]:
    """Each unit's full-year figure: designed × noise, the free positive ones scaled to the group goal."""
    drawn = {
        u.code: Decimal(getattr(u, metric)[index]) * _noise(rng, 5) for u in SAMPLE_UNITS if getattr(u, metric)[index]
    }
    fixed = {u.code for u in SAMPLE_UNITS if metric == "profit" and u.fixed_profit}
    free = {code for code, v in drawn.items() if v > 0 and code not in fixed}
    fixed_sum = sum((v for code, v in drawn.items() if code not in free), Decimal(0))
    factor = (goal - fixed_sum) / sum((drawn[code] for code in free), Decimal(0))
    return {code: (v * factor if code in free else v).quantize(CENT) for code, v in drawn.items()}


def _quarters(rng: random.Random, annual: Decimal, season: tuple[int, ...], first: int) -> list[Decimal]:
    """Split a full-year amount over quarters ``first``..4 by season × noise; the parts add up exactly."""
    weights = [Decimal(season[q - 1]) * _noise(rng, 5) for q in range(first, 5)]
    total = sum(weights, Decimal(0))
    parts = [(annual * w / total).quantize(CENT) for w in weights[:-1]]
    return [*parts, annual - sum(parts, Decimal(0))]


def sample_ytd() -> Ytd:
    """Every unit's year-to-date figures in 万元, as the files state them (seeded: always the same)."""
    rng = random.Random(2023)
    ytd: Ytd = {}
    for index, year in enumerate(YEARS):
        for metric, goal in (("revenue", GROUP_REVENUE[year]), ("profit", GROUP_PROFIT[year])):
            annual = _annual(rng, metric, index, goal)
            for unit in SAMPLE_UNITS:
                if unit.code not in annual:
                    continue
                first = unit.first_period.quarter if unit.first_period.year == year else 1
                running = Decimal(0)
                parts = _quarters(rng, annual[unit.code], SEASON[metric], first)
                for quarter, amount in enumerate(parts, start=first):
                    running += amount
                    ytd[(unit.code, Period(year, quarter), metric)] = running
    return ytd


def _prior(ytd: Ytd, code: str, period: Period, metric: str) -> Decimal | None:
    """上年同期 as the file states it: last year's figure, restated where the scope changed."""
    last = ytd.get((code, period.prior_year(), metric))
    if last is not None and (code, period) == RESTATED[:2]:
        return (last * RESTATED[2]).quantize(CENT)
    return last


def _lines(ytd: Ytd, period: Period) -> list[Line]:
    """The unit rows of one file then the 合计 row (exact sums of the rows, as numbers)."""
    lines: list[Line] = []
    for unit in SAMPLE_UNITS:
        if (unit.code, period, "revenue") not in ytd:
            continue
        line: Line = [unit.code, unit.name_zh, unit.parent_code or None]
        for metric in ("revenue", "profit"):
            value = ytd[(unit.code, period, metric)]
            previous = period.previous()
            if period == QUARTER_ONLY and previous is not None:
                value -= ytd.get((unit.code, previous, metric), Decimal(0))
            line += [value, _prior(ytd, unit.code, period, metric)]
        lines.append(line)
    columns = [[x for x in col if isinstance(x, Decimal)] for col in list(zip(*lines, strict=True))[3:]]
    lines.append([None, "合计", None, *(sum(c, Decimal(0)) if c else None for c in columns)])
    return lines


def _period_text(period: Period, index: int) -> str:
    """The 报告期 as finance writes it, varying from file to file."""
    forms = (str(period), f"{period.year}年1-{period.months}月", _title(period).removesuffix("经营快报"))
    return forms[index % 3]


def _title(period: Period) -> str:
    return f"{period.year}年第{_CN_QUARTER[period.quarter - 1]}季度经营快报"


def _xlsx(period: Period, index: int, lines: list[Line]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "快报"
    header = HEADER_QUARTER if period == QUARTER_ONLY else HEADER_YTD
    ws.cell(1, 1, _title(period)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.cell(2, 1, f"报告期：{_period_text(period, index)}")
    ws.cell(2, 4, "金额单位：万元")
    ws.cell(3, 1, f"填报单位：{GROUP}")
    ws.cell(3, 4, "填报人：集团财务部")
    for col, text in enumerate(header, start=1):
        ws.cell(4, col, text).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = (10, 30, 12)[col - 1] if col <= 3 else 20
    as_text = TEXT_NUMBERS[1] if period == TEXT_NUMBERS[0] else set()
    for row, line in enumerate(lines, start=5):
        for col, value in enumerate(line, start=1):
            cell = ws.cell(row, col)
            if isinstance(value, Decimal) and line[0] in as_text and col in (4, 5):
                cell.value = f"{value:,.2f}"
            elif isinstance(value, Decimal):
                cell.value = value
                cell.number_format = AMOUNT_FORMAT
            else:
                cell.value = value
    ws.freeze_panes = "A5"
    return reproducible_xlsx(wb)


def _csv(period: Period, lines: list[Line]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for meta in (_title(period), f"报告期：{period}", "金额单位：万元", f"填报单位：{GROUP}"):
        writer.writerow([csv_field(meta)])
    writer.writerow([csv_field(h) for h in HEADER_YTD])
    for line in lines:
        writer.writerow(["" if v is None else format(v, "f") if isinstance(v, Decimal) else csv_field(v) for v in line])
    return out.getvalue().encode("gb18030")


def sample_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every sample quarter, oldest first (importing them in order works).

    Byte-identical on every call: a seeded generator, fixed timestamps (``reproducible_xlsx``).
    """
    ytd = sample_ytd()
    files = []
    periods = [Period(year, quarter) for year in YEARS for quarter in range(1, 5)]
    for index, period in enumerate(periods):
        lines = _lines(ytd, period)
        if period == CSV_PERIOD:
            files.append((f"{period}_经营快报.csv", _csv(period, lines)))
        else:
            files.append((f"{period}_经营快报.xlsx", _xlsx(period, index, lines)))
    return files


def write_samples(directory: Path) -> list[Path]:
    """Write the sample files into ``directory`` (created if missing); returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in sample_files():
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    """Rebuild ``data/samples/`` and ``data/templates/快报模板.xlsx`` of the repository."""
    data = Path(__file__).resolve().parent.parent / "data"
    for path in write_samples(data / "samples"):
        print(path)
    template = data / "templates" / "快报模板.xlsx"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_bytes(build_template())
    print(template)


if __name__ == "__main__":
    main()
