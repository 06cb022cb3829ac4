"""The gap report's notes (gap-report.md §6): definitions of every figure, the status rule in words and what
each colour means, the uploads behind the figures, restatements of 上年同期, units not reported, and the group
target against the sum of the unit targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import UploadRef
from dashboard.domain import VarianceComment
from dashboard.i18n import local_time, t
from dashboard.i18n.numbers import COLOUR_SCHEMES
from dashboard.lineage import UploadNote, how_text
from dashboard.reports.content import CellValue, Kind, Section, StatusStyle, Table
from dashboard.reports.narrative import Context, money, name_list, percent, points_text
from dashboard.reports.tables import Frame

STATUS_CODES = ("green", "amber", "red")
DEFINED = (
    "ytd_actual",
    "prior_ytd",
    "effective_target",
    "time_progress",
    "completion_rate",
    "progress_gap",
    "yoy_growth",
    "yoy_change",
    "gap",
    "required_per_quarter",
    "required_growth_rest_of_year",
    "projection",
    "single_quarter",
    "losses",
)


def pace_basis(frame: Frame) -> str:
    """序时进度口径 in words: q/4 or elapsed days (with this period's value), and the seasonal comparison."""
    settings = frame.model.settings
    key = "report.pace.days" if settings.time_basis == "days" else "report.pace.quarters"
    text = t(key, frame.lang, rate=percent(frame.model.time_progress))
    if settings.pace == "seasonal":
        text += t("report.pace.seasonal", frame.lang)
    return text


def notes_section(
    frame: Frame,
    statuses: Sequence[StatusStyle],
    colours: str,
    comments: Mapping[tuple[str, str], VarianceComment] | None = None,
    sources: Mapping[int, UploadNote] | None = None,
) -> Section:
    """The notes: paragraphs of definitions and rules (and the comments of units that have not reported, which
    the units tables, built from figures, cannot carry), then the uploads (with how each came: ``sources``, by
    upload id) and restatements tables."""
    lang = frame.lang
    paragraphs = [t("report.notes.definitions", lang)]
    for key in DEFINED:
        params = {"basis": pace_basis(frame)} if key == "time_progress" else {}
        paragraphs.append(t(f"report.def.{key}", lang, **params))
    paragraphs.append(t("report.notes.status", lang))
    paragraphs.extend(status_rule(frame, statuses, colours))
    paragraphs.append(t("report.notes.sources", lang))
    paragraphs.extend(_not_reported(frame, comments or {}))
    paragraphs.extend(_not_allocated(frame))
    restated = restated_table(frame)
    paragraphs.append(t("report.notes.restated" if restated.rows else "report.notes.no_restated", lang))
    title = t("report.section.notes", lang)
    return Section("notes", title, tuple(paragraphs), (uploads_table(frame, sources or {}), restated))


def status_rule(frame: Frame, statuses: Sequence[StatusStyle], colours: str) -> list[str]:
    """The rule with its thresholds (red below −red_gap) and the colours' meaning under the scheme."""
    lang = frame.lang
    words = {s.code: s.word for s in statuses}
    pace = t(f"report.n.pace.{frame.model.settings.pace}", lang)
    red_points = points_text(frame.model.settings.red_gap)
    lines = [
        t("report.rule.green", lang, word=words["green"], pace=pace),
        t("report.rule.red", lang, word=words["red"], pace=pace, points=red_points),
        t("report.rule.amber", lang, word=words["amber"]),
        t("report.rule.none", lang, word=t("status.none", lang)),
    ]
    scheme = COLOUR_SCHEMES.get(colours, COLOUR_SCHEMES["green-good"])
    plain = {hex_: code for code, hex_ in COLOUR_SCHEMES["green-good"].items()}
    shown = {f"{code}_colour": t(f"report.colour.{plain[scheme[code]]}", lang) for code in STATUS_CODES}
    lines.append(t("report.rule.colours", lang, **{code: words[code] for code in STATUS_CODES}, **shown))
    return lines


def uploads_table(frame: Frame, sources: Mapping[int, UploadNote] | None = None) -> Table:
    """The uploads whose figures the report uses, as the Units page's 数据来源 lists them: #, file, sheet, who,
    when (in the TIMEZONE setting), periods, figures, and how each came (``lineage.how_text``: a revert with the
    upload it restored and its reason, a confirmed unit submission). The sheet and how come from ``sources``
    (``lineage.load_upload_notes``, by upload id); an upload not there leaves them blank."""
    lang = frame.lang
    columns = (
        frame.column("upload", Kind.COUNT),
        frame.column("file", Kind.TEXT),
        frame.column("sheet", Kind.TEXT),
        frame.column("uploaded_by", Kind.TEXT),
        frame.column("uploaded_at", Kind.TEXT),
        frame.column("periods", Kind.TEXT),
        frame.column("figure_count", Kind.COUNT),
        frame.column("how", Kind.TEXT),
    )
    known = sources or {}
    rows = tuple(
        (
            u.id,
            u.filename,
            note.sheet if (note := known.get(u.id)) else "",
            u.uploaded_by,
            local_time(u.uploaded_at),
            u.periods,
            u.figure_count,
            how_text(note.way, note, lang) if note else "",
        )
        for u in used_uploads(frame)
    )
    return Table("uploads", t("report.table.uploads", lang), "", columns, rows)


def used_uploads(frame: Frame) -> list[UploadRef]:
    """The model's uploads with a period up to the as-of quarter (newest first, as the model lists them)."""
    as_of = str(frame.model.as_of)
    return [u for u in frame.model.uploads if any(p.strip() <= as_of for p in u.periods.split(",") if p.strip())]


def restated_table(frame: Frame) -> Table:
    """Every unit (and the scope) whose 上年同期 as reported now differs from last year's stored figure."""
    model = frame.model
    columns = (
        frame.column("code", Kind.TEXT),
        frame.column("unit", Kind.TEXT),
        frame.column("metric", Kind.TEXT),
        frame.column("prior_ytd", Kind.AMOUNT),
        frame.column("stored_prior_ytd", Kind.AMOUNT),
        frame.column("difference", Kind.AMOUNT),
    )
    rows: list[tuple[CellValue, ...]] = []
    scope_name = (
        frame.names.get(model.scope, t("report.group_total", frame.lang))
        if model.scope
        else t("report.group_total", frame.lang)
    )
    entities = [(model.scope, scope_name, model.entity)] + [
        (u.code, frame.names.get(u.code, u.code), u) for u in model.unit_rows
    ]
    for code, name, entity in entities:
        for m in model.metrics:
            f = entity.metrics.get(m.code)
            if f is not None and f.restated:
                rows.append((code, name, m.name(frame.lang), f.prior_ytd, f.stored_prior_ytd, _difference(f)))
    return Table("restated", t("report.table.restated", frame.lang), frame.unit_line, columns, tuple(rows))


def _difference(f: MetricFigures) -> CellValue:
    return f.prior_ytd - f.stored_prior_ytd if f.prior_ytd is not None and f.stored_prior_ytd is not None else None


def _not_reported(frame: Frame, comments: Mapping[tuple[str, str], VarianceComment]) -> list[str]:
    """Who has not reported, and what finance wrote about each of them (a comment needs no figures)."""
    missing = frame.model.not_reported
    if not missing:
        return [t("report.notes.all_reported", frame.lang)]
    names = name_list(missing, frame.names, frame.lang)
    lines = [t("report.notes.not_reported", frame.lang, count=len(missing), names=names)]
    for code in missing:
        for m in frame.model.metrics:
            if (note := comments.get((code, m.code))) is None:
                continue
            measures = t("report.notes.measures", frame.lang, measures=note.measures) if note.measures else ""
            name = frame.names.get(code, code)
            lines.append(
                t("report.notes.unit_comment", frame.lang, unit=name, metric=m.name(frame.lang), comment=note.comment)
                + measures
            )
    return lines


def _not_allocated(frame: Frame) -> list[str]:
    """Group target against the sum of the unit targets, per metric (group scope only)."""
    ctx = Context(frame.lang, frame.model.quarter, "", False, frame.scale)
    lines = []
    for m in frame.model.metrics:
        view = frame.model.by_metric[m.code]
        target = view.figures.effective_target
        if view.not_allocated is None or target is None:
            continue
        allocated = target - view.not_allocated
        lines.append(
            t(
                "report.notes.not_allocated",
                frame.lang,
                metric=m.name(frame.lang),
                target=money(target, ctx),
                allocated=money(allocated, ctx),
                rest=money(view.not_allocated, ctx),
            )
        )
    return lines
