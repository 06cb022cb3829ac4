"""Import speed over workbook shapes (issue 12, first step): the same 2,000 units × 8 quarters written
(a) by openpyxl with numbers, (b) by XlsxWriter, (c) with every amount as text, (d) as one file per quarter
imported together, (e) as CSV — each imported by the whole command-line process into a fresh database, against
a whole-process ``pandas.read_excel(engine="openpyxl")`` of the same file and, when installed, a bare
python-calamine read. Alternating rounds, median shown, with each process's peak RSS.

Run: ``python benchmarks/bench_shapes.py [--units 2000] [--rounds 5] [--db sqlite|postgresql|both]``.
Not yet part of ``make bench``: it prints the baseline the next steps of issue 12 are measured against.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output" / "shapes"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HEADER = [
    "年度",
    "季度",
    "单位编码",
    "单位名称",
    "营业收入（本年累计）",
    "营业收入（上年同期）",
    "利润总额（本年累计）",
    "利润总额（上年同期）",
]
QUARTERS = [(year, quarter) for year in (2022, 2023) for quarter in (1, 2, 3, 4)]


def rows(units: int, periods: list[tuple[int, int]], seed: int = 7) -> Iterator[list[object]]:
    """The benchmark's content: amounts in 万元 with two decimals, the same for every shape. Each unit has its
    own size and margin, and its year-to-date figures grow quarter by quarter as a real unit's do (random
    figures per quarter would make honest-looking files trip the amount-unit check)."""
    rng = random.Random(seed)
    sizes = [(rng.randint(100_000, 90_000_000) / 100, rng.uniform(-0.02, 0.08)) for _ in range(units)]
    for year, quarter in QUARTERS:
        for i, (size, margin) in enumerate(sizes):
            revenue = round(size * quarter * rng.uniform(0.97, 1.03) * (1.06 if year == 2023 else 1.0), 2)
            profit = round(revenue * margin, 2)
            if (year, quarter) in periods:
                yield [year, quarter, f"U{i:05d}", f"第{i}号成员单位有限公司", revenue, round(revenue * 0.95, 2),
                       profit, round(profit * 0.9, 2)]  # fmt: skip


def _head() -> list[list[object]]:
    return [["基准测试经营快报（多期间）"], ["金额单位：万元", None, "填报单位：基准集团"], [], HEADER]


def write_openpyxl(path: Path, units: int, periods: list[tuple[int, int]], as_text: bool = False) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    for line in _head():
        ws.append(line)
    for row in rows(units, periods):
        ws.append([f"{v:,.2f}" if as_text and isinstance(v, float) else v for v in row])
    wb.save(path)


def write_xlsxwriter(path: Path, units: int, periods: list[tuple[int, int]]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("数据")
    for r, row in enumerate([*_head(), *rows(units, periods)]):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    wb.close()


def write_csv(path: Path, units: int, periods: list[tuple[int, int]]) -> None:
    buffer = io.StringIO()
    out = csv.writer(buffer)
    for row in [*_head(), *rows(units, periods)]:
        out.writerow(["" if v is None else v for v in row])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def build_shapes(units: int) -> dict[str, list[Path]]:
    """Each shape's files (built once per size, kept under benchmarks/output/shapes/)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shapes: dict[str, list[Path]] = {}
    makers = {
        "openpyxl": ("xlsx", lambda p: write_openpyxl(p, units, QUARTERS)),
        "xlsxwriter": ("xlsx", lambda p: write_xlsxwriter(p, units, QUARTERS)),
        "text": ("xlsx", lambda p: write_openpyxl(p, units, QUARTERS, as_text=True)),
        "csv": ("csv", lambda p: write_csv(p, units, QUARTERS)),
    }
    for name, (ext, make) in makers.items():
        path = OUTPUT / f"{name}_{units}x8.{ext}"
        if not path.exists():
            make(path)
        shapes[name] = [path]
    per_quarter = []
    for year, quarter in QUARTERS:
        path = OUTPUT / f"quarter_{units}_{year}Q{quarter}.xlsx"
        if not path.exists():
            write_openpyxl(path, units, [(year, quarter)])
        per_quarter.append(path)
    shapes["per-quarter"] = per_quarter
    return shapes


def _fresh_database(kind: str, tmp: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp}/bench-{uuid.uuid4().hex[:8]}.db"
    from sqlalchemy import create_engine, text

    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def _migrated(url: str) -> str:
    from dashboard.storage.engine import open_database

    open_database(url).dispose()  # schema creation is not part of the import
    return url


def _child(kind: str, args: list[str]) -> None:
    """One measured process: ``import URL FILE…``, ``pandas FILE`` or ``calamine FILE``; prints seconds and RSS.
    Its whole life counts (module imports included), as a clerk's command would."""
    start = time.perf_counter()
    if kind == "import":
        from dashboard.cli import main

        code = main(["import", *args[1:], "--db", args[0], "--lang", "en"])
        if code != 0:
            raise SystemExit(f"import failed ({code})")
    elif kind == "pandas":
        import pandas as pd

        path = Path(args[0])
        if path.suffix == ".csv":
            pd.read_csv(path, skiprows=3)
        else:
            pd.read_excel(path, engine="openpyxl", skiprows=3)
    else:
        from python_calamine import CalamineWorkbook  # type: ignore[import-not-found]

        CalamineWorkbook.from_path(args[0]).get_sheet_by_index(0).to_python()
    print(
        json.dumps(
            {"seconds": time.perf_counter() - start, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        )
    )


def _run(kind: str, args: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", kind, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{kind} {args}: {out.stdout[-400:]}{out.stderr[-400:]}")
    measured: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    measured["wall"] = time.perf_counter() - start  # the interpreter's start included
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1:])
        return
    calamine = importlib.util.find_spec("python_calamine") is not None
    shapes = build_shapes(args.units)
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    print(f"{args.units} units x 8 quarters; median of {args.rounds}; whole processes; peak RSS per process")
    print(f"{'shape':<12} {'db':<10} {'import s':>9} {'openpyxl s':>10} {'ratio':>6} {'calamine s':>10} {'RSS MB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for shape, files in shapes.items():
            for kind in kinds:
                runs: dict[str, list[dict[str, float]]] = {"import": [], "pandas": [], "calamine": []}
                for _ in range(args.rounds):
                    url = _migrated(_fresh_database(kind, tmp))
                    runs["import"].append(_run("import", [url, *map(str, files)]))
                    runs["pandas"].append(_run("pandas", [str(files[0])]))
                    if calamine and files[0].suffix == ".xlsx":
                        runs["calamine"].append(_run("calamine", [str(files[0])]))
                seconds = {k: statistics.median(r["wall"] for r in v) if v else None for k, v in runs.items()}
                reading = (seconds["pandas"] or 0) * (len(files) if shape == "per-quarter" else 1)
                ratio = (seconds["import"] or 0) / reading if reading else float("nan")
                cal = f"{seconds['calamine']:.2f}" if seconds["calamine"] else "–"
                rss = max(r["rss"] for r in runs["import"])
                print(
                    f"{shape:<12} {kind:<10} {seconds['import']:>9.2f} {reading:>10.2f} {ratio:>6.2f}"
                    f" {cal:>10} {rss:>7.0f}"
                )
    if not calamine:
        print("python-calamine is not installed: its column shows –")


if __name__ == "__main__":
    main()
