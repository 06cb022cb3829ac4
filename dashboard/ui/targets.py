"""The Targets page's parts: the current targets and their history as tables, the form that sets a target,
the status settings form, and period locks. Every write checks the role again."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.auth.roles import Action, Actor
from dashboard.domain import Period
from dashboard.i18n import local_time
from dashboard.i18n.numbers import amount, rate
from dashboard.locks import lock_period, unlock_period
from dashboard.settings_store import SettingError, effective_settings, save_setting
from dashboard.storage import queries
from dashboard.storage.engine import DatabaseBusy
from dashboard.targets import TargetError, TargetRow, parse_amount, parse_growth, set_target
from dashboard.ui.session import bound_text, engine, flash, lang, require, text

SCALE_FACTORS = {"yi": Decimal(100_000_000), "wan": Decimal(10_000), "yuan": Decimal(1)}


def targets_frame(rows: list[TargetRow], names: dict[str, str], metric_names: dict[str, str]) -> pd.DataFrame:
    """The current targets of a year: scope, metric, amount, growth floor, base, effective target, who and why."""
    return pd.DataFrame(
        [
            {
                text("web.col.scope"): names.get(r.unit_code, r.unit_code) if r.unit_code else text("web.group"),
                text("web.col.metric"): metric_names.get(r.metric, r.metric),
                text("web.col.amount"): amount(r.amount, lang(), "group" if not r.unit_code else "unit"),
                text("web.col.growth_floor"): rate(float(r.growth_floor)) if r.growth_floor is not None else "–",
                text("web.col.base"): amount(r.base, lang(), "group" if not r.unit_code else "unit")
                + (f" {text('web.entered')}" if r.base_entered else ""),
                text("web.col.effective"): amount(r.effective, lang(), "group" if not r.unit_code else "unit"),
                text("web.col.binding"): text(f"binding.{r.binding}") if r.binding else "–",
                text("web.col.version"): r.version,
                text("web.col.set_by"): r.set_by,
                text("web.col.set_at"): local_time(r.set_at),
                text("web.col.reason"): r.reason,
            }
            for r in rows
        ]
    )


def history_frame(year: int, names: dict[str, str], metric_names: dict[str, str]) -> pd.DataFrame:
    """Every version of every target of the year, newest first (amounts in yuan, exact)."""
    with engine().connect() as conn:
        rows = queries.target_rows(conn, year)
    return pd.DataFrame(
        [
            {
                text("web.col.scope"): names.get(r.unit_code, r.unit_code) if r.unit_code else text("web.group"),
                text("web.col.metric"): metric_names.get(r.metric, r.metric),
                text("web.col.version"): r.version,
                text("web.col.amount_yuan"): "" if r.amount is None else f"{r.amount:,}",
                text("web.col.growth_floor"): rate(float(r.growth_floor)) if r.growth_floor is not None else "–",
                text("web.col.set_by"): r.set_by,
                text("web.col.set_at"): local_time(r.set_at),
                text("web.col.reason"): r.reason,
            }
            for r in reversed(rows)
        ]
    )


def target_form(year: int, names: dict[str, str], metric_names: dict[str, str]) -> None:
    """A new version of a group or unit target; a reason is required and kept in the history."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    with st.form("targets.form", clear_on_submit=False):
        left, middle, right = st.columns(3)
        scope = left.selectbox(
            text("web.col.scope"),
            ["", *sorted(names)],
            key="targets.scope",
            format_func=lambda c: say("web.group") if c == "" else f"{names[c]}（{c}）",
        )
        metric = str(
            middle.selectbox(
                text("web.col.metric"), list(metric_names), key="targets.metric", format_func=lambda c: metric_names[c]
            )
        )
        scale = right.selectbox(
            text("web.amount_in"),
            list(SCALE_FACTORS),
            key="targets.scale",
            format_func=lambda s: say(f"web.scale.{s}"),
        )
        left, middle, right = st.columns(3)
        amount_text = left.text_input(text("web.col.amount"), key="targets.amount", placeholder="380")
        growth_text = middle.text_input(text("web.col.growth_floor"), key="targets.growth", placeholder="5%")
        base_text = right.text_input(text("web.base_optional"), key="targets.base")
        reason = st.text_input(text("web.col.reason"), key="targets.reason")
        submitted = st.form_submit_button(text("web.save_target"), type="primary")
    if not submitted:
        return
    account = require(Action.SET_TARGETS)
    if not reason.strip():
        st.error(text("web.reason_required"))
        return
    factor = SCALE_FACTORS[scale]
    try:
        version = set_target(
            engine(),
            year=year,
            metric=metric,
            unit_code=scope,
            amount=parse_amount(amount_text, factor, "web.bad_amount") if amount_text.strip() else None,
            growth_floor=parse_growth(growth_text) if growth_text.strip() else None,
            base_amount=parse_amount(base_text, factor, "web.bad_amount") if base_text.strip() else None,
            actor=Actor.of(account),
            reason=reason.strip(),
        )
    except TargetError as exc:
        st.error(text(exc.key, **exc.params))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    flash("success", text("web.target_saved", version=version))


def settings_form() -> None:
    """The status rule, pace, time basis, colour meaning and display scales, as an admin chose them."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    with engine().connect() as conn:
        current = effective_settings(conn)
    with st.form("targets.settings"):
        values: dict[str, str] = {}
        columns = st.columns(3)
        for i, name in enumerate(config.EDITABLE):
            setting = config.SETTINGS[name]
            column = columns[i % 3]
            label, hint = text(f"setting.name.{name}"), text(f"setting.help.{name}")
            if setting.choices:
                labels = {v: say(f"setting.choice.{name}.{v}") for v in setting.choices}
                options: list[str] = list(setting.choices)
                values[name] = str(
                    column.selectbox(
                        label,
                        options,
                        index=options.index(current[name]) if current[name] in options else 0,
                        format_func=labels.__getitem__,
                        key=f"settings.{name}",
                        help=hint,
                    )
                )
            else:
                values[name] = column.text_input(label, current[name], key=f"settings.{name}", help=hint)
        submitted = st.form_submit_button(text("web.save_settings"))
    if not submitted:
        return
    account = require(Action.SET_SETTINGS)
    try:
        for name, value in values.items():
            if value != current[name]:
                save_setting(engine(), name, value, Actor.of(account))
    except SettingError as exc:
        st.error(text(exc.code, **exc.params))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    flash("success", text("web.settings_saved"))


def locks_form(periods: list[Period]) -> None:
    """Lock a closed period (no upload or revert may change it) or unlock it, with a reason."""
    with st.form("targets.locks"):
        left, right = st.columns([1, 2])
        period = left.selectbox(text("web.col.period"), periods, key="locks.period", format_func=str)
        reason = right.text_input(text("web.col.reason"), key="locks.reason")
        lock_it = st.form_submit_button(text("web.lock"), icon=":material/lock:")
        unlock_it = st.form_submit_button(text("web.unlock"), icon=":material/lock_open:")
    if not (lock_it or unlock_it) or period is None:
        return
    account = require(Action.LOCK)
    if not reason.strip():
        st.error(text("web.reason_required"))
        return
    change = lock_period if lock_it else unlock_period
    try:
        changed = change(engine(), period, Actor.of(account), reason.strip())
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    key = (
        ("web.locked" if lock_it else "web.unlocked")
        if changed
        else ("web.already_locked" if lock_it else "web.not_locked")
    )
    flash("success" if changed else "info", text(key, period=str(period)))
