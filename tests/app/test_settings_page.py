"""A setting that is not allowed stops the web app with a page naming it, in both languages, and no traceback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("DASHBOARD_TIMEZONE", "Mars/Base", "Asia/Shanghai"),
        ("DASHBOARD_LANG", "fr", "zh, en"),
        ("DASHBOARD_STATUS_RED_GAP", "10", "0.10"),
        ("DASHBOARD_STATUS_PACE", "fast", "linear, seasonal"),
        ("DASHBOARD_UPLOAD_MAX_MB", "-5", "0"),
        ("DASHBOARD_DATABASE_URL", "foo://", "postgresql://"),
    ],
)
def test_a_wrong_setting_shows_an_error_page(
    db_url: str, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, allowed: str
) -> None:
    monkeypatch.setenv(variable, value)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "设置有误" in at.title[0].value and "a setting is wrong" in at.title[0].value
    message = at.error[0].value
    assert variable in message and value in message and allowed in message
    assert "设置错误" in message and "Setting error" in message
    assert not at.text_input  # no sign-in form behind it


def test_a_percentage_with_its_sign_is_accepted(app: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_STATUS_RED_GAP", "10%")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.error
