"""The tables the pages show, as pandas frames with headers in the chosen language (pure: no Streamlit).

Amounts are text written by the display rules (亿元/万元, half-up, separators); their header carries the unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import ReadModel
from dashboard.analytics.series import QuarterPoint
from dashboard.domain import AMOUNT_UNITS, EXACT, AmountUnit, Problem, canonical
from dashboard.i18n import local_time, problem_message, t
from dashboard.i18n.numbers import amount, rate, status_colour, unit_word
from dashboard.imports import UploadPlan
from dashboard.storage.rows import UploadRow

_DOTS = {"#2e7d32": "🟢", "#f9a825": "🟡", "#c62828": "🔴"}


def status_word(status: str | None, lang: str, scheme: str = "green-good") -> str:
    """A status as a coloured dot and its word, e.g. ``🔴 红灯·落后``; the dot follows the colour meaning.

    >>> status_word("red", "zh"), status_word("green", "en", "red-good"), status_word(None, "zh")
    ('🔴 红灯·落后', '🔴 green · on track', '⚪ 未设目标')
    """
    if status is None:
        return f"⚪ {t('status.none', lang)}"
    return f"{_DOTS.get(status_colour(status, scheme), '⚪')} {t(f'light.{status}', lang)}"


def _amount(value: Decimal | None, level: str, lang: str) -> str:
    """An amount in the display scale as the rules write it: half-up, two decimals, thousands separators."""
    return amount(value, lang, level, with_unit=False)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def units_table(
    model: ReadModel, metric: str, names: Mapping[str, str], lang: str, level: str, scheme: str
) -> pd.DataFrame:
    """The red/amber/green list of the scope's member units: one row per unit, the most behind first, units
    without a target last (the model's ranking)."""
    by_code = {u.code: u for u in model.unit_rows}
    rows = [
        _unit_row(code, names.get(code, code), by_code[code].metrics[metric], lang, level, scheme)
        for code in model.by_metric[metric].ranking
    ]
    word = unit_word(level, lang)
    headers = {
        "code": t("web.col.code", lang),
        "name": t("web.col.unit", lang),
        "status": t("web.col.status", lang),
        "ytd": t("web.col.ytd", lang, unit=word),
        "target": t("web.col.target", lang, unit=word),
        "completion": t("web.col.completion", lang),
        "progress_gap": t("web.col.progress_gap", lang),
        "yoy": t("web.col.yoy", lang),
        "yoy_change": t("web.col.yoy_change", lang, unit=word),
        "gap": t("web.col.gap", lang, unit=word),
    }
    return pd.DataFrame(rows, columns=list(headers)).rename(columns=headers)


def _unit_row(code: str, name: str, m: MetricFigures, lang: str, level: str, scheme: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "status": status_word(m.status, lang, scheme),
        "ytd": _amount(m.ytd_actual, level, lang),
        "target": _amount(m.effective_target, level, lang),
        "completion": _percent(m.completion_rate),
        "progress_gap": _percent(m.progress_gap),
        "yoy": t(f"loss.{m.loss_wording}", lang) if m.loss_wording else rate(m.yoy_growth),
        "yoy_change": _amount(m.yoy_change, level, lang),
        "gap": _amount(m.gap, level, lang),
    }


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
    rows = []
    for year in sorted(years):
        for p in years[year]:
            rows.append(
                {
                    t("web.col.period", lang): f"{year}Q{p.quarter}",
                    t("web.col.ytd", lang, unit=word): _amount(p.ytd, level, lang),
                    t("web.col.single", lang, unit=word): _amount(p.single_quarter, level, lang),
                    t("web.col.prior", lang, unit=word): _amount(p.prior_ytd, level, lang),
                    t("web.col.yoy", lang): rate(p.yoy_growth),
                    t("web.col.qoq", lang): rate(p.qoq_growth),
                    t("web.col.restated", lang): _restated(p, level, lang),
                }
            )
    return pd.DataFrame(rows)


def _restated(p: QuarterPoint, level: str, lang: str) -> str:
    if not p.restated or p.stored_prior_ytd is None:
        return ""
    return t("web.restated_from", lang, stored=amount(p.stored_prior_ytd, lang, level))
