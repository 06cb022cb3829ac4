"""Throttling of password guesses and setup-code guesses, per account and per client, with delays that double.

Every attempt is counted *before* the password is hashed: ``admit`` refuses while a key is locked (no Argon2
hash is computed then), else counts the attempt against each of its keys. The attempt that reaches a key's
limit within the window still runs, and locks the key for ``delay`` — doubled at each lock in a row, up to
``max_delay``. A successful sign-in clears the account's count and gives the client its attempt back.

The counts live in the database (table sign_in_throttle), so every app instance shares them; the functions run
inside ``dashboard.storage.engine.writing``, whose serialised writers make each count exact. An unknown username
is counted like a real one, so a refusal never tells whether an account exists.

With the defaults an account gets 5 tries, then waits 1, 2, 4 … 60 minutes; a client 10 tries over all
accounts; the setup code 5 tries per client and 20 for everyone, with the same doubling delays.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from dashboard.storage import repository
from dashboard.storage.rows import ThrottleRow
from dashboard.storage.tables import sign_in_throttle

KEY_WIDTH = 200


@dataclass(frozen=True, slots=True)
class Limits:
    """How many attempts a key gets per window, and how long the first lock lasts (doubling to max_delay).
    A key untouched for ``forget_after`` is dropped, and with it its lock count."""

    failures: int
    window: timedelta = timedelta(minutes=15)
    delay: timedelta = timedelta(minutes=1)
    max_delay: timedelta = timedelta(hours=1)
    forget_after: timedelta = timedelta(days=1)

    def lock_for(self, lockouts: int) -> timedelta:
        """The delay of the n-th lock in a row.

        >>> [Limits(5).lock_for(n).total_seconds() for n in (1, 2, 3, 7, 8, 30)]
        [60.0, 120.0, 240.0, 3600.0, 3600.0, 3600.0]
        """
        delay: timedelta = self.delay * 2 ** min(lockouts - 1, 20)
        return min(delay, self.max_delay)


ACCOUNT = Limits(failures=5)
CLIENT = Limits(failures=10)
SETUP_CLIENT = Limits(failures=5)
SETUP_ALL = Limits(failures=20)


class Throttled(Exception):
    """Too many failed attempts for this account, from this client or at the setup code: try again in
    ``seconds``. Raised the same way for known and unknown usernames, before any password is hashed."""

    code = "auth.throttled"

    def __init__(self, seconds: int) -> None:
        super().__init__(f"{self.code}: {seconds}s")
        self.seconds = seconds


@dataclass(frozen=True, slots=True)
class Admission:
    """``admit``'s answer: allowed, or refused for ``wait_seconds``; ``locked`` names the keys this attempt
    locked (each one is audited as a lockout), with their delay in seconds."""

    allowed: bool
    wait_seconds: int = 0
    locked: tuple[tuple[str, int], ...] = ()


def sign_in_keys(username: str, client: str) -> dict[str, Limits]:
    """The keys of a password sign-in: the account (as typed, normalised) and the client's address. With no
    address known (behind some proxies every browser looks alike) only the account counts: one shared
    "unknown" client would let ten wrong guesses by anyone lock everyone out.

    >>> sorted(sign_in_keys(" Zhang.Wei ", "10.0.0.7")), sorted(sign_in_keys("li.na", ""))
    (['account:zhang.wei', 'client:10.0.0.7'], ['account:li.na'])
    """
    name = username.strip().lower()
    keys = {_key("account:", name): ACCOUNT}
    if client:
        keys[_key("client:", client)] = CLIENT
    return keys


def setup_keys(client: str) -> dict[str, Limits]:
    """The keys of a setup-code attempt: the client, and everyone together (a 32-bit code must not be found by
    changing addresses)."""
    return {_key("setup:", client or "unknown"): SETUP_CLIENT, "setup:*": SETUP_ALL}


def account_key(username: str) -> str:
    """The key of an account, for ``clear`` (an admin's unlock, a password reset)."""
    return _key("account:", username.strip().lower())


def _key(prefix: str, value: str) -> str:
    return prefix + "".join(ch for ch in value if ch.isprintable())[: KEY_WIDTH - len(prefix)]


def admit(conn: Connection, keys: Mapping[str, Limits], at: datetime) -> Admission:
    """Refuse while any key is locked (how long to wait: the longest lock); else count this attempt against
    every key, locking those that reach their limit. Call inside ``writing`` before hashing anything."""
    rows = _rows(conn, keys)
    waits = [_aware(r.locked_until) - at for r in rows.values() if r.locked_until is not None]
    longest = max(waits, default=timedelta(0))
    if longest > timedelta(0):
        return Admission(False, max(1, math.ceil(longest.total_seconds())))
    locked = []
    for key, limits in keys.items():
        lock = _count(conn, key, limits, rows.get(key), at)
        if lock is not None:
            locked.append((key, lock))
    _forget(conn, keys.values(), at)
    return Admission(True, 0, tuple(locked))


def _count(conn: Connection, key: str, limits: Limits, row: ThrottleRow | None, at: datetime) -> int | None:
    """Count one attempt against a key; the lock's seconds when it reached the limit."""
    failures, start, lockouts = (0, at, 0) if row is None else (row.failures, _aware(row.window_start), row.lockouts)
    last_lock = None if row is None or row.locked_until is None else _aware(row.locked_until)
    if at - start >= limits.window:
        failures, start = 0, at
    if last_lock is not None and at - last_lock >= limits.forget_after:
        lockouts = 0
    failures += 1
    values: dict[str, Any] = {"failures": failures, "window_start": start, "lockouts": lockouts, "updated_at": at}
    lock = None
    if failures >= limits.failures:
        lockouts += 1
        delay = limits.lock_for(lockouts)
        values.update(failures=0, window_start=at, lockouts=lockouts, locked_until=at + delay)
        lock = int(delay.total_seconds())
    if row is None:
        conn.execute(insert(sign_in_throttle).values(key=key, **values))
    else:
        conn.execute(update(sign_in_throttle).where(sign_in_throttle.c.key == key).values(**values))
    return lock


def audit_admission(conn: Connection, actor: str, client: str, admission: Admission, refused: str) -> None:
    """Audit a refusal (as the action ``refused``), or the locks an admitted attempt set (``lockout``)."""
    if not admission.allowed:
        repository.audit(conn, actor, refused, {"client": client, "wait_seconds": admission.wait_seconds})
    for key, seconds in admission.locked:
        repository.audit(conn, actor, "lockout", {"key": key, "client": client, "seconds": seconds})


def succeeded(conn: Connection, clear: Iterable[str], give_back: Iterable[str]) -> None:
    """After a correct password: forget the ``clear`` keys (the account) and take back the attempt counted
    against the ``give_back`` keys (the client), leaving their locks as they are."""
    clear = list(clear)
    if clear:
        conn.execute(delete(sign_in_throttle).where(sign_in_throttle.c.key.in_(clear)))
    for key in give_back:
        conn.execute(
            update(sign_in_throttle)
            .where(sign_in_throttle.c.key == key, sign_in_throttle.c.failures > 0)
            .values(failures=sign_in_throttle.c.failures - 1)
        )


def clear(conn: Connection, key: str) -> bool:
    """Forget a key's count and lock (an admin unlocking an account); True when there was something to forget."""
    return bool(conn.execute(delete(sign_in_throttle).where(sign_in_throttle.c.key == key)).rowcount)


def _rows(conn: Connection, keys: Iterable[str]) -> dict[str, ThrottleRow]:
    query = select(sign_in_throttle).where(sign_in_throttle.c.key.in_(list(keys)))
    return {r["key"]: ThrottleRow(**r) for r in conn.execute(query).mappings()}


def _forget(conn: Connection, limits: Iterable[Limits], at: datetime) -> None:
    """Drop keys untouched for longer than any window and lock could matter."""
    horizon = max((x.forget_after for x in limits), default=timedelta(days=1))
    conn.execute(delete(sign_in_throttle).where(sign_in_throttle.c.updated_at < at - horizon))


def _aware(moment: datetime) -> datetime:
    """SQLite returns stored UTC without its zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
