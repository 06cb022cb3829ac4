"""Signing in: built-in accounts (password), the company's OpenID Connect provider (``st.login``), and the first
run, when the first admin is created with the setup code printed on the server console.

Whoever signs in, the role always comes from our database.
"""

from __future__ import annotations

import ipaddress

import streamlit as st

from dashboard.auth.accounts import (
    Account,
    AccountError,
    Throttled,
    account_for_email,
    authenticate,
    create_user,
    has_users,
    note_sign_in,
)
from dashboard.auth.roles import FIRST_RUN
from dashboard.auth.setup_code import attempt_setup_code, first_run_code
from dashboard.ui.session import engine, setting, sign_in, text


def client_address() -> str:
    """The browser's address as the server sees it (``st.context.ip_address``; "" when unknown, e.g. in tests).
    Forwarded-for headers are not trusted: a guesser could write any address there."""
    try:
        found = st.context.ip_address
        return str(ipaddress.ip_address(found)) if isinstance(found, str) else ""
    except Exception:  # no address, or no script run context (AppTest, bare mode): one shared "unknown" client
        return ""


def wait_text(seconds: int) -> str:
    """How long to wait, in words: seconds under two minutes, else whole minutes rounded up."""
    if seconds < 120:
        return text("auth.wait_seconds", n=seconds)
    return text("auth.wait_minutes", n=-(-seconds // 60))


def oidc_enabled() -> bool:
    """OpenID Connect is configured: the AUTH setting asks for it and secrets.toml has an [auth] section."""
    if setting("AUTH") not in ("oidc", "both"):
        return False
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError):
        return False


def password_enabled() -> bool:
    return setting("AUTH") in ("password", "both") or not oidc_enabled()


def oidc_sign_in() -> Account | None:
    """The account of a person the identity provider signed in, when our database knows their email."""
    if setting("AUTH") not in ("oidc", "both") or not st.user.is_logged_in:
        return None
    email = str(st.user.get("email") or "")
    with engine().connect() as conn:
        found = account_for_email(conn, email) if email else None
    if found is not None:
        note_sign_in(engine(), found.username)
        sign_in(found.username)
    return found


def password_form() -> None:
    """Username and password; one message for any failure, so it tells nobody which usernames exist."""
    with st.form("signin.form"):
        username = st.text_input(text("web.username"), key="signin.username")
        password = st.text_input(text("web.password"), type="password", key="signin.password")
        submitted = st.form_submit_button(text("web.sign_in"), type="primary")
    if submitted:
        try:
            found = authenticate(engine(), username, password, client_address())
        except Throttled as exc:
            st.error(text("auth.throttled", wait=wait_text(exc.seconds)))
            return
        if found is None:
            st.error(text("web.sign_in_failed"))
            return
        sign_in(found.username)
        st.rerun()


def oidc_button() -> None:
    """The company sign-in; a person signed in there but unknown here is told whom to ask."""
    if st.user.is_logged_in:
        st.warning(text("web.oidc_unknown", email=str(st.user.get("email") or "")))
        if st.button(text("web.sign_out")):
            st.logout()
        return
    if st.button(text("web.sign_in_oidc"), icon=":material/badge:", type="primary"):
        st.login()


def first_run() -> bool:
    """No account yet: the form that creates the first admin. True when it was shown."""
    with engine().connect() as conn:
        if has_users(conn):
            return False
    first_run_code()  # made and printed on the server console once per process
    st.info(text("web.first_run"))
    with st.form("signin.first_run"):
        code = st.text_input(text("web.setup_code"), key="signin.setup_code")
        username = st.text_input(text("web.username"), key="signin.new_username")
        display = st.text_input(text("web.display_name"), key="signin.new_display")
        password = st.text_input(text("web.password"), type="password", key="signin.new_password")
        again = st.text_input(text("web.password_again"), type="password", key="signin.new_password_again")
        submitted = st.form_submit_button(text("web.create_admin"), type="primary")
    if submitted:
        try:
            right = attempt_setup_code(engine(), code, client_address())
        except Throttled as exc:
            st.error(text("auth.throttled_setup", wait=wait_text(exc.seconds)))
            return True
        if not right:
            st.error(text("web.bad_setup_code"))
        elif password != again:
            st.error(text("web.passwords_differ"))
        else:
            try:
                created = create_user(engine(), username, display, "admin", password, None, FIRST_RUN)
            except AccountError as exc:
                st.error(text(exc.code, **exc.params))
                return True
            sign_in(created.username)
            st.rerun()
    return True
