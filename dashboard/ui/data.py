"""The figures the pages show, computed once per data version and shared by every session of this process:
the read model (``dashboard.analytics.model``) of a year, as-of quarter and scope, and the trends' quarters.

``st.cache_resource`` hands out the same object without copying: callers treat it as read-only.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import streamlit as st

from dashboard import config, status
from dashboard.analytics import model, series
from dashboard.analytics.engine import GROUP, Settings, UnitInfo
from dashboard.analytics.model import ReadModel, Stored
from dashboard.analytics.series import History, QuarterPoint
from dashboard.domain import MetricDef, Period
from dashboard.storage import queries
from dashboard.ui.session import data_version, engine

T = TypeVar("T")


@dataclass(frozen=True)
class Periods:
    """What is stored: the quarters with figures, and the years with group targets."""

    stored: tuple[Period, ...]
    target_years: tuple[int, ...]

    def years(self) -> list[int]:
        return sorted({p.year for p in self.stored}, reverse=True)

    def quarters(self, year: int) -> list[int]:
        return [p.quarter for p in self.stored if p.year == year]

    def default_year(self) -> int | None:
        """The latest year with figures and group targets, else the latest with figures."""
        with_targets = [y for y in self.years() if y in self.target_years]
        candidates = with_targets or self.years()
        return candidates[0] if candidates else None


def periods() -> Periods:
    return _periods(config.get("DATABASE_URL"), data_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _periods(url: str, version: tuple[int, int, int]) -> Periods:
    with engine().connect() as conn:
        stored = tuple(queries.stored_periods(conn))
        years = tuple(sorted({r.year for r in queries.current_targets(conn) if r.unit_code == ""}))
    return Periods(stored, years)


def view(year: int, quarter: int, scope: str = GROUP, alone: bool = False, pace: str | None = None) -> ReadModel:
    """The read model for a year as of a quarter and a scope (GROUP, or a unit with the units under it; with
    ``alone``, the unit by itself); raises ``status.StatusUnavailable`` like the command line. ``pace``
    ("linear" or "seasonal") is the viewer's choice of what progress is compared with; None keeps the admin's
    setting (``STATUS_PACE``). Lights, heat map and target paths all follow it.

    A unit's model reuses the group's (``model.rescope``), so picking another unit does not compute the group
    again."""
    url, version = config.get("DATABASE_URL"), data_version()
    group = _group(url, version, year, quarter, pace)
    if scope == GROUP:
        return group
    if scope not in group.units:
        raise status.StatusUnavailable("status.unknown_unit", unit=scope)
    return _scoped(url, version, year, quarter, scope, alone, pace)


def default_pace() -> str:
    """The admin's setting of the pace (``STATUS_PACE``), what a viewer sees until they choose."""
    return _settings(config.get("DATABASE_URL"), data_version()).pace


@st.cache_resource(show_spinner=False, max_entries=4)
def _settings(url: str, version: tuple[int, int, int]) -> Settings:
    with engine().connect() as conn:
        return status.status_settings(conn)


@st.cache_resource(show_spinner=False, max_entries=16)
def _group(url: str, version: tuple[int, int, int], year: int, quarter: int, pace: str | None) -> ReadModel:
    settings = _settings(url, version)
    if pace is not None:
        settings = dataclasses.replace(settings, pace=pace)
    with engine().connect() as conn:
        return status.load_model(
            conn, year, Period(year, quarter), settings=settings, stored=_stored(url, version, year)
        )


@st.cache_resource(show_spinner=False, max_entries=32)
def _scoped(
    url: str, version: tuple[int, int, int], year: int, quarter: int, scope: str, alone: bool, pace: str | None
) -> ReadModel:
    return model.rescope(_stored(url, version, year), _group(url, version, year, quarter, pace), scope, alone)


@st.cache_resource(show_spinner=False, max_entries=4)
def _stored(url: str, version: tuple[int, int, int], year: int) -> Stored:
    """What the read models of a year read from the database, loaded once per data version."""
    with engine().connect() as conn:
        return status.load_stored(conn, year)


def trend(years: tuple[int, ...], scope: str, metric: str) -> dict[int, list[QuarterPoint]]:
    """Each year's quarters of one metric for the group ("") or one unit, with last year's figures behind
    their growth rates: what the Trends chart and table draw."""
    return memo(("trend", years, scope, metric), lambda: _trend(years, scope, metric))


def _trend(years: tuple[int, ...], scope: str, metric: str) -> dict[int, list[QuarterPoint]]:
    history = _history(config.get("DATABASE_URL"), data_version(), tuple(sorted({*years, *(y - 1 for y in years)})))
    members = list(catalogue().units) if scope == GROUP else [scope]
    return series.by_year(history, members, metric, years)


@st.cache_resource(show_spinner=False, max_entries=8)
def _history(url: str, version: tuple[int, int, int], years: tuple[int, ...]) -> History:
    with engine().connect() as conn:
        return status.load_history(conn, years)


@dataclass(frozen=True)
class Catalogue:
    """The configured metrics and the registered units."""

    metrics: tuple[MetricDef, ...]
    units: dict[str, UnitInfo]


def catalogue() -> Catalogue:
    return _catalogue(config.get("DATABASE_URL"), data_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalogue(url: str, version: tuple[int, int, int]) -> Catalogue:
    with engine().connect() as conn:
        return Catalogue(queries.metric_defs(conn), status.unit_infos(conn))


_MEMO_SIZE = 256


@st.cache_resource(show_spinner=False)
def _memo() -> OrderedDict[tuple[Hashable, ...], Any]:
    return OrderedDict()


def memo(key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """A chart or table built once per data version and key (language, metric, settings, …) and shared by all
    sessions; the newest 256 are kept. Building Plotly figures is most of a page's time, so reruns reuse them."""
    full = (config.get("DATABASE_URL"), data_version(), *key)
    store = _memo()
    with _MEMO_LOCK:
        if full in store:
            store.move_to_end(full)
            return cast(T, store[full])
    value = build()
    with _MEMO_LOCK:
        store[full] = value
        while len(store) > _MEMO_SIZE:
            store.popitem(last=False)
    return value


_MEMO_LOCK = threading.Lock()
