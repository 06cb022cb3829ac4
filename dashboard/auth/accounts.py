"""Accounts: sign-in with a password or through OpenID Connect, and the admin's changes to accounts.

Usernames and email addresses are kept in lower case. Roles always come from this database, whoever signed
the person in. Every change is made by ``dashboard.storage.repository`` inside one serialised write
transaction and audited there (never with a password or its hash). Bad input raises ``AccountError`` with an
i18n code (``dashboard.i18n.text_auth``) and its parameters; a change that would leave no active admin raises
``account.last_admin``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine

from dashboard.auth import throttle
from dashboard.auth.passwords import dummy_hash, hash_password, needs_rehash, password_problems, verify_password
from dashboard.auth.roles import ROLES, SCOPED_ROLES, Action, Actor, parse_units
from dashboard.auth.throttle import Throttled as Throttled  # raised by authenticate
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.rows import UserRow

USERNAME = re.compile(r"[a-z0-9._@-]{2,100}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
DISPLAY_NAME_MAX = 200


class AccountError(Exception):
    """Bad input for an account: ``code`` names the message in dashboard.i18n.text_auth, ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True, slots=True)
class Account:
    username: str
    display_name: str
    email: str | None
    role: str
    active: bool
    has_password: bool
    last_login_at: datetime | None
    units: frozenset[str] = frozenset()  # a unit finance account's unit codes (roles.Actor.units)

    @property
    def name(self) -> str:
        """The name to show: the display name, else the username."""
        return self.display_name or self.username


def normalise_username(username: str) -> str:
    """The username as stored: trimmed, lower case; 2–100 letters, digits and ``. _ - @``.

    >>> normalise_username("  Zhang.Wei "), normalise_username("li@corp.example")
    ('zhang.wei', 'li@corp.example')
    >>> normalise_username("张伟")
    Traceback (most recent call last):
    ...
    dashboard.auth.accounts.AccountError: account.bad_username
    """
    name = username.strip().lower()
    if not USERNAME.fullmatch(name):
        raise AccountError("account.bad_username", username=username)
    return name


def normalise_email(email: str | None) -> str | None:
    """The email as stored: trimmed, lower case; None when empty.

    >>> normalise_email(" Li.Na@Corp.Example "), normalise_email("  ")
    ('li.na@corp.example', None)
    """
    value = (email or "").strip().lower()
    if not value:
        return None
    if len(value) > 200 or not EMAIL.fullmatch(value):
        raise AccountError("account.bad_email", email=email)
    return value


def check_role(role: str) -> str:
    """The role, when it is one of ROLES; else ``account.unknown_role``."""
    if role not in ROLES:
        raise AccountError("account.unknown_role", role=role, roles=", ".join(ROLES))
    return role


def _display_name(display_name: str) -> str:
    value = display_name.strip()
    if len(value) > DISPLAY_NAME_MAX:
        raise AccountError("account.bad_display_name", max=DISPLAY_NAME_MAX)
    return value


def _checked_password(password: str, username: str, context: tuple[str, ...] = ()) -> str:
    """The password's hash, when the policy accepts it (else its first problem as the error). ``context``: the
    account's display name and email, which must not make the password guessable either."""
    problems = password_problems(password, username, context)
    if problems:
        raise AccountError(problems[0], username=username)
    return hash_password(password)


def _account(row: UserRow) -> Account:
    last = row.last_login_at
    if last is not None and last.tzinfo is None:  # SQLite returns stored UTC without its zone
        last = last.replace(tzinfo=UTC)
    return Account(
        username=row.username,
        display_name=row.display_name,
        email=row.email,
        role=row.role,
        active=bool(row.active),
        has_password=row.password_hash is not None,
        last_login_at=last,
        units=parse_units(row.units),
    )


def has_users(conn: Connection) -> bool:
    """Whether any account exists (none: the first-run screen creates the first admin)."""
    return bool(queries.users(conn))


def list_accounts(conn: Connection) -> list[Account]:
    """Every account, active or not, by username."""
    return [_account(r) for r in queries.users(conn)]


def get_account(conn: Connection, username: str) -> Account | None:
    """The account with this username (any case), active or not."""
    row = queries.user_row(conn, username)
    return _account(row) if row else None


def account_for_email(conn: Connection, email: str) -> Account | None:
    """The active account of someone signed in through OpenID Connect: by email (any case), else by a username
    equal to the email. None when neither matches: the person has no access until an admin adds them."""
    value = email.strip().lower()
    if not value:
        return None
    for row in (queries.user_by_email(conn, value), queries.user_row(conn, value)):
        if row is not None and row.active:
            return _account(row)
    return None


