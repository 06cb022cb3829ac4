"""The one-time setup code of the first run: while there is no account, the first admin may be created only by
someone who can read the server console, where this code is printed.

The code is random, made once per process (thread-safe: Streamlit serves each session on its own thread), and
printed on the server's standard error when it is made, in Chinese and English. Guesses are throttled and
audited (``attempt_setup_code``): 5 per client and 20 for everyone per 15 minutes, then doubling waits.
"""

from __future__ import annotations

import hmac
import secrets
import sys
import threading
import unicodedata

from sqlalchemy import Engine

from dashboard.auth import throttle
from dashboard.i18n import t
from dashboard.storage import repository
from dashboard.storage.engine import writing

ACTOR = "first-run"  # the audit log's actor of setup-code attempts

_lock = threading.Lock()
_code: str | None = None


def first_run_code() -> str:
    """This process's setup code, like ``ab12-cd34``; made (and printed on the console) at the first call."""
    global _code
    with _lock:
        if _code is None:
            raw = secrets.token_hex(4)
            _code = f"{raw[:4]}-{raw[4:]}"
            for lang in ("zh", "en"):
                print(t("setup.console", lang, code=_code), file=sys.stderr, flush=True)
        return _code


def check_setup_code(given: str) -> bool:
    """Whether ``given`` is this process's setup code, compared in constant time. Spaces, case, full-width
    characters and the hyphen do not matter.

    >>> reset_for_tests(); code = first_run_code()
    >>> check_setup_code(f"  {code.upper()} "), check_setup_code(code.replace("-", "")), check_setup_code("0000-0000")
    (True, True, False)
    """
    expected = _normal(first_run_code())
    return hmac.compare_digest(_normal(given).encode(), expected.encode())


def _normal(code: str) -> str:
    folded = unicodedata.normalize("NFKC", code)
    return "".join(ch for ch in folded.lower() if ch.isalnum() and ch.isascii())


def reset_for_tests() -> None:
    """Forget the code, so that the next ``first_run_code`` makes a new one (tests only)."""
    global _code
    with _lock:
        _code = None


def attempt_setup_code(engine: Engine, given: str, client: str = "") -> bool:
    """``check_setup_code``, throttled per client and for everyone (``dashboard.auth.throttle.setup_keys``) and
    audited: raises ``Throttled`` while locked, before comparing anything; a right code gives its attempt back.
    """
    keys = throttle.setup_keys(client)
    with writing(engine) as conn:
        admission = throttle.admit(conn, keys, repository.now())
        throttle.audit_admission(conn, ACTOR, client, admission, "setup_code_refused")
    if not admission.allowed:
        raise throttle.Throttled(admission.wait_seconds)
    right = check_setup_code(given)
    with writing(engine) as conn:
        if right:
            throttle.succeeded(conn, [], keys)
        repository.audit(conn, ACTOR, "setup_code", {"client": client, "right": right})
    return right
