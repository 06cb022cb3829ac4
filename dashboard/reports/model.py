"""The gap report model (shared/spec/gap-report.md): a ``ReadModel`` and the report options in, the ``GapReport``
every writer lays out. Pure apart from ``options_from_settings``, which reads the stored settings.

    >>> ReportOptions(group_name="衡川机电集团有限公司").amounts_group
    'yi'
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection

from dashboard import config
from dashboard.analytics.engine import GROUP, Entity
from dashboard.analytics.model import ReadModel
from dashboard.charts.report import report_charts
from dashboard.domain import VarianceComment
from dashboard.i18n import local_time, t
from dashboard.i18n.numbers import SCALES, report_decimals, status_colour, unit_word
from dashboard.lineage import UploadNote
from dashboard.reports.content import GapReport, Scale, Section, StatusStyle
from dashboard.reports.narrative import Context, draft, period_words
from dashboard.reports.notes import STATUS_CODES, notes_section, pace_basis, used_uploads
from dashboard.reports.tables import (
    Frame,
    counts_table,
    headline_table,
    loss_units_table,
    quarters_table,
    units_table,
)
from dashboard.status import CONTRACT
from dashboard.storage import queries

_NO_COMMENTS: Mapping[tuple[str, str], VarianceComment] = MappingProxyType({})


@dataclass(frozen=True)
class ReportOptions:
    """How the report is made: language, the group's name, the amounts' scales, the colour meaning, who prepares
    it and when, and edited paragraphs (metric code → text) that replace the drafted ones."""

    lang: str = "zh"
    group_name: str = ""
    amounts_group: str = "yi"
    amounts_unit: str = "wan"
    colours: str = "green-good"
    prepared_by: str = ""
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    narrative: Mapping[str, str] = field(default_factory=dict)


def options_from_settings(conn: Connection, lang: str, prepared_by: str, now: datetime | None = None) -> ReportOptions:
    """The options the stored settings give (GROUP_NAME, AMOUNTS_GROUP, AMOUNTS_UNIT, STATUS_COLOURS)."""
    stored = queries.stored_settings(conn)
    return ReportOptions(
        lang=lang,
        group_name=config.get("GROUP_NAME", stored),
        amounts_group=config.get("AMOUNTS_GROUP", stored),
        amounts_unit=config.get("AMOUNTS_UNIT", stored),
        colours=config.get("STATUS_COLOURS", stored),
        prepared_by=prepared_by,
        generated_at=now if now is not None else datetime.now(UTC),
    )


def build_report(
    model: ReadModel,
    options: ReportOptions,
    comments: Mapping[tuple[str, str], VarianceComment] = _NO_COMMENTS,
    sources: Mapping[int, UploadNote] | None = None,
) -> GapReport:
    """The gap report of a read model (the group, or a unit with the units under it) in ``options.lang``.

    Amounts stay Decimal yuan and rates fractions in the cells; ``comments`` are finance's variance comments of
    the period keyed (unit_code, metric), shown beside each unit; ``sources`` say how each upload behind the
    figures came (``dashboard.lineage.UploadNote`` by id: a revert and its reason), listed in the notes."""
    lang = options.lang
    scale = options.amounts_group if model.scope == GROUP else options.amounts_unit
    frame = Frame(model, lang, scale, unit_names(model, lang))
    statuses = status_styles(lang, options.colours)
    narrative = {m.code: options.narrative.get(m.code) or drafted(frame, m.code) for m in model.metrics}
    rows_by_code = {u.code: u for u in model.unit_rows}
    sections = (
        Section("headline", t("report.section.headline", lang), (), (headline_table(frame),)),
        Section("narrative", t("report.section.narrative", lang), tuple(narrative.values())),
        Section(
            "units",
            t("report.section.units", lang),
            (),
            tuple(units_table(frame, m, rows_by_code, comments) for m in model.metrics),
        ),
        counts_section(frame, rows_by_code),
        Section("charts", t("report.section.charts", lang), (), tuple(quarters_table(frame, m) for m in model.metrics)),
        notes_section(frame, statuses, options.colours, comments, sources),
    )
    return GapReport(
        lang=lang,
        title=title(model, options, frame.names),
        meta=meta(frame, options),
        scale=Scale(SCALES[scale][0 if lang == "zh" else 1], unit_word(scale, lang), report_decimals(scale, lang)),
        statuses=statuses,
        sections=sections,
        narrative=narrative,
        draw_charts=partial(report_charts, model, lang, scale, options.colours),
        filename=filename(model, options, frame.names),
        summary=summary(model, rows_by_code, comments),
        model=model,
    )


def unit_names(model: ReadModel, lang: str) -> dict[str, str]:
    """Unit code → name in the language (the Chinese name where no English one is registered)."""
    return {c: (u.name_en or u.name_zh) if lang == "en" else u.name_zh for c, u in model.units.items()}


def drafted(frame: Frame, code: str) -> str:
    """The paragraph drafted by rule for one metric of the scope."""
    model = frame.model
    metric = next(m for m in model.metrics if m.code == code)
    view = model.by_metric[code]
    ctx = Context(
        lang=frame.lang,
        quarter=model.quarter,
        metric=metric.name(frame.lang),
        profit_like=not metric.warn_negative,
        scale=frame.scale,
        pace=model.settings.pace,
        counts=view.counts,
        names=frame.names,
    )
    return draft(view.figures, ctx)


def counts_section(frame: Frame, rows_by_code: Mapping[str, Entity]) -> Section:
    """户数 per metric (达到序时进度 / 落后; for profit 亏损企业, 亏损面, 亏损额 and their change), with the
    由盈转亏 and 增亏 lists as tables and as sentences."""
    lang = frame.lang
    paragraphs: list[str] = []
    tables = []
    for m in frame.model.metrics:
        tables.append(counts_table(frame, m))
        if m.warn_negative:
            continue
        counts = frame.model.by_metric[m.code].counts
        for kind, codes in (("turned_to_loss", counts.turned_to_loss), ("loss_widened", counts.loss_widened)):
            listed = ("、" if lang == "zh" else ", ").join(frame.names.get(c, c) for c in codes)  # all of them
            names = listed or t("report.counts.none", lang)
            paragraphs.append(t(f"report.counts.{kind}", lang, metric=m.name(lang), count=len(codes), names=names))
        tables.append(loss_units_table(frame, m, rows_by_code))
    return Section("counts", t("report.section.counts", lang), tuple(paragraphs), tuple(tables))


def scope_name(model: ReadModel, options: ReportOptions, names: Mapping[str, str]) -> str:
    """The group's name, or the unit's (with 及所属单位 when units sit under it)."""
    if model.scope == GROUP:
        return options.group_name
    name = names.get(model.scope, model.scope)
    return t("report.title.members", options.lang, name=name) if len(model.members) > 1 else name


def title(model: ReadModel, options: ReportOptions, names: Mapping[str, str]) -> str:
    """《衡川机电集团有限公司2023年1—6月经营目标完成情况及缺口分析》 /
    "衡川… — Operating targets and gap analysis, Jan–Jun 2023"."""
    period = period_words(model.quarter, options.lang)
    return t("report.title", options.lang, name=scope_name(model, options, names), year=model.year, period=period)


def meta(frame: Frame, options: ReportOptions) -> tuple[tuple[str, str], ...]:
    """The title block: 报告期, 数据截至, 范围, 金额单位, 序时进度口径, 生成时间, 编制人."""
    model, lang = frame.model, frame.lang
    period = t(
        "report.meta.period_value", lang, year=model.year, period=period_words(model.quarter, lang), as_of=model.as_of
    )
    uploads = used_uploads(frame)
    latest = max(uploads, key=lambda u: (u.uploaded_at, u.id)) if uploads else None
    data = (
        t("report.meta.data_value", lang, id=latest.id, at=local_time(latest.uploaded_at), by=latest.uploaded_by)
        if latest is not None
        else t("report.meta.no_data", lang)
    )
    return (
        (t("report.meta.period", lang), period),
        (t("report.meta.data", lang), data),
        (t("report.meta.scope", lang), scope_words(frame, options)),
        (t("report.meta.amounts", lang), unit_word(frame.scale, lang)),
        (t("report.meta.pace", lang), pace_basis(frame)),
        (t("report.meta.generated", lang), local_time(options.generated_at)),
        (t("report.meta.prepared", lang), options.prepared_by),
    )


def scope_words(frame: Frame, options: ReportOptions) -> str:
    """范围: the group with its number of units, or the unit with the number under it (eliminations rows are no
    enterprise and are not counted, as in the narrative's 户数)."""
    model, lang = frame.model, frame.lang
    units = [c for c in model.members if c not in model.units or model.units[c].kind != "elimination"]
    if model.scope == GROUP:
        return t("report.meta.scope_group", lang, name=options.group_name, units=len(units))
    name = frame.names.get(model.scope, model.scope)
    if len(model.members) > 1:
        return t("report.meta.scope_unit", lang, name=name, code=model.scope, units=len(units) - 1)
    return t("report.meta.scope_single", lang, name=name, code=model.scope)


def status_styles(lang: str, colours: str) -> tuple[StatusStyle, ...]:
    """Each status's word (绿灯·正常 / 黄灯·关注 / 红灯·落后) and colours under the STATUS_COLOURS scheme."""
    styles = []
    for code in STATUS_CODES:
        fill = status_colour(code, colours)
        styles.append(StatusStyle(code, t(f"status.{code}", lang), fill, _font_on(fill)))
    return tuple(styles)


def _font_on(fill: str) -> str:
    """Black on a light fill, white on a dark one (relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#000000" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 else "#FFFFFF"


def filename(model: ReadModel, options: ReportOptions, names: Mapping[str, str]) -> str:
    """A safe file name stem: 2023Q2_衡川机电集团有限公司_缺口分析 — no path separator, control character or
    character a file system refuses, whatever the unit's name.

    >>> safe_stem('2023Q2_=HYPERLINK("http://x","y")/..\\\\a\\x00_gap')
    '2023Q2_=HYPERLINK(_http_x_,_y_)_.._a__gap'
    """
    scope = options.group_name if model.scope == GROUP else f"{model.scope}_{names.get(model.scope, '')}"
    word = "缺口分析" if options.lang == "zh" else "gap_report"
    return safe_stem(f"{model.as_of}_{scope}_{word}")


def safe_stem(text: str) -> str:
    """Every path separator, character a file system refuses, control, format (bidi) or space character becomes
    one "_"; the ends lose dots and underscores; at most 120 characters."""
    out: list[str] = []
    for ch in text:
        if ch in _REFUSED or unicodedata.category(ch)[0] in "CZ":
            if not out or out[-1] != "_":
                out.append("_")
        else:
            out.append(ch)
    return "".join(out).strip("._")[:120].strip("._") or "report"


_REFUSED = frozenset('/\\:*?"<>|')


def summary(
    model: ReadModel, rows_by_code: Mapping[str, Entity], comments: Mapping[tuple[str, str], VarianceComment]
) -> dict[str, Any]:
    """JSON-ready: what two issued reports are compared on (yuan as exact strings, rates as floats).

    ``figures``: metric → every figure of the ``status --json`` contract for the scope; ``statuses``: unit →
    metric → status code (or None); ``unit_figures``: unit → metric → ytd_actual, effective_target,
    completion_rate; ``names``: unit → Chinese name; ``comments``: "unit/metric" → the comment shown."""
    metrics = [m.code for m in model.metrics]
    return {
        "year": model.year,
        "as_of": str(model.as_of),
        "scope": model.scope,
        "figures": {c: {k: _json(getattr(model.entity.metrics[c], k)) for k in CONTRACT} for c in metrics},
        "statuses": {
            code: {c: entity.metrics[c].status for c in metrics if c in entity.metrics}
            for code, entity in rows_by_code.items()
        },
        "unit_figures": {
            code: {
                c: {k: _json(getattr(entity.metrics[c], k)) for k in _UNIT_FIGURES}
                for c in metrics
                if c in entity.metrics
            }
            for code, entity in rows_by_code.items()
        },
        "names": {code: model.units[code].name_zh if code in model.units else code for code in rows_by_code},
        "comments": {
            f"{unit}/{metric}": {
                "unit": unit,
                "metric": metric,
                "version": c.version,
                "comment": c.comment,
                "measures": c.measures,
                "written_by": c.written_by,
                "written_at": c.written_at.isoformat(),
            }
            for (unit, metric), c in sorted(comments.items())
            if unit in rows_by_code or unit == model.scope
        },
    }


_UNIT_FIGURES = ("ytd_actual", "effective_target", "completion_rate")


def _json(value: Any) -> Any:
    """Decimal yuan as an exact string, non-finite floats as null; the rest as is."""
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
