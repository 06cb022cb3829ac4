"""The real report on the demo database, for the writers' end-to-end tests (they skip until
``dashboard.reports.model`` is merged)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update

from dashboard.analytics.engine import GROUP
from dashboard.cli import main
from dashboard.reports.content import GapReport
from dashboard.status import load_model
from dashboard.storage.engine import open_database
from dashboard.storage.tables import units

HOSTILE_NAME = '=HYPERLINK("http://x","y")'


def demo_url(tmp_path: Path, hostile: bool = False) -> str:
    """The demo database in ``tmp_path``; with ``hostile``, its first unit is renamed to a formula."""
    url = f"sqlite:///{tmp_path}/demo.db"
    assert main(["demo", "--db", url]) == 0
    if hostile:
        engine = open_database(url)
        with engine.begin() as conn:
            first = conn.execute(select(units.c.code).order_by(units.c.code)).scalars().first()
            conn.execute(update(units).where(units.c.code == first).values(name_zh=HOSTILE_NAME))
        engine.dispose()
    return url


def real_report(url: str, lang: str = "zh") -> GapReport:
    """The group report of the latest quarter, as ``build_report`` makes it."""
    from dashboard.reports.model import ReportOptions, build_report

    engine = open_database(url)
    with engine.connect() as conn:
        model = load_model(conn, 2023, None, GROUP)
    engine.dispose()
    options = ReportOptions(lang=lang, group_name="示范集团", generated_at=datetime(2023, 7, 20, tzinfo=UTC))
    return build_report(model, options)
