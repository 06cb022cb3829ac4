"""Checks never hold the write lock: while a large file (about 50 MB) is being checked, how long do other
users' writes take? On SQLite and PostgreSQL; the goal is under 0.5 s for every write.

The check runs as another user would run it: in another process (a command-line dry run, or another web
server) and in a thread of this process (another session of the same web server, sharing its interpreter).
While it runs, this process makes small writes one after another — a target change, a period lock and unlock,
a small import — and times each. The check is then stopped (process) or waited for (thread).

Run: ``make bench`` or ``python benchmarks/bench_lock.py [--size-mb 48] [--writes 10] [--db sqlite|postgresql]``.
PostgreSQL is skipped with a note when no server answers on 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.imports import check_files, import_files
from dashboard.ingest import ReadOptions
from dashboard.locks import lock_period, unlock_period
from dashboard.storage.engine import open_database
from dashboard.targets import set_target

OUTPUT = Path(__file__).resolve().parent / "output"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
GOAL_SECONDS = 0.5
FINANCE, ADMIN = Actor("bench.finance", "finance"), Actor("bench.admin", "admin")
OPTIONS = ReadOptions(max_bytes=64 * 2**20)
HEADER = (
    "年度,季度,单位编码,单位名称,单位英文名称,上级单位编码,"
    "营业收入（本年累计）,营业收入（上年同期累计）,利润总额（本年累计）,利润总额（上年同期累计）,备注\n"
)
UNITS = 5_600  # × 8 quarters = 44,800 rows and 403,200 cells: inside every limit of the upload budget


def build_csv(path: Path, size_mb: float, seed: int = 11) -> None:
    """A multi-period CSV (8 quarters) of about ``size_mb`` MB that the budget allows (ingest/budget.py: at most
    50,000 rows and 500,000 cells): 5,600 units with long names and a remarks column that fills each line."""
    rng = random.Random(seed)
    per_line = int(size_mb * 2**20) // (UNITS * 8)
    with path.open("w", encoding="utf-8") as out:
        out.write("金额单位：万元\n" + HEADER)
        for unit in range(UNITS):
            name = f"第{unit}号成员单位" + "精密机电装备制造" * 18  # about 150 characters (the column holds 200)
            name_en = f"Member unit {unit} " + "precision electromechanical equipment " * 4
            lines = []
            for year in (2022, 2023):
                for quarter in (1, 2, 3, 4):
                    revenue = Decimal(rng.randint(100_000, 90_000_000)) / 100 * quarter
                    profit = Decimal(rng.randint(-500_000, 4_000_000)) / 100 * quarter
                    line = (
                        f"{year},{quarter},U{unit:07d},{name},{name_en},,{revenue},{revenue * 95 / 100:.2f},"
                        f"{profit},{profit * 9 / 10:.2f},"
                    )
                    remark = "x" * max(0, per_line - len(line.encode()) - 1)
                    lines.append(line + remark + "\n")
            out.write("".join(lines))


def small_file(i: int) -> bytes:
    rows = "".join(f"2024,1,S{u:03d},小单位{u},,,{100 + i}.5,90,{10 + i},9,\n" for u in range(20))
    return ("金额单位：万元\n" + HEADER + rows).encode()


@contextmanager
def database(kind: str) -> Iterator[str | None]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/bench.db"
        return
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        name = f"bench_lock_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        print(f"postgresql: skipped ({type(exc).__name__}: no server on 127.0.0.1:5432)")
        yield None
        return
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _check_in_child(url: str, path: str, started: threading.Event) -> None:
    engine = open_database(url)
    started.set()
    check_files(engine, [(Path(path).name, Path(path).read_bytes())], OPTIONS, FINANCE)


def _writes(engine: Engine, count: int) -> list[tuple[str, float]]:
    """Small writes of other users, one after another, each timed."""
    actions: list[tuple[str, Callable[[int], object]]] = [
        (
            "target",
            lambda i: set_target(
                engine,
                year=2024,
                metric="revenue",
                unit_code="",
                amount=Decimal(10**9 + i),
                growth_floor=None,
                base_amount=None,
                actor=ADMIN,
                reason="bench",
            ),
        ),
        ("lock", lambda i: lock_period(engine, Period(2021, 4), ADMIN, "bench")),
        ("unlock", lambda i: unlock_period(engine, Period(2021, 4), ADMIN, "bench")),
        ("import", lambda i: import_files(engine, [(f"small{i}.csv", small_file(i))], ReadOptions(), FINANCE)),
    ]
    timings = []
    for i in range(count):
        name, action = actions[i % len(actions)]
        start = time.perf_counter()
        action(i)
        timings.append((name, time.perf_counter() - start))
    return timings


def measure(url: str, path: Path, writes: int, mode: str) -> tuple[list[tuple[str, float]], bool]:
    """The writes' timings while a check runs in another process or thread; whether it still ran at the end."""
    engine = open_database(url)
    if mode == "process":
        started = multiprocessing.get_context("spawn").Event()
        worker = multiprocessing.get_context("spawn").Process(target=_check_in_child, args=(url, str(path), started))
        worker.start()
        started.wait(60)
        time.sleep(1.0)  # let it read into the file
        timings = _writes(engine, writes)
        running = worker.is_alive()
        worker.terminate()
        worker.join()
    else:
        done = threading.Event()

        def check() -> None:
            check_files(engine, [(path.name, path.read_bytes())], OPTIONS, FINANCE)
            done.set()

        thread = threading.Thread(target=check)
        thread.start()
        time.sleep(1.0)
        timings = _writes(engine, writes)
        running = not done.is_set()
        thread.join()
    engine.dispose()
    return timings, running


def report(kind: str, mode: str, timings: list[tuple[str, float]], running: bool) -> bool:
    worst = max(t for _, t in timings)
    median = statistics.median(t for _, t in timings)
    by_kind = ", ".join(
        f"{name} {max(t for n, t in timings if n == name) * 1000:.0f} ms"
        for name in dict.fromkeys(n for n, _ in timings)
    )
    ok = worst < GOAL_SECONDS and running
    print(
        f"{kind:<10} check in a {mode:<7}: {len(timings)} writes, median {median * 1000:.0f} ms, worst "
        f"{worst * 1000:.0f} ms ({by_kind}); check still running: {'yes' if running else 'NO'}  "
        f"{'PASS' if ok else 'FAIL'} (goal < {GOAL_SECONDS} s)"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=48.0)
    parser.add_argument("--writes", type=int, default=8)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument("--mode", choices=("process", "thread"), action="append")
    args = parser.parse_args()
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"lock_{args.size_mb:g}mb_budgeted.csv"  # within the upload budget (an older cache was not)
    if not path.exists():
        build_csv(path, args.size_mb)
    print(f"file checked: {path.name}, {path.stat().st_size / 2**20:.1f} MB")
    results = []
    for kind in args.db or ["sqlite", "postgresql"]:
        with database(kind) as url:
            if url is None:
                continue
            for mode in args.mode or ["process", "thread"]:
                timings, running = measure(url, path, args.writes, mode)
                results.append(report(kind, mode, timings, running))
    raise SystemExit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
