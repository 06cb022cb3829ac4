"""Passwords: Argon2id hashes (argon2-cffi, RFC 9106 low-memory parameters: 64 MiB, 3 passes) and the policy.

The policy keeps the simple rules (at least 10 characters, not the username, not digits only, enough different
characters, not one of a few well-known choices) and then asks zxcvbn (the maintained Python port of Dropbox's
estimator, PyPI ``zxcvbn``) how many guesses an attacker needs. zxcvbn knows 30,000 common and breached
passwords and 63,855 English words, names and surnames (93,855 ranked entries), keyboard paths (qwerty, dvorak,
keypads), sequences, repeats, dates and l33t spellings; ``dashboard.auth.pinyin`` adds pinyin surnames,
syllables and phrases and meaningful numbers (520, 1314), and the username, display name and email are added
as words of their own. A password needs at least ``MIN_GUESSES`` (10¹⁰) guesses: a random 10-character
password just reaches it, a pinyin name with a date does not.

For the test suite only, ``DASHBOARD_TEST_FAST_HASH=1`` in the environment switches to the cheapest parameters
(8 KiB, 1 pass) so that hundreds of hashes take milliseconds. It is read at every call, so a test can set it
with ``monkeypatch.setenv``; it is not a user setting and must never be set on a server. A hash made with the
cheap parameters reports ``needs_rehash`` under the real ones, and is replaced at the next sign-in.
"""

from __future__ import annotations

import functools
import os
import re
import secrets
from collections.abc import Iterable
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error
from zxcvbn import matching, scoring

from dashboard.auth.pinyin import ranked_words

MIN_LENGTH = 10
MIN_GUESSES = 1e10  # zxcvbn's estimate; ~3 years per core against our 64 MiB Argon2id offline
MAX_ANALYSED = 64  # zxcvbn's time grows fast with length; a longer password is judged by its first 64 characters
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


def password_problems(password: str, username: str = "", context: Iterable[str] = ()) -> list[str]:
    """What is wrong with a new password, as i18n codes (empty when it is acceptable), most basic first; zxcvbn's
    judgement (``guessable``) is asked only when the simple rules pass. ``context``: other words of the account
    (display name, email) that must not make the password guessable.

    >>> password_problems("short")
    ['password.too_short']
    >>> password_problems("zhang.wei-2023", "zhang.wei"), password_problems("1234567890123")
    (['password.contains_username'], ['password.digits_only'])
    >>> password_problems("aaaaaaaaaaaa"), password_problems("Password123"), password_problems("山高水长-Q3目标达成")
    (['password.too_simple'], ['password.common'], [])
    >>> password_problems("wangfang19900101"), password_problems("1qaz2wsx3e"), password_problems("abcdefghij")
    (['password.date'], ['password.common'], ['password.sequence'])
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
    weakness = None if problems else guessable(password, [name, *context])
    return [weakness] if weakness else problems


def guessable(password: str, words: Iterable[str] = ()) -> str | None:
    """None when zxcvbn puts the password at ``MIN_GUESSES`` guesses or more; else the code of its most telling
    weakness: password.common, .pinyin, .personal (the account's own words), .words, .keyboard, .sequence,
    .repeat, .date, or .guessable (short and plain).

    >>> guessable("kx8#Lm2qPz"), guessable("P@ssword2023"), guessable("1qaz2wsx3edc"), guessable("zxcvbnm,./")
    (None, 'password.common', 'password.common', 'password.keyboard')
    >>> guessable("zhangwei2023", ["zhang.wei"]), guessable("zhangwei2023"), guessable("Qz19900101!")
    ('password.personal', 'password.pinyin', 'password.date')
    """
    sample = password[:MAX_ANALYSED]
    if not sample:
        return "password.guessable"
    pieces = _pieces(words)
    dictionaries = {**_dictionaries(), "user_inputs": matching.build_ranked_dict(pieces)}
    found = scoring.most_guessable_match_sequence(sample, matching.omnimatch(sample, dictionaries))
    if float(found["guesses"]) >= MIN_GUESSES:
        return None
    telling = [m for m in found["sequence"] if m["pattern"] != "bruteforce"]
    if not telling:
        return "password.guessable"
    if any(len(piece) >= 3 and piece in sample.lower() for piece in pieces):
        return "password.personal"
    return _reason(max(telling, key=lambda m: len(m["token"])))


_DICTIONARY_REASON = {"passwords": "password.common", "pinyin": "password.pinyin", "user_inputs": "password.personal"}
_PATTERN_REASON = {
    "spatial": "password.keyboard",
    "sequence": "password.sequence",
    "repeat": "password.repeat",
    "date": "password.date",
    "regex": "password.date",  # zxcvbn's only regex is a recent year
}


def _reason(match: dict[str, Any]) -> str:
    if match["pattern"] == "dictionary":
        return _DICTIONARY_REASON.get(str(match.get("dictionary_name")), "password.words")
    return _PATTERN_REASON.get(str(match["pattern"]), "password.guessable")


@functools.cache
def _dictionaries() -> dict[str, dict[str, int]]:
    """zxcvbn's ranked lists plus pinyin; a copy, so that no call changes zxcvbn's shared (module) state."""
    return {**matching.RANKED_DICTIONARIES, "pinyin": matching.build_ranked_dict(ranked_words())}


def _pieces(words: Iterable[str]) -> list[str]:
    """The words and their parts split at punctuation and spaces, lower case, of 2 characters or more.

    >>> _pieces(["Zhang.Wei", "li.na@corp.example", ""])
    ['zhang.wei', 'zhangwei', 'zhang', 'wei', 'li.na@corp.example', 'linacorpexample', 'li', 'na', 'corp', 'example']
    """
    out: dict[str, None] = {}
    for word in words:
        folded = word.strip().lower()
        parts = re.split(r"[\s._@+\-]+", folded)
        for piece in (folded, "".join(parts), *parts):
            if len(piece) >= 2:
                out.setdefault(piece, None)
    return list(out)
