"""The figures the pages show, computed once per data version and shared by every session of this process.

``st.cache_resource`` hands out the same object without copying: callers treat it as read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import streamlit as st

from dashboard import config, status
from dashboard.analytics.engine import Inputs, Report, Settings, UnitInfo
from dashboard.analytics.series import History
from dashboard.domain import MetricDef, Period
from dashboard.storage import queries
from dashboard.ui.session import data_version, engine

T = TypeVar("T")


@dataclass(frozen=True)
class View:
    """One year as of one quarter: the engine's report, its inputs, and this year's and last year's quarters."""

    report: Report
    inputs: Inputs
    history: History
    settings: Settings

    @property
    def as_of(self) -> Period:
        return Period(self.report.year, self.report.quarter)


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


def view(year: int, quarter: int) -> View:
    """The report for a year as of a quarter; raises ``status.StatusUnavailable`` like the command line."""
    return _view(config.get("DATABASE_URL"), data_version(), year, quarter)


@st.cache_resource(show_spinner=False, max_entries=16)
def _view(url: str, version: tuple[int, int, int], year: int, quarter: int) -> View:
    with engine().connect() as conn:
        settings = status.status_settings(conn)
        report, inputs = status.compute_status(conn, year, Period(year, quarter), settings)
        history = status.load_history(conn, [year - 1, year])
    return View(report, inputs, history, settings)


def history(years: tuple[int, ...]) -> History:
    """Every stored quarter of these years (trends)."""
    return _history(config.get("DATABASE_URL"), data_version(), years)


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
