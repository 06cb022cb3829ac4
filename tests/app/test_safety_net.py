"""The entry file's safety net: a programming error on a page is a reference, never a traceback; a busy database
is "try again"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.storage.engine import DatabaseBusy
from dashboard.ui import sections


def _bug(*args: object, **kwargs: object) -> object:
    raise KeyError("a programming error")


def _busy(*args: object, **kwargs: object) -> object:
    raise DatabaseBusy


@pytest.mark.parametrize(("failure", "expected"), [(_bug, "内部错误（编号 "), (_busy, "数据库正忙")])
def test_a_failing_page_shows_a_message_not_a_traceback(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, failure: object, expected: str
) -> None:
    monkeypatch.setattr(sections, "figures", failure)
    at = app("executive")  # asserts that no exception reached the page
    shown = " ".join(str(e.value) for e in [*at.error, *at.warning])
    assert expected in shown and "KeyError" not in shown
