"""The real gap report of the demo database (needs ``dashboard.reports.model``; tests import this after
``pytest.importorskip``): the group as of 2023Q2, built through the read model and the report model."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dashboard.cli import main
from dashboard.domain import Period
from dashboard.status import load_model
from dashboard.storage.engine import open_database


def demo_report(model_module: ModuleType, folder: object, lang: str) -> Any:
    """``build_report`` of the demo data's group report for 2023 as of Q2 in ``lang`` (a GapReport)."""
    path = Path(str(folder)) / "demo.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("DASHBOARD_TEST_FAST_HASH", "1")
            assert main(["demo", "--db", url]) == 0
    engine = open_database(url)
    try:
        with engine.connect() as conn:
            model = load_model(conn, 2023, Period(2023, 2))
            options = model_module.options_from_settings(conn, lang, "tester")
        return model_module.build_report(model, options)
    finally:
        engine.dispose()