def authenticate(engine: Engine, username: str, password: str, client: str = "") -> Account | None:
    """The account, when the username (any case) and password match an active account; else None. ``client``:
    the address the attempt comes from (throttled per account and per client, ``dashboard.auth.throttle``).

    Every attempt is counted before the password is hashed, and refused with ``Throttled`` while the account or
    the client is locked. An unknown user (or one without a password) costs one check against a dummy hash and
    the same two write transactions, so neither the time taken nor the answer tells which usernames exist.
    Success records the sign-in time, and stores a new hash when the stored one was made with older
    parameters. Every attempt, refusal and lockout is audited (never the password).
    """
    name = username.strip().lower()
    keys = throttle.sign_in_keys(name, client)
    with writing(engine) as conn:
        admission = throttle.admit(conn, keys, repository.now())
        throttle.audit_admission(conn, name, client, admission, "sign_in_refused")
        row = queries.user_row(conn, name) if admission.allowed and USERNAME.fullmatch(name) else None
    if not admission.allowed:
        raise throttle.Throttled(admission.wait_seconds)
    stored = row.password_hash if row is not None else None
    dummy = dummy_hash()  # made once per process: made here for everyone, the first unknown name is not slower
    matched = verify_password(stored if stored is not None else dummy, password)
    signed_in = row is not None and stored is not None and matched and bool(row.active)
    fresh = hash_password(password) if signed_in and stored is not None and needs_rehash(stored) else None
    with writing(engine) as conn:
        if row is None or not signed_in:
            reason = (
                "unknown" if row is None else "no_password" if stored is None else "disabled" if matched else "password"
            )
            repository.audit(conn, name, "sign_in_failed", {"client": client, "reason": reason})
            return None
        throttle.succeeded(conn, [throttle.account_key(name)], [k for k in keys if k.startswith("client:")])
        repository.record_login(conn, row.username, fresh)
        repository.audit(conn, row.username, "sign_in", {"client": client, "via": "password"})
        row = queries.user_row(conn, row.username)
    return _account(row) if row else None


def unlock_account(engine: Engine, username: str, actor: Actor) -> bool:
    """Lift the throttling lock (and forget the failed attempts) of an account; True when it had any.
    Needs ``Action.MANAGE_ACCOUNTS`` (raises ``Forbidden``); audited."""
    actor.require(Action.MANAGE_ACCOUNTS)
    name = username.strip().lower()
    with writing(engine) as conn:
        had = throttle.clear(conn, throttle.account_key(name))
        repository.audit(conn, actor.username, "account_unlock", {"username": name, "had_failures": had})
    return had


def note_sign_in(engine: Engine, username: str) -> None:
    """Record (and audit) the sign-in of someone signed in through OpenID Connect (``account_for_email``)."""
    name = username.strip().lower()
    with writing(engine) as conn:
        repository.record_login(conn, name)
        repository.audit(conn, name, "sign_in", {"via": "oidc"})


def create_user(
    engine: Engine,
    username: str,
    display_name: str,
    role: str,
    password: str | None,
    email: str | None,
    actor: Actor,
    units: Iterable[str] | str = (),
) -> Account:
    """Create an active account. ``units``: the unit codes a unit finance account reports for (required for
    that role, each registered: account.units_required, account.unknown_units; other roles have none:
    account.units_not_scoped). ``password`` None: it signs in only through OpenID Connect, which needs an
    email (or a username that is one). Errors: account.bad_username, account.unknown_role, account.bad_email,
    account.bad_display_name, account.no_sign_in, the first password.* problem, account.duplicate,
    account.duplicate_email. Needs ``Action.MANAGE_ACCOUNTS`` (raises ``Forbidden``); audited."""
    actor.require(Action.MANAGE_ACCOUNTS)
    name = normalise_username(username)
    check_role(role)
    mail = normalise_email(email)
    shown = _display_name(display_name)
    if password is None and mail is None and "@" not in name:
        raise AccountError("account.no_sign_in", username=name)
    password_hash = None if password is None else _checked_password(password, name, (shown, mail or ""))
    with writing(engine) as conn:
        if queries.user_row(conn, name) is not None:
            raise AccountError("account.duplicate", username=name)
        if mail is not None and queries.user_by_email(conn, mail) is not None:
            raise AccountError("account.duplicate_email", email=mail)
        codes = _checked_units(conn, role, units)
        repository.add_user(
            conn,
            username=name,
            display_name=shown,
            email=mail,
            role=role,
            password_hash=password_hash,
            by=actor.username,
        )
        if codes:
            repository.set_user_units(conn, name, codes, actor.username)
        row = queries.user_row(conn, name)
    assert row is not None
    return _account(row)


