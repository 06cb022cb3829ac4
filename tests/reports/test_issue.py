"""Issuing gap reports: the exact bytes kept and returned, who/when/period/scope/version recorded, executives
refused, and the differences between two issued reports of the same scope (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sqlalchemy import Engine, select, update

from dashboard.auth.roles import Actor, Forbidden
from dashboard.reports.content import GapReport
from dashboard.reports.issue import (
    Difference,
    IssueError,
    comparison,
    differences,
    issue_report,
    issued_bytes,
    issued_reports,
)
from dashboard.storage import queries
from dashboard.storage.engine import reading, writing
from dashboard.storage.tables import audit_log, stored_files
from dashboard.storage.tables import issued_reports as issued_table

FINANCE = Actor("li", "finance")
ADMIN = Actor("wang", "admin")
EXECUTIVE = Actor("zhao", "executive")
PDF = b"%PDF-1.7\n\x00\xff\xfe binary \r\n bytes \x1a" + bytes(range(256)) * 40


def fake_report(summary: dict[str, Any], scope: str = "", lang: str = "zh", quarter: int = 2) -> GapReport:
    """What issuing reads of a report: its model's year, quarter and scope, its language, file name and summary."""
    model = SimpleNamespace(year=2023, quarter=quarter, scope=scope)
    name = f"2023Q{quarter}_{scope or '集团'}_缺口分析"
    return cast(GapReport, SimpleNamespace(model=model, lang=lang, filename=name, summary=summary))


def summary(revenue: str = "18240000000.00", status: str = "amber", comment: str = "回款延迟") -> dict[str, Any]:
    return {
        "headline": {"revenue": {"ytd_actual": revenue, "completion_rate": 0.48}, "profit": {"ytd_actual": "-5"}},
        "units": {"U01": {"revenue": {"status": status, "ytd_actual": "100"}}, "U02": {"revenue": {"status": "green"}}},
        "comments": {"U01|revenue": comment},
    }


def test_issuing_keeps_the_exact_bytes_with_who_when_period_scope_and_version(engine: Engine) -> None:
    before = datetime.now(UTC) - timedelta(seconds=5)
    with engine.connect() as conn:
        version = queries.data_version(conn)
    issued = issue_report(engine, FINANCE, fake_report(summary()), "pdf", PDF, built_from=version)
    assert issued.id >= 1 and issued.sha256 == hashlib.sha256(PDF).hexdigest() and issued.size == len(PDF)
    assert (issued.year, issued.quarter, issued.scope, issued.lang, issued.format) == (2023, 2, "", "zh", "pdf")
    assert issued.filename == "2023Q2_集团_缺口分析.pdf" and issued.issued_by == "li"
    assert issued.data_version == ".".join(map(str, version))
    at = issued.issued_at if issued.issued_at.tzinfo else issued.issued_at.replace(tzinfo=UTC)
    assert before <= at <= datetime.now(UTC) + timedelta(seconds=5)
    assert issued.summary == summary()
    with reading(engine) as conn:
        assert issued_bytes(conn, issued.id) == PDF
        [listed] = issued_reports(conn)
        entry = conn.execute(select(audit_log).order_by(audit_log.c.id.desc())).mappings().first()
        # issuing changes no figure: the data version (the web app's cache key) stays what the report was built from
        assert queries.data_version(conn) == version
    assert listed == issued
    assert entry is not None and entry["action"] == "report_issue" and entry["actor"] == "li"
    assert json.loads(entry["details"])["sha256"] == issued.sha256


def test_the_same_bytes_issued_twice_are_kept_once(engine: Engine) -> None:
    first = issue_report(engine, FINANCE, fake_report(summary()), "xlsx", b"same bytes")
    second = issue_report(engine, ADMIN, fake_report(summary(), lang="en"), "xlsx", b"same bytes")
    assert first.id != second.id and first.sha256 == second.sha256
    with reading(engine) as conn:
        assert len(conn.execute(select(stored_files.c.sha256)).all()) == 1
        assert issued_bytes(conn, second.id) == b"same bytes"
        assert [r.id for r in issued_reports(conn)] == [second.id, first.id]  # newest first
        assert [r.id for r in issued_reports(conn, scope="U01")] == []
        assert [r.id for r in issued_reports(conn, year=2023, scope="")] == [second.id, first.id]
        assert issued_reports(conn, year=2022) == []


def test_an_executive_is_refused_and_nothing_is_stored(engine: Engine) -> None:
    with pytest.raises(Forbidden):
        issue_report(engine, EXECUTIVE, fake_report(summary()), "pdf", PDF)
    with pytest.raises(Forbidden):
        issue_report(engine, Actor("nobody", None), fake_report(summary()), "pdf", PDF)
    with reading(engine) as conn:
        assert issued_reports(conn) == [] and not conn.execute(select(stored_files)).first()


