"""Summarise a corpus report (JSON lines written by tests/test_bad_corpus.py with DASHBOARD_CORPUS_REPORT set):
per database and path, how many files got their expected outcome, then each file that did not.

    python reliability/corpus_summary.py corpus-report.jsonl [--markdown]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "corpus-report.jsonl")
    if not path.exists():
        print(f"{path}: no report (run the corpus test with DASHBOARD_CORPUS_REPORT={path})")
        return 1
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    wrong: dict[str, list[str]] = defaultdict(list)
    for r in lines:
        key = (r["backend"], r["path"])
        totals[key][0] += 1
        if not r["failures"]:
            totals[key][1] += 1
        else:
            wrong[r["file"]].append(f"{r['backend']}/{r['path']}: {r['failures'][0][:160]}")
    for (backend, way), (n, ok) in sorted(totals.items()):
        print(f"{backend:<10} {way:<13} {ok:>4}/{n} files as expected, {n - ok} not")
    print(f"{len(wrong)} distinct files with a wrong outcome somewhere:")
    by_file = {r["file"]: r for r in lines}
    for name in sorted(wrong, key=lambda n: (by_file[n]["class"], n)):
        r = by_file[name]
        print(
            f"- [{r['class']}] {name} (expected {r['expected']}): {wrong[name][0]}"
            + (f" (+{len(wrong[name]) - 1} more)" if len(wrong[name]) > 1 else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
