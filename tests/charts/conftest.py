"""The sample database, read once for the chart tests: the 2023Q2 read model, three years of history."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

import pytest

from dashboard.analytics.engine import Report, Settings, TargetSpec
from dashboard.analytics.model import MetricSeries, ReadModel, Stored, build, metric_series
from dashboard.analytics.series import History
from dashboard.cli import main
from dashboard.domain import Period
from dashboard.status import load_history, load_model, load_stored
from dashboard.storage.engine import open_database


@dataclass(frozen=True)
class Sample:
    model: ReadModel  # 2023Q2, group targets only (as stored), linear pace
    stored: Stored
    history: History  # 2021–2023
    names: dict[str, str]  # unit code → Chinese name

    @property
    def report(self) -> Report:
        return self.model.report

    @property
    def members(self) -> list[str]:
        return list(self.model.members)

    def series(
        self, metric: str = "revenue", pace: str = "linear", quarter: int = 2, **figures: object
    ) -> MetricSeries:
        """The group's series of a metric as of a quarter of 2023 for a pace; ``figures`` replace the group's
        figures (e.g. a projection or target taken away)."""
        model = self.model if quarter == 2 else build(self.stored, 2023, quarter)
        base = dataclasses.replace(model.entity.metrics[metric], **figures)  # type: ignore[arg-type]
        return metric_series(self.history, self.members, metric, Period(2023, quarter), base, pace)

    def with_unit_targets(self, growth: str = "0.05") -> Report:
        """The report again, with every unit given a cascaded target of last year × (1 + growth)."""
        cascaded = tuple(
            TargetSpec(m.code, c, None, Decimal(growth), None) for c in self.stored.units for m in self.stored.metrics
        )
        stored = dataclasses.replace(self.stored, targets=(*self.stored.targets, *cascaded))
        return build(stored, 2023, 2).report


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    url = f"sqlite:///{tmp_path_factory.mktemp('charts')}/demo.db"
    assert main(["--db", url, "demo"]) == 0
    engine = open_database(url)
    try:
        with engine.connect() as conn:
            model = load_model(conn, 2023, Period(2023, 2), settings=Settings())
            stored = load_stored(conn, 2023)
            history = load_history(conn, [2021, 2022, 2023])
    finally:
        engine.dispose()
    return Sample(model, stored, history, {c: u.name_zh for c, u in model.units.items()})
