"""Passwords: Argon2id hashes (argon2-cffi, RFC 9106 low-memory parameters: 64 MiB, 3 passes) and the policy.

For the test suite only, ``DASHBOARD_TEST_FAST_HASH=1`` in the environment switches to the cheapest parameters
(8 KiB, 1 pass) so that hundreds of hashes take milliseconds. It is read at every call, so a test can set it
with ``monkeypatch.setenv``; it is not a user setting and must never be set on a server. A hash made with the
cheap parameters reports ``needs_rehash`` under the real ones, and is replaced at the next sign-in.
"""

from __future__ import annotations

import functools
import os
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error

MIN_LENGTH = 10
COMMON = frozenset(
    {
        "password123",
        "password1234",
        "passw0rd123",
        "p@ssw0rd123",
        "1234567890",
        "12345678910",
        "0123456789",
        "qwertyuiop",
        "qwerty12345",
        "qwer123456",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "zxcvbnm123",
        "asdfghjkl1",
        "admin12345",
        "admin123456",
        "administrator",
        "abc1234567",
        "abcd123456",
        "a123456789",
        "123456789a",
        "aa123456789",
        "iloveyou123",
        "woaini1314",
        "woaini520",
        "changeme123",
        "welcome123",
        "dashboard123",
    }
)
_REAL = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4
_FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _hasher() -> PasswordHasher:
    return _FAST if os.environ.get("DASHBOARD_TEST_FAST_HASH") == "1" else _REAL


def hash_password(password: str) -> str:
    """An Argon2id hash with a random salt, e.g. ``$argon2id$v=19$m=65536,t=3,p=4$…``."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches the hash; False (never an exception) for a wrong, empty or malformed hash.

    >>> verify_password("not a hash", "secret"), verify_password(None, "secret")
    (False, False)
    """
    if not password_hash:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (Argon2Error, ValueError, TypeError):  # mismatch, malformed hash (InvalidHashError is a ValueError)
        return False


def dummy_hash() -> str:
    """A hash of a random password with the current parameters: checking a password of an unknown user against
    it costs as long as a real check, so response times do not tell which usernames exist."""
    return _dummy(_hasher() is _FAST)


@functools.cache
def _dummy(fast: bool) -> str:
    return (_FAST if fast else _REAL).hash(secrets.token_urlsafe(16))


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones (True for a malformed hash).

    >>> needs_rehash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
    True
    """
    try:
        return _hasher().check_needs_rehash(password_hash)
    except (Argon2Error, ValueError, TypeError):
        return True


def password_problems(password: str, username: str = "") -> list[str]:
    """What is wrong with a new password, as i18n codes (empty when it is acceptable), most basic first.

    >>> password_problems("short")
    ['password.too_short']
    >>> password_problems("zhang.wei-2023", "zhang.wei"), password_problems("1234567890123")
    (['password.contains_username'], ['password.digits_only'])
    >>> password_problems("aaaaaaaaaaaa"), password_problems("Password123"), password_problems("山高水长-Q3目标达成")
    (['password.too_simple'], ['password.common'], [])
    """
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append("password.too_short")
    name = username.strip().lower()
    folded = password.lower()
    if name and (folded == name or (len(name) >= 3 and name in folded)):
        problems.append("password.contains_username")
    if password.isdigit():
        problems.append("password.digits_only")
    elif len(set(folded)) < 4:
        problems.append("password.too_simple")
    if folded in COMMON:
        problems.append("password.common")
    return problems
