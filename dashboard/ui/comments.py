"""Variance comments (差异说明) on the pages: the panel of the Units page (the current comment and measures with who
and when; for finance and admins the form that writes this period's, with last period's above it; every version
in an expander) and the short comment column of the units tables on the Overview and Units pages.

What a person wrote is shown as text only: Markdown escaped (``widgets.plain``), line breaks kept. Saving goes
through ``dashboard.comments.save_comment``, which checks the role again.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.auth.roles import Action, Actor
from dashboard.comments import MAX_CHARS, CommentError, CommentUnchanged, comment_history, previous_comment
from dashboard.comments import current_comments as stored_comments
from dashboard.comments import save_comment as save
from dashboard.domain import Period, VarianceComment
from dashboard.i18n import local_time
from dashboard.storage.engine import DatabaseBusy
from dashboard.ui.session import allowed, data_version, engine, flash, require, text
from dashboard.ui.widgets import plain

SHORT = 16  # characters of a comment the units table shows; the Units page shows all of it


def period_comments(period: Period) -> dict[tuple[str, str], VarianceComment]:
    """The current comments of a period, keyed (unit code, metric); read once per data version (a saved comment
    is audited, which changes the version). Shared between sessions: read-only."""
    return _period_comments(config.get("DATABASE_URL"), data_version(), period.year, period.quarter)


@st.cache_resource(show_spinner=False, max_entries=8)
def _period_comments(
    url: str, version: tuple[int, int, int], year: int, quarter: int
) -> dict[tuple[str, str], VarianceComment]:
    with engine().connect() as conn:
        return stored_comments(conn, Period(year, quarter))


def short(comment: VarianceComment, width: int = SHORT) -> str:
    """A marker and the start of the comment (else of the measures) for a table cell.

    >>> from datetime import datetime
    >>> at = datetime(2023, 7, 1)
    >>> short(VarianceComment("1101", "revenue", Period(2023, 2), 1, "\\n订单推迟到三季度交付", "", "li", at), 8)
    '💬 订单推迟到三季度…'
    """
    body = " ".join((comment.comment or comment.measures).split())
    return "💬 " + (body if len(body) <= width else body[:width] + "…")


def mark_units(table: pd.DataFrame, period: Period, metric: str) -> pd.DataFrame:
    """The units table with a column, after the status, holding the start of the comment of each unit that has
    one for the period (a new frame: the one given may be shared by other sessions)."""
    comments = period_comments(period)
    if table.empty:
        return table
    header = text("web.col.code")
    codes = table[header] if header in table.columns else table.iloc[:, 0]
    found = {code: short(c) for (code, m), c in comments.items() if m == metric}
    marked = table.copy()
    status = text("web.col.status")
    where = list(table.columns).index(status) + 1 if status in table.columns else len(table.columns)
    marked.insert(where, text("web.col.comment"), [found.get(str(code), "") for code in codes])
    return marked


def column_config() -> dict[str, Any]:
    """The comment column's width and its hint (the full text is on the Units page), for ``st.dataframe``."""
    header = text("web.col.comment")
    return {header: st.column_config.TextColumn(header, width="medium", help=text("web.comment.column_help"))}


def comment_panel(unit_code: str, metric: str, metric_name: str, period: Period) -> None:
    """The unit's comment on the metric for the period; the form for those who may write; every version."""
    st.subheader(f"{text('web.comment.head')} · {plain(metric_name)} · {period}")
    with engine().connect() as conn:
        history = comment_history(conn, unit_code, metric, period)
        previous = previous_comment(conn, unit_code, metric, period)
    current = history[-1] if history else None
    if current is None:
        st.caption(text("web.comment.none", period=str(period)))
    else:
        with st.container(border=True):
            _show(current)
    if allowed(Action.COMMENT):
        _form(unit_code, metric, period, current, previous)
    if history:
        with st.expander(text("web.comment.history", count=len(history))):
            st.dataframe(_versions(history), hide_index=True, width="stretch")


def unreported_panel(unit_code: str, metric_names: dict[str, str], period: Period) -> None:
    """For a unit without figures for the period, where the figures' metric picker is not shown: the panel on a
    metric picked here (a comment may say why the unit has not reported)."""
    key = f"comments.metric.{unit_code}"
    codes = list(metric_names)
    if st.session_state.get(key) not in codes:
        st.session_state[key] = codes[0]
    label = text("web.metric")
    picked = st.segmented_control(label, codes, key=key, format_func=metric_names.__getitem__)
    metric = str(picked or codes[0])
    comment_panel(unit_code, metric, metric_names[metric], period)


def _show(comment: VarianceComment) -> None:
    """The comment and the measures as plain text, and who wrote this version when."""
    for field, label in (("comment", "web.comment.comment"), ("measures", "web.comment.measures")):
        value: str = getattr(comment, field)
        if value:
            st.markdown(f"**{text(label)}**  \n" + _lines(value))
    at = local_time(comment.written_at)
    st.caption(text("web.comment.by", version=comment.version, by=plain(comment.written_by), at=at))


def _lines(value: str) -> str:
    """Stored text for Markdown: every markup character escaped (also ``=``, which under a line would make it a
    heading), each line break a hard break.

    >>> _lines("标题\\n===\\n<b>x</b>")
    '标题  \\n\\\\=\\\\=\\\\=  \\n\\\\<b\\\\>x\\\\</b\\\\>'
    """
    return "  \n".join(plain(line).replace("=", "\\=") for line in value.split("\n"))


def _form(
    unit_code: str, metric: str, period: Period, current: VarianceComment | None, previous: VarianceComment | None
) -> None:
    """This period's comment and measures (starting from the current version), last period's shown above."""
    if previous is None:
        st.caption(text("web.comment.no_previous"))
    else:
        with st.expander(text("web.comment.previous", period=str(previous.period)), expanded=True):
            _show(previous)
    key = f"comments.{unit_code}.{metric}.{period}"
    with st.form(f"{key}.form"):
        st.markdown(f"**{text('web.comment.form', period=str(period))}**")
        comment = st.text_area(
            text("web.comment.comment"), current.comment if current else "", max_chars=MAX_CHARS, key=f"{key}.comment"
        )
        measures = st.text_area(
            text("web.comment.measures"),
            current.measures if current else "",
            max_chars=MAX_CHARS,
            key=f"{key}.measures",
        )
        submitted = st.form_submit_button(text("web.comment.save"), type="primary")
    if not submitted:
        return
    account = require(Action.COMMENT)
    try:
        saved = save(engine(), Actor.of(account), unit_code, metric, period, comment, measures)
    except CommentUnchanged as exc:
        st.info(text(exc.code, **exc.params))
        return
    except CommentError as exc:
        st.error(text(exc.code, **exc.params))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    flash("success", text("web.comment.saved", version=saved.version))


def _versions(history: list[VarianceComment]) -> pd.DataFrame:
    """Every version, newest first (a dataframe shows its cells as text)."""
    return pd.DataFrame(
        [
            {
                text("web.col.version"): c.version,
                text("web.col.comment"): c.comment,
                text("web.col.measures"): c.measures,
                text("web.col.written_by"): c.written_by,
                text("web.col.written_at"): local_time(c.written_at),
            }
            for c in reversed(history)
        ]
    )
