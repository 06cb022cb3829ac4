"""The xlsx and CSV writers alone, on a hand-built gap report of N units × 2 metrics (no database, no report
model): wall and CPU time (median of 3), the bytes written, Python's peak allocation while writing and the
process's peak RSS. ``bench_report.py`` times the whole path (load, build, write); this one isolates the writers.
Run: ``python benchmarks/bench_report_writers.py [--units 2000]``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.reports.content import GapReport
from dashboard.reports.csvtable import write_csv
from dashboard.reports.xlsx import write_xlsx
from tests.reports.xlsx_fixture import make_report


def measure(writer: Callable[[GapReport], bytes], report: GapReport, runs: int) -> tuple[float, float, int, float]:
    """(median wall s, median CPU s, bytes, peak MB allocated by Python during one write)."""
    wall, cpu, size = [], [], 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        size = len(writer(report))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    tracemalloc.start()
    writer(report)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(wall), statistics.median(cpu), size, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    report = make_report(units=args.units)
    print(f"{'format':>6} {'wall s':>7} {'CPU s':>6} {'size KB':>8} {'alloc MB':>9}")
    for name, writer in (("xlsx", write_xlsx), ("csv", write_csv)):
        wall, cpu, size, peak = measure(writer, report, args.runs)
        print(f"{name:>6} {wall:>7.2f} {cpu:>6.2f} {size / 1024:>8.0f} {peak:>9.1f}")
    print(f"peak RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
