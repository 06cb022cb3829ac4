"""Who has reported (报送情况 / 催报) for a period, on the Upload page: every expected unit with its state, the
time and who, overdue after the deadline, and the chase list to download. Group finance and admins
(``Action.REVIEW``) see it; an admin (``Action.SET_TARGETS``) also stops or resumes a unit's reporting.

Everything is computed by ``dashboard.coverage``; this module only draws it (states as words, never colour
alone) and passes the admin's form to the workflow."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.auth.roles import Action, Actor
from dashboard.coverage import (
    Coverage,
    CoverageError,
    contacts,
    coverage,
    deadline,
    local_today,
    resume_reporting,
    stop_reporting,
)
from dashboard.domain import Period
from dashboard.i18n import local_time
from dashboard.reports.chase import chase_xlsx
from dashboard.reports.writers import MEDIA_TYPES
from dashboard.storage import queries
from dashboard.storage.engine import DatabaseBusy
from dashboard.ui import data
from dashboard.ui.grids import wrapped_table
from dashboard.ui.session import allowed, bound_text, engine, flash, lang, require, text
from dashboard.ui.widgets import plain

PERIOD_KEY = "coverage.period"


def section() -> None:
    """The coverage panel of the Upload page (finance and admins)."""
    if not allowed(Action.REVIEW):
        return
    st.header(text("coverage.header"))
    periods = choosable(list(data.periods().stored))
    if not periods:
        st.info(text("coverage.no_periods"))
        return
    period = _period_picker(periods)
    with engine().connect() as conn:
        result = coverage(conn, period, local_today())
        who = contacts(conn)
        units = queries.stored_units(conn)
    summary(result)
    if result.units:
        wrapped_table(coverage_table(result, lang()), "coverage")
        _chase_download(result, who)
    names = {c: u.name_en if lang() == "en" and u.name_en else u.name_zh for c, u in units.items()}
    stopped = [u for u in units.values() if u.stopped_from]
    if stopped:
        items = [text("coverage.stopped_item", unit=f"{u.code} {names[u.code]}", period=u.stopped_from,
                      reason=u.stop_reason) for u in stopped]  # fmt: skip
        st.caption(plain(text("coverage.stopped_list", units="；".join(items))))
    if allowed(Action.SET_TARGETS):
        range_form({c: n for c, n in names.items() if units[c].kind != "elimination"}, period)


def choosable(stored: list[Period]) -> list[Period]:
    """The periods to pick from, newest first: every stored one and the quarter after the newest (the quarter
    being closed, before anyone has uploaded it).

    >>> [str(p) for p in choosable([Period(2023, 1), Period(2023, 4)])]
    ['2024Q1', '2023Q4', '2023Q1']
    """
    if not stored:
        return []
    newest = max(stored)
    after = Period(newest.year + 1, 1) if newest.quarter == 4 else Period(newest.year, newest.quarter + 1)
    return sorted({*stored, after}, reverse=True)


def _period_picker(periods: list[Period]) -> Period:
    """The period shown; the newest stored one until the reader picks another."""
    default = periods[1] if len(periods) > 1 else periods[0]
    if st.session_state.get(PERIOD_KEY) not in periods:
        st.session_state[PERIOD_KEY] = default
    chosen = st.selectbox(text("coverage.period"), periods, key=PERIOD_KEY, format_func=str)
    return chosen if isinstance(chosen, Period) else default


def summary(result: Coverage) -> None:
    """已报 13/15 户 · 待审核 1 · 未报 1（逾期 1）, and the deadline."""
    if not result.units:
        st.info(text("coverage.none_expected", period=str(result.period)))
        return
    counts = {
        "period": str(result.period),
        "reported": len(result.reported),
        "expected": len(result.expected),
        "pending": len(result.pending),
        "missing": len(result.missing),
        "overdue": len(result.missing_overdue),
    }
    st.markdown(f"**{text('coverage.summary', **counts)}**")
    days = (result.deadline - deadline(result.period, 0)).days
    st.caption(text("coverage.deadline", deadline=result.deadline.isoformat(), days=days))


def coverage_table(result: Coverage, language: str) -> pd.DataFrame:
    """One row per expected unit: code, name, state as a word, time, who, days late (when overdue), the return
    reason or note."""
    say = bound_text()
    rows = []
    late = (result.today - result.deadline).days
    for u in result.units:
        note = say("coverage.pending_note", id=u.pending_id) if u.pending_id else u.reason
        rows.append(
            {
                say("coverage.col.code"): u.code,
                say("coverage.col.unit"): u.name(language),
                say("coverage.col.state"): say(f"coverage.state.{u.state}"),
                say("coverage.col.at"): local_time(u.at) if u.at else "–",
                say("coverage.col.by"): u.by or "–",
                say("coverage.col.late_days"): str(late) if u.overdue else "",
                say("coverage.col.reason"): note,
            }
        )
    return pd.DataFrame(rows)


def _chase_download(result: Coverage, who: dict[str, list[str]]) -> None:
    if not result.missing:
        st.caption(text("coverage.chase_empty"))
        return
    language = lang()
    st.download_button(
        text("coverage.chase_download"),
        data=lambda: chase_xlsx(result, who, language),
        file_name=f"{text('coverage.chase.sheet')}_{result.period}.xlsx",
        mime=MEDIA_TYPES["xlsx"],
        on_click="ignore",
        key="coverage.chase",
        icon=":material/download:",
    )


def range_form(names: dict[str, str], period: Period) -> None:
    """The admin's form: a unit stops reporting from a period (with a reason), or reports again."""
    with st.expander(text("coverage.range_header")), st.form("coverage.range"):
        st.caption(text("coverage.range_help"))
        left, middle = st.columns(2)
        code = left.selectbox(
            text("coverage.range_unit"), list(names), key="coverage.range_unit",
            format_func=lambda c: f"{c} {names.get(c, '')}",
        )  # fmt: skip
        start = middle.text_input(text("coverage.range_from"), str(period), key=f"coverage.range_from.{period}")
        reason = st.text_input(text("coverage.range_reason"), key="coverage.range_reason")
        stop = st.form_submit_button(text("coverage.stop"), icon=":material/block:")
        resume = st.form_submit_button(text("coverage.resume"), icon=":material/replay:")
    if not (stop or resume) or code is None:
        return
    actor = Actor.of(require(Action.SET_TARGETS))
    try:
        if stop:
            unit = stop_reporting(engine(), str(code), start, reason, actor)
            message = text("coverage.stopped", unit=unit.code, period=unit.stopped_from)
        else:
            unit = resume_reporting(engine(), str(code), actor)
            message = text("coverage.resumed", unit=unit.code)
    except CoverageError as exc:
        st.error(text(exc.code, **exc.params))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    flash("success", message)
