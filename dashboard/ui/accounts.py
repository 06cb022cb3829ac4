"""The Accounts page's parts: the list of accounts, and the forms that create one or change one. Every write
checks the role again; errors come back as messages (dashboard.auth.accounts.AccountError)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.auth.accounts import Account, AccountError, create_user, set_active, set_password, set_role
from dashboard.auth.roles import ROLES, Action, Actor
from dashboard.i18n import local_time
from dashboard.storage.engine import DatabaseBusy
from dashboard.ui.session import bound_text, engine, flash, require, text


def accounts_frame(accounts: list[Account]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                text("web.username"): a.username,
                text("web.display_name"): a.display_name,
                text("web.email"): a.email or "",
                text("web.role"): text(f"role.{a.role}"),
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
        submitted = st.form_submit_button(text("web.create_account"), type="primary")
    if not submitted:
        return
    actor = Actor.of(require(Action.MANAGE_ACCOUNTS))
    if password != again:
        st.error(text("web.passwords_differ"))
        return
    _attempt(
        lambda: create_user(engine(), username, display, role, password or None, email or None, actor),
        text("web.account_created", username=username.strip().lower()),
    )


def change_form(accounts: list[Account]) -> None:
    say = bound_text()  # format_func runs outside the script run: fix the language now
    names = [a.username for a in accounts]
    if not names:
        return
    with st.form("accounts.change"):
        left, middle, right = st.columns(3)
        username = left.selectbox(text("web.username"), names, key="accounts.pick")
        role = middle.selectbox(text("web.role"), ROLES, key="accounts.role", format_func=lambda r: say(f"role.{r}"))
        password = right.text_input(text("web.new_password"), type="password", key="accounts.password")
        buttons = st.columns(4)
        set_role_clicked = buttons[0].form_submit_button(text("web.set_role"))
        reset_clicked = buttons[1].form_submit_button(text("web.reset_password"))
        disable_clicked = buttons[2].form_submit_button(text("web.disable"))
        enable_clicked = buttons[3].form_submit_button(text("web.enable"))
    if not (set_role_clicked or reset_clicked or disable_clicked or enable_clicked):
        return
    by = Actor.of(require(Action.MANAGE_ACCOUNTS))
    if set_role_clicked:
        _attempt(lambda: set_role(engine(), username, role, by), text("web.role_set", username=username))
    elif reset_clicked:
        _attempt(lambda: set_password(engine(), username, password, by), text("web.password_set", username=username))
    else:
        active = bool(enable_clicked)
        _attempt(
            lambda: set_active(engine(), username, active, by),
            text("web.enabled" if active else "web.disabled", username=username),
        )
