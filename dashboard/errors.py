"""Unexpected errors: the person sees a short reference; the traceback goes to the log under that reference.

The log is ``data/logs/errors.log`` (git-ignored), or the system's temporary directory when data/ cannot be
written. Nothing here prints a traceback to the terminal or the page.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from pathlib import Path

from dashboard.config import REPO_ROOT

log = logging.getLogger("dashboard.internal")
LOG_FILE = REPO_ROOT / "data" / "logs" / "errors.log"


def report_internal(exc: BaseException, where: str = "") -> str:
    """Log ``exc`` with its traceback under a new reference id and return the id (8 hex digits), for a message
    such as "internal error, reference 1a2b3c4d"."""
    reference = uuid.uuid4().hex[:8]
    _ensure_handler()
    log.error("internal error %s in %s", reference, where or "dashboard", exc_info=exc)
    return reference


def _ensure_handler() -> None:
    if any(isinstance(h, logging.FileHandler) for h in log.handlers):
        return
    log.propagate = False  # never to a handler that prints to the terminal (the root's lastResort does)
    log.setLevel(logging.ERROR)
    for path in (LOG_FILE, Path(tempfile.gettempdir()) / "dashboard-errors.log"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            continue
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        return
    log.addHandler(logging.NullHandler())
