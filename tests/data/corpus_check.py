"""Run one corpus file through an upload path and judge what happened against its manifest entry.

``observe`` runs a callable under the file's time budget (SIGALRM) with its peak memory measured (the peak RSS
is reset through /proc/self/clear_refs first) and records what the database holds before and after;
``judge`` turns an observation and an expectation into a list of failures ([] = as expected).
"""

from __future__ import annotations

import contextlib
import json
import re
import resource
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from dashboard.domain import Period
from dashboard.storage import queries
from dashboard.storage.tables import figures, stored_files, units, uploads

MANIFEST_PATH = Path(__file__).resolve().parent / "bad" / "manifest.json"
MEMORY_BUDGET_MB = 512
MEMORY_CAP_MB = 2048  # hard stop for this process while one file runs


def manifest() -> dict[str, Any]:
    return dict(json.loads(MANIFEST_PATH.read_text(encoding="utf-8")))


class OverBudget(BaseException):
    """Raised by the alarm: a BaseException so no ``except Exception`` in the code under test swallows it."""


@dataclass(frozen=True)
class Snapshot:
    figure_rows: tuple[tuple[Any, ...], ...]
    unit_rows: tuple[tuple[Any, ...], ...]
    files: frozenset[str]
    max_upload: int
    rejected: int


def snapshot(engine: Engine) -> Snapshot:
    with engine.connect() as conn:
        fig = tuple(tuple(r) for r in conn.execute(select(figures).order_by(figures.c.id)))
        uni = tuple(tuple(r) for r in conn.execute(select(units.c.code, units.c.name_zh).order_by(units.c.code)))
        shas = frozenset(r[0] for r in conn.execute(select(stored_files.c.sha256)))
        top = conn.execute(select(func.coalesce(func.max(uploads.c.id), 0))).scalar_one()
        rejected = conn.execute(select(func.count()).where(uploads.c.outcome == "rejected")).scalar_one()
    return Snapshot(fig, uni, shas, int(top), int(rejected))


@dataclass
class Observation:
    """What one run did: ``outcome`` is rejected / accepted / duplicate / crashed / timeout / exit N."""

    outcome: str
    seconds: float
    peak_mb: float
    text: str = ""  # what was printed (command line) or shown (web: the problem messages)
    errors: list[dict[str, Any]] = field(default_factory=list)  # problem records
    before: Snapshot | None = None
    after: Snapshot | None = None
    detail: str = ""


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in this (main) thread after ``seconds``."""

    def ring(_signum: int, _frame: Any) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def address_space_cap(extra_mb: int) -> Iterator[None]:
    """A soft cap on this process's address space (current size + ``extra_mb``) so that a bomb the code under
    test fails to refuse hits MemoryError here instead of taking a shared machine's memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    size_mb = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            size_mb = int(line.split()[1]) / 1024
    cap = int((size_mb + extra_mb) * 2**20)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def measured(run: Callable[[], Observation], seconds: float) -> Observation:
    """Run under the time budget with the peak memory above the current resident size measured."""
    with contextlib.suppress(OSError):  # reset the peak resident size (Linux)
        Path("/proc/self/clear_refs").write_text("5")
    base = _rss_mb()
    start = time.monotonic()
    try:
        with budget(seconds), address_space_cap(MEMORY_CAP_MB):
            obs = run()
    except MemoryError:
        obs = Observation("crashed", 0.0, 0.0, detail=f"MemoryError (over {MEMORY_CAP_MB} MB more address space)")
    except OverBudget:
        obs = Observation("timeout", 0.0, 0.0, detail=f"no answer within {seconds:g} s")
    except Exception as exc:  # the bar: nothing may escape to the user
        obs = Observation("crashed", 0.0, 0.0, detail=f"{type(exc).__name__}: {exc}"[:300])
    obs.seconds = time.monotonic() - start
    obs.peak_mb = max(0.0, _peak_rss_mb() - base)
    return obs


def latest_rejection(engine: Engine, after_id: int) -> list[dict[str, Any]]:
    """Problem records of the rejected attempts logged after upload ``after_id``."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(uploads.c.problems).where(uploads.c.id > after_id, uploads.c.outcome == "rejected")
        ).all()
    return [p for (problems,) in rows for p in json.loads(problems) if p.get("severity") == "error"]


def stored_since(engine: Engine, after_id: int) -> list[tuple[int, int]]:
    """(upload id, figure_count) of stored imports after ``after_id``."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(uploads.c.id, uploads.c.figure_count).where(
                uploads.c.id > after_id, uploads.c.outcome == "stored", uploads.c.action == "import"
            )
        ).all()
    return [(int(a), int(b)) for a, b in rows]


def _row_of(cell: str) -> int | None:
    m = re.fullmatch(r"[A-Z]*(\d+)(?::[A-Z]*\d+)?", cell or "")
    return int(m.group(1)) if m else None


