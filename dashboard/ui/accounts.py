"""The Accounts page's parts: the list of accounts, and the forms that create one or change one. Every write
checks the role again; errors come back as messages (dashboard.auth.accounts.AccountError)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.auth.accounts import (
    Account,
    AccountError,
    create_user,
    set_active,
    set_password,
    set_role,
    set_units,
)
from dashboard.auth.roles import ROLES, SCOPED_ROLES, Action, Actor
from dashboard.i18n import local_time
from dashboard.storage.engine import DatabaseBusy
from dashboard.ui import data
from dashboard.ui.names import unit_names
from dashboard.ui.session import bound_text, engine, flash, lang, require, text
from dashboard.ui.widgets import plain


def accounts_frame(accounts: list[Account]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                text("web.username"): a.username,
                text("web.display_name"): a.display_name,
                text("web.email"): a.email or "",
                text("web.role"): text(f"role.{a.role}"),
                text("web.sub.col.units"): ", ".join(sorted(a.units)) or "–",
                text("web.active"): text("web.yes") if a.active else text("web.no"),
                text("web.sign_in_by"): text("web.by_password") if a.has_password else text("web.by_oidc"),
                text("web.last_login"): local_time(a.last_login_at) if a.last_login_at else "–",
            }
            for a in accounts
        ]
    )


def _attempt(action: Callable[[], object], done: str) -> None:
    try:
        action()
    except AccountError as exc:
        st.error(text(exc.code, **exc.params))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    flash("success", done)


def create_form() -> None:
    say = bound_text()  # format_func runs outside the script run: fix the language now
    with st.form("accounts.create", clear_on_submit=True):
        left, middle, right = st.columns(3)
        username = left.text_input(text("web.username"), key="accounts.new_username")
        display = middle.text_input(text("web.display_name"), key="accounts.new_display")
        email = right.text_input(text("web.email_optional"), key="accounts.new_email")
        left, middle, right = st.columns(3)
        role = left.selectbox(text("web.role"), ROLES, key="accounts.new_role", format_func=lambda r: say(f"role.{r}"))
        password = middle.text_input(text("web.initial_password"), type="password", key="accounts.new_password")
        again = right.text_input(text("web.password_again"), type="password", key="accounts.new_again")
        st.caption(text("web.password_policy"))
        units = units_picker("accounts.new_units", frozenset())
        submitted = st.form_submit_button(text("web.create_account"), type="primary")
    if not submitted:
        return
    actor = Actor.of(require(Action.MANAGE_ACCOUNTS))
    if password != again:
        st.error(text("web.passwords_differ"))
        return
    _attempt(
        lambda: create_user(engine(), username, display, role, password or None, email or None, actor, units),
        text("web.account_created", username=username.strip().lower()),
    )


def units_picker(key: str, chosen: frozenset[str]) -> list[str]:
    """The registered units (code and name) a unit finance account reports for; other roles take none."""
    names = unit_names(data.catalogue().units, lang())
    options = sorted(set(names) | chosen)
    picked = st.multiselect(
        text("web.units_pick"),
        options,
        default=sorted(chosen),
        key=key,
        format_func=lambda code: f"{code} {names.get(code, '')}".strip(),
    )
    return [str(code) for code in picked]


PENDING_KEY = "accounts.pending"  # a role change or a disable waiting for its confirmation: (kind, username, role)
UNITS_KEY = "accounts.pending_units"  # the units picked with it (for a change to unit finance)


def change_form(accounts: list[Account]) -> None:
    """Change one account: the form shows the picked account's current role and state, and a role change or a
    disable waits for a second, explicit confirmation (a password reset does not change what they may do)."""
    by_name = {a.username: a for a in accounts}
    if not by_name:
        return
    username = str(st.selectbox(text("web.username"), list(by_name), key="accounts.pick"))
    picked = by_name[username]
    st.caption(account_state(picked))
    role, password, units, clicked = _change_inputs(picked)
    st.session_state[UNITS_KEY] = units
    if clicked == "units":
        by = Actor.of(require(Action.MANAGE_ACCOUNTS))
        _attempt(lambda: set_units(engine(), username, units, by), text("web.units_set", username=username))
    elif clicked == "role":
        if role == picked.role:
            st.info(text("web.role_unchanged", username=plain(username), role=text(f"role.{role}")))
        else:
            st.session_state[PENDING_KEY] = ("role", username, role)
    elif clicked == "password":
        by = Actor.of(require(Action.MANAGE_ACCOUNTS))
        _attempt(lambda: set_password(engine(), username, password, by), text("web.password_set", username=username))
    elif clicked == "disable":
        st.session_state[PENDING_KEY] = ("disable", username, "")
    elif clicked == "enable":
        by = Actor.of(require(Action.MANAGE_ACCOUNTS))
        _attempt(lambda: set_active(engine(), username, True, by), text("web.enabled", username=username))
    _confirmation(picked)


def account_state(a: Account) -> str:
    """The account's current role, state and sign-in, as a caption (the username escaped for Markdown)."""
    return text(
        "web.account_now",
        username=plain(a.username),
        role=text(f"role.{a.role}"),
        state=text("web.state.active" if a.active else "web.state.disabled"),
        sign_in=text("web.by_password") if a.has_password else text("web.by_oidc"),
    )


