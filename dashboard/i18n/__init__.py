"""Words for codes, in Chinese (zh) or English (en). The core returns codes; the edges call these."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from dashboard import config
from dashboard.domain import DEFAULT_METRICS, MetricDef, Problem
from dashboard.i18n import (
    text_auth,
    text_charts,
    text_coverage,
    text_lineage,
    text_report,
    text_scale,
    text_submit,
    text_web,
)
from dashboard.i18n.messages import PROBLEMS, SEVERITY
from dashboard.i18n.text import TEXT as _CLI_TEXT

LANGS = ("zh", "en")
TEXT: dict[str, tuple[str, str]] = {
    **_CLI_TEXT,
    **text_web.TEXT,
    **text_auth.TEXT,
    **text_charts.TEXT,
    **text_report.TEXT,
    **text_submit.TEXT,
    **text_coverage.TEXT,
    **text_scale.TEXT,
    **text_lineage.TEXT,
}
for _part in (text_submit, text_coverage, text_scale, text_lineage):
    PROBLEMS.update(_part.PROBLEMS)


def default_lang(environ: dict[str, str] | None = None) -> str:
    """The language from the environment: DASHBOARD_LANG, then LC_ALL / LC_MESSAGES / LANG; Chinese when unset.

    >>> default_lang({"LANG": "en_US.UTF-8"}), default_lang({}), default_lang({"LANG": "C.UTF-8"})
    ('en', 'zh', 'zh')
    """
    env = os.environ if environ is None else environ
    for name in ("DASHBOARD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").lower()
        if value.startswith("en"):
            return "en"
        if value.startswith("zh"):
            return "zh"
    return "zh"


def local_time(moment: datetime, with_seconds: bool = False) -> str:
    """A stored moment (UTC; SQLite returns it without a zone) shown in the configured time zone.

    >>> local_time(datetime(2023, 7, 1, 2, 30))
    '2023-07-01 10:30'
    """
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    shown = aware.astimezone(ZoneInfo(config.get("TIMEZONE")))
    return f"{shown:%Y-%m-%d %H:%M:%S}" if with_seconds else f"{shown:%Y-%m-%d %H:%M}"


def t(key: str, lang: str, **params: Any) -> str:
    """A user-interface or command-line text.

    >>> t("import.stored", "en", upload_id=3, figures=10, units=2, periods="2023Q2")
    'Stored as upload #3: 10 figures of 2 units for 2023Q2.'
    """
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**params)


def problem_message(problem: Problem, lang: str, metrics: tuple[MetricDef, ...] = DEFAULT_METRICS) -> str:
    """The problem's reason and what to do, without its place.

    >>> from dashboard.domain import error
    >>> problem_message(error("not_a_number", "数据", "D12", "12a", header="营业收入（本年累计）"), "en")
    "'12a' in '营业收入（本年累计）' is not a number. Enter a number; leave it empty or write '-' when not reported."
    """
    zh, en = PROBLEMS.get(problem.code, ("{code}", "{code}"))
    names = {m.code: m.name(lang) for m in metrics}
    params = {k: names.get(v, v) if k == "metric" else _shown(v) for k, v in problem.params.items()}
    fields = {
        "value": problem.value,
        "cell": problem.cell,
        "sheet": problem.sheet,
        "code": problem.code,
        **params,
    }
    return (zh if lang == "zh" else en).format(**fields)


def metric_name(code: str, lang: str, metrics: tuple[MetricDef, ...] = DEFAULT_METRICS) -> str:
    """A metric's name in the language, or its code when it is not configured.

    >>> metric_name("profit", "zh"), metric_name("profit", "en")
    ('利润总额', 'Total profit')
    """
    return next((m.name(lang) for m in metrics if m.code == code), code)


def problem_place(problem: Problem, filename: str = "") -> str:
    """Where a problem is: ``file · sheet!D12``, as much as is known."""
    place = f"{problem.sheet}!{problem.cell}" if problem.sheet and problem.cell else problem.sheet or problem.cell
    return " · ".join(p for p in (filename, place) if p)


def describe(problem: Problem, lang: str, filename: str = "", metrics: tuple[MetricDef, ...] = DEFAULT_METRICS) -> str:
    """One line for a person: severity, place, message.

    >>> from dashboard.domain import error
    >>> describe(error("bad_year", "数据", "B7", "20x3"), "zh", "q2.xlsx")
    '错误 q2.xlsx · 数据!B7：年度“20x3”无法识别。请写四位年份，如 2023。'
    """
    word = SEVERITY[problem.severity.value][0 if lang == "zh" else 1]
    place = problem_place(problem, filename)
    sep = "：" if lang == "zh" else ": "
    return (
        f"{word} {place}{sep}{problem_message(problem, lang, metrics)}"
        if place
        else f"{word}{sep}{problem_message(problem, lang, metrics)}"
    )


def problem_record(problem: Problem, filename: str = "") -> dict[str, Any]:
    """A problem as stored in the upload log: place, value, reason code, and the message in both languages."""
    return {
        "severity": problem.severity.value,
        "code": problem.code,
        "file": filename,
        "sheet": problem.sheet,
        "cell": problem.cell,
        "value": problem.value,
        "params": {k: str(v) for k, v in problem.params.items()},
        "message_zh": problem_message(problem, "zh"),
        "message_en": problem_message(problem, "en"),
    }


def _shown(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:,}"
    return value
