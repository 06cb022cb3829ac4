"""Drill-down: a click on a unit in the breakdown's table, heat map or waterfall opens that unit's page.

A selection callback runs before the script: it points the Units page's picker at the unit (only then may a
widget's state be set, when the click comes from that page) and asks the run to switch pages (``OPEN_KEY``); the
run does (``follow_click``), as a callback cannot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from dashboard.analytics.model import ReadModel, descendants

UNITS_PAGE = "app_pages/units.py"
OPEN_KEY = "breakdown.open"  # a unit asked for by a click


def request_unit(code: str, units: Mapping[str, Any]) -> None:
    """Point the Units page at ``code`` (with the units under it, if it has any) and ask the run to go there.
    Called from a selection callback, which runs before the script: only then may the Units page's own picker
    state be set, when the click comes from that page."""
    if code not in units:
        return
    st.session_state["units.code"] = code
    st.session_state["units.with_children"] = len(descendants(dict(units), code)) > 1
    st.session_state[OPEN_KEY] = code


def follow_click(model: ReadModel) -> None:
    """Open the unit a click asked for (``OPEN_KEY``), if any: the callback has pointed the Units page at it;
    where the request came another way (the Overview, which has no unit picker) it is pointed here."""
    code = st.session_state.pop(OPEN_KEY, None)
    if not isinstance(code, str) or code not in model.units:
        return
    if st.session_state.get("units.code") != code:
        st.session_state["units.code"] = code
        st.session_state["units.with_children"] = len(descendants(model.units, code)) > 1
    st.switch_page(UNITS_PAGE)


def selected_row_code(state: Any, codes: Sequence[str]) -> str | None:
    """The unit of the row a table selection picked, if any.

    >>> selected_row_code({"selection": {"rows": [1], "columns": []}}, ["1101", "1102"])
    '1102'
    >>> selected_row_code({"selection": {"rows": []}}, ["1101"]) is None
    True
    """
    rows = list(_selection(state).get("rows", []))
    return codes[rows[0]] if rows and 0 <= rows[0] < len(codes) else None


def selected_point_code(state: Any) -> str | None:
    """The unit of the bar or cell a chart selection picked (its ``customdata``), if it is a unit's.

    >>> selected_point_code({"selection": {"points": [{"customdata": "1109", "x": 1}]}})
    '1109'
    >>> selected_point_code({"selection": {"points": [{"customdata": ""}]}}) is None
    True
    """
    for point in _selection(state).get("points", []):
        data = point.get("customdata")
        code = data[0] if isinstance(data, list | tuple) and data else data
        if isinstance(code, str) and code:
            return code
    return None


def _selection(state: Any) -> Mapping[str, Any]:
    try:
        selection = state["selection"]
    except (KeyError, TypeError, AttributeError):
        return {}
    return selection if isinstance(selection, Mapping) else {}


def on_pick(key: str, pick: Callable[[Any], str | None], units: Mapping[str, Any]) -> None:
    """A selection callback: the unit the widget ``key``'s selection picked (``pick`` reads it), if any, opens."""
    code = pick(st.session_state.get(key))
    if code is not None:
        request_unit(code, units)