@pytest.mark.parametrize(("fmt", "data", "key"), [("docx", b"x", "issue.bad_format"), ("pdf", b"", "issue.empty")])
def test_bad_format_or_empty_file_is_refused(engine: Engine, fmt: str, data: bytes, key: str) -> None:
    with pytest.raises(IssueError) as caught:
        issue_report(engine, FINANCE, fake_report(summary()), fmt, data)
    assert caught.value.key == key
    with reading(engine) as conn:
        assert issued_reports(conn) == []


def test_a_report_built_before_the_data_changed_is_not_issued(engine: Engine) -> None:
    with engine.connect() as conn:
        version = queries.data_version(conn)
    from dashboard.storage import repository

    with writing(engine) as conn:
        repository.save_setting(conn, "GROUP_NAME", "某集团", "wang")
    with pytest.raises(IssueError) as caught:
        issue_report(engine, FINANCE, fake_report(summary()), "pdf", PDF, built_from=version)
    assert caught.value.key == "issue.stale"
    with reading(engine) as conn:
        assert issued_reports(conn) == []


def test_a_kept_file_that_no_longer_matches_its_hash_is_refused(engine: Engine) -> None:
    issued = issue_report(engine, FINANCE, fake_report(summary()), "pdf", PDF)
    with writing(engine) as conn:
        conn.execute(update(stored_files).where(stored_files.c.sha256 == issued.sha256).values(content=PDF[:-1] + b"!"))
    with reading(engine) as conn, pytest.raises(IssueError) as caught:
        issued_bytes(conn, issued.id)
    assert caught.value.key == "issue.corrupt" and caught.value.params["id"] == issued.id
    with reading(engine) as conn, pytest.raises(IssueError) as missing:
        issued_bytes(conn, issued.id + 100)
    assert missing.value.key == "issue.not_found"


def test_differences_against_the_previous_report_of_the_same_scope_and_language(engine: Engine) -> None:
    first = issue_report(engine, FINANCE, fake_report(summary()), "pdf", PDF)
    other_scope = issue_report(engine, FINANCE, fake_report(summary(revenue="1"), scope="U01"), "pdf", b"unit")
    other_lang = issue_report(engine, FINANCE, fake_report(summary(revenue="2"), lang="en"), "pdf", b"en")
    changed = summary(revenue="18300000000.00", status="red", comment="回款延迟；已催收")
    changed["comments"]["U02|revenue"] = "新增说明"
    del changed["units"]["U02"]
    second = issue_report(engine, ADMIN, fake_report(changed, quarter=3), "xlsx", b"second")
    with reading(engine) as conn:
        assert differences(conn, first.id) == []  # the first of its scope has no previous
        assert comparison(conn, first.id)[1] is None
        assert comparison(conn, other_scope.id)[1] is None and comparison(conn, other_lang.id)[1] is None
        issued, previous, found = comparison(conn, second.id)
    assert issued.id == second.id and previous is not None and previous.id == first.id
    assert found == [
        Difference(("comments", "U01|revenue"), "changed", "回款延迟", "回款延迟；已催收"),
        Difference(("comments", "U02|revenue"), "added", None, "新增说明"),
        Difference(("headline", "revenue", "ytd_actual"), "changed", "18240000000.00", "18300000000.00"),
        Difference(("units", "U01", "revenue", "status"), "changed", "amber", "red"),
        Difference(
            (
                "units",
                "U02",
            ),
            "removed",
            {"revenue": {"status": "green"}},
            None,
        ),
    ]
    assert {d.section for d in found} == {"comments", "headline", "units"}


def test_the_summary_is_stored_as_exact_json(engine: Engine) -> None:
    from decimal import Decimal

    issued = issue_report(engine, FINANCE, fake_report({"headline": {"x": Decimal("0.10"), "y": (1, 2)}}), "csv", b"a")
    with reading(engine) as conn:
        raw = conn.execute(select(issued_table.c.summary).where(issued_table.c.id == issued.id)).scalar_one()
    assert json.loads(raw) == {"headline": {"x": "0.10", "y": [1, 2]}}


def test_a_reissued_period_is_compared_with_its_own_last_issue_never_a_later_period(engine: Engine) -> None:
    q2 = issue_report(engine, FINANCE, fake_report(summary(revenue="1"), quarter=2), "pdf", b"q2")
    q3 = issue_report(engine, FINANCE, fake_report(summary(revenue="2"), quarter=3), "pdf", b"q3")
    q2_again = issue_report(engine, FINANCE, fake_report(summary(revenue="3"), quarter=2), "pdf", b"q2 again")
    q1_late = issue_report(engine, FINANCE, fake_report(summary(revenue="4"), quarter=1), "pdf", b"q1")
    with reading(engine) as conn:
        assert comparison(conn, q3.id)[1].id == q2.id  # last quarter's, none of its own yet
        assert comparison(conn, q2_again.id)[1].id == q2.id  # its own period first, not the later Q3
        assert comparison(conn, q1_late.id)[1] is None  # only later periods were issued before it
