"""Numbers as people read them: 亿元 at group level, 万元 at unit level (RMB bn / RMB m in English),
rounded half-up (四舍五入) with thousands separators; rates in %, changes of rates in 个百分点 / pp."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

SCALES = {"group": (Decimal(100_000_000), Decimal(1_000_000_000)), "unit": (Decimal(10_000), Decimal(1_000_000))}
UNIT_WORDS = {"group": ("亿元", "RMB bn"), "unit": ("万元", "RMB m")}


def amount(value: Decimal | None, lang: str, level: str = "group", decimals: int = 2, with_unit: bool = True) -> str:
    """An amount in the display unit of its level.

    >>> amount(Decimal("3870000000"), "zh"), amount(Decimal("3870000000"), "en")
    ('38.70 亿元', 'RMB 3.87 bn')
    >>> amount(Decimal("-12345"), "zh", "unit"), amount(Decimal("125"), "zh", "unit", 0, with_unit=False)
    ('-1.23 万元', '0')
    >>> amount(None, "en")
    '–'
    """
    if value is None:
        return "–"
    divisor = SCALES[level][0 if lang == "zh" else 1]
    shown = (value / divisor).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{shown:,.{decimals}f}"
    if not with_unit:
        return text
    word = UNIT_WORDS[level][0 if lang == "zh" else 1]
    return f"{text} {word}" if lang == "zh" else f"{word.split()[0]} {text} {word.split()[1]}"


def rate(value: float | None) -> str:
    """A rate as a percentage with one decimal, half-up.

    >>> rate(0.5), rate(1.00702), rate(0.00049999), rate(None)
    ('50.0%', '100.7%', '0.0%', '–')
    """
    if value is None:
        return "–"
    shown = (Decimal(repr(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown}%"


def points(value: float | None, lang: str) -> str:
    """A change of rates in percentage points, signed.

    >>> points(0.007, "zh"), points(-0.0215, "en")
    ('+0.7 个百分点', '-2.2 pp')
    """
    if value is None:
        return "–"
    shown = (Decimal(repr(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    sign = "+" if shown > 0 else ""
    return f"{sign}{shown} 个百分点" if lang == "zh" else f"{sign}{shown} pp"


def pad(text: str, width: int, right: bool = False) -> str:
    """Pad to a display width, counting CJK characters as two columns (terminals draw them so).

    >>> pad("集团本部", 10) + "|", pad("ab", 4, right=True) + "|"
    ('集团本部  |', '  ab|')
    """
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    fill = " " * max(width - shown, 0)
    return fill + text if right else text + fill


# Status colours; the meaning is a setting (STATUS_COLOURS): in Chinese markets red often means "up".
_GREEN, _AMBER, _RED = "#2e7d32", "#f9a825", "#c62828"
COLOUR_SCHEMES = {
    "green-good": {"green": _GREEN, "amber": _AMBER, "red": _RED},
    "red-good": {"green": _RED, "amber": _AMBER, "red": _GREEN},
}


def status_colour(status: str | None, scheme: str = "green-good") -> str:
    """The colour of a status under the configured meaning; grey without a status. Always shown with its word.

    >>> status_colour("green"), status_colour("green", "red-good"), status_colour(None)
    ('#2e7d32', '#c62828', '#9e9e9e')
    """
    if status is None:
        return "#9e9e9e"
    return COLOUR_SCHEMES.get(scheme, COLOUR_SCHEMES["green-good"])[status]
