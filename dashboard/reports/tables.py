"""The gap report's tables (shared/spec/gap-report.md §2, §4 and the quarters behind the charts), as plain
``Table`` data: raw values per ``Kind`` (Decimal yuan, fractions, counts, status codes), texts as given.

Every figure is read from the ``ReadModel``; nothing here computes a figure of metrics.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from dashboard.analytics.engine import Entity, MetricFigures
from dashboard.analytics.model import ReadModel
from dashboard.domain import MetricDef, VarianceComment
from dashboard.i18n import t
from dashboard.i18n.numbers import unit_word
from dashboard.reports.content import CellValue, Column, Kind, Table
from dashboard.reports.narrative import floor_text


@dataclass(frozen=True)
class Frame:
    """What every table needs: the model, the language, the amounts' scale and the unit names."""

    model: ReadModel
    lang: str
    scale: str  # "yi" | "wan"
    names: Mapping[str, str]  # unit code → name in ``lang``

    @property
    def unit_line(self) -> str:
        return t("report.unit_line", self.lang, unit=unit_word(self.scale, self.lang))

    def column(self, key: str, kind: Kind) -> Column:
        """A column headed in the language; under the seasonal pace setting 序时进度 reads 季节进度."""
        label = "time_progress_seasonal" if key == "time_progress" and self.model.settings.pace == "seasonal" else key
        return Column(key, t(f"report.col.{label}", self.lang), kind)


# The headline columns after the first (指标 or 单位): gap-report.md §2, in order.
FIGURE_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("ytd_actual", Kind.AMOUNT),
    ("effective_target", Kind.AMOUNT),
    ("binding", Kind.TEXT),
    ("completion_rate", Kind.RATE),
    ("time_progress", Kind.RATE),
    ("progress_gap", Kind.POINTS),
    ("prior_ytd", Kind.AMOUNT),
    ("yoy_change", Kind.AMOUNT),
    ("yoy_growth", Kind.RATE),
    ("gap", Kind.AMOUNT),
    ("required_per_quarter", Kind.AMOUNT),
    ("required_growth_rest_of_year", Kind.RATE),
    ("projection_linear", Kind.AMOUNT),
    ("projection_seasonal", Kind.AMOUNT),
    ("status", Kind.STATUS),
)


def figure_cells(figures: MetricFigures, frame: Frame) -> tuple[CellValue, ...]:
    """One row's figure cells, in FIGURE_COLUMNS order. A target ≤ 0 has no completion rate (nor 较序时); a
    profit-like figure in loss shows no completion rate and, where loss wording applies (扭亏/减亏/增亏/由盈转亏),
    no growth rate: the amounts beside them say it (metrics.md, loss wording)."""
    positive = figures.effective_target is not None and figures.effective_target > 0
    completion = figures.completion_rate if positive and figures.completion_wording is None else None
    progress = figures.progress_gap if positive else None
    return (
        figures.ytd_actual,
        figures.effective_target,
        binding_words(figures, frame.lang),
        completion,
        pace_of(figures, frame.model) if figures.effective_target is not None else None,
        progress,
        figures.prior_ytd,
        figures.yoy_change,
        None if figures.loss_wording else figures.yoy_growth,
        figures.gap,
        figures.required_per_quarter,
        figures.required_growth_rest_of_year,
        figures.projection_linear,
        figures.projection_seasonal,
        figures.status,
    )


def pace_of(figures: MetricFigures, model: ReadModel) -> float:
    """The pace the row's progress_gap compares against: 序时进度, or under the seasonal setting last year's
    share (completion_rate − progress_gap, as the engine compared them)."""
    if model.settings.pace == "seasonal" and figures.completion_rate is not None and figures.progress_gap is not None:
        return figures.completion_rate - figures.progress_gap
    return model.time_progress


def binding_words(figures: MetricFigures, lang: str) -> str | None:
    """绝对额 / 增长下限（5%）: which part of the target binds."""
    if figures.binding == "growth" and figures.growth_floor is not None:
        return t("report.binding.growth", lang, floor=floor_text(figures.growth_floor))
    if figures.binding is not None:
        return t("report.binding.absolute", lang)
    return None


def headline_table(frame: Frame) -> Table:
    """One row per metric for the scope, with its status."""
    model = frame.model
    columns = (frame.column("metric", Kind.TEXT), *(frame.column(k, kind) for k, kind in FIGURE_COLUMNS))
    rows = tuple((m.name(frame.lang), *figure_cells(model.entity.metrics[m.code], frame)) for m in model.metrics)
    statuses = tuple(model.entity.metrics[m.code].status for m in model.metrics)
    return Table("headline", t("report.table.headline", frame.lang), frame.unit_line, columns, rows, statuses)


def units_table(
    frame: Frame,
    metric: MetricDef,
    rows_by_code: Mapping[str, Entity],
    comments: Mapping[tuple[str, str], VarianceComment],
) -> Table:
    """Every member unit for one metric, most behind first (the model's ranking), with finance's comment."""
    view = frame.model.by_metric[metric.code]
    columns = (
        frame.column("code", Kind.TEXT),
        frame.column("unit", Kind.TEXT),
        *(frame.column(k, kind) for k, kind in FIGURE_COLUMNS),
        frame.column("comment", Kind.TEXT),
        frame.column("measures", Kind.TEXT),
    )
    rows: list[tuple[CellValue, ...]] = []
    statuses: list[str | None] = []
    for code in view.ranking:
        entity = rows_by_code.get(code)
        if entity is None:
            continue
        figures = entity.metrics[metric.code]
        said = comments.get((code, metric.code))
        comment, measures = (said.comment, said.measures) if said is not None else (None, None)
        rows.append((code, frame.names.get(code, code), *figure_cells(figures, frame), comment, measures))
        statuses.append(figures.status)
    title = t("report.table.units", frame.lang, metric=metric.name(frame.lang))
    return Table(f"units.{metric.code}", title, frame.unit_line, columns, tuple(rows), tuple(statuses))


