"""Concurrent-import trials: three processes import different files at the same moment; each upload must be
stored whole or refused with a message (exit 2, no traceback), and the database must pass its integrity checks.

    python -m reliability.concurrent_trials --backend sqlite --trials 100
    python -m reliability.concurrent_trials --backend postgresql --trials 100
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reliability.common import integrity_failures, scratch_database, start_import, stored_uploads, workbook_csv


@dataclass
class ConcurrentReport:
    backend: str
    trials: int = 0
    exits: Counter[str] = field(default_factory=Counter)  # "stored" / "refused" per import
    stored: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"concurrent-import trials [{self.backend}]: {self.trials} trials of 3 imports, "
            f"{self.exits['stored']} stored, {self.exits['refused']} refused with a message, {self.stored} uploads "
            f"in the log; {len(self.failures)} failures (tracebacks, other exits, integrity)"
        )


def run_trials(backend: str, trials: int, rows: int = 400, processes: int = 3) -> ConcurrentReport:
    report = ConcurrentReport(backend)
    with scratch_database(backend) as url, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for trial in range(trials):
            started = []
            for stream in range(processes):
                path = folder / f"t{trial}s{stream}.csv"
                path.write_bytes(workbook_csv(trial, rows, stream))
                started.append(start_import(url, path))
            for stream, process in enumerate(started):
                out, err = process.communicate(timeout=300)
                text = (out + err).decode("utf-8", "replace")
                if process.returncode == 0:
                    report.exits["stored"] += 1
                elif process.returncode == 2 and err.strip() and "Traceback" not in text:
                    report.exits["refused"] += 1
                else:
                    report.failures.append(f"trial {trial} import {stream}: exit {process.returncode}: {text[-300:]!r}")
            report.trials += 1
            report.failures += [f"trial {trial}: {f}" for f in integrity_failures(url)]
        report.stored = stored_uploads(url)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--rows", type=int, default=400)
    args = parser.parse_args()
    report = run_trials(args.backend, args.trials, args.rows)
    for failure in report.failures[:20]:
        print("  FAIL", failure)
    print(report.line())
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
