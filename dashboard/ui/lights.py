"""What a light means, in words: the legend of the status rule (thresholds, pace, colour meaning) shown wherever
lights are shown, and the reason that decided one light (e.g. "同比下降", "落后序时 12.3 个百分点").

Pure formatting of what the read model holds (``MetricFigures.status_reason``, ``Settings``); no Streamlit.
"""

from __future__ import annotations

from decimal import Decimal

from dashboard.analytics.engine import MetricFigures, Settings
from dashboard.i18n import t
from dashboard.i18n.numbers import decimal_text, rate, status_colour

_DOTS = {"#2e7d32": "🟢", "#f9a825": "🟡", "#c62828": "🔴"}  # a light's colour as a coloured dot


def reason_text(m: MetricFigures, lang: str, pace: str = "linear") -> str:
    """Why one light has its colour, from ``status_reason``, said against the pace compared with (``linear``:
    序时进度; ``seasonal``: last year's pace); empty without a status.

    >>> reason_text(MetricFigures(status_reason="far_behind", progress_gap=-0.123), "zh")
    '落后序时 12.3 个百分点'
    >>> reason_text(MetricFigures(status_reason="below_floor", yoy_growth=0.031, growth_floor=Decimal("0.05")), "en")
    'growth 3.1% below the floor 5.0%'
    >>> reason_text(MetricFigures(status_reason="behind", progress_gap=-0.071), "en", "seasonal")
    "7.1 pp behind last year's pace"
    >>> reason_text(MetricFigures(), "zh")
    ''
    """
    if m.status_reason is None:
        return ""
    if pace == "seasonal" and m.status_reason == "on_track":
        return t("kpi.on_track_seasonal", lang)
    if pace == "seasonal" and m.status_reason in ("behind", "far_behind") and m.progress_gap is not None:
        return t("kpi.behind_seasonal", lang, points=decimal_text(Decimal(repr(-m.progress_gap)) * 100, 1))
    behind = "" if m.progress_gap is None else decimal_text(Decimal(repr(-m.progress_gap)) * 100, 1)
    floor = rate(float(m.growth_floor)) if m.growth_floor is not None else "–"
    return t(f"reason.{m.status_reason}", lang, points=behind, growth=rate(m.yoy_growth), floor=floor)


def legend_text(settings: Settings, lang: str, scheme: str = "green-good") -> str:
    """The status rule in words with its thresholds, the pace compared with, and what each colour shows under the
    chosen colour meaning (a light is always shown with its word as well).

    >>> legend_text(Settings(red_gap=0.1), "zh").split("；")[0]
    '🔴 红灯·落后：同比下降，或落后序时进度超过 10.0 个百分点'
    >>> legend_text(Settings(pace="seasonal"), "en", "red-good").split(";")[0]  # red-good: behind shows green
    "🟢 red · behind: down year on year, or more than 10.0 pp behind last year's pace"
    """
    threshold = decimal_text(Decimal(repr(settings.red_gap)) * 100, 1)
    pace = t(f"web.pace.{settings.pace}", lang)
    dot = {s: status_dot(s, scheme) for s in ("red", "amber", "green")}
    key = "lights.legend.seasonal" if settings.pace == "seasonal" else "lights.legend"
    return t(key, lang, threshold=threshold, pace=pace, **{f"dot_{k}": v for k, v in dot.items()})


def status_dot(status: str | None, scheme: str = "green-good") -> str:
    """The dot of a light in the colour the colour meaning gives it; white without a status.

    >>> status_dot("red"), status_dot("red", "red-good"), status_dot(None)
    ('🔴', '🟢', '⚪')
    """
    return _DOTS.get(status_colour(status, scheme), "⚪") if status is not None else "⚪"
