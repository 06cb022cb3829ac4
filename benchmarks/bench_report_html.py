"""Gap report HTML and PDF speed: a hand-built group report of 15 and of 2,000 member units (two metrics, the
units tables, the nine report charts), written as HTML and printed to PDF by Chromium.

Reports wall time (one run each: the PDF starts its own Chromium), the CPU seconds Chromium and Playwright's
driver used, pages, sizes and peak memory (this process, and the largest child process). Aims: HTML < 2 s;
PDF < 5 s for 15 units and < 10 s for 2,000. Fails (exit 1) when a PDF or an HTML takes over twice its aim.
Run: ``python benchmarks/bench_report_html.py [--units 15 2000] [--lang zh]``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.reports.html import write_html
from dashboard.reports.pdf import write_pdf
from tests.reports.html_fixture import sample_report

AIMS = {"html": 2.0, "pdf_small": 5.0, "pdf_large": 10.0}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _pages(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=False).stdout
    return info.split("Pages:")[1].split()[0] if "Pages:" in info else "?"


def measure(units: int, lang: str) -> bool:
    """One report: prints its figures; True when within twice the aims."""
    report = sample_report(units, lang)
    start = time.perf_counter()
    html = write_html(report)
    html_s = time.perf_counter() - start
    cpu = _children_cpu()
    start = time.perf_counter()
    pdf = write_pdf(report)
    pdf_s = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{units:>5} units {lang}: HTML {html_s:5.2f} s ({len(html) / 1e6:.1f} MB) | PDF {pdf_s:5.2f} s "
        f"({_pages(pdf)} pages, {len(pdf) / 1e6:.1f} MB, Chromium+driver CPU {cpu:.1f} s) | peak RSS {own:.0f} MB, "
        f"largest child {child:.0f} MB"
    )
    pdf_aim = AIMS["pdf_small"] if units <= 15 else AIMS["pdf_large"]
    return html_s <= 2 * AIMS["html"] and pdf_s <= 2 * pdf_aim


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, nargs="+", default=[15, 2000])
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    args = parser.parse_args()
    ok = [measure(n, args.lang) for n in args.units]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    raise SystemExit(main())
