"""Issue 8's bar over the bad-input corpus (tests/data/bad, see tests/data/make_bad_corpus.py).

Every file goes through the command line (``dashboard.cli.main`` in process, --lang zh then en) and through the
web upload path (``dashboard.ui.upload.check`` then ``store``, as the Upload page calls them), on SQLite and on
PostgreSQL, each against one shared database per backend and path. Asserted per file: the expected outcome
(or the manifest's alternative), within its time budget and 512 MB, no traceback, earlier figures unchanged,
a rejection logged with zh and en messages located at the right sheet/cell, and ``status`` still working.
Set DASHBOARD_CORPUS_LARGE=1 to add the large files built at run time (a 1-million-row CSV, a 50 MB workbook).
"""

from __future__ import annotations

import gc
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from dashboard.cli import main
from dashboard.cli.data import parse_amount_unit, parse_period
from dashboard.ingest import ReadOptions
from dashboard.storage.engine import open_database
from tests.conftest import PG_ADMIN, pg_reason
from tests.data.corpus_check import Observation, judge, latest_rejection, manifest, measured, snapshot, stored_since
from tests.data.corpus_parts import book
from tests.data.make_bad_corpus import build_generated

BAD = Path(__file__).parent / "data" / "bad"
MANIFEST = manifest()
ENTRIES: list[dict[str, Any]] = list(MANIFEST["files"])
if os.environ.get("DASHBOARD_CORPUS_LARGE") == "1":
    ENTRIES += MANIFEST["generated"]
BY_NAME = {e["file"]: e for e in ENTRIES}
# Files another entry imports first (setup): when their own turn comes they may already be stored.
SETUP_FILES = {step["file"] for e in ENTRIES for step in e.get("setup", [])}
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


class Shared:
    """One database per backend and path, created once for the module."""

    def __init__(self, backend: str, tmp: Path) -> None:
        self.backend, self.tmp, self.urls, self.engines = backend, tmp, {}, {}
        self.pg_names: list[str] = []
        self.status_broken_by: str | None = None  # the first file after which `status` stopped working

    def url(self, path: str) -> str:
        if path not in self.urls:
            if self.backend == "sqlite":
                self.urls[path] = f"sqlite:///{self.tmp}/{path}.db"
            else:
                name = f"dash_corpus_{path}_{uuid.uuid4().hex[:8]}"
                admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                admin.dispose()
                self.pg_names.append(name)
                self.urls[path] = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        return self.urls[path]

    def engine(self, path: str) -> Engine:
        if path not in self.engines:
            self.engines[path] = open_database(self.url(path))
            for year in (2022, 2023):  # `status` needs the group's targets
                for metric in ("revenue", "profit"):
                    argv = ["targets", "set", "--year", str(year), "--metric", metric, "--amount", "100000000"]
                    assert main([*argv, "--db", self.url(path)]) == 0  # as the local operator
        return self.engines[path]

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()
        if self.pg_names:
            admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                for name in self.pg_names:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


_SHARED: dict[str, Shared] = {}


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Shared]]:
    yield _SHARED
    for s in _SHARED.values():
        s.close()
    _SHARED.clear()


def _backend(shared: dict[str, Shared], backend: str, tmp_path_factory: pytest.TempPathFactory) -> Shared:
    if backend == "postgresql" and pg_reason():
        pytest.skip(pg_reason())
    if backend not in shared:
        shared[backend] = Shared(backend, tmp_path_factory.mktemp(f"corpus_{backend}"))
    return shared[backend]


def content(entry: dict[str, Any]) -> bytes:
    path = BAD / entry["file"]
    return path.read_bytes() if path.exists() else build_generated(entry["file"])


# --------------------------------------------------------------------------- command line
def _cli_args(entry: dict[str, Any], options: dict[str, str], url: str, workdir: Path) -> list[str]:
    name = entry.get("upload_name", entry["file"])
    target = workdir / name
    target.write_bytes(content(entry))
    args = ["import", str(target), "--db", url]
    if "period" in options:
        args += ["--period", options["period"]]
    if "amount_unit" in options:
        args += ["--amount-unit", options["amount_unit"]]
    if "user" in options:  # otherwise the local operator (--user must name an existing account)
        args += ["--user", options["user"]]
    if "accept_warning" in options:  # a warning acknowledged by name (imports.NEEDS_ACKNOWLEDGEMENT)
        args += ["--accept-warning", options["accept_warning"]]
    return args


def _cli_run(
    entry: dict[str, Any],
    options: dict[str, str],
    lang: str,
    s: Shared,
    capsys: pytest.CaptureFixture[str],
    workdir: Path,
) -> Observation:
    engine, url = s.engine("cli"), s.url("cli")
    args = [*_cli_args(entry, options, url, workdir), "--lang", lang]
    before = snapshot(engine)
    capsys.readouterr()

    def run() -> Observation:
        code = _exit_code(args)
        return Observation(f"exit {code}", 0, 0, detail=str(code))

    obs = measured(run, entry["max_seconds"])
    gc.collect()  # the command line's engine and its pooled connections
    out, err = capsys.readouterr()
    obs.text = out + err
    obs.before, obs.after = before, snapshot(engine)
    if obs.outcome.startswith("exit"):
        code = int(obs.detail)
        stored = stored_since(engine, before.max_upload)
        obs.errors = latest_rejection(engine, before.max_upload)
        if code == 2:
            obs.outcome = "rejected"
        elif code == 0:
            obs.outcome = "accepted" if stored else "duplicate"
        obs.detail = err.strip().splitlines()[-1][:200] if err.strip() else ""
    return obs