def _change_inputs(picked: Account) -> tuple[str, str, list[str], str]:
    """The role (preset to the account's current one), a new password, and which button was pressed ('' for
    none). The role widget is keyed by the account, so picking another account shows that one's role."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    with st.form("accounts.change"):
        left, right = st.columns(2)
        role = left.selectbox(
            text("web.role"),
            ROLES,
            index=ROLES.index(picked.role) if picked.role in ROLES else 0,
            key=f"accounts.role.{picked.username}",
            format_func=lambda r: say(f"role.{r}"),
        )
        password = right.text_input(text("web.new_password"), type="password", key="accounts.password")
        units = units_picker(f"accounts.units.{picked.username}", picked.units)
        buttons = st.columns(4)
        pressed = {
            "role": buttons[0].form_submit_button(text("web.set_role")),
            "units": buttons[3].form_submit_button(text("web.set_units")),
            "password": buttons[1].form_submit_button(text("web.reset_password")),
            "disable" if picked.active else "enable": buttons[2].form_submit_button(
                text("web.disable" if picked.active else "web.enable")
            ),
        }
    return str(role), password, units, next((k for k, v in pressed.items() if v), "")


def _confirmation(picked: Account) -> None:
    """The pending role change or disable of the picked account, with Confirm and Cancel; it is dropped when
    another account is picked."""
    pending = st.session_state.get(PENDING_KEY)
    if not pending:
        return
    kind, username, role = pending
    if username != picked.username:
        st.session_state.pop(PENDING_KEY, None)
        return
    who = plain(username)
    with st.container(border=True):
        if kind == "role":
            old, new = text(f"role.{picked.role}"), text(f"role.{role}")
            st.warning(text("web.confirm_role", username=who, old=old, new=new), icon=":material/help:")
        else:
            st.warning(text("web.confirm_disable", username=who), icon=":material/help:")
        yes, no = st.columns(2)
        confirmed = yes.button(text("web.confirm_yes"), type="primary", key="accounts.confirm")
        cancelled = no.button(text("web.confirm_no"), key="accounts.cancel")
    if not (confirmed or cancelled):
        return
    st.session_state.pop(PENDING_KEY, None)
    if cancelled:
        st.rerun()
    by = Actor.of(require(Action.MANAGE_ACCOUNTS))
    if kind == "role":
        units = st.session_state.get(UNITS_KEY) if role in SCOPED_ROLES else None
        _attempt(lambda: set_role(engine(), username, role, by, units), text("web.role_set", username=username))
    else:
        _attempt(lambda: set_active(engine(), username, False, by), text("web.disabled", username=username))
