"""Read an uploaded quarterly flash report into exact figures and every problem found.

``read_upload(data, filename, options)`` never raises on bad input: problems are data (see
``ParsedUpload.problems``), each with sheet, cell, the value found and a reason code; i18n words them.
Nothing here touches the database; ``dashboard.imports`` checks the result against what is stored.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from dashboard.domain import DEFAULT_METRICS, AmountUnit, MetricDef, Period, Problem, Severity, error
from dashboard.errors import report_internal
from dashboard.ingest.budget import LIMITS, Budget, BudgetExceeded
from dashboard.ingest.csvfile import CsvRefused, open_csv
from dashboard.ingest.grid import SheetSource, row_range
from dashboard.ingest.layout import find_layout
from dashboard.ingest.rows import FigureRecord, RowReader, UnitRecord
from dashboard.ingest.sniff import sniff
from dashboard.ingest.sources import PeriodSource, resolve_period, resolve_units
from dashboard.ingest.xlsx import WorkbookUnreadable, open_xlsx

__all__ = ["FigureRecord", "ParsedUpload", "ReadOptions", "UnitRecord", "read_upload"]

log = logging.getLogger(__name__)

# What damage in a file raises from the readers below (beyond their own WorkbookUnreadable): "file damaged".
# Anything else is our own error: "internal error" with a reference to the logged traceback.
DAMAGE = (ParseError, zipfile.BadZipFile, zlib.error, EOFError, csv.Error, UnicodeError)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the uploader chose (period, amount unit) and what the workbook may carry (metrics)."""

    period: Period | None = None
    amount_unit: AmountUnit | None = None
    metrics: tuple[MetricDef, ...] = DEFAULT_METRICS
    max_bytes: int = LIMITS.file_bytes


@dataclass
class ParsedUpload:
    filename: str
    sha256: str
    size: int
    file_kind: str
    sheet: str = ""
    header_row: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    units: dict[str, UnitRecord] = field(default_factory=dict)
    figures: list[FigureRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def periods(self) -> list[Period]:
        return sorted({f.period for f in self.figures})


def read_upload(data: bytes, filename: str, options: ReadOptions | None = None) -> ParsedUpload:
    """Read and check a workbook or CSV; every problem is collected, none is raised.

    >>> parsed = read_upload(b"", "empty.xlsx")
    >>> parsed.ok, parsed.problems[0].code
    (False, 'file_empty')
    """
    options = options or ReadOptions()
    kind = sniff(data)
    parsed = ParsedUpload(filename, hashlib.sha256(data).hexdigest(), len(data), kind.kind)
    if len(data) > options.max_bytes:
        size_mb, limit_mb = round(len(data) / 2**20, 1), options.max_bytes // 2**20
        parsed.problems.append(error("file_too_large", size_mb=size_mb, limit_mb=limit_mb))
        return parsed
    if not kind.readable:
        parsed.problems.append(error(f"file_{kind.kind}"))
        return parsed
    budget = Budget(LIMITS)
    try:
        sheets = open_csv(data, kind.encoding, filename) if kind.kind == "csv" else open_xlsx(data, budget)
        _read_sheets(parsed, budget.guard(sheets), options)
    except BudgetExceeded as exc:  # a limit on the work a file may cost: refused where it was reached
        parsed.problems.append(exc.problem)
    except WorkbookUnreadable as exc:
        parsed.problems.append(error(f"file_{exc.code}", value=exc.detail))
    except CsvRefused as exc:
        parsed.problems.append(exc.problem)
    except DAMAGE as exc:
        parsed.problems.append(error("file_damaged", value=type(exc).__name__))
    except Exception as exc:  # our own bug: an answer with a reference for the administrator, never "file damaged"
        parsed.problems.append(error("internal_error", reference=report_internal(exc, f"reading {filename!r}")))
    return parsed


def _read_sheets(parsed: ParsedUpload, sheets: list[SheetSource], options: ReadOptions) -> None:
    problems = parsed.problems
    found = find_layout(sheets, options.metrics, problems)
    if found is None:
        return
    sheet, layout = found
    parsed.sheet, parsed.header_row = layout.sheet, layout.header_row
    parsed.metadata = {k: v.value for k, v in layout.metadata.items() if "#" not in k}
    period = resolve_period(layout, options.period, problems)
    units = resolve_units(layout, options.amount_unit, problems)
    if period is None:  # keep reading: every cell problem is still worth reporting
        period = PeriodSource(None, "", by_columns=False)
    reader = RowReader(layout, period, units, options.metrics, problems)
    reader.read(sheet.read(None))
    problems.extend(sheet.problems)
    parsed.units, parsed.figures = reader.units, reader.figures
    if not reader.seen and not any(p.is_error for p in problems):
        problems.append(error("no_data_rows", layout.sheet, row_range(layout.header_row + 1, layout.header_row + 1)))
