"""Real-browser tests: Playwright driving Debian's Chromium against a Streamlit server started for the module.

The ``browser`` marker is registered here (``pytest -m "not browser"`` leaves them out). The tests skip, with
the reason shown, when /usr/bin/chromium or the playwright package is missing; CI installs both.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real browser (Playwright + /usr/bin/chromium)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Keep each phase's report on the test item, so a fixture can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{call.when}", report)
    return report
