"""The status workflow: load the read model from storage, and give the JSON contract.

``load_model`` raises ``StatusUnavailable`` (with a code for i18n) for an unknown year, a quarter with no
figures, or a year without targets; the command line turns it into a message and exit code 2.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeGuard

from sqlalchemy import Connection

from dashboard import config
from dashboard.analytics.engine import (
    GROUP,
    Entity,
    MetricFigures,
    Report,
    Settings,
    TargetSpec,
    UnitInfo,
)
from dashboard.analytics.model import ReadModel, Stored, UploadRef, build
from dashboard.analytics.series import History
from dashboard.domain import Period
from dashboard.storage import queries


class StatusUnavailable(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def load_model(
    conn: Connection,
    year: int,
    as_of: Period | None = None,
    scope: str = GROUP,
    settings: Settings | None = None,
    alone: bool = False,
    stored: Stored | None = None,
) -> ReadModel:
    """The read model for a year as of a quarter (default: the latest of the year with figures) and a scope
    (GROUP, or a unit code for the unit and the units under it; with ``alone``, the unit by itself), with the
    settings in force unless given. ``stored`` is the year's ``load_stored`` when a caller keeps it (a cache).

    Raises ``StatusUnavailable`` for an unknown year, a quarter with no figures, a year without group targets,
    and a scope that is no registered unit."""
    periods = [p for p in queries.stored_periods(conn) if p.year == year]
    if not periods:
        raise StatusUnavailable("status.unknown_year", year=year)
    if as_of is None:
        as_of = periods[-1]
    elif as_of not in periods:
        raise StatusUnavailable("status.no_figures", period=str(as_of), have=", ".join(str(p) for p in periods))
    stored = stored if stored is not None else load_stored(conn, year)
    if not any(t.unit_code == GROUP for t in stored.targets):
        raise StatusUnavailable("status.no_targets", year=year)
    if scope != GROUP and scope not in stored.units:
        raise StatusUnavailable("status.unknown_unit", unit=scope)
    chosen = settings if settings is not None else status_settings(conn)
    return build(stored, year, as_of.quarter, scope, chosen, alone)


def load_stored(conn: Connection, year: int) -> Stored:
    """What the read model reads for a year: metrics, units, the current figures of the year and the year
    before, the year's current targets, and the uploads those figures come from."""
    current = queries.current_figures(conn, [Period(y, q) for y in (year - 1, year) for q in (1, 2, 3, 4)])
    counts: dict[int, int] = {}
    for figure in current.values():
        counts[figure.upload_id] = counts.get(figure.upload_id, 0) + 1
    uploads = tuple(
        UploadRef(r.id, r.filename, r.uploaded_by, r.uploaded_at, r.periods, counts[r.id])
        for r in queries.uploads_by_id(conn, counts)
    )
    targets = tuple(
        TargetSpec(r.metric, r.unit_code, _finite(r.amount), _finite(r.growth_floor), _finite(r.base_amount))
        for r in queries.current_targets(conn, year)
    )
    history = _history((year - 1, year), current)
    return Stored(queries.metric_defs(conn), unit_infos(conn), history, targets, uploads)


def unit_infos(conn: Connection) -> dict[str, UnitInfo]:
    """Every registered unit as the engine knows it: code, names, parent, kind."""
    return {
        code: UnitInfo(code, u.name_zh, u.name_en, u.parent_code, u.kind)
        for code, u in queries.stored_units(conn).items()
    }


def to_json(report: Report, units: dict[str, UnitInfo]) -> dict[str, Any]:
    """The machine contract of ``status --json``: amounts in yuan as numbers, rates as fractions, null where
    the spec says undefined."""
    return {
        "year": report.year,
        "as_of": str(Period(report.year, report.quarter)),
        "time_progress": report.time_progress,
        "metrics": _metrics(report.group),
        "not_allocated": {k: _number(v) for k, v in report.not_allocated.items()},
        "units": [
            {"code": u.code, "name": units[u.code].name_zh if u.code in units else u.code, "metrics": _metrics(u)}
            for u in report.units
        ],
    }


CONTRACT = (
    "target",
    "growth_floor",
    "base",
    "effective_target",
    "binding",
    "ytd_actual",
    "prior_ytd",
    "completion_rate",
    "progress_gap",
    "yoy_growth",
    "yoy_change",
    "gap",
    "required_per_quarter",
    "required_growth_rest_of_year",
    "projection_linear",
    "projection_seasonal",
    "status",
    "single_quarter",
    "qoq_growth",
    "loss_wording",
    "completion_wording",
    "status_reason",
    "restated",
)


def _metrics(entity: Entity) -> dict[str, dict[str, Any]]:
    return {code: _figures(figures) for code, figures in entity.metrics.items()}


def _figures(figures: MetricFigures) -> dict[str, Any]:
    return {key: _number(getattr(figures, key)) for key in CONTRACT}


def _number(value: Any) -> Any:
    """A JSON number for any figure: exact integers stay integers; a value JSON cannot hold (NaN, infinity, or
    beyond a double's range, which only a figure stored before the reader's bound can give) is null.

    >>> _number(Decimal("12.5")), _number(Decimal("1E+3")), _number(Decimal("1E+400")), _number(float("nan"))
    (12.5, 1000, None, None)
    """
    if isinstance(value, Decimal):
        if not value.is_finite() or abs(value) > _DOUBLE_MAX:
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


_DOUBLE_MAX = Decimal(sys.float_info.max)


def status_settings(conn: Connection) -> Settings:
    """The status rule's settings in force: an admin's stored choice, else environment, secrets or default
    (docs/settings.md). The command line and the web app both use this, so they agree."""
    stored = queries.stored_settings(conn)
    return Settings(
        red_gap=config.fraction(config.get("STATUS_RED_GAP", stored)) or 0.0,
        pace=config.get("STATUS_PACE", stored),
        time_basis=config.get("TIME_PROGRESS", stored),
    )


def load_history(conn: Connection, years: Iterable[int]) -> History:
    """Every current figure of the given years' quarters, for the year paths, heat map and trends."""
    wanted = tuple(sorted(set(years)))
    return _history(wanted, queries.current_figures(conn, [Period(y, q) for y in wanted for q in (1, 2, 3, 4)]))


def _history(years: tuple[int, ...], stored: Mapping[tuple[str, Period, str], queries.StoredFigure]) -> History:
    return History(
        years=years,
        ytd={k: v.ytd for k, v in stored.items() if _usable(v.ytd)},
        reported_prior={k: v.prior_ytd for k, v in stored.items() if _usable(v.prior_ytd)},
    )


def _usable(value: Decimal | None) -> TypeGuard[Decimal]:
    """A stored amount the engine can compute with: PostgreSQL's NUMERIC can hold NaN and infinity, which no
    reader stores but a hand-edited database might; they count as missing rather than break every page."""
    return value is not None and value.is_finite()


def _finite(value: Decimal | None) -> Decimal | None:
    return value if _usable(value) else None
