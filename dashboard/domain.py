"""The small vocabulary every layer shares: periods, metrics, amount units, problems.

Everything here is a frozen dataclass or a constant; nothing does I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple

# --------------------------------------------------------------------------- periods


class _PeriodFields(NamedTuple):
    year: int
    quarter: int


class Period(_PeriodFields):
    """A reporting period: a year and a quarter (1–4); figures are year to date at its end.

    A NamedTuple, so that it hashes and compares at C speed as a key of the many per-figure dicts.

    >>> Period(2023, 2)
    Period(year=2023, quarter=2)
    >>> str(Period(2023, 2)), Period(2023, 1).previous(), Period(2023, 3).months
    ('2023Q2', None, 9)
    >>> Period(2023, 5)
    Traceback (most recent call last):
    ValueError: quarter must be 1-4, got 5
    """

    __slots__ = ()

    def __new__(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter must be 1-4, got {quarter}")
        if not 1900 <= year <= 2999:
            raise ValueError(f"year out of range: {year}")
        return super().__new__(cls, year, quarter)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"

    def previous(self) -> Period | None:
        """The earlier quarter of the same year, or None for Q1."""
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else None

    def prior_year(self) -> Period:
        """The same quarter of the year before (上年同期)."""
        return Period(self.year - 1, self.quarter)

    @property
    def months(self) -> int:
        """Months covered year to date (3, 6, 9 or 12)."""
        return self.quarter * 3

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse the canonical form ``2023Q2`` (also ``2023-Q2``, ``2023q2``); ValueError otherwise.

        >>> Period.parse("2023-q4")
        Period(year=2023, quarter=4)
        """
        m = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*", text)
        if not m:
            raise ValueError(f"not a period: {text!r} (expected e.g. 2023Q2)")
        return cls(int(m.group(1)), int(m.group(2)))


# --------------------------------------------------------------------------- metrics


class FigureKind(StrEnum):
    """Which figure of a metric a column holds."""

    YTD = "ytd"  # 本年累计
    PRIOR_YTD = "prior_ytd"  # 上年同期
    QUARTER = "quarter"  # 本季


@dataclass(frozen=True, slots=True)
class MetricDef:
    """A metric the workbook carries, with the header aliases of each of its figure columns."""

    code: str
    name_zh: str
    name_en: str
    aliases: dict[FigureKind, tuple[str, ...]] = field(default_factory=dict)
    required: bool = True
    warn_negative: bool = False  # revenue below zero is unusual (but normal on eliminations rows)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


REVENUE = MetricDef(
    code="revenue",
    name_zh="营业收入",
    name_en="Operating revenue",
    aliases={
        FigureKind.YTD: ("营业收入（本年累计）", "营业收入（累计）", "revenue ytd"),
        FigureKind.PRIOR_YTD: ("营业收入（上年同期）", "revenue prior ytd"),
        FigureKind.QUARTER: ("营业收入（本季）", "revenue quarter"),
    },
    warn_negative=True,
)
PROFIT = MetricDef(
    code="profit",
    name_zh="利润总额",
    name_en="Total profit",
    aliases={
        FigureKind.YTD: ("利润总额（本年累计）", "利润总额（累计）", "profit ytd"),
        FigureKind.PRIOR_YTD: ("利润总额（上年同期）", "profit prior ytd"),
        FigureKind.QUARTER: ("利润总额（本季）", "profit quarter"),
    },
)
DEFAULT_METRICS: tuple[MetricDef, ...] = (REVENUE, PROFIT)


# --------------------------------------------------------------------------- amount units

# Amount arithmetic (unit conversion, sums) runs in this context: wide enough for any written figure,
# and it raises instead of rounding, so no digit is ever lost silently.
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, Overflow])


@dataclass(frozen=True, slots=True)
class AmountUnit:
    """A unit amounts are written in, and its factor to yuan."""

    code: str
    factor: int
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]

    def to_yuan(self, amount: Decimal) -> Decimal:
        """Convert exactly (a shift of the decimal point; factors are powers of ten).

        >>> AMOUNT_UNITS["10k"].to_yuan(Decimal("1234.5678"))
        Decimal('12345678')
        """
        return canonical(amount.scaleb(self.power, EXACT))

    @property
    def power(self) -> int:
        return len(str(self.factor)) - 1


def canonical(amount: Decimal) -> Decimal:
    """The same value without exponent or trailing zeros, so equal amounts print and store alike.

    >>> canonical(Decimal("1.2E+3")), canonical(Decimal("12.50")), canonical(Decimal("-0"))
    (Decimal('1200'), Decimal('12.5'), Decimal('0'))
    """
    return Decimal(fixed_text(amount))


