"""Fuzz ``dashboard.ingest.read_upload`` with mutated bytes of valid files: it must always answer with a
ParsedUpload (problems as data), never raise, and never hang.

Mutations: flip, insert and delete bytes of a whole .xlsx or .csv, and the same inside one XML part of the
package, re-zipped (so the zip layer holds and the XML reader sees the damage). ``make test`` runs about 200
examples; ``make reliability`` sets DASHBOARD_FUZZ_EXAMPLES much higher. Each test prints how many inputs it ran
and how many reached the reader's catch-all (an unexpected failure: "file damaged" before issue 8, an
"internal error" with a reference after it).
"""

from __future__ import annotations

import io
import logging
import os
import zipfile
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest import ParsedUpload, read_upload
from tests.data.corpus_check import budget
from tests.data.corpus_parts import FIXED_TIME, book, csv_text
from tests.data.make_bad_corpus import STD_CSV_META, STD_CSV_ROWS

EXAMPLES = int(os.environ.get("DASHBOARD_FUZZ_EXAMPLES", "200"))
XLSX = book()
CSV = csv_text([*STD_CSV_META, *STD_CSV_ROWS])
PARTS = [n for n in zipfile.ZipFile(io.BytesIO(XLSX)).namelist() if n.endswith((".xml", ".rels"))]
SETTINGS = settings(
    max_examples=max(1, EXAMPLES // 3),
    deadline=None,
    database=None,
    derandomize=os.environ.get("DASHBOARD_FUZZ_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Edit = tuple[str, float, bytes]
edits = st.lists(
    st.tuples(st.sampled_from(["flip", "insert", "delete"]), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    min_size=1,
    max_size=6,
)
# Bytes that matter to the parsers: XML syntax, digits, separators, quotes, the zip and BOM magic.
special = st.sampled_from(
    [
        b"<",
        b">",
        b"&",
        b'"',
        b"/",
        b"<!DOCTYPE x>",
        b"&#0;",
        b"9" * 12,
        b"-",
        b",",
        b";",
        b"\t",
        b"\n",
        b"\r",
        b"\x00",
        b"\xef\xbb\xbf",
        b"PK\x03\x04",
        b"1E+308",
        b"\xff\xfe",
        "报告期".encode(),
        "万元".encode(),
    ]
)


def mutate(data: bytes, changes: list[Edit], extra: bytes = b"") -> bytes:
    out = bytearray(data)
    for kind, where, payload in changes:
        at = int(where * len(out)) if out else 0
        at = min(at, max(len(out) - 1, 0))
        if kind == "flip" and out:
            out[at] ^= payload[0] or 0xFF
        elif kind == "insert":
            out[at:at] = payload + extra
        elif kind == "delete":
            del out[at : at + len(payload)]
    return bytes(out)


def rezip(data: bytes, part: str, change: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change if info.filename == part else source.read(info.filename)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


class Counter(logging.Handler):
    """Counts the reader's catch-all: its log records ('unexpected failure reading …') or internal_error problems."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.unexpected = 0
        self.runs = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.unexpected += 1


@pytest.fixture
def counter(capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest) -> Iterator[Counter]:
    handler = Counter()
    log = logging.getLogger("dashboard.ingest")
    log.addHandler(handler)
    yield handler
    log.removeHandler(handler)
    with capsys.disabled():
        print(f"\n{request.node.name}: {handler.runs} executions, {handler.unexpected} reached the catch-all")


def check(data: bytes, name: str, counter: Counter) -> None:
    counter.runs += 1
    with budget(20):
        parsed = read_upload(data, name)
    assert isinstance(parsed, ParsedUpload)
    assert parsed.ok or parsed.errors  # an answer either way
    for problem in parsed.problems:
        assert problem.code and isinstance(problem.code, str)
    if any(p.code == "internal_error" for p in parsed.problems):  # the reader's own bug, with a reference
        counter.unexpected += 1


def test_fuzz_whole_xlsx(counter: Counter) -> None:
    @SETTINGS
    @given(edits, special)
    def run(changes: list[Edit], extra: bytes) -> None:
        check(mutate(XLSX, changes, extra), "fuzz.xlsx", counter)

    run()


def test_fuzz_xml_parts(counter: Counter) -> None:
    archive = zipfile.ZipFile(io.BytesIO(XLSX))
    originals = {name: archive.read(name) for name in PARTS}

    @SETTINGS
    @given(st.sampled_from(PARTS), edits, special)
    def run(part: str, changes: list[Edit], extra: bytes) -> None:
        check(rezip(XLSX, part, mutate(originals[part], changes, extra)), "fuzz.xlsx", counter)

    run()


def test_fuzz_csv(counter: Counter) -> None:
    @SETTINGS
    @given(edits, special)
    def run(changes: list[Edit], extra: bytes) -> None:
        check(mutate(CSV, changes, extra), "fuzz.csv", counter)

    run()
