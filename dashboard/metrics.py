"""The configured metrics: add one the workbook may carry (an admin's job, ``Action.SET_SETTINGS``).

Errors are ``MetricError`` with a text key (dashboard.i18n) and its parameters; nothing is stored on an error.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine

from dashboard.auth.roles import Action, Actor
from dashboard.domain import FigureKind, MetricDef, normalise_text
from dashboard.safe_text import control_character
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing

CODE = re.compile(r"[a-z][a-z0-9_]{1,39}")
NAME_MAX = 100  # the width of metrics.name_zh / name_en: checked here, the same on SQLite and PostgreSQL


class MetricError(Exception):
    """A metric that cannot be added: ``key`` names the message, ``params`` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def add_metric(engine: Engine, metric: MetricDef, actor: Actor) -> None:
    """Configure a new metric after the last one: a fresh code, a year-to-date or quarter header, and headers no
    other metric uses. One write transaction, audited as ``metric``."""
    actor.require(Action.SET_SETTINGS)
    if not CODE.fullmatch(metric.code):
        raise MetricError("cli.bad_metric_code", value=metric.code)
    for name in (metric.name_zh, metric.name_en, *(a for values in metric.aliases.values() for a in values)):
        if not name.strip() or len(name) > NAME_MAX or control_character(name):
            raise MetricError("cli.bad_metric_name", value=name[:NAME_MAX], max=NAME_MAX)
    if FigureKind.YTD not in metric.aliases and FigureKind.QUARTER not in metric.aliases:
        raise MetricError("cli.metric_needs_alias")
    with writing(engine) as conn:
        existing = queries.metric_defs(conn)
        if any(m.code == metric.code for m in existing):
            raise MetricError("cli.metric_exists", value=metric.code)
        taken = {normalise_text(a): m.code for m in existing for values in m.aliases.values() for a in values}
        for alias in (a for values in metric.aliases.values() for a in values):
            if normalise_text(alias) in taken:
                raise MetricError("cli.alias_taken", value=alias, metric=taken[normalise_text(alias)])
        repository.add_metric(conn, metric, position=len(existing) + 1, by=actor.username)
