"""Status speed: ``status`` for a database of 10 years × 2,000 units × 4 quarters × 2 metrics (160,000 figures).

Times the in-process work after start-up (load the figures it needs, compute every figure for the group and
all units, build the JSON), median of 5 runs, and reports the peak memory of the process.
Run: ``make bench`` or ``python benchmarks/bench_status.py [--units 2000] [--years 10]``.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from dashboard.analytics.engine import Settings
from dashboard.domain import Period
from dashboard.status import load_model, to_json
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing
from dashboard.storage.repository import NewFigure, NewUnit, UploadEntry


def build(url: str, units: int, years: int, seed: int = 11) -> int:
    """Fill the database; returns the last year."""
    rng = random.Random(seed)
    engine = open_database(url)
    first = 2024 - years
    with writing(engine) as conn:
        repository.save_units(
            conn, [NewUnit(f"U{i:05d}", f"成员单位{i}", f"Unit {i}", "", "member") for i in range(units)]
        )
        for year in range(first, 2024):
            new = []
            for i in range(units):
                revenue, profit = Decimal(rng.randint(10**6, 10**9)), Decimal(rng.randint(-(10**7), 10**8))
                for q in range(1, 5):
                    new.append(NewFigure(f"U{i:05d}", Period(year, q), "revenue", revenue * q / 4, None, "ytd"))
                    new.append(NewFigure(f"U{i:05d}", Period(year, q), "profit", profit * q / 4, None, "ytd"))
            upload = repository.log_upload(conn, UploadEntry("import", "stored", "bench", periods=[Period(year, 4)]))
            repository.add_figure_versions(conn, upload, new)
        for metric, amount in (("revenue", Decimal(10**12)), ("profit", Decimal(10**11))):
            repository.add_target_version(
                conn,
                year=2023,
                metric=metric,
                unit_code="",
                amount=amount,
                growth_floor=Decimal("0.05"),
                base_amount=None,
                set_by="bench",
                reason="",
            )
    engine.dispose()
    return 2023


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        start = time.perf_counter()
        year = build(url, args.units, args.years)
        print(
            f"database: {args.years} years x {args.units} units x 4 quarters x 2 metrics "
            f"= {args.years * args.units * 8:,} figures (built in {time.perf_counter() - start:.1f} s)"
        )
        engine = open_database(url)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            with engine.connect() as conn:
                model = load_model(conn, year, None, settings=Settings())
            to_json(model.report, model.units)
            runs.append(time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        median = statistics.median(runs)
        print(
            f"status {year} (load + compute + JSON), median of 5: {median:.3f} s "
            f"(min {min(runs):.3f}, max {max(runs):.3f}); peak RSS {peak:.0f} MB"
        )
        print(f"{'PASS' if median < 0.5 else 'FAIL'}: goal < 0.5 s beyond process start")


if __name__ == "__main__":
    main()
