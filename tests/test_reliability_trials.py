"""A short run of the reliability trials (reliability/): 5 kill -9 trials and 3 concurrent-import trials per
database. ``make reliability`` runs the long version (200 and 100)."""

from __future__ import annotations

import pytest

from reliability import concurrent_trials, kill_trials
from tests.conftest import pg_reason

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _needs(backend: str) -> None:
    if backend == "postgresql" and pg_reason():
        pytest.skip(pg_reason())


@pytest.mark.parametrize("backend", BACKENDS)
def test_kill_trials(backend: str) -> None:
    _needs(backend)
    report = kill_trials.run_trials(backend, trials=5, rows=600)
    assert report.trials == 5 and not report.failures, report.failures
    assert report.stored >= 1  # the calibration import at least


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_trials(backend: str) -> None:
    _needs(backend)
    report = concurrent_trials.run_trials(backend, trials=3, rows=100)
    assert report.trials == 3 and not report.failures, report.failures
    assert report.exits["stored"] + report.exits["refused"] == 9