def _as_setup(entry: dict[str, Any], obs: Observation) -> Observation:
    """A setup file met again as itself: already imported (by an earlier entry's setup) counts as accepted."""
    if obs.outcome == "duplicate" and entry["file"] in SETUP_FILES and entry["expect"] == "accepted":
        obs.outcome = "accepted"
    return obs


def _setup(entry: dict[str, Any], run: Any) -> None:
    for step in entry.get("setup", []):
        obs = run(BY_NAME[step["file"]], step["options"])
        assert obs.outcome in ("accepted", "duplicate"), f"setup {step}: {obs.outcome} {obs.detail}"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", [e["file"] for e in ENTRIES if not e.get("web_only")])
def test_corpus_command_line(
    name: str,
    backend: str,
    shared: dict[str, Shared],
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    entry = BY_NAME[name]
    s = _backend(shared, backend, tmp_path_factory)
    engine = s.engine("cli")
    _setup(entry, lambda e, o: _cli_run(e, o, "zh", s, capsys, tmp_path))
    first = _as_setup(entry, _cli_run(entry, entry.get("options", {}), "zh", s, capsys, tmp_path))
    failures = [f"zh: {f}" for f in judge(entry, first, engine, "zh")]
    if first.outcome == "rejected" and not failures:
        second = _cli_run(entry, entry.get("options", {}), "en", s, capsys, tmp_path)
        if second.outcome == "rejected":  # the same refusal again is logged once (issue 10): the first row stands
            assert first.before is not None and first.after is not None and second.after is not None
            assert second.after.rejected == first.after.rejected, "the same refusal was logged again"
            second.before = first.before
            second.errors = latest_rejection(engine, first.before.max_upload)
        failures += [f"en: {f}" for f in judge(entry, second, engine, "en")]
    if first.outcome != "rejected" or entry.get("no_raw"):  # a refused file stores nothing `status` could trip on
        failures += _still_working(entry, s, capsys)
    _record(entry, backend, "command line", first.outcome, failures)
    assert not failures, f"{name} [{backend}, command line]: " + "; ".join(failures)


def _record(entry: dict[str, Any], backend: str, path: str, outcome: str, failures: list[str]) -> None:
    """With DASHBOARD_CORPUS_REPORT=file, append one JSON line per file and path (``make corpus-report``)."""
    report = os.environ.get("DASHBOARD_CORPUS_REPORT")
    if report:
        line = {
            "file": entry["file"],
            "class": entry["class"],
            "backend": backend,
            "path": path,
            "expected": entry["expect"],
            "got": outcome,
            "failures": failures,
        }
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def _still_working(entry: dict[str, Any], s: Shared, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """`status` (and `history` where raw output matters) after the file; a breakage is blamed on the first file
    after which it appeared, later files only note it."""
    if s.status_broken_by is not None:  # only what this file prints raw is still worth checking
        failures = _commands_fail(entry, s.url("cli"), capsys, [["history"]] if entry.get("no_raw") else [])
        return [f for f in failures if " raw" in f]
    failures = _commands_fail(entry, s.url("cli"), capsys)
    if failures:
        s.status_broken_by = entry["file"]
    return failures


def _commands_fail(
    entry: dict[str, Any], url: str, capsys: pytest.CaptureFixture[str], commands: list[list[str]] | None = None
) -> list[str]:
    failures = []
    if commands is None:
        commands = [["status", "--year", "2023"]]
        if entry.get("no_raw"):
            commands += [["status", "--year", "2022"], ["history"]]
    for command in commands:
        capsys.readouterr()
        obs = measured(lambda c=command: Observation(f"exit {_exit_code([*c, '--db', url])}", 0, 0), 60)
        gc.collect()
        out, err = capsys.readouterr()
        if obs.outcome not in ("exit 0", "exit 2") or "Traceback" in out + err:  # 2: "no data for that year"
            failures.append(f"`{command[0]}` afterwards: {obs.outcome} {obs.detail} {(out + err)[-200:]!r}")
        failures += [f"`{command[0]}` printed {raw!r} raw" for raw in entry.get("no_raw", []) if raw in out + err]
    return failures


def _exit_code(argv: list[str]) -> int:
    """``main``'s exit code; argparse refusing an argument exits 2 through SystemExit."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2


# --------------------------------------------------------------------------- web upload path
def _web_options(options: dict[str, str]) -> ReadOptions:
    from dashboard import config

    return ReadOptions(
        period=parse_period(options["period"]) if "period" in options else None,
        amount_unit=parse_amount_unit(options["amount_unit"]) if "amount_unit" in options else None,
        max_bytes=config.upload_max_bytes(),
    )


def _web_run(entry: dict[str, Any], options: dict[str, str], s: Shared, monkeypatch: pytest.MonkeyPatch) -> Observation:
    from dashboard.i18n import problem_record
    from dashboard.ui import upload

    engine = s.engine("web")
    account = SimpleNamespace(
        username="corpus-web",
        name="corpus-web",
        display_name="",
        email=None,
        role="finance",
        active=True,
        has_password=True,
        last_login_at=None,
    )
    monkeypatch.setattr(upload, "require", lambda action: account)
    monkeypatch.setattr(upload, "engine", lambda: engine)
    name = entry.get("upload_name", entry["file"])
    files = [(name, content(entry))]
    before = snapshot(engine)

    def run() -> Observation:
        preview = upload.check(files, _web_options(options))
        if preview is None:  # "database busy, try again" (after the workflow change): no outcome at all
            return Observation("busy", 0, 0, detail="check: database busy")
        plans = preview.result.plans
        errors = [problem_record(p, plan.parsed.filename) for plan in plans for p in plan.errors]
        if errors:
            return Observation("rejected", 0, 0, errors=errors)
        if all(plan.duplicate_of is not None for plan in plans):
            return Observation("duplicate", 0, 0)
        result = upload.store(preview, frozenset(filter(None, [options.get("accept_warning")])))
        if result is None:
            return Observation("busy", 0, 0, detail="store: database busy")
        errors = [problem_record(p, plan.parsed.filename) for plan in result.plans for p in plan.errors]
        if result.stale is not None or errors or not result.stored:
            return Observation("rejected", 0, 0, errors=errors, detail="refused at store")
        return Observation("accepted", 0, 0)

    obs = measured(run, entry["max_seconds"])
    obs.text = "\n".join(f"{p.get('message_zh')}\n{p.get('message_en')}" for p in obs.errors)
    obs.before, obs.after = before, snapshot(engine)
    if obs.outcome == "accepted":
        counts = stored_since(engine, before.max_upload)
        new_rows = len(obs.after.figure_rows) - len(before.figure_rows)
        if sum(c for _, c in counts) != new_rows:
            obs.outcome, obs.detail = "crashed", f"figure_count {counts} but {new_rows} rows stored"
    return obs


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", [e["file"] for e in ENTRIES if not e.get("cli_only")])
def test_corpus_web_upload(
    name: str,
    backend: str,
    shared: dict[str, Shared],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry = BY_NAME[name]
    s = _backend(shared, backend, tmp_path_factory)
    engine = s.engine("web")
    _setup(entry, lambda e, o: _web_run(e, o, s, monkeypatch))
    obs = _as_setup(entry, _web_run(entry, entry.get("options", {}), s, monkeypatch))
    failures = judge(entry, obs, engine, None)
    _record(entry, backend, "web", obs.outcome, failures)
    assert not failures, f"{name} [{backend}, web]: " + "; ".join(failures)


@pytest.mark.parametrize("backend", BACKENDS)
def test_status_after_the_corpus(
    backend: str,
    shared: dict[str, Shared],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """After every file, on both databases the corpus went into: status (text and JSON) and history still work."""
    s = _backend(shared, backend, tmp_path_factory)
    failures = []
    good = tmp_path_factory.mktemp("good") / "good.xlsx"
    good.write_bytes(book(rows=[["9001", "收尾公司", 1, 1, 1, 1]], meta=[["报告期：2023Q1", None, "金额单位：万元"]]))
    for path in ("cli", "web"):
        s.engine(path)
        assert _exit_code(["import", str(good), "--db", s.url(path)]) == 0
        for command in (["status", "--year", "2023"], ["status", "--year", "2023", "--json"], ["history"]):
            capsys.readouterr()
            argv = [*command, "--db", s.url(path)]
            obs = measured(lambda a=argv: Observation(f"exit {_exit_code(a)}", 0, 0), 60)
            out, err = capsys.readouterr()
            if obs.outcome != "exit 0" or "Traceback" in out + err:
                failures.append(f"{path} `{' '.join(command)}`: {obs.outcome} {obs.detail} {(out + err)[-160:]!r}")
    if s.status_broken_by:
        failures.append(f"`status` first failed after {s.status_broken_by}")
    assert not failures, failures


def test_corpus_is_complete() -> None:
    """At least 80 files, each class of issue 8 present, and every committed file listed."""
    classes = {e["class"] for e in MANIFEST["files"]}
    assert len(MANIFEST["files"]) >= 80
    assert {
        "breaking",
        "misread",
        "correction",
        "bomb",
        "database",
        "output",
        "damaged",
        "period",
        "valid",
        "format",
    } <= classes
    listed = {e["file"] for e in MANIFEST["files"]}
    on_disk = {p.name for p in BAD.iterdir() if p.name != "manifest.json"}
    assert listed == on_disk
