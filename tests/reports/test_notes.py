"""The notes carry the comments of units that have not reported (a comment needs no figures)."""

from __future__ import annotations

from datetime import UTC, datetime

from dashboard.analytics.model import build
from dashboard.domain import Period, VarianceComment
from dashboard.reports.model import status_styles
from dashboard.reports.notes import notes_section
from dashboard.reports.tables import Frame
from tests.analytics.test_model import stored

NOW = datetime(2023, 4, 20, tzinfo=UTC)


def test_a_unit_that_has_not_reported_keeps_its_comment_and_measures() -> None:
    model = build(stored(), 2023, 1)  # A1 has no 2023Q1 figure
    assert model.not_reported == ("A1",)
    said = VarianceComment("A1", "revenue", Period(2023, 1), 1, "系统切换，4月补报", "<b>催报</b>", "finance", NOW)
    frame = Frame(model, "zh", "wan", {"A1": "新设公司"})
    paragraphs = notes_section(
        frame, status_styles("zh", "green-good"), "green-good", {("A1", "revenue"): said}
    ).paragraphs
    assert "新设公司（营业收入）差异说明：系统切换，4月补报；措施：<b>催报</b>" in paragraphs  # writers escape it
    frame = Frame(model, "en", "wan", {"A1": "New Co"})
    english = notes_section(frame, status_styles("en", "green-good"), "green-good", {("A1", "revenue"): said})
    assert (
        "New Co (Operating revenue), variance comment: 系统切换，4月补报; measures: <b>催报</b>" in english.paragraphs
    )
