"""Who has reported (报送情况 / 催报) for a period, on the Upload page: every expected unit with its state, the
time and who, overdue after the deadline, and the chase list to download. Group finance and admins
(``Action.REVIEW``) see it; an admin (``Action.SET_TARGETS``) also changes a unit's reporting range: it stops
from a period, reports again, or is expected from a period (a new unit from its first).

Everything is computed by ``dashboard.coverage`` (``panel``); this module only draws it (states as words, never
colour alone) and passes the admin's form to ``dashboard.reporting_range``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.auth.roles import Action, Actor
from dashboard.coverage import Coverage, Panel, deadline, local_today, panel
from dashboard.domain import Period
from dashboard.i18n import local_time
from dashboard.reporting_range import CoverageError, resume_reporting, set_reporting_from, stop_reporting
from dashboard.reports.chase import chase_xlsx
from dashboard.reports.writers import MEDIA_TYPES
from dashboard.storage.engine import DatabaseBusy
from dashboard.storage.rows import UnitRow
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
        shown = panel(conn, period, local_today())
    result = shown.coverage
    summary(result)
    if result.units:
        wrapped_table(coverage_table(result, lang()), "coverage")
        _chase_download(result, shown.contacts)
    _ranges(shown)
    if allowed(Action.SET_TARGETS):
        range_form({c: shown.name(c, lang()) for c in shown.units}, period)


def _ranges(shown: Panel) -> None:
    """The units that stopped reporting (from when, why) and those expected only from a set period."""

    def unit(u: UnitRow) -> str:
        return f"{u.code} {shown.name(u.code, lang())}"

    if shown.stopped:
        items = [text("coverage.stopped_item", unit=unit(u), period=u.stopped_from, reason=u.stop_reason)
                 for u in shown.stopped]  # fmt: skip
        st.caption(plain(text("coverage.stopped_list", units="；".join(items))))
    if shown.starting:
        items = [text("coverage.starting_item", unit=unit(u), period=u.reporting_from) for u in shown.starting]
        st.caption(plain(text("coverage.starting_list", units="；".join(items))))


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
        "overdue": len(result.overdue),
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
    """The admin's form: a unit stops reporting from a period (with a reason), reports again, or is expected from
    a period (empty: from its first stored figure or submission)."""
    with st.expander(text("coverage.range_header")), st.form("coverage.range"):
        st.caption(text("coverage.range_help"))
        left, middle = st.columns(2)
        code = left.selectbox(
            text("coverage.range_unit"), list(names), key="coverage.range_unit",
            format_func=lambda c: f"{c} {names.get(c, '')}",
        )  # fmt: skip
        start = middle.text_input(text("coverage.range_from"), str(period), key=f"coverage.range_from.{period}")
        reason = st.text_input(text("coverage.range_reason"), key="coverage.range_reason")
        buttons = st.columns(3)
        stop = buttons[0].form_submit_button(text("coverage.stop"), icon=":material/block:")
        resume = buttons[1].form_submit_button(text("coverage.resume"), icon=":material/replay:")
        expect = buttons[2].form_submit_button(text("coverage.expect"), icon=":material/event_available:")
    if code is not None and (stop or resume or expect):
        _change("stop" if stop else "resume" if resume else "expect", str(code), start, reason)


def _change(action: str, code: str, start: str, reason: str) -> None:
    """Make the admin's change; a refusal is shown (its typed values escaped), nothing stored."""
    actor = Actor.of(require(Action.SET_TARGETS))
    try:
        if action == "stop":
            unit = stop_reporting(engine(), code, start, reason, actor)
            message = text("coverage.stopped", unit=unit.code, period=unit.stopped_from)
        elif action == "resume":
            unit = resume_reporting(engine(), code, actor)
            message = text("coverage.resumed", unit=unit.code)
        else:
            unit = set_reporting_from(engine(), code, start.strip() or None, actor)
            key = "coverage.reporting_set" if unit.reporting_from else "coverage.reporting_cleared"
            message = text(key, unit=unit.code, period=unit.reporting_from)
    except CoverageError as exc:
        st.error(text(exc.code, **{k: plain(str(v)) for k, v in exc.params.items()}))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    flash("success", plain(message))
