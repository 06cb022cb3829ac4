"""Web app speed: the Overview page against a blank one-metric Streamlit page, in-process with AppTest.

The database is ``bench_status``'s: 10 years × 2,000 units × 4 quarters × 2 metrics (160,000 figures) with
group targets, plus unit targets for the latest year and an admin account. Both pages run once, then
``--reruns`` times (warm caches, as a user sees them when clicking around); the medians are compared.
Goal: the overview rerun costs at most 30 × the blank page's; the script exits 1 when it does not.
Run: ``make bench`` or ``python benchmarks/bench_app.py [--units 2000] [--years 10] [--reruns 10]``.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench_status import build  # benchmarks/ is the script's directory, so its sibling imports
from sqlalchemy import insert
from streamlit.testing.v1 import AppTest

from dashboard.auth.accounts import create_user
from dashboard.auth.roles import Actor
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing
from dashboard.storage.tables import targets

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
ADMIN = "bench-admin"
GOAL = 30.0  # overview rerun ≤ 30 × the blank page's


def add_unit_targets(url: str, units: int, year: int, seed: int = 12) -> None:
    """Revenue and profit targets for every unit of ``year`` (amounts in yuan, 5 % growth floor), version 1.

    One bulk insert into the targets table: ``repository.add_target_version`` reads the year's target history
    on every call, so 4,000 calls take about a minute, which is not what this benchmark measures."""
    rng = random.Random(seed)
    set_at = repository.now()
    rows = [
        {
            "year": year,
            "metric": metric,
            "unit_code": f"U{i:05d}",
            "version": 1,
            "amount": Decimal(rng.randint(top // 1000, top)),
            "growth_floor": Decimal("0.05"),
            "base_amount": None,
            "set_by": "bench",
            "set_at": set_at,
            "reason": "",
        }
        for i in range(units)
        for metric, top in (("revenue", 10**9), ("profit", 10**8))
    ]
    engine = open_database(url)
    with writing(engine) as conn:
        conn.execute(insert(targets), rows)
    engine.dispose()


def add_admin(url: str) -> None:
    engine = open_database(url)
    create_user(engine, ADMIN, "Bench admin", "admin", "Quarterly-figures-2023", None, Actor("bench", "admin"))
    engine.dispose()


def timed_runs(at: AppTest, reruns: int) -> tuple[float, list[float]]:
    """The first run's seconds, then each rerun's; stops with the app's exception if a run raised one."""
    times = []
    for _ in range(reruns + 1):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            sys.exit(f"the page raised: {at.exception[0].message}")
    return times[0], times[1:]


def quiet() -> None:
    """AppTest, set up outside a script run, warns "missing ScriptRunContext" (harmless, in Streamlit's words);
    Streamlit resets its loggers' levels when its configuration loads, so this is called before each use."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)


def blank_page(reruns: int) -> tuple[float, list[float]]:
    quiet()
    return timed_runs(AppTest.from_string("import streamlit as st\nst.metric('x', 1)"), reruns)


def overview(url: str, reruns: int) -> tuple[float, list[float], str]:
    """Cold first run, the reruns, and the page title seen (to show that the overview really ran)."""
    os.environ["DASHBOARD_DATABASE_URL"] = url  # before the AppTest exists: the app reads it on each run
    quiet()
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["auth.username"] = ADMIN
    cold, warm = timed_runs(at, reruns)
    title = at.title[0].value if at.title else "(no title)"
    return cold, warm, title


def build_database(url: str, units: int, years: int) -> int:
    start = time.perf_counter()
    year = build(url, units, years)
    add_unit_targets(url, units, year)
    add_admin(url)
    print(
        f"database: {years} years x {units} units x 4 quarters x 2 metrics = {years * units * 8:,} figures, "
        f"group and {units:,} unit targets for {year} (built in {time.perf_counter() - start:.1f} s)"
    )
    return int(year)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--reruns", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        build_database(url, args.units, args.years)
        blank_first, blank = blank_page(args.reruns)
        cold, warm, title = overview(url, args.reruns)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    blank_median, warm_median = statistics.median(blank), statistics.median(warm)
    ratio = warm_median / blank_median
    print(f"blank page (one st.metric): first run {blank_first:.3f} s; rerun median: {blank_median:.4f} s")
    print(f"overview «{title}»: cold first run {cold:.2f} s")
    print(
        f"overview rerun median of {args.reruns}: {warm_median:.3f} s "
        f"(min {min(warm):.3f}, max {max(warm):.3f}); peak RSS {peak:.0f} MB"
    )
    print(f"ratio overview / blank: {ratio:.1f}x")
    print(f"{'PASS' if ratio <= GOAL else 'FAIL'}: goal overview rerun <= {GOAL:.0f}x the blank page's")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
