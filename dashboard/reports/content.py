"""The gap report's content as plain data (shared/spec/gap-report.md): what every writer lays out.

Built by ``dashboard.reports.model.build_report`` from a ``ReadModel``; the writers (``xlsx``, ``html``,
``pdf``, ``csv``) only lay it out and never compute a figure. Texts are already in the report's language;
amounts stay Decimal yuan in the cells (each writer shows them in ``GapReport.scale``), rates stay fractions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Any

import plotly.graph_objects as go

from dashboard.analytics.model import ReadModel

CellValue = str | Decimal | float | int | None


class Kind(StrEnum):
    """What a column holds, so each writer knows how to show and format it."""

    TEXT = "text"  # free text (a unit name, a comment): always written as text, never a formula or link
    AMOUNT = "amount"  # Decimal yuan, shown in the report's scale
    RATE = "rate"  # a fraction, shown as a percentage with one decimal (0.481 → 48.1%)
    POINTS = "points"  # a difference of rates, a fraction shown in 个百分点 / pp (−0.02 → −2.0)
    COUNT = "count"  # an int (户数)
    STATUS = "status"  # a status code ("green" | "amber" | "red" | None), shown as its word and colour


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # a figure name of metrics.md where it is one ("ytd_actual", "completion_rate", …), else a label key
    header: str
    kind: Kind


@dataclass(frozen=True)
class Table:
    """One table: header row, rows of cells (one value per column), and the status of each row if it has one."""

    key: str  # "headline", "units.revenue", "quarters.profit", "counts.profit", …
    title: str
    unit_line: str  # "单位：亿元、%" / "Unit: RMB bn, %"
    columns: tuple[Column, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    row_status: tuple[str | None, ...] = ()  # per row, for colouring; empty when the table has no statuses
    note: str = ""  # a line under the table


@dataclass(frozen=True)
class Section:
    key: str  # "headline" | "narrative" | "units" | "counts" | "charts" | "notes"
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True, slots=True)
class Scale:
    """How amounts are shown: yuan ÷ ``divisor``, ``decimals`` places, named ``word`` (亿元 / RMB bn)."""

    divisor: Decimal
    word: str
    decimals: int = 2


@dataclass(frozen=True, slots=True)
class StatusStyle:
    code: str  # "green" | "amber" | "red"
    word: str  # 正常 / 关注 / 落后 (the report's language)
    fill: str  # background colour, "#RRGGBB", from the colour scheme setting
    font: str  # text colour on that fill


@dataclass(frozen=True)
class Chart:
    key: str  # "bullet", "path.revenue", "bars.revenue", "waterfall.revenue", "heat.revenue", …
    title: str
    figure: go.Figure


@dataclass(frozen=True)
class GapReport:
    """Everything a writer needs; ``sections`` are in the spec's order."""

    lang: str  # "zh" | "en"
    title: str  # 《…经营目标完成情况及缺口分析》
    meta: tuple[tuple[str, str], ...]  # the title block: (label, value) — 报告期, 数据截至, 范围, 金额单位, …
    scale: Scale
    statuses: tuple[StatusStyle, ...]
    sections: tuple[Section, ...]
    narrative: dict[str, str]  # metric code → its paragraph (drafted by rule, or as edited before issuing)
    filename: str  # a safe file name stem: "2023Q2_集团_缺口分析" (the writer adds the extension)
    summary: dict[str, Any]  # figures, statuses and comments as JSON-ready data, for comparing issued reports
    model: ReadModel = field(repr=False)
    # Drawing the Plotly charts is most of a report's build time and only the HTML and PDF writers use them:
    # they are drawn on first use of ``charts`` (the xlsx draws its own native chart from the quarters tables).
    draw_charts: Callable[[], tuple[Chart, ...]] = field(default=tuple, repr=False, compare=False)

    @cached_property
    def charts(self) -> tuple[Chart, ...]:
        """The overview's charts for this report, drawn once."""
        return self.draw_charts()

    def metric_name(self, code: str) -> str:
        """A metric's name in the report's language (its code when the model does not know it)."""
        metrics = getattr(self.model, "metrics", ())
        return next((m.name(self.lang) for m in metrics if m.code == code), code)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def tables(self, prefix: str) -> list[Table]:
        """Every table whose key starts with ``prefix`` ("units", "quarters", …), in order."""
        return [t for s in self.sections for t in s.tables if t.key.startswith(prefix)]
