"""Gap report speed: a group report on 2,000 units as xlsx, HTML and PDF, and a 15-unit report as PDF.

The database is ``bench_status``'s shape (2 years × N units × 4 quarters × 2 metrics, group targets) with unit
targets for 2023. Each case runs in its own process (so its peak memory is its own): load the read model, build
the report, write the format — what a user waits for after clicking Export — median of 3 runs.
Goals: 2,000 units: xlsx < 2 s, HTML < 2 s, PDF < 10 s; 15 units: PDF < 5 s. Exits 1 when one is missed;
a PDF case is skipped (and said so) when Chromium is not installed.
Run: ``make bench`` or ``python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

CASES = ((2000, "xlsx", 2.0), (2000, "html", 2.0), (2000, "pdf", 10.0), (15, "pdf", 5.0))


def one(url: str, fmt: str, runs: int) -> dict[str, object]:
    """Time one format in this process: load model → build report → write, ``runs`` times."""
    from dashboard.analytics.engine import GROUP
    from dashboard.reports.model import ReportOptions, build_report
    from dashboard.reports.writers import write
    from dashboard.status import load_model
    from dashboard.storage.engine import open_database

    engine = open_database(url)
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        with engine.connect() as conn:
            model = load_model(conn, 2023, None, GROUP)
        options = ReportOptions(group_name="基准集团", generated_at=datetime.now(UTC), prepared_by="bench")
        data = write(build_report(model, options), fmt)
        times.append(time.perf_counter() - start)
        size = len(data)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"median_s": statistics.median(times), "bytes": size, "peak_mb": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=2, metavar=("URL", "FORMAT"), help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], args.runs)))
        return 0
    from bench_app import add_unit_targets  # benchmarks/ is the script's directory
    from bench_status import build

    failed = False
    print(f"{'units':>6} {'format':>6} {'median s':>9} {'goal s':>7} {'peak MB':>8} {'size KB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for units in sorted({c[0] for c in CASES}):
            url = f"sqlite:///{Path(tmp) / f'bench{units}.db'}"
            build(url, units, 2)
            add_unit_targets(url, units, 2023)
            for n, fmt, goal in CASES:
                if n != units:
                    continue
                run = subprocess.run(
                    [sys.executable, __file__, "--one", url, fmt, "--runs", str(args.runs)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if run.returncode != 0:
                    if fmt == "pdf" and "PdfUnavailable" in run.stderr:
                        print(f"{units:>6} {fmt:>6}  skipped: Chromium is not installed")
                        continue
                    print(run.stderr[-2000:], file=sys.stderr)
                    failed = True
                    continue
                got = json.loads(run.stdout.strip().splitlines()[-1])
                ok = got["median_s"] < goal
                failed |= not ok
                print(
                    f"{units:>6} {fmt:>6} {got['median_s']:>9.2f} {goal:>7.1f} {got['peak_mb']:>8.0f} "
                    f"{got['bytes'] / 1024:>8.0f}{'' if ok else '  ABOVE GOAL'}"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
