"""Numbers as people read them: 亿元 at group level, 万元 at unit level (RMB bn / RMB m in English),
rounded half-up (四舍五入) with thousands separators; rates in %, changes of rates in 个百分点 / pp."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

# Formatting never raises, whatever is stored (values from before the reader's bound, 1E+30 or 1E+308 included):
# rounding runs in a wide context, and a figure too long to read as digits is shown in scientific form.
_WIDE = Context(prec=1000, rounding=ROUND_HALF_UP, Emax=999_999, Emin=-999_999)
_LONGEST = Decimal("1E+18")  # a displayed number of this size or more is written as 1.23E+18
NOT_SHOWN = "–"  # what a missing (or non-finite) figure shows

# A scale is "yi" (亿元 / RMB bn) or "wan" (万元 / RMB m); a level ("group", "unit") means its default scale.
SCALES = {"yi": (Decimal(100_000_000), Decimal(1_000_000_000)), "wan": (Decimal(10_000), Decimal(1_000_000))}
UNIT_WORDS = {"yi": ("亿元", "RMB bn"), "wan": ("万元", "RMB m")}
LEVEL_SCALES = {"group": "yi", "unit": "wan"}


def scale_of(level: str) -> str:
    """The scale for a level or scale name.

    >>> scale_of("group"), scale_of("unit"), scale_of("wan")
    ('yi', 'wan', 'wan')
    """
    return LEVEL_SCALES.get(level, level)


def unit_word(level: str, lang: str) -> str:
    """The amount unit's word, for axis titles and table headers.

    >>> unit_word("group", "zh"), unit_word("wan", "en")
    ('亿元', 'RMB m')
    """
    return UNIT_WORDS[scale_of(level)][0 if lang == "zh" else 1]


def report_decimals(level: str, lang: str) -> int:
    """Decimals that give an amount the same precision in both languages: two in 亿元 and 万元; in English RMB bn
    is ten 亿, so three (group profit 9.90 亿元 is RMB 0.990 bn, not 0.99); RMB m keeps two.

    >>> report_decimals("group", "zh"), report_decimals("group", "en"), report_decimals("unit", "en")
    (2, 3, 2)
    """
    return 3 if lang == "en" and scale_of(level) == "yi" else 2


def view_decimals(values: Iterable[Decimal | None], level: str, lang: str, most: int = 4) -> int:
    """The decimals one view (a page's headline, charts and tables alike) writes its amounts with: the display
    rule's (``report_decimals``), widened until every one of ``values`` shows at least three significant
    digits, at most ``most``. Callers pass the view's level amounts (year to date, targets, projections);
    differences (gaps, changes) are written with the same decimals.

    >>> view_decimals([Decimal("990000000")], "group", "zh"), view_decimals([Decimal("990000000")], "group", "en")
    (2, 3)
    >>> view_decimals([Decimal("38700000000"), Decimal("22913790"), None], "group", "zh")  # 0.229 亿元
    3
    >>> view_decimals([Decimal("5000"), Decimal(0)], "unit", "zh")  # 0.50 万元 would need 3; 0.001 亿 capped at 4
    3
    """
    decimals = report_decimals(level, lang)
    divisor = SCALES[scale_of(level)][0 if lang == "zh" else 1]
    for value in values:
        if value is None or not value.is_finite() or value == 0:
            continue
        digits_before_point = _WIDE.divide(abs(value), divisor).adjusted() + 1  # 0.229 → 0; 38.7 → 2
        decimals = max(decimals, min(most, 3 - digits_before_point))
    return decimals


def scaled(value: Decimal, level: str, lang: str) -> float:
    """An amount divided into its display scale, as a float for a chart axis (labels use ``amount``).

    >>> scaled(Decimal("3870000000"), "group", "zh"), scaled(Decimal("3870000000"), "group", "en")
    (38.7, 3.87)
    """
    return float(_WIDE.divide(value, SCALES[scale_of(level)][0 if lang == "zh" else 1]))


def amount(value: Decimal | None, lang: str, level: str = "group", decimals: int = 2, with_unit: bool = True) -> str:
    """An amount in the display unit of its level ("group", "unit") or scale ("yi", "wan").

    >>> amount(Decimal("3870000000"), "zh"), amount(Decimal("3870000000"), "en")
    ('38.70 亿元', 'RMB 3.87 bn')
    >>> amount(Decimal("-12345"), "zh", "unit"), amount(Decimal("125"), "zh", "unit", 0, with_unit=False)
    ('-1.23 万元', '0')
    >>> amount(None, "en"), amount(Decimal("1E+30"), "zh"), amount(Decimal("NaN"), "zh")
    ('–', '1.00E+22 亿元', '–')
    """
    if value is None or not value.is_finite():
        return NOT_SHOWN
    divisor = SCALES[scale_of(level)][0 if lang == "zh" else 1]
    text = decimal_text(_WIDE.divide(value, divisor), decimals, grouped=True)
    if not with_unit:
        return text
    word = unit_word(level, lang)
    return f"{text} {word}" if lang == "zh" else f"{word.split()[0]} {text} {word.split()[1]}"


def rate(value: float | None) -> str:
    """A rate as a percentage with one decimal, half-up.

    >>> rate(0.5), rate(1.00702), rate(0.00049999), rate(None), rate(float("inf")), rate(1e300)
    ('50.0%', '100.7%', '0.0%', '–', '–', '1.0E+302%')
    """
    if value is None or not math.isfinite(value):
        return NOT_SHOWN
    return f"{decimal_text(Decimal(repr(value)) * 100, 1)}%"


def points(value: float | None, lang: str) -> str:
    """A change of rates in percentage points, signed.

    >>> points(0.007, "zh"), points(-0.0215, "en"), points(float("nan"), "en")
    ('+0.7 个百分点', '-2.2 pp', '–')
    """
    if value is None or not math.isfinite(value):
        return NOT_SHOWN
    shown = decimal_text(Decimal(repr(value)) * 100, 1)
    sign = "+" if value > 0 and shown.strip("0.") else ""
    return f"{sign}{shown} 个百分点" if lang == "zh" else f"{sign}{shown} pp"


def decimal_text(value: Decimal, decimals: int, grouped: bool = False) -> str:
    """A finite number rounded half-up to ``decimals`` places (thousands separators when ``grouped``); one of
    10¹⁸ or more in scientific form instead, as nobody reads that many digits. Never raises.

    >>> decimal_text(Decimal("1234.565"), 2, grouped=True), decimal_text(Decimal("-1E+30"), 2)
    ('1,234.57', '-1.00E+30')
    >>> decimal_text(Decimal("1E-30"), 2), decimal_text(Decimal("999999999999999.999999"), 2, grouped=True)
    ('0.00', '1,000,000,000,000,000.00')
    """
    if abs(value) >= _LONGEST:
        return f"{value:.{decimals}E}"
    shown = _WIDE.quantize(value, Decimal(1).scaleb(-decimals))
    return f"{shown:,.{decimals}f}" if grouped else f"{shown:.{decimals}f}"


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
