"""The web app through its entry file (AppTest), on a copy of the sample database with one account per role."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.accounts import get_account, set_password
from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.demo import create_demo_unit_account
from dashboard.storage.engine import open_database

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "Quarterly-Flash-2023"
# role → demo username (unit1101: the demo's unit finance account, units 1101 and 1102)
ACCOUNTS = {"admin": "admin", "finance": "finance", "executive": "leader", "unit_finance": "unit1101"}


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once; each test gets a copy."""
    path = tmp_path_factory.mktemp("app") / "sample.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_TEST_FAST_HASH", "1")
        assert main(["demo", "--db", f"sqlite:///{path}"]) == 0
        engine = open_database(f"sqlite:///{path}")
        with engine.connect() as conn:
            unit_account = get_account(conn, "unit1101")
        if unit_account is None:  # until the demo command creates it (cli/setup.py's demo accounts)
            create_demo_unit_account(engine, PASSWORD, Actor("test", "admin"))
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
    parts += [f"{b.name} {b.badge} " + " ".join(c.text() for c in b.cards) for b in kpi_blocks(at)]
    return "\n".join(parts)


@dataclass
class KpiCard:
    """One headline card as drawn (``dashboard/ui/cards.py``): its label, values and notes in order."""

    label: str = ""
    values: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def value(self) -> str:
        return self.values[0]

    @property
    def note(self) -> str:
        return self.notes[0]

    def text(self) -> str:
        return " ".join([self.label, *self.values, *self.notes])


@dataclass
class KpiBlock:
    """One metric's headline: its name, the status badge's text and its cards."""

    name: str = ""
    badge: str = ""
    cards: list[KpiCard] = field(default_factory=list)


class _KpiParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[KpiBlock] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        kind = next((c for c in classes if c.startswith("kpi-")), "")
        if kind == "kpi-block":
            self.blocks.append(KpiBlock())
        elif kind == "kpi-card":
            self.blocks[-1].cards.append(KpiCard())
        elif kind == "kpi-value":
            self.blocks[-1].cards[-1].values.append("")
        elif kind == "kpi-note":
            self.blocks[-1].cards[-1].notes.append("")
        self.stack.append(kind or (self.stack[-1] if self.stack else ""))

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        kind = next((k for k in reversed(self.stack) if k in _KPI_TEXT), "")
        if not kind:
            return
        block = self.blocks[-1]
        if kind == "kpi-metric":
            block.name += data
        elif kind == "kpi-badge":
            block.badge += data
        elif kind == "kpi-label":
            block.cards[-1].label += data
        elif kind == "kpi-value":
            block.cards[-1].values[-1] += data
        else:
            block.cards[-1].notes[-1] += data


_KPI_TEXT = ("kpi-metric", "kpi-badge", "kpi-label", "kpi-value", "kpi-note")


def kpi_blocks(at: AppTest) -> list[KpiBlock]:
    """The headline of each metric the run shows (the cards are our own HTML, ``st.html``), in page order."""
    blocks: list[KpiBlock] = []
    for element in at.get("html"):
        parser = _KpiParser()
        parser.feed(str(element.proto.body))
        blocks += parser.blocks
    return blocks


def kpi_values(at: AppTest) -> list[str]:
    """Every card's first value, metric after metric (what ``st.metric`` values were)."""
    return [card.value for block in kpi_blocks(at) for card in block.cards]