def set_password(engine: Engine, username: str, password: str | None, actor: Actor) -> Account:
    """Set a new password (checked by the policy), or None to remove it (OpenID Connect sign-in only).
    An admin's reset: needs ``Action.MANAGE_ACCOUNTS``."""
    actor.require(Action.MANAGE_ACCOUNTS)
    name = username.strip().lower()
    password_hash = None
    if password is not None:
        with engine.connect() as conn:
            row = queries.user_row(conn, name)
        context = (row.display_name or "", row.email or "") if row else ()
        password_hash = _checked_password(password, name, context)  # not built from the person's own name either
    return _change(engine, name, actor.username, password_hash=password_hash)


def set_role(
    engine: Engine, username: str, role: str, actor: Actor, units: Iterable[str] | str | None = None
) -> Account:
    """Give the account another role; the last active admin keeps theirs (account.last_admin).
    To unit finance: with ``units`` (None: the account's units, which must then exist); from it: its units are
    cleared. Needs ``Action.MANAGE_ACCOUNTS``."""
    actor.require(Action.MANAGE_ACCOUNTS)
    return _change(engine, username, actor.username, units=units, role=check_role(role))


def set_units(engine: Engine, username: str, units: Iterable[str] | str, actor: Actor) -> Account:
    """Set the units a unit finance account reports for (required, each registered). Needs
    ``Action.MANAGE_ACCOUNTS``; audited as ``user_units``."""
    actor.require(Action.MANAGE_ACCOUNTS)
    return _change(engine, username, actor.username, units=units)


def _checked_units(conn: Connection, role: str, units: Iterable[str] | str) -> frozenset[str]:
    """The unit codes of an account of ``role``: required and registered for unit finance, none otherwise."""
    codes = parse_units(units) if isinstance(units, str) else frozenset(c.strip() for c in units if c.strip())
    if role not in SCOPED_ROLES:
        if codes:
            raise AccountError("account.units_not_scoped", role=role)
        return codes
    if not codes:
        raise AccountError("account.units_required")
    unknown = sorted(codes - set(queries.stored_units(conn)))
    if unknown:
        raise AccountError("account.unknown_units", codes=", ".join(unknown))
    return codes


def set_active(engine: Engine, username: str, active: bool, actor: Actor) -> Account:
    """Enable or disable the account; a disabled account cannot sign in. The last active admin stays enabled.
    Needs ``Action.MANAGE_ACCOUNTS``."""
    actor.require(Action.MANAGE_ACCOUNTS)
    return _change(engine, username, actor.username, active=active)


def update_profile(engine: Engine, username: str, display_name: str, email: str | None, actor: Actor) -> Account:
    """Change the display name and the email (empty: none) of an account. Needs ``Action.MANAGE_ACCOUNTS``."""
    actor.require(Action.MANAGE_ACCOUNTS)
    return _change(
        engine, username, actor.username, display_name=_display_name(display_name), email=normalise_email(email)
    )


def _change(
    engine: Engine, username: str, by: str, units: Iterable[str] | str | None = None, **changes: Any
) -> Account:
    """Apply changes to one account in a write transaction, after checking that it can still sign in, that its
    email is nobody else's, and that an active admin remains. ``units``: set them (None: keep them, unless the
    role changes, when they are checked for the new role: cleared when it is not unit finance)."""
    name = username.strip().lower()
    with writing(engine) as conn:
        rows = queries.users(conn)
        old = next((r for r in rows if r.username == name), None)
        if old is None:
            raise AccountError("account.unknown", username=username)
        new = replace(old, **changes)
        if units is not None or new.role != old.role:
            keep = old.units if new.role in SCOPED_ROLES else ""
            codes = _checked_units(conn, new.role, keep if units is None else units)
            new = replace(new, units=",".join(sorted(codes)))
            if new.units != old.units:
                repository.set_user_units(conn, name, codes, by)
        if changes.get("email") and any(r.email == changes["email"] and r is not old for r in rows):
            raise AccountError("account.duplicate_email", email=changes["email"])
        if ("email" in changes or "password_hash" in changes) and not _can_sign_in(new):
            raise AccountError("account.no_sign_in", username=name)
        if _active_admins(rows) and not _active_admins([new if r is old else r for r in rows]):
            raise AccountError("account.last_admin", username=name)
        actual = {k: v for k, v in changes.items() if k == "password_hash" or getattr(old, k) != v}
        if actual:
            repository.update_user(conn, name, by, **actual)
        if "password_hash" in actual:  # a reset password also lifts a throttling lock
            throttle.clear(conn, throttle.account_key(name))
    return _account(new)


def _can_sign_in(row: UserRow) -> bool:
    return row.password_hash is not None or bool(row.email) or "@" in row.username


def _active_admins(rows: list[UserRow]) -> set[str]:
    return {r.username for r in rows if r.role == "admin" and r.active}