def counts_table(frame: Frame, metric: MetricDef) -> Table:
    """The units counted for one metric: 户数, 达到序时进度, 落后; for profit-like metrics 亏损企业户数, 亏损面, 亏损额
    with last year's and the change (户, 个百分点)."""
    counts = frame.model.by_metric[metric.code].counts
    cells: list[tuple[str, Kind, CellValue]] = [
        ("units", Kind.COUNT, len(counts.units)),
        ("on_pace", Kind.COUNT, len(counts.on_pace)),
        ("behind", Kind.COUNT, len(counts.behind)),
        ("without_target", Kind.COUNT, len(counts.without_target)),
        ("declining", Kind.COUNT, len(counts.declining)),
    ]
    if not metric.warn_negative:
        share, prior_share = counts.loss_share, counts.prior_loss_share
        cells += [
            ("loss_making", Kind.COUNT, len(counts.loss_making)),
            ("prior_loss_making", Kind.COUNT, len(counts.prior_loss_making)),
            ("loss_making_change", Kind.COUNT, len(counts.loss_making) - len(counts.prior_loss_making)),
            ("loss_share", Kind.RATE, share),
            ("prior_loss_share", Kind.RATE, prior_share),
            (
                "loss_share_change",
                Kind.POINTS,
                share - prior_share if share is not None and prior_share is not None else None,
            ),
            ("loss_amount", Kind.AMOUNT, counts.loss_amount),
            ("prior_loss_amount", Kind.AMOUNT, counts.prior_loss_amount),
        ]
    columns = tuple(frame.column(key, kind) for key, kind, _ in cells)
    title = t("report.table.counts", frame.lang, metric=metric.name(frame.lang))
    return Table(f"counts.{metric.code}", title, frame.unit_line, columns, (tuple(v for _, _, v in cells),))


def loss_units_table(frame: Frame, metric: MetricDef, rows_by_code: Mapping[str, Entity]) -> Table:
    """由盈转亏 and 增亏 units of a profit-like metric, with this year's and last year's figures."""
    counts = frame.model.by_metric[metric.code].counts
    columns = (
        frame.column("code", Kind.TEXT),
        frame.column("unit", Kind.TEXT),
        frame.column("loss_kind", Kind.TEXT),
        frame.column("ytd_actual", Kind.AMOUNT),
        frame.column("prior_ytd", Kind.AMOUNT),
        frame.column("yoy_change", Kind.AMOUNT),
    )
    rows: list[tuple[CellValue, ...]] = []
    for kind, codes in (("turned_to_loss", counts.turned_to_loss), ("loss_widened", counts.loss_widened)):
        for code in codes:
            figures = rows_by_code[code].metrics[metric.code] if code in rows_by_code else MetricFigures()
            word = t(f"report.loss_kind.{kind}", frame.lang)
            rows.append(
                (code, frame.names.get(code, code), word, figures.ytd_actual, figures.prior_ytd, figures.yoy_change)
            )
    title = t("report.table.loss_units", frame.lang, metric=metric.name(frame.lang))
    return Table(f"loss_units.{metric.code}", title, frame.unit_line, columns, tuple(rows))


def quarters_table(frame: Frame, metric: MetricDef) -> Table:
    """Q1..Q4 of the scope: 本年累计 (to the as-of quarter), 目标进度, 上年累计, 单季, 上年单季, 同比 — the data of
    the xlsx's native chart of the year's path against the target path."""
    series = frame.model.by_metric[metric.code].series
    this_year = {p.quarter: p for p in series.quarters}
    last_year = {p.quarter: p for p in series.last_year}
    columns = (
        frame.column("quarter", Kind.TEXT),
        frame.column("ytd_actual", Kind.AMOUNT),
        frame.column("target_path", Kind.AMOUNT),
        frame.column("last_year_ytd", Kind.AMOUNT),
        frame.column("single_quarter", Kind.AMOUNT),
        frame.column("last_year_single", Kind.AMOUNT),
        frame.column("yoy_growth", Kind.RATE),
    )
    rows: list[tuple[CellValue, ...]] = []
    for q in (1, 2, 3, 4):
        now, before = this_year.get(q), last_year.get(q)
        path: Decimal | None = series.target_path[q - 1] if series.target_path is not None else None
        rows.append(
            (
                t(f"chart.q{q}", frame.lang),
                now.ytd if now else None,
                path,
                series.last_year_ytd[q - 1] if len(series.last_year_ytd) >= q else None,
                now.single_quarter if now else None,
                before.single_quarter if before else None,
                now.yoy_growth if now else None,
            )
        )
    title = t("report.table.quarters", frame.lang, metric=metric.name(frame.lang))
    return Table(f"quarters.{metric.code}", title, frame.unit_line, columns, tuple(rows))
