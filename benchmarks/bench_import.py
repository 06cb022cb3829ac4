"""Import speed and memory: our whole import (parse, validate, store in a fresh SQLite database) against
``pandas.read_excel(..., engine="openpyxl")`` merely reading the same file, side by side in one run.

The workbook: 2,000 units × 8 quarters (2022Q1–2023Q4) in one multi-period sheet (16,000 rows) with year
and quarter columns, metadata rows, Chinese headers and amounts in 万元 with two decimals.

Each measurement runs in its own process (so peak RSS is its own), three rounds alternating, median shown.
Run: ``make bench`` or ``python benchmarks/bench_import.py [--units 2000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output"


def build_workbook(path: Path, units: int, seed: int = 7) -> None:
    import openpyxl

    from dashboard.domain import DEFAULT_METRICS
    from dashboard.ingest.template import header_row

    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    ws.append(["基准测试经营快报（多期间）"])
    ws.append(["金额单位：万元", None, "填报单位：基准集团"])
    ws.append([])
    ws.append(["年度", "季度", *header_row(DEFAULT_METRICS)])
    for year in (2022, 2023):
        for quarter in (1, 2, 3, 4):
            for i in range(units):
                revenue = Decimal(rng.randint(100_000, 90_000_000)) / 100 * quarter
                profit = Decimal(rng.randint(-500_000, 4_000_000)) / 100 * quarter
                ws.append(
                    [
                        year,
                        quarter,
                        f"U{i:05d}",
                        f"第{i}号成员单位有限公司",
                        "",
                        float(revenue),
                        float(revenue * Decimal("0.95")),
                        float(profit),
                        float(profit * Decimal("0.9")),
                    ]
                )
    wb.save(path)


def measure_pandas(path: Path) -> dict[str, float]:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl", skiprows=3)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "rows": float(len(frame))}


def measure_import(path: Path) -> dict[str, float]:
    from dashboard.auth.roles import Actor
    from dashboard.imports import import_files
    from dashboard.ingest import ReadOptions
    from dashboard.storage.engine import open_database

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(f"sqlite:///{tmp}/bench.db")  # schema creation is not part of the import
        data = path.read_bytes()
        start = time.perf_counter()
        result = import_files(engine, [(path.name, data)], ReadOptions(), Actor("bench", "finance"))
        elapsed = time.perf_counter() - start
        if not result.stored:
            raise SystemExit(f"benchmark import failed: {[p.code for p in result.plans[0].errors][:5]}")
        return {"seconds": elapsed, "rows": float(len(result.plans[0].figures))}


def _child(kind: str, path: Path) -> None:
    figures = measure_pandas(path) if kind == "pandas" else measure_import(path)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def _run(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"flash_{args.units}x8.xlsx"
    if not path.exists():
        build_workbook(path, args.units)
    print(f"workbook: {path.name}, {path.stat().st_size / 2**20:.1f} MB, {args.units} units x 8 quarters")
    runs: dict[str, list[dict[str, float]]] = {"pandas": [], "import": []}
    for _ in range(args.rounds):
        for kind in runs:
            runs[kind].append(_run(kind, path))
    seconds = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    peak = {k: max(r["peak_rss_mb"] for r in v) for k, v in runs.items()}
    print(f"pandas.read_excel(openpyxl), read only : {seconds['pandas']:.2f} s   peak RSS {peak['pandas']:.0f} MB")
    print(
        f"dashboard import (parse+validate+store): {seconds['import']:.2f} s   peak RSS {peak['import']:.0f} MB"
        f"   ({runs['import'][0]['rows']:.0f} figures stored)"
    )
    ratio = seconds["import"] / seconds["pandas"]
    print(f"ratio import / pandas: {ratio:.2f}  ({'PASS' if ratio < 1 else 'FAIL'}: goal < 1.00)")


if __name__ == "__main__":
    main()
