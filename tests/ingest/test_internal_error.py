"""Our own bug while reading is an internal error with a reference in the log, not "file damaged"; real damage
in a file still is "file damaged". Either way nothing is stored and the attempt is logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import Engine

from dashboard import ingest
from dashboard.auth.roles import Actor
from dashboard.i18n import describe
from dashboard.imports import import_files
from dashboard.ingest import ReadOptions, read_upload
from dashboard.storage import queries
from tests.workbooks import flash, rewrite_part


def _bug(*args: object) -> None:
    raise KeyError("a programming error")


def _error_log() -> str:
    """What the internal-error log (dashboard.errors) holds so far."""
    handlers = logging.getLogger("dashboard.internal").handlers
    return "".join(Path(h.baseFilename).read_text("utf-8") for h in handlers if isinstance(h, logging.FileHandler))


def test_a_bug_is_an_internal_error_with_a_logged_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "find_layout", _bug)
    parsed = read_upload(flash(), "q2.xlsx")
    (problem,) = parsed.errors
    reference = problem.params["reference"]
    assert problem.code == "internal_error" and len(reference) == 8
    logged = _error_log()
    assert reference in logged and "KeyError: 'a programming error'" in logged  # the traceback is in the log
    zh, en = describe(problem, "zh", "q2.xlsx"), describe(problem, "en", "q2.xlsx")
    assert f"内部错误（参考号 {reference}），请联系管理员" in zh and "损坏" not in zh
    assert f"Internal error (reference {reference}); contact the administrator" in en
    assert "Traceback" not in zh + en and "KeyError" not in zh + en


def test_damage_in_the_file_is_still_damage() -> None:
    broken = rewrite_part(flash(), "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert [p.code for p in read_upload(broken, "broken.xlsx").errors] == ["file_damaged"]


def test_an_internal_error_stores_nothing_and_is_logged(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "find_layout", _bug)
    result = import_files(engine, [("q2.xlsx", flash())], ReadOptions(), Actor("li.na", "finance"))
    assert not result.stored and [p.code for p in result.plans[0].errors] == ["internal_error"]
    with engine.connect() as conn:
        (logged,) = queries.upload_log(conn)
        assert logged.outcome == "rejected" and "internal_error" in logged.problems
        assert queries.current_figures(conn) == {}
