"""The web app through its entry file (AppTest), on a copy of the sample database with one account per role."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.accounts import set_password
from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.storage.engine import open_database

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "Quarterly-Flash-2023"
ACCOUNTS = {"admin": "admin", "finance": "finance", "executive": "leader"}  # role → demo username


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once; each test gets a copy."""
    path = tmp_path_factory.mktemp("app") / "sample.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_TEST_FAST_HASH", "1")
        assert main(["demo", "--db", f"sqlite:///{path}"]) == 0
        engine = open_database(f"sqlite:///{path}")
        for username in ACCOUNTS.values():
            set_password(engine, username, PASSWORD, Actor("test", "admin"))
        with engine.connect() as conn:  # fold the write-ahead log into the file, which the tests copy
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
    return path


@pytest.fixture
def db_url(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    copy = tmp_path / "app.db"
    shutil.copy(sample_db, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_LANG", "zh")
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
    return url


@pytest.fixture
def app(db_url: str) -> Callable[..., AppTest]:
    """An app session signed in with a role (or signed out with ``None``), in a language, run once."""

    def start(role: str | None, lang: str = "zh", page: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["lang"] = lang
        if role is not None:
            at.session_state["auth.username"] = ACCOUNTS[role]
        at.run()
        if page is not None:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return start


def texts(at: AppTest) -> str:
    """Every piece of text the run shows (markdown, titles, captions, messages, metric labels and values)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)
