"""The headline cards of one metric as our own HTML: a grid that wraps, values that shrink to fit their card,
notes that wrap (never cut). The style (classes ``kpi-*``) stands in ``dashboard/app.py``.

Pure formatting of what the read model holds (``MetricFigures``); no Streamlit, no figure computed here. Every
text is our own formatting or an i18n string; the metric's name (configurable text) is escaped.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from dashboard.analytics.engine import MetricFigures
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, points, rate, status_colour, view_decimals
from dashboard.ui.lights import reason_text

_Money = Callable[[Decimal | None], str]  # an amount written in the cards' level and decimals


@dataclass(frozen=True)
class Card:
    """One card: a label, a value (kept on one line, shrunk to fit) and a note (wraps); ``more`` holds further
    (value, note) pairs shown under the first (the second projection)."""

    label: str
    value: str
    note: str
    more: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Form:
    """How amounts are written: language, level (``group``/``unit`` or ``yi``/``wan``), decimals, the pace
    compared with ("linear"/"seasonal") and the colour meaning of the lights."""

    lang: str
    level: str
    decimals: int
    pace: str = "linear"
    scheme: str = "green-good"


def metric_decimals(m: MetricFigures, level: str, lang: str) -> int:
    """Decimals of one metric's cards: every amount shown together keeps three significant digits.

    >>> metric_decimals(MetricFigures(ytd_actual=Decimal(990_000_000)), "group", "en")
    3
    """
    shown = (m.ytd_actual, m.effective_target, m.projection_linear, m.projection_seasonal)
    return view_decimals(shown, level, lang)


def signed(text_value: str) -> str:
    """A leading plus on a positive figure.

    >>> signed("5.7%"), signed("-0.9%"), signed("0.0%"), signed("–")
    ('+5.7%', '-0.9%', '0.0%', '–')
    """
    if text_value.startswith(("-", "–", "+")) or not text_value.lstrip("0.,%"):
        return text_value
    return f"+{text_value}"


def metric_cards(m: MetricFigures, form: Form) -> list[Card]:
    """The six cards of one metric, in reading order: year to date, target, completion, gap, the full-year
    projection (both bases, the pace's own first), growth still needed."""
    lang = form.lang

    def money(value: Decimal | None) -> str:
        return amount(value, lang, form.level, form.decimals, with_unit=False)

    if m.loss_wording:  # 扭亏/减亏/增亏/由盈转亏: the change as an amount, not a percentage
        ytd_note = f"{t(f'loss.{m.loss_wording}', lang)} {signed(money(m.yoy_change))}"
    else:
        ytd_note = t("kpi.yoy", lang, rate=signed(rate(m.yoy_growth)))
    binding = t(f"web.binding.{m.binding}", lang) if m.binding else t("web.no_target", lang)
    return [
        Card(t("web.ytd", lang), money(m.ytd_actual), ytd_note),
        Card(t("web.target", lang), money(m.effective_target), t("kpi.binding", lang, binding=binding)),
        _completion(m, form),
        _gap(m, form, money),
        _projections(m, form, money),
        Card(
            t("web.required_growth", lang),
            # met already: the formula's −100 % ("the rest may fall to nothing") reads as an alarm; say it plainly
            t("kpi.exceeded", lang) if m.gap is not None and m.gap <= 0 else rate(m.required_growth_rest_of_year),
            t("web.growth_floor", lang, rate=rate(float(m.growth_floor)) if m.growth_floor is not None else "–"),
        ),
    ]


def _completion(m: MetricFigures, form: Form) -> Card:
    """完成率 with the progress gap and what it is measured against; words instead of a rate that misleads."""
    lang = form.lang
    label = t("web.completion", lang)
    if m.completion_wording:
        return Card(label, t(f"completion.{m.completion_wording}", lang), t("kpi.no_rate", lang))
    if m.progress_gap is None:
        return Card(label, rate(m.completion_rate), t("web.no_target", lang) if m.effective_target is None else "–")
    return Card(label, rate(m.completion_rate), t(f"kpi.vs.{form.pace}", lang, points=points(m.progress_gap, lang)))


def _gap(m: MetricFigures, form: Form, money: _Money) -> Card:
    """缺口 with what each remaining quarter needs (or that the target is exceeded, or the year is over)."""
    lang = form.lang
    if m.gap is None:
        note = "–"
    elif m.gap < 0:
        note = t("kpi.exceeded", lang)
    elif m.required_per_quarter is None:
        note = t("kpi.year_over", lang)
    else:
        note = t("web.per_quarter", lang, amount=money(m.required_per_quarter))
    return Card(t("web.gap", lang), money(m.gap), note)


def _projections(m: MetricFigures, form: Form, money: _Money) -> Card:
    """全年预计 on both bases, each with its basis (按序时 / 按上年季节规律), the one the chosen pace uses first."""
    lang = form.lang
    values = {"linear": m.projection_linear, "seasonal": m.projection_seasonal}
    first, second = ("seasonal", "linear") if form.pace == "seasonal" else ("linear", "seasonal")
    basis = {k: t(f"kpi.basis.{k}", lang) for k in values}
    return Card(
        t("web.projection", lang), money(values[first]), basis[first], ((money(values[second]), basis[second]),)
    )


def badge_html(m: MetricFigures, form: Form) -> str:
    """The status word in its colour with the reason that decided it (grey without a target)."""
    colour = status_colour(m.status, form.scheme)
    word = t(f"light.{m.status}", form.lang) if m.status else t("status.none", form.lang)
    reason = light_reason(m, form)
    why = f'<span class="kpi-reason">{html.escape(reason)}</span>' if reason else ""
    return (
        f'<span class="kpi-badge" style="border-color:{colour}">'
        f'<span class="kpi-dot" style="color:{colour}">●</span> {html.escape(word)}{why}</span>'
    )


def light_reason(m: MetricFigures, form: Form) -> str:
    """Why the light has its colour (``lights.reason_text``), said against the pace the viewer chose; for a
    metric in loss, the loss itself rather than a progress gap measured from a negative completion rate.

    >>> light_reason(MetricFigures(status_reason="far_behind", progress_gap=-1.665, completion_wording="in_loss"),
    ...     Form("zh", "unit", 2))
    '亏损'
    >>> light_reason(MetricFigures(status_reason="behind", progress_gap=-0.071), Form("en", "unit", 2, "seasonal"))
    "7.1 pp behind last year's pace"
    """
    if m.status_reason in _BEHIND and m.completion_wording:
        return t(f"completion.{m.completion_wording}", form.lang)
    return reason_text(m, form.lang, form.pace)


_BEHIND = ("behind", "far_behind")


def headline_html(name: str, m: MetricFigures, form: Form) -> str:
    """One metric: its name with the status badge, then its cards in a grid that wraps."""
    cards = "".join(card_html(card) for card in metric_cards(m, form))
    return (
        f'<div class="kpi-block"><div class="kpi-head"><span class="kpi-metric">{html.escape(name)}</span>'
        f'{badge_html(m, form)}</div><div class="kpi-grid">{cards}</div></div>'
    )


def card_html(card: Card) -> str:
    """One card; a value's width in ems (``--w``) lets the style shrink it to fit the card."""
    lines = "".join(
        f'<div class="kpi-value{" kpi-second" if i else ""}" style="--w:{text_width(value):.1f}">'
        f'{html.escape(value)}</div><div class="kpi-note">{html.escape(note)}</div>'
        for i, (value, note) in enumerate(((card.value, card.note), *card.more))
    )
    return f'<div class="kpi-card"><div class="kpi-label">{html.escape(card.label)}</div>{lines}</div>'


def text_width(value: str) -> float:
    """A generous width of a one-line text in bold ems: 0.62 for a digit, sign or Latin letter, 0.32 for a comma
    or point, 1.05 for a Chinese character; at least 4 (a short value keeps the full size).

    >>> text_width("71,723,012.34"), text_width("亏损"), text_width("1.0%")
    (7.2, 4.0, 4.0)
    """
    wide = sum(1 for ch in value if unicodedata.east_asian_width(ch) in "WF")
    narrow = sum(1 for ch in value if ch in ",.")
    return max(4.0, round(wide * 1.05 + narrow * 0.32 + (len(value) - wide - narrow) * 0.62, 1))
