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
