"""The breakdown's units table: every member unit, most behind first, all columns in view at 1280 px in both
languages (widths measured in the browser), a narrower table on a phone; a click on a row opens the unit."""

from __future__ import annotations

from functools import partial
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import streamlit as st

from dashboard.analytics.model import ReadModel
from dashboard.i18n import t
from dashboard.i18n.numbers import unit_word
from dashboard.ui import comments, drill
from dashboard.ui.data import memo
from dashboard.ui.names import unit_names
from dashboard.ui.session import lang, setting, text
from dashboard.ui.tables import units_table

ROW_HEIGHT = 35  # st.dataframe's default row height, px
MAX_ROWS = 40  # beyond this many units the table scrolls, with the count said above it


def units_grid(model: ReadModel, metric: str, level: str, scope: tuple[Any, ...]) -> None:
    """Every member unit, most behind first, all columns in view at 1280 px (on a phone, a narrower choice of
    columns: the ranked list above gives the lights' reasons); a click on a row opens the unit."""
    language = lang()
    table, codes = memo(("units", *scope), lambda: _marked_table(model, metric, level, language))
    if len(codes) > MAX_ROWS:
        st.caption(text("web.units.count", count=f"{len(codes):,}"))
    st.caption(text("web.units.caption", unit=unit_word(level, language)))
    wide = [h for h in table.column_names if h != text("web.col.code")]
    narrow = [text(f"web.units.col.{k}") for k in ("name", "completion", "yoy", "gap")]
    for shape, columns in (("wide", wide), ("phone", narrow)):
        key = f"breakdown.table.{model.scope}.{metric}" + ("" if shape == "wide" else ".phone")  # per scope
        with st.container(key=f"breakdown-table-{shape}"):
            st.dataframe(
                table,
                hide_index=True,
                width="stretch",
                height=table_height(len(codes)),
                column_order=columns,
                column_config=_columns(language, shape),
                key=key,
                on_select=partial(drill.on_pick, key, partial(drill.selected_row_code, codes=codes), model.units),
                selection_mode="single-row",
                placeholder="–",
            )


def _marked_table(model: ReadModel, metric: str, level: str, language: str) -> tuple[pa.Table, list[str]]:
    """The units table with its comment column, as Arrow (built once per data version: a saved comment changes
    it), and the unit code of each row."""
    names = unit_names(model.units, language)
    table = units_table(model, metric, names, language, level, setting("STATUS_COLOURS"))
    table = comments.mark_units(table, model.as_of, metric)  # 差异说明 column (issue 9)
    codes = [str(c) for c in table[t("web.col.code", language)]]
    return pa.Table.from_pandas(table, preserve_index=False), codes


def table_height(rows: int) -> int:
    """The table's height in px: every row in view up to ``MAX_ROWS``, then a fixed height that scrolls.

    >>> table_height(15), table_height(2000) == table_height(MAX_ROWS)
    (563, True)
    """
    return (min(rows, MAX_ROWS) + 1) * ROW_HEIGHT + 3


# Column widths (px) that fit the table in the content width at 1280 px with the sidebar open (about 880 px),
# checked in the browser in both languages; names and reasons are written to fit them (tables.table_name).
_WIDTHS = {
    "zh": {"name": 134, "status": 82, "comment": 76, "reason": 184, "amount": 86, "completion": 62, "yoy": 72},
    "en": {"name": 154, "status": 86, "comment": 78, "reason": 182, "amount": 66, "completion": 54, "yoy": 96},
}
# On a phone (390 px: about 356 px for the table) the narrow table shows name, completion, YoY and gap; the name
# column is pinned, so where they do not all fit the figures scroll beside it and no name is cut.
_PHONE = {
    "zh": {"name": 134, "amount": 76, "completion": 60},
    "en": {"name": 154, "amount": 62, "completion": 52, "yoy": 80},
}


def _columns(language: str, shape: str = "wide") -> dict[str, Any]:
    """Widths and types: completion a number with one decimal (blank where words stand for it), the rest text."""
    w = _WIDTHS[language] | (_PHONE[language] if shape == "phone" else {})
    config: dict[str, Any] = {
        text("web.units.col.name"): st.column_config.TextColumn(width=w["name"], pinned=True),
        text("web.col.status"): st.column_config.TextColumn(width=w["status"]),
        text("web.units.col.reason"): st.column_config.TextColumn(width=w["reason"]),
        text("web.units.col.completion"): st.column_config.NumberColumn(
            width=w["completion"], format="%.1f%%", alignment="right"
        ),
        text("web.units.col.yoy"): st.column_config.TextColumn(width=w["yoy"], alignment="right"),
    }
    for key in ("ytd", "gap"):
        config[text(f"web.units.col.{key}")] = st.column_config.TextColumn(width=w["amount"], alignment="right")
    comment = text("web.col.comment")
    config[comment] = st.column_config.TextColumn(comment, width=w["comment"], help=text("web.comment.column_help"))
    return config
