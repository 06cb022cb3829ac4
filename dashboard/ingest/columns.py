"""Recognise header cells: which column is the unit code, the name, which metric figure, in which unit.

Matching ignores case, spaces, full-width/half-width differences and the bracket style, and reads an
amount unit written as a suffix (``营业收入（本年累计，万元）``, ``Revenue YTD (10k yuan)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from dashboard.domain import AmountUnit, FigureKind, MetricDef, amount_unit_from_text, normalise_text


class Role(StrEnum):
    CODE = "code"
    NAME = "name"
    NAME_EN = "name_en"
    PARENT = "parent"
    YEAR = "year"
    QUARTER = "quarter"
    FIGURE = "figure"


ROLE_ALIASES: dict[Role, tuple[str, ...]] = {
    Role.CODE: ("单位编码", "单位代码", "编码", "unit code", "unit_code", "code"),
    Role.NAME: ("单位名称", "单位", "unit name", "unit_name", "name"),
    Role.NAME_EN: ("单位英文名称", "英文名称", "unit name (en)", "english name", "name_en"),
    Role.PARENT: ("上级单位编码", "上级编码", "parent code", "parent_code", "parent unit code"),
    Role.YEAR: ("年度", "年份", "year"),
    Role.QUARTER: ("季度", "quarter"),
}


@dataclass(frozen=True, slots=True)
class Column:
    """One recognised header cell."""

    index: int
    header: str
    role: Role
    metric: str = ""
    kind: FigureKind | None = None
    unit: AmountUnit | None = None  # from the header suffix
    unknown_unit: str = ""  # a unit-like suffix we do not know, e.g. 万美元


def _key(text: str) -> str:
    return normalise_text(text).replace("(", "").replace(")", "")


class HeaderMatcher:
    """Maps header texts to column roles for a given set of metrics."""

    def __init__(self, metrics: tuple[MetricDef, ...]) -> None:
        self.metrics = metrics
        self._roles = {_key(alias): role for role, aliases in ROLE_ALIASES.items() for alias in aliases}
        self._figures = {
            _key(alias): (m.code, kind) for m in metrics for kind, aliases in m.aliases.items() for alias in aliases
        }

    def match(self, index: int, header: str) -> Column | None:
        """The column a header names, or None when it is not one we read.

        >>> from dashboard.domain import DEFAULT_METRICS
        >>> c = HeaderMatcher(DEFAULT_METRICS).match(4, "营业收入（本年累计，万元）")
        >>> c.metric, c.kind.value, c.unit.code
        ('revenue', 'ytd', '10k')
        >>> HeaderMatcher(DEFAULT_METRICS).match(1, " Unit Code ").role.value
        'code'
        """
        norm = normalise_text(header)
        if not norm:
            return None
        role = self._roles.get(_key(norm))
        if role is not None:
            return Column(index, header, role)
        base, unit, unknown = split_unit_suffix(norm)
        figure = self._figures.get(_key(base))
        if figure is None:
            return None
        return Column(index, header, Role.FIGURE, figure[0], figure[1], unit, unknown)


_GROUP = re.compile(r"\(([^()]*)\)")
_UNIT_LIKE = re.compile(r"元$|yuan|usd|美元|dollar|rmb")


def split_unit_suffix(norm: str) -> tuple[str, AmountUnit | None, str]:
    """Remove an amount unit from the bracket groups of a normalised header.

    >>> base, unit, unknown = split_unit_suffix("revenueytd(10kyuan)")
    >>> base, unit.code, unknown
    ('revenueytd', '10k', '')
    >>> split_unit_suffix("营业收入(本年累计,万美元)")[::2]
    ('营业收入(本年累计)', '万美元')
    """
    found: list[AmountUnit] = []
    unknown: list[str] = []

    def strip_units(match: re.Match[str]) -> str:
        kept = []
        for part in re.split(r"[,;/]", match.group(1)):
            unit = amount_unit_from_text(part)
            if unit is not None:
                found.append(unit)
            elif part and _UNIT_LIKE.search(part):
                unknown.append(part)
            else:
                kept.append(part)
        kept = [p for p in kept if p]
        return f"({','.join(kept)})" if kept else ""

    base = _GROUP.sub(strip_units, norm)
    if len(set(found)) > 1:  # 营业收入（万元/元）: two units for one column is never guessed
        return base, None, "/".join(u.name_zh for u in dict.fromkeys(found))
    return base, (found[0] if found else None), (unknown[0] if unknown else "")


def accepted_headers(metric: MetricDef) -> str:
    """The headers a metric's figure columns accept, for messages: ``营业收入（本年累计） / revenue ytd …``."""
    return " / ".join(alias for aliases in metric.aliases.values() for alias in aliases)
