"""Hostile files against the whole command: time and peak memory of ``python -m dashboard import FILE --dry-run``.

Each file (built by ``tests/ingest/hostile.py``: zip and size bombs, giant texts, huge counts) runs in its own
process, measured from outside by GNU time (wall time, peak RSS). Two legitimate workbooks run beside them as
controls: the import benchmark's 2,000 units × 8 quarters, and 6,000 units × 8 quarters (48,000 rows, near
the row limit). Fails when a bomb takes over 2 s beyond the command's start-up (the same command on a small
valid file, measured first), any file over 30 s or 512 MB in all, a hostile file is not refused (exit 2),
or a control is not accepted (exit 0).
Run: ``make bench`` or ``python benchmarks/bench_hostile.py [--only NAME]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests.ingest.hostile import HOSTILE  # noqa: E402
from tests.workbooks import flash  # noqa: E402

BOMB_SECONDS, ANY_SECONDS, ANY_MB = 2.0, 30.0, 512
TIME = shutil.which("time", path="/usr/bin:/bin") or "/usr/bin/time"
# legitimate workbooks (units × 8 quarters): the import benchmark's, and the largest the row limit allows
CONTROLS = {"benchmark 2,000 × 8 (legitimate)": 2000, "largest allowed 6,000 × 8 (48,000 rows)": 6000}


def run_import(path: Path, db: str) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MB, exit code, first line of output) of one dry-run import in a fresh process.

    Measured by ``/usr/bin/time`` (GNU time): a child's own ``ru_maxrss`` seen from this process would start
    at this process's size, which holds the hostile files.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        command = [TIME, "-f", "%e %M", "-o", report.name, sys.executable, "-m", "dashboard", "import", str(path)]
        command += ["--dry-run", "--db", db, "--lang", "en"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, errors="replace")
        wall, peak_kb = report.read().split()[-2:]
    lines = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    message = next((line for line in lines if line.startswith(("Error", "错误"))), lines[0] if lines else "")
    return float(wall), int(peak_kb) / 1024, done.returncode, message


def files(tmp: Path, only: str | None) -> list[tuple[str, Path, bool]]:
    """(name, path, is hostile) for every file to measure, written to ``tmp``."""
    chosen = [name for name in HOSTILE if only is None or only.lower() in name.lower()]
    out: list[tuple[str, Path, bool]] = []
    for name in chosen:
        build, filename, _ = HOSTILE[name]
        path = tmp / filename
        path.write_bytes(build())
        out.append((name, path, True))
    for label, units in CONTROLS.items():
        if only is None or only.lower() in label.lower():
            from bench_import import OUTPUT, build_workbook

            control = OUTPUT / f"flash_{units}x8.xlsx"
            if not control.exists():
                OUTPUT.mkdir(exist_ok=True)
                build_workbook(control, units)
            out.append((label, control, False))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="measure only the files whose name contains this")
    args = parser.parse_args()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = f"sqlite:///{tmp}/bench.db"
        (tmp / "warm.xlsx").write_bytes(flash())
        run_import(tmp / "warm.xlsx", db)  # creates the schema
        baseline = min(run_import(tmp / "warm.xlsx", db) for _ in range(3))  # a small valid file: start-up
        start_up = baseline[0]
        print(f"{'file':42} {'size MB':>8} {'wall s':>7} {'- start':>8} {'peak MB':>8} exit  message")
        print(f"{'(small valid file: start-up)':42} {0.0:8.2f} {start_up:7.2f} {0.0:8.2f} {baseline[1]:8.0f}")
        for name, path, hostile in files(tmp, args.only):
            seconds, peak, code, message = run_import(path, db)
            size, own = path.stat().st_size / 2**20, seconds - start_up
            print(f"{name:42} {size:8.2f} {seconds:7.2f} {own:8.2f} {peak:8.0f} {code:>4}  {message[:100]}")
            if hostile and own > BOMB_SECONDS:  # the file's own time: the command's start-up is not the file's
                failures.append(f"{name}: {own:.1f} s beyond start-up > {BOMB_SECONDS} s")
            if seconds > ANY_SECONDS or peak > ANY_MB:
                failures.append(f"{name}: {seconds:.1f} s / {peak:.0f} MB over {ANY_SECONDS} s / {ANY_MB} MB")
            if code != (2 if hostile else 0):
                failures.append(f"{name}: exit {code}")
    print("PASS" if not failures else "FAIL:\n  " + "\n  ".join(failures))
    if failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
