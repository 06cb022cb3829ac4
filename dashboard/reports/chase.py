"""The chase list (催报清单) as an xlsx workbook (XlsxWriter, in memory): ``chase_xlsx(coverage, contacts, lang)``.

One sheet: a title ("2023Q2 催报清单"), the deadline and the day it was made, then one row per unit finance must
chase — the ``missing`` units of ``dashboard.coverage`` (not submitted, or returned) — with its code, name, state
(as a word), the deadline, whether it is overdue, whom to chase (the unit finance accounts scoped to it, else
the unit's finance lead) and, for a returned submission, its time, reviewer and reason. Every text is written as
a string (never a formula: a unit name or reason starting with "=" stays text). Prints A4 landscape, one page
wide, the header row repeated.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from xlsxwriter.workbook import Workbook

from dashboard.coverage import Coverage, UnitState
from dashboard.i18n import local_time, t

OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
COLUMNS = ("code", "unit", "state", "deadline", "overdue", "chase", "at", "by", "reason")
WIDTHS = (10, 30, 12, 12, 10, 28, 18, 14, 40)


def chase_rows(result: Coverage, contacts: Mapping[str, Sequence[str]], lang: str) -> list[list[str]]:
    """The chase list's rows (one per missing unit), each cell as it is written."""
    return [_row(u, result, contacts.get(u.code, ()), lang) for u in result.units if u.code in result.missing]


def _row(u: UnitState, result: Coverage, who: Sequence[str], lang: str) -> list[str]:
    chase = t("coverage.chase.unit_finance", lang, who="、".join(who)) if who else t("coverage.chase.nobody", lang)
    return [
        u.code,
        u.name(lang),
        t(f"coverage.state.{u.state}", lang),
        result.deadline.isoformat(),
        t("coverage.overdue", lang) if u.overdue else "",
        chase,
        local_time(u.at) if u.at else "",
        u.by,
        u.reason,
    ]


def chase_xlsx(result: Coverage, contacts: Mapping[str, Sequence[str]], lang: str) -> bytes:
    """The chase list as xlsx bytes; ``contacts`` gives each unit's unit finance accounts (may be empty)."""
    buffer = io.BytesIO()
    book = Workbook(buffer, OPTIONS)
    sheet = book.add_worksheet(t("coverage.chase.sheet", lang))
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#DDE3EA", "border": 1, "text_wrap": True, "valign": "top"})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    late = book.add_format({"border": 1, "bold": True, "font_color": "#9C0006", "valign": "top"})
    sheet.write_string(0, 0, t("coverage.chase.title", lang, period=str(result.period)), title)
    made = t("coverage.chase.generated", lang, deadline=result.deadline.isoformat(), today=result.today.isoformat())
    sheet.write_string(1, 0, made)
    for col, (key, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True)):
        sheet.set_column(col, col, width)
        sheet.write_string(3, col, t(f"coverage.col.{key}", lang), head)
    rows = chase_rows(result, contacts, lang)
    for r, values in enumerate(rows, start=4):
        for col, value in enumerate(values):
            sheet.write_string(r, col, value, late if COLUMNS[col] == "overdue" and value else cell)
    if not rows:
        sheet.write_string(4, 0, t("coverage.chase_empty", lang))
    sheet.freeze_panes(4, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(3)
    book.close()
    return buffer.getvalue()
