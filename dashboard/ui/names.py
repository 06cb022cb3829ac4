"""Units' names in the chosen language (the English name when a workbook gave one, else the Chinese)."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.analytics.engine import UnitInfo


def unit_names(units: Mapping[str, UnitInfo], lang: str) -> dict[str, str]:
    """code → name to show.

    >>> info = {"1101": UnitInfo("1101", "装备公司", "Equipment Co.", "", "member")}
    >>> info["9"] = UnitInfo("9", "学院", "", "", "college")
    >>> unit_names(info, "en"), unit_names(info, "zh")["1101"]
    ({'1101': 'Equipment Co.', '9': '学院'}, '装备公司')
    """
    return {code: (u.name_en or u.name_zh) if lang == "en" else u.name_zh for code, u in units.items()}


def children(units: Mapping[str, UnitInfo], code: str) -> list[str]:
    """The code and every unit under it, at any depth, in code order.

    >>> info = {c: UnitInfo(c, c, "", p, "member") for c, p in (("1", ""), ("2", "1"), ("3", "2"), ("4", ""))}
    >>> children(info, "1"), children(info, "4")
    (['1', '2', '3'], ['4'])
    """
    found, frontier = {code}, [code]
    while frontier:
        parent = frontier.pop()
        for child in (c for c, u in units.items() if u.parent_code == parent and c not in found):
            found.add(child)
            frontier.append(child)
    return sorted(found)
