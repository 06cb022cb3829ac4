"""The Targets page's parts: the current targets and their history as tables, the form that sets a target,
the status settings form, and period locks. Every write checks the role again."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import config
from dashboard.auth.roles import Action, Actor
from dashboard.domain import Period
from dashboard.i18n import local_time
from dashboard.i18n.numbers import amount, rate, unit_word, view_decimals
from dashboard.locks import lock_period, unlock_period
from dashboard.settings_store import SettingError, effective_settings, save_setting
from dashboard.storage import queries
from dashboard.storage.engine import DatabaseBusy
from dashboard.targets import TargetError, TargetRow, parse_amount, parse_growth, set_target
from dashboard.ui.session import bound_text, engine, flash, lang, require, text

SCALE_FACTORS = {"yi": Decimal(100_000_000), "wan": Decimal(10_000), "yuan": Decimal(1)}


def targets_frame(
    rows: list[TargetRow], names: dict[str, str], metric_names: dict[str, str], level: str
) -> pd.DataFrame:
    """The current targets of a year at one level (the group's, or the units' in ``level``'s scale: ``yi`` or
    ``wan``): scope, metric, amount, growth floor, base, effective target, binding, version, and why. The unit is
    in the headers, and every amount of the table has the same decimals (at least three significant digits)."""
    word = unit_word(level, lang())
    decimals = view_decimals([v for r in rows for v in (r.amount, r.base, r.effective)], level, lang())

    def shown(value: Decimal | None) -> str:
        return amount(value, lang(), level, decimals, with_unit=False)

    return pd.DataFrame(
        [
            {
                text("web.col.scope"): names.get(r.unit_code, r.unit_code) if r.unit_code else text("web.group"),
                text("web.col.metric"): metric_names.get(r.metric, r.metric),
                text("web.col.amount_in", unit=word): shown(r.amount),
                text("web.col.growth_floor"): rate(float(r.growth_floor)) if r.growth_floor is not None else "–",
                text("web.col.base_in", unit=word): shown(r.base)
                + (f" {text('web.entered')}" if r.base_entered else ""),
                text("web.col.effective_in", unit=word): shown(r.effective),
                text("web.col.binding"): text(f"binding.{r.binding}") if r.binding else "–",
                text("web.col.set"): text("web.set_line", version=r.version, by=r.set_by, at=local_time(r.set_at)),
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
        growth_text = middle.text_input(
            text("web.in_percent", label=text("web.col.growth_floor")),
            key="targets.growth",
            placeholder="5",
            help=text("web.growth_hint"),
        )
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
            growth_floor=parse_growth(as_percent(growth_text)) if growth_text.strip() else None,
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


def as_percent(typed: str) -> str:
    """A growth floor typed as the form labels it, in percent: ``5`` → ``5%`` (a ``%`` sign may be typed too).

    >>> as_percent("5"), as_percent(" 5% "), as_percent("-2.5")
    ('5%', '5%', '-2.5%')
    """
    number = typed.strip()
    return number if number.endswith(("%", "％")) else f"{number}%"


def settings_form() -> None:
    """The status rule, pace, time basis, colour meaning and display scales, as an admin chose them. A threshold
    stored as a fraction (0.10) is shown and typed as the page labels it, in percentage points (10)."""
    with engine().connect() as conn:
        current = effective_settings(conn)
    with st.form("targets.settings"):
        columns = st.columns(3)
        values = {name: _setting_input(columns[i % 3], name, current[name]) for i, name in enumerate(config.EDITABLE)}
        submitted = st.form_submit_button(text("web.save_settings"))
    if not submitted:
        return
    account = require(Action.SET_SETTINGS)
    name = ""
    try:
        for name, value in values.items():
            stored = _stored_value(name, value)
            if stored is not None and not _same_setting(name, stored, current[name]):
                save_setting(engine(), name, stored, Actor.of(account))
    except SettingError as exc:
        st.error(_setting_error(name, exc))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    flash("success", text("web.settings_saved"))


def _in_points(name: str) -> bool:
    """Whether a setting is a fraction that the page shows in percentage points."""
    return config.SETTINGS[name].check is config.fraction_check


def _setting_input(column: DeltaGenerator, name: str, value: str) -> str:
    """One setting's input: a choice by its words, a fraction in points, other text as it is."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    setting = config.SETTINGS[name]
    label, hint = text(f"setting.name.{name}"), text(f"setting.help.{name}")
    if setting.choices:
        options = list(setting.choices)
        chosen = column.selectbox(
            label,
            options,
            index=options.index(value) if value in options else 0,
            format_func=lambda v: say(f"setting.choice.{name}.{v}"),
            key=f"settings.{name}",
            help=hint,
        )
        return str(chosen)
    if _in_points(name):
        label, hint = text("web.in_points", label=label), text(f"web.help_points.{name}")
        value = points_text(config.fraction(value))
    return column.text_input(label, value, key=f"settings.{name}", help=hint)


def points_text(fraction: float | None) -> str:
    """A fraction as the page shows it, in percentage points: 0.1 → ``10``, 0.125 → ``12.5``.

    >>> points_text(0.1), points_text(0.125), points_text(None)
    ('10', '12.5', '')
    """
    return "" if fraction is None else f"{round(fraction * 100, 6):g}"


def _stored_value(name: str, typed: str) -> str | None:
    """What to store for what was typed: points become the fraction they mean as ``10%`` (``save_setting``
    stores 0.1); a ``%`` sign is allowed. Raises ``SettingError`` (``web.bad_points``) for anything else."""
    if not _in_points(name):
        return typed
    number = typed.strip().removesuffix("%").strip()
    if config.fraction(f"{number}%") is None or not number:
        raise SettingError("web.bad_points", name=name, value=typed)
    return f"{number}%"


def _same_setting(name: str, stored: str, current: str) -> bool:
    if _in_points(name):
        return config.fraction(stored) == config.fraction(current)
    return stored.strip() == current


def _setting_error(name: str, exc: SettingError) -> str:
    """The message with the field named as the page labels it, never the internal name (STATUS_RED_GAP)."""
    label = text(f"setting.name.{name}") if name in config.SETTINGS else name
    params = {**exc.params, "name": label}
    return text(exc.code, **params)


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
