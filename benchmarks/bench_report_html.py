"""Gap report HTML and PDF speed: a hand-built group report of 15 and of 2,000 member units (two metrics, the
units tables, the nine report charts), written as HTML and printed to PDF by Chromium.

Reports wall time (one run each: the PDF starts its own Chromium), the CPU seconds Chromium and Playwright's
driver used (sampled from /proc), pages, sizes and peak memory (this process, and the largest child process).
Aims: HTML < 2 s; PDF < 5 s for 15 units and < 10 s for 2,000. Fails (exit 1) when a PDF or an HTML takes
over twice its aim.
Run: ``python benchmarks/bench_report_html.py [--units 15 2000] [--lang zh]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.reports.html import write_html
from dashboard.reports.pdf import write_pdf
from tests.reports.html_fixture import sample_report

AIMS = {"html": 2.0, "pdf_small": 5.0, "pdf_large": 10.0}


def _kind(pid: int) -> str:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    kind = next((a.split(b"=", 1)[1].decode() for a in args if a.startswith(b"--type=")), "")
    if not kind and b"--type=" in args[0]:  # Chromium rewrites its command line into one string
        kind = args[0].split(b"--type=", 1)[1].split()[0].decode()
    words = args[0].split()
    return kind or (Path(words[0].decode(errors="replace")).name.split("_")[0] if words else "?")


class TreeCpu:
    """CPU seconds used by this process's descendants (Playwright's driver, Chromium and its helpers), sampled
    from /proc every 50 ms while running: on a shared machine wall time says more about the neighbours."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.kinds: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeCpu:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())

    def by_kind(self) -> str:
        kinds: dict[str, float] = {}
        for pid, cpu in self.seen.items():
            kinds[self.kinds.get(pid, "?")] = kinds.get(self.kinds.get(pid, "?"), 0.0) + cpu
        return ", ".join(f"{k} {v:.1f}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 0.05)

    def _sample(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        while not self._stop.wait(0.05):
            stats: dict[int, tuple[int, float]] = {}
            for entry in os.listdir("/proc"):
                try:
                    fields = (
                        Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split() if entry.isdigit() else []
                    )
                except OSError:
                    continue
                if fields:
                    stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
            ours = {os.getpid()}
            for _ in range(6):  # driver → chromium → zygote → renderer …
                ours |= {pid for pid, (parent, _) in stats.items() if parent in ours}
            for pid in ours - {os.getpid()}:
                self.seen[pid] = max(self.seen.get(pid, 0.0), stats[pid][1])
                if pid not in self.kinds:
                    self.kinds[pid] = _kind(pid)


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
    with TreeCpu() as tree:
        start = time.perf_counter()
        pdf = write_pdf(report)
        pdf_s = time.perf_counter() - start
    cpu = tree.seconds
    print(f"      CPU by process: {tree.by_kind()}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{units:>5} units {lang}: HTML {html_s:5.2f} s ({len(html) / 1e6:.1f} MB) | PDF {pdf_s:5.2f} s "
        f"({_pages(pdf)} pages, {len(pdf) / 1e6:.1f} MB, CPU of Chromium and the driver {cpu:.1f} s) "
        f"| peak RSS {own:.0f} MB, "
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
