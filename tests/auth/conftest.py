"""Cheap password hashing for the account tests (DASHBOARD_TEST_FAST_HASH, see dashboard.auth.passwords)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_TEST_FAST_HASH", "1")
