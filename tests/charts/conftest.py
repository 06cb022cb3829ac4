"""The sample database, computed once for the chart tests: the 2023Q2 report, its inputs and three years."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

import pytest

from dashboard.analytics.engine import Inputs, Report, Settings, TargetSpec, compute
from dashboard.analytics.series import History
from dashboard.cli import main
from dashboard.domain import Period
from dashboard.status import compute_status, load_history
from dashboard.storage.engine import open_database


@dataclass(frozen=True)
class Sample:
    report: Report  # 2023Q2, group targets only (as stored)
    inputs: Inputs
    history: History  # 2021–2023
    names: dict[str, str]  # unit code → Chinese name

    @property
    def members(self) -> list[str]:
        return list(self.inputs.units)

    def with_unit_targets(self, growth: str = "0.05") -> Report:
        """The report again, with every unit given a cascaded target of last year × (1 + growth)."""
        cascaded = [
            TargetSpec(m.code, c, None, Decimal(growth), None) for c in self.inputs.units for m in self.inputs.metrics
        ]
        return compute(dataclasses.replace(self.inputs, targets=[*self.inputs.targets, *cascaded]))


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    url = f"sqlite:///{tmp_path_factory.mktemp('charts')}/demo.db"
    assert main(["--db", url, "demo"]) == 0
    engine = open_database(url)
    try:
        with engine.connect() as conn:
            report, inputs = compute_status(conn, 2023, Period(2023, 2), Settings())
            history = load_history(conn, [2021, 2022, 2023])
    finally:
        engine.dispose()
    return Sample(report, inputs, history, {c: u.name_zh for c, u in inputs.units.items()})