def fixed_text(amount: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: ``Decimal('1.20E+3')`` → ``'1200'``."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


AMOUNT_UNITS: dict[str, AmountUnit] = {
    u.code: u
    for u in (
        AmountUnit("yuan", 1, "元", "yuan", ("元", "yuan", "人民币元", "rmb", "rmb yuan")),
        AmountUnit("thousand", 1_000, "千元", "thousand yuan", ("千元", "thousand", "thousand yuan", "k yuan")),
        AmountUnit(
            "10k",
            10_000,
            "万元",
            "10k yuan",
            ("万元", "10k yuan", "10k", "ten thousand yuan", "10 thousand yuan"),
        ),
        AmountUnit("million", 1_000_000, "百万元", "million yuan", ("百万元", "million", "million yuan", "m yuan")),
        AmountUnit(
            "100m",
            100_000_000,
            "亿元",
            "100m yuan",
            ("亿元", "100m yuan", "100m", "100 million yuan", "hundred million yuan"),
        ),
    )
}


@lru_cache(maxsize=16384)
def normalise_text(text: str) -> str:
    """Fold case, full-width forms and spaces, so that headers and keys compare as people mean them.

    >>> normalise_text(" 营业收入（本年累计，万元） ")
    '营业收入(本年累计,万元)'
    >>> normalise_text("Revenue YTD (10k Yuan)")
    'revenueytd(10kyuan)'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.translate(_BRACKETS)
    return re.sub(r"[\s_\-]+", "", folded)


_BRACKETS = str.maketrans({"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")", "、": ","})


def amount_unit_from_text(text: str) -> AmountUnit | None:
    """The one amount unit a text names, or None (unknown, or several: see ``amount_unit_problem``).

    A leading ``单位：`` / ``金额单位：`` and the currency (人民币, RMB, CNY) are allowed around the unit.

    >>> amount_unit_from_text("万元").code, amount_unit_from_text("10k yuan").code
    ('10k', '10k')
    >>> [amount_unit_from_text(t).code for t in ("人民币万元", "RMB 10k", "单位：千元")]
    ['10k', '10k', 'thousand']
    >>> amount_unit_from_text("万美元") is None, amount_unit_from_text("万元/元") is None
    (True, True)
    """
    named = _units_named(text)
    return named[0] if len(named) == 1 else None


def amount_unit_problem(text: str) -> str:
    """Why ``amount_unit_from_text`` found no unit: 'ambiguous_amount_unit' when the text names several.

    >>> amount_unit_problem("万元/元"), amount_unit_problem("万美元")
    ('ambiguous_amount_unit', 'unknown_amount_unit')
    """
    return "ambiguous_amount_unit" if len(_units_named(text)) > 1 else "unknown_amount_unit"


_UNIT_LABEL = re.compile(r"^(?:金额单位|计量单位|单位|amountunit|unit|币种)[:：]")
_CURRENCY = re.compile(r"^(?:人民币|rmb|cny)|(?:人民币|rmb|cny)$")


@lru_cache(maxsize=1024)
def _units_named(text: str) -> tuple[AmountUnit, ...]:
    """Every distinct unit the text names; parts split by / , ; 或 、 are read separately."""
    key = _UNIT_LABEL.sub("", normalise_text(text).replace("(", "").replace(")", ""))
    found: list[AmountUnit] = []
    for part in re.split(r"[/,;|或]", key):
        unit = _unit_of_key(part.strip("()"))
        if unit is None and part:
            return ()
        if unit is not None and unit not in found:
            found.append(unit)
    return tuple(found)


def _unit_of_key(key: str) -> AmountUnit | None:
    for candidate in dict.fromkeys((key, _CURRENCY.sub("", key))):
        for unit in AMOUNT_UNITS.values():
            if candidate and candidate in _UNIT_KEYS[unit.code]:
                return unit
    return None


_UNIT_KEYS: dict[str, frozenset[str]] = {
    u.code: frozenset(normalise_text(a) for a in u.aliases) for u in AMOUNT_UNITS.values()
}


# --------------------------------------------------------------------------- problems


class Severity(StrEnum):
    ERROR = "error"  # nothing is stored while any error remains
    WARNING = "warning"  # shown before commit; does not block it


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, where it is, and a reason code that i18n turns into words.

    ``params`` fill the message templates of ``dashboard.i18n.messages``.
    """

    severity: Severity
    code: str
    sheet: str = ""
    cell: str = ""
    value: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(code: str, sheet: str = "", cell: str = "", value: object = "", **params: Any) -> Problem:
    """Shorthand for an error problem."""
    return Problem(Severity.ERROR, code, sheet, cell, _shown(value), params)


def warning(code: str, sheet: str = "", cell: str = "", value: object = "", **params: Any) -> Problem:
    """Shorthand for a warning problem."""
    return Problem(Severity.WARNING, code, sheet, cell, _shown(value), params)


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


# --------------------------------------------------------------------------- units

UNIT_KINDS = ("member", "tertiary", "institute", "college", "elimination", "headquarters")


def infer_unit_kind(name: str, has_parent: bool) -> str:
    """Guess a unit's kind from its name (an admin can correct it).

    >>> infer_unit_kind("内部抵消", False), infer_unit_kind("机电研究院", False)
    ('elimination', 'institute')
    >>> infer_unit_kind("精密铸造有限公司", True)
    'tertiary'
    """
    folded = normalise_text(name)
    if any(w in folded for w in ("抵消", "抵销", "elimination")):
        return "elimination"
    if any(w in folded for w in ("研究院", "研究所", "institute")):
        return "institute"
    if any(w in folded for w in ("学院", "学校", "college", "school")):
        return "college"
    if any(w in folded for w in ("本部", "headquarters")):
        return "headquarters"
    return "tertiary" if has_parent else "member"


# --------------------------------------------------------------------------- variance comments


@dataclass(frozen=True, slots=True)
class VarianceComment:
    """差异说明: finance's word on one unit's metric for one period — why it stands where it does (``comment``) and
    what it will do (``measures``, 措施). Versioned: each save is a new version with who and when."""

    unit_code: str
    metric: str
    period: Period
    version: int
    comment: str
    measures: str
    written_by: str
    written_at: datetime