def _located(expect: dict[str, Any], obs: Observation) -> list[str]:
    sheet, cell, row = expect.get("sheet"), expect.get("cell"), expect.get("row")
    if not sheet:
        return []
    for p in obs.errors:
        if p.get("sheet") != sheet:
            continue
        if cell and p.get("cell") == cell:
            return []
        if row is not None and _row_of(p.get("cell", "")) == row:
            return []
        if not cell and row is None:
            return []
    where = f"{sheet}!{cell}" if cell else f"{sheet} row {row}" if row is not None else sheet
    found = sorted({f"{p.get('sheet')}!{p.get('cell')}" for p in obs.errors})
    return [f"no error located at {where} (errors at {found})"]


def judge_rejected(expect: dict[str, Any], obs: Observation, lang: str | None) -> list[str]:
    failures: list[str] = []
    if obs.outcome != "rejected":
        return [f"expected rejected, got {obs.outcome} {obs.detail}".strip()]
    if not obs.errors and expect.get("logged", True):
        failures.append("no error recorded")
    for p in obs.errors:
        if not p.get("message_zh") or not p.get("message_en"):
            failures.append(f"error {p.get('code')} lacks a zh or en message")
    code = expect.get("code")
    if code and code not in {p.get("code") for p in obs.errors}:
        failures.append(f"expected code {code}, got {sorted({p.get('code') for p in obs.errors})}")
    failures += _located(expect, obs)
    haystack = obs.text + "".join(
        str(p.get(k, "")) for p in obs.errors for k in ("message_zh", "message_en", "sheet", "file")
    )
    failures += [f"message does not mention {m!r}" for m in expect.get("mentions", []) if m not in haystack]
    if lang == "zh" and not re.search(r"[\u4e00-\u9fff]", obs.text):
        failures.append("no Chinese in the --lang zh output")
    if lang == "en" and "Error" not in obs.text and expect.get("logged", True):
        failures.append("no 'Error' in the --lang en output")
    b, a = obs.before, obs.after
    if b and a:
        if a.figure_rows != b.figure_rows or a.unit_rows != b.unit_rows or a.files != b.files:
            failures.append("something was stored")
        if a.rejected <= b.rejected and expect.get("logged", True):
            failures.append("the attempt was not logged")
    return failures


def judge_accepted(expect: dict[str, Any], obs: Observation, engine: Engine) -> list[str]:
    if obs.outcome != "accepted":
        errs = sorted({f"{p.get('code')}@{p.get('sheet')}!{p.get('cell')}" for p in obs.errors})[:4]
        return [f"expected accepted, got {obs.outcome} {obs.detail} {errs if errs else ''}".strip()]
    failures: list[str] = []
    wanted = expect.get("figures", [])
    periods = {_period(f[1]) for f in wanted}
    with engine.connect() as conn:
        current = queries.current_figures(conn, periods)
        names = dict(conn.execute(select(units.c.code, units.c.name_zh)).all())
    for unit, period, metric, ytd, prior in wanted:
        got = current.get((unit, _period(period), metric))
        want = (None if ytd is None else Decimal(ytd), None if prior is None else Decimal(prior))
        have = (got.ytd, got.prior_ytd) if got else "missing"
        if have != want:
            failures.append(f"{unit} {period} {metric}: expected {want}, stored {have}")
    for code, name in expect.get("names", {}).items():
        if names.get(code) != name:
            failures.append(f"unit {code} name stored as {names.get(code)!r}, expected {name!r}")
    return failures


def _period(text: str) -> Period:
    return Period(int(text[:4]), int(text[5]))


def judge(entry: dict[str, Any], obs: Observation, engine: Engine, lang: str | None) -> list[str]:
    """Failures of ``obs`` against the entry's expectation, or its alternative when that one fits."""
    failures = _common(entry, obs)
    primary = _against(entry, obs, engine, lang)
    if primary and entry.get("alternative"):
        other = {**entry, **entry["alternative"]}
        if not _against(other, obs, engine, lang):
            return failures
    return failures + primary


def _against(expect: dict[str, Any], obs: Observation, engine: Engine, lang: str | None) -> list[str]:
    kind = expect["expect"]
    if kind == "rejected":
        return judge_rejected(expect, obs, lang)
    if kind == "accepted":
        return judge_accepted(expect, obs, engine)
    if obs.outcome != "duplicate":
        return [f"expected duplicate, got {obs.outcome} {obs.detail}".strip()]
    return []


def _common(entry: dict[str, Any], obs: Observation) -> list[str]:
    failures = []
    if obs.outcome not in ("timeout",) and obs.seconds > entry["max_seconds"]:
        failures.append(f"answered in {obs.seconds:.1f} s (budget {entry['max_seconds']} s)")
    if obs.outcome == "timeout":
        failures.append(f"no answer within {entry['max_seconds']} s")
    if obs.peak_mb > MEMORY_BUDGET_MB:
        failures.append(f"peak memory +{obs.peak_mb:.0f} MB (budget {MEMORY_BUDGET_MB} MB)")
    if "Traceback" in obs.text:
        failures.append("a traceback was printed")
    b, a = obs.before, obs.after
    if b and a and a.figure_rows[: len(b.figure_rows)] != b.figure_rows:
        failures.append("stored figures changed")
    return failures
