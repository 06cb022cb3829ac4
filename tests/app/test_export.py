"""The export control on the Overview and Units pages: a download built on click, the Issue button only for
finance and admins, and the issued reports listed with their download and differences."""

from __future__ import annotations

import os
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.roles import Actor
from dashboard.reports.content import GapReport
from dashboard.reports.issue import issue_report
from dashboard.reports.pdf import PdfUnavailable
from dashboard.storage.engine import open_database

OVERVIEW = "app_pages/overview.py"
UNITS = "app_pages/units.py"


def buttons(at: AppTest, kind: str) -> list[Any]:
    return list(at.get(kind))


def labels(at: AppTest, kind: str) -> list[str]:
    return [str(b.label) for b in buttons(at, kind)]


def table(at: AppTest, first_column: str) -> Any:
    """The dataframe whose first column is ``first_column`` (编号: the issued reports; 项目: the differences)."""
    [found] = [d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column]]
    return found


def fake(summary: dict[str, Any], quarter: int = 2) -> GapReport:
    model = SimpleNamespace(year=2023, quarter=quarter, scope="")
    return cast(GapReport, SimpleNamespace(model=model, lang="zh", filename=f"2023Q{quarter}_集团", summary=summary))


@pytest.mark.parametrize("page", [OVERVIEW, UNITS])
def test_everyone_gets_a_download_button_built_on_click(app: Callable[..., AppTest], page: str) -> None:
    at = app("executive", page=page)
    assert "导出报告" in [e.label for e in at.expander]
    assert any("下载 XLSX" in label for label in labels(at, "download_button"))
    assert not [b for b in at.button if "签发" in b.label]  # an executive has no Issue button
    assert not at.toggle or all("说明" not in t.label for t in at.toggle)


def test_finance_sees_the_issue_button_and_the_narrative_toggle(app: Callable[..., AppTest]) -> None:
    at = app("finance", page=OVERVIEW)
    assert [b for b in at.button if b.label == "签发 XLSX 报告"]
    assert [t for t in at.toggle if t.label == "签发前修改分析说明"]


def test_the_pdf_is_built_on_request(app: Callable[..., AppTest]) -> None:
    at = app("executive", page=OVERVIEW)
    at.radio(key="export.group.format").set_value("pdf").run()
    assert not at.exception
    assert [b for b in at.button if b.label == "生成 PDF 并预览"]
    assert not any("PDF" in label for label in labels(at, "download_button"))


def test_issued_reports_are_listed_with_download_and_differences(app: Callable[..., AppTest], db_url: str) -> None:
    engine = open_database(db_url)
    first = issue_report(engine, Actor("finance", "finance"), fake({"headline": {"revenue": {"x": "1"}}}), "pdf", b"A")
    second = issue_report(engine, Actor("admin", "admin"), fake({"headline": {"revenue": {"x": "2"}}}), "xlsx", b"B")
    engine.dispose()
    at = app("executive", page=OVERVIEW)
    assert not at.exception
    assert list(table(at, "编号").iloc[:, 0]) == [f"#{second.id}", f"#{first.id}"]
    assert not any("#" in label for label in labels(at, "download_button"))  # nothing read until one is picked
    at.selectbox(key="export.group.issued_pick").set_value(second.id).run()
    assert f"#{second.id}" in labels(at, "download_button")[-1]
    diffs = table(at, "项目")
    assert list(diffs.iloc[0]) == ["headline / 营业收入 / x", "变更", "1", "2"]
    at.selectbox(key="export.group.issued_pick").set_value(first.id).run()
    assert any("第一份" in c.value for c in at.caption)


def test_finance_issues_from_the_page(app: Callable[..., AppTest]) -> None:
    pytest.importorskip("dashboard.reports.model")
    pytest.importorskip("dashboard.comments")
    pytest.importorskip("dashboard.reports.xlsx")
    at = app("finance", page=OVERVIEW)
    [issue] = [b for b in at.button if b.label == "签发 XLSX 报告"]
    issue.click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("已签发为报告 #1" in s.value for s in at.success)
    assert table(at, "编号").iloc[0, 0] == "#1"
    assert os.environ["DASHBOARD_DATABASE_URL"]


def test_without_chromium_the_pdf_is_a_warning_and_the_rest_stays(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.ui import export

    def no_pdf(self: object, fmt: str) -> bytes:
        raise PdfUnavailable("report.pdf.no_chromium", path="/usr/bin/chromium")

    monkeypatch.setattr(export._Job, "bytes", no_pdf)
    at = app("finance", page=OVERVIEW)
    at.radio(key="export.group.format").set_value("pdf").run()
    [build] = [b for b in at.button if b.label == "生成 PDF 并预览"]
    build.click().run()
    assert not at.exception and not at.error
    assert any("Chromium" in w.value for w in at.warning)
    at.radio(key="export.group.format").set_value("html").run()
    assert any("下载 HTML" in label for label in labels(at, "download_button"))


def test_a_pdf_is_previewed_as_page_images(app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.ui import export

    if not export.pdf_preview(_tiny_pdf()):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    monkeypatch.setattr(export._Job, "bytes", lambda self, fmt: _tiny_pdf())
    at = app("executive", page=OVERVIEW)
    at.radio(key="export.group.format").set_value("pdf").run()
    [build] = [b for b in at.button if b.label == "生成 PDF 并预览"]
    build.click().run()
    assert not at.exception
    assert any("下载 PDF" in label for label in labels(at, "download_button"))
    assert at.image


def _tiny_pdf() -> bytes:
    """A one-page PDF, written by hand (objects and cross-reference table with exact offsets)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_an_edited_narrative_is_what_is_issued(app: Callable[..., AppTest], db_url: str) -> None:
    pytest.importorskip("dashboard.reports.model")
    pytest.importorskip("dashboard.comments")
    pytest.importorskip("dashboard.reports.html")
    at = app("finance", page=OVERVIEW)
    at.radio(key="export.group.format").set_value("html").run()
    at.toggle(key="export.group.edit").set_value(True).run()
    assert not at.exception
    first = at.text_area[0]
    assert first.value  # the drafted paragraph
    first.set_value("经人工修改的说明 <b>不是标记</b>").run()
    [issue] = [b for b in at.button if b.label == "签发 HTML 报告"]
    issue.click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    from dashboard.reports.issue import issued_bytes
    from dashboard.storage.engine import reading

    engine = open_database(db_url)
    with reading(engine) as conn:
        data = issued_bytes(conn, 1)
    engine.dispose()
    assert "经人工修改的说明 &lt;b&gt;不是标记&lt;/b&gt;".encode() in data


def test_an_altered_kept_file_is_refused_on_the_page(app: Callable[..., AppTest], db_url: str) -> None:
    from sqlalchemy import update

    from dashboard.storage.engine import writing
    from dashboard.storage.tables import stored_files

    engine = open_database(db_url)
    issued = issue_report(engine, Actor("finance", "finance"), fake({}), "pdf", b"original")
    with writing(engine) as conn:
        conn.execute(update(stored_files).where(stored_files.c.sha256 == issued.sha256).values(content=b"altered!"))
    engine.dispose()
    at = app("executive", page=OVERVIEW)
    at.selectbox(key="export.group.issued_pick").set_value(issued.id).run()
    assert not at.exception
    assert any("SHA-256" in e.value and "不予提供" in e.value for e in at.error)
    assert not any("#" in label for label in labels(at, "download_button"))
