"""The tables the pages show, as pandas frames with headers in the chosen language (pure: no Streamlit).

Amounts are text written by the display rules (亿元/万元, half-up, separators); their header carries the unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import ReadModel
from dashboard.analytics.series import QuarterPoint
from dashboard.domain import AMOUNT_UNITS, EXACT, AmountUnit, Problem, canonical
from dashboard.i18n import local_time, problem_message, t
from dashboard.i18n.numbers import amount, rate, unit_word, view_decimals
from dashboard.imports import UploadPlan
from dashboard.storage.rows import UploadRow
from dashboard.ui.lights import reason_text, status_dot


def status_word(status: str | None, lang: str, scheme: str = "green-good", short: bool = False) -> str:
    """A status as a coloured dot and its word, e.g. ``🔴 红灯·落后``; the dot follows the colour meaning.
    ``short``: the light's name alone (``🔴 红灯``), for the units table, whose reason column says the rest.

    >>> status_word("red", "zh"), status_word("green", "en", "red-good"), status_word(None, "zh")
    ('🔴 红灯·落后', '🔴 green · on track', '⚪ 未设目标')
    >>> [status_word(s, "zh", short=True) for s in ("amber", None)], status_word("green", "en", short=True)
    (['🟡 黄灯', '⚪ 无目标'], '🟢 green')
    """
    if status is None:
        return f"⚪ {t('status.none.short' if short else 'status.none', lang)}"
    word = t(f"light.short.{status}" if short else f"light.{status}", lang)
    return f"{status_dot(status, scheme)} {word}"


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


UNIT_COLUMNS = ("code", "name", "status", "reason", "ytd", "completion", "yoy", "gap")
_AMOUNTS = ("ytd", "gap")


def units_table(
    model: ReadModel, metric: str, names: Mapping[str, str], lang: str, level: str, scheme: str
) -> pd.DataFrame:
    """The red/amber/green list of the scope's member units: one row per unit, the most behind first, units
    without a target last (the model's ranking).

    Short unit names, the light with its word and the reason that decided it, year to date and gap in ``level``
    (the unit word is in the caption, not the headers: they stay narrow) with the decimals ``view_decimals`` gives
    the units' year to date and targets;
    completion as a number, blank where words stand for it (in loss, 减亏 target met or missed: the reason column
    says so); YoY as a rate, or the loss words (扭亏/减亏/增亏/由盈转亏)."""
    by_code = {u.code: u for u in model.unit_rows}
    figures = [(code, by_code[code].metrics[metric]) for code in model.by_metric[metric].ranking]
    decimals = view_decimals([v for _, m in figures for v in (m.ytd_actual, m.effective_target)], level, lang)
    common = brand([names.get(code, code) for code, _ in figures])
    pace = model.settings.pace
    rows = [
        _unit_row(code, table_name(names.get(code, code), lang, common), m, (lang, level, scheme, pace), decimals)
        for code, m in figures
    ]
    headers = {
        key: t(f"web.col.{key}" if key in ("code", "status") else f"web.units.col.{key}", lang) for key in UNIT_COLUMNS
    }
    return pd.DataFrame(rows, columns=list(headers)).rename(columns=headers)


_FIELDS = {"ytd": "ytd_actual", "gap": "gap"}


def _unit_row(code: str, name: str, m: MetricFigures, form: tuple[str, str, str, str], decimals: int) -> dict[str, Any]:
    lang, level, scheme, pace = form  # language, amount level, colour meaning, pace compared with
    row: dict[str, Any] = {
        key: amount(getattr(m, _FIELDS[key]), lang, level, decimals, with_unit=False) for key in _AMOUNTS
    }
    return row | {
        "code": code,
        "name": name,
        "status": status_word(m.status, lang, scheme, short=True),
        "reason": unit_reason(m, lang, pace),
        "completion": None if m.completion_wording else _percent(m.completion_rate),
        "yoy": t(f"loss.{m.loss_wording}", lang) if m.loss_wording else rate(m.yoy_growth),
    }


def unit_reason(m: MetricFigures, lang: str, pace: str = "linear") -> str:
    """Why the light has its colour (``lights.reason_text``); where words stand for the completion rate (in loss,
    减亏 target met or missed) those words first, and a progress reason measured on a meaningless rate left out.

    >>> unit_reason(MetricFigures(status_reason="declining", completion_wording="in_loss"), "zh")
    '亏损；同比下降'
    >>> unit_reason(MetricFigures(status_reason="far_behind", progress_gap=-1.665, completion_wording="in_loss"), "en")
    'in loss'
    """
    reason = reason_text(m, lang, pace)
    if not m.completion_wording:
        return reason
    words = t(f"completion.{m.completion_wording}", lang)
    if m.status_reason in _PROGRESS_REASONS or not reason or reason == words:
        return words
    return t("web.units.reason_with", lang, words=words, reason=reason)


_PROGRESS_REASONS = ("far_behind", "behind", "on_track")
_LEGAL_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    ", Ltd.",
    " Co., Ltd.",
    " Co., Ltd",
    " Co. Ltd.",
    " Co.",
    " Ltd.",
    " Limited",
    " Inc.",
)
NAME_CHARS = {"zh": 9, "en": 19}  # the table's unit name column fits this many characters


def table_name(name: str, lang: str, brand: str = "", limit: int | None = None) -> str:
    """A unit name short enough for the table's name column: the group's ``brand`` in front and the legal form
    left off, then cut with "…" — in English before the last word, which tells units apart ("… Institute",
    "… College") — the full name is on the unit's page, one click away.

    >>> table_name("衡川进出口贸易有限公司", "zh", "衡川"), table_name("Hengchuan Power Co., Ltd.", "en", "Hengchuan ")
    ('进出口贸易', 'Power')
    >>> table_name("衡川机电职业技术学院", "zh"), table_name("Electromechanical Research Institute", "en")
    ('衡川机电职业技术…', 'Electrom… Institute')
    >>> table_name("有限公司", "zh")
    '有限公司'
    """
    shortened = name.strip()
    if brand and shortened.startswith(brand) and len(shortened) > len(brand) + 1:
        shortened = shortened[len(brand) :].lstrip()
    while form := next((f for f in _LEGAL_FORMS if shortened.endswith(f) and len(shortened) > len(f)), ""):
        shortened = shortened[: -len(form)].rstrip(" ,")
    limit = limit or NAME_CHARS.get(lang, 20)
    if len(shortened) <= limit:
        return shortened
    head, _, tail = shortened.rpartition(" ")
    if lang == "en" and head and len(tail) <= limit - 6:
        return head[: limit - len(tail) - 2].rstrip() + "… " + tail
    return shortened[: limit - 1].rstrip() + "…"


def brand(names: Sequence[str]) -> str:
    """The word most unit names of the group start with (its brand, e.g. "衡川" or "Hengchuan"): the first word
    of English names, the first two characters of Chinese ones; "" unless more than half share it.

    >>> brand(["衡川机电装备有限公司", "衡川光电科技有限公司", "集团本部"]), brand(["Hengchuan A Co.", "Group HQ"])
    ('衡川', '')
    """
    heads = Counter(n.split(" ")[0] + " " if " " in n else n[:2] for n in names if len(n) > 2)
    if not heads:
        return ""
    top, count = heads.most_common(1)[0]
    return top if count * 2 > len(names) and count >= 2 else ""


def problems_table(plans: Sequence[UploadPlan], lang: str) -> pd.DataFrame:
    """Every problem of every file: severity, file, sheet, cell, the value found, and what to do."""
    return problems_frame([(plan.parsed.filename, p) for plan in plans for p in plan.problems], lang)


def problems_frame(problems: Sequence[tuple[str, Problem]], lang: str) -> pd.DataFrame:
    """(file name, problem) pairs as a table, in the order given."""
    rows = [
        {
            t("web.col.severity", lang): t(f"web.severity.{p.severity.value}", lang),
            t("web.col.file", lang): filename,
            t("web.col.sheet", lang): p.sheet,
            t("web.col.cell", lang): p.cell,
            t("web.col.value", lang): "" if p.value is None else str(p.value),
            t("web.col.message", lang): problem_message(p, lang),
        }
        for filename, p in problems
    ]
    return pd.DataFrame(rows)


def changes_table(
    plan: UploadPlan, names: Mapping[str, str], metric_names: Mapping[str, str], lang: str, only_changed: bool = True
) -> pd.DataFrame:
    """What the file changes against what is stored, in the workbook's own amount unit (exact, as it would be
    written there: 180,000 in a 万元 workbook, not 1,800,000,000 yuan); the unit is in the headers."""
    unit = plan.amount_unit
    word = unit.name_zh if lang == "zh" else unit.name_en
    one_period = len({c.period for c in plan.changes}) <= 1  # then the period is said above the table, not per row
    rows = [
        {
            t("web.col.change", lang): t(f"web.change.{c.status}", lang),
            t("web.col.period", lang): str(c.period),
            t("web.col.code", lang): c.unit_code,
            t("web.col.unit", lang): names.get(c.unit_code, c.unit_code),
            t("web.col.metric", lang): metric_names.get(c.metric, c.metric),
            t("web.col.old_ytd_in", lang, unit=word): _yuan(c.old_ytd, unit),
            t("web.col.new_ytd_in", lang, unit=word): _yuan(c.new_ytd, unit),
            t("web.col.old_prior_in", lang, unit=word): _yuan(c.old_prior, unit),
            t("web.col.new_prior_in", lang, unit=word): _yuan(c.new_prior, unit),
        }
        for c in plan.changes
        if not only_changed or c.status != "unchanged"
    ]
    frame = pd.DataFrame(rows)
    return frame.drop(columns=[t("web.col.period", lang)]) if one_period and not frame.empty else frame


def _yuan(value: Decimal | None, unit: AmountUnit = AMOUNT_UNITS["yuan"]) -> str:
    """An amount in yuan written exactly in ``unit``, with separators.

    >>> _yuan(Decimal("3061150200"), AMOUNT_UNITS["10k"]), _yuan(Decimal("1234"), AMOUNT_UNITS["10k"]), _yuan(None)
    ('306,115.02', '0.1234', '')
    """
    return "" if value is None else f"{canonical(value.scaleb(-unit.power, EXACT)):,}"


def change_counts(counts: Mapping[str, int], lang: str, short: bool = False) -> str:
    """What an import changes, in words: ``新增 0、修改 1、未变 29（共 30 个数据）``; ``short`` leaves the total
    out (the upload log has it in its own column).

    >>> change_counts({"new": 0, "changed": 1, "unchanged": 29}, "zh")
    '新增 0、修改 1、未变 29（共 30 个数据）'
    >>> change_counts({"new": 0, "changed": 1, "unchanged": 29}, "en", short=True)
    '0 new, 1 changed, 29 unchanged'
    """
    new, changed, unchanged = (int(counts.get(k, 0)) for k in ("new", "changed", "unchanged"))
    total = new + changed + unchanged
    key = "web.counts_short" if short else "web.counts"
    return t(key, lang, new=new, changed=changed, unchanged=unchanged, total=total)


def upload_log_table(log: Sequence[UploadRow], lang: str) -> pd.DataFrame:
    """The upload log, newest first: who stored or tried to store what, when, and with which outcome."""
    rows = [
        {
            t("data.col.id", lang): r.id,
            t("data.col.uploaded_at", lang): local_time(r.uploaded_at, with_seconds=True),
            t("data.col.action", lang): t(f"data.action.{r.action}", lang),
            t("data.col.outcome", lang): t(f"data.outcome.{r.outcome}", lang),
            t("data.col.uploaded_by", lang): r.uploaded_by,
            t("data.col.periods", lang): r.periods,
            t("data.col.figure_count", lang): r.figure_count,
            t("web.col.what_changed", lang): _logged_changes(r, lang),
            t("data.col.filename", lang): r.filename,
        }
        for r in log
    ]
    return pd.DataFrame(rows)


def _logged_changes(row: UploadRow, lang: str) -> str:
    """A stored import's counts of new, changed and unchanged figures (empty for a rejected attempt, a revert,
    or an import logged before the counts were kept)."""
    counts = row.detail().get("changes")
    if row.outcome != "stored" or not isinstance(counts, dict):
        return ""
    return change_counts(counts, lang, short=True)


def trend_table(years: Mapping[int, Sequence[QuarterPoint]], lang: str, level: str) -> pd.DataFrame:
    """Each year's quarters (``analytics.series.by_year``): year to date, single quarter, 上年同期, YoY and 环比,
    with restatements marked."""
    word = unit_word(level, lang)
    points = [p for year in years for p in years[year]]
    decimals = view_decimals([v for p in points for v in (p.ytd, p.single_quarter, p.prior_ytd)], level, lang)

    def money(value: Decimal | None) -> str:  # the view's decimals (≥ 3 significant digits)
        return amount(value, lang, level, decimals, with_unit=False)

    rows = []
    for year in sorted(years):
        for p in years[year]:
            rows.append(
                {
                    t("web.col.period", lang): f"{year}Q{p.quarter}",
                    t("web.col.ytd", lang, unit=word): money(p.ytd),
                    t("web.col.single", lang, unit=word): money(p.single_quarter),
                    t("web.col.prior", lang, unit=word): money(p.prior_ytd),
                    t("web.col.yoy", lang): rate(p.yoy_growth),
                    t("web.col.qoq", lang): rate(p.qoq_growth),
                    t("web.col.restated", lang): _restated(p, level, lang, decimals),
                }
            )
    return pd.DataFrame(rows)


def _restated(p: QuarterPoint, level: str, lang: str, decimals: int = 2) -> str:
    if not p.restated or p.stored_prior_ytd is None:
        return ""
    return t("web.restated_from", lang, stored=amount(p.stored_prior_ytd, lang, level, decimals))
