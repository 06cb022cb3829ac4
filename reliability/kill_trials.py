"""kill -9 trials: an import in a subprocess is killed with SIGKILL at a random moment; afterwards no upload may be
half-imported, the database must pass its integrity checks, and every stored upload's original must be kept.

    python -m reliability.kill_trials --backend sqlite --trials 200
    python -m reliability.kill_trials --backend postgresql --trials 200

Prints the counts (killed before the commit, finished before the kill) and every failure; exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import random
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from reliability.common import integrity_failures, scratch_database, start_import, stored_uploads, workbook_csv


@dataclass
class KillReport:
    backend: str
    trials: int = 0
    killed: int = 0  # SIGKILL arrived while the import ran
    finished: int = 0  # the import had already exited
    stored: int = 0  # uploads stored in the end
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"kill -9 trials [{self.backend}]: {self.trials} trials, {self.killed} killed mid-run, "
            f"{self.finished} finished first, {self.stored} uploads stored; "
            f"{len(self.failures)} failures (half-imported uploads, integrity, lost originals)"
        )


def calibrate(url: str, folder: Path, rows: int) -> float:
    """Seconds one import takes end to end (process start included)."""
    path = folder / "calibrate.csv"
    path.write_bytes(workbook_csv(10_000, rows))
    start = time.monotonic()
    start_import(url, path).communicate(timeout=300)
    return time.monotonic() - start


def run_trials(backend: str, trials: int, rows: int = 1500, seed: int = 8) -> KillReport:
    """``trials`` imports killed at a uniformly random moment within one import's duration."""
    rng = random.Random(seed)
    report = KillReport(backend)
    with scratch_database(backend) as url, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        span = calibrate(url, folder, rows)
        for trial in range(trials):
            path = folder / f"trial{trial}.csv"
            path.write_bytes(workbook_csv(trial, rows))
            process = start_import(url, path)
            time.sleep(rng.uniform(0.0, span * 1.1))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                report.killed += 1
            else:
                report.finished += 1
            process.communicate(timeout=300)
            report.trials += 1
            failures = integrity_failures(url)
            report.failures += [f"trial {trial}: {f}" for f in failures]
            if failures:
                break
        report.stored = stored_uploads(url)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--rows", type=int, default=1500, help="units per imported file")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    report = run_trials(args.backend, args.trials, args.rows, args.seed)
    for failure in report.failures:
        print("  FAIL", failure)
    print(report.line())
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
