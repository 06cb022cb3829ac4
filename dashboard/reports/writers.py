"""One entry for every format: ``write(report, "xlsx")`` → bytes. Each writer's module is imported only when
its format is asked for (the PDF writer needs Playwright and Chromium, the others do not)."""

from __future__ import annotations

from importlib import import_module

from dashboard.reports.content import GapReport

FORMATS = ("xlsx", "html", "pdf", "csv")
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
_WRITERS = {
    "xlsx": ("dashboard.reports.xlsx", "write_xlsx"),
    "html": ("dashboard.reports.html", "write_html"),
    "pdf": ("dashboard.reports.pdf", "write_pdf"),
    "csv": ("dashboard.reports.csvtable", "write_csv"),
}


def write(report: GapReport, fmt: str) -> bytes:
    """The report as the bytes of a file in ``fmt`` (one of FORMATS); ValueError for another format.

    The PDF writer raises ``dashboard.reports.pdf.PdfUnavailable`` (with a zh/en message code) when Chromium or
    Playwright is missing; the other formats still work."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown report format: {fmt!r} (one of {', '.join(FORMATS)})")
    module, name = _WRITERS[fmt]
    writer = getattr(import_module(module), name)
    data = writer(report)
    assert isinstance(data, bytes)
    return data
