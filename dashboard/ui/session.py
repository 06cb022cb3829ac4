"""Who is signed in, in which language, against which database: the web session in one place.

Every page calls ``require(action)`` before it shows or does anything, and every button that writes calls it
again, so a role check never depends on the menu alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from dashboard import config
from dashboard.auth.accounts import Account, get_account
from dashboard.auth.roles import Action, can
from dashboard.i18n import default_lang, t
from dashboard.storage import queries
from dashboard.storage.engine import open_database

USER_KEY = "auth.username"
LANG_KEY = "lang"


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return open_database(url)


def engine() -> Engine:
    """The database of this app instance (one pool per process, shared by every session)."""
    return _engine(config.get("DATABASE_URL"))


def lang() -> str:
    """The chosen language; the default comes from the LANG setting."""
    chosen = st.session_state.get(LANG_KEY)
    if chosen in ("zh", "en"):
        return str(chosen)
    configured = config.get("LANG")
    return configured if configured in ("zh", "en") else default_lang()


def keep_language() -> str:
    """Called by the entry file before the language switch: Streamlit drops a widget's state when the reader
    moves to another page, so the choice is assigned again on every run."""
    chosen = lang()
    st.session_state[LANG_KEY] = chosen
    return chosen


def text(key: str, **params: Any) -> str:
    """A text of dashboard.i18n in the session's language."""
    return t(key, lang(), **params)


def bound_text() -> Callable[..., str]:
    """``text`` with the language fixed now: for ``format_func`` callbacks, which Streamlit may call outside the
    script run, where the session (and so the language) cannot be read."""
    language = lang()
    return lambda key, **params: t(key, language, **params)


def account() -> Account | None:
    """The signed-in account, read again on every run so that a changed role or a disabled account takes
    effect at once."""
    username = st.session_state.get(USER_KEY)
    if not username:
        return None
    with engine().connect() as conn:
        found = get_account(conn, username)
    if found is None or not found.active:
        st.session_state.pop(USER_KEY, None)
        return None
    return found


def sign_in(username: str) -> None:
    st.session_state[USER_KEY] = username


def sign_out() -> None:
    st.session_state.pop(USER_KEY, None)


def allowed(action: Action) -> bool:
    """Whether the signed-in account may do this (False when nobody is signed in)."""
    signed_in = account()
    return signed_in is not None and can(signed_in.role, action)


def require(action: Action) -> Account:
    """The signed-in account if it may do this; otherwise a message and the run stops here."""
    signed_in = account()
    if signed_in is None:
        st.warning(text("web.signed_out"))
        st.stop()
    assert signed_in is not None
    if not can(signed_in.role, action):
        st.error(text("auth.forbidden", action=text(f"action.{action.value}")))
        st.stop()
    return signed_in


VERSION_KEY = "_run.data_version"


def begin_run() -> None:
    """Read the data version once at the start of each run (the entry file calls this first)."""
    st.session_state[VERSION_KEY] = _read_version()


def _read_version() -> tuple[int, int, int]:
    with engine().connect() as conn:
        return queries.data_version(conn)


def data_version() -> tuple[int, int, int]:
    """Changes whenever figures, targets, locks, settings or accounts change: the key of the data caches.
    Read once per run (``begin_run``); a write in this run shows from the next one (see ``flash``)."""
    version = st.session_state.get(VERSION_KEY)
    return _read_version() if version is None else tuple(version)


FLASH_KEY = "_flash"


def flash(kind: str, message: str) -> None:
    """Show a message after the rerun that follows a write, so that everything on the page is read afresh."""
    st.session_state[FLASH_KEY] = (kind, message)
    st.rerun()


def show_flash() -> None:
    """The message a write left for this run, if any (the entry file calls this before the page)."""
    kind, message = st.session_state.pop(FLASH_KEY, (None, None))
    if kind == "success":
        st.success(message)
    elif kind == "info":
        st.info(message)


def settings_stored() -> dict[str, str]:
    """The settings an admin changed on screen (they win over environment and secrets)."""
    return _stored(config.get("DATABASE_URL"), data_version())


@st.cache_resource(show_spinner=False, max_entries=8)
def _stored(url: str, version: tuple[int, int, int]) -> dict[str, str]:
    with engine().connect() as conn:
        return queries.stored_settings(conn)


def setting(name: str) -> str:
    """A setting's value as this app instance sees it now."""
    return config.get(name, settings_stored())
