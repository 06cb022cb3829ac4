"""The admin's choices for the editable settings (status rule, pace, colour meaning, display scales): read them
with the rest of the registry, and store a new one after checking it.

Precedence (docs/settings.md): a stored choice wins over the environment, secrets.toml and the default, which
only give the initial value; settings that are not editable cannot be stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine

from dashboard import config
from dashboard.auth.roles import Action, Actor
from dashboard.i18n import t
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing


class SettingError(Exception):
    """A value that cannot be stored: ``code`` (setting.unknown, setting.not_editable, or the code of
    ``config.validate``) names the message; ``params`` are name, value and choices."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def setting_problem(problem: config.SettingInvalid, lang: str) -> str:
    """The start-up message for a setting that is not allowed: the setting, its value, where it was set and the
    allowed values.

    >>> print(setting_problem(config.SettingInvalid("LANG", "fr", "env", "setting.bad_choice"), "en"))
    Setting error (from the environment variable): DASHBOARD_LANG cannot be 'fr'. Choose: zh, en. Correct it and \
start again; docs/settings.md lists the allowed values of every setting.
    """
    source = t(f"setting.source.{problem.source}", lang)
    return t("setting.invalid", lang, source=source, problem=t(problem.code, lang, **problem.params))


def effective_settings(conn: Connection) -> dict[str, str]:
    """The value in force of every editable setting, by name (stored choice, else environment, secrets, default)."""
    stored = queries.stored_settings(conn)
    return {name: config.get(name, stored) for name in config.EDITABLE}


def save_setting(engine: Engine, name: str, value: str, actor: Actor) -> str:
    """Store an admin's value (trimmed) for an editable setting and return it; the change is audited as
    ``setting`` with the old stored value. A value equal to the one in force (stored, or from environment,
    secrets or default) is not a change: nothing is stored, so the environment keeps its say.
    Needs ``Action.SET_SETTINGS``."""
    actor.require(Action.SET_SETTINGS)
    value = value.strip()
    setting = config.SETTINGS.get(name)
    if setting is None:
        code: str | None = "setting.unknown"
    elif not setting.editable:
        code = "setting.not_editable"
    else:
        code = config.validate(name, value)
    if code is not None:
        choices = config.allowed(name) if setting else ""
        raise SettingError(code, name=name, value=value, choices=choices)
    if setting is not None and setting.check is config.fraction_check:  # "15%" is stored as the fraction it means
        value = repr(config.fraction(value))
    with writing(engine) as conn:
        if config.get(name, queries.stored_settings(conn)) != value:
            repository.save_setting(conn, name, value, actor.username)
    return value
